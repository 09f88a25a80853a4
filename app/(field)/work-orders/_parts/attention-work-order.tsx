"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { HashLink } from "@/app/_ui/hash-link";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { useDateTime } from "@/app/_ui/use-when";
import type { Rejected } from "@/client/sync/types";
import { asWorkOrderMutation } from "@/client/work-orders/queued";
import { LICENSE_CHECK_RESULTS, type TLicenseCheckResult } from "@/domain/work-orders/equipment";
import { useRegistryDate } from "./verdict";

const STEPS = ["transition", "checkEquipment", "selfCheck", "customerSign", "customerRefuse", "addPhoto"] as const;
type TStep = (typeof STEPS)[number];

const asVerdict = (v: unknown): TLicenseCheckResult | null =>
  typeof v === "string" && (LICENSE_CHECK_RESULTS as readonly string[]).includes(v) ? (v as TLicenseCheckResult) : null;
const asText = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/**
 * A refused or flagged work-order step on "Needs attention": what was tried on which order (with a link to it) and,
 * for an equipment check the server re-checked against a newer registry, both verdicts. `fallback` for anything else.
 */
export function WorkOrderAttempt({ rejection: r, fallback }: { rejection: Rejected; fallback: ReactNode }) {
  const t = useTranslations("workOrders");
  const when = useDateTime();
  const date = useRegistryDate();
  const step = r.name.startsWith("workOrder.") ? (r.name.slice("workOrder.".length) as TStep) : null;
  const queued = r.original ? asWorkOrderMutation(r.original) : null;
  const details = r.details ?? {};
  const workOrderId = queued?.workOrderId ?? asText(details.workOrderId);
  const wo = useReadCache(workOrderId ? `attention-wo:${workOrderId}` : null, (store) => store.get("workOrders", workOrderId ?? ""));
  if (!step || !STEPS.includes(step)) return <>{fallback}</>;
  const code = wo.data?.code ?? asText(details.workOrderCode);
  const phone = asVerdict(details.clientResult);
  const server = asVerdict(details.serverResult);
  const label =
    asText(details.label) ??
    (queued?.name === "workOrder.checkEquipment"
      ? queued.args.label.kind === "license_old"
        ? queued.args.label.licenseNo
        : queued.args.label.kind === "license_mark"
          ? queued.args.label.markCode
          : null
      : null);
  const type = asText(details.equipmentType) ?? (queued?.name === "workOrder.checkEquipment" ? queued.args.equipmentType : null);
  return (
    <div className="stack" data-testid="attention-work-order" data-step={step}>
      <p>
        <strong>{t(`attention.step.${step}`)}</strong>
        {queued?.name === "workOrder.transition" && (
          <>
            {" "}
            <StatusBadge kind="workOrder" status={queued.args.to} />
          </>
        )}
      </p>
      {(type || label) && (
        <p className="mono">
          {type && <span>{t(`equipmentType.${type as "telephone"}`)} </span>}
          {label}
        </p>
      )}
      {phone && server && (
        <p className="small" data-testid="attention-verdicts">
          {t("attention.verdicts", {
            phone: t(`verdict.result.${phone}`),
            phoneDate: date(asText(details.clientRegistryVersion)) || "—",
            server: t(`verdict.result.${server}`),
            serverDate: date(asText(details.serverRegistryVersion)) || "—",
          })}
        </p>
      )}
      {Array.isArray(details.differences) && details.differences.length > 0 && (
        <p className="small" data-testid="attention-differences">
          {t("attention.differences", { count: details.differences.length })}
        </p>
      )}
      {r.original && <p className="muted small">{t("attention.madeAt", { time: when(r.original.clientTime) })}</p>}
      {workOrderId && (
        <HashLink path="/work-orders" hash={workOrderId} className="rejection-item" data-testid="attention-open-wo">
          {t("attention.open", { code: code ?? "" })}
        </HashLink>
      )}
    </div>
  );
}
