import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workOrders } from "@/db/schema";
import type { TMaintenancePrefill } from "@/domain/property/schemas";
import { contactPhone } from "@/domain/work-orders/property-link";
import type { SessionUser } from "@/server/auth/session";

/**
 * The agreement form (《设备代维协议》) started from a work order: the customer's name, phone and address read from the
 * order here, on the server, so only the order's id travels in the address (no customer details in logs or history).
 * A lineman's own orders only, as workOrders.get; an order the user may not read, or none, starts an empty form.
 */
export async function maintenancePrefillFor(db: Db, user: SessionUser, workOrderId: string | undefined): Promise<TMaintenancePrefill> {
  if (!workOrderId) return {};
  const [order] = await db
    .select({ customerName: workOrders.customerName, contact: workOrders.contact, address: workOrders.address, assignedTo: workOrders.assignedTo })
    .from(workOrders)
    .where(eq(workOrders.id, workOrderId));
  if (!order || (user.role === "lineman" && order.assignedTo !== user.id)) return {};
  return {
    customerName: order.customerName.slice(0, 100),
    customerPhone: contactPhone(order.contact),
    customerAddress: order.address.slice(0, 200),
    workOrderId,
  };
}
