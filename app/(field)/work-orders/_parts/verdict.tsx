"use client";
import { useFormatter, useTranslations } from "next-intl";
import type { TLicenseEntry } from "@/domain/licenses/check";
import type { TLicenseCheckResult } from "@/domain/work-orders/equipment";
import { isPassedVerdict } from "@/domain/work-orders/rules";

/** The registry's date as people read it ("2026/11/20"). */
export function useRegistryDate(): (iso: string | null) => string {
  const format = useFormatter();
  return (iso) => (iso ? format.dateTime(new Date(iso), { year: "numeric", month: "2-digit", day: "2-digit" }) : "");
}

/**
 * A license check's result in words, big: valid, expired, unknown or model mismatch, what the registry says of the
 * license, and where the verdict comes from (the phone's registry copy and its date, or the server's re-check).
 */
export function Verdict({
  result,
  entry,
  source,
  registryVersion,
  registrySize,
}: {
  result: TLicenseCheckResult;
  entry: TLicenseEntry | null;
  /** "phone": checked on this phone (offline, against its registry copy); "server": the server's re-check. */
  source: "phone" | "server";
  registryVersion: string | null;
  registrySize?: number;
}) {
  const t = useTranslations("workOrders.verdict");
  const date = useRegistryDate();
  const passed = isPassedVerdict(result);
  return (
    <div className="verdict" data-testid="verdict" data-result={result} data-tone={passed ? "ok" : "bad"}>
      <p className="verdict-word">{t(`result.${result}`)}</p>
      <p className="verdict-why">{t(`why.${result}`)}</p>
      {entry && (
        <dl className="scan-fields verdict-entry">
          <dt>{t("equipmentName")}</dt>
          <dd>{entry.equipmentName}</dd>
          <dt>{t("model")}</dt>
          <dd className="mono">{entry.model}</dd>
          <dt>{t("applicant")}</dt>
          <dd>{entry.applicant}</dd>
          <dt>{t("valid")}</dt>
          <dd className="mono">
            <span className="nowrap">{entry.issueDate}</span> – <span className="nowrap">{entry.expiryDate}</span>
          </dd>
        </dl>
      )}
      <p className="small verdict-source" data-testid="verdict-source">
        {registrySize === 0
          ? t("noRegistry")
          : source === "phone"
            ? registryVersion
              ? t("offline", { date: date(registryVersion) })
              : t("offlineUndated")
            : t("server", { date: date(registryVersion) })}
      </p>
    </div>
  );
}
