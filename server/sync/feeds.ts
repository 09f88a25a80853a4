import "server-only";
import { and, asc, eq, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { itemLabelEvents, items, users, workOrders, zones } from "@/db/schema";
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
  txid: AnyPgColumn;
  rows: (tx: Db, user: SessionUser, where: SQL | undefined, limit: number) => Promise<T[]>;
}

const feed = <T extends { txid: number }>(f: Feed<T>) => f;

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
    txid: workOrders.txid,
    rows: (tx, user, where, limit) =>
      tx
        .select({ ...workOrderCard, txid: workOrders.txid })
        .from(workOrders)
        .where(and(eq(workOrders.assignedTo, user.id), where))
        .orderBy(asc(workOrders.txid))
        .limit(limit),
  }),
  /** Instruments: the register, the caller's loans and hand-overs (server/instruments/feeds.ts). */
  ...INSTRUMENT_FEEDS,
};

export type TFeedKey = keyof typeof FEEDS;
export type TFeedRows = { [K in TFeedKey]: Awaited<ReturnType<(typeof FEEDS)[K]["rows"]>> };
