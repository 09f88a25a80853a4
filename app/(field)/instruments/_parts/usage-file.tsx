"use client";
import { useTranslations } from "next-intl";
import { Icon } from "@/app/_ui/icons";
import { useWhen } from "@/app/_ui/use-when";
import type { TQueuedInstrumentOp } from "@/client/instruments/queue";
import type { InstrumentView } from "@/client/instruments/read-model";
import { ServerUsage } from "@/app/_ui/instruments/server-usage";

/** A queued change as a line of the usage file. */
export function useOpText(): (op: TQueuedInstrumentOp) => string {
  const t = useTranslations("instrumentsUi");
  const tn = useTranslations("instruments");
  return (op) => {
    switch (op.op) {
      case "borrow":
        return op.term === "short" ? t("op.askShort", { date: op.dueOn ?? "—" }) : t("op.requestLong", { purpose: op.purpose });
      case "return":
        return t("op.return", { condition: tn(`condition.${op.condition}`) }) + (op.note ? ` “${op.note}”` : "");
      case "handOver":
        return t("op.handOver", { name: op.toUsername, condition: tn(`condition.${op.condition}`) });
      case "acceptHandOver":
        return t("op.acceptHandOver", { condition: tn(`condition.${op.condition}`) });
      case "declineHandOver":
        return t("op.declineHandOver");
      case "cancelHandOver":
        return t("op.cancelHandOver");
      case "reportFault":
        return t("op.reportFault", { description: op.description });
      case "recordCare":
        return t("op.recordCare", { care: op.care.map((c) => tn(`care.${c}`)).join(t("listSeparator")) }) + (op.note ? ` “${op.note}”` : "");
      case "issue":
        return (
          t("op.issue", { name: op.borrowerUsername }) + (op.missing.length ? ` · ${t("op.missing", { items: op.missing.join(t("listSeparator")) })}` : "")
        );
      case "closeRequest":
        return t("op.closeRequest") + (op.note ? ` “${op.note}”` : "");
      case "confirmReturn":
        return (
          t("op.confirmReturn", { condition: tn(`condition.${op.condition}`) }) +
          (op.missing.length ? ` · ${t("op.missing", { items: op.missing.join(t("listSeparator")) })}` : "")
        );
      case "confirmHandOver":
        return t(`op.confirmHandOver.${op.decision}`) + (op.note ? ` “${op.note}”` : "");
    }
  };
}

/**
 * The usage file (使用档案): the user's changes still on this phone first (not yet synced), then the file as the
 * server keeps it when it can be reached (loans, care, faults, repairs, calibrations), else the user's own loans.
 */
export function UsageFile({ view }: { view: InstrumentView }) {
  const t = useTranslations("instrumentsUi");
  const when = useWhen();
  const opText = useOpText();
  const queued = [...view.ops].reverse();
  return (
    <section aria-labelledby="usage-title">
      <h2 id="usage-title">{t("usage.title")}</h2>
      {queued.length > 0 && (
        <ol className="list timeline" data-testid="usage-queued">
          {queued.map((op) => (
            <li key={op.mutationId} className="pending" data-testid="usage-queued-entry" data-op={op.op}>
              <p className="event-reason">{opText(op)}</p>
              <p className="muted small">{t("usage.onPhone", { time: when(op.clientTime) })}</p>
              <p className="pending-mark small">
                <Icon name="upload" size={18} />
                {t("notSynced")}
              </p>
            </li>
          ))}
        </ol>
      )}
      <ServerUsage view={view} />
    </section>
  );
}
