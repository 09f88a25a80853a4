/**
 * The user's queued instrument changes, read back from the outbox. Each record was validated against its domain
 * schema (domain/instruments/mutations.ts) when it was queued and the server validates it again, so this only
 * guards the shape the screens rely on. No zod here: it would put zod into every page's first load (ADR 0008).
 */
import type { OutboxRecord } from "@/client/sync/types";
import { CARE_KINDS, CONDITIONS, LOAN_TERMS, type TCareKind, type TCondition, type TLoanTerm } from "@/domain/instruments/names";

interface TQueuedBase {
  mutationId: string;
  seq: number;
  clientTime: string;
}

export type TQueuedInstrumentOp = TQueuedBase &
  (
    | { op: "borrow"; loanId: string; instrumentId: string; term: TLoanTerm; dueOn: string | null; purpose: string }
    | { op: "return"; loanId: string; instrumentId: string; condition: TCondition; note: string }
    | { op: "handOver"; handoverId: string; instrumentId: string; loanId: string; toUsername: string; condition: TCondition; note: string }
    | { op: "acceptHandOver"; handoverId: string; condition: TCondition; note: string }
    | { op: "declineHandOver"; handoverId: string; note: string }
    | { op: "cancelHandOver"; handoverId: string }
    | { op: "reportFault"; faultId: string; instrumentId: string; description: string; photo: boolean }
    | { op: "recordCare"; entryId: string; instrumentId: string; care: TCareKind[]; note: string }
    // the custodian's steps at Technology Development (issue 16)
    | { op: "issue"; loanId: string; instrumentId: string; borrowerUsername: string; dueOn: string | null; purpose: string; missing: string[] }
    | { op: "closeRequest"; loanId: string; note: string }
    | { op: "confirmReturn"; loanId: string; instrumentId: string; condition: TCondition; note: string; missing: string[] }
    | { op: "confirmHandOver"; handoverId: string; decision: "confirm" | "refuse"; note: string }
  );

export type TInstrumentOpKind = TQueuedInstrumentOp["op"];

const str = (v: unknown): v is string => typeof v === "string";
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => str(v) && (list as readonly string[]).includes(v);
const textOf = (v: unknown): string => (str(v) ? v : "");
const missingOf = (check: unknown): string[] => {
  const m = (check as { missing?: unknown } | null | undefined)?.missing;
  return Array.isArray(m) ? m.filter(str) : [];
};

/** An outbox record as an instrument change, or null when it is something else (or not a shape we know). */
export function asInstrumentOp(
  rec: Pick<OutboxRecord, "mutationId" | "seq" | "clientTime" | "schemaVersion" | "args"> & { name: string },
): TQueuedInstrumentOp | null {
  if (!rec.name.startsWith("instrument.") || rec.schemaVersion !== 1) return null;
  const a = (rec.args ?? {}) as Record<string, unknown>;
  const base: TQueuedBase = { mutationId: rec.mutationId, seq: rec.seq, clientTime: rec.clientTime };
  switch (rec.name) {
    case "instrument.borrow":
      if (!str(a.loanId) || !str(a.instrumentId) || !oneOf(LOAN_TERMS, a.term)) return null;
      return {
        ...base,
        op: "borrow",
        loanId: a.loanId,
        instrumentId: a.instrumentId,
        term: a.term,
        dueOn: str(a.dueOn) ? a.dueOn : null,
        purpose: textOf(a.purpose),
      };
    case "instrument.return":
      if (!str(a.loanId) || !str(a.instrumentId) || !oneOf(CONDITIONS, a.condition)) return null;
      return { ...base, op: "return", loanId: a.loanId, instrumentId: a.instrumentId, condition: a.condition, note: textOf(a.note) };
    case "instrument.handOver":
      if (!str(a.handoverId) || !str(a.instrumentId) || !str(a.loanId) || !str(a.toUsername) || !oneOf(CONDITIONS, a.condition)) return null;
      return {
        ...base,
        op: "handOver",
        handoverId: a.handoverId,
        instrumentId: a.instrumentId,
        loanId: a.loanId,
        toUsername: a.toUsername,
        condition: a.condition,
        note: textOf(a.note),
      };
    case "instrument.acceptHandOver":
      if (!str(a.handoverId) || !oneOf(CONDITIONS, a.condition)) return null;
      return { ...base, op: "acceptHandOver", handoverId: a.handoverId, condition: a.condition, note: textOf(a.note) };
    case "instrument.declineHandOver":
      if (!str(a.handoverId)) return null;
      return { ...base, op: "declineHandOver", handoverId: a.handoverId, note: textOf(a.note) };
    case "instrument.cancelHandOver":
      if (!str(a.handoverId)) return null;
      return { ...base, op: "cancelHandOver", handoverId: a.handoverId };
    case "instrument.reportFault":
      if (!str(a.faultId) || !str(a.instrumentId) || !str(a.description)) return null;
      return {
        ...base,
        op: "reportFault",
        faultId: a.faultId,
        instrumentId: a.instrumentId,
        description: a.description,
        photo: a.photo !== undefined && a.photo !== null,
      };
    case "instrument.recordCare": {
      if (!str(a.entryId) || !str(a.instrumentId) || !Array.isArray(a.care)) return null;
      const care = a.care.filter((c): c is TCareKind => oneOf(CARE_KINDS, c));
      if (care.length === 0) return null;
      return { ...base, op: "recordCare", entryId: a.entryId, instrumentId: a.instrumentId, care, note: textOf(a.note) };
    }
    case "instrument.issue":
      if (!str(a.loanId) || !str(a.instrumentId) || !str(a.borrowerUsername)) return null;
      return {
        ...base,
        op: "issue",
        loanId: a.loanId,
        instrumentId: a.instrumentId,
        borrowerUsername: a.borrowerUsername,
        dueOn: str(a.dueOn) ? a.dueOn : null,
        purpose: textOf(a.purpose),
        missing: missingOf(a.check),
      };
    case "instrument.closeRequest":
      if (!str(a.loanId)) return null;
      return { ...base, op: "closeRequest", loanId: a.loanId, note: textOf(a.note) };
    case "instrument.confirmReturn":
      if (!str(a.loanId) || !str(a.instrumentId) || !oneOf(CONDITIONS, a.condition)) return null;
      return {
        ...base,
        op: "confirmReturn",
        loanId: a.loanId,
        instrumentId: a.instrumentId,
        condition: a.condition,
        note: textOf(a.note),
        missing: missingOf(a.check),
      };
    case "instrument.confirmHandOver":
      if (!str(a.handoverId) || (a.decision !== "confirm" && a.decision !== "refuse")) return null;
      return { ...base, op: "confirmHandOver", handoverId: a.handoverId, decision: a.decision, note: textOf(a.note) };
    default:
      return null;
  }
}

/** Every queued instrument change of this device, in seq order. */
export function instrumentOps(records: readonly OutboxRecord[]): TQueuedInstrumentOp[] {
  const out: TQueuedInstrumentOp[] = [];
  for (const rec of records) {
    const op = asInstrumentOp(rec);
    if (op) out.push(op);
  }
  return out.sort((a, b) => a.seq - b.seq);
}
