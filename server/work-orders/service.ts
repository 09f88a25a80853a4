import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workOrders } from "@/db/schema";
import { OPEN_WORK_ORDER_STATUSES } from "@/domain/work-orders/status";

/** A lineman's open work orders: earliest scheduled first (so overdue lead), key customers first within a day. */
export function listMyOpenWorkOrders({ db, userId }: { db: Db; userId: string }) {
  return db
    .select({
      id: workOrders.id,
      code: workOrders.code,
      kind: workOrders.kind,
      customerName: workOrders.customerName,
      address: workOrders.address,
      service: workOrders.service,
      keyCustomer: workOrders.keyCustomer,
      dueAt: workOrders.dueAt,
      scheduledFor: workOrders.scheduledFor,
      status: workOrders.status,
    })
    .from(workOrders)
    .where(and(eq(workOrders.assignedTo, userId), inArray(workOrders.status, [...OPEN_WORK_ORDER_STATUSES])))
    .orderBy(asc(workOrders.scheduledFor), desc(workOrders.keyCustomer), asc(workOrders.code));
}
