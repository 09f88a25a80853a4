import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { devices, mutationResults } from "@/db/schema";
import {
  MAX_BATCH_BYTES,
  type TMutationEnvelope,
  type TMutationResult,
  type TPushInput,
  type TPushResponse,
} from "@/domain/sync/protocol";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { assertOwnDevice, loadOwnDevice } from "./devices";
import { handlerFor } from "./registry";
import { Rejection } from "./rejection";

type Step = { kind: "result"; result: TMutationResult } | { kind: "gap"; expectedSeq: number };

function toResult(row: typeof mutationResults.$inferSelect): TMutationResult {
  return { mutationId: row.mutationId, seq: row.seq, status: row.status, reasonCode: row.reasonCode, details: row.details };
}

/** Locks the device row (serialising every push of one device) and re-checks it inside the transaction. */
async function lockDevice(tx: Db, user: SessionUser, deviceId: string) {
  const [row] = await tx.select().from(devices).where(eq(devices.deviceId, deviceId)).for("update");
  return assertOwnDevice(row, user);
}

/** A seq at or below last_applied_seq: answer what was stored (idempotent replay). */
async function replay(tx: Db, m: TMutationEnvelope): Promise<Step> {
  const [stored] = await tx
    .select()
    .from(mutationResults)
    .where(and(eq(mutationResults.deviceId, m.deviceId), eq(mutationResults.seq, m.seq)));
  if (!stored || stored.mutationId !== m.mutationId) {
    // The client reused a seq for another mutation: a client defect, refused for the whole batch.
    throw new AppError("bad_input", { reason: "seq_reused", seq: m.seq });
  }
  return { kind: "result", result: toResult(stored) };
}

async function record(tx: Db, m: TMutationEnvelope, result: Omit<TMutationResult, "mutationId" | "seq">) {
  const [row] = await tx
    .insert(mutationResults)
    .values({
      mutationId: m.mutationId,
      deviceId: m.deviceId,
      seq: m.seq,
      name: m.name,
      status: result.status,
      reasonCode: result.reasonCode,
      details: result.details,
    })
    .returning();
  await tx.update(devices).set({ lastAppliedSeq: m.seq, lastSeenAt: new Date() }).where(eq(devices.deviceId, m.deviceId));
  return toResult(row!);
}

/** One mutation, one transaction. A Rejection rolls back, then a second transaction stores it. */
async function applyOne(db: Db, user: SessionUser, m: TMutationEnvelope): Promise<Step> {
  try {
    return await db.transaction(async (tx) => {
      const device = await lockDevice(tx, user, m.deviceId);
      if (m.seq <= device.lastAppliedSeq) return replay(tx, m);
      if (m.seq > device.lastAppliedSeq + 1) return { kind: "gap", expectedSeq: device.lastAppliedSeq + 1 };
      const [sameId] = await tx.select({ seq: mutationResults.seq }).from(mutationResults).where(eq(mutationResults.mutationId, m.mutationId));
      // A mutation id already answered under another seq: a client defect, refused for the whole batch.
      if (sameId) throw new AppError("bad_input", { reason: "mutation_id_reused", seq: sameId.seq });
      const outcome = await handlerFor(m)({ tx, user, mutation: m });
      const result = await record(tx, m, { status: outcome.status, reasonCode: null, details: outcome.details ?? null });
      return { kind: "result", result };
    });
  } catch (err) {
    if (!(err instanceof Rejection)) throw err; // transient: nothing advanced, the client resends
    return db.transaction(async (tx) => {
      const device = await lockDevice(tx, user, m.deviceId);
      if (m.seq <= device.lastAppliedSeq) return replay(tx, m);
      const result = await record(tx, m, { status: "rejected", reasonCode: err.code, details: err.details });
      return { kind: "result", result };
    });
  }
}

/**
 * `sync.push`: applies a device's queued mutations strictly in seq order. Stops at a gap. The answer
 * holds one result per mutation handled, stored so that any resend gets the same answer.
 */
export async function pushMutations({ db, user, input }: { db: Db; user: SessionUser; input: TPushInput }): Promise<TPushResponse> {
  if (new TextEncoder().encode(JSON.stringify(input)).length > MAX_BATCH_BYTES) {
    throw new AppError("batch_too_large", { maxBytes: MAX_BATCH_BYTES });
  }
  for (let i = 0; i < input.mutations.length; i++) {
    const m = input.mutations[i]!;
    if (m.deviceId !== input.deviceId) throw new AppError("bad_input", { reason: "device_mismatch", seq: m.seq });
    if (i > 0 && m.seq !== input.mutations[i - 1]!.seq + 1) throw new AppError("bad_input", { reason: "seq_not_consecutive", seq: m.seq });
  }
  await loadOwnDevice(db, user, input.deviceId);
  const results: TMutationResult[] = [];
  for (const m of input.mutations) {
    const step = await applyOne(db, user, m);
    if (step.kind === "gap") {
      return { results, lastAppliedSeq: step.expectedSeq - 1, gap: { expectedSeq: step.expectedSeq, gotSeq: m.seq } };
    }
    results.push(step.result);
  }
  const device = await loadOwnDevice(db, user, input.deviceId);
  return { results, lastAppliedSeq: device.lastAppliedSeq, gap: null };
}
