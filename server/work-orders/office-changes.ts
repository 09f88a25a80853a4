import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workOrderEvents, workOrders, workOrderWithdrawals } from "@/db/schema";
import { canReassign, statusAfterAssignment } from "@/domain/work-orders/desk";
import type { TAssignWorkOrderInput, TCancelWorkOrderInput, TCloseWorkOrderInput } from "@/domain/work-orders/schemas";
import { canTransition } from "@/domain/work-orders/status";
import { appendAuditEvent } from "@/server/audit/service";
import { AppError } from "@/server/errors";
import { connectLinkedCase } from "@/server/property/connect";
import { lockActiveLineman, lockWorkOrderForUpdate } from "./office-locks";

const changed = { id: workOrders.id, code: workOrders.code, status: workOrders.status, version: workOrders.version, assignedTo: workOrders.assignedTo };

/** Compare-and-set: the office acted on what it saw; anything changed since is a conflict (with the current state). */
function assertVersion(row: { version: number; status: string }, seen: number) {
  if (row.version !== seen) throw new AppError("conflict", { status: row.status, version: row.version });
}

/**
 * Assigns a work order to an active lineman, or re-assigns it while its lineman has not reached the customer.
 * A re-assigned order that was on its way starts again from "assigned" (a status event records it).
 * Assigning it to the lineman it already has changes nothing.
 */
export async function assignWorkOrder({ db, actorId, input, now = new Date() }: { db: Db; actorId: string; input: TAssignWorkOrderInput; now?: Date }) {
  return db.transaction(async (tx) => {
    const wo = await lockWorkOrderForUpdate(tx, input.workOrderId);
    assertVersion(wo, input.version);
    if (!canReassign(wo.status)) throw new AppError("invalid_transition", { status: wo.status });
    await lockActiveLineman(tx, input.assigneeId);
    if (wo.assignedTo === input.assigneeId) {
      return { id: wo.id, code: wo.code, status: wo.status, version: wo.version, assignedTo: wo.assignedTo };
    }
    const toStatus = statusAfterAssignment(wo.status);
    const versionAfter = wo.version + 1;
    const [after] = await tx
      .update(workOrders)
      .set({ assignedTo: input.assigneeId, status: toStatus, version: versionAfter, updatedAt: now })
      .where(eq(workOrders.id, wo.id))
      .returning(changed);
    if (toStatus !== wo.status) {
      await tx.insert(workOrderEvents).values({ workOrderId: wo.id, fromStatus: wo.status, toStatus, actorId, serverTime: now, versionAfter });
    }
    // the lineman who had it drops it from their phone at the next pull
    if (wo.assignedTo !== null) await tx.insert(workOrderWithdrawals).values({ workOrderId: wo.id, userId: wo.assignedTo, at: now });
    await appendAuditEvent(tx, {
      actorId,
      subjectType: "work_order",
      subjectId: wo.id,
      at: now,
      event: {
        name: "workOrder.assigned",
        payload: { code: wo.code, fromAssigneeId: wo.assignedTo, toAssigneeId: input.assigneeId, fromStatus: wo.status, toStatus, versionAfter },
      },
    });
    return after!;
  });
}

/**
 * The office's own status changes (domain transition table, actor "office"): cancel, with a reason, or close a
 * signed or refused order (connecting the case it is linked to). Status, event and audit row in one transaction, the
 * order locked first.
 */
async function officeTransition({
  db,
  actorId,
  workOrderId,
  version,
  to,
  reason,
  now,
}: {
  db: Db;
  actorId: string;
  workOrderId: string;
  version: number;
  to: "cancelled" | "closed";
  reason: string;
  now: Date;
}) {
  return db.transaction(async (tx) => {
    const wo = await lockWorkOrderForUpdate(tx, workOrderId);
    assertVersion(wo, version);
    if (!canTransition(wo.status, to, "office")) throw new AppError("invalid_transition", { status: wo.status });
    const versionAfter = wo.version + 1;
    const [after] = await tx
      .update(workOrders)
      .set({
        status: to,
        // why kept on closing: a refused order closes with the customer's reason still on it
        statusReason: to === "cancelled" ? reason : wo.statusReason,
        version: versionAfter,
        updatedAt: now,
        closedAt: now,
      })
      .where(eq(workOrders.id, wo.id))
      .returning(changed);
    await tx.insert(workOrderEvents).values({ workOrderId: wo.id, fromStatus: wo.status, toStatus: to, reason, actorId, serverTime: now, versionAfter });
    // the PBX application or works case the order connects (ADR 0039 §6)
    if (to === "closed") await connectLinkedCase(tx, { workOrder: wo, actorId, at: now });
    await appendAuditEvent(tx, {
      actorId,
      subjectType: "work_order",
      subjectId: wo.id,
      at: now,
      event:
        to === "cancelled"
          ? { name: "workOrder.cancelled", payload: { code: wo.code, fromStatus: wo.status, reason, versionAfter } }
          : { name: "workOrder.closed", payload: { code: wo.code, fromStatus: wo.status, versionAfter } },
    });
    return after!;
  });
}

/** Cancels a work order with a reason, where the transition table lets the office do it. */
export function cancelWorkOrder({ db, actorId, input, now = new Date() }: { db: Db; actorId: string; input: TCancelWorkOrderInput; now?: Date }) {
  return officeTransition({ db, actorId, workOrderId: input.workOrderId, version: input.version, to: "cancelled", reason: input.reason, now });
}

/** Closes a signed (or refused) work order: the office has seen it through. */
export function closeWorkOrder({ db, actorId, input, now = new Date() }: { db: Db; actorId: string; input: TCloseWorkOrderInput; now?: Date }) {
  return officeTransition({ db, actorId, workOrderId: input.workOrderId, version: input.version, to: "closed", reason: "", now });
}
