/**
 * Loans (Procedure 4): short-term at most 1 month; long-term needs the signature (approval) of the borrower's
 * department head and must not hurt company-wide dispatch: a public instrument may go on a long-term loan only while
 * another public instrument of its kind stays available. Only instruments with a valid permit-to-use may be lent.
 * Since issue 16 a loan starts at Technology Development (到技术发展部办理领用手续): a borrower's scan asks, the
 * custodian hands it out (custody.ts); the long-term term is the custodian's department's setting (settings.ts).
 */
import { permitValid } from "./calibration";
import { addDays, addMonths, daysBetween, type TIsoDate } from "@/domain/time/calendar";
import { operatorDay } from "@/domain/time/operator";
import type { TLoanStatus, TLoanTerm } from "./names";
import { isApprover, isBorrowerRole, isCustodian } from "./roles";
import { conditionNeedsNote, ok, refuse, type TActor, type TInstrumentFacts, type TRefusal, type TRuleResult } from "./rules";

export const SHORT_LOAN_MAX_MONTHS = 1;
/** Reminders start this many days before the due day (inclusive). */
export const LOAN_REMINDER_DAYS = 3;
/** Public instruments of a kind that must stay available for dispatch when one goes on a long-term loan. */
export const DISPATCH_RESERVE = 1;
/** A step made offline counts from the phone's day, if that is at most this many days back; else from today. */
export const MAX_OFFLINE_DAYS = 30;

export type TAvailability = "on_loan" | "at_repair" | "scrapped" | "fault_open" | "scrap_pending";

/** Why the instrument cannot be lent now (permit aside), or null when it can. */
export function unavailability(i: Pick<TInstrumentFacts, "status" | "faultOpen" | "scrapPending">): TAvailability | null {
  if (i.status !== "available") return i.status;
  if (i.scrapPending) return "scrap_pending";
  if (i.faultOpen) return "fault_open";
  return null;
}

/** May be lent (or dispatched) today: available, no open fault, no scrap pending, valid permit. */
export function lendable(i: TInstrumentFacts, today: TIsoDate): boolean {
  return unavailability(i) === null && permitValid(i, today);
}

/** The loan's first day: the phone's day for a borrow made offline (bounded), else today. */
export function borrowDay(clientTime: string | Date, now: Date): TIsoDate {
  const today = operatorDay(now);
  let phoneDay: TIsoDate;
  try {
    phoneDay = operatorDay(clientTime);
  } catch {
    return today;
  }
  if (phoneDay > today || daysBetween(phoneDay, today) > MAX_OFFLINE_DAYS) return today;
  return phoneDay;
}

/** The latest due day of a short-term loan: one calendar month, clamped (Jan 31 → Feb 28/29). */
export function maxShortDue(borrowedOn: TIsoDate): TIsoDate {
  return addMonths(borrowedOn, SHORT_LOAN_MAX_MONTHS);
}

/** Whether a person may borrow this instrument at all (role, active, department of a special instrument). */
export function mayHold(person: TActor, i: Pick<TInstrumentFacts, "category" | "department">): TRuleResult {
  if (!isBorrowerRole(person.role) || person.active === false) return refuse("not_allowed");
  if (i.category === "special" && person.department !== i.department) return refuse("wrong_department", { department: i.department });
  return ok();
}

/** The refusal for an instrument that cannot be lent now, with who holds it. */
export function notLendable(i: TInstrumentFacts, today: TIsoDate, holderName: string | null): TRefusal | null {
  const why = unavailability(i);
  if (why) return refuse("not_available", { status: i.status, reason: why, holderId: i.holderId, holderName, dueOn: i.loanDueOn });
  if (!permitValid(i, today)) return refuse("permit_invalid", { calibrationDue: i.calibrationDue, calibrationResult: i.calibrationResult });
  return null;
}

/** Whether a short loan's due day lies in its window (the start day to one month on); the due day to use. */
export function checkShortDue(startOn: TIsoDate, dueOn: TIsoDate | undefined): TRuleResult<{ dueOn: TIsoDate }> {
  const max = maxShortDue(startOn);
  const due = dueOn ?? max;
  if (due > max) return refuse("loan_too_long", { maxDueOn: max });
  if (due < startOn) return refuse("loan_too_long", { maxDueOn: max, dueOn: due });
  return ok({ dueOn: due });
}

/**
 * A borrow by scan: a request (short: for the custodian to hand out; long: for the head, then the custodian). The
 * same lending rules as an issue, so the borrower hears at once what the custodian would refuse.
 * `otherLendableOfKind`: public instruments of the same kind, other than this one, lendable today (only read for a
 * long-term request of a public instrument).
 */
export function checkBorrow(opts: {
  borrower: TActor;
  instrument: TInstrumentFacts;
  term: TLoanTerm;
  borrowedOn: TIsoDate;
  dueOn?: TIsoDate;
  purpose: string;
  today: TIsoDate;
  holderName?: string | null;
  otherLendableOfKind?: number;
}): TRuleResult<{ dueOn: TIsoDate | null }> {
  const { borrower, instrument: i, today } = opts;
  if (!isBorrowerRole(borrower.role) || borrower.active === false) return refuse("not_allowed");
  const blocked = notLendable(i, today, opts.holderName ?? null);
  if (blocked) return blocked;
  const holder = mayHold(borrower, i);
  if (!holder.ok) return holder;
  if (opts.term === "short") return checkShortDue(opts.borrowedOn, opts.dueOn);
  if (opts.purpose.trim().length === 0) return refuse("note_required");
  const reserve = checkDispatchReserve(i, opts.otherLendableOfKind ?? 0);
  if (!reserve.ok) return reserve;
  return ok({ dueOn: null });
}

/** Long-term loans of public instruments keep DISPATCH_RESERVE others of the kind available. */
export function checkDispatchReserve(i: Pick<TInstrumentFacts, "category" | "kind">, otherLendableOfKind: number): TRuleResult {
  if (i.category === "public" && otherLendableOfKind < DISPATCH_RESERVE) return refuse("dispatch_reserve", { kind: i.kind });
  return ok();
}

export interface TLoanFacts {
  id: string;
  borrowerId: string;
  department: TActor["department"];
  term: TLoanTerm;
  status: TLoanStatus;
  dueOn: TIsoDate | null;
}

/** A rejection of a long-term request says why; an approval may. */
export function loanDecisionNeedsReason(decision: "approve" | "reject"): boolean {
  return decision === "reject";
}

/**
 * A department head's decision on a long-term request. Only the head of the borrower's department (the using
 * department signs, Procedure 4) decides; approving re-checks every lending rule on today's state. An approved
 * request waits for the custodian to hand the instrument out (custody.ts); the term starts then.
 */
export function checkLoanDecision(opts: {
  approver: TActor;
  loan: TLoanFacts;
  decision: "approve" | "reject";
  reason: string;
  borrower: TActor;
  instrument: TInstrumentFacts;
  today: TIsoDate;
  holderName?: string | null;
  otherLendableOfKind: number;
}): TRuleResult {
  const { approver, loan } = opts;
  if (!isApprover(approver.role) || approver.active === false) return refuse("not_allowed");
  if (approver.department !== loan.department) return refuse("wrong_department", { department: loan.department });
  if (loan.term !== "long" || loan.status !== "requested") return refuse("invalid_transition", { status: loan.status });
  if (loanDecisionNeedsReason(opts.decision) && !opts.reason.trim()) return refuse("note_required");
  if (opts.decision === "reject") return ok();
  return checkLongStillLendable(opts);
}

/** Every lending rule of a long-term loan on today's state: at the head's approval and again at the issue. */
export function checkLongStillLendable(opts: {
  loan: Pick<TLoanFacts, "department">;
  borrower: TActor;
  instrument: TInstrumentFacts;
  today: TIsoDate;
  holderName?: string | null;
  otherLendableOfKind: number;
}): TRuleResult {
  const i = opts.instrument;
  // The borrower moved to another department (or left) since the request: their old head no longer signs.
  if (opts.borrower.active === false || opts.borrower.department !== opts.loan.department) return refuse("not_allowed", { borrower: "changed" });
  const blocked = notLendable(i, opts.today, opts.holderName ?? null);
  if (blocked) return blocked;
  const holder = mayHold(opts.borrower, i);
  if (!holder.ok) return holder;
  return checkDispatchReserve(i, opts.otherLendableOfKind);
}

/**
 * A return by scan (`instrument.return`). The holder's is a request: the instrument stays theirs until the custodian
 * confirms (`confirm: false`); the custodian's takes it back at once (`confirm: true`). A repeat is `already`.
 * `damaged`/`faulty` need a note.
 */
export function checkReturn(opts: { user: TActor; loan: TLoanFacts; condition: string; note: string }): TRuleResult<{ already: boolean; confirm: boolean }> {
  const { user, loan } = opts;
  const custodian = isCustodian(user.role);
  if (loan.borrowerId !== user.id && !custodian) return refuse("not_holder");
  if (loan.status === "returned" || loan.status === "handed_over") return ok({ already: true, confirm: custodian });
  if (loan.status === "return_requested" && !custodian) return ok({ already: true, confirm: false });
  if (loan.status !== "active" && loan.status !== "return_requested") return refuse("invalid_transition", { status: loan.status });
  if (conditionNeedsNote(opts.condition, opts.note)) return refuse("note_required");
  return ok({ already: false, confirm: custodian });
}

export type TLoanDueState = "ok" | "due_soon" | "overdue";

/** Reminder state of an active loan on `today` (null for other loans): due soon within 3 days, overdue after the due day. */
export function loanDueState(loan: { status: TLoanStatus; dueOn: TIsoDate | null }, today: TIsoDate): TLoanDueState | null {
  if (loan.status !== "active" || !loan.dueOn) return null;
  const left = daysBetween(today, loan.dueOn);
  if (left < 0) return "overdue";
  if (left <= LOAN_REMINDER_DAYS) return "due_soon";
  return "ok";
}

/** The first day a reminder is due for a loan ending on `dueOn`. */
export function reminderFrom(dueOn: TIsoDate): TIsoDate {
  return addDays(dueOn, -LOAN_REMINDER_DAYS);
}
