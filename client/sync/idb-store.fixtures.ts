/** Rows and pages the IndexedDB store's tests pull in (client/sync/idb-store*.test.ts). */
import type { CachedLicense } from "@/client/licenses/stores";
import type { CachedSignoff, CachedWorkOrderEvent } from "@/client/work-orders/stores";
import type { Cached, PullPage } from "@/client/sync/contract";

export const DEVICE = "0190a6c2-8f1e-7c3a-9b2d-4e5f60718293";
export const USER = "4b8f2f60-1c1e-4f6a-9d7e-2a3b4c5d6e7f";
export const WO = "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d";

let n = 0;
export const dbName = () => `idb-store-test-${Date.now()}-${n++}`;

export const workOrder: Cached<"workOrders"> = {
  id: WO,
  code: "WO-2026-000101",
  kind: "install",
  customerName: "张伟 Zhang Wei",
  address: "幸福小区 5 栋 302",
  contact: "138 0000 1101",
  service: "宽带 300M + 固话",
  keyCustomer: false,
  dueAt: null,
  scheduledFor: "2026-11-26",
  status: "assigned",
  version: 1,
  notes: "",
  statusReason: "",
  propertyCase: null,
  maintenance: null,
};
export const license = (licenseNo: string, markCode: string | null): CachedLicense => ({
  licenseNo,
  markCode,
  applicant: "深圳市中兴通讯股份有限公司",
  equipmentName: "数字无绳电话机",
  model: "HWCD868",
  issueDate: "2024-03-01",
  expiryDate: "2027-03-01",
  updatedAt: "2026-11-01T08:00:00.000Z",
});
export const check: Cached<"equipmentChecks"> = {
  id: "0190a6c2-0000-7000-8000-000000000001",
  workOrderId: WO,
  equipmentType: "telephone",
  labelKind: "license_old",
  licenseNo: "00-D710-208870",
  markCode: null,
  labelModel: "HWCD868",
  equipmentModel: "",
  serial: "SN123",
  entry: "scan",
  clientResult: "valid",
  clientRegistryVersion: "2026-11-01T08:00:00.000Z",
  serverResult: "valid",
  serverRegistryVersion: "2026-11-01T08:00:00.000Z",
  outcome: "connected",
  note: "",
  pbx: null,
  photoSha256: null,
  clientTime: "2026-11-26T01:00:00.000Z",
  serverTime: "2026-11-26T01:05:00.000Z",
  scrambleCode: null,
  withdrawn: false,
  supersededBy: null,
};
export const signoff = (id: number, kind: CachedSignoff["kind"]): CachedSignoff => ({
  id,
  workOrderId: WO,
  kind,
  signerName: kind === "self_check" ? "王建国" : "张伟",
  ratingAttitude: kind === "customer_signed" ? 5 : null,
  ratingOnTime: kind === "customer_signed" ? 4 : null,
  comment: "",
  refusalReason: "",
  signatureSha256: "a".repeat(64),
  evidenceHash: kind === "customer_signed" ? "b".repeat(64) : null,
  clientTime: null,
  serverTime: "2026-11-26T01:06:00.000Z",
});
export const event = (id: number, from: CachedWorkOrderEvent["fromStatus"], to: CachedWorkOrderEvent["toStatus"]): CachedWorkOrderEvent => ({
  id,
  workOrderId: WO,
  fromStatus: from,
  toStatus: to,
  reason: "",
  actorName: "王建国",
  clientTime: null,
  serverTime: `2026-11-26T01:0${id}:00.000Z`,
});

export function page(p: Partial<PullPage>): PullPage {
  return { zones: [], items: [], events: [], workOrders: [], cursor: "10", hasMore: false, lastAppliedSeq: 0, rejections: [], ...p };
}
