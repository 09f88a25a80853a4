import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { signoffsOf } from "@/client/work-orders/stores";
import { IdbSyncStore } from "./idb-store";
import { DEVICE, dbName, page, signoff, USER, WO, workOrder } from "./idb-store.fixtures";

describe("snapshot: one moment of the phone for a read model", () => {
  it("a pull that lands while the screen reads is seen wholly or not at all (never the order before it and the outbox after it)", async () => {
    const store = await IdbSyncStore.open(dbName());
    await store.applyPull(DEVICE, page({ workOrders: [{ ...workOrder, status: "on_site", version: 4 }] }));
    const queued = await store.enqueue({ userId: USER, deviceId: DEVICE, name: "workOrder.selfCheck", schemaVersion: 1, args: {}, expected: undefined });
    // the server applied the self-check: this pull brings the new status and the sign-off, and empties the outbox
    const pull = page({ workOrders: [{ ...workOrder, status: "work_done", version: 5 }], signoffs: [signoff(1, "self_check")], lastAppliedSeq: queued.seq });

    const landed: Promise<unknown>[] = [];
    const seen = await store
      .snapshot(async (r) => {
        const wo = await r.get("workOrders", WO);
        landed.push(store.applyPull(DEVICE, pull)); // commits while this read is half done
        await new Promise((resolve) => setTimeout(resolve, 20));
        const [outbox, signoffs] = await Promise.all([r.allPending(DEVICE), signoffsOf(r, WO)]);
        return { status: wo?.status, outbox: outbox.map((o) => o.seq), signoffs: signoffs.map((s) => s.kind) };
      })
      .catch((e: unknown) => e);
    // a read that waits on anything but its own reads closes the transaction: that is refused, not read half-way
    expect(seen).toBeInstanceOf(Error);
    await Promise.all(landed);

    // read as the screens do (reads only): before, and after the pull, each whole
    const store2 = await IdbSyncStore.open(dbName());
    await store2.applyPull(DEVICE, page({ workOrders: [{ ...workOrder, status: "on_site", version: 4 }] }));
    const q2 = await store2.enqueue({ userId: USER, deviceId: DEVICE, name: "workOrder.selfCheck", schemaVersion: 1, args: {}, expected: undefined });
    const landed2: Promise<unknown>[] = [];
    const before = await store2.snapshot(async (r) => {
      const wo = await r.get("workOrders", WO);
      landed2.push(store2.applyPull(DEVICE, { ...pull, lastAppliedSeq: q2.seq }));
      const [outbox, signoffs] = await Promise.all([r.allPending(DEVICE), signoffsOf(r, WO)]);
      return { status: wo?.status, outbox: outbox.map((o) => o.seq), signoffs: signoffs.map((s) => s.kind) };
    });
    expect(before).toEqual({ status: "on_site", outbox: [q2.seq], signoffs: [] });
    await Promise.all(landed2);
    const after = await store2.snapshot(async (r) => {
      const wo = await r.get("workOrders", WO);
      const [outbox, signoffs] = await Promise.all([r.allPending(DEVICE), signoffsOf(r, WO)]);
      return { status: wo?.status, outbox: outbox.map((o) => o.seq), signoffs: signoffs.map((s) => s.kind) };
    });
    expect(after).toEqual({ status: "work_done", outbox: [], signoffs: ["self_check"] });
    store.close();
    store2.close();
  });
});
