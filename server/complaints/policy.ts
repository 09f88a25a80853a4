import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { serviceLimitPolicies, users } from "@/db/schema";
import { limitText } from "@/domain/complaints/audit-events";
import { DEFAULT_POLICY, policyProblems, TIERS, type TPolicyLimits } from "@/domain/complaints/deadlines";
import { REQUEST_TYPES } from "@/domain/complaints/model";
import type { TPolicyInput } from "@/domain/complaints/schemas";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { ruleViolation } from "./access";

/** A transaction-scoped advisory lock that orders policy changes (work orders' code lock is 727_275). */
const POLICY_LOCK = 727_276;

export interface TCurrentPolicy {
  version: number;
  limits: TPolicyLimits;
}

/**
 * The green-channel policy in force: the newest version. A new installation has none yet: version 1 =
 * DEFAULT_POLICY is inserted then (on conflict do nothing, so two first callers agree). For every deadline:
 * the phone's record, the office steps, key customers' work orders and the job runner.
 */
export async function currentPolicy(tx: Db): Promise<TCurrentPolicy> {
  const [row] = await tx
    .select({ version: serviceLimitPolicies.version, limits: serviceLimitPolicies.limits })
    .from(serviceLimitPolicies)
    .orderBy(desc(serviceLimitPolicies.version))
    .limit(1);
  if (row) return row;
  await tx
    .insert(serviceLimitPolicies)
    .values({ version: 1, limits: DEFAULT_POLICY, note: "default" })
    .onConflictDoNothing({ target: serviceLimitPolicies.version });
  const [first] = await tx
    .select({ version: serviceLimitPolicies.version, limits: serviceLimitPolicies.limits })
    .from(serviceLimitPolicies)
    .orderBy(desc(serviceLimitPolicies.version))
    .limit(1);
  return first!;
}

export interface TPolicyVersion {
  version: number;
  limits: TPolicyLimits;
  note: string;
  setAt: Date;
  setBy: string | null;
}

/** The policy screen: the version in force and every version before it, newest first. */
export async function getPolicy(db: Db): Promise<{ current: TPolicyVersion; history: TPolicyVersion[] }> {
  await currentPolicy(db);
  const history = await db
    .select({
      version: serviceLimitPolicies.version,
      limits: serviceLimitPolicies.limits,
      note: serviceLimitPolicies.note,
      setAt: serviceLimitPolicies.setAt,
      setBy: users.displayName,
    })
    .from(serviceLimitPolicies)
    .leftJoin(users, eq(users.id, serviceLimitPolicies.setBy))
    .orderBy(desc(serviceLimitPolicies.version));
  return { current: history[0]!, history };
}

/**
 * A new policy version, made from the version the editor saw (compare-and-set on `basedOn`: two editors never
 * overwrite each other); refused with rule policy_invalid when a limit is out of range or a key customer's would be
 * longer than everyone else's. Records already received keep their deadline (they name their version).
 */
export async function setPolicy(db: Db, user: SessionUser, input: TPolicyInput, now = new Date()): Promise<{ version: number }> {
  const limits: TPolicyLimits = { key: input.key, standard: input.standard };
  const problems = policyProblems(limits);
  if (problems.length > 0) throw ruleViolation("policy_invalid", { problems });
  return db.transaction(async (tx) => {
    await currentPolicy(tx);
    // serialise two editors (the versions are facts: no row lock on them, UPDATE is revoked): then compare
    await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(POLICY_LOCK))})`);
    const [newest] = await tx
      .select({ version: serviceLimitPolicies.version, limits: serviceLimitPolicies.limits })
      .from(serviceLimitPolicies)
      .orderBy(desc(serviceLimitPolicies.version))
      .limit(1);
    if (newest!.version !== input.basedOn) throw new AppError("conflict", { version: newest!.version });
    const changed: { tier: string; type: string; from: string | null; to: string }[] = [];
    for (const tier of TIERS)
      for (const type of REQUEST_TYPES) {
        const before = newest!.limits[tier]?.[type];
        const after = limits[tier][type];
        if (!before || before.unit !== after.unit || before.value !== after.value)
          changed.push({ tier, type, from: before ? limitText(before) : null, to: limitText(after) });
      }
    const version = newest!.version + 1;
    await tx.insert(serviceLimitPolicies).values({ version, limits, note: input.note, setBy: user.id, setAt: now });
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "service_limit_policy",
      subjectId: String(version),
      at: now,
      event: { name: "complaint.policySet", payload: { version, note: input.note, changed } },
    });
    return { version };
  });
}
