import { clientSyncDomain, type Cached } from "@/client/sync/contract";

export type CachedMaterial = Cached<"materials">;
export type CachedReceipt = Cached<"receipts">;
export type CachedReceiptLine = Cached<"receiptLines">;
export type CachedAcceptanceForm = Cached<"acceptanceForms">;
/** One tag on a form (an item is on one form at most: one form per receipt). */
export type CachedAcceptanceLine = Cached<"acceptanceLines">;
export type CachedStockEvent = Cached<"stockEvents">;

/** The warehouse on the phone (feeds of server/warehouse/sync.ts, ADR 0035). */
export const warehouseStores = clientSyncDomain<{
  materials: CachedMaterial;
  receipts: CachedReceipt;
  receiptLines: CachedReceiptLine;
  acceptanceForms: CachedAcceptanceForm;
  acceptanceLines: CachedAcceptanceLine;
  stockEvents: CachedStockEvent;
}>({
  name: "warehouse",
  /** The people list cached for the pickers (`warehouse:people`) is the signed-in person's: dropped at logout. Tag leases and count drafts stay. */
  personalMeta: ["warehouse:"],
  stores: {
    materials: { keyPath: "code", since: 7 },
    receipts: { keyPath: "id", since: 7 },
    receiptLines: { keyPath: "id", indexes: { byReceipt: { keyPath: "receiptId" } }, since: 7 },
    acceptanceForms: { keyPath: "id", indexes: { byReceipt: { keyPath: "receiptId", unique: true } }, since: 7 },
    acceptanceLines: { keyPath: "itemId", indexes: { byForm: { keyPath: "formId" } }, since: 7 },
    stockEvents: { keyPath: "id", indexes: { byItem: { keyPath: "itemId" } }, since: 7 },
  },
});
