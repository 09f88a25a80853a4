"use client";
import { useTranslations } from "next-intl";
import type { TDecision } from "@/domain/instruments/names";

/** What the last decision was about: its message names that, not another kind's. */
export interface TDone {
  kind: "loan" | "scrap";
  decision: TDecision;
  tag: string;
}

/**
 * The outcome of a leader's last decision (a loan or a scrapping), said for what was decided; the card clears it when
 * the next decision starts, so no earlier message stays beside it.
 */
export function DecisionDone({ done }: { done: TDone | null }) {
  const t = useTranslations("instrumentsUi.approvals");
  if (!done) return null;
  return (
    <div className="alert" data-tone="ok" role="status" data-testid="decision-done" data-kind={done.kind} data-decision={done.decision}>
      {done.kind === "loan"
        ? t(done.decision === "approve" ? "approved" : "rejected")
        : t(done.decision === "approve" ? "scrapApproved" : "scrapRejected", { tag: done.tag })}
    </div>
  );
}
