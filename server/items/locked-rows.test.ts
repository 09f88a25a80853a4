/**
 * A batch's lock reads its items once and hands each row to the first change naming it (LockedRows,
 * server/sync/contract.ts): a later mutation of the same batch naming the same item reads it again, so it decides on
 * what the earlier one made of it.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { itemById, labelEventsOf } from "@/tests/helpers/sync";
import { leaseBlock, makeMaterial, stockItem, warehousePerson, type TLease, type TWarehousePerson } from "@/tests/helpers/warehouse";

let t: TestDb;
let keeper: TWarehousePerson, lineman: TWarehousePerson;
let lease: TLease;
let onu: { code: string; serialised: boolean };

beforeAll(async () => {
  t = await createTestDb({ seed: true });
  keeper = await warehousePerson(t.db, "warehouse_keeper");
  lineman = await warehousePerson(t.db, "lineman");
  lease = await leaseBlock(t.db, keeper.id, keeper.deviceId);
  onu = await makeMaterial(t.db, { serialised: true });
});
afterAll(async () => t?.close());

describe("rows locked for a batch", () => {
  it("a move, then a label change of the same item in one batch: the change decides on the moved item", async () => {
    const item = await stockItem(t.db, { material: onu, tag: lease.take() });
    const results = await keeper.pushAll(
      { name: "stock.move", args: { id: randomUUID(), itemId: item.id, kind: "issue", quantity: 1, toUserId: lineman.id } },
      {
        name: "item.changeLabel",
        args: { itemId: item.id, to: "pending_disposal", reason: "end_of_life", zoneCode: "WH1-Q-DSP" },
        expected: { from: "in_use", version: 2 },
      },
    );
    expect(results.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect(await itemById(t.db, item.id)).toMatchObject({ status: "pending_disposal", version: 3, zoneCode: "WH1-Q-DSP" });
    expect((await labelEventsOf(t.db, item.id)).map((e) => [e.fromStatus, e.toStatus, e.versionAfter])).toEqual([
      ["accepted", "in_use", 2],
      ["in_use", "pending_disposal", 3],
    ]);
  });

  it("two label changes of one item, then one of another: each decides on the item as it is then", async () => {
    const a = await stockItem(t.db, { material: onu, tag: lease.take() });
    const b = await stockItem(t.db, { material: onu, tag: lease.take() });
    const results = await keeper.pushAll(
      { name: "item.changeLabel", args: { itemId: a.id, to: "in_use", reason: "issued_for_use" }, expected: { from: "accepted", version: 1 } },
      {
        name: "item.changeLabel",
        args: { itemId: a.id, to: "pending_disposal", reason: "end_of_life", zoneCode: "WH1-Q-DSP" },
        expected: { from: "in_use", version: 2 },
      },
      // the phone saw b at version 1 but says accepted → in_use twice: the second is already in state
      { name: "item.changeLabel", args: { itemId: b.id, to: "in_use", reason: "issued_for_use" }, expected: { from: "accepted", version: 1 } },
      { name: "item.changeLabel", args: { itemId: b.id, to: "in_use", reason: "issued_for_use" }, expected: { from: "accepted", version: 1 } },
    );
    expect(results.map((r) => r.status)).toEqual(["applied", "applied", "applied", "already_in_state"]);
    expect(await itemById(t.db, a.id)).toMatchObject({ status: "pending_disposal", version: 3 });
    expect(await itemById(t.db, b.id)).toMatchObject({ status: "in_use", version: 2 });
  });
});
