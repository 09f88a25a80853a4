/**
 * "One scan tells everything": the actions a scan offers this user now, from the facts the phone holds offline.
 * The same rules decide on the server; an action offered here may still be refused there when the state moved
 * meanwhile (it then lands in "Needs attention").
 */
import { permitValid } from "./calibration";
import type { TIsoDate } from "@/domain/time/calendar";
import { checkCompleteRepair, checkRecordCare, checkReportFault, checkSendToRepair } from "./faults";
import type { THandoverFacts } from "./handover";
import { checkBorrow, lendable } from "./loans";
import { isApprover, isCustodian } from "./roles";
import { beyondServiceLife, type TActor, type TInstrumentFacts } from "./rules";
import { mayProposeScrap } from "./scrap";

export const INSTRUMENT_ACTIONS = [
  "borrow_short",
  "request_long",
  "cancel_request",
  "return",
  "hand_over",
  "accept_handover",
  "decline_handover",
  "cancel_handover",
  "report_fault",
  "record_care",
  "record_calibration",
  "send_to_repair",
  "complete_repair",
  "request_scrap",
  "decide_scrap",
  "edit",
  // issue 16 (ADR 0040): the custodian's steps at Technology Development, the using department's proposal
  "issue",
  "confirm_return",
  "confirm_handover",
  "propose_scrap",
] as const;
export type TInstrumentAction = (typeof INSTRUMENT_ACTIONS)[number];

export function allowedActions(opts: {
  user: TActor;
  instrument: TInstrumentFacts;
  /** The instrument's open hand-over offer, if any. */
  handover?: Pick<THandoverFacts, "fromUserId" | "toUserId" | "status"> | null;
  /** The user already has a request (short or long) open for this instrument. */
  requestPending?: boolean;
  /** The holder has brought it back: the custodian's confirmation is awaited. */
  returnRequested?: boolean;
  /** Other lendable public instruments of the kind, when known (online); offline the server decides. */
  otherLendableOfKind?: number | null;
  today: TIsoDate;
}): TInstrumentAction[] {
  const { user, instrument: i, today } = opts;
  const out: TInstrumentAction[] = [];
  const add = (a: TInstrumentAction, when: boolean) => {
    if (when) out.push(a);
  };
  const borrow = (term: "short" | "long") =>
    checkBorrow({
      borrower: user,
      instrument: i,
      term,
      borrowedOn: today,
      purpose: "-",
      today,
      otherLendableOfKind: opts.otherLendableOfKind ?? Number.MAX_SAFE_INTEGER,
    }).ok;
  const offer = opts.handover?.status === "offered" ? opts.handover : null;
  const signed = opts.handover?.status === "accepted" ? opts.handover : null;
  const holds = i.status === "on_loan" && i.holderId === user.id;
  const custodian = isCustodian(user.role);
  const returning = opts.returnRequested === true;

  add("borrow_short", !opts.requestPending && borrow("short"));
  add("request_long", !opts.requestPending && borrow("long"));
  add("cancel_request", opts.requestPending === true);
  add("return", holds && !returning && !signed);
  add("hand_over", holds && !returning && !offer && !signed && permitValid(i, today));
  add("accept_handover", offer?.toUserId === user.id);
  add("decline_handover", offer?.toUserId === user.id);
  add("cancel_handover", offer?.fromUserId === user.id);
  add("report_fault", checkReportFault({ user, instrument: i }).ok);
  add("record_care", checkRecordCare({ user, instrument: i }).ok);
  add("record_calibration", isCustodian(user.role) && i.status !== "scrapped");
  add("send_to_repair", checkSendToRepair({ user, instrument: i }).ok);
  add("complete_repair", checkCompleteRepair({ user, instrument: i, note: "-", outcome: "repaired" }).ok);
  // offered when some reason may hold (scrap.ts): at repair the repairer may still judge it beyond repair
  add(
    "request_scrap",
    isCustodian(user.role) &&
      (i.status === "available" || i.status === "at_repair") &&
      !i.scrapPending &&
      (beyondServiceLife(i, today) || i.status === "at_repair" || i.calibrationResult === "failed"),
  );
  add("decide_scrap", isApprover(user.role) && user.department === i.department && i.scrapPending && i.status !== "scrapped");
  add("edit", isCustodian(user.role) && i.status !== "scrapped");
  add("issue", custodian && user.active !== false && lendable(i, today));
  add("confirm_return", custodian && i.status === "on_loan");
  add("confirm_handover", custodian && signed !== null);
  add("propose_scrap", !custodian && mayProposeScrap(user, i) && i.status !== "scrapped" && !i.scrapPending);
  return out;
}

/** Tag labels (PDF sheet or barcode PNGs) are printed for instruments in the register, never for scrapped ones. */
export function mayPrintLabel(i: Pick<TInstrumentFacts, "status">): boolean {
  return i.status !== "scrapped";
}
