/**
 * Hand-over of a loaned instrument to a named colleague (Procedure 4: a holder who transfers hands over or
 * returns first, at Technology Development). The holder offers and signs, noting the condition; the colleague accepts
 * and signs, noting the condition received; the custodian confirms (custody.ts), and only then does the loan move to
 * the colleague, its term and due day unchanged (a hand-over never extends a loan). Only an instrument with a valid
 * permit may change hands.
 */
import { sha256Hex } from "@/domain/evidence/canonical";
import { permitValid } from "./calibration";
import type { TIsoDate } from "@/domain/time/calendar";
import type { THandoverStatus } from "./names";
import { mayHold, type TLoanFacts } from "./loans";
import { isBorrowerRole } from "./roles";
import { conditionNeedsNote, ok, refuse, type TActor, type TInstrumentFacts, type TRuleResult } from "./rules";

export interface THandoverFacts {
  id: string;
  instrumentId: string;
  loanId: string;
  fromUserId: string;
  toUserId: string;
  status: THandoverStatus;
}

/**
 * A long-term loan was approved by the head of the borrowing department for that department's work: it moves only
 * to a colleague of the same department (anyone else asks their own head for a loan). A short loan may move to any
 * colleague who may hold the instrument.
 */
export function mayTakeOverLoan(receiver: TActor, loan: Pick<TLoanFacts, "term" | "department">): TRuleResult {
  if (loan.term === "long" && receiver.department !== loan.department) return refuse("wrong_department", { department: loan.department, term: "long" });
  return ok();
}

export function checkHandOverOffer(opts: {
  giver: TActor;
  receiver: TActor | null;
  loan: TLoanFacts | null;
  instrument: TInstrumentFacts;
  openOffer: boolean;
  condition: string;
  note: string;
  today: TIsoDate;
}): TRuleResult {
  const { giver, receiver, loan, instrument: i } = opts;
  if (!loan || loan.status !== "active" || loan.borrowerId !== giver.id || i.holderId !== giver.id || i.loanId !== loan.id) {
    return refuse("not_holder", { holderId: i.holderId });
  }
  if (!receiver) return refuse("not_found", { receiver: "unknown" });
  if (receiver.id === giver.id) return refuse("invalid_transition", { reason: "self" });
  const may = mayHold(receiver, i);
  if (!may.ok) return may;
  const takeOver = mayTakeOverLoan(receiver, loan);
  if (!takeOver.ok) return takeOver;
  if (opts.openOffer) return refuse("invalid_transition", { reason: "offer_open" });
  if (!permitValid(i, opts.today)) return refuse("permit_invalid", { calibrationDue: i.calibrationDue, calibrationResult: i.calibrationResult });
  if (conditionNeedsNote(opts.condition, opts.note)) return refuse("note_required");
  return ok();
}

/**
 * The named colleague accepts; the hand-over then waits for the custodian. An accepted (or already confirmed) offer
 * answers `already` (a resend). `loan` is the loan handed over: the
 * server always passes it; a phone that does not hold it leaves the department rule to the server.
 */
export function checkHandOverAccept(opts: {
  receiver: TActor;
  handover: THandoverFacts;
  instrument: TInstrumentFacts;
  loan?: Pick<TLoanFacts, "term" | "department">;
  condition: string;
  note: string;
  today: TIsoDate;
}): TRuleResult<{ already: boolean }> {
  const { receiver, handover: h, instrument: i } = opts;
  if (h.toUserId !== receiver.id) return refuse("not_allowed");
  if (h.status === "accepted" || h.status === "confirmed") return ok({ already: true });
  if (h.status !== "offered") return refuse("invalid_transition", { status: h.status });
  if (i.loanId !== h.loanId || i.holderId !== h.fromUserId || i.status !== "on_loan") return refuse("invalid_transition", { reason: "holder_changed" });
  const may = mayHold(receiver, i);
  if (!may.ok) return may;
  if (opts.loan) {
    const takeOver = mayTakeOverLoan(receiver, opts.loan);
    if (!takeOver.ok) return takeOver;
  }
  if (!permitValid(i, opts.today)) return refuse("permit_invalid", { calibrationDue: i.calibrationDue, calibrationResult: i.calibrationResult });
  if (conditionNeedsNote(opts.condition, opts.note)) return refuse("note_required");
  return ok({ already: false });
}

/**
 * The receiver declines, or the giver withdraws the offer, while it is only offered: once both signed, the custodian
 * decides (confirms or refuses). Repeating the same answer is `already`.
 */
export function checkHandOverClose(opts: { user: TActor; handover: THandoverFacts; as: "decline" | "cancel" }): TRuleResult<{ already: boolean }> {
  const { user, handover: h } = opts;
  const party = opts.as === "decline" ? h.toUserId : h.fromUserId;
  if (party !== user.id) return refuse("not_allowed");
  if (h.status === (opts.as === "decline" ? "declined" : "cancelled")) return ok({ already: true });
  if (h.status !== "offered") return refuse("invalid_transition", { status: h.status });
  return ok({ already: false });
}

/**
 * Whether a change to a person needs empty hands first: disabling (after = null), a transfer to another
 * department (调动), or a new role that may not hold instruments. A role change within the borrower roles and
 * the same department is not a transfer.
 */
export function changeNeedsEmptyHands(before: Pick<TActor, "role" | "department">, after: Pick<TActor, "role" | "department"> | null): boolean {
  if (!after) return true;
  return before.department !== after.department || !isBorrowerRole(after.role);
}

/**
 * A person may be marked transferred (department change) or disabled only when they hold nothing: the office
 * screen lists what they must return or hand over first.
 */
export function checkMayLeave(holdings: readonly { id: string }[]): TRuleResult {
  return holdings.length === 0 ? ok() : refuse("not_allowed", { holdings: holdings.length });
}

/**
 * The id of the loan a confirmed hand-over starts: derived from the hand-over's id (a UUID version 8 over
 * SHA-256), so the receiver's phone knows it offline and can return the instrument before the next sync.
 */
export function handoverLoanId(handoverId: string): string {
  const h = sha256Hex(`instrument-handover-loan:${handoverId.toLowerCase()}`);
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
