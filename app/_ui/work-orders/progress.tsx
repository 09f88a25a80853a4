"use client";
import { useTranslations } from "next-intl";
import { PROGRESS_STEPS, progressStep } from "@/domain/work-orders/desk";
import type { TWorkOrderStatus } from "@/domain/work-orders/status";

/** Where an order is on its way from assigned to closed: six segments, the reached ones filled. */
export function Progress({ status }: { status: TWorkOrderStatus }) {
  const t = useTranslations();
  const step = progressStep(status);
  const total = PROGRESS_STEPS.length;
  const colour = status === "cancelled" ? "var(--ink-2)" : status === "refused_to_sign" ? "var(--bad)" : "var(--ok)";
  return (
    <div
      role="img"
      aria-label={t("desk.progress", { step, total, status: t(`status.workOrder.${status}`) })}
      style={{ display: "grid", gridTemplateColumns: `repeat(${total}, 1fr)`, gap: 4, margin: "8px 0 4px" }}
      data-testid="progress"
      data-step={step}
    >
      {PROGRESS_STEPS.map((s, i) => (
        <span key={s} style={{ height: 8, borderRadius: 4, background: i < step ? colour : "var(--muted-bg)", border: "1px solid var(--line)" }} />
      ))}
    </div>
  );
}
