"use client";
import { RecordComplaintLink } from "@/app/_ui/record-complaint-link";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { HashLink } from "@/app/_ui/hash-link";
import { Icon } from "@/app/_ui/icons";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { useViewer } from "@/app/_ui/viewer";
import { custodianBoard } from "@/client/instruments/read-model";
import { firstLoad } from "@/client/sync/first-load";
import { useSync } from "@/client/sync/provider";
import type { TNotice } from "@/domain/instruments/notices";
import type { CachedInstrument } from "@/client/instruments/stores";

const TONE: Record<TNotice["kind"], "bad" | "warn" | "info"> = {
  loan_overdue: "bad",
  permit_lapsed_on_loan: "bad",
  handover_offered: "info",
  loan_due_soon: "warn",
  calibration_overdue: "bad",
  calibration_failed: "bad",
  calibration_due_soon: "warn",
};

/**
 * The custodian's desk on the phone, from its copy of the register (opens with no signal): loans overdue and
 * due soon, permits lapsed while out on loan, calibrations due, faults to send to the repairer, scraps waiting.
 */
function CustodianBoard() {
  const t = useTranslations("instrumentsUi");
  const v = useViewer();
  const me = { id: v.id, displayName: v.displayName, role: v.role, department: v.department };
  const { status } = useSync();
  // whether the phone has ever pulled to the end is read with the board, from the same store: the provider's
  // lastSyncAt turns non-null before this board is read again (and after a first page only), which drew a partial
  // board for a moment
  const board = useReadCache(`custodian-board:${v.id}`, async (store, deviceId) => ({
    ...(await custodianBoard(store, me)),
    synced: await store.pulledAll(deviceId),
  }));
  if (board.loading || !board.data)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  const b = board.data;
  // a fresh phone holds none or part of the register: "nothing overdue", then the real board, moved the page
  const state = firstLoad(b.synced, status);
  if (state === "loading")
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  if (state === "not_loaded")
    return (
      <p className="empty" data-testid="custodian-not-loaded">
        {t("notLoaded")}
      </p>
    );
  const loans = b.notices.filter((n) => n.kind === "loan_overdue" || n.kind === "loan_due_soon" || n.kind === "permit_lapsed_on_loan");
  const calibrations = b.notices.filter((n) => n.kind.startsWith("calibration_"));
  return (
    <div className="stack" data-testid="custodian-home">
      <p className="row" data-testid="register-counts">
        <span className="badge" data-tone="info">
          {t("custodian.total", { n: b.counts.total })}
        </span>
        <span className="badge" data-tone="ok">
          {t("custodian.available", { n: b.counts.available })}
        </span>
        <span className="badge" data-tone="info">
          {t("custodian.onLoan", { n: b.counts.onLoan })}
        </span>
      </p>
      <Section title={t("custodian.loans")} empty={t("custodian.noLoans")} testId="overdue-list" count={loans.length}>
        {loans.map((n) => (
          <NoticeRow key={`${n.kind}:${n.instrumentId}`} n={n} text={t(`custodian.notice.${n.kind}`, { date: n.dueOn ?? "—", name: n.holderName ?? "—" })} />
        ))}
      </Section>
      <Section title={t("custodian.calibrations")} empty={t("custodian.noCalibrations")} testId="calibration-list" count={calibrations.length}>
        {calibrations.map((n) => (
          <NoticeRow key={`${n.kind}:${n.instrumentId}`} n={n} text={t(`notice.${n.kind}`, { date: n.dueOn ?? "—", name: "" })} />
        ))}
      </Section>
      <Section title={t("custodian.faults")} empty={t("custodian.noFaults")} testId="fault-list" count={b.faultOpen.length + b.atRepair.length}>
        {[...b.faultOpen, ...b.atRepair].map((r) => (
          <InstrumentRow key={r.id} r={r} note={r.status === "at_repair" ? t("custodian.atRepair") : t("custodian.toRepair")} />
        ))}
      </Section>
      <Section title={t("custodian.scraps")} empty={t("custodian.noScraps")} testId="scrap-list" count={b.scrapPending.length}>
        {b.scrapPending.map((r) => (
          <InstrumentRow key={r.id} r={r} note={t("custodian.scrapWaiting")} />
        ))}
      </Section>
      <Link className="btn block big-action" href="/instruments" data-testid="open-desk-queue">
        {t("custodian.deskQueue")}
      </Link>
      <Link className="btn block big-action" href="/instruments/register" data-testid="open-register">
        {t("custodian.register")}
      </Link>
      <Link className="btn secondary block" href="/instruments/registers">
        {t("custodian.registers")}
      </Link>
    </div>
  );
}

function Section({ title, empty, testId, count, children }: { title: string; empty: string; testId: string; count: number; children: ReactNode }) {
  return (
    <section>
      <h2>
        {title}{" "}
        {count > 0 && (
          <span className="badge" data-tone="info">
            {count}
          </span>
        )}
      </h2>
      {count === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <ul className="list notices" data-testid={testId}>
          {children}
        </ul>
      )}
    </section>
  );
}

function NoticeRow({ n, text }: { n: TNotice; text: string }) {
  return (
    <li className="link-card" data-tone={TONE[n.kind]} data-kind={n.kind} data-tag={n.assetTag}>
      <HashLink path="/instruments" hash={n.assetTag}>
        <strong>{text}</strong>
        <span className="muted small">
          <span className="mono">{n.assetTag}</span> · {n.name}
        </span>
      </HashLink>
    </li>
  );
}

function InstrumentRow({ r, note }: { r: CachedInstrument; note: string }) {
  return (
    <li className="link-card" data-tone="warn" data-tag={r.assetTag}>
      <HashLink path="/instruments" hash={r.assetTag}>
        <div className="title-row">
          <strong>{r.name}</strong>
          <StatusBadge kind="instrument" status={r.status} />
        </div>
        <span className="muted small row">
          <Icon name="alert" size={18} />
          <span className="mono">{r.assetTag}</span> · {note}
        </span>
      </HashLink>
    </li>
  );
}

/** The custodian's home: a customer's complaint recorded in one tap (first-asker), then the desk. */
export function InstrumentsHome() {
  return (
    <>
      <RecordComplaintLink />
      <CustodianBoard />
    </>
  );
}
