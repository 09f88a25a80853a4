import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { complaintCounters } from "@/db/schema";
import { complaintCode } from "@/domain/complaints/codes";
import { operatorDay } from "@/domain/time/operator";

/**
 * The next form number of the operator's day the customer asked (TS-YYYYMMDD-NNNN): the day's counter row is
 * upserted and incremented in the caller's transaction (its row lock orders two recorders of the same day).
 */
export async function nextComplaintCode(tx: Db, receivedAt: Date): Promise<string> {
  const day = operatorDay(receivedAt);
  const [row] = await tx
    .insert(complaintCounters)
    .values({ day, last: 1 })
    .onConflictDoUpdate({ target: complaintCounters.day, set: { last: sql`${complaintCounters.last} + 1` } })
    .returning({ last: complaintCounters.last });
  return complaintCode(day, row!.last);
}
