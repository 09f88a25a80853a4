import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import type { CachedEvent, CachedItem } from "@/client/items/stores";
import type { PullPage } from "@/client/sync/contract";
import { IdbSyncStore } from "@/client/sync/idb-store";
import { awaitingInspection, mergeHistory, stockFactsOf } from "./history";
import type { CachedStockEvent } from "./stores";

const DEVICE = "0190a6c2-8f1e-7c3a-9b2d-4e5f60718293";
const ME = { id: "4b8f2f60-1c1e-4f6a-9d7e-2a3b4c5d6e7f", displayName: "王建国 Wang Jianguo" };
const OTHER = "5c9f3f71-2d2f-4a7b-8e8f-3b4c5d6e7f80";
const ITEM = "0190a6c2-0000-7000-8000-000000000001";
let n = 0;

function label(id: number, serverTime: string, p: Partial<CachedEvent> = {}): CachedEvent {
  return {
    id,
    itemId: ITEM,
    fromStatus: "pending_inspection",
    toStatus: "accepted",
    reason: "inspection_passed",
    note: "",
    fromZone: "WH1-IN",
    toZone: "WH1-A",
    actorName: "李薇 Li Wei",
    deviceId: null,
    clientTime: serverTime,
    serverTime,
    versionAfter: 2,
    photoSha256: null,
    ...p,
  };
}

function stock(id: number, kind: CachedStockEvent["kind"], at: string, p: Partial<CachedStockEvent> = {}): CachedStockEvent {
  return { id, itemId: ITEM, kind, quantity: 10, zoneCode: null, personName: null, department: null, ref: null, note: "", at, ...p };
}

function item(p: Partial<CachedItem> = {}): CachedItem {
  return {
    id: ITEM,
    tagCode: "ST-000150",
    kind: "material",
    name: "网线 CAT6",
    zoneCode: "WH1-IN",
    status: "pending_inspection",
    version: 1,
    updatedAt: "2026-12-06T01:30:00.000Z",
    updatedBy: null,
    materialCode: "MAT-CAT6-305",
    quantity: 10,
    receiptLineId: "0190a6c2-0000-7000-8000-000000000901",
    splitFrom: null,
    responsibleId: null,
    quarantinedAt: null,
    holderId: null,
    holderDepartment: null,
    missingSince: null,
    ...p,
  };
}

const keys = (h: ReturnType<typeof mergeHistory>) => h.map((e) => e.key);

describe("mergeHistory: an item's label and stock events in one list", () => {
  it("newest first by the server's time, whichever list each came from", () => {
    const labels = [label(7, "2026-12-06T02:00:00.000Z"), label(9, "2026-12-08T09:00:00.000Z", { toStatus: "scrapped" })];
    const stocks = [
      stock(3, "received", "2026-12-06T01:30:00.000Z", { ref: "RC-20261206-0007" }),
      stock(4, "inspected", "2026-12-06T01:50:00.000Z", { ref: "QA-20261206-0003" }),
      stock(5, "issued", "2026-12-07T08:00:00.000Z", { personName: "赵磊 Zhao Lei" }),
    ];
    const h = mergeHistory(labels, stocks);
    expect(keys(h)).toEqual(["l9", "s5", "l7", "s4", "s3"]);
    expect(h[0]).toMatchObject({ source: "label", at: "2026-12-08T09:00:00.000Z" });
    expect(h[1]).toMatchObject({ source: "stock", event: { kind: "issued", personName: "赵磊 Zhao Lei" } });
  });

  it("at the same instant: stock after label shows first (it happened with it), then by id, newest first", () => {
    const at = "2026-12-06T02:00:00.000Z";
    const h = mergeHistory([label(7, at), label(8, at)], [stock(4, "split", at), stock(5, "responsible", at)]);
    expect(keys(h)).toEqual(["s5", "s4", "l8", "l7"]);
  });

  it("either list empty; none at all; an unreadable time sorts last", () => {
    expect(keys(mergeHistory([], [stock(1, "received", "2026-12-06T01:30:00.000Z")]))).toEqual(["s1"]);
    expect(keys(mergeHistory([label(1, "2026-12-06T01:30:00.000Z")], []))).toEqual(["l1"]);
    expect(mergeHistory([], [])).toEqual([]);
    expect(keys(mergeHistory([label(2, "not a time")], [stock(1, "received", "2026-12-06T01:30:00.000Z")]))).toEqual(["s1", "l2"]);
  });

  it("does not reorder the lists it was given", () => {
    const labels = [label(1, "2026-12-06T01:00:00.000Z"), label(2, "2026-12-06T03:00:00.000Z")];
    const stocks = [stock(1, "received", "2026-12-06T00:00:00.000Z"), stock(2, "counted", "2026-12-06T04:00:00.000Z")];
    mergeHistory(labels, stocks);
    expect(labels.map((e) => e.id)).toEqual([1, 2]);
    expect(stocks.map((e) => e.id)).toEqual([1, 2]);
  });
});

describe("awaitingInspection: a 待检 lot whose receipt waits for its department", () => {
  const received = stock(3, "received", "2026-12-06T01:30:00.000Z", { ref: "RC-20261206-0007", department: "terminal_service", zoneCode: "WH1-IN" });

  it("received and not inspected: the receipt's number and the department that inspects", () => {
    expect(awaitingInspection(item(), [received])).toEqual({ receiptCode: "RC-20261206-0007", department: "terminal_service" });
  });

  it("inspected already (the form is signed, the keeper has not labelled it yet), not 待检, or never received: none", () => {
    expect(awaitingInspection(item(), [received, stock(4, "inspected", "2026-12-06T02:00:00.000Z", { ref: "QA-20261206-0003" })])).toBeNull();
    expect(awaitingInspection(item({ status: "accepted" }), [received])).toBeNull();
    expect(awaitingInspection(item(), [])).toBeNull();
    expect(awaitingInspection(item(), [stock(3, "received", received.at, { ref: null, department: "terminal_service" })])).toBeNull();
  });
});

describe("stockFactsOf: what the item page shows besides the label", () => {
  async function facts(it: CachedItem, events: CachedStockEvent[]) {
    const store = await IdbSyncStore.open(`wh-history-${Date.now()}-${n++}`);
    const page = {
      items: [it],
      stockEvents: events,
      materials: [{ code: "MAT-CAT6-305", nameZh: "网线 CAT6 305m", nameEn: "CAT6 cable 305 m", unit: "reel", serialised: false, barcodes: [], active: true }],
      cursor: "10",
      hasMore: false,
      lastAppliedSeq: 0,
      rejections: [],
    } as PullPage;
    await store.applyPull(DEVICE, page);
    const f = await stockFactsOf(store, it, ME);
    store.close();
    return f;
  }

  it("a 待检 lot: its material, its stock events oldest first, the receipt it waits on", async () => {
    const f = await facts(item(), [
      stock(3, "received", "2026-12-06T01:30:00.000Z", { ref: "RC-20261206-0007", department: "terminal_service" }),
      stock(2, "responsible", "2026-12-06T01:00:00.000Z"),
    ]);
    expect(f.material?.code).toBe("MAT-CAT6-305");
    expect(f.stockEvents.map((e) => e.id)).toEqual([2, 3]);
    expect(f.inspection).toEqual({ receiptCode: "RC-20261206-0007", department: "terminal_service" });
    expect(f.holder).toBeNull();
    expect(f.responsible).toBeNull();
  });

  it("issued: who holds it, by the issue's name (me by mine); in quarantine: who is responsible", async () => {
    const issued = stock(5, "issued", "2026-12-07T08:00:00.000Z", { personName: "赵磊 Zhao Lei", department: "terminal_service" });
    expect((await facts(item({ status: "in_use", holderId: OTHER }), [issued])).holder).toEqual({ name: "赵磊 Zhao Lei", department: "terminal_service" });
    expect((await facts(item({ status: "in_use", holderId: ME.id }), [issued])).holder).toEqual({ name: ME.displayName, department: "terminal_service" });
    const q = await facts(item({ status: "returned", responsibleId: OTHER }), [
      stock(6, "responsible", "2026-12-07T09:00:00.000Z", { personName: "刘芳 Liu Fang" }),
    ]);
    expect(q.responsible).toEqual({ id: OTHER, name: "刘芳 Liu Fang" });
    expect(q.inspection).toBeNull();
  });
});
