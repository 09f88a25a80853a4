import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workOrders } from "@/db/schema";
import { byUrgency, OPEN_WORK_ORDER_STATUSES } from "@/domain/work-orders/status";

/** What a lineman's phone and list show of a work order (also what sync.pull sends). */
export const workOrderCard = {
  id: workOrders.id,
  code: workOrders.code,
  kind: workOrders.kind,
  customerName: workOrders.customerName,
  address: workOrders.address,
  contact: workOrders.contact,
  service: workOrders.service,
  keyCustomer: workOrders.keyCustomer,
  dueAt: workOrders.dueAt,
  scheduledFor: workOrders.scheduledFor,
  status: workOrders.status,
  version: workOrders.version,
  notes: workOrders.notes,
  /** Why it was cancelled or why the customer refused to sign. */
  statusReason: workOrders.statusReason,
};

/** A lineman's open work orders, most urgent first (the order rule of domain/work-orders). */
export async function listMyOpenWorkOrders({ db, userId }: { db: Db; userId: string }) {
  const rows = await db
    .select(workOrderCard)
    .from(workOrders)
    .where(and(eq(workOrders.assignedTo, userId), inArray(workOrders.status, [...OPEN_WORK_ORDER_STATUSES])));
  return rows.sort(byUrgency);
}
