import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import {
  equipmentChecks,
  equipmentCheckWithdrawals,
  users,
  workOrderEvents,
  workOrderPhotos,
  workOrders,
  workOrderServiceRecords,
  workOrderSignoffs,
} from "@/db/schema";
import { governingVerdict } from "@/domain/work-orders/rules";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { linkedCaseOf, maintenanceOf } from "./property-link";
import { workOrderCard } from "./service";

const assignee = alias(users, "assignee");
const clerk = alias(users, "clerk");

/**
 * `workOrders.get`: one work order with its equipment checks (each with the verdict that governs it), sign-offs
 * (without the signature strokes), status timeline with names, photos, the customer-property case it connects and,
 * for terminal maintenance, the customer's maintenance agreement in force. A lineman sees only their own: another
 * lineman's order is not_found, as one that does not exist. The procedure's roles admit the office readers.
 */
export async function getWorkOrderDetail({ db, user, workOrderId }: { db: Db; user: SessionUser; workOrderId: string }) {
  const [card] = await db
    .select({
      ...workOrderCard,
      assignedTo: workOrders.assignedTo,
      assigneeName: assignee.displayName,
      createdAt: workOrders.createdAt,
      closedAt: workOrders.closedAt,
      clerkCheckedAt: workOrders.clerkCheckedAt,
      clerkCheckedByName: clerk.displayName,
      propertyCaseId: workOrders.propertyCaseId,
    })
    .from(workOrders)
    .leftJoin(assignee, eq(assignee.id, workOrders.assignedTo))
    .leftJoin(clerk, eq(clerk.id, workOrders.clerkCheckedBy))
    .where(eq(workOrders.id, workOrderId));
  if (!card || (user.role === "lineman" && card.assignedTo !== user.id)) throw new AppError("not_found");

  const [checks, signoffs, events, photos, serviceRecord, propertyCase, maintenance] = await Promise.all([
    // the checks in force (ADR 0021: a withdrawn or corrected check stays on record, not on the order)
    db
      .select({ c: equipmentChecks })
      .from(equipmentChecks)
      .leftJoin(equipmentCheckWithdrawals, eq(equipmentCheckWithdrawals.checkId, equipmentChecks.id))
      .where(and(eq(equipmentChecks.workOrderId, workOrderId), isNull(equipmentCheckWithdrawals.checkId)))
      .orderBy(asc(equipmentChecks.id))
      .then((rows) => rows.map((r) => r.c)),
    db
      .select({
        id: workOrderSignoffs.id,
        kind: workOrderSignoffs.kind,
        signerName: workOrderSignoffs.signerName,
        checklist: workOrderSignoffs.checklist,
        ratingAttitude: workOrderSignoffs.ratingAttitude,
        ratingOnTime: workOrderSignoffs.ratingOnTime,
        comment: workOrderSignoffs.comment,
        refusalReason: workOrderSignoffs.refusalReason,
        signatureSha256: workOrderSignoffs.signatureSha256,
        snapshot: workOrderSignoffs.snapshot,
        evidenceHash: workOrderSignoffs.evidenceHash,
        actorName: users.displayName,
        deviceId: workOrderSignoffs.deviceId,
        clientTime: workOrderSignoffs.clientTime,
        serverTime: workOrderSignoffs.serverTime,
      })
      .from(workOrderSignoffs)
      .leftJoin(users, eq(users.id, workOrderSignoffs.actorId))
      .where(eq(workOrderSignoffs.workOrderId, workOrderId))
      .orderBy(asc(workOrderSignoffs.id)),
    db
      .select({
        id: workOrderEvents.id,
        fromStatus: workOrderEvents.fromStatus,
        toStatus: workOrderEvents.toStatus,
        reason: workOrderEvents.reason,
        actorName: users.displayName,
        clientTime: workOrderEvents.clientTime,
        serverTime: workOrderEvents.serverTime,
        versionAfter: workOrderEvents.versionAfter,
      })
      .from(workOrderEvents)
      .leftJoin(users, eq(users.id, workOrderEvents.actorId))
      .where(eq(workOrderEvents.workOrderId, workOrderId))
      .orderBy(asc(workOrderEvents.id)),
    db
      .select({
        id: workOrderPhotos.id,
        sha256: workOrderPhotos.sha256,
        caption: workOrderPhotos.caption,
        actorName: users.displayName,
        serverTime: workOrderPhotos.serverTime,
      })
      .from(workOrderPhotos)
      .leftJoin(users, eq(users.id, workOrderPhotos.actorId))
      .where(eq(workOrderPhotos.workOrderId, workOrderId))
      .orderBy(asc(workOrderPhotos.id)),
    // the terminal-maintenance service record (服务记录表), one per order
    db
      .select({
        requested: workOrderServiceRecords.requested,
        done: workOrderServiceRecords.done,
        parts: workOrderServiceRecords.parts,
        completion: workOrderServiceRecords.completion,
        recordedByName: users.displayName,
        recordedAt: workOrderServiceRecords.recordedAt,
        clientTime: workOrderServiceRecords.clientTime,
      })
      .from(workOrderServiceRecords)
      .leftJoin(users, eq(users.id, workOrderServiceRecords.recordedBy))
      .where(eq(workOrderServiceRecords.workOrderId, workOrderId))
      .then((rows) => rows[0] ?? null),
    // the PBX application or works case it connects, and a terminal-maintenance order's agreement (ADR 0039 §6, §9)
    linkedCaseOf(db, card.propertyCaseId),
    maintenanceOf(db, card),
  ]);

  return {
    workOrder: card,
    checks: checks.map(({ txid: _t, actorId: _a, mutationId: _m, ...c }) => ({ ...c, ...governingVerdict(c) })),
    signoffs,
    events,
    photos,
    serviceRecord,
    propertyCase,
    maintenance,
  };
}
