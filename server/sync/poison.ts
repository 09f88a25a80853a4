import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { mutationFailures, users } from "@/db/schema";
import type { TMutationEnvelope } from "@/domain/sync/protocol";
import type { SessionUser } from "@/server/auth/session";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { logEvent } from "@/server/log";

/**
 * The poison rule (issue 11, docs/sync-protocol.md "A change the server cannot apply"): an unexpected error while
 * applying one mutation rolls the batch back and answers 500, and the phone sends again later. When the same
 * mutation fails the same deterministic way POISON_AFTER times in a row, it is answered with a stored rejection
 * `server_error` carrying a reference instead, and the rest of the queue moves on. Transient failures (the database
 * unreachable, overloaded, a serialisation conflict, a lock or statement timeout) never count: they heal by
 * themselves, and turning them into rejections would lose work.
 */

/** An unexpected error thrown while applying one mutation (push.ts wraps it so the rule knows which). */
export class MutationFailure extends Error {
  readonly mutation: TMutationEnvelope;
  constructor(mutation: TMutationEnvelope, cause: unknown) {
    super(`mutation ${mutation.mutationId} (${mutation.name}) failed`, { cause });
    this.name = "MutationFailure";
    this.mutation = mutation;
  }
}

/** SQLSTATE classes that say "try again" (PostgreSQL appendix A): connection, rollback, resources, operator, system. */
const TRANSIENT_SQLSTATE = /^(08|40|53|55|57|58)/;
/** Driver and socket codes of a database that went away or did not answer. */
const TRANSIENT_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

/** The error codes along an error's cause chain (drizzle wraps the driver's error). */
function codesOf(err: unknown): string[] {
  const codes: string[] = [];
  for (let e = err, i = 0; e && typeof e === "object" && i < 8; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
  }
  return codes;
}

/** True when the failure may heal by itself: it never counts towards the rule. */
export function isTransient(err: unknown): boolean {
  return codesOf(err).some((c) => TRANSIENT_CODES.has(c) || (/^[0-9A-Z]{5}$/.test(c) && TRANSIENT_SQLSTATE.test(c)));
}

function innermost(err: unknown): unknown {
  let e = err;
  for (let i = 0; i < 8 && e instanceof Error && e.cause !== undefined; i++) e = e.cause;
  return e;
}

/** What failed, without what changes between attempts (ids, times): the same fault gives the same fingerprint. */
export function fingerprintOf(err: unknown): string {
  const inner = innermost(err);
  const name = inner instanceof Error ? inner.name : typeof inner;
  const message = (inner instanceof Error ? inner.message : String(inner))
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "<id>")
    .replace(/\d+/g, "<n>")
    .slice(0, 300);
  const code = codesOf(err).join(",");
  return createHash("sha256").update(`${name}|${code}|${message}`).digest("hex").slice(0, 32);
}

function describe(err: unknown): string {
  const inner = innermost(err);
  const text = inner instanceof Error ? (inner.stack ?? `${inner.name}: ${inner.message}`) : String(inner);
  return text.slice(0, 4000);
}

/** A reference an administrator can read out over the phone: E- and 8 characters without look-alikes. */
export const ZFailureReference = z.object({
  reference: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^E-[2-9A-HJ-NP-Z]{8}$/, { error: "validation.reference" }),
});

function newReference(): string {
  const alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  return `E-${Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join("")}`;
}

export interface PoisonVerdict {
  /** The failures counted so far for this mutation with this fingerprint. */
  failures: number;
  /** Reached the limit: answer it with a stored server_error rejection. */
  poisoned: boolean;
  reference: string;
}

/**
 * Counts one deterministic failure of a mutation (outside the rolled-back batch), and says whether it is now
 * poisoned. A different fingerprint from last time starts the count again at 1.
 */
export async function recordFailure(db: Db, user: SessionUser, failure: MutationFailure): Promise<PoisonVerdict> {
  const m = failure.mutation;
  const fingerprint = fingerprintOf(failure.cause);
  const error = describe(failure.cause);
  const [row] = await db
    .insert(mutationFailures)
    .values({
      mutationId: m.mutationId,
      deviceId: m.deviceId,
      userId: user.id,
      seq: m.seq,
      name: m.name.slice(0, 60),
      fingerprint,
      failures: 1,
      error,
      reference: newReference(),
    })
    .onConflictDoUpdate({
      target: mutationFailures.mutationId,
      set: {
        failures: sql`case when ${mutationFailures.fingerprint} = excluded.fingerprint then ${mutationFailures.failures} + 1 else 1 end`,
        fingerprint: sql`excluded.fingerprint`,
        error: sql`excluded.error`,
        lastAt: sql`now()`,
      },
    })
    .returning({ failures: mutationFailures.failures, reference: mutationFailures.reference });
  const verdict = { failures: row!.failures, poisoned: row!.failures >= env().SYNC_POISON_AFTER, reference: row!.reference };
  logEvent("error", verdict.poisoned ? "sync.mutation_poisoned" : "sync.mutation_failed", {
    reference: verdict.reference,
    mutationId: m.mutationId,
    deviceId: m.deviceId,
    name: m.name,
    failures: verdict.failures,
    error,
  });
  return verdict;
}

/** Marks the failure as answered by a stored rejection (in the batch's transaction, with the rejection). */
export async function markRejected(tx: Db, mutationId: string): Promise<void> {
  await tx.update(mutationFailures).set({ rejectedAt: new Date() }).where(eq(mutationFailures.mutationId, mutationId));
}

/**
 * Test-only fault hook, off unless TRACEMARK_FAULT_THROW_FOR is set: applying a mutation it names throws, as a
 * handler defect would. Entries, comma separated: a mutation id, or `arg:<value>` for any mutation with a top-level
 * argument of that value (e.g. an item id, so that an e2e test can aim at a change the phone has not made yet).
 * TRACEMARK_FAULT_THROW_CODE gives the error a code (e.g. 40001 for a transient one). Never set it in production.
 */
export function throwForTests(m: TMutationEnvelope): void {
  const spec = process.env.TRACEMARK_FAULT_THROW_FOR;
  if (!spec) return;
  const entries = spec.split(",");
  const args = m.args && typeof m.args === "object" ? Object.values(m.args as Record<string, unknown>) : [];
  const hit = entries.includes(m.mutationId) || args.some((v) => typeof v === "string" && entries.includes(`arg:${v}`));
  if (!hit) return;
  const err = new Error(`injected fault for ${m.mutationId}`) as Error & { code?: string };
  if (process.env.TRACEMARK_FAULT_THROW_CODE) err.code = process.env.TRACEMARK_FAULT_THROW_CODE;
  throw err;
}

/** An administrator looks up the reference a user read out from Needs attention (sync.failure). */
export async function failureByReference(db: Db, reference: string) {
  const [row] = await db
    .select({
      reference: mutationFailures.reference,
      mutationId: mutationFailures.mutationId,
      deviceId: mutationFailures.deviceId,
      seq: mutationFailures.seq,
      name: mutationFailures.name,
      failures: mutationFailures.failures,
      error: mutationFailures.error,
      firstAt: mutationFailures.firstAt,
      lastAt: mutationFailures.lastAt,
      rejectedAt: mutationFailures.rejectedAt,
      username: users.username,
      displayName: users.displayName,
    })
    .from(mutationFailures)
    .innerJoin(users, eq(users.id, mutationFailures.userId))
    .where(eq(mutationFailures.reference, reference));
  if (!row) throw new AppError("not_found");
  return row;
}
