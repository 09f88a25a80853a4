import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import {
  equipmentChecks,
  equipmentCheckWithdrawals,
  propertyCases,
  users,
  workOrderEvents,
  workOrders,
  workOrderServiceRecords,
  workOrderSignoffs,
  workOrderWithdrawals,
} from "@/db/schema";
import { WORK_ORDER_MUTATION_VERSIONS as V } from "@/domain/work-orders/mutations";
import { feed, syncDomain } from "@/server/sync/contract";
import { lockWorkOrdersOf } from "./access";
import { applyCheckEquipment } from "./check-equipment";
import { applyCustomerRefuse } from "./customer-refuse";
import { applyCustomerSign } from "./customer-sign";
import { applyAddPhoto } from "./photo";
import { caseColumns, maintenanceFor, summaryOf } from "./property-link";
import { applySelfCheck } from "./self-check";
import { applyServiceRecord } from "./service-record";
import { workOrderCard } from "./service";
import { applyTransition } from "./transition";
import { applyWithdrawCheck } from "./withdraw-check";

const linemen = (user: { role: string }) => user.role === "lineman";

/**
 * A work order's child rows (checks, sign-offs, status events) are paged by the later of their own txid and their
 * order's: when an order is assigned to another lineman (or changes at all), its whole history is delivered again
 * to the phone that holds it now — rows written before the reassignment are below the new phone's cursor by their
 * own txid and would otherwise never reach it.
 */
const orderChildTxid = (col: AnyPgColumn) => sql<number>`greatest(${col}, ${workOrders.txid})`.mapWith(Number);
/**
 * A work order comes again when the case it is linked to changes (its inspection passes, it is connected): the phone
 * decides on the case's status offline (ADR 0039 §6).
 */
const orderTxid = sql<number>`greatest(${workOrders.txid}, coalesce(${propertyCases.txid}, 0))`.mapWith(Number);
/** A check changes again when it is withdrawn or corrected: the withdrawal's transaction counts too. */
const checkTxid = sql<number>`greatest(${equipmentChecks.txid}, ${workOrders.txid}, coalesce(${equipmentCheckWithdrawals.txid}, 0))`.mapWith(Number);

/** Work orders on the lineman's phone: the whole visit at the customer's site offline (ADR 0014, 0016). */
export const workOrdersSync = syncDomain({
  name: "work-orders",
  mutations: {
    "workOrder.transition": { versions: V["workOrder.transition"], handler: applyTransition },
    "workOrder.checkEquipment": { versions: V["workOrder.checkEquipment"], handler: applyCheckEquipment },
    "workOrder.selfCheck": { versions: V["workOrder.selfCheck"], handler: applySelfCheck },
    "workOrder.customerSign": { versions: V["workOrder.customerSign"], handler: applyCustomerSign },
    "workOrder.customerRefuse": { versions: V["workOrder.customerRefuse"], handler: applyCustomerRefuse },
    "workOrder.addPhoto": { versions: V["workOrder.addPhoto"], handler: applyAddPhoto },
    "workOrder.withdrawCheck": { versions: V["workOrder.withdrawCheck"], handler: applyWithdrawCheck },
    "workOrder.serviceRecord": { versions: V["workOrder.serviceRecord"], handler: applyServiceRecord },
  },
  lock: lockWorkOrdersOf,
  feeds: {
    /**
     * A lineman's own work orders, every state (so a cancellation or closure reaches the phone too), each with the
     * summary of the PBX application or works case it connects and, for terminal maintenance, the customer's
     * maintenance agreement in force (ADR 0039 §6, §9): shown read-only, the case's status decides offline.
     */
    workOrders: feed({
      scope: { phones: linemen, rows: "own", leaves: { tombstones: "withdrawnWorkOrders" } },
      ofWorkOrder: true,
      txid: orderTxid,
      probe: [workOrders.txid, propertyCases.txid],
      rows: async (tx, user, where, limit) => {
        const rows = await tx
          .select({ ...workOrderCard, closedAt: workOrders.closedAt, linked: caseColumns, txid: orderTxid })
          .from(workOrders)
          .leftJoin(propertyCases, eq(propertyCases.id, workOrders.propertyCaseId))
          .where(and(eq(workOrders.assignedTo, user.id), where))
          .orderBy(asc(orderTxid), asc(workOrders.id))
          .limit(limit);
        const agreements = await maintenanceFor(tx, rows);
        return rows.map(({ closedAt: _c, linked, txid, ...card }) => ({
          ...card,
          propertyCase: summaryOf(linked),
          maintenance: agreements.get(card.id) ?? null,
          txid,
        }));
      },
    }),
    /**
     * Orders taken from this lineman (re-assigned): the phone drops them and their rows. Not while the order has come
     * back to them (its workOrders row, newer, is what counts then).
     */
    withdrawnWorkOrders: feed({
      scope: { phones: linemen, rows: "own", leaves: "never" },
      txid: workOrderWithdrawals.txid,
      // no index leads with txid (user_id, txid): asking every table-wide would scan it
      probe: false,
      rows: (tx, user, where, limit) =>
        tx
          .select({ workOrderId: workOrderWithdrawals.workOrderId, txid: workOrderWithdrawals.txid })
          .from(workOrderWithdrawals)
          .innerJoin(workOrders, eq(workOrders.id, workOrderWithdrawals.workOrderId))
          .where(and(eq(workOrderWithdrawals.userId, user.id), sql`${workOrders.assignedTo} is distinct from ${user.id}`, where))
          .orderBy(asc(workOrderWithdrawals.txid), asc(workOrderWithdrawals.id))
          .limit(limit),
    }),
    /** Equipment checks of the lineman's own work orders; a check withdrawn or corrected comes again, marked (ADR 0021). */
    equipmentChecks: feed({
      scope: { phones: linemen, rows: "own", leaves: { withParent: "workOrders" } },
      ofWorkOrder: true,
      txid: checkTxid,
      probe: [equipmentChecks.txid, workOrders.txid, equipmentCheckWithdrawals.txid],
      rows: (tx, user, where, limit) =>
        tx
          .select({
            id: equipmentChecks.id,
            workOrderId: equipmentChecks.workOrderId,
            equipmentType: equipmentChecks.equipmentType,
            labelKind: equipmentChecks.labelKind,
            licenseNo: equipmentChecks.licenseNo,
            markCode: equipmentChecks.markCode,
            labelModel: equipmentChecks.labelModel,
            scrambleCode: equipmentChecks.scrambleCode,
            equipmentModel: equipmentChecks.equipmentModel,
            serial: equipmentChecks.serial,
            entry: equipmentChecks.entry,
            clientResult: equipmentChecks.clientResult,
            clientRegistryVersion: equipmentChecks.clientRegistryVersion,
            serverResult: equipmentChecks.serverResult,
            serverRegistryVersion: equipmentChecks.serverRegistryVersion,
            outcome: equipmentChecks.outcome,
            note: equipmentChecks.note,
            pbx: equipmentChecks.pbx,
            photoSha256: equipmentChecks.photoSha256,
            clientTime: equipmentChecks.clientTime,
            serverTime: equipmentChecks.serverTime,
            withdrawn: sql<boolean>`(${equipmentCheckWithdrawals.checkId} is not null)`.mapWith(Boolean),
            supersededBy: equipmentCheckWithdrawals.supersededBy,
            txid: checkTxid,
          })
          .from(equipmentChecks)
          .innerJoin(workOrders, eq(workOrders.id, equipmentChecks.workOrderId))
          .leftJoin(equipmentCheckWithdrawals, eq(equipmentCheckWithdrawals.checkId, equipmentChecks.id))
          .where(and(eq(workOrders.assignedTo, user.id), where))
          .orderBy(asc(checkTxid), asc(equipmentChecks.id))
          .limit(limit),
    }),
    /** Sign-offs of the lineman's own work orders (strokes and snapshots stay on the server). */
    signoffs: feed({
      scope: { phones: linemen, rows: "own", leaves: { withParent: "workOrders" } },
      ofWorkOrder: true,
      txid: orderChildTxid(workOrderSignoffs.txid),
      probe: [workOrderSignoffs.txid, workOrders.txid],
      rows: (tx, user, where, limit) =>
        tx
          .select({
            id: workOrderSignoffs.id,
            workOrderId: workOrderSignoffs.workOrderId,
            kind: workOrderSignoffs.kind,
            signerName: workOrderSignoffs.signerName,
            ratingAttitude: workOrderSignoffs.ratingAttitude,
            ratingOnTime: workOrderSignoffs.ratingOnTime,
            comment: workOrderSignoffs.comment,
            refusalReason: workOrderSignoffs.refusalReason,
            signatureSha256: workOrderSignoffs.signatureSha256,
            evidenceHash: workOrderSignoffs.evidenceHash,
            clientTime: workOrderSignoffs.clientTime,
            serverTime: workOrderSignoffs.serverTime,
            txid: orderChildTxid(workOrderSignoffs.txid),
          })
          .from(workOrderSignoffs)
          .innerJoin(workOrders, eq(workOrders.id, workOrderSignoffs.workOrderId))
          .where(and(eq(workOrders.assignedTo, user.id), where))
          .orderBy(asc(orderChildTxid(workOrderSignoffs.txid)), asc(workOrderSignoffs.id))
          .limit(limit),
    }),
    /** The service record (服务记录表) of the lineman's own terminal-maintenance orders (one row per order, replaced). */
    serviceRecords: feed({
      scope: { phones: linemen, rows: "own", leaves: { withParent: "workOrders" } },
      ofWorkOrder: true,
      txid: orderChildTxid(workOrderServiceRecords.txid),
      probe: [workOrderServiceRecords.txid, workOrders.txid],
      rows: (tx, user, where, limit) =>
        tx
          .select({
            workOrderId: workOrderServiceRecords.workOrderId,
            requested: workOrderServiceRecords.requested,
            done: workOrderServiceRecords.done,
            parts: workOrderServiceRecords.parts,
            completion: workOrderServiceRecords.completion,
            recordedAt: workOrderServiceRecords.recordedAt,
            clientTime: workOrderServiceRecords.clientTime,
            txid: orderChildTxid(workOrderServiceRecords.txid),
          })
          .from(workOrderServiceRecords)
          .innerJoin(workOrders, eq(workOrders.id, workOrderServiceRecords.workOrderId))
          .where(and(eq(workOrders.assignedTo, user.id), where))
          .orderBy(asc(orderChildTxid(workOrderServiceRecords.txid)), asc(workOrderServiceRecords.workOrderId))
          .limit(limit),
    }),
    /** Status changes of the lineman's own work orders, for the timeline. */
    workOrderEvents: feed({
      scope: { phones: linemen, rows: "own", leaves: { withParent: "workOrders" } },
      ofWorkOrder: true,
      txid: orderChildTxid(workOrderEvents.txid),
      probe: [workOrderEvents.txid, workOrders.txid],
      rows: (tx, user, where, limit) =>
        tx
          .select({
            id: workOrderEvents.id,
            workOrderId: workOrderEvents.workOrderId,
            fromStatus: workOrderEvents.fromStatus,
            toStatus: workOrderEvents.toStatus,
            reason: workOrderEvents.reason,
            actorName: users.displayName,
            clientTime: workOrderEvents.clientTime,
            serverTime: workOrderEvents.serverTime,
            txid: orderChildTxid(workOrderEvents.txid),
          })
          .from(workOrderEvents)
          .innerJoin(workOrders, eq(workOrders.id, workOrderEvents.workOrderId))
          .leftJoin(users, eq(users.id, workOrderEvents.actorId))
          .where(and(eq(workOrders.assignedTo, user.id), where))
          .orderBy(asc(orderChildTxid(workOrderEvents.txid)), asc(workOrderEvents.id))
          .limit(limit),
    }),
  },
});
