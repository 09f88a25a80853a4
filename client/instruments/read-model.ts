/**
 * Instrument screens read the phone, not the server (ADR 0008): the pulled register, the user's loans and
 * hand-overs, with the user's queued changes on top (predict.ts). "One scan tells everything" is computed here
 * from the domain rules: calibration state, permit-to-use (准用证), loan due state, why a borrow is refused, and
 * the actions allowed now for this user. Plain functions over the store: no React here.
 */
import type { IdbSyncStore } from "@/client/sync/idb-store";
import { allowedActions, type TInstrumentAction } from "@/domain/instruments/actions";
import { calibrationState, permitValid, type TCalibrationState } from "@/domain/instruments/calibration";
import { type TIsoDate } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { checkBorrow, loanDueState, type TLoanDueState } from "@/domain/instruments/loans";
import { noticesFor, type TNotice } from "@/domain/instruments/notices";
import { isBorrowerRole } from "@/domain/instruments/roles";
import { endOfLifeOn, instrumentFacts, type TActor, type TInstrumentFacts, type TInstrumentRule } from "@/domain/instruments/rules";
import { handoverInstruments, loanInstruments, opsOf, predictInstrument, type TMe, type TPredictedInstrument, type TRequestView } from "./predict";
import { instrumentOps, type TQueuedInstrumentOp } from "./queue";
import type { CachedInstrument, CachedInstrumentLoan } from "@/client/instruments/stores";
import type { CacheReader } from "@/client/sync/idb-store";

export type InstrumentCache = CacheReader & Pick<IdbSyncStore, "allPending">;

/** The person looking: id and name for predictions, role and department for the rules. */
export type TViewerActor = TActor & TMe;

/** The rule facts of a (predicted) register row. */
export function factsOf(row: CachedInstrument): TInstrumentFacts {
  return instrumentFacts(row);
}

export interface InstrumentView extends TPredictedInstrument {
  today: TIsoDate;
  calibration: TCalibrationState;
  permit: boolean;
  /** Reminder state of the current loan (whoever holds it). */
  loanDue: TLoanDueState | null;
  endOfLifeOn: TIsoDate;
  /** What a scan offers this user now; return and hand-over wait for a sync after a queued acceptance. */
  actions: TInstrumentAction[];
  /** Why this user may not borrow it now (borrower roles only), with the rule's details. */
  refusal: { code: TInstrumentRule; details: Record<string, unknown> } | null;
  /** The user's own loans of this instrument, newest first (the rest of the usage file is online). */
  myLoans: CachedInstrumentLoan[];
  pending: number;
  /** The long-term loan's term in Technology Development's settings (null = none), when this phone has them. */
  longLoanMonths: number | null;
}

/** The long-term loan's term from the settings this phone pulled (null: none set, or not pulled yet). */
export async function longLoanMonthsOf(store: Pick<CacheReader, "getAll">): Promise<number | null> {
  const [row] = await store.getAll("instrumentSettings");
  return row?.longLoanMonths ?? null;
}

export function viewOf(
  p: TPredictedInstrument,
  me: TViewerActor,
  myLoans: CachedInstrumentLoan[],
  today: TIsoDate,
  longLoanMonths: number | null = null,
): InstrumentView {
  const facts = factsOf(p.row);
  let actions = allowedActions({
    user: me,
    instrument: facts,
    handover: p.handover ? { fromUserId: p.handover.fromUserId, toUserId: p.handover.toUserId ?? "", status: p.handover.status } : null,
    requestPending: p.request !== null,
    returnRequested: p.row.returnRequested === true,
    today,
  });
  // a queued offer of this user is withdrawn on this phone only when the server knows it: no cancel before it left;
  // a request queued here is withdrawn once it has left too; the custodian confirms a hand-over the server has
  if (p.handover?.pending) actions = actions.filter((a) => a !== "cancel_handover" && a !== "confirm_handover");
  if (p.request?.pending) actions = actions.filter((a) => a !== "cancel_request");
  if (p.loanUnknown) actions = actions.filter((a) => a !== "return" && a !== "hand_over");
  let refusal: InstrumentView["refusal"] = null;
  // no refusal for what the user holds, nor for an instrument being handed over to them (they accept it instead)
  if (isBorrowerRole(me.role) && !(p.row.status === "on_loan" && p.row.holderId === me.id) && p.handover?.toUserId !== me.id && !p.request) {
    const check = checkBorrow({ borrower: me, instrument: facts, term: "short", borrowedOn: today, purpose: "", today, holderName: p.row.holderName });
    if (!check.ok) refusal = { code: check.code, details: check.details ?? {} };
  }
  return {
    ...p,
    today,
    calibration: calibrationState(facts, today),
    permit: permitValid(facts, today),
    loanDue: p.row.status === "on_loan" && !p.row.returnRequested ? loanDueState({ status: "active", dueOn: p.row.loanDueOn }, today) : null,
    endOfLifeOn: endOfLifeOn(facts),
    actions,
    refusal,
    myLoans: [...myLoans].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt)),
    pending: p.ops.length,
    longLoanMonths,
  };
}

async function predictOne(store: InstrumentCache, me: TViewerActor, row: CachedInstrument, ops: TQueuedInstrumentOp[], now: Date): Promise<InstrumentView> {
  const [handovers, loans, months] = await Promise.all([
    store.getAllFromIndex("instrumentHandovers", "byInstrument", row.id),
    store.getAllFromIndex("instrumentLoans", "byInstrument", row.id),
    longLoanMonthsOf(store),
  ]);
  const mine = loans.filter((l) => l.borrowerId === me.id);
  const p = predictInstrument({
    instrument: row,
    ops: opsOf(row.id, ops, handoverInstruments(handovers, ops), loanInstruments(loans, ops)),
    handovers,
    loans,
    me,
    now,
  });
  return viewOf(p, me, mine, operatorToday(now), months);
}

/** The scan view of one asset tag, or null when the phone does not know it. */
export async function instrumentViewByTag(
  store: InstrumentCache,
  deviceId: string,
  me: TViewerActor,
  tag: string,
  now = new Date(),
): Promise<InstrumentView | null> {
  const row = await store.getFromIndex("instruments", "byTag", tag);
  if (!row) return null;
  return predictOne(store, me, row, instrumentOps(await store.allPending(deviceId)), now);
}

export interface MyInstruments {
  today: TIsoDate;
  /** What the user holds (predicted), soonest due first. */
  held: InstrumentView[];
  /** Requests waiting at Technology Development (the custodian; a long one first for the department head). */
  requests: InstrumentView[];
  /** Hand-overs offered to the user, waiting for their answer. */
  offers: InstrumentView[];
  /** Reminders: due soon, overdue, permit lapsed while on loan, offers (domain/instruments/notices.ts). */
  notices: TNotice[];
  /** Decided requests and ended loans, newest first (the user's own record). */
  history: { loan: CachedInstrumentLoan; instrument: CachedInstrument | null }[];
}

/** "My instruments": what the user holds, asked for and is offered, with reminders; all from the phone. */
export async function myInstruments(store: InstrumentCache, deviceId: string, me: TViewerActor, now = new Date()): Promise<MyInstruments> {
  const today = operatorToday(now);
  const [rows, allLoans, handovers, records] = await Promise.all([
    store.getAll("instruments"),
    store.getAll("instrumentLoans"),
    store.getAll("instrumentHandovers"),
    store.allPending(deviceId),
  ]);
  // the custodian's phone holds every loan: "my" lists are of the user's own
  const loans = allLoans.filter((l) => l.borrowerId === me.id);
  const ops = instrumentOps(records);
  const byHandover = handoverInstruments(handovers, ops);
  const byLoan = loanInstruments(allLoans, ops);
  const touched = new Set<string>([
    ...loans
      .filter((l) => l.status === "requested" || l.status === "approved" || l.status === "active" || l.status === "return_requested")
      .map((l) => l.instrumentId),
    ...handovers
      .filter((h) => (h.status === "offered" || h.status === "accepted") && (h.fromUserId === me.id || h.toUserId === me.id))
      .map((h) => h.instrumentId),
    ...ops
      .map((op) => ("instrumentId" in op ? op.instrumentId : "handoverId" in op ? byHandover.get(op.handoverId) : byLoan.get(op.loanId)))
      .filter((id): id is string => id !== undefined),
    ...rows.filter((r) => r.holderId === me.id).map((r) => r.id),
  ]);
  const views: InstrumentView[] = [];
  for (const row of rows) {
    if (!touched.has(row.id)) continue;
    const mine = loans.filter((l) => l.instrumentId === row.id);
    const p = predictInstrument({
      instrument: row,
      ops: opsOf(row.id, ops, byHandover, byLoan),
      handovers: handovers.filter((h) => h.instrumentId === row.id),
      loans: mine,
      me,
      now,
    });
    views.push(viewOf(p, me, mine, today));
  }
  const held = views
    .filter((v) => v.row.status === "on_loan" && v.row.holderId === me.id)
    .sort((a, b) => (a.row.loanDueOn ?? "9999").localeCompare(b.row.loanDueOn ?? "9999"));
  const requests = views.filter((v) => v.request !== null);
  const offers = views.filter((v) => v.handover !== null && v.handover.status === "offered" && v.handover.toUserId === me.id);
  const notices = noticesFor({
    viewer: me,
    instruments: [...held, ...offers].map((v) => ({
      ...factsOf(v.row),
      assetTag: v.row.assetTag,
      name: v.row.name,
      holderName: v.row.holderName,
      returnRequested: v.row.returnRequested,
    })),
    offersToViewer: offers.map((v) => ({ instrumentId: v.row.id, fromName: v.handover?.fromName ?? null })),
    today,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const history = loans
    .filter((l) => l.status !== "active" && l.status !== "requested" && l.status !== "approved" && l.status !== "return_requested")
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, 20)
    .map((loan) => ({ loan, instrument: byId.get(loan.instrumentId) ?? null }));
  return { today, held, requests, offers, notices, history };
}

export interface DeskQueue {
  today: TIsoDate;
  /** Requests the custodian may hand out now (short ones, long ones the head approved), oldest first. */
  toIssue: { view: InstrumentView; request: TRequestView }[];
  /** Long-term requests still with the borrower's department head. */
  withHead: { view: InstrumentView; request: TRequestView }[];
  /** Returns the holders asked for, waiting for the custodian's check. */
  toConfirmReturn: InstrumentView[];
  /** Hand-overs both colleagues signed, waiting for the custodian. */
  toConfirmHandOver: InstrumentView[];
  /** Instruments whose last check found the manual or an accessory missing. */
  missing: CachedInstrument[];
}

/**
 * The custodian's desk at Technology Development, from the phone (ADR 0040): what to hand out, what came back, which
 * hand-overs to confirm. Works with no signal: the custodian's phone holds every loan and hand-over.
 */
export async function deskQueue(store: InstrumentCache, deviceId: string, me: TViewerActor, now = new Date()): Promise<DeskQueue> {
  const today = operatorToday(now);
  const [rows, loans, handovers, records, months] = await Promise.all([
    store.getAll("instruments"),
    store.getAll("instrumentLoans"),
    store.getAll("instrumentHandovers"),
    store.allPending(deviceId),
    longLoanMonthsOf(store),
  ]);
  const ops = instrumentOps(records);
  const byHandover = handoverInstruments(handovers, ops);
  const byLoan = loanInstruments(loans, ops);
  const out: DeskQueue = { today, toIssue: [], withHead: [], toConfirmReturn: [], toConfirmHandOver: [], missing: [] };
  for (const row of rows) {
    if (row.status === "scrapped") continue;
    const ofRow = loans.filter((l) => l.instrumentId === row.id);
    const hs = handovers.filter((h) => h.instrumentId === row.id);
    const rowOps = opsOf(row.id, ops, byHandover, byLoan);
    if ((row.missingAccessories ?? []).length > 0) out.missing.push(row);
    const open = ofRow.some((l) => l.status === "requested" || l.status === "approved");
    if (!open && !row.returnRequested && !hs.some((h) => h.status === "accepted") && rowOps.length === 0) continue;
    const p = predictInstrument({ instrument: row, ops: rowOps, handovers: hs, loans: ofRow, me, now });
    const view = viewOf(p, me, [], today, months);
    for (const request of p.requests) {
      if (request.term === "long" && request.status === "requested") out.withHead.push({ view, request });
      else out.toIssue.push({ view, request });
    }
    if (p.row.status === "on_loan" && p.row.returnRequested) out.toConfirmReturn.push(view);
    if (p.handover?.status === "accepted") out.toConfirmHandOver.push(view);
  }
  const oldest = (a: { request: TRequestView }, b: { request: TRequestView }) => a.request.requestedAt.localeCompare(b.request.requestedAt);
  out.toIssue.sort(oldest);
  out.withHead.sort(oldest);
  return out;
}

export interface CustodianBoard {
  today: TIsoDate;
  /** Overdue and due-soon loans, permits lapsed on loan, calibrations due (noticesFor, custodian's view). */
  notices: TNotice[];
  /** Instruments with a scrap request waiting for the department head. */
  scrapPending: CachedInstrument[];
  /** Faulty instruments waiting to be sent to the repairer, and those at the repairer. */
  faultOpen: CachedInstrument[];
  atRepair: CachedInstrument[];
  counts: { total: number; onLoan: number; available: number };
}

/** The custodian's desk from the phone's copy of the register (works offline; the server keeps the truth). */
export async function custodianBoard(store: InstrumentCache, me: TViewerActor, now = new Date()): Promise<CustodianBoard> {
  const today = operatorToday(now);
  const rows = (await store.getAll("instruments")).filter((r) => r.status !== "scrapped");
  const byTag = (a: CachedInstrument, b: CachedInstrument) => a.assetTag.localeCompare(b.assetTag);
  return {
    today,
    notices: noticesFor({
      viewer: me,
      instruments: rows.map((r) => ({ ...factsOf(r), assetTag: r.assetTag, name: r.name, holderName: r.holderName, returnRequested: r.returnRequested })),
      today,
    }),
    scrapPending: rows.filter((r) => r.scrapPending).sort(byTag),
    faultOpen: rows.filter((r) => r.faultOpen && r.status !== "at_repair").sort(byTag),
    atRepair: rows.filter((r) => r.status === "at_repair").sort(byTag),
    counts: { total: rows.length, onLoan: rows.filter((r) => r.status === "on_loan").length, available: rows.filter((r) => r.status === "available").length },
  };
}
