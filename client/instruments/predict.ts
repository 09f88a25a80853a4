/**
 * What the phone shows for an instrument: the synced register row with the user's queued changes on top, so a
 * request, return or hand-over made with no signal shows at once, marked "not yet synced". The server decides
 * again when the changes arrive (a request for an instrument lent to someone else meanwhile → "Needs attention").
 * Since issue 16 (ADR 0040) a borrower's scan asks and the custodian hands out; a holder's return waits for the
 * custodian's confirmation; a signed hand-over waits for the custodian too. Plain functions, no React, no IndexedDB.
 */
import { handoverLoanId } from "@/domain/instruments/handover";
import type { TCondition, TLoanStatus, TLoanTerm } from "@/domain/instruments/names";
import type { TQueuedInstrumentOp } from "./queue";
import type { CachedInstrument, CachedInstrumentHandover, CachedInstrumentLoan } from "@/client/instruments/stores";

export interface TMe {
  id: string;
  displayName: string;
}

/** The instrument's open hand-over as this phone sees it (synced, or queued by this user). */
export interface THandoverView {
  id: string;
  loanId: string;
  /** `offered`: waiting for the colleague; `accepted`: both signed, waiting for the custodian. */
  status: "offered" | "accepted";
  fromUserId: string;
  fromName: string | null;
  /** Null for an offer queued here: the server resolves the username. */
  toUserId: string | null;
  toName: string | null;
  toUsername: string | null;
  conditionOut: TCondition;
  conditionIn: TCondition | null;
  note: string;
  offeredAt: string;
  pending: boolean;
}

/** A request waiting at Technology Development (short: the custodian; long: the head, then the custodian). */
export interface TRequestView {
  loanId: string;
  term: TLoanTerm;
  /** `requested`, or `approved` by the head (a long one the custodian may hand out now). */
  status: Extract<TLoanStatus, "requested" | "approved">;
  borrowerId: string;
  borrowerName: string | null;
  borrowerUsername: string | null;
  /** The borrower's department when they asked (its head signs a long one). */
  department: CachedInstrumentLoan["department"];
  dueOn: string | null;
  purpose: string;
  requestedAt: string;
  pending: boolean;
}

export interface TPredictedInstrument {
  synced: CachedInstrument;
  /** The register row as predicted: synced state plus this user's queued changes. */
  row: CachedInstrument;
  /** This user's queued changes of the instrument, in seq order. */
  ops: TQueuedInstrumentOp[];
  handover: THandoverView | null;
  /** This user's own open request. */
  request: TRequestView | null;
  /** Every open request this phone knows of (the custodian's phone knows them all), oldest first. */
  requests: TRequestView[];
  /** The loan out now, when this phone holds its row (the holder's own; every loan on the custodian's phone). */
  loan: CachedInstrumentLoan | null;
  /**
   * The loan's id is not known here yet (a long request handed out elsewhere reached the register row but not this
   * phone's loans): returning or handing on waits for the next sync.
   */
  loanUnknown: boolean;
}

/** The handover id → instrument id, from synced offers and offers queued here. */
export function handoverInstruments(handovers: readonly CachedInstrumentHandover[], ops: readonly TQueuedInstrumentOp[]): Map<string, string> {
  const out = new Map(handovers.map((h) => [h.id, h.instrumentId]));
  for (const op of ops) if (op.op === "handOver") out.set(op.handoverId, op.instrumentId);
  return out;
}

/** The loan id → instrument id, from the loans on this phone and the requests queued here. */
export function loanInstruments(loans: readonly CachedInstrumentLoan[], ops: readonly TQueuedInstrumentOp[]): Map<string, string> {
  const out = new Map(loans.map((l) => [l.id, l.instrumentId]));
  for (const op of ops) if ("loanId" in op && "instrumentId" in op) out.set(op.loanId, op.instrumentId);
  return out;
}

/** The queued changes that concern `instrumentId` (answers found through their hand-over or loan). */
export function opsOf(
  instrumentId: string,
  ops: readonly TQueuedInstrumentOp[],
  byHandover: Map<string, string>,
  byLoan: Map<string, string> = new Map(),
): TQueuedInstrumentOp[] {
  return ops.filter(
    (op) => ("instrumentId" in op ? op.instrumentId : "handoverId" in op ? byHandover.get(op.handoverId) : byLoan.get(op.loanId)) === instrumentId,
  );
}

function syncedHandover(handovers: readonly CachedInstrumentHandover[]): THandoverView | null {
  const h = handovers.find((x) => x.status === "offered" || x.status === "accepted");
  if (!h) return null;
  return {
    id: h.id,
    loanId: h.loanId,
    status: h.status === "accepted" ? "accepted" : "offered",
    fromUserId: h.fromUserId,
    fromName: h.fromName,
    toUserId: h.toUserId,
    toName: h.toName,
    toUsername: null,
    conditionOut: h.conditionOut,
    conditionIn: h.conditionIn,
    note: h.note,
    offeredAt: h.offeredAt,
    pending: false,
  };
}

function requestView(l: CachedInstrumentLoan): TRequestView | null {
  if (l.status !== "requested" && l.status !== "approved") return null;
  return {
    loanId: l.id,
    term: l.term,
    status: l.status,
    borrowerId: l.borrowerId,
    borrowerName: l.borrowerName ?? null,
    borrowerUsername: l.borrowerUsername ?? null,
    department: l.department,
    dueOn: l.dueOn,
    purpose: l.purpose,
    requestedAt: l.requestedAt,
    pending: false,
  };
}

const OFF_LOAN = { holderId: null, holderName: null, loanId: null, loanTerm: null, loanDueOn: null, returnRequested: false } as const;

/**
 * Applies the user's queued changes, in order, to the synced row. Each step follows what the server does when
 * it accepts the change; a change the server would refuse is still shown as made (it is, on this phone) until
 * the server's answer arrives and the rejection moves it to "Needs attention".
 */
export function predictInstrument(opts: {
  instrument: CachedInstrument;
  /** Queued changes of this instrument (see opsOf), in seq order. */
  ops: readonly TQueuedInstrumentOp[];
  /** Synced hand-overs of this instrument on this phone. */
  handovers: readonly CachedInstrumentHandover[];
  /** Synced loans of this instrument on this phone (the user's own; every one on the custodian's phone). */
  loans: readonly CachedInstrumentLoan[];
  me: TMe & { department: CachedInstrumentLoan["department"] };
  now: Date;
}): TPredictedInstrument {
  const { me } = opts;
  let row: CachedInstrument = { ...opts.instrument };
  let handover = syncedHandover(opts.handovers);
  let requests = opts.loans.map(requestView).filter((r): r is TRequestView => r !== null);
  let loanUnknown = false;
  for (const op of opts.ops) {
    switch (op.op) {
      case "borrow":
        // a request: the custodian hands it out (a long one after the head's approval)
        requests = [
          ...requests.filter((r) => r.loanId !== op.loanId),
          {
            loanId: op.loanId,
            term: op.term,
            status: "requested",
            borrowerId: me.id,
            borrowerName: me.displayName,
            borrowerUsername: null,
            department: me.department,
            dueOn: op.dueOn,
            purpose: op.purpose,
            requestedAt: op.clientTime,
            pending: true,
          },
        ];
        break;
      case "closeRequest":
        requests = requests.filter((r) => r.loanId !== op.loanId);
        break;
      case "issue": {
        const asked = requests.find((r) => r.loanId === op.loanId);
        row = {
          ...row,
          status: "on_loan",
          holderId: asked?.borrowerId ?? null,
          holderName: asked?.borrowerName ?? op.borrowerUsername,
          loanId: op.loanId,
          loanTerm: asked?.term ?? "short",
          loanDueOn: op.dueOn ?? asked?.dueOn ?? null,
          returnRequested: false,
          missingAccessories: op.missing,
        };
        requests = requests.filter((r) => r.loanId !== op.loanId && !(asked && r.borrowerId === asked.borrowerId));
        break;
      }
      case "return":
        // the holder's return waits for the custodian: still theirs until confirmed
        row = { ...row, returnRequested: true, faultOpen: row.faultOpen || op.condition === "faulty" };
        handover = null;
        break;
      case "confirmReturn":
        row = { ...row, status: "available", ...OFF_LOAN, faultOpen: row.faultOpen || op.condition === "faulty", missingAccessories: op.missing };
        handover = null;
        loanUnknown = false;
        break;
      case "handOver":
        handover = {
          id: op.handoverId,
          loanId: op.loanId,
          status: "offered",
          fromUserId: me.id,
          fromName: me.displayName,
          toUserId: null,
          toName: null,
          toUsername: op.toUsername,
          conditionOut: op.condition,
          conditionIn: null,
          note: op.note,
          offeredAt: op.clientTime,
          pending: true,
        };
        break;
      case "acceptHandOver":
        // both signed: the custodian confirms next (the loan moves then)
        if (handover?.id === op.handoverId) handover = { ...handover, status: "accepted", conditionIn: op.condition, pending: true };
        if (op.condition === "faulty") row = { ...row, faultOpen: true };
        break;
      case "confirmHandOver":
        if (handover?.id === op.handoverId && op.decision === "confirm") {
          const newLoanId = handoverLoanId(op.handoverId);
          row = { ...row, holderId: handover.toUserId, holderName: handover.toName, loanId: newLoanId };
        }
        if (handover?.id === op.handoverId) handover = null;
        break;
      case "declineHandOver":
      case "cancelHandOver":
        if (handover?.id === op.handoverId) handover = null;
        break;
      case "reportFault":
        row = { ...row, faultOpen: true };
        break;
      case "recordCare":
        break;
    }
  }
  const loan = opts.loans.find((l) => l.id === row.loanId) ?? null;
  if (row.status === "on_loan" && row.holderId === me.id && !row.loanId) loanUnknown = true;
  return {
    synced: opts.instrument,
    row,
    ops: [...opts.ops],
    handover,
    request: requests.find((r) => r.borrowerId === me.id) ?? null,
    requests: requests.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt)),
    loan,
    loanUnknown,
  };
}
