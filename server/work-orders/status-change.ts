import "server-only";
import { and, desc, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, workOrderEvents, workOrders } from "@/db/schema";
import type { TMutationEnvelope } from "@/domain/sync/protocol";
import { ownChangesSince } from "@/domain/sync/stale";
import { statusReasonAfter } from "@/domain/work-orders/preconditions";
import type { TWorkOrderStatus } from "@/domain/work-orders/status";
import { connectLinkedCase } from "@/server/property/connect";
import type { Appender } from "@/server/sync/contract";
import type { WorkOrderRow } from "./access";

/**
 * A status change: the projection on work_orders (status, version, reason, closing time) and its append-only
 * event (who, which device and mutation, client and server time), in the caller's transaction. Closing an order
 * linked to a PBX application or works case connects the case (server/property/connect.ts, ADR 0039 §6). Returns
 * the version after the change. The caller adds its audit event.
 */
export async function writeStatusChange(opts: {
  tx: Db;
  append: Appender;
  workOrder: WorkOrderRow;
  to: TWorkOrderStatus;
  reason: string;
  actorId: string;
  mutation: TMutationEnvelope;
  at: Date;
}): Promise<number> {
  const { tx, workOrder: wo, to, at } = opts;
  const versionAfter = wo.version + 1;
  await tx
    .update(workOrders)
    .set({
      status: to,
      version: versionAfter,
      statusReason: statusReasonAfter(to, opts.reason, wo.statusReason),
      updatedAt: at,
      closedAt: to === "closed" || to === "cancelled" ? at : wo.closedAt,
    })
    .where(eq(workOrders.id, wo.id));
  opts.append.add(workOrderEvents, {
    workOrderId: wo.id,
    fromStatus: wo.status,
    toStatus: to,
    reason: opts.reason,
    actorId: opts.actorId,
    deviceId: opts.mutation.deviceId,
    mutationId: opts.mutation.mutationId,
    clientTime: new Date(opts.mutation.clientTime),
    serverTime: at,
    versionAfter,
  });
  if (to === "closed") await connectLinkedCase(tx, { workOrder: wo, actorId: opts.actorId, at, append: opts.append });
  return versionAfter;
}

/** The last status change of a work order (for a stale answer: who changed it, when). Flush the batch's appends first. */
export async function lastStatusChange(tx: Db, workOrderId: string) {
  const [last] = await tx
    .select({ at: workOrderEvents.serverTime, by: users.displayName, to: workOrderEvents.toStatus })
    .from(workOrderEvents)
    .leftJoin(users, eq(users.id, workOrderEvents.actorId))
    .where(eq(workOrderEvents.workOrderId, workOrderId))
    .orderBy(desc(workOrderEvents.id))
    .limit(1);
  return last ?? null;
}

/**
 * The status changes of a work order after `version` (for the stale rule, domain/sync/stale.ts): how many this device
 * made itself (only when the first of them started from the status the phone says it saw), and the latest one made
 * by anyone else. A version bump without an event (the desk re-assigning an
 * order without changing its status) is never counted as the device's own. Flush the batch's appends first.
 */
export async function statusChangesSince(tx: Db, workOrderId: string, seen: { from: TWorkOrderStatus; version: number }, deviceId: string) {
  const rows = await tx
    .select({ at: workOrderEvents.serverTime, by: users.displayName, deviceId: workOrderEvents.deviceId, from: workOrderEvents.fromStatus })
    .from(workOrderEvents)
    .leftJoin(users, eq(users.id, workOrderEvents.actorId))
    .where(and(eq(workOrderEvents.workOrderId, workOrderId), gt(workOrderEvents.versionAfter, seen.version)))
    .orderBy(desc(workOrderEvents.id));
  const foreign = rows.find((r) => r.deviceId !== deviceId);
  return { own: ownChangesSince(rows, seen.from, deviceId), lastByOthers: foreign ? { at: foreign.at, by: foreign.by } : null };
}
