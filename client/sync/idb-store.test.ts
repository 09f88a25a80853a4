import "fake-indexeddb/auto";
import { openDB } from "idb";
import { describe, expect, it } from "vitest";
import { IdbSyncStore } from "./idb-store";
import { registryVersion } from "@/client/licenses/stores";
import { signoffsOf, workOrderEventsOf } from "@/client/work-orders/stores";
import { check, DEVICE, dbName, event, license, page, signoff, USER, WO, workOrder } from "./idb-store.fixtures";

describe("IndexedDB v3: the license registry and work-order facts", () => {
  it("a pull stores licenses, imports, checks, sign-offs and status events; the screens read them back", async () => {
    const store = await IdbSyncStore.open(dbName());
    await store.applyPull(
      DEVICE,
      page({
        workOrders: [workOrder],
        licenses: [license("00-D710-208870", null), license("03-A511-240178", "12345678901234567890")],
        licenseImports: [
          { id: 1, importedAt: "2026-10-01T08:00:00.000Z" },
          { id: 2, importedAt: "2026-11-01T08:00:00.000Z" },
        ],
        equipmentChecks: [check],
        signoffs: [signoff(2, "customer_signed"), signoff(1, "self_check")],
        workOrderEvents: [event(2, "en_route", "on_site"), event(1, "assigned", "en_route")],
      }),
    );
    expect(await store.get("workOrders", WO)).toEqual(workOrder);
    expect((await store.get("licenses", "00-D710-208870"))?.model).toBe("HWCD868");
    expect((await store.getFromIndex("licenses", "byMark", "12345678901234567890"))?.licenseNo).toBe("03-A511-240178");
    expect(await store.getFromIndex("licenses", "byMark", "99999999999999999999")).toBeUndefined();
    expect(await store.count("licenses")).toBe(2);
    expect(await registryVersion(store)).toBe("2026-11-01T08:00:00.000Z");
    expect(await store.getAllFromIndex("equipmentChecks", "byWorkOrder", WO)).toEqual([check]);
    expect(await store.getAllFromIndex("equipmentChecks", "byWorkOrder", "other")).toEqual([]);
    expect((await signoffsOf(store, WO)).map((s) => s.kind)).toEqual(["self_check", "customer_signed"]);
    expect((await workOrderEventsOf(store, WO)).map((e) => e.toStatus)).toEqual(["en_route", "on_site"]);
    expect(await store.cursor(DEVICE)).toBe("10");
    store.close();
  });

  it("a later pull replaces a row by its key (a license's new expiry, a re-checked equipment verdict)", async () => {
    const store = await IdbSyncStore.open(dbName());
    await store.applyPull(DEVICE, page({ licenses: [license("00-D710-208870", null)], equipmentChecks: [check] }));
    await store.applyPull(
      DEVICE,
      page({
        licenses: [{ ...license("00-D710-208870", "11112222333344445555"), expiryDate: "2025-01-01" }],
        equipmentChecks: [{ ...check, serverResult: "expired" }],
      }),
    );
    expect((await store.get("licenses", "00-D710-208870"))?.expiryDate).toBe("2025-01-01");
    expect((await store.getFromIndex("licenses", "byMark", "11112222333344445555"))?.licenseNo).toBe("00-D710-208870");
    expect(await store.count("licenses")).toBe(1);
    expect((await store.getAllFromIndex("equipmentChecks", "byWorkOrder", WO)).map((c) => c.serverResult)).toEqual(["expired"]);
    expect(await registryVersion(store)).toBeNull();
    store.close();
  });

  it("a page from an older server (no work-order feeds) still applies", async () => {
    const store = await IdbSyncStore.open(dbName());
    await store.applyPull(DEVICE, page({ workOrders: [workOrder] }));
    expect(await store.getAll("workOrders")).toHaveLength(1);
    expect(await store.count("licenses")).toBe(0);
    store.close();
  });

  it("an order taken from this lineman goes with its checks, sign-offs and events; other orders stay", async () => {
    const store = await IdbSyncStore.open(dbName());
    const other = { ...workOrder, id: "0193a0b0-0000-7000-8000-0000000000ff", code: "WO-2026-000999" };
    await store.applyPull(
      DEVICE,
      page({
        workOrders: [workOrder, other],
        equipmentChecks: [check],
        signoffs: [signoff(1, "self_check")],
        workOrderEvents: [event(1, "assigned", "en_route")],
      }),
    );
    await store.applyPull(DEVICE, page({ withdrawnWorkOrders: [{ workOrderId: WO }], cursor: "20" }));
    expect(await store.get("workOrders", WO)).toBeUndefined();
    expect((await store.getAll("workOrders")).map((w) => w.id)).toEqual([other.id]);
    expect(await store.getAllFromIndex("equipmentChecks", "byWorkOrder", WO)).toEqual([]);
    expect(await signoffsOf(store, WO)).toEqual([]);
    expect(await workOrderEventsOf(store, WO)).toEqual([]);
    expect(await store.cursor(DEVICE)).toBe("20");
    // an order this phone never held: nothing to drop, nothing fails
    await store.applyPull(DEVICE, page({ withdrawnWorkOrders: [{ workOrderId: "0193a0b0-0000-7000-8000-0000000000aa" }], cursor: "21" }));
    expect(await store.getAll("workOrders")).toHaveLength(1);
    store.close();
  });

  it("logout clears the read cache, the password verifier and customer mode, and keeps outbox, device id and seq", async () => {
    const store = await IdbSyncStore.open(dbName());
    const deviceId = await store.deviceIdFor(USER);
    await store.enqueue({
      userId: USER,
      deviceId,
      name: "workOrder.transition",
      schemaVersion: 1,
      args: { workOrderId: WO, to: "on_site", reason: "" },
      expected: { from: "assigned", version: 1 },
    });
    await store.applyPull(
      deviceId,
      page({
        workOrders: [workOrder],
        licenses: [license("00-D710-208870", null)],
        licenseImports: [{ id: 1, importedAt: "2026-11-01T08:00:00.000Z" }],
        equipmentChecks: [check],
        signoffs: [signoff(1, "self_check")],
        workOrderEvents: [event(1, "assigned", "en_route")],
      }),
    );
    await store.setMeta(`verifier:${USER}`, { salt: "x" });
    await store.setMeta("customerMode", { workOrderId: WO });
    await store.clearReadCache();
    expect(await store.getAll("workOrders")).toEqual([]);
    expect(await store.count("licenses")).toBe(0);
    expect(await registryVersion(store)).toBeNull();
    expect(await store.getAllFromIndex("equipmentChecks", "byWorkOrder", WO)).toEqual([]);
    expect(await signoffsOf(store, WO)).toEqual([]);
    expect(await workOrderEventsOf(store, WO)).toEqual([]);
    expect(await store.getMeta(`verifier:${USER}`)).toBeUndefined();
    expect(await store.getMeta("customerMode")).toBeUndefined();
    expect(await store.cursor(deviceId)).toBe("0");
    expect(await store.pendingCount(deviceId)).toBe(1);
    expect(await store.deviceIdFor(USER)).toBe(deviceId);
    const next = await store.enqueue({ userId: USER, deviceId, name: "workOrder.transition", schemaVersion: 1, args: {}, expected: undefined });
    expect(next.seq).toBe(2);
    store.close();
  });
});

describe("upgrade from v2 (frozen schema of the build before): the outbox survives, the new feeds are pulled from the start", () => {
  it("keeps outbox rows, seq counter, device id, rejections and cached work orders; resets the pull cursor", async () => {
    const name = dbName();
    // the phone's IndexedDB as the v2 build left it (stores frozen here as that build created them)
    const raw = await openDB(name, 2, {
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
      },
    });
    const queued = {
      mutationId: "0190a6c2-1111-7000-8000-000000000001",
      userId: USER,
      deviceId: DEVICE,
      seq: 7,
      name: "item.changeLabel",
      schemaVersion: 1,
      args: { itemId: "i", to: "accepted", reason: "inspection_passed", note: "" },
      expected: { from: "pending_inspection", version: 1 },
      clientTime: "2026-11-25T10:00:00.000Z",
    };
    await raw.put("outbox", queued);
    await raw.put("meta", { key: `seq:${DEVICE}`, value: 7 });
    await raw.put("meta", { key: `device:${USER}`, value: DEVICE });
    await raw.put("meta", { key: `cursor:${DEVICE}`, value: "123456" });
    await raw.put("meta", { key: `acked:${DEVICE}`, value: 6 });
    await raw.put("meta", { key: `registered:${DEVICE}`, value: true });
    await raw.put("workOrders", workOrder);
    raw.close();

    const store = await IdbSyncStore.open(name);
    expect(await store.allPending(DEVICE)).toEqual([queued]);
    expect(await store.deviceIdFor(USER)).toBe(DEVICE);
    expect(await store.ackedSeq(DEVICE)).toBe(6);
    expect(await store.getMeta(`registered:${DEVICE}`)).toBe(true);
    expect(await store.getAll("workOrders")).toEqual([workOrder]);
    // rows of the new feeds older than the old cursor would never arrive: the cursor starts again
    expect(await store.cursor(DEVICE)).toBe("0");
    const next = await store.enqueue({ userId: USER, deviceId: DEVICE, name: "workOrder.transition", schemaVersion: 1, args: {}, expected: undefined });
    expect(next.seq).toBe(8);
    await store.applyPull(DEVICE, page({ licenses: [license("00-D710-208870", null)], lastAppliedSeq: 7 }));
    expect(await store.count("licenses")).toBe(1);
    // the pull acknowledged seq 7: that row goes, the new one stays
    expect((await store.allPending(DEVICE)).map((r) => r.seq)).toEqual([8]);
    store.close();
  });
});

describe("applied rows leave the outbox with the last page of a pull", () => {
  it("a middle page keeps them (their result may be on a later page); the last page deletes them", async () => {
    const store = await IdbSyncStore.open(dbName());
    const a = await store.enqueue({ userId: USER, deviceId: DEVICE, name: "workOrder.selfCheck", schemaVersion: 1, args: {}, expected: undefined });
    await store.applyPull(DEVICE, page({ hasMore: true, lastAppliedSeq: a.seq }));
    expect((await store.allPending(DEVICE)).map((r) => r.seq)).toEqual([a.seq]);
    await store.applyPull(DEVICE, page({ hasMore: false, lastAppliedSeq: a.seq }));
    expect(await store.allPending(DEVICE)).toEqual([]);
  });

  it("a rejection on a middle page still leaves the outbox at once, for needs-attention", async () => {
    const store = await IdbSyncStore.open(dbName());
    const a = await store.enqueue({ userId: USER, deviceId: DEVICE, name: "workOrder.selfCheck", schemaVersion: 1, args: {}, expected: undefined });
    await store.applyPull(
      DEVICE,
      page({ hasMore: true, lastAppliedSeq: a.seq, rejections: [{ mutationId: a.mutationId, seq: a.seq, reasonCode: "stale", details: {} }] as never }),
    );
    expect(await store.allPending(DEVICE)).toEqual([]);
    expect((await store.rejections(DEVICE)).map((r) => r.mutationId)).toEqual([a.mutationId]);
  });
});

describe("pulledAll: a pull that reached its last page (the custodian's board waits for it)", () => {
  it("false during a first pull's pages, true from its last page on, kept through later partial pulls", async () => {
    const store = await IdbSyncStore.open(dbName());
    expect(await store.pulledAll(DEVICE)).toBe(false);
    await store.applyPull(DEVICE, page({ hasMore: true }));
    // lastSync is written by every page: it alone would call this phone synced
    expect(await store.getMeta(`lastSync:${DEVICE}`)).toBeTruthy();
    expect(await store.pulledAll(DEVICE)).toBe(false);
    await store.applyPull(DEVICE, page({ hasMore: false }));
    expect(await store.pulledAll(DEVICE)).toBe(true);
    await store.applyPull(DEVICE, page({ hasMore: true }));
    expect(await store.pulledAll(DEVICE)).toBe(true);
  });

  it("a phone that synced under a build without the flag counts as pulled", async () => {
    const store = await IdbSyncStore.open(dbName());
    await store.setMeta(`lastSync:${DEVICE}`, "2026-12-01T02:00:00.000Z");
    expect(await store.pulledAll(DEVICE)).toBe(true);
  });
});

describe("scope: a cache filled for another role is dropped, never shown under the new one", () => {
  it("a page for another role drops every cached row and the cursor, keeps the outbox, and the next pull starts from 0", async () => {
    const store = await IdbSyncStore.open(dbName());
    expect(await store.applyPull(DEVICE, page({ workOrders: [workOrder], equipmentChecks: [check], scope: "lineman", cursor: "40" }))).toBe("applied");
    await store.enqueue({ userId: USER, deviceId: DEVICE, name: "rejection.resolve", schemaVersion: 1, args: {} });
    // same scope again: applied as usual
    expect(await store.applyPull(DEVICE, page({ scope: "lineman", cursor: "41" }))).toBe("applied");
    expect(await store.get("workOrders", WO)).toBeDefined();

    // the user is a keeper now: the page (relative to the old cursor) is not applied, the lineman's orders go
    expect(await store.applyPull(DEVICE, page({ zones: [], scope: "warehouse_keeper", cursor: "55" }))).toBe("restart");
    expect(await store.getAll("workOrders")).toEqual([]);
    expect(await store.getAll("equipmentChecks")).toEqual([]);
    expect(await store.cursor(DEVICE)).toBe("0");
    expect(await store.pulledAll(DEVICE)).toBe(false);
    expect(await store.pendingCount(DEVICE)).toBe(1);
    // the pull from 0 under the new scope applies
    expect(await store.applyPull(DEVICE, page({ scope: "warehouse_keeper", cursor: "56" }))).toBe("applied");
    expect(await store.cursor(DEVICE)).toBe("56");
    // a page from an older server (no scope) changes nothing of it
    expect(await store.applyPull(DEVICE, page({ cursor: "57" }))).toBe("applied");
    store.close();
  });

  it("another person signing in on the same phone without logging out never sees the first one's rows", async () => {
    const store = await IdbSyncStore.open(dbName());
    const A = "0190a6c2-8f1e-7c3a-9b2d-4e5f6071aaaa";
    const B = "0190a6c2-8f1e-7c3a-9b2d-4e5f6071bbbb";
    const notice = {
      id: "0193a0b0-0000-7000-8000-000000000001",
      kind: "instrument.loanDueSoon" as const,
      params: { tag: "IN-000302" },
      href: "/instruments#IN-000302",
      createdAt: "2026-12-01T00:00:00.000Z",
      readAt: null,
    };
    expect(await store.applyPull(A, page({ workOrders: [workOrder], notices: [notice], scope: "user-a:lineman", cursor: "40" }))).toBe("applied");
    await store.enqueue({ userId: "user-a", deviceId: A, name: "rejection.resolve", schemaVersion: 1, args: {} });
    // A's session ran out; B signs in on the phone: B's first page drops A's rows before anything is shown
    expect(await store.applyPull(B, page({ scope: "user-b:warehouse_keeper", cursor: "40" }))).toBe("restart");
    expect(await store.getAll("notices")).toEqual([]);
    expect(await store.getAll("workOrders")).toEqual([]);
    expect(await store.cursor(B)).toBe("0");
    expect(await store.pendingCount(A)).toBe(1);
    expect(await store.applyPull(B, page({ scope: "user-b:warehouse_keeper", cursor: "41" }))).toBe("applied");
    // and A coming back pulls their own again from the start
    expect(await store.applyPull(A, page({ scope: "user-a:lineman", cursor: "77" }))).toBe("restart");
    expect(await store.cursor(A)).toBe("0");
    store.close();
  });
});
