"use client";
import { useLocale, useTranslations } from "next-intl";
import type { CachedPropertyRound } from "@/client/property/stores";
import type { TPbxApplication, TWorksProject } from "@/db/schema/property";
import { formatOperatorDay } from "@/domain/time/operator";

/**
 * What the round inspects against: the PBX application as the customer applied (《安装用户交换机申请检验表》), or the
 * works project and its agreement; the customer and where. Folded under the title, opened with one tap.
 */
export function CaseSummary({ round }: { round: CachedPropertyRound }) {
  const t = useTranslations("propertyPhone.summary");
  const tp = useTranslations("property");
  const locale = useLocale();
  const day = (d: string) => (d ? formatOperatorDay(d, locale) : "—");
  const rows: [string, string][] = [
    [t("customer"), round.customerName],
    [t("phone"), round.customerPhone],
    [t("address"), round.customerAddress],
  ];
  if (round.kind === "pbx") {
    const d = round.details as TPbxApplication;
    rows.push(
      [t("certificateNo"), d.certificateNo],
      [t("model"), d.model],
      ...(d.manufacturer ? [[t("manufacturer"), d.manufacturer] as [string, string]] : []),
      [t("capacity"), d.capacity],
      [t("standard"), d.standard],
      [t("connection"), d.connection],
      [t("power"), d.power],
      [t("ancillary"), d.ancillary || "—"],
      [t("trunkLines"), String(d.trunkLines)],
    );
  } else {
    const d = round.details as TWorksProject;
    rows.push(
      [t("projectName"), d.projectName],
      [t("constructorName"), d.constructorName],
      [t("scope"), d.scope],
      [t("agreementKind"), tp(`agreementKind.${d.agreementKind}`)],
      [t("parties"), d.parties],
      [t("period"), t("periodValue", { from: day(d.startsOn), to: day(d.endsOn) })],
    );
  }
  const headline =
    round.kind === "pbx"
      ? `${(round.details as TPbxApplication).model} · ${(round.details as TPbxApplication).certificateNo}`
      : (round.details as TWorksProject).projectName;
  return (
    <details className="card" data-testid="round-summary" style={{ padding: "10px 14px" }}>
      <summary style={{ minHeight: 48, display: "flex", alignItems: "center", fontWeight: 800, cursor: "pointer" }}>
        {t("headline", { what: t(round.kind), headline })}
      </summary>
      <dl className="facts" style={{ gridTemplateColumns: "minmax(0, 2fr) minmax(0, 3fr)" }}>
        {rows.map(([k, v]) => (
          <div key={k} style={{ display: "contents" }}>
            <dt style={{ whiteSpace: "normal" }}>{k}</dt>
            <dd style={{ overflowWrap: "anywhere" }}>{v}</dd>
          </div>
        ))}
      </dl>
      {round.kind === "pbx" && (round.details as TPbxApplication).registry?.expiryDate && (
        <p className="muted small">{t("expiry", { day: day((round.details as TPbxApplication).registry.expiryDate) })}</p>
      )}
    </details>
  );
}
