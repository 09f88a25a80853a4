import "fake-indexeddb/auto";
import { openDB } from "idb";
import { describe, expect, it } from "vitest";
import { IdbSyncStore } from "@/client/sync/idb-store";
import type { Cached, PullPage } from "@/client/sync/contract";

const DEVICE = "0190a6c2-8f1e-7c3a-9b2d-4e5f60718293";
const USER = "4b8f2f60-1c1e-4f6a-9d7e-2a3b4c5d6e7f";

const row: Cached<"instruments"> = {
  id: "0190a6c2-0000-7000-8000-000000000301",
  assetTag: "IN-000301",
  name: "光时域反射仪 OTDR",
  model: "AQ7280",
  serial: "Y2K1039",
  kind: "otdr",
  category: "public",
  department: "technology_development",
  keeperId: null,
  keeperName: null,
  location: "技术发展部仪表室",
  intakeDate: "2021-03-15",
  serviceLifeYears: 8,
  status: "on_loan",
  calibratedOn: "2025-10-01",
  calibrationDue: "2027-10-01",
  calibrationResult: "passed",
  holderId: USER,
  holderName: "王建国",
  loanId: "0190a6c2-0000-7000-8000-000000000901",
  loanTerm: "short",
  loanDueOn: "2026-12-20",
  faultOpen: false,
  scrapPending: false,
  manual: "",
  accessories: [],
  missingAccessories: [],
  returnRequested: false,
  version: 2,
  updatedAt: "2026-11-20T00:00:00.000Z",
};

const page = (p: Partial<PullPage>): PullPage => ({
  zones: [],
  items: [],
  events: [],
  workOrders: [],
  cursor: "50",
  hasMore: false,
  lastAppliedSeq: 0,
  rejections: [],
  ...p,
});

describe("upgrade from v3 (frozen schema of the build before): instrument stores added, nothing queued is lost", () => {
  it("keeps the outbox, seq counter and cached work orders, resets the cursor, then stores and clears instrument feeds", async () => {
    const name = `instruments-upgrade-${Date.now()}`;
    // the phone's IndexedDB as the v3 build left it
    const raw = await openDB(name, 3, {
      upgrade(d) {
        d.createObjectStore("meta", { keyPath: "key" });
        d.createObjectStore("outbox", { keyPath: "mutationId" }).createIndex("byDeviceSeq", ["deviceId", "seq"], { unique: true });
        const items = d.createObjectStore("items", { keyPath: "id" });
        items.createIndex("byTag", "tagCode", { unique: true });
        items.createIndex("byZone", "zoneCode");
        d.createObjectStore("zones", { keyPath: "code" });
        d.createObjectStore("events", { keyPath: "id" }).createIndex("byItem", "itemId");
        d.createObjectStore("rejections", { keyPath: "mutationId" }).createIndex("byDevice", "deviceId");
        d.createObjectStore("workOrders", { keyPath: "id" });
        d.createObjectStore("licenses", { keyPath: "licenseNo" }).createIndex("byMark", "markCode");
        d.createObjectStore("licenseImports", { keyPath: "id" });
        d.createObjectStore("equipmentChecks", { keyPath: "id" }).createIndex("byWorkOrder", "workOrderId");
        d.createObjectStore("signoffs", { keyPath: "id" }).createIndex("byWorkOrder", "workOrderId");
        d.createObjectStore("workOrderEvents", { keyPath: "id" }).createIndex("byWorkOrder", "workOrderId");
      },
    });
    const queued = {
      mutationId: "0190a6c2-1111-7000-8000-000000000001",
      userId: USER,
      deviceId: DEVICE,
      seq: 3,
      name: "workOrder.transition",
      schemaVersion: 1,
      args: { workOrderId: "w", to: "on_site", reason: "" },
      expected: { from: "assigned", version: 1 },
      clientTime: "2026-11-25T10:00:00.000Z",
    };
    await raw.put("outbox", queued);
    await raw.put("meta", { key: `seq:${DEVICE}`, value: 3 });
    await raw.put("meta", { key: `cursor:${DEVICE}`, value: "999" });
    await raw.put("licenses", { licenseNo: "00-D710-208870", markCode: null });
    raw.close();

    const store = await IdbSyncStore.open(name);
    expect(await store.allPending(DEVICE)).toEqual([queued]);
    expect(await store.cursor(DEVICE)).toBe("0");
    expect(await store.count("licenses")).toBe(1);
    const next = await store.enqueue({ userId: USER, deviceId: DEVICE, name: "instrument.recordCare", schemaVersion: 1, args: {}, expected: undefined });
    expect(next.seq).toBe(4);

    await store.applyPull(DEVICE, page({ instruments: [row], lastAppliedSeq: 3 }));
    expect(await store.getFromIndex("instruments", "byTag", "IN-000301")).toEqual(row);
    expect((await store.getAllFromIndex("instruments", "byHolder", USER)).map((r) => r.assetTag)).toEqual(["IN-000301"]);
    expect((await store.allPending(DEVICE)).map((r) => r.seq)).toEqual([4]);
    await store.setMeta("instruments:colleagues", [{ id: "x" }]);

    // logout: company data and the kept colleague list go, the queued change stays
    await store.clearReadCache();
    expect(await store.getAll("instruments")).toEqual([]);
    expect(await store.getMeta("instruments:colleagues")).toBeUndefined();
    expect((await store.allPending(DEVICE)).map((r) => r.seq)).toEqual([4]);
    store.close();
  });
});
