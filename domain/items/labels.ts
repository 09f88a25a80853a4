/**
 * Tagged things and their status labels (Procedure 3, identification and traceability).
 * The transition tables arrive with the offline issue; the names live here, once.
 */
export const ITEM_KINDS = ["material", "equipment", "facility", "customer_equipment"] as const;
export type TItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_STATUSES = [
  "received",
  "pending_inspection", // 待检
  "accepted",
  "returned",
  "in_use",
  "pending_disposal",
  "scrapped",
  "in_service",
  "under_maintenance", // 检修
] as const;
export type TItemStatus = (typeof ITEM_STATUSES)[number];

/** Statuses whose items must be kept apart in a designated quarantine zone. */
export const QUARANTINE_STATUSES: readonly TItemStatus[] = ["returned", "scrapped", "pending_disposal"];

export const ZONE_KINDS = ["stock", "inspection", "quarantine", "site"] as const;
export type TZoneKind = (typeof ZONE_KINDS)[number];
