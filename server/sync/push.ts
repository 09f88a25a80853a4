import "server-only";
import { and, eq, inArray } from "drizzle-orm";
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
import { AppError } from "@/server/errors";
import { assertOwnDevice } from "./devices";
import { assertPushAllowed } from "./rate-limit";
import { Appender, handlerFor, lockBatch } from "./registry";
import { Rejection } from "./rejection";

function toResult(row: typeof mutationResults.$inferSelect): TMutationResult {
  return { mutationId: row.mutationId, seq: row.seq, status: row.status, reasonCode: row.reasonCode, details: row.details };
}

/**
 * Refuses batches that cannot be right before anything is touched: the client resends nothing of them. A batch of
 * one mutation may exceed MAX_BATCH_BYTES (a signature); beyond MAX_SINGLE_MUTATION_BYTES that one mutation is
 * answered too_large (returned true here) so that the device's queue never blocks on it.
 */
function assertWellFormed(input: TPushInput): { oversized: boolean } {
  const bytes = new TextEncoder().encode(JSON.stringify(input)).length;
  const single = input.mutations.length === 1;
  if (bytes > MAX_BATCH_BYTES && !single) throw new AppError("batch_too_large", { maxBytes: MAX_BATCH_BYTES });
  const ids = new Set<string>();
  input.mutations.forEach((m, i) => {
    if (m.deviceId !== input.deviceId) throw new AppError("bad_input", { reason: "device_mismatch", seq: m.seq });
    if (i > 0 && m.seq !== input.mutations[i - 1]!.seq + 1) throw new AppError("bad_input", { reason: "seq_not_consecutive", seq: m.seq });
    if (ids.has(m.mutationId)) throw new AppError("bad_input", { reason: "mutation_id_reused", seq: m.seq });
    ids.add(m.mutationId);
  });
  return { oversized: single && bytes > MAX_SINGLE_MUTATION_BYTES };
}

/**
 * One mutation: the handler decides on locked current state (a Rejection leaves no write behind), then
 * writes. Any other error is transient: the whole batch rolls back, nothing advances, the client resends.
 */
async function applyOne(tx: Db, user: SessionUser, m: TMutationEnvelope, append: Appender): Promise<Omit<TMutationResult, "mutationId" | "seq">> {
  let decision;
  try {
    decision = await handlerFor(m)({ tx, user, mutation: m, append });
  } catch (err) {
    if (err instanceof Rejection) return { status: "rejected", reasonCode: err.code, details: err.details };
    throw err;
  }
  if (decision.status === "already_in_state") return { status: "already_in_state", reasonCode: null, details: decision.details ?? null };
  await decision.write();
  return { status: "applied", reasonCode: decision.flag?.code ?? null, details: decision.flag?.details ?? null };
}

/**
 * `sync.push`: applies a device's queued mutations strictly in seq order, in one transaction per batch
 * (each mutation all-or-nothing by the handlers' decide-then-write contract; the batch commits once). The device row is
 * locked for the batch, so concurrent deliveries of the same batch serialise: already-applied seqs get their
 * stored answer (idempotent replay), a skipped seq stops the batch (gap). A permanent rejection is stored
 * and advances the seq like an applied mutation, so the queue never blocks.
 */
export async function pushMutations({
  db,
  user,
  input,
  customerWorkOrderId = null,
}: {
  db: Db;
  user: SessionUser;
  input: TPushInput;
  /** Set when the session is in customer mode (domain/work-orders/customer-mode.ts). */
  customerWorkOrderId?: string | null;
}): Promise<TPushResponse> {
  const { oversized } = assertWellFormed(input);
  const response = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(devices).where(eq(devices.deviceId, input.deviceId)).for("update");
    const device = assertOwnDevice(row, user);
    // The session was checked when the request began; the user may have been disabled since. Checked under a
    // share lock, so disabling (which updates the row) waits for this batch instead of racing it.
    const [account] = await tx.select({ active: users.active }).from(users).where(eq(users.id, user.id)).for("share");
    if (!account?.active) throw new AppError("user_disabled");
    let last = device.lastAppliedSeq;
    const replayed = input.mutations.filter((m) => m.seq <= last);
    const stored = replayed.length
      ? await tx
          .select()
          .from(mutationResults)
          .where(and(eq(mutationResults.deviceId, input.deviceId), inArray(mutationResults.seq, replayed.map((m) => m.seq))))
      : [];
    const fresh = input.mutations.filter((m) => m.seq > last);
    const known = fresh.length
      ? await tx.select({ mutationId: mutationResults.mutationId }).from(mutationResults).where(inArray(mutationResults.mutationId, fresh.map((m) => m.mutationId)))
      : [];
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
    await lockBatch(tx, fresh);
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
      const outcome = oversized
        ? { status: "rejected" as const, reasonCode: "too_large" as const, details: { maxBytes: MAX_SINGLE_MUTATION_BYTES } }
        : await applyOne(tx, user, m, append);
      toStore.push({ mutationId: m.mutationId, deviceId: m.deviceId, seq: m.seq, name: m.name, ...outcome });
      results.push({ mutationId: m.mutationId, seq: m.seq, ...outcome });
      last = m.seq;
    }
    if (last > device.lastAppliedSeq) {
      await append.flush(tx);
      if (toStore.length > 0) await tx.insert(mutationResults).values(toStore);
      await tx.update(devices).set({ lastAppliedSeq: last, lastSeenAt: new Date() }).where(eq(devices.deviceId, input.deviceId));
    }
    return { results, lastAppliedSeq: last, gap };
  });
  killAfterCommitForTests(input);
  return response;
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
