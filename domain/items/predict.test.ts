import { describe, expect, it } from "vitest";
import type { TChangeLabelArgs } from "./mutations";
import { expectedFrom, predictLabel, type TPendingLabelChange } from "./predict";

const ITEM = "0190d4a0-0000-7000-8000-000000000001";

function change(
  seq: number,
  to: TChangeLabelArgs["to"],
  opts: { zoneCode?: string; from?: TChangeLabelArgs["to"]; version?: number } = {},
): TPendingLabelChange {
  return {
    seq,
    args: { itemId: ITEM, to, reason: "other", note: "n", ...(opts.zoneCode ? { zoneCode: opts.zoneCode } : {}) },
    expected: { from: opts.from ?? "accepted", version: opts.version ?? 1 },
  };
}

describe("predictLabel", () => {
  const synced = { status: "pending_inspection", version: 3, zoneCode: "WH1-IN" } as const;

  it("with nothing queued shows the synced state, zero pending", () => {
    expect(predictLabel(synced, [])).toEqual({ ...synced, pending: 0 });
  });

  it("applies queued changes on top, one version each, in seq order whatever order they are given in", () => {
    const queue = [change(12, "in_use"), change(11, "accepted", { zoneCode: "WH1-A" })];
    expect(predictLabel(synced, queue)).toEqual({ status: "in_use", version: 5, zoneCode: "WH1-A", pending: 2 });
    // the input array is not reordered in place
    expect(queue.map((q) => q.seq)).toEqual([12, 11]);
  });

  it("a change without a zone keeps the zone; a change with one moves the item", () => {
    expect(predictLabel(synced, [change(1, "accepted")])).toMatchObject({ zoneCode: "WH1-IN" });
    expect(predictLabel(synced, [change(1, "returned", { zoneCode: "WH1-Q-RET" })])).toMatchObject({ status: "returned", zoneCode: "WH1-Q-RET" });
    expect(predictLabel({ ...synced, zoneCode: null }, [change(1, "accepted")])).toMatchObject({ zoneCode: null });
  });

  it("does not judge: it predicts what the user asked for (the server decides)", () => {
    // an invalid move is still shown as pending; the rejection comes back by sync
    expect(predictLabel(synced, [change(1, "scrapped")])).toMatchObject({ status: "scrapped", version: 4, pending: 1 });
  });

  it("does not modify the synced state it was given", () => {
    const s = { ...synced };
    predictLabel(s, [change(1, "accepted", { zoneCode: "WH1-A" })]);
    expect(s).toEqual(synced);
  });
});

describe("expectedFrom", () => {
  it("is the status and version the user is looking at", () => {
    expect(expectedFrom({ status: "accepted", version: 7, zoneCode: "WH1-A" })).toEqual({ from: "accepted", version: 7 });
  });

  it("chains: each queued change expects the prediction made by the ones before it", () => {
    const synced = { status: "pending_inspection", version: 1, zoneCode: "WH1-IN" } as const;
    const first = { seq: 1, args: { itemId: ITEM, to: "accepted", reason: "inspection_passed", note: "" }, expected: expectedFrom(synced) } as const;
    const second = expectedFrom(predictLabel(synced, [first]));
    expect(first.expected).toEqual({ from: "pending_inspection", version: 1 });
    expect(second).toEqual({ from: "accepted", version: 2 });
  });
});
