/**
 * Issue 14 (ADR 0035 §5, §6): a direct label change never labels around the Quality Acceptance Form (待检 → 合格/退货 on a
 * received item: not_inspected), and a quarantine label names its person responsible (default the keeper), who is told.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { itemById, makeItem } from "@/tests/helpers/sync";
import {
  LABEL_PHOTO,
  leaseBlock,
  makeMaterial,
  noticesTo,
  receiptArgs,
  receiptItems,
  stockItem,
  warehousePerson,
  type TLease,
  type TWarehousePerson,
} from "@/tests/helpers/warehouse";

let t: TestDb;
let keeper: TWarehousePerson, engineer: TWarehousePerson;
let lease: TLease;
let onu: { code: string; serialised: boolean };

beforeAll(async () => {
  t = await createTestDb({ seed: true });
  keeper = await warehousePerson(t.db, "warehouse_keeper");
  engineer = await warehousePerson(t.db, "operations", "operations");
  lease = await leaseBlock(t.db, keeper.id, keeper.deviceId);
  onu = await makeMaterial(t.db, { serialised: true });
});
afterAll(async () => t?.close());

/** item.changeLabel v2, as today's phone sends it. */
const change = (args: Record<string, unknown>, expected: { from: string; version: number }) =>
  keeper.push("item.changeLabel", args, { expected, schemaVersion: 2 });

describe("item.changeLabel and the warehouse", () => {
  it("a received tag waiting for its form cannot be labelled 合格 or 退货 directly (not_inspected); one from before receiving can", async () => {
    const a = receiptArgs(lease, [{ material: onu, quantity: 1 }]);
    expect(await keeper.push("receipt.record", a)).toMatchObject({ status: "applied" });
    const [tag] = await receiptItems(t.db, a.id);
    const seen = { from: "pending_inspection", version: 1 };
    expect(await change({ itemId: tag!.id, to: "accepted", reason: "inspection_passed" }, seen)).toMatchObject({
      status: "rejected",
      reasonCode: "not_inspected",
    });
    expect(await change({ itemId: tag!.id, to: "returned", reason: "inspection_failed", zoneCode: "WH1-Q-RET", photo: LABEL_PHOTO }, seen)).toMatchObject({
      status: "rejected",
      reasonCode: "not_inspected",
    });
    expect(await itemById(t.db, tag!.id)).toMatchObject({ status: "pending_inspection", version: 1 });
    const old = await makeItem(t.db, { status: "pending_inspection", zoneCode: "WH1-IN" });
    expect(await change({ itemId: old.id, to: "accepted", reason: "inspection_passed" }, seen)).toMatchObject({ status: "applied" });
  });

  it("entering quarantine names the person responsible (told when it is someone else) and starts its age", async () => {
    const item = await stockItem(t.db, { material: onu, tag: lease.take() });
    const before = Date.now();
    expect(
      await change(
        { itemId: item.id, to: "pending_disposal", reason: "obsolete", zoneCode: "WH1-Q-DSP", responsibleId: engineer.id },
        { from: "accepted", version: 1 },
      ),
    ).toMatchObject({ status: "applied" });
    const after = await itemById(t.db, item.id);
    expect(after).toMatchObject({ status: "pending_disposal", responsibleId: engineer.id });
    expect(after.quarantinedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await noticesTo(t.db, engineer.id, "warehouse.quarantineAssigned")).toMatchObject([
      { href: "/warehouse/quarantine", params: { tag: item.tagCode, label: "待处理 Pending disposal", zone: "WH1-Q-DSP" } },
    ]);
    // scrapped: a new category, its own area; responsible by default the keeper who labels it (no notice to oneself)
    expect(
      await change(
        { itemId: item.id, to: "scrapped", reason: "disposal_approved", zoneCode: "WH1-Q-SCR", photo: LABEL_PHOTO },
        { from: "pending_disposal", version: 2 },
      ),
    ).toMatchObject({ status: "applied" });
    expect(await itemById(t.db, item.id)).toMatchObject({ status: "scrapped", responsibleId: keeper.id });
    expect(await noticesTo(t.db, keeper.id, "warehouse.quarantineAssigned")).toEqual([]);
  });

  it("an old outbox (v1, no person responsible) still applies: the keeper is responsible; an unknown person is refused", async () => {
    const item = await stockItem(t.db, { material: onu, tag: lease.take() });
    const r = await keeper.push(
      "item.changeLabel",
      { itemId: item.id, to: "pending_disposal", reason: "obsolete", zoneCode: "WH1-Q-DSP" },
      { expected: { from: "accepted", version: 1 }, schemaVersion: 1 },
    );
    expect(r).toMatchObject({ status: "applied" });
    expect(await itemById(t.db, item.id)).toMatchObject({ responsibleId: keeper.id });
    const other = await stockItem(t.db, { material: onu, tag: lease.take() });
    expect(
      await change(
        { itemId: other.id, to: "pending_disposal", reason: "obsolete", zoneCode: "WH1-Q-DSP", responsibleId: randomUUID() },
        { from: "accepted", version: 1 },
      ),
    ).toMatchObject({ status: "rejected", reasonCode: "responsible_required" });
  });
});
