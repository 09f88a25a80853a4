import { complaintStores } from "@/client/complaints/stores";
import { instrumentStores } from "@/client/instruments/stores";
import { itemStores } from "@/client/items/stores";
import { licenseStores } from "@/client/licenses/stores";
import { noticeStores } from "@/client/notices/stores";
import { propertyStores } from "@/client/property/stores";
import { qualityStores } from "@/client/quality/stores";
import { warehouseStores } from "@/client/warehouse/stores";
import { workOrderStores } from "@/client/work-orders/stores";
import type { ClientSyncDomain } from "./contract";
import type { UnionToIntersection } from "@/domain/type-utils";

/** The composition root of the phone's read cache: every domain that keeps rows on the phone, one line each. */
const DOMAINS = [
  itemStores,
  licenseStores,
  workOrderStores,
  instrumentStores,
  noticeStores,
  complaintStores,
  warehouseStores,
  qualityStores,
  propertyStores,
] as const;

/** Store name → the row type it holds, over every domain. */
export type CacheRows = UnionToIntersection<NonNullable<(typeof DOMAINS)[number]["rows"]>>;
export type TCacheStore = Extract<keyof CacheRows, string>;

export const CLIENT_SYNC_DOMAINS: readonly ClientSyncDomain[] = DOMAINS;
