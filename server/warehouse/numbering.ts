import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { warehouseCounters } from "@/db/schema";
import { operatorDay } from "@/domain/time/operator";

/**
 * The next number of the operator's day for a receipt (RC-YYYYMMDD-NNNN) or a Quality Acceptance Form
 * (QA-YYYYMMDD-NNNN): the day's counter row is upserted and incremented in the caller's transaction (its row lock
 * orders two writers of the same day).
 */
export async function nextWarehouseCode(tx: Db, kind: "RC" | "QA", at: Date): Promise<string> {
  const day = operatorDay(at);
  const [row] = await tx
    .insert(warehouseCounters)
    .values({ kind, day, last: 1 })
    .onConflictDoUpdate({ target: [warehouseCounters.kind, warehouseCounters.day], set: { last: sql`${warehouseCounters.last} + 1` } })
    .returning({ last: warehouseCounters.last });
  return `${kind}-${day.replaceAll("-", "")}-${String(row!.last).padStart(4, "0")}`;
}
