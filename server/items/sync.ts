import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { itemLabelEvents, items, itemScopeMoves, users, zones } from "@/db/schema";
import { handlesItems } from "@/domain/items/labels";
import { ITEM_MUTATION_VERSIONS } from "@/domain/items/mutations";
import type { SessionUser } from "@/server/auth/session";
import { feed, syncDomain } from "@/server/sync/contract";
import { applyChangeLabel, lockItemsOf } from "./change-label";
import { inItemScope, itemKeyedRows, itemScopeOf, leftScope, SHADOWED, type ItemScope } from "./scope";

const itemPhones = (user: SessionUser) => handlesItems(user.role);

const eventFields = {
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
};

/** Label events of the items in scope, paged by their own txid. */
function ownEvents(tx: Db, scope: ItemScope, where: SQL | undefined, limit: number) {
  const fields = { ...eventFields, txid: itemLabelEvents.txid };
  const inScope = inItemScope(scope, items.zoneCode, items.holderId);
  const base =
    inScope === undefined
      ? tx.select(fields).from(itemLabelEvents)
      : tx.select(fields).from(itemLabelEvents).innerJoin(items, eq(items.id, itemLabelEvents.itemId));
  return base
    .leftJoin(users, eq(users.id, itemLabelEvents.actorId))
    .where(and(inScope, where))
    .orderBy(asc(itemLabelEvents.txid), asc(itemLabelEvents.id))
    .limit(limit);
}

/**
 * Every label event of the items that entered the scope in the window, paged by the move's txid: a subquery named as
 * the events table (SHADOWED, server/items/scope.ts), so the pull's window on the feed's txid column reads the move's.
 */
function enteredEvents(tx: Db, moves: SQL, where: SQL | undefined, limit: number) {
  const shadow = tx
    .select({ ...eventFields, txid: sql<number>`${itemScopeMoves.txid}`.mapWith(Number).as("txid") })
    .from(itemScopeMoves)
    .innerJoin(items, eq(items.id, itemScopeMoves.itemId))
    .innerJoin(itemLabelEvents, eq(itemLabelEvents.itemId, itemScopeMoves.itemId))
    .leftJoin(users, eq(users.id, itemLabelEvents.actorId))
    .where(moves)
    .as(SHADOWED(itemLabelEvents));
  return tx.select().from(shadow).where(where).orderBy(asc(shadow.txid), asc(shadow.id)).limit(limit);
}

/** Items and zones on the phone: status-label changes offline, the zones and the item's trail. */
export const itemsSync = syncDomain({
  name: "items",
  mutations: {
    "item.changeLabel": { versions: ITEM_MUTATION_VERSIONS["item.changeLabel"], handler: applyChangeLabel },
  },
  lock: lockItemsOf,
  feeds: {
    /** Every zone of the company: the registry a phone checks a location against (a move names any zone). */
    zones: feed({
      scope: { phones: () => true, rows: "all" },
      txid: zones.txid,
      rows: (tx, _user, where, limit) => tx.select().from(zones).where(where).orderBy(asc(zones.txid)).limit(limit),
    }),
    /**
     * The items in the zones of the user's sites and the items the user holds (ADR 0042, server/items/scope.ts); an
     * item that moves in comes with its move (its txid changes); one that leaves goes by `itemsLeft`.
     */
    items: feed({
      scope: { phones: itemPhones, rows: "own", leaves: { tombstones: "itemsLeft" } },
      txid: items.txid,
      rows: async (tx, user, where, limit) => {
        const scope = await itemScopeOf(tx, user);
        return tx
          .select()
          .from(items)
          .where(and(inItemScope(scope, items.zoneCode, items.holderId), where))
          .orderBy(asc(items.txid), asc(items.id))
          .limit(limit);
      },
    }),
    /**
     * Items that left the user's scope (moved to another site's zone, returned by their holder) and are outside it
     * now: the phone drops them with their label and stock events. Nothing for a user who keeps every site's items.
     */
    itemsLeft: feed({
      scope: { phones: itemPhones, rows: "own", leaves: "never" },
      txid: itemScopeMoves.txid,
      rows: async (tx, user, where, limit) => {
        const scope = await itemScopeOf(tx, user);
        if (scope.all) return [];
        return tx
          .select({ itemId: itemScopeMoves.itemId, txid: itemScopeMoves.txid })
          .from(itemScopeMoves)
          .innerJoin(items, eq(items.id, itemScopeMoves.itemId))
          .where(and(leftScope(scope), where))
          .orderBy(asc(itemScopeMoves.txid), asc(itemScopeMoves.id))
          .limit(limit);
      },
    }),
    /** Label events of the items in scope; an item that enters the scope brings its earlier events with it. */
    events: feed({
      scope: { phones: itemPhones, rows: "own", leaves: { withParent: "items" } },
      txid: itemLabelEvents.txid,
      // an item that entered the scope sends its events again, paged by its move (SHADOWED)
      probe: [itemLabelEvents.txid, itemScopeMoves.txid],
      rows: async (tx, user, where, limit) => {
        const scope = await itemScopeOf(tx, user);
        return itemKeyedRows(
          scope,
          () => ownEvents(tx, scope, where, limit),
          (moves) => enteredEvents(tx, moves, where, limit),
          limit,
        );
      },
    }),
  },
});
