import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import type { PullPage } from "@/client/sync/contract";
import { IdbSyncStore } from "@/client/sync/idb-store";
import { newComplaintId, queueRecordComplaint } from "./queue";
import { deadlineOf, myComplaints, prefillFromWorkOrder } from "./read-model";
import type { CachedComplaint } from "./stores";

const DEVICE = "0190a6c2-8f1e-7c3a-9b2d-4e5f60718293";
const USER = "4b8f2f60-1c1e-4f6a-9d7e-2a3b4c5d6e7f";
let n = 0;
const open = () => IdbSyncStore.open(`complaints-rm-${Date.now()}-${n++}`);
const page = (p: Record<string, unknown>): PullPage => ({ cursor: "50", hasMore: false, lastAppliedSeq: 0, rejections: [], ...p });
const form = (id: string, more: Record<string, unknown> = {}) => ({
  id,
  kind: "complaint" as const,
  channel: "on_site" as const,
  customerName: "王女士",
  contact: "138 0013 8000",
  address: "解放路 12 号",
  words: "宽带每晚断线",
  ...more,
});
const row = (id: string, more: Partial<CachedComplaint> = {}): CachedComplaint => ({
  id,
  code: "TS-20261206-0001",
  kind: "complaint",
  channel: "on_site",
  customerName: "王女士",
  contact: "138 0013 8000",
  status: "recorded",
  receivedAt: "2026-12-06T02:00:00.000Z",
  dueAt: "2026-12-09T16:00:00.000Z",
  repliedAt: null,
  result: "",
  workOrderId: null,
  ...more,
});

describe("my recorded complaints on the phone", () => {
  it("a record queued offline is listed at once (no number yet), and the server's row takes its place after the pull", async () => {
    const store = await open();
    const id = newComplaintId();
    const q = await queueRecordComplaint({ store, userId: USER, deviceId: DEVICE }, form(id));
    expect(q).toEqual({ ok: true, again: false });
    const before = await myComplaints(store, DEVICE);
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ id, code: null, queued: true, status: "recorded", dueAt: null, customerName: "王女士", kind: "complaint" });
    expect(deadlineOf(before[0]!, new Date())).toBeNull();

    // the server recorded it: the pull brings its numbered row and acknowledges the outbox row
    const [sent] = await store.allPending(DEVICE);
    await store.applyPull(DEVICE, page({ myComplaints: [row(id)], lastAppliedSeq: sent!.seq }));
    expect(await store.allPending(DEVICE)).toEqual([]);
    const after = await myComplaints(store, DEVICE);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id, code: "TS-20261206-0001", queued: false, dueAt: "2026-12-09T16:00:00.000Z" });
    store.close();
  });

  it("while both exist (pulled before the outbox row is acknowledged) the server's row is shown once", async () => {
    const store = await open();
    const id = newComplaintId();
    await queueRecordComplaint({ store, userId: USER, deviceId: DEVICE }, form(id));
    await store.applyPull(DEVICE, page({ myComplaints: [row(id, { status: "classified" })] }));
    expect(await store.pendingCount(DEVICE)).toBe(1);
    const list = await myComplaints(store, DEVICE);
    expect(list.map((c) => [c.id, c.code, c.status, c.queued])).toEqual([[id, "TS-20261206-0001", "classified", false]]);
    store.close();
  });

  it("lists newest first; answered at once reads closed with its answer as the result", async () => {
    const store = await open();
    await store.applyPull(
      DEVICE,
      page({
        myComplaints: [
          row(newComplaintId(), { code: "TS-20261201-0001", receivedAt: "2026-12-01T02:00:00.000Z" }),
          row(newComplaintId(), { code: "TS-20261203-0002", receivedAt: "2026-12-03T02:00:00.000Z" }),
        ],
      }),
    );
    const answered = newComplaintId();
    await queueRecordComplaint({ store, userId: USER, deviceId: DEVICE }, form(answered, { kind: "inquiry", answer: "营业厅周末照常营业" }));
    const list = await myComplaints(store, DEVICE);
    expect(list.map((c) => c.code)).toEqual([null, "TS-20261203-0002", "TS-20261201-0001"]);
    expect(list[0]).toMatchObject({ id: answered, kind: "inquiry", status: "closed", result: "营业厅周末照常营业" });
    store.close();
  });

  it("a record the server refused stays in the list, marked refused, until dismissed in Needs attention", async () => {
    const store = await open();
    const id = newComplaintId();
    await queueRecordComplaint({ store, userId: USER, deviceId: DEVICE }, form(id));
    const [sent] = await store.allPending(DEVICE);
    await store.acknowledge(DEVICE, sent!.seq, [
      { mutationId: sent!.mutationId, seq: sent!.seq, status: "rejected", reasonCode: "too_large", details: { field: "photo" } },
    ]);
    expect(await store.allPending(DEVICE)).toEqual([]);
    const list = await myComplaints(store, DEVICE);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id, code: null, queued: false, refused: "too_large" });
    await store.removeRejection(sent!.mutationId);
    expect(await myComplaints(store, DEVICE)).toEqual([]);
    store.close();
  });

  it("the deadline: time left, overdue, and answered in time once told", () => {
    const c = { status: "recorded" as const, dueAt: "2026-12-09T16:00:00.000Z", repliedAt: null };
    expect(deadlineOf(c, new Date("2026-12-09T15:00:00.000Z"))).toEqual({ state: "soon", minutes: 60 });
    expect(deadlineOf(c, new Date("2026-12-09T16:30:00.000Z"))).toEqual({ state: "passed", minutes: 30 });
    expect(deadlineOf({ ...c, status: "replied", repliedAt: "2026-12-09T10:00:00.000Z" }, new Date("2026-12-10T00:00:00.000Z"))).toEqual({
      state: "done",
      onTime: true,
    });
  });

  it("a complaint from a work order starts with that order's customer, from the cache", async () => {
    const store = await open();
    expect(await prefillFromWorkOrder(store, "0193a0b0-0000-7000-8000-000000000001")).toBeNull();
    const wo = {
      id: "0193a0b0-0000-7000-8000-000000000001",
      code: "WO-20261206-0003",
      customerName: "李先生",
      contact: "139 1111 2222",
      address: "中山路 8 号",
    };
    await store.applyPull(DEVICE, page({ workOrders: [wo] }));
    expect(await prefillFromWorkOrder(store, wo.id)).toEqual({
      workOrderId: wo.id,
      code: "WO-20261206-0003",
      customerName: "李先生",
      contact: "139 1111 2222",
      address: "中山路 8 号",
    });
    store.close();
  });
});
