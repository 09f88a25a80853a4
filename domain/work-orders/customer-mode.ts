/**
 * Customer mode: the lineman hands the phone to the customer, who may only sign (or refuse to sign) that one work
 * order. The phone locks its screens; the server enforces the same on the session (sessions.customer_work_order_id):
 * every procedure outside CUSTOMER_MODE_PROCEDURES is refused with `customer_mode`, and sync.push takes only the
 * customer's own mutations for that work order (any other mutation refuses the whole push, so nothing queued by the
 * lineman is consumed: it is sent once the lineman has left customer mode).
 */
import { z } from "zod";

/**
 * What a session in customer mode may still call: who am I (the phone restores customer mode after a reload), leave
 * (the lineman's password), send the customer's signature, and pull (the engine confirms what it sent; a pull only
 * returns what the lineman's phone already holds). auth.login is public and needs a password anyway.
 */
export const CUSTOMER_MODE_PROCEDURES: readonly string[] = ["auth.login", "auth.me", "auth.leaveCustomerMode", "sync.push", "sync.pull"];

/** The mutations a customer-mode session may push, for its work order only. */
export const CUSTOMER_MODE_MUTATIONS: readonly string[] = ["workOrder.customerSign", "workOrder.customerRefuse"];

export function customerModeAllowsProcedure(path: string): boolean {
  return CUSTOMER_MODE_PROCEDURES.includes(path);
}

export function customerModeAllowsMutation(m: { name: string; args: unknown }, workOrderId: string): boolean {
  if (!CUSTOMER_MODE_MUTATIONS.includes(m.name)) return false;
  const id = (m.args as { workOrderId?: unknown } | null)?.workOrderId;
  return typeof id === "string" && id.toLowerCase() === workOrderId.toLowerCase();
}

export const ZEnterCustomerModeInput = z.object({ workOrderId: z.uuid() });
export const ZLeaveCustomerModeInput = z.object({ password: z.string().min(1, { error: "validation.required" }).max(200) });
