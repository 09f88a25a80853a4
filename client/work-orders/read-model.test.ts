import { describe, expect, it } from "vitest";
import type { OutboxRecord } from "@/client/sync/types";
import { asWorkOrderMutation, queuedWorkOrderMutations } from "./queued";
import { predictStatus } from "./read-model";

const WO = "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d";
let seq = 0;
const rec = (name: string, args: Record<string, unknown>, expected?: unknown): OutboxRecord => ({
  mutationId: `m${++seq}`,
  userId: "u",
  deviceId: "d",
  seq,
  name: name as OutboxRecord["name"],
  schemaVersion: 1,
  args: { workOrderId: WO, ...args },
  expected,
  clientTime: "2026-11-26T01:00:00.000Z",
});

describe("the work-order status the lineman sees", () => {
  it("applies queued steps where they would apply now, each moving the version on", () => {
    const queue = queuedWorkOrderMutations([
      rec("workOrder.transition", { to: "on_site" }, { from: "assigned", version: 1 }),
      rec("workOrder.selfCheck", { checklist: {}, signature: {} }),
      rec("workOrder.customerSign", { signerName: "张伟", ratings: { attitude: 5, onTime: 5 } }),
      rec("workOrder.transition", { to: "closed" }, { from: "signed", version: 4 }),
    ]);
    expect(predictStatus({ status: "assigned", version: 1 }, queue)).toEqual({ status: "closed", version: 5 });
  });

  it("a transition queued from another state than the one synced now predicts nothing (the server will answer stale)", () => {
    const queue = queuedWorkOrderMutations([rec("workOrder.transition", { to: "on_site" }, { from: "assigned", version: 1 })]);
    // the office cancelled it meanwhile
    expect(predictStatus({ status: "cancelled", version: 2 }, queue)).toEqual({ status: "cancelled", version: 2 });
    // a lineman may not cancel: a forged record does not move the prediction either
    const forged = queuedWorkOrderMutations([rec("workOrder.transition", { to: "cancelled" }, { from: "assigned", version: 1 })]);
    expect(predictStatus({ status: "assigned", version: 1 }, forged)).toEqual({ status: "assigned", version: 1 });
  });

  it("the customer's turn only from work done; a refusal, then back to work done to ask again", () => {
    const early = queuedWorkOrderMutations([rec("workOrder.customerSign", { signerName: "x", ratings: { attitude: 1, onTime: 1 } })]);
    expect(predictStatus({ status: "on_site", version: 2 }, early).status).toBe("on_site");
    const again = queuedWorkOrderMutations([
      rec("workOrder.customerRefuse", { reason: "价格" }),
      rec("workOrder.transition", { to: "work_done" }, { from: "refused_to_sign", version: 4 }),
    ]);
    expect(predictStatus({ status: "work_done", version: 3 }, again)).toEqual({ status: "work_done", version: 5 });
  });

  it("reads back only work-order records of a shape the screens can use", () => {
    expect(asWorkOrderMutation(rec("item.changeLabel", { itemId: "i", to: "accepted", reason: "x" }))).toBeNull();
    expect(asWorkOrderMutation({ ...rec("workOrder.transition", { to: "on_site" }), schemaVersion: 2 })).toBeNull();
    expect(asWorkOrderMutation(rec("workOrder.transition", { to: "flying" }))).toBeNull();
    expect(asWorkOrderMutation({ ...rec("workOrder.selfCheck", {}), args: { checklist: {} } })).toBeNull();
    expect(asWorkOrderMutation(rec("workOrder.checkEquipment", { checkId: "c" }))).toBeNull();
    expect(asWorkOrderMutation(rec("workOrder.transition", { to: "on_site" }, { from: "nowhere", version: 1 }))).toMatchObject({ expected: null });
    const list = queuedWorkOrderMutations([rec("workOrder.addPhoto", { photo: {} }), rec("item.changeLabel", {}), rec("workOrder.selfCheck", {})]);
    expect(list.map((m) => m.name)).toEqual(["workOrder.addPhoto", "workOrder.selfCheck"]);
  });
});
