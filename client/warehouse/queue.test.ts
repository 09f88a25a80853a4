import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { IdbSyncStore } from "@/client/sync/idb-store";
import { newId, queueRecordReceipt } from "./queue";
import { recentReceipts, receiptView } from "./read-model";
import { leaseState, topUpLeases } from "./tag-lease";

const DEVICE = "0190a6c2-8f1e-7c3a-9b2d-4e5f60718293";
const USER = "4b8f2f60-1c1e-4f6a-9d7e-2a3b4c5d6e7f";
let n = 0;
const open = () => IdbSyncStore.open(`wh-queue-${Date.now()}-${n++}`);
const form = (id: string, more: Record<string, unknown> = {}) => ({
  id,
  department: "terminal_service" as const,
  purchaseRequest: "PR-2026-0042",
  supplier: "华为",
  deliveryNote: "DN-778",
  inspectionZone: "WH1-IN",
  note: "",
  lines: [
    { id: newId(), materialCode: "MAT-ONU-HG8245", serialised: true, quantity: 2, tags: ["ST-001001", "ST-001002"] },
    { id: newId(), materialCode: "MAT-CABLE-CAT6", serialised: false, quantity: 10, tags: ["ST-001003"] },
  ],
  ...more,
});

describe("receiving a delivery in the outbox", () => {
  it("queues receipt.record v1 once for a double tap, spends its tags, and lists it unnumbered with its tags", async () => {
    const store = await open();
    await topUpLeases(store, DEVICE, () => Promise.resolve({ first: 1001, last: 1200 }));
    const ctx = { store, userId: USER, deviceId: DEVICE };
    const id = newId();
    const [a, b] = await Promise.all([queueRecordReceipt(ctx, form(id)), queueRecordReceipt(ctx, form(id))]);
    expect([a, b]).toEqual([
      { ok: true, again: false },
      { ok: true, again: true },
    ]);
    expect(await queueRecordReceipt(ctx, form(id))).toEqual({ ok: true, again: true });
    const pending = await store.allPending(DEVICE);
    expect(pending.map((r) => [r.name, r.schemaVersion])).toEqual([["receipt.record", 1]]);
    expect((await leaseState(store, DEVICE)).used.sort()).toEqual(["ST-001001", "ST-001002", "ST-001003"]);
    const [row] = await recentReceipts(store, DEVICE);
    expect(row).toMatchObject({ id, code: null, status: "awaiting_inspection", queued: true, lineCount: 2 });
    const view = await receiptView(store, DEVICE, id);
    expect(view!.lines.map((l) => l.tags.map((t) => [t.tag, t.quantity]))).toEqual([
      [
        ["ST-001001", 1],
        ["ST-001002", 1],
      ],
      [["ST-001003", 10]],
    ]);
    store.close();
  });

  it("refuses the schema's way: required fields and a serialised line short of tags, nothing queued", async () => {
    const store = await open();
    const r = await queueRecordReceipt(
      { store, userId: USER, deviceId: DEVICE },
      form(newId(), { supplier: " ", lines: [{ id: newId(), materialCode: "MAT-ONU-HG8245", serialised: true, quantity: 2, tags: ["ST-001001"] }] }),
    );
    expect(r).toEqual({ ok: false, fields: { supplier: "validation.required", "lines.0.tags": "warehouse.validation.tagCount" } });
    expect(await store.pendingCount(DEVICE)).toBe(0);
    store.close();
  });
});
