/**
 * Issue and return at Technology Development (Procedure 4: 到技术发展部办理领用/归还/移交手续, ADR 0040). The
 * custodian hands an instrument out (scanning it and naming the borrower, or confirming what a borrower asked for by
 * scan), confirms every return, and confirms every hand-over between colleagues. The phone and the server decide with
 * these same rules; each step names the loan (or hand-over) by an id made on a phone, so a step sent twice, or the
 * borrower's request arriving after the custodian already handed the instrument to them, records nothing twice.
 */
import { permitValid } from "./calibration";
import type { TIsoDate } from "@/domain/time/calendar";
import type { THandoverFacts } from "./handover";
import { mayTakeOverLoan } from "./handover";
import { checkLongStillLendable, checkShortDue, mayHold, maxShortDue, notLendable, type TLoanFacts } from "./loans";
import type { TLoanStatus, TLoanTerm } from "./names";
import { isBorrowerRole, isCustodian } from "./roles";
import { conditionNeedsNote, ok, refuse, type TActor, type TInstrumentFacts, type TRuleResult } from "./rules";
import { longLoanDue } from "./settings";

/**
 * A loan's steps: the one table of its statuses (names.ts). `issue` starts a loan from nothing (the custodian hands a
 * short loan out directly) or from a request; anything not listed is refused.
 */
export const LOAN_TRANSITIONS = {
  request: { from: [null], to: "requested" },
  approve: { from: ["requested"], to: "approved" },
  reject: { from: ["requested"], to: "rejected" },
  issue: { from: [null, "requested", "approved"], to: "active" },
  decline: { from: ["requested", "approved"], to: "rejected" },
  cancel: { from: ["requested", "approved"], to: "cancelled" },
  request_return: { from: ["active"], to: "return_requested" },
  confirm_return: { from: ["active", "return_requested"], to: "returned" },
  hand_over: { from: ["active"], to: "handed_over" },
} as const satisfies Record<string, { from: readonly (TLoanStatus | null)[]; to: TLoanStatus }>;
export type TLoanEvent = keyof typeof LOAN_TRANSITIONS;

export function loanTransition(event: TLoanEvent, from: TLoanStatus | null): TLoanStatus | null {
  return (LOAN_TRANSITIONS[event].from as readonly (TLoanStatus | null)[]).includes(from) ? LOAN_TRANSITIONS[event].to : null;
}

/** The request a custodian hands out: the loan row as the rules read it, with its borrower. */
export interface TIssueRequest extends TLoanFacts {
  instrumentId: string;
}

/**
 * The custodian hands the instrument out: `loan` is the borrower's request being confirmed (short `requested`, long
 * `approved`), or null for a short loan handed out directly. The due day of a short loan counts from the issue day
 * (`issuedOn`): the one asked for if still in the window, else the longest; a long loan runs the department's term
 * (null = no term). `already`: this very loan is already out with this borrower (a resend).
 */
export function checkIssue(opts: {
  custodian: TActor;
  borrower: TActor | null;
  instrument: TInstrumentFacts;
  loan: TIssueRequest | null;
  /** The due day the custodian set (short loans), if any. */
  dueOn?: TIsoDate;
  issuedOn: TIsoDate;
  today: TIsoDate;
  longLoanMonths: number | null;
  holderName?: string | null;
  /** Public instruments of the kind lendable besides this one (long-term loans keep the dispatch reserve). */
  otherLendableOfKind?: number;
}): TRuleResult<{ already: boolean; term: TLoanTerm; dueOn: TIsoDate | null }> {
  const { custodian, borrower, instrument: i, loan } = opts;
  if (!isCustodian(custodian.role) || custodian.active === false) return refuse("not_allowed");
  if (!borrower) return refuse("not_found", { borrower: "unknown" });
  if (loan && loan.borrowerId !== borrower.id) return refuse("invalid_transition", { reason: "borrower_differs" });
  if (loan && loan.status === "active") {
    return i.loanId === loan.id ? ok({ already: true, term: loan.term, dueOn: loan.dueOn }) : refuse("invalid_transition", { status: loan.status });
  }
  const term: TLoanTerm = loan?.term ?? "short";
  if (loan && term === "long" && loan.status === "requested") return refuse("invalid_transition", { reason: "approval_required" });
  if (loanTransition("issue", loan?.status ?? null) === null) return refuse("invalid_transition", { status: loan?.status });
  if (!isBorrowerRole(borrower.role) || borrower.active === false) return refuse("not_allowed", { borrower: "cannot_hold" });
  if (term === "long") {
    const still = checkLongStillLendable({
      loan: loan!,
      borrower,
      instrument: i,
      today: opts.today,
      holderName: opts.holderName,
      otherLendableOfKind: opts.otherLendableOfKind ?? Number.MAX_SAFE_INTEGER,
    });
    if (!still.ok) return still;
    return ok({ already: false, term, dueOn: longLoanDue(opts.issuedOn, opts.longLoanMonths) });
  }
  const blocked = notLendable(i, opts.today, opts.holderName ?? null);
  if (blocked) return blocked;
  const holder = mayHold(borrower, i);
  if (!holder.ok) return holder;
  if (opts.dueOn !== undefined) {
    const due = checkShortDue(opts.issuedOn, opts.dueOn);
    return due.ok ? ok({ already: false, term, dueOn: due.dueOn }) : due;
  }
  // the day the borrower asked for, while it still lies in the window counted from the issue day
  const asked = loan?.dueOn ?? null;
  const max = maxShortDue(opts.issuedOn);
  return ok({ already: false, term, dueOn: asked && asked >= opts.issuedOn && asked <= max ? asked : max });
}

/**
 * A request closes without an issue: the borrower withdraws it (`cancel`), or the custodian declines it with a reason
 * (`decline`). A repeat is `already`.
 */
export function checkCloseRequest(opts: { user: TActor; loan: TLoanFacts; as: "cancel" | "decline"; note: string }): TRuleResult<{ already: boolean }> {
  const { user, loan } = opts;
  if (opts.as === "cancel" ? loan.borrowerId !== user.id : !isCustodian(user.role)) return refuse("not_allowed");
  if (loan.status === (opts.as === "cancel" ? "cancelled" : "rejected")) return ok({ already: true });
  if (loanTransition(opts.as, loan.status) === null) return refuse("invalid_transition", { status: loan.status });
  if (opts.as === "decline" && !opts.note.trim()) return refuse("note_required");
  return ok({ already: false });
}

/**
 * The custodian confirms a return: the one the holder asked for, or the instrument brought straight to the desk.
 * `damaged`/`faulty` need a note. A confirmed (or handed-over) loan is `already`.
 */
export function checkConfirmReturn(opts: {
  custodian: TActor;
  loan: TLoanFacts;
  instrument: Pick<TInstrumentFacts, "loanId">;
  condition: string;
  note: string;
}): TRuleResult<{ already: boolean }> {
  const { custodian, loan } = opts;
  if (!isCustodian(custodian.role) || custodian.active === false) return refuse("not_allowed");
  if (loan.status === "returned" || loan.status === "handed_over") return ok({ already: true });
  if (loanTransition("confirm_return", loan.status) === null) return refuse("invalid_transition", { status: loan.status });
  if (opts.instrument.loanId !== loan.id) return refuse("invalid_transition", { reason: "holder_changed" });
  if (conditionNeedsNote(opts.condition, opts.note)) return refuse("note_required");
  return ok({ already: false });
}

/**
 * The custodian confirms a hand-over both colleagues signed (the loan moves, its term and due day unchanged), or
 * refuses it with a reason (the loan stays with the giver, who returns it or offers it again). The receiver must still
 * be allowed to hold it and its permit must still be valid: a hand-over is an issue to someone else.
 */
export function checkConfirmHandOver(opts: {
  custodian: TActor;
  handover: THandoverFacts;
  instrument: TInstrumentFacts;
  loan: Pick<TLoanFacts, "id" | "status" | "term" | "department"> | null;
  receiver: TActor | null;
  decision: "confirm" | "refuse";
  note: string;
  today: TIsoDate;
}): TRuleResult<{ already: boolean }> {
  const { custodian, handover: h, instrument: i, loan } = opts;
  if (!isCustodian(custodian.role) || custodian.active === false) return refuse("not_allowed");
  if (h.status === (opts.decision === "confirm" ? "confirmed" : "refused")) return ok({ already: true });
  if (h.status !== "accepted") return refuse("invalid_transition", { status: h.status });
  if (opts.decision === "refuse") return opts.note.trim() ? ok({ already: false }) : refuse("note_required");
  if (!loan || loan.status !== "active" || i.loanId !== h.loanId || i.holderId !== h.fromUserId || i.status !== "on_loan") {
    return refuse("invalid_transition", { reason: "holder_changed" });
  }
  if (!opts.receiver) return refuse("not_found", { receiver: "unknown" });
  const may = mayHold(opts.receiver, i);
  if (!may.ok) return may;
  const takeOver = mayTakeOverLoan(opts.receiver, loan);
  if (!takeOver.ok) return takeOver;
  if (!permitValid(i, opts.today)) return refuse("permit_invalid", { calibrationDue: i.calibrationDue, calibrationResult: i.calibrationResult });
  return ok({ already: false });
}
