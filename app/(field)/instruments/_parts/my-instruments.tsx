"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { HashLink } from "@/app/_ui/hash-link";
import { Icon } from "@/app/_ui/icons";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { myInstruments, type InstrumentView } from "@/client/instruments/read-model";
import { isBorrowerRole, isCustodian } from "@/domain/instruments/roles";
import { DeskQueueLists } from "./desk-queue";
import type { TNotice } from "@/domain/instruments/notices";
import { FindInstrument } from "./find-instrument";
import { useDaysLeft } from "@/app/_ui/instruments/instrument-head";
import { LOAN_DUE_TONE } from "@/app/_ui/instruments/tones";
import { useMe } from "./use-instrument-queue";

const NOTICE_TONE: Record<TNotice["kind"], "bad" | "warn" | "info"> = {
  loan_overdue: "bad",
  permit_lapsed_on_loan: "bad",
  handover_offered: "info",
  loan_due_soon: "warn",
  calibration_overdue: "bad",
  calibration_failed: "bad",
  calibration_due_soon: "warn",
};

/** "My instruments": what I hold with due days, reminders first, my requests and hand-overs offered to me. */
export function MyInstruments() {
  const t = useTranslations("instrumentsUi");
  const me = useMe();
  const data = useReadCache(`my-instruments:${me.id}`, (store, deviceId) => myInstruments(store, deviceId, me));
  const borrower = isBorrowerRole(me.role);
  const custodian = isCustodian(me.role);
  return (
    <div data-testid="my-instruments">
      <h1>{custodian ? t("deskQueue.title") : t("mine.title")}</h1>
      <p className="subtitle">{borrower ? t("mine.subtitle") : custodian ? t("deskQueue.subtitle") : t("mine.subtitleOffice")}</p>
      {custodian ? (
        <DeskQueueLists />
      ) : data.loading || !data.data ? (
        <p className="muted" aria-busy="true">
          {t("loading")}
        </p>
      ) : (
        <MyLists data={data.data} />
      )}
      <div style={{ marginTop: 16 }}>
        <Link className="btn block big-action" href="/scan" data-testid="scan-instrument">
          <Icon name="scan" size={28} />
          {t("mine.scan")}
        </Link>
      </div>
      <div style={{ marginTop: 12 }}>
        <FindInstrument />
      </div>
    </div>
  );
}

function MyLists({ data }: { data: Awaited<ReturnType<typeof myInstruments>> }) {
  const t = useTranslations("instrumentsUi");
  const tn = useTranslations("instruments");
  return (
    <>
      {data.notices.length > 0 && (
        <ul className="list notices" data-testid="reminders" aria-label={t("mine.reminders")}>
          {data.notices.map((n) => (
            <li key={`${n.kind}:${n.instrumentId}`} className="link-card notice" data-tone={NOTICE_TONE[n.kind]} data-kind={n.kind} data-testid="reminder">
              <HashLink path="/instruments" hash={n.assetTag}>
                <strong>{t(`notice.${n.kind}`, { date: n.dueOn ?? "—", name: n.holderName ?? "" })}</strong>
                <span className="muted small">
                  <span className="mono">{n.assetTag}</span> · {n.name}
                </span>
              </HashLink>
            </li>
          ))}
        </ul>
      )}
      <h2>{t("mine.held", { count: data.held.length })}</h2>
      {data.held.length === 0 ? <p className="empty">{t("mine.noneHeld")}</p> : <Cards views={data.held} testId="held" />}
      {data.offers.length > 0 && (
        <>
          <h2>{t("mine.offers")}</h2>
          <Cards views={data.offers} testId="offers" />
        </>
      )}
      {data.requests.length > 0 && (
        <>
          <h2>{t("mine.requests")}</h2>
          <Cards views={data.requests} testId="requests" />
        </>
      )}
      {data.history.length > 0 && (
        <>
          <h2>{t("mine.history")}</h2>
          <ul className="list" data-testid="loan-history">
            {data.history.map(({ loan, instrument }) => (
              <li key={loan.id}>
                <div className="title-row">
                  <strong>{instrument?.name ?? "—"}</strong>
                  <span className="badge" data-tone={loan.status === "rejected" ? "bad" : "muted"}>
                    {tn(`loanStatus.${loan.status}`)}
                  </span>
                </div>
                <div className="muted small">
                  <span className="mono">{instrument?.assetTag ?? ""}</span> · {tn(`loanTerm.${loan.term}`)}
                  {loan.endedOn && ` · ${loan.endedOn}`}
                  {loan.decisionReason && ` · “${loan.decisionReason}”`}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function Cards({ views, testId }: { views: InstrumentView[]; testId: string }) {
  const t = useTranslations("instrumentsUi");
  const daysLeft = useDaysLeft();
  return (
    <ul className="list" data-testid={testId}>
      {views.map((v) => (
        <li key={v.row.id} className="link-card" data-tag={v.row.assetTag} data-pending={v.pending > 0}>
          <HashLink path="/instruments" hash={v.row.assetTag} data-testid={`open-${v.row.assetTag}`}>
            <div className="title-row">
              <strong>{v.row.name}</strong>
              <span className="mono small">{v.row.assetTag}</span>
            </div>
            <div className="row" style={{ marginTop: 6 }}>
              {v.row.holderId !== null && v.row.loanDueOn && testId === "held" && (
                <span className="badge" data-tone={v.loanDue ? LOAN_DUE_TONE[v.loanDue] : "info"} data-testid="due">
                  {t("mine.due", { date: v.row.loanDueOn, left: daysLeft(v.today, v.row.loanDueOn) })}
                </span>
              )}
              {!v.permit && (
                <span className="badge" data-tone="bad">
                  {t("permit.invalid")}
                </span>
              )}
              {v.request && testId === "requests" && (
                <span className="badge" data-tone="info" data-testid="request-state" data-status={v.request.status}>
                  {v.request.term === "long" && v.request.status === "requested" ? t("mine.waitingHead") : t("mine.waitingDesk")}
                </span>
              )}
              {v.row.returnRequested && testId === "held" && (
                <span className="badge" data-tone="info" data-testid="return-state">
                  {t("mine.returnWaiting")}
                </span>
              )}
              {v.handover && testId === "offers" && (
                <span className="badge" data-tone="info">
                  {t("mine.from", { name: v.handover.fromName ?? "" })}
                </span>
              )}
              {v.pending > 0 && (
                <span className="pending-mark small">
                  <Icon name="upload" size={18} />
                  {t("notSynced")}
                </span>
              )}
            </div>
          </HashLink>
        </li>
      ))}
    </ul>
  );
}
