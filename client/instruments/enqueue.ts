/**
 * Queues the field's instrument actions in the outbox (borrow, return, hand-over and its answers, fault, care).
 * Each is decided first with the rules the server applies (domain/instruments/*), on the state this phone predicts,
 * so the phone queues only what it believes will be accepted; then validated with the mutation's zod schema
 * (loaded when needed and precached by the service worker, so offline too); then written to the outbox in one
 * IndexedDB transaction. The server decides again: a change overtaken meanwhile lands in "Needs attention".
 */
import type { TDepartment } from "@/domain/auth/roles";
import { uuidv7 } from "uuidv7";
import type { OutboxRecord, SyncStore } from "@/client/sync/types";
import { checkRecordCare, checkReportFault } from "@/domain/instruments/faults";
import { checkHandOverAccept, checkHandOverClose, checkHandOverOffer, mayTakeOverLoan } from "@/domain/instruments/handover";
import { checkBorrow, checkReturn, mayHold } from "@/domain/instruments/loans";
import type { TCareKind, TCondition, TLoanTerm } from "@/domain/instruments/names";
import type { TInstrumentMutationName } from "@/domain/instruments/mutations";
import type { TInstrumentRule, TRuleResult } from "@/domain/instruments/rules";
import type { TSignature } from "@/domain/work-orders/mutations";
import { factsOf, type InstrumentView, type TViewerActor } from "./read-model";

export interface InstrumentQueueContext {
  store: Pick<SyncStore, "enqueue">;
  userId: string;
  deviceId: string;
  me: TViewerActor;
}

export type TInstrumentQueueProblem =
  /** A field the schema refused: path → catalogue key (e.g. validation.required). */
  | { kind: "invalid"; fields: Record<string, string> }
  /** The rules refuse it from the predicted state: what the server would answer (`sync.reason.<code>`). */
  | { kind: "refused"; code: TInstrumentRule; details: Record<string, unknown> };

export type TInstrumentQueued = { ok: true; record: OutboxRecord } | { ok: false; problem: TInstrumentQueueProblem };

/** A colleague the hand-over can name (from `instruments.colleagues`, kept on the phone for offline use). */
export interface TColleague {
  id: string;
  username: string;
  displayName: string;
  department: TViewerActor["department"];
  role: TViewerActor["role"];
}

const schemas = () => import("@/domain/instruments/mutations");

export function refused(r: TRuleResult): { ok: false; problem: TInstrumentQueueProblem } | null {
  return r.ok ? null : { ok: false, problem: { kind: "refused", code: r.code, details: r.details ?? {} } };
}

export async function queue(ctx: InstrumentQueueContext, name: TInstrumentMutationName, input: unknown): Promise<TInstrumentQueued> {
  const { INSTRUMENT_MUTATION_ARGS } = await schemas();
  const parsed = INSTRUMENT_MUTATION_ARGS[name].safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const i of parsed.error.issues) fields[i.path.map(String).join(".")] ??= i.message;
    return { ok: false, problem: { kind: "invalid", fields } };
  }
  const record = await ctx.store.enqueue({ userId: ctx.userId, deviceId: ctx.deviceId, name, schemaVersion: 1, args: parsed.data });
  return { ok: true, record };
}

/** Ids made here keep a resend single on the server; UUIDv7 also sorts by time in the database. */
export const newId = (): string => uuidv7();

/**
 * A request by scan (ADR 0040): short-term, the custodian hands it out (due at most one month on); long-term, the
 * department head approves first, then the custodian hands it out.
 */
export async function queueBorrow(
  ctx: InstrumentQueueContext,
  view: InstrumentView,
  input: { term: TLoanTerm; dueOn?: string; purpose: string },
): Promise<TInstrumentQueued> {
  if (view.request) return { ok: false, problem: { kind: "refused", code: "invalid_transition", details: { reason: "request_pending" } } };
  const no = refused(
    checkBorrow({
      borrower: ctx.me,
      instrument: factsOf(view.row),
      term: input.term,
      borrowedOn: view.today,
      dueOn: input.term === "short" ? input.dueOn : undefined,
      purpose: input.purpose,
      today: view.today,
      holderName: view.row.holderName,
      // offline the phone cannot count the dispatch reserve; the head's approval re-checks it on the server
      otherLendableOfKind: Number.MAX_SAFE_INTEGER,
    }),
  );
  if (no) return no;
  return queue(ctx, "instrument.borrow", {
    loanId: newId(),
    instrumentId: view.row.id,
    term: input.term,
    ...(input.term === "short" && input.dueOn ? { dueOn: input.dueOn } : {}),
    purpose: input.purpose,
  });
}

export function loanOf(view: InstrumentView, me: { department: TDepartment }) {
  // the loan's department is the borrower's when it was lent (not the instrument's); a holder's own loan is on the
  // phone (the custodian's phone has every loan), and a holder cannot have moved department since (a transfer needs
  // empty hands)
  const row = view.loan;
  return {
    id: view.row.loanId ?? "",
    borrowerId: view.row.holderId ?? "",
    department: row?.department ?? me.department,
    term: view.row.loanTerm ?? "short",
    status: view.row.status !== "on_loan" ? ("returned" as const) : view.row.returnRequested ? ("return_requested" as const) : ("active" as const),
    dueOn: view.row.loanDueOn,
  };
}

/**
 * Brought back to Technology Development, with the condition it is in (`damaged`/`faulty` need a note; `faulty` opens a
 * fault at once): the custodian confirms it (ADR 0040), until then it is still the holder's.
 */
export async function queueReturn(
  ctx: InstrumentQueueContext,
  view: InstrumentView,
  input: { condition: TCondition; note: string },
): Promise<TInstrumentQueued> {
  if (!view.row.loanId) return { ok: false, problem: { kind: "refused", code: "invalid_transition", details: { reason: "loan_unknown" } } };
  const check = checkReturn({ user: ctx.me, loan: loanOf(view, ctx.me), condition: input.condition, note: input.note });
  const no = refused(check);
  if (no) return no;
  if (check.ok && check.already) return { ok: false, problem: { kind: "refused", code: "invalid_transition", details: { reason: "return_requested" } } };
  return queue(ctx, "instrument.return", { loanId: view.row.loanId, instrumentId: view.row.id, condition: input.condition, note: input.note });
}

/** The holder offers the instrument to a named colleague and signs; the colleague accepts on their phone. */
/** The colleagues this holder may hand the instrument to: may hold it, and a long-term loan stays in its department. */
export function handOverCandidates(view: InstrumentView, me: { id: string; department: TDepartment }, colleagues: readonly TColleague[]): TColleague[] {
  const loan = loanOf(view, me);
  return colleagues.filter((c) => {
    const person = { id: c.id, role: c.role, department: c.department };
    return c.id !== me.id && mayHold(person, view.row).ok && mayTakeOverLoan(person, loan).ok;
  });
}

export async function queueHandOver(
  ctx: InstrumentQueueContext,
  view: InstrumentView,
  input: { toUsername: string; receiver: TColleague | null; condition: TCondition; note: string; signature: TSignature },
): Promise<TInstrumentQueued> {
  if (!view.row.loanId) return { ok: false, problem: { kind: "refused", code: "invalid_transition", details: { reason: "loan_unknown" } } };
  // the receiver's role and department are known when the colleague list reached this phone; else the server decides
  if (input.receiver) {
    const no = refused(
      checkHandOverOffer({
        giver: ctx.me,
        receiver: { id: input.receiver.id, role: input.receiver.role, department: input.receiver.department },
        loan: loanOf(view, ctx.me),
        instrument: factsOf(view.row),
        openOffer: view.handover !== null,
        condition: input.condition,
        note: input.note,
        today: view.today,
      }),
    );
    if (no) return no;
  }
  return queue(ctx, "instrument.handOver", {
    handoverId: newId(),
    instrumentId: view.row.id,
    loanId: view.row.loanId,
    toUsername: input.toUsername,
    condition: input.condition,
    note: input.note,
    signature: input.signature,
  });
}

function handoverFacts(view: InstrumentView) {
  const h = view.handover;
  if (!h) return null;
  return { id: h.id, instrumentId: view.row.id, loanId: h.loanId, fromUserId: h.fromUserId, toUserId: h.toUserId ?? "", status: h.status };
}

/** The named colleague takes the instrument over and signs, noting the condition received. */
export async function queueAcceptHandOver(
  ctx: InstrumentQueueContext,
  view: InstrumentView,
  input: { condition: TCondition; note: string; signature: TSignature },
): Promise<TInstrumentQueued> {
  const h = handoverFacts(view);
  if (!h) return { ok: false, problem: { kind: "refused", code: "invalid_transition", details: { reason: "no_offer" } } };
  const no = refused(
    checkHandOverAccept({ receiver: ctx.me, handover: h, instrument: factsOf(view.row), condition: input.condition, note: input.note, today: view.today }),
  );
  if (no) return no;
  return queue(ctx, "instrument.acceptHandOver", { handoverId: h.id, condition: input.condition, note: input.note, signature: input.signature });
}

/** The receiver declines (`decline`) or the giver withdraws the offer (`cancel`). */
export async function queueCloseHandOver(ctx: InstrumentQueueContext, view: InstrumentView, as: "decline" | "cancel", note = ""): Promise<TInstrumentQueued> {
  const h = handoverFacts(view);
  if (!h) return { ok: false, problem: { kind: "refused", code: "invalid_transition", details: { reason: "no_offer" } } };
  const no = refused(checkHandOverClose({ user: ctx.me, handover: h, as }));
  if (no) return no;
  return as === "decline"
    ? queue(ctx, "instrument.declineHandOver", { handoverId: h.id, note })
    : queue(ctx, "instrument.cancelHandOver", { handoverId: h.id });
}

/** A fault goes to the designated repairer through the custodian; no new loans until the repairer's result. */
export async function queueReportFault(
  ctx: InstrumentQueueContext,
  view: InstrumentView,
  input: { description: string; photo: { mime: string; base64: string } | null },
): Promise<TInstrumentQueued> {
  const no = refused(checkReportFault({ user: ctx.me, instrument: factsOf(view.row) }));
  if (no) return no;
  return queue(ctx, "instrument.reportFault", {
    faultId: newId(),
    instrumentId: view.row.id,
    description: input.description,
    ...(input.photo ? { photo: { mime: input.photo.mime, base64: input.photo.base64 } } : {}),
  });
}

/** Routine care into the usage file: power-on, dusting. */
export async function queueRecordCare(
  ctx: InstrumentQueueContext,
  view: InstrumentView,
  input: { care: TCareKind[]; note: string },
): Promise<TInstrumentQueued> {
  const no = refused(checkRecordCare({ user: ctx.me, instrument: factsOf(view.row) }));
  if (no) return no;
  return queue(ctx, "instrument.recordCare", { entryId: newId(), instrumentId: view.row.id, care: input.care, note: input.note });
}
