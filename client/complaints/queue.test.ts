import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import type { PullPage } from "@/client/sync/contract";
import { IdbSyncStore } from "@/client/sync/idb-store";
import { checkComplaintForm, defaultChannelFor, newComplaintId, queueRecordComplaint } from "./queue";

const DEVICE = "0190a6c2-8f1e-7c3a-9b2d-4e5f60718293";
const USER = "4b8f2f60-1c1e-4f6a-9d7e-2a3b4c5d6e7f";
let n = 0;
const open = () => IdbSyncStore.open(`complaints-q-${Date.now()}-${n++}`);
const form = (id: string, more: Record<string, unknown> = {}) => ({
  id,
  kind: "complaint" as const,
  channel: "on_site" as const,
  customerName: "王女士",
  contact: "138 0013 8000",
  address: "",
  words: "宽带每晚断线",
  ...more,
});

describe("recording a complaint in the outbox", () => {
  it("queues complaint.record v2 with the args the server's schema accepts", async () => {
    const store = await open();
    const id = newComplaintId();
    const photo = { mime: "image/png", base64: "iVBORw0KGgo=" };
    expect(await queueRecordComplaint({ store, userId: USER, deviceId: DEVICE }, form(id, { photo, centreRef: " ", answer: undefined }))).toEqual({
      ok: true,
      again: false,
    });
    const [rec] = await store.allPending(DEVICE);
    expect(rec).toMatchObject({ name: "complaint.record", schemaVersion: 2, userId: USER, args: { id, kind: "complaint", photo, words: "宽带每晚断线" } });
    // blank optional fields are left out (not sent as empty values the schema would refuse); "answered" unticked: open
    expect(rec!.args).not.toHaveProperty("centreRef");
    expect(rec!.args).not.toHaveProperty("answer");
    store.close();
  });

  it('"answered at once" ticked with a blank answer is refused, never recorded open without a word', async () => {
    const store = await open();
    const ctx = { store, userId: USER, deviceId: DEVICE };
    for (const answer of ["", "   "]) {
      expect(await queueRecordComplaint(ctx, form(newComplaintId(), { answer }))).toEqual({ ok: false, fields: { answer: "validation.required" } });
    }
    expect(await store.pendingCount(DEVICE)).toBe(0);
    // with words it is recorded answered
    const ok = await checkComplaintForm(form(newComplaintId(), { answer: " 已解释 " }));
    expect(ok.ok && ok.args.answer).toBe("已解释");
    store.close();
  });

  it("the same form saved twice (a double tap, or a retry) queues one record: same id, nothing added", async () => {
    const store = await open();
    const ctx = { store, userId: USER, deviceId: DEVICE };
    const id = newComplaintId();
    // two taps in the same moment, then a third later
    const [a, b] = await Promise.all([queueRecordComplaint(ctx, form(id)), queueRecordComplaint(ctx, form(id))]);
    const c = await queueRecordComplaint(ctx, form(id));
    expect([a, b, c].map((r) => r.ok && r.again)).toEqual([false, true, true]);
    expect((await store.allPending(DEVICE)).map((r) => (r.args as { id: string }).id)).toEqual([id]);
    // another form is another record
    await queueRecordComplaint(ctx, form(newComplaintId()));
    expect(await store.pendingCount(DEVICE)).toBe(2);
    store.close();
  });

  it("a retry after the server confirmed it (outbox row gone, row in the cache) queues nothing", async () => {
    const store = await open();
    const ctx = { store, userId: USER, deviceId: DEVICE };
    const id = newComplaintId();
    await queueRecordComplaint(ctx, form(id));
    const [sent] = await store.allPending(DEVICE);
    const confirmed = {
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
    };
    await store.applyPull(DEVICE, { cursor: "9", hasMore: false, lastAppliedSeq: sent!.seq, rejections: [], myComplaints: [confirmed] } as PullPage);
    expect(await queueRecordComplaint(ctx, form(id))).toEqual({ ok: true, again: true });
    expect(await store.pendingCount(DEVICE)).toBe(0);
    store.close();
  });

  it("refuses what the server would, field by field, and queues nothing", async () => {
    const store = await open();
    const ctx = { store, userId: USER, deviceId: DEVICE };
    const r = await queueRecordComplaint(ctx, form(newComplaintId(), { customerName: " ", contact: "12345", words: "" }));
    expect(r).toEqual({
      ok: false,
      fields: { customerName: "validation.required", contact: "complaints.validation.contact", words: "validation.required" },
    });
    // the 180 centre needs its reference; an answer typed before switching to it is not sent (answered in writing)
    const c = await checkComplaintForm(form(newComplaintId(), { channel: "centre_180", answer: "已解释" }));
    expect(c).toEqual({ ok: false, fields: { centreRef: "complaints.validation.centreRefRequired" } });
    const ok = await checkComplaintForm(form(newComplaintId(), { channel: "centre_180", centreRef: "180-2026-0042", answer: "已解释" }));
    expect(ok.ok && ok.args).toMatchObject({ channel: "centre_180", centreRef: "180-2026-0042" });
    expect(ok.ok && ok.args).not.toHaveProperty("answer");
    // a reference typed on another channel is not kept
    const walkIn = await checkComplaintForm(form(newComplaintId(), { channel: "counter", centreRef: "180-1" }));
    expect(walkIn.ok && walkIn.args).not.toHaveProperty("centreRef");
    expect(await store.pendingCount(DEVICE)).toBe(0);
    store.close();
  });

  it("a new form starts at the counter for customer service, on site for everyone else", () => {
    expect(defaultChannelFor("customer_service")).toBe("counter");
    for (const role of ["lineman", "warehouse_keeper", "instrument_custodian", "department_head", "operations", "quality", "general_manager"] as const)
      expect(defaultChannelFor(role)).toBe("on_site");
  });
});
