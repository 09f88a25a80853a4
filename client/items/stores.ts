import { clientSyncDomain, type Cached, type Legacy } from "@/client/sync/contract";
import type { CacheReader } from "@/client/sync/idb-store";

/** A zone; `holds` (the quarantine label it is designated for) is absent on zones cached before it existed. */
export type CachedZone = Legacy<Cached<"zones">, "holds">;
export type CachedItem = Cached<"items">;
/** A label change of an item; `photoSha256` is absent in rows cached before label photos. */
export type CachedEvent = Legacy<Cached<"events">, "photoSha256">;

/** Items, zones and label events on the phone (feeds of server/items/sync.ts). */
export const itemStores = clientSyncDomain<{ zones: CachedZone; items: CachedItem; events: CachedEvent }>({
  name: "items",
  stores: {
    items: { keyPath: "id", indexes: { byTag: { keyPath: "tagCode", unique: true }, byZone: { keyPath: "zoneCode" } }, since: 1 },
    zones: { keyPath: "code", since: 1 },
    events: { keyPath: "id", indexes: { byItem: { keyPath: "itemId" } }, since: 1 },
  },
});

/** An item's label events, oldest first. */
export async function eventsOf(store: CacheReader, itemId: string): Promise<CachedEvent[]> {
  return (await store.getAllFromIndex("events", "byItem", itemId)).sort((a, b) => a.id - b.id);
}
