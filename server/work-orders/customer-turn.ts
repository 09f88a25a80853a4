import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workOrderSignoffs } from "@/db/schema";
import { snapshotDifferences, type TCustomerSnapshot, type TSnapshotDifference } from "@/domain/work-orders/snapshot";
import { recordedChecks } from "./self-check";

/** Whether the lineman's self-check is on record (the customer's turn needs it). */
export async function hasSelfCheck(tx: Db, workOrderId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: workOrderSignoffs.id })
    .from(workOrderSignoffs)
    .where(and(eq(workOrderSignoffs.workOrderId, workOrderId), eq(workOrderSignoffs.kind, "self_check")))
    .limit(1);
  return row !== undefined;
}

/** How the equipment in the snapshot the customer signed differs from the checks on record (governing verdicts). */
export async function signedSummaryDifferences(tx: Db, workOrderId: string, snapshot: TCustomerSnapshot): Promise<TSnapshotDifference[]> {
  return snapshotDifferences(snapshot.equipment, await recordedChecks(tx, workOrderId));
}
