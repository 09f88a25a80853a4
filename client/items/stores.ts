import { clientSyncDomain, type CacheTx, type Cached, type Legacy } from "@/client/sync/contract";
import type { CacheReader } from "@/client/sync/idb-store";

/** A zone; `holds` (the quarantine label it is designated for) is absent on zones cached before it existed. */
export type CachedZone = Legacy<Cached<"zones">, "holds">;
export type CachedItem = Cached<"items">;
/** A label change of an item; `photoSha256` is absent in rows cached before label photos. */
export type CachedEvent = Legacy<Cached<"events">, "photoSha256">;

/** Stores of rows keyed by their item (index `byItem`): they go with it. */
const ITEM_CHILD_STORES = ["events", "stockEvents"] as const;

/**
 * An item that left this phone's scope (moved to another site's zone, returned by its holder; ADR 0042): the item and
 * its label and stock events go, in the pull's transaction, after the page's puts.
 */
async function dropItem(tx: CacheTx, itemId: string): Promise<void> {
  await tx.objectStore("items").delete(itemId);
  for (const store of ITEM_CHILD_STORES) {
    if (!tx.objectStoreNames.contains(store)) continue;
    const keys = await tx.objectStore(store).index("byItem").getAllKeys(itemId);
    for (const key of keys) await tx.objectStore(store).delete(key);
  }
}

/** Items, zones and label events on the phone (feeds of server/items/sync.ts). */
export const itemStores = clientSyncDomain<{ zones: CachedZone; items: CachedItem; events: CachedEvent }>({
  name: "items",
  stores: {
    items: { keyPath: "id", indexes: { byTag: { keyPath: "tagCode", unique: true }, byZone: { keyPath: "zoneCode" } }, since: 1 },
    zones: { keyPath: "code", since: 1 },
    events: { keyPath: "id", indexes: { byItem: { keyPath: "itemId" } }, since: 1 },
  },
  removals: { itemsLeft: (tx, row) => dropItem(tx, row.itemId) },
});

/** An item's label events, oldest first. */
export async function eventsOf(store: CacheReader, itemId: string): Promise<CachedEvent[]> {
  return (await store.getAllFromIndex("events", "byItem", itemId)).sort((a, b) => a.id - b.id);
}
