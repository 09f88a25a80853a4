import "server-only";
import { and, eq, inArray, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { devices, mutationResults, users } from "@/db/schema";
import { customerModeAllowsMutation } from "@/domain/work-orders/customer-mode";
import {
  MAX_BATCH_BYTES,
  MAX_SINGLE_MUTATION_BYTES,
  type TMutationEnvelope,
  type TMutationResult,
  type TPushInput,
  type TPushResponse,
} from "@/domain/sync/protocol";
import type { SessionUser } from "@/server/auth/session";
import { inputProblem, type TInputProblem } from "@/domain/text/input";
import { AppError } from "@/server/errors";
import { assertOwnDevice } from "./devices";
import { assertPushAllowed } from "./rate-limit";
import { Appender, LockedRows } from "./contract";
import { handlerFor, lockBatch } from "./domains";
import { isTransient, markRejected, MutationFailure, recordFailure, throwForTests } from "./poison";
import { Rejection } from "./rejection";

function toResult(row: typeof mutationResults.$inferSelect): TMutationResult {
  return { mutationId: row.mutationId, seq: row.seq, status: row.status, reasonCode: row.reasonCode, details: row.details };
}

/**
 * Refuses batches that cannot be right before anything is touched: the client resends nothing of them. A batch of
 * one mutation may exceed MAX_BATCH_BYTES (a signature); beyond MAX_SINGLE_MUTATION_BYTES that one mutation is
 * answered too_large so that the device's queue never blocks on it. A mutation whose content fails the input
 * backstop (nesting too deep, NUL, a lone surrogate: domain/text/input.ts) is answered bad_input naming the field,
 * alone: what one mutation carries never refuses the batch.
 */
function assertWellFormed(input: TPushInput): { oversized: boolean; problems: (TInputProblem | null)[] } {
  const problems = input.mutations.map((m) => {
    const p = inputProblem({ name: m.name, args: m.args, expected: m.expected ?? null });
    // sliced by code points, so a cut never leaves half a surrogate pair in the stored details
    return (
      p && {
        ...p,
        field: Array.from(p.field.replace(/^args\./, ""))
          .slice(0, 120)
          .join(""),
      }
    );
  });
  // Measured per mutation, and only for one the backstop passed whole: a problem found first (a NUL) may hide
  // nesting deeper than JSON.stringify's recursion can go further on.
  const bytes = input.mutations.reduce((sum, m, i) => sum + (problems[i] ? 0 : new TextEncoder().encode(JSON.stringify(m)).length), 0);
  const single = input.mutations.length === 1;
  if (bytes > MAX_BATCH_BYTES && !single) throw new AppError("batch_too_large", { maxBytes: MAX_BATCH_BYTES });
  const ids = new Set<string>();
  input.mutations.forEach((m, i) => {
    if (m.deviceId !== input.deviceId) throw new AppError("bad_input", { reason: "device_mismatch", seq: m.seq });
    if (i > 0 && m.seq !== input.mutations[i - 1]!.seq + 1) throw new AppError("bad_input", { reason: "seq_not_consecutive", seq: m.seq });
    if (ids.has(m.mutationId)) throw new AppError("bad_input", { reason: "mutation_id_reused", seq: m.seq });
    ids.add(m.mutationId);
  });
  return { oversized: single && bytes > MAX_SINGLE_MUTATION_BYTES, problems };
}

/**
 * One mutation: the handler decides on locked current state (a Rejection leaves no write behind), then
 * writes. Any other error rolls the whole batch back, wrapped as a MutationFailure so that the poison rule
 * (./poison.ts) knows which mutation failed.
 */
async function applyOne(
  tx: Db,
  user: SessionUser,
  m: TMutationEnvelope,
  append: Appender,
  locked: LockedRows,
): Promise<Omit<TMutationResult, "mutationId" | "seq">> {
  try {
    throwForTests(m);
    const decision = await handlerFor(m)({ tx, user, mutation: m, append, locked });
    if (decision.status === "already_in_state") return { status: "already_in_state", reasonCode: null, details: decision.details ?? null };
    await decision.write();
    return { status: "applied", reasonCode: decision.flag?.code ?? null, details: decision.flag?.details ?? null };
  } catch (err) {
    if (err instanceof Rejection) return { status: "rejected", reasonCode: err.code, details: err.details };
    throw new MutationFailure(m, err);
  }
}

/**
 * `sync.push`: applies a device's queued mutations strictly in seq order, in one transaction per batch
 * (each mutation all-or-nothing by the handlers' decide-then-write contract; the batch commits once). The device row is
 * locked for the batch, so concurrent deliveries of the same batch serialise: already-applied seqs get their
 * stored answer (idempotent replay), a skipped seq stops the batch (gap). A permanent rejection is stored
 * and advances the seq like an applied mutation, so the queue never blocks.
 */
export async function pushMutations(opts: {
  db: Db;
  user: SessionUser;
  input: TPushInput;
  /** Set when the session is in customer mode (domain/work-orders/customer-mode.ts). */
  customerWorkOrderId?: string | null;
}): Promise<TPushResponse> {
  // why here and per request: a phone sends one batch per round trip; a runaway or hostile client is stopped
  // before any work (PUSH_MAX_PER_MINUTE; the engine backs off on the 429 and loses nothing).
  await assertPushAllowed(opts.db, opts.user.id);
  const checked = assertWellFormed(opts.input);
  // The poison rule (./poison.ts): a mutation failing the same deterministic way POISON_AFTER times in a row is
  // answered server_error on the next attempt of this same request; each mutation is poisoned at most once.
  const poisoned = new Map<string, string>();
  for (;;) {
    try {
      const response = await pushOnce(opts, checked, poisoned);
      killAfterCommitForTests(opts.input);
      return response;
    } catch (err) {
      if (!(err instanceof MutationFailure)) throw err;
      if (isTransient(err.cause) || poisoned.has(err.mutation.mutationId)) throw err.cause;
      const verdict = await recordFailure(opts.db, opts.user, err);
      if (!verdict.poisoned) throw err.cause;
      poisoned.set(err.mutation.mutationId, verdict.reference);
    }
  }
}

async function pushOnce(
  { db, user, input, customerWorkOrderId = null }: Parameters<typeof pushMutations>[0],
  { oversized, problems }: ReturnType<typeof assertWellFormed>,
  poisoned: ReadonlyMap<string, string>,
): Promise<TPushResponse> {
  return db.transaction(async (tx) => {
    const seqs = input.mutations.map((m) => m.seq);
    // Sent together and run in this order (ADR 0049): the device row locked first (concurrent deliveries of the batch
    // serialise on it), the account, then what the batch's ids and seqs already have on record. The session was
    // checked when the request began; the user may have been disabled since. Checked under a share lock, so disabling
    // (which updates the row) waits for this batch instead of racing it.
    const [[row], [account], onRecord] = await Promise.all([
      tx.select().from(devices).where(eq(devices.deviceId, input.deviceId)).for("update"),
      tx.select({ active: users.active }).from(users).where(eq(users.id, user.id)).for("share"),
      tx
        .select()
        .from(mutationResults)
        .where(
          or(
            inArray(
              mutationResults.mutationId,
              input.mutations.map((m) => m.mutationId),
            ),
            and(eq(mutationResults.deviceId, input.deviceId), inArray(mutationResults.seq, seqs)),
          ),
        ),
    ]);
    const device = assertOwnDevice(row, user);
    if (!account?.active) throw new AppError("user_disabled");
    let last = device.lastAppliedSeq;
    // the stored answers of the seqs already applied (an idempotent resend), and any fresh id already used
    const stored = onRecord.filter((r) => r.deviceId === input.deviceId && r.seq <= last && seqs.includes(r.seq));
    const fresh = input.mutations.filter((m) => m.seq > last);
    const known = onRecord.filter((r) => fresh.some((m) => m.mutationId === r.mutationId));
    if (known.length > 0) throw new AppError("bad_input", { reason: "mutation_id_reused", mutationId: known[0]!.mutationId });
    // Customer mode: a batch with anything but the customer's turn on its work order is refused whole (rolled back,
    // nothing consumed); the lineman's own queued changes go once customer mode is left. Resends count too: their
    // stored answers are the lineman's business.
    if (customerWorkOrderId && input.mutations.some((m) => !customerModeAllowsMutation(m, customerWorkOrderId))) {
      throw new AppError("customer_mode", { workOrderId: customerWorkOrderId });
    }

    const results: TMutationResult[] = [];
    const toStore: (typeof mutationResults.$inferInsert)[] = [];
    let gap: TPushResponse["gap"] = null;
    const append = new Appender();
    const locked = new LockedRows();
    await lockBatch(tx, fresh, locked);
    for (const m of input.mutations) {
      if (m.seq <= last) {
        const s = stored.find((r) => r.seq === m.seq);
        // The client reused a seq for another mutation: a client defect, refused for the whole batch.
        if (!s || s.mutationId !== m.mutationId) throw new AppError("bad_input", { reason: "seq_reused", seq: m.seq });
        results.push(toResult(s));
        continue;
      }
      if (m.seq > last + 1) {
        gap = { expectedSeq: last + 1, gotSeq: m.seq };
        break;
      }
      // A resolve may name a mutation answered earlier in this batch: store those answers first, so that no answer
      // depends on where the client's batches happen to split.
      if (m.name === "rejection.resolve" && toStore.length > 0) await tx.insert(mutationResults).values(toStore.splice(0));
      const problem = problems[input.mutations.indexOf(m)];
      const reference = poisoned.get(m.mutationId);
      if (reference) await markRejected(tx, m.mutationId);
      const outcome = oversized
        ? { status: "rejected" as const, reasonCode: "too_large" as const, details: { maxBytes: MAX_SINGLE_MUTATION_BYTES } }
        : problem
          ? { status: "rejected" as const, reasonCode: "bad_input" as const, details: { field: problem.field, reason: problem.reason } }
          : reference
            ? { status: "rejected" as const, reasonCode: "server_error" as const, details: { reference } }
            : await applyOne(tx, user, m, append, locked);
      // The name as stored: a name the backstop refused (NUL) cannot be stored as sent.
      const name = problem?.field === "name" ? m.name.replaceAll("\u0000", "\uFFFD").replace(/[\uD800-\uDFFF]/g, "\uFFFD") : m.name;
      toStore.push({ mutationId: m.mutationId, deviceId: m.deviceId, seq: m.seq, name, ...outcome });
      results.push({ mutationId: m.mutationId, seq: m.seq, ...outcome });
      last = m.seq;
    }
    if (last > device.lastAppliedSeq) {
      // the audit rows take no lock: the chain is extended inside COMMIT (migration 0029, ADR 0043)
      // sent together, run in this order
      await Promise.all([
        append.flush(tx),
        toStore.length > 0 ? tx.insert(mutationResults).values(toStore) : null,
        tx.update(devices).set({ lastAppliedSeq: last, lastSeenAt: new Date() }).where(eq(devices.deviceId, input.deviceId)),
      ]);
    }
    return { results, lastAppliedSeq: last, gap };
  });
}

/**
 * Test-only fault hook, off unless TRACEMARK_FAULT_KILL_AFTER_COMMIT is set: when it names a mutation of this
 * batch, the process kills itself with SIGKILL right after the batch's transaction committed and before the answer
 * is sent, as a crash at the worst moment would (tests/e2e/sync-kill.test.ts). Never set it in production.
 */
function killAfterCommitForTests(input: TPushInput): void {
  const id = process.env.TRACEMARK_FAULT_KILL_AFTER_COMMIT;
  if (id && input.mutations.some((m) => m.mutationId === id)) process.kill(process.pid, "SIGKILL");
}
