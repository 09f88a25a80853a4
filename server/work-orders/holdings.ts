import "server-only";
import { and, asc, eq, notInArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workOrders } from "@/db/schema";
import { FINISHED_WORK_ORDER_STATUSES } from "@/domain/work-orders/desk";
import { AppError } from "@/server/errors";

/**
 * A lineman leaving the role or being disabled (domain changeNeedsOrdersReassigned) must have no unfinished work
 * order assigned. Call it with the user row locked FOR UPDATE: the desk's assign holds that row shared, so an
 * assignment in flight finishes first and is counted. The error lists the orders, for the office screen.
 */
export async function assertNoOpenWorkOrders(tx: Db, userId: string): Promise<void> {
  const open = await tx
    .select({ id: workOrders.id, code: workOrders.code, status: workOrders.status })
    .from(workOrders)
    .where(and(eq(workOrders.assignedTo, userId), notInArray(workOrders.status, [...FINISHED_WORK_ORDER_STATUSES])))
    .orderBy(asc(workOrders.code));
  if (open.length === 0) return;
  throw new AppError("holds_work_orders", { count: open.length, workOrders: open });
}
