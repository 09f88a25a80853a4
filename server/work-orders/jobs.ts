import "server-only";
import { and, eq, inArray, isNotNull, lt } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { workOrders } from "@/db/schema";
import { OPEN_WORK_ORDER_STATUSES } from "@/domain/work-orders/status";
import { recordTime } from "@/domain/time/operator";
import { defineJob } from "@/server/jobs";
import { raiseNotice } from "@/server/notices/service";

/**
 * Key customers' work orders past their deadline and still open (domain/work-orders/desk.ts isPastDeadline): a
 * notice to customer service and the quality department (企业管理部), once per order and deadline (a deadline moved
 * later and passed again is told again). Returns how many notices were new.
 */
export async function raiseKeyCustomerOverdue(db: Db, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const late = await tx
      .select({ id: workOrders.id, code: workOrders.code, customerName: workOrders.customerName, dueAt: workOrders.dueAt })
      .from(workOrders)
      .where(
        and(
          eq(workOrders.keyCustomer, true),
          isNotNull(workOrders.dueAt),
          lt(workOrders.dueAt, now),
          inArray(workOrders.status, [...OPEN_WORK_ORDER_STATUSES]),
        ),
      );
    let raised = 0;
    for (const o of late) {
      raised += await raiseNotice(tx, {
        to: { roles: ["customer_service", "quality"] },
        kind: "workOrder.keyCustomerOverdue",
        params: { customer: o.customerName, code: o.code, due: recordTime(o.dueAt!, { seconds: false }) },
        href: `/work-orders/desk/${o.id}`,
        key: `workOrder.keyCustomerOverdue:${o.id}:${o.dueAt!.toISOString()}`,
      });
    }
    return raised;
  });
}

/**
 * Every 5 minutes: a sweep, not one delayed job per order, because the deadline is a fact of the order that the desk
 * may change (or the order may close) at any time; the query reads it as it is now, so nothing is scheduled twice or
 * left behind (ADR 0033). A deadline is told at most ~5.5 minutes late (the interval and the cron's 30 s tick).
 */
export const keyCustomerDeadlines = defineJob({
  name: "work-orders.keyCustomerDeadlines",
  data: z.object({}),
  schedule: { cron: "*/5 * * * *", data: {} },
  keepDays: 2,
  handler: async (_data, run) => {
    await raiseKeyCustomerOverdue(run.db);
  },
});

/** The work-order domain's jobs (listed once in server/jobs/list.ts). */
export const workOrderJobs = [keyCustomerDeadlines];
