/**
 * Reminders and flags, derived from state on read (no timers in the web process): a loan due soon or overdue,
 * a permit that lapsed while the instrument is out on loan (flagged to its holder and the custodian), and
 * calibrations due soon or overdue (for the custodian and the instrument's keeper). The phone computes the same
 * from its pulled rows.
 */
import { calibrationState, permitValid } from "./calibration";
import type { TIsoDate } from "@/domain/time/calendar";
import { loanDueState } from "./loans";
import { isCustodian } from "./roles";
import type { TActor, TInstrumentFacts } from "./rules";

export const NOTICE_KINDS = [
  "loan_overdue",
  "permit_lapsed_on_loan",
  "handover_offered",
  "loan_due_soon",
  "calibration_overdue",
  "calibration_failed",
  "calibration_due_soon",
] as const;
export type TNoticeKind = (typeof NOTICE_KINDS)[number];

export interface TNoticeInstrument extends TInstrumentFacts {
  assetTag: string;
  name: string;
  holderName?: string | null;
  /** Brought back, waiting for the custodian's confirmation: no due-day reminders any more. */
  returnRequested?: boolean;
}

export interface TNotice {
  kind: TNoticeKind;
  instrumentId: string;
  assetTag: string;
  name: string;
  holderId: string | null;
  holderName: string | null;
  /** The loan's due day, or the calibration's due day. */
  dueOn: TIsoDate | null;
}

export function noticesFor(opts: {
  viewer: TActor;
  instruments: readonly TNoticeInstrument[];
  /** Open hand-over offers addressed to the viewer. */
  offersToViewer?: readonly { instrumentId: string; fromName?: string | null }[];
  today: TIsoDate;
}): TNotice[] {
  const { viewer, today } = opts;
  const custodian = isCustodian(viewer.role);
  const out: TNotice[] = [];
  const byId = new Map(opts.instruments.map((i) => [i.id, i]));
  const push = (kind: TNoticeKind, i: TNoticeInstrument, dueOn: TIsoDate | null, holderName = i.holderName ?? null) =>
    out.push({ kind, instrumentId: i.id, assetTag: i.assetTag, name: i.name, holderId: i.holderId, holderName, dueOn });

  for (const i of opts.instruments) {
    if (i.status === "scrapped") continue;
    const holder = i.status === "on_loan" && i.holderId === viewer.id;
    const lapsedOnLoan = i.status === "on_loan" && !permitValid(i, today);
    if (i.status === "on_loan" && (holder || custodian)) {
      const due = i.returnRequested ? null : loanDueState({ status: "active", dueOn: i.loanDueOn }, today);
      if (due === "overdue") push("loan_overdue", i, i.loanDueOn);
      if (due === "due_soon") push("loan_due_soon", i, i.loanDueOn);
      if (lapsedOnLoan) push("permit_lapsed_on_loan", i, i.calibrationDue);
    }
    if (custodian || i.keeperId === viewer.id) {
      if (lapsedOnLoan && (holder || custodian)) continue; // flagged above as permit_lapsed_on_loan
      const state = calibrationState(i, today);
      if (state === "overdue") push("calibration_overdue", i, i.calibrationDue);
      if (state === "failed") push("calibration_failed", i, i.calibrationDue);
      if (state === "due_soon") push("calibration_due_soon", i, i.calibrationDue);
    }
  }
  for (const offer of opts.offersToViewer ?? []) {
    const i = byId.get(offer.instrumentId);
    if (i) push("handover_offered", i, i.loanDueOn, offer.fromName ?? i.holderName ?? null);
  }
  const rank = (k: TNoticeKind) => NOTICE_KINDS.indexOf(k);
  return out.sort((a, b) => rank(a.kind) - rank(b.kind) || (a.dueOn ?? "").localeCompare(b.dueOn ?? "") || a.assetTag.localeCompare(b.assetTag));
}
