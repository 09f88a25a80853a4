import { clientSyncDomain, type CacheTx, type Cached, type Legacy } from "@/client/sync/contract";
import type { CacheReader } from "@/client/sync/idb-store";

/**
 * A lineman's own work order; `statusReason` is absent in rows cached before it existed, the linked case and the
 * maintenance agreement (ADR 0039) in rows cached before issue 16.
 */
export type CachedWorkOrder = Legacy<Cached<"workOrders">, "statusReason" | "propertyCase" | "maintenance">;
/** An equipment check; the withdrawal fields and the scramble code are absent in rows cached before ADR 0021. */
export type CachedEquipmentCheck = Legacy<Cached<"equipmentChecks">, "scrambleCode" | "withdrawn" | "supersededBy">;
/** A sign-off (strokes and snapshot stay on the server). */
export type CachedSignoff = Cached<"signoffs">;
/** A status change, for the timeline. */
export type CachedWorkOrderEvent = Cached<"workOrderEvents">;
/** A terminal-maintenance order's service record (服务记录表), one per order. */
export type CachedServiceRecord = Cached<"serviceRecords">;

const CHILD_STORES = ["equipmentChecks", "signoffs", "workOrderEvents"] as const;

/** A work order no longer this phone's: the order and every row of it go (the customer's details with them). */
async function dropWorkOrder(tx: CacheTx, workOrderId: string): Promise<void> {
  await tx.objectStore("workOrders").delete(workOrderId);
  for (const store of CHILD_STORES) {
    const keys = await tx.objectStore(store).index("byWorkOrder").getAllKeys(workOrderId);
    for (const key of keys) await tx.objectStore(store).delete(key);
  }
  await tx.objectStore("serviceRecords").delete(workOrderId);
}

const byWorkOrder = { byWorkOrder: { keyPath: "workOrderId" } };

/** The lineman's work orders and their facts on the phone (feeds of server/work-orders/sync.ts). */
export const workOrderStores = clientSyncDomain<{
  workOrders: CachedWorkOrder;
  equipmentChecks: CachedEquipmentCheck;
  signoffs: CachedSignoff;
  workOrderEvents: CachedWorkOrderEvent;
  serviceRecords: CachedServiceRecord;
}>({
  name: "work-orders",
  stores: {
    workOrders: { keyPath: "id", since: 2 },
    equipmentChecks: { keyPath: "id", indexes: byWorkOrder, since: 3 },
    signoffs: { keyPath: "id", indexes: byWorkOrder, since: 3 },
    workOrderEvents: { keyPath: "id", indexes: byWorkOrder, since: 3 },
    // keyed by its order (one record each, replaced): dropped with the order
    serviceRecords: { keyPath: "workOrderId", since: 8 },
  },
  removals: { withdrawnWorkOrders: (tx, row) => dropWorkOrder(tx, row.workOrderId) },
  // the lineman's offline password verifier and the customer hand-over belong to the signed-in person
  personalMeta: ["verifier:", "customerMode"],
});

/** A work order's sign-offs, oldest first. */
export async function signoffsOf(store: CacheReader, workOrderId: string): Promise<CachedSignoff[]> {
  return (await store.getAllFromIndex("signoffs", "byWorkOrder", workOrderId)).sort((a, b) => a.id - b.id);
}

/** A work order's status changes, oldest first. */
export async function workOrderEventsOf(store: CacheReader, workOrderId: string): Promise<CachedWorkOrderEvent[]> {
  return (await store.getAllFromIndex("workOrderEvents", "byWorkOrder", workOrderId)).sort((a, b) => a.id - b.id);
}
