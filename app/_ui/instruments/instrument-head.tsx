"use client";
import { useTranslations } from "next-intl";
import { Icon } from "@/app/_ui/icons";
import { StatusBadge } from "@/app/_ui/status-badge";
import type { InstrumentView } from "@/client/instruments/read-model";
import { daysBetween } from "@/domain/time/calendar";
import { Refusal } from "@/app/_ui/instruments/refusal";
import { CALIBRATION_TONE, LOAN_DUE_TONE } from "@/app/_ui/instruments/tones";

/** "in 3 days", "today", "2 days overdue": a due day as a lineman reads it. */
export function useDaysLeft(): (today: string, day: string) => string {
  const t = useTranslations("instrumentsUi.days");
  return (today, day) => {
    const n = daysBetween(today, day);
    return n === 0 ? t("today") : n > 0 ? t("left", { n }) : t("over", { n: -n });
  };
}

/**
 * Everything one scan must tell, large: status, permit-to-use (准用证), who holds it until when, calibration due,
 * open faults, keeper and place; a refusal says at once why it cannot be borrowed now.
 */
export function InstrumentHead({ view }: { view: InstrumentView }) {
  const t = useTranslations();
  const tu = useTranslations("instrumentsUi");
  const daysLeft = useDaysLeft();
  const { row, today } = view;
  return (
    <section className="card item-head" aria-labelledby="instrument-name">
      <h1 id="instrument-name" data-testid="instrument-name">
        {row.name}
      </h1>
      <div className="row muted">
        <span className="mono tag" data-testid="instrument-tag">
          {row.assetTag}
        </span>
        <span>·</span>
        <span>{t(`instrumentCategory.${row.category}`)}</span>
      </div>
      <p className="muted small mono" style={{ margin: "2px 0 0" }}>
        {row.model} / {row.serial}
      </p>
      <div className="row instrument-badges">
        <span className="label-big" data-testid="instrument-status" data-status={row.status}>
          <StatusBadge kind="instrument" status={row.status} />
        </span>
        <span className="badge permit" data-tone={view.permit ? "ok" : "bad"} data-testid="permit" data-valid={view.permit}>
          {view.permit ? tu("permit.valid") : tu("permit.invalid")}
        </span>
      </div>
      <dl className="facts">
        {row.status === "on_loan" && (
          <>
            <dt>{tu("facts.holder")}</dt>
            <dd data-testid="holder">{row.holderName ?? tu("facts.unknownPerson")}</dd>
            <dt>{tu("facts.due")}</dt>
            <dd>
              {row.loanDueOn ? (
                <span className="badge" data-tone={view.loanDue ? LOAN_DUE_TONE[view.loanDue] : "info"} data-testid="loan-due" data-state={view.loanDue ?? ""}>
                  {row.loanDueOn} · {daysLeft(today, row.loanDueOn)}
                </span>
              ) : (
                <span className="muted" data-testid="loan-no-term">
                  {row.loanTerm === "long" ? tu("facts.noTerm") : tu("facts.noDue")}
                </span>
              )}
              {row.loanTerm && <span className="muted small"> {t(`instruments.loanTerm.${row.loanTerm}`)}</span>}
            </dd>
          </>
        )}
        <dt>{tu("facts.calibration")}</dt>
        <dd>
          <span className="badge" data-tone={CALIBRATION_TONE[view.calibration]} data-testid="calibration" data-state={view.calibration}>
            {t(`instruments.calibrationState.${view.calibration}`)}
          </span>
          {row.calibrationDue && (
            <span className="small">
              {" "}
              {tu("facts.calibrationDue", { date: row.calibrationDue })}
              {view.calibration !== "failed" && ` · ${daysLeft(today, row.calibrationDue)}`}
            </span>
          )}
        </dd>
        <dt>{tu("facts.faults")}</dt>
        <dd data-testid="faults" data-open={row.faultOpen}>
          {row.faultOpen ? (
            <span className="badge" data-tone="bad">
              {tu("facts.faultOpen")}
            </span>
          ) : (
            tu("facts.noFault")
          )}
          {row.scrapPending && (
            <span className="badge" data-tone="warn" style={{ marginLeft: 6 }}>
              {tu("facts.scrapPending")}
            </span>
          )}
        </dd>
        <dt>{tu("facts.keeper")}</dt>
        <dd>
          {row.keeperName ?? tu("facts.central")} · {t(`departments.${row.department}`)}
        </dd>
        <dt>{tu("facts.location")}</dt>
        <dd>{row.location}</dd>
        <dt>{tu("facts.accessories")}</dt>
        <dd data-testid="accessories">
          {[row.manual, ...(row.accessories ?? [])].filter(Boolean).join(tu("listSeparator")) || tu("facts.noAccessories")}
          {(row.missingAccessories ?? []).length > 0 && (
            <span className="badge" data-tone="bad" data-testid="missing-accessories" style={{ marginLeft: 6 }}>
              {tu("facts.missing", { items: (row.missingAccessories ?? []).join(tu("listSeparator")) })}
            </span>
          )}
        </dd>
      </dl>
      {view.request && (
        <p className="alert" data-tone="info" data-testid="request-waiting" data-status={view.request.status} data-term={view.request.term}>
          {view.request.term === "long" && view.request.status === "requested"
            ? tu("requestWaiting")
            : view.request.status === "approved"
              ? tu("requestApproved")
              : tu("requestAtDesk")}
        </p>
      )}
      {row.status === "on_loan" && row.returnRequested && (
        <p className="alert" data-tone="info" data-testid="return-waiting">
          {view.myLoans.some((l) => l.id === row.loanId) ? tu("returnWaitingMine") : tu("returnWaiting", { name: row.holderName ?? "—" })}
        </p>
      )}
      {view.handover && (
        <p className="alert" data-tone="info" data-testid="handover-open" data-status={view.handover.status}>
          {view.handover.status === "accepted"
            ? tu("handoverSigned", { from: view.handover.fromName ?? "", to: view.handover.toName ?? view.handover.toUsername ?? "" })
            : view.handover.fromUserId === row.holderId && view.handover.toUserId === null
              ? tu("handoverOfferedTo", { name: view.handover.toUsername ?? "" })
              : tu("handoverOpen", { from: view.handover.fromName ?? "", to: view.handover.toName ?? view.handover.toUsername ?? "" })}
        </p>
      )}
      {view.pending > 0 && (
        <p className="pending-mark" data-testid="not-synced">
          <Icon name="upload" size={20} />
          {t("sync.notSyncedCount", { count: view.pending })}
        </p>
      )}
      <Refusal view={view} />
    </section>
  );
}
