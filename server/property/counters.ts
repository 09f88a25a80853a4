import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { propertyCounters } from "@/db/schema";
import { CODE_PREFIX, type TCounterKind } from "@/domain/property/model";
import { operatorDay } from "@/domain/time/operator";

/** The record kinds numbered per operator year: a PBX application, a works project, a letter, a maintenance agreement. */
export type TCodeKind = keyof typeof CODE_PREFIX;

/**
 * The next code of the operator's year for a kind of property record (PBX-2026-0001, CW-…, RL-…, MA-…): the year's
 * counter row is upserted and incremented in the caller's transaction (its row lock orders two writers of the same
 * year), like server/quality/numbering.ts.
 */
export async function nextCode(tx: Db, kind: TCodeKind, at: Date = new Date()): Promise<string> {
  const prefix: TCounterKind = CODE_PREFIX[kind];
  const year = operatorDay(at).slice(0, 4);
  const [row] = await tx
    .insert(propertyCounters)
    .values({ kind: prefix, year, last: 1 })
    .onConflictDoUpdate({ target: [propertyCounters.kind, propertyCounters.year], set: { last: sql`${propertyCounters.last} + 1` } })
    .returning({ last: propertyCounters.last });
  return `${prefix}-${year}-${String(row!.last).padStart(4, "0")}`;
}
