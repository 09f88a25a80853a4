import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { IdbSyncStore } from "@/client/sync/idb-store";
import { attachPrinted, draftForm, fillDraft, missingTags, type TDraftLine } from "./receive-draft";
import { leaseState, leaseSummary, markTagsUsed, topUpLeases } from "./tag-lease";

const DEVICE = "0190a6c2-8f1e-7c3a-9b2d-4e5f60718293";
let n = 0;
const open = () => IdbSyncStore.open(`wh-draft-${Date.now()}-${n++}`);
const line = (id: string, serialised: boolean, quantity: string): TDraftLine => ({ id, materialCode: "MAT-X", serialised, quantity, slots: [] });
const lease = { leases: [{ first: 1001, last: 1003 }], used: ["ST-001001"] };

describe("the receiving draft's tags", () => {
  it("fills a serialised line one tag per unit and a bulk line one lot tag, from unused leased numbers", () => {
    const lines = fillDraft([line("a", true, "2"), line("b", false, "10")], lease);
    expect(lines[0]!.slots.map((s) => s.tag)).toEqual(["ST-001002", "ST-001003"]);
    // the lease ran out: the lot tag waits for a printed one
    expect(lines[1]!.slots).toEqual([{ tag: null, printed: false }]);
    expect(missingTags(lines)).toBe(1);
  });

  it("a printed tag takes an empty slot, is kept when the quantity changes, and never goes on two lines", () => {
    let lines = fillDraft([line("a", true, "2"), line("b", false, "10")], lease);
    const r = attachPrinted(lines, "b", "ST-900001");
    expect(r.ok).toBe(true);
    lines = r.ok ? r.lines : lines;
    expect(attachPrinted(lines, "a", "ST-900001")).toEqual({ ok: false, code: "tagTwice" });
    lines = fillDraft(
      lines.map((l) => (l.id === "a" ? { ...l, quantity: "1" } : l)),
      lease,
    );
    expect(lines.map((l) => l.slots.map((s) => s.tag))).toEqual([["ST-001002"], ["ST-900001"]]);
    expect(
      draftForm(
        "0190a6c2-0000-7000-8000-000000000001",
        { department: "terminal_service", purchaseRequest: "PR-1", supplier: "S", deliveryNote: "DN", inspectionZone: "WH1-IN", note: "" },
        lines,
      ).lines[1],
    ).toMatchObject({ quantity: 10, tags: ["ST-900001"] });
  });
});

describe("the phone's tag leases", () => {
  it("asks for a block only when fewer than the threshold are left, keeps it, and never offers a used tag again", async () => {
    const store = await open();
    let calls = 0;
    const ask = () => {
      calls++;
      return Promise.resolve({ first: 1001, last: 1200 });
    };
    const s1 = await topUpLeases(store, DEVICE, ask);
    expect(leaseSummary(s1)).toEqual({ left: 200, topUp: false });
    await topUpLeases(store, DEVICE, ask);
    expect(calls).toBe(1);
    await markTagsUsed(store, DEVICE, ["ST-001001", "ST-999999"]);
    expect((await leaseState(store, DEVICE)).used).toEqual(["ST-001001"]);
    // offline: the call fails, the phone keeps what it has
    const s2 = await topUpLeases(store, "other-device", () => Promise.reject(new Error("offline")));
    expect(s2).toEqual({ leases: [], used: [] });
    store.close();
  });
});
