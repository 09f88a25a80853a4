import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import {
  equipmentChecks,
  equipmentCheckWithdrawals,
  itemLabelEvents,
  items,
  licenseImports,
  licenseRegistry,
  users,
  workOrderEvents,
  workOrders,
  workOrderSignoffs,
  workOrderWithdrawals,
  zones,
} from "@/db/schema";
import { handlesItems } from "@/domain/items/labels";
import { INSTRUMENT_FEEDS } from "@/server/instruments/feeds";
import type { SessionUser } from "@/server/auth/session";
import { workOrderCard } from "@/server/work-orders/service";

/** No limit: a whole transaction that is larger than a page is still delivered in one page. */
export const NO_LIMIT = 2_147_483_647;

/**
 * What `sync.pull` sends, one feed per table: who may have it, the txid column it is paged by, and the rows in
 * the caller's scope matching a txid window, ordered by txid. A table a phone needs offline is one more feed.
 */
export interface Feed<T extends { txid: number }> {
  inScope: (user: SessionUser) => boolean;
  /** The column (or expression) the feed is paged by: a transaction id. */
  txid: AnyPgColumn | SQL;
  rows: (tx: Db, user: SessionUser, where: SQL | undefined, limit: number) => Promise<T[]>;
  /** Rows of one work order each (the query joins work_orders): sent, for that order only, in customer mode. */
  ofWorkOrder?: true;
}

const feed = <T extends { txid: number }>(f: Feed<T>) => f;

/**
 * A work order's child rows (checks, sign-offs, status events) are paged by the later of their own txid and their
 * order's: when an order is assigned to another lineman (or changes at all), its whole history is delivered again
 * to the phone that holds it now — rows written before the reassignment are below the new phone's cursor by their
 * own txid and would otherwise never reach it.
 */
const orderChildTxid = (col: AnyPgColumn) => sql<number>`greatest(${col}, ${workOrders.txid})`.mapWith(Number);
/** A check changes again when it is withdrawn or corrected: the withdrawal's transaction counts too. */
const checkTxid = sql<number>`greatest(${equipmentChecks.txid}, ${workOrders.txid}, coalesce(${equipmentCheckWithdrawals.txid}, 0))`.mapWith(Number);

export const FEEDS = {
  zones: feed({
    inScope: () => true,
    txid: zones.txid,
    rows: (tx, _user, where, limit) => tx.select().from(zones).where(where).orderBy(asc(zones.txid)).limit(limit),
  }),
  items: feed({
    inScope: (user) => handlesItems(user.role),
    txid: items.txid,
    rows: (tx, _user, where, limit) => tx.select().from(items).where(where).orderBy(asc(items.txid)).limit(limit),
  }),
  events: feed({
    inScope: (user) => handlesItems(user.role),
    txid: itemLabelEvents.txid,
    rows: (tx, _user, where, limit) =>
      tx
        .select({
          id: itemLabelEvents.id,
          itemId: itemLabelEvents.itemId,
          fromStatus: itemLabelEvents.fromStatus,
          toStatus: itemLabelEvents.toStatus,
          reason: itemLabelEvents.reason,
          note: itemLabelEvents.note,
          fromZone: itemLabelEvents.fromZone,
          toZone: itemLabelEvents.toZone,
          actorName: users.displayName,
          deviceId: itemLabelEvents.deviceId,
          clientTime: itemLabelEvents.clientTime,
          serverTime: itemLabelEvents.serverTime,
          versionAfter: itemLabelEvents.versionAfter,
          photoSha256: itemLabelEvents.photoSha256,
          txid: itemLabelEvents.txid,
        })
        .from(itemLabelEvents)
        .leftJoin(users, eq(users.id, itemLabelEvents.actorId))
        .where(where)
        .orderBy(asc(itemLabelEvents.txid), asc(itemLabelEvents.id))
        .limit(limit),
  }),
  /** A lineman's own work orders, every state (so a cancellation or closure reaches the phone too). */
  workOrders: feed({
    inScope: (user) => user.role === "lineman",
    ofWorkOrder: true,
    txid: workOrders.txid,
    rows: (tx, user, where, limit) =>
      tx
        .select({ ...workOrderCard, txid: workOrders.txid })
        .from(workOrders)
        .where(and(eq(workOrders.assignedTo, user.id), where))
        .orderBy(asc(workOrders.txid))
        .limit(limit),
  }),
  /**
   * Orders taken from this lineman (re-assigned): the phone drops them and their rows. Not while the order has come
   * back to them (its workOrders row, newer, is what counts then).
   */
  withdrawnWorkOrders: feed({
    inScope: (user) => user.role === "lineman",
    txid: workOrderWithdrawals.txid,
    rows: (tx, user, where, limit) =>
      tx
        .select({ workOrderId: workOrderWithdrawals.workOrderId, txid: workOrderWithdrawals.txid })
        .from(workOrderWithdrawals)
        .innerJoin(workOrders, eq(workOrders.id, workOrderWithdrawals.workOrderId))
        .where(and(eq(workOrderWithdrawals.userId, user.id), sql`${workOrders.assignedTo} is distinct from ${user.id}`, where))
        .orderBy(asc(workOrderWithdrawals.txid), asc(workOrderWithdrawals.id))
        .limit(limit),
  }),
  /** The license registry, whole, for checks with no signal (linemen check customer equipment). */
  licenses: feed({
    inScope: (user) => user.role === "lineman",
    txid: licenseRegistry.txid,
    rows: (tx, _user, where, limit) =>
      tx
        .select({
          licenseNo: licenseRegistry.licenseNo,
          markCode: licenseRegistry.markCode,
          applicant: licenseRegistry.applicant,
          equipmentName: licenseRegistry.equipmentName,
          model: licenseRegistry.model,
          issueDate: licenseRegistry.issueDate,
          expiryDate: licenseRegistry.expiryDate,
          updatedAt: licenseRegistry.updatedAt,
          txid: licenseRegistry.txid,
        })
        .from(licenseRegistry)
        .where(where)
        .orderBy(asc(licenseRegistry.txid), asc(licenseRegistry.licenseNo))
        .limit(limit),
  }),
  /** Registry imports: the latest one's time is the registry version the phone checks against. */
  licenseImports: feed({
    inScope: (user) => user.role === "lineman",
    txid: licenseImports.txid,
    rows: (tx, _user, where, limit) =>
      tx
        .select({ id: licenseImports.id, importedAt: licenseImports.importedAt, txid: licenseImports.txid })
        .from(licenseImports)
        .where(where)
        .orderBy(asc(licenseImports.txid), asc(licenseImports.id))
        .limit(limit),
  }),
  /** Equipment checks of the lineman's own work orders; a check withdrawn or corrected comes again, marked (ADR 0021). */
  equipmentChecks: feed({
    inScope: (user) => user.role === "lineman",
    ofWorkOrder: true,
    txid: checkTxid,
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
    inScope: (user) => user.role === "lineman",
    ofWorkOrder: true,
    txid: orderChildTxid(workOrderSignoffs.txid),
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
  /** Status changes of the lineman's own work orders, for the timeline. */
  workOrderEvents: feed({
    inScope: (user) => user.role === "lineman",
    ofWorkOrder: true,
    txid: orderChildTxid(workOrderEvents.txid),
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
  /** Instruments: the register, the caller's loans and hand-overs (server/instruments/feeds.ts). */
  ...INSTRUMENT_FEEDS,
};

export type TFeedKey = keyof typeof FEEDS;
export type TFeedRows = { [K in TFeedKey]: Awaited<ReturnType<(typeof FEEDS)[K]["rows"]>> };
