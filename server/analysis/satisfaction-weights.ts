import "server-only";
import { AppError } from "@/server/errors";
import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { satisfactionWeights, users } from "@/db/schema";
import type { TWeights } from "@/domain/analysis/satisfaction";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";

/**
 * The satisfaction weights of a year in versions (ADR 0041 §2): each change is a new row (version n + 1), never an
 * edit; the latest version of the year is the one results use, and every result names it.
 */
export interface TWeightsVersion {
  year: number;
  version: number;
  weights: TWeights;
  note: string;
  setBy: string;
  setByName: string;
  setAt: Date;
}

const columns = {
  year: satisfactionWeights.year,
  version: satisfactionWeights.version,
  weights: satisfactionWeights.weights,
  note: satisfactionWeights.note,
  setBy: satisfactionWeights.setBy,
  setByName: users.displayName,
  setAt: satisfactionWeights.setAt,
};

/** The year's latest version, or null when quality has set none (then there is no index: weights_missing). */
export async function currentWeights(db: Db, year: number): Promise<TWeightsVersion | null> {
  const [row] = await db
    .select(columns)
    .from(satisfactionWeights)
    .innerJoin(users, eq(users.id, satisfactionWeights.setBy))
    .where(eq(satisfactionWeights.year, year))
    .orderBy(desc(satisfactionWeights.version))
    .limit(1);
  return row ?? null;
}

/** `satisfaction.weights`: the year's current version and every version before it, newest first. */
export async function weightsOfYear(db: Db, year: number): Promise<{ year: number; current: TWeightsVersion | null; history: TWeightsVersion[] }> {
  const history = await db
    .select(columns)
    .from(satisfactionWeights)
    .innerJoin(users, eq(users.id, satisfactionWeights.setBy))
    .where(eq(satisfactionWeights.year, year))
    .orderBy(desc(satisfactionWeights.version));
  return { year, current: history[0] ?? null, history };
}

/**
 * Quality sets the year's weights (already checked by ZSetWeightsArgs: 0–100, one decimal, summing to 100): a new
 * version n + 1, the writers of one year ordered by an advisory lock, audited `satisfaction.weightsSet`.
 */
export async function setWeights(
  db: Db,
  user: SessionUser,
  input: { year: number; weights: TWeights; note: string; basedOn?: number },
  now: Date = clockNow(),
): Promise<{ year: number; version: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`satisfaction-weights:${input.year}`}))`);
    const [last] = await tx
      .select({ version: sql<number>`coalesce(max(${satisfactionWeights.version}), 0)`.mapWith(Number) })
      .from(satisfactionWeights)
      .where(eq(satisfactionWeights.year, input.year));
    // a form opened on an older version does not silently become the current one
    if (input.basedOn !== undefined && input.basedOn !== (last?.version ?? 0)) throw new AppError("conflict", { version: last?.version ?? 0 });
    const version = (last?.version ?? 0) + 1;
    const [row] = await tx
      .insert(satisfactionWeights)
      .values({ year: input.year, version, weights: input.weights, note: input.note, setBy: user.id, setAt: now })
      .returning({ id: satisfactionWeights.id });
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "satisfaction_weights",
      subjectId: row!.id,
      at: now,
      event: { name: "satisfaction.weightsSet", payload: { year: input.year, version, weights: input.weights, note: input.note } },
    });
    return { year: input.year, version };
  });
}
