import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { qualityCounters } from "@/db/schema";
import { operatorDay } from "@/domain/time/operator";

/**
 * The next number of the operator's year for a spot-check (SC-2026-0001), a nonconformity (NC-…) or a
 * corrective-action record (CA-…): the year's counter row is upserted and incremented in the caller's transaction
 * (its row lock orders two writers of the same year).
 */
export async function nextQualityCode(tx: Db, kind: "SC" | "NC" | "CA", at: Date): Promise<string> {
  const year = operatorDay(at).slice(0, 4);
  const [row] = await tx
    .insert(qualityCounters)
    .values({ kind, year, last: 1 })
    .onConflictDoUpdate({ target: [qualityCounters.kind, qualityCounters.year], set: { last: sql`${qualityCounters.last} + 1` } })
    .returning({ last: qualityCounters.last });
  return `${kind}-${year}-${String(row!.last).padStart(4, "0")}`;
}
