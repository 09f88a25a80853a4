import "server-only";
import { asc, eq } from "drizzle-orm";
import { itemLabelEvents, items, users, zones } from "@/db/schema";
import { handlesItems } from "@/domain/items/labels";
import { ITEM_MUTATION_VERSIONS } from "@/domain/items/mutations";
import { feed, syncDomain } from "@/server/sync/contract";
import { applyChangeLabel, lockItemsOf } from "./change-label";

/** Items and zones on the phone: status-label changes offline, the zones and the item's trail. */
export const itemsSync = syncDomain({
  name: "items",
  mutations: {
    "item.changeLabel": { versions: ITEM_MUTATION_VERSIONS["item.changeLabel"], handler: applyChangeLabel },
  },
  lock: lockItemsOf,
  feeds: {
    zones: feed({
      scope: { phones: () => true, rows: "all" },
      txid: zones.txid,
      rows: (tx, _user, where, limit) => tx.select().from(zones).where(where).orderBy(asc(zones.txid)).limit(limit),
    }),
    items: feed({
      scope: { phones: (user) => handlesItems(user.role), rows: "all" },
      txid: items.txid,
      rows: (tx, _user, where, limit) => tx.select().from(items).where(where).orderBy(asc(items.txid)).limit(limit),
    }),
    events: feed({
      scope: { phones: (user) => handlesItems(user.role), rows: "all" },
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
  },
});
