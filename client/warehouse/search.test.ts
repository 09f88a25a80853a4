import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import type { CachedItem, CachedZone } from "@/client/items/stores";
import type { PullPage } from "@/client/sync/contract";
import { IdbSyncStore } from "@/client/sync/idb-store";
import type { TItemStatus } from "@/domain/items/labels";
import { loadSearchIndex, searchStock, type SearchIndex } from "./search";
import type { CachedMaterial, CachedReceipt, CachedReceiptLine } from "./stores";

const DEVICE = "0190a6c2-8f1e-7c3a-9b2d-4e5f60718293";
const USER = "4b8f2f60-1c1e-4f6a-9d7e-2a3b4c5d6e7f";
const uuid = (i: number) => `0190a6c2-0000-7000-8000-${String(i).padStart(12, "0")}`;
let n = 0;

const zones: CachedZone[] = [
  { code: "WH1-A", siteCode: "WH1", kind: "stock", holds: null, nameZh: "一号货架", nameEn: "Shelf one" },
  { code: "WH1-Q-RET", siteCode: "WH1", kind: "quarantine", holds: "returned", nameZh: "退换区", nameEn: "Returns area" },
  { code: "WH1-Q-DSP", siteCode: "WH1", kind: "quarantine", holds: "pending_disposal", nameZh: "处置区", nameEn: "Disposal bay" },
];
const materials: CachedMaterial[] = [
  {
    code: "MAT-ONU-HG8245",
    nameZh: "ONU 光猫 HG8245H",
    nameEn: "ONU modem HG8245H",
    unit: "piece",
    serialised: true,
    barcodes: ["6901234567892"],
    active: true,
  },
  { code: "MAT-CAT6-305", nameZh: "网线 CAT6 305m", nameEn: "CAT6 cable 305 m", unit: "reel", serialised: false, barcodes: [], active: true },
];
const receipt: CachedReceipt = {
  id: uuid(900),
  code: "RC-20261206-0007",
  purchaseRequest: "PR-2026-0815",
  department: "terminal_service",
  supplier: "Huawei Technologies",
  deliveryNote: "DN-55120",
  inspectionZone: "WH1-IN",
  status: "labelled",
  receivedAt: "2026-12-06T01:30:00.000Z",
  receivedBy: USER,
  version: 3,
};
const lines: CachedReceiptLine[] = [
  { id: uuid(901), receiptId: receipt.id, lineNo: 1, materialCode: "MAT-ONU-HG8245", quantity: 1, unit: "piece", serialised: true, supplierCode: null },
  { id: uuid(902), receiptId: receipt.id, lineNo: 2, materialCode: "MAT-CAT6-305", quantity: 10, unit: "reel", serialised: false, supplierCode: null },
];

function item(i: number, tagCode: string, p: Partial<CachedItem> = {}): CachedItem {
  return {
    id: uuid(i),
    tagCode,
    kind: "material",
    name: `物料 ${tagCode}`,
    zoneCode: "WH1-A",
    status: "accepted",
    version: 1,
    updatedAt: "2026-12-06T02:00:00.000Z",
    updatedBy: null,
    materialCode: null,
    quantity: 1,
    receiptLineId: null,
    splitFrom: null,
    responsibleId: null,
    quarantinedAt: null,
    holderId: null,
    holderDepartment: null,
    missingSince: null,
    ...p,
  };
}

/** A modem that came in on the receipt, one from before receiving, the receipt's lot of cable and the 3 split from it. */
const MODEM = item(1, "ST-000101", { materialCode: "MAT-ONU-HG8245", receiptLineId: lines[0]!.id });
const OLD_MODEM = item(2, "ST-000102", { materialCode: "MAT-ONU-HG8245" });
const LOT = item(3, "ST-000150", { materialCode: "MAT-CAT6-305", quantity: 7, receiptLineId: lines[1]!.id });
const SPLIT = item(4, "ST-000149", { materialCode: "MAT-CAT6-305", quantity: 3, status: "returned", zoneCode: "WH1-Q-RET", splitFrom: LOT.id });

const NAMES: Partial<Record<TItemStatus, string[]>> = {
  accepted: ["合格", "Accepted"],
  returned: ["退货", "Returned"],
  pending_disposal: ["待处理", "Pending disposal"],
};
const labelNames = (s: TItemStatus) => NAMES[s] ?? [];

async function index(o: { keeper?: boolean; queued?: boolean } = {}): Promise<SearchIndex> {
  const store = await IdbSyncStore.open(`wh-search-${Date.now()}-${n++}`);
  const page = {
    zones,
    items: [MODEM, OLD_MODEM, LOT, SPLIT],
    events: [],
    materials,
    // receipts and their lines are the keeper's feeds: other phones have none
    ...(o.keeper === false ? {} : { receipts: [receipt], receiptLines: lines }),
    cursor: "10",
    hasMore: false,
    lastAppliedSeq: 0,
    rejections: [],
  } as PullPage;
  await store.applyPull(DEVICE, page);
  if (o.queued)
    // the modem labelled 待处理 on this phone, not yet synced: searched by its predicted label and zone
    await store.enqueue({
      userId: USER,
      deviceId: DEVICE,
      name: "item.changeLabel",
      schemaVersion: 2,
      args: { itemId: MODEM.id, to: "pending_disposal", reason: "fault_found", note: "", zoneCode: "WH1-Q-DSP" },
      expected: { from: "accepted", version: 1 },
    });
  const idx = await loadSearchIndex(store, DEVICE);
  store.close();
  return idx;
}

const tagsOf = (idx: SearchIndex, query: string, limit?: number) => searchStock(idx, query, labelNames, limit).hits.map((h) => h.item.tagCode);

describe("searchStock on the phone's copy", () => {
  it("an exact tag first, then tags that start with the query, then what mentions it (a lot's split part); any case", async () => {
    const idx = await index();
    expect(tagsOf(idx, "ST-000150")).toEqual(["ST-000150", "ST-000149"]);
    expect(tagsOf(idx, "st-000150")).toEqual(["ST-000150", "ST-000149"]);
    // a tag that starts with it before one that only mentions it (the split part names its lot), tag order aside
    expect(tagsOf(idx, "ST-00015")).toEqual(["ST-000150", "ST-000149"]);
    expect(tagsOf(idx, "st-0001")).toEqual(["ST-000101", "ST-000102", "ST-000149", "ST-000150"]);
    const split = searchStock(idx, "ST-000149", labelNames).hits[0]!;
    expect(split).toMatchObject({
      lotTag: "ST-000150",
      status: "returned",
      zoneCode: "WH1-Q-RET",
      materialName: { zh: "网线 CAT6 305m", en: "CAT6 cable 305 m" },
    });
  });

  it("by material: code, Chinese or English name, a supplier's barcode", async () => {
    const idx = await index();
    expect(tagsOf(idx, "hg8245")).toEqual(["ST-000101", "ST-000102"]);
    expect(tagsOf(idx, "网线")).toEqual(["ST-000149", "ST-000150"]);
    expect(tagsOf(idx, "modem")).toEqual(["ST-000101", "ST-000102"]);
    expect(tagsOf(idx, "6901234567892")).toEqual(["ST-000101", "ST-000102"]);
  });

  it("by zone (code or name) and by label (its key or its name in either language)", async () => {
    const idx = await index();
    expect(tagsOf(idx, "退换区")).toEqual(["ST-000149"]);
    expect(tagsOf(idx, "wh1-q-ret")).toEqual(["ST-000149"]);
    expect(tagsOf(idx, "shelf")).toEqual(["ST-000101", "ST-000102", "ST-000150"]);
    expect(tagsOf(idx, "退货")).toEqual(["ST-000149"]);
    expect(tagsOf(idx, "accepted")).toEqual(["ST-000101", "ST-000102", "ST-000150"]);
  });

  it("by the receipt it came in on: delivery note, receipt number, purchase request, supplier; the hit names the receipt", async () => {
    const idx = await index();
    for (const q of ["DN-55120", "rc-20261206-0007", "PR-2026-0815", "huawei"]) expect(tagsOf(idx, q)).toEqual(["ST-000101", "ST-000150"]);
    expect(searchStock(idx, "DN-55120", labelNames).hits[0]!.receipt).toEqual({ code: "RC-20261206-0007", deliveryNote: "DN-55120" });
    expect(searchStock(idx, "ST-000102", labelNames).hits[0]!.receipt).toBeNull();
  });

  it("a phone without the receipts (not a keeper's) still finds by tag and material, not by delivery note", async () => {
    const idx = await index({ keeper: false });
    expect(tagsOf(idx, "DN-55120")).toEqual([]);
    expect(tagsOf(idx, "hg8245")).toEqual(["ST-000101", "ST-000102"]);
  });

  it("every word must match; the user's queued label change is what is searched and shown", async () => {
    const idx = await index({ queued: true });
    expect(tagsOf(idx, "modem dn-55120")).toEqual(["ST-000101"]);
    expect(tagsOf(idx, "modem nothing-like-it")).toEqual([]);
    expect(tagsOf(idx, "待处理")).toEqual(["ST-000101"]);
    expect(tagsOf(idx, "disposal bay")).toEqual(["ST-000101"]);
    expect(tagsOf(idx, "shelf")).toEqual(["ST-000102", "ST-000150"]);
    expect(searchStock(idx, "ST-000101", labelNames).hits[0]).toMatchObject({ status: "pending_disposal", zoneCode: "WH1-Q-DSP" });
  });

  it("an empty query finds nothing; over the limit, the first hits and the total", async () => {
    const idx = await index();
    expect(searchStock(idx, "  ", labelNames)).toEqual({ hits: [], total: 0 });
    const r = searchStock(idx, "st-", labelNames, 2);
    expect(r.hits.map((h) => h.item.tagCode)).toEqual(["ST-000101", "ST-000102"]);
    expect(r.total).toBe(4);
  });
});
