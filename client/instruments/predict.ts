/**
 * What the phone shows for an instrument: the synced register row with the user's queued changes on top, so a
 * borrow, return or hand-over made with no signal shows at once, marked "not yet synced". The server decides
 * again when the changes arrive (a borrow of an instrument lent to someone else meanwhile → "Needs attention").
 * Plain functions, no React, no IndexedDB: unit-tested on their own.
 */
import { borrowDay, maxShortDue } from "@/domain/instruments/loans";
import type { TCondition } from "@/domain/instruments/names";
import type { TQueuedInstrumentOp } from "./queue";
import type { CachedInstrument, CachedInstrumentHandover, CachedInstrumentLoan } from "@/client/instruments/stores";

export interface TMe {
  id: string;
  displayName: string;
}

/** The instrument's open hand-over offer as this phone sees it (synced, or queued by this user). */
export interface THandoverView {
  id: string;
  loanId: string;
  fromUserId: string;
  fromName: string | null;
  /** Null for an offer queued here: the server resolves the username. */
  toUserId: string | null;
  toName: string | null;
  toUsername: string | null;
  conditionOut: TCondition;
  note: string;
  offeredAt: string;
  pending: boolean;
}

/** The user's long-term request waiting for their department head (synced, or queued here). */
export interface TRequestView {
  loanId: string;
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
  request: TRequestView | null;
  /**
   * The instrument was taken over here (queued acceptance): the server makes the new loan, so its id is unknown
   * until the next sync; returning or handing it on waits for that.
   */
  loanUnknown: boolean;
}

/** The handover id → instrument id, from synced offers and offers queued here. */
export function handoverInstruments(handovers: readonly CachedInstrumentHandover[], ops: readonly TQueuedInstrumentOp[]): Map<string, string> {
  const out = new Map(handovers.map((h) => [h.id, h.instrumentId]));
  for (const op of ops) if (op.op === "handOver") out.set(op.handoverId, op.instrumentId);
  return out;
}

/** The queued changes that concern `instrumentId` (acceptances and answers found through their offer). */
export function opsOf(instrumentId: string, ops: readonly TQueuedInstrumentOp[], byHandover: Map<string, string>): TQueuedInstrumentOp[] {
  return ops.filter((op) => ("instrumentId" in op ? op.instrumentId : byHandover.get(op.handoverId)) === instrumentId);
}

function syncedOffer(handovers: readonly CachedInstrumentHandover[]): THandoverView | null {
  const h = handovers.find((x) => x.status === "offered");
  if (!h) return null;
  return {
    id: h.id,
    loanId: h.loanId,
    fromUserId: h.fromUserId,
    fromName: h.fromName,
    toUserId: h.toUserId,
    toName: h.toName,
    toUsername: null,
    conditionOut: h.conditionOut,
    note: h.note,
    offeredAt: h.offeredAt,
    pending: false,
  };
}

function syncedRequest(loans: readonly CachedInstrumentLoan[], me: TMe): TRequestView | null {
  const l = loans.find((x) => x.status === "requested" && x.borrowerId === me.id);
  return l ? { loanId: l.id, purpose: l.purpose, requestedAt: l.requestedAt, pending: false } : null;
}

/**
 * Applies the user's queued changes, in order, to the synced row. Each step follows what the server does when
 * it accepts the change; a change the server would refuse is still shown as made (it is, on this phone) until
 * the server's answer arrives and the rejection moves it to "Needs attention".
 */
export function predictInstrument(opts: {
  instrument: CachedInstrument;
  /** Queued changes of this instrument (see opsOf), in seq order. */
  ops: readonly TQueuedInstrumentOp[];
  /** Synced hand-overs of this instrument the user gives or receives. */
  handovers: readonly CachedInstrumentHandover[];
  /** Synced loans of this instrument that are the user's. */
  loans: readonly CachedInstrumentLoan[];
  me: TMe;
  now: Date;
}): TPredictedInstrument {
  const { me } = opts;
  let row: CachedInstrument = { ...opts.instrument };
  let handover = syncedOffer(opts.handovers);
  let request = syncedRequest(opts.loans, me);
  let loanUnknown = false;
  for (const op of opts.ops) {
    switch (op.op) {
      case "borrow":
        if (op.term === "long") {
          request = { loanId: op.loanId, purpose: op.purpose, requestedAt: op.clientTime, pending: true };
          break;
        }
        row = {
          ...row,
          status: "on_loan",
          holderId: me.id,
          holderName: me.displayName,
          loanId: op.loanId,
          loanTerm: "short",
          loanDueOn: op.dueOn ?? maxShortDue(borrowDay(op.clientTime, opts.now)),
        };
        loanUnknown = false;
        break;
      case "return":
        row = {
          ...row,
          status: "available",
          holderId: null,
          holderName: null,
          loanId: null,
          loanTerm: null,
          loanDueOn: null,
          faultOpen: row.faultOpen || op.condition === "faulty",
        };
        handover = null;
        loanUnknown = false;
        break;
      case "handOver":
        handover = {
          id: op.handoverId,
          loanId: op.loanId,
          fromUserId: me.id,
          fromName: me.displayName,
          toUserId: null,
          toName: null,
          toUsername: op.toUsername,
          conditionOut: op.condition,
          note: op.note,
          offeredAt: op.clientTime,
          pending: true,
        };
        break;
      case "acceptHandOver":
        if (handover?.id === op.handoverId) {
          // the loan moves to the receiver with its term and due day unchanged; the server makes its new id
          row = { ...row, status: "on_loan", holderId: me.id, holderName: me.displayName, loanId: null };
          loanUnknown = true;
          handover = null;
        }
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
  return { synced: opts.instrument, row, ops: [...opts.ops], handover, request, loanUnknown };
}
