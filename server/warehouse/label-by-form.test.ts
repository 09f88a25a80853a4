/** Issue 14: `receipt.label` v1, the keeper labels each tag by its line on the Quality Acceptance Form (ADR 0035 §5). */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { items } from "@/db/schema";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { itemById, labelEventsOf } from "@/tests/helpers/sync";
import {
  auditNamed,
  LABEL_PHOTO,
  leaseBlock,
  makeMaterial,
  noticesTo,
  receiptArgs,
  receiptById,
  receiptItems,
  signForm,
  stockEventsOf,
  warehousePerson,
  type TLease,
  type TWarehousePerson,
} from "@/tests/helpers/warehouse";

let t: TestDb;
let keeper: TWarehousePerson, inspector: TWarehousePerson, engineer: TWarehousePerson;
let lease: TLease;
let onu: { code: string; serialised: boolean }, cord: { code: string; serialised: boolean };

beforeAll(async () => {
  t = await createTestDb({ seed: true });
  keeper = await warehousePerson(t.db, "warehouse_keeper");
  inspector = await warehousePerson(t.db, "department_head", "terminal_service");
  engineer = await warehousePerson(t.db, "lineman", "terminal_service");
  lease = await leaseBlock(t.db, keeper.id, keeper.deviceId);
  onu = await makeMaterial(t.db, { serialised: true });
  cord = await makeMaterial(t.db, { serialised: false });
});
afterAll(async () => t?.close());

/** A receipt received through the phone's mutation; its tags in line order. */
async function received(lines: { material: { code: string; serialised: boolean }; quantity: number }[]) {
  const a = receiptArgs(lease, lines);
  expect(await keeper.push("receipt.record", a)).toMatchObject({ status: "applied" });
  return { id: a.id, tags: await receiptItems(t.db, a.id) };
}

const label = (itemId: string, args: Record<string, unknown>, version = 1) => keeper.push("receipt.label", { itemId, ...args }, { expected: { version } });

describe("receipt.label", () => {
  it("before the form is signed the tag cannot be labelled (not_inspected)", async () => {
    const r = await received([{ material: onu, quantity: 1 }]);
    expect(await label(r.tags[0]!.id, { stockZone: "WH1-A" })).toMatchObject({ status: "rejected", reasonCode: "not_inspected" });
    expect(await itemById(t.db, r.tags[0]!.id)).toMatchObject({ status: "pending_inspection", version: 1 });
  });

  it("all accepted → 合格 in a stock zone (never another kind of zone); the receipt is labelled when its last tag is", async () => {
    const r = await received([{ material: onu, quantity: 2 }]);
    const [a, b] = r.tags;
    const form = await signForm(t.db, r.id, inspector.id, [
      { itemId: a!.id, accepted: 1 },
      { itemId: b!.id, accepted: 1 },
    ]);
    expect(await label(a!.id, {})).toMatchObject({ status: "rejected", reasonCode: "stock_zone_required" });
    expect(await label(a!.id, { stockZone: "WH1-Q-RET" })).toMatchObject({ status: "rejected", reasonCode: "stock_zone_required" });
    expect(await label(a!.id, { stockZone: "NOWHERE" })).toMatchObject({ status: "rejected", reasonCode: "unknown_zone" });
    const m = await label(a!.id, { stockZone: "WH1-A" });
    expect(m).toMatchObject({ status: "applied" });
    expect(await itemById(t.db, a!.id)).toMatchObject({
      status: "accepted",
      zoneCode: "WH1-A",
      quantity: 1,
      version: 2,
      updatedBy: keeper.id,
      responsibleId: null,
    });
    expect((await labelEventsOf(t.db, a!.id)).at(-1)).toMatchObject({
      fromStatus: "pending_inspection",
      toStatus: "accepted",
      reason: "inspection_passed",
      fromZone: "WH1-IN",
      toZone: "WH1-A",
      versionAfter: 2,
      deviceId: keeper.deviceId,
      mutationId: m.mutationId,
    });
    expect(await auditNamed(t.db, r.id, "receipt.labelled")).toMatchObject([
      {
        actorId: keeper.id,
        subjectType: "receipt",
        payload: { formCode: form.code, tag: a!.tagCode, status: "accepted", zoneCode: "WH1-A", quantity: 1, split: null },
      },
    ]);
    expect((await receiptById(t.db, r.id))!.status).toBe("inspected");
    expect(await label(b!.id, { stockZone: "WH1-B" })).toMatchObject({ status: "applied" });
    expect(await receiptById(t.db, r.id)).toMatchObject({ status: "labelled", version: 3 });
  });

  it("all rejected → the form's label only in the quarantine area designated for it, with a person responsible, who is told", async () => {
    const r = await received([{ material: cord, quantity: 20 }]);
    const lot = r.tags[0]!;
    await signForm(t.db, r.id, inspector.id, [{ itemId: lot.id, accepted: 0, rejected: 20, rejectTo: "pending_disposal" }]);
    expect(await label(lot.id, { quarantineZone: "WH1-Q-RET", responsibleId: engineer.id })).toMatchObject({
      status: "rejected",
      reasonCode: "quarantine_zone_required",
      details: { zoneFor: "pending_disposal" },
    });
    expect(await label(lot.id, { quarantineZone: "WH1-A", responsibleId: engineer.id })).toMatchObject({ reasonCode: "quarantine_zone_required" });
    expect(await label(lot.id, { quarantineZone: "WH1-Q-DSP" })).toMatchObject({ status: "rejected", reasonCode: "responsible_required" });
    expect(await label(lot.id, { quarantineZone: "WH1-Q-DSP", responsibleId: "00000000-0000-4000-8000-000000000000" })).toMatchObject({
      reasonCode: "responsible_required",
    });
    expect(await label(lot.id, { quarantineZone: "WH1-Q-DSP", responsibleId: engineer.id })).toMatchObject({ status: "applied" });
    const after = await itemById(t.db, lot.id);
    expect(after).toMatchObject({ status: "pending_disposal", zoneCode: "WH1-Q-DSP", quantity: 20, responsibleId: engineer.id, version: 2 });
    expect(after.quarantinedAt).toBeInstanceOf(Date);
    expect((await labelEventsOf(t.db, lot.id)).at(-1)).toMatchObject({ toStatus: "pending_disposal", reason: "inspection_failed", photoSha256: null });
    expect(await noticesTo(t.db, engineer.id, "warehouse.quarantineAssigned")).toMatchObject([
      { href: "/warehouse/quarantine", params: { tag: lot.tagCode, zone: "WH1-Q-DSP", label: "待处理 Pending disposal" } },
    ]);
    expect(await receiptById(t.db, r.id)).toMatchObject({ status: "labelled" });
  });

  it("退货 is a permanent label: it needs a label photo (photo_required), stored as evidence on the label event", async () => {
    const r = await received([{ material: onu, quantity: 1 }]);
    const tag = r.tags[0]!;
    await signForm(t.db, r.id, inspector.id, [{ itemId: tag.id, accepted: 0, rejected: 1, rejectTo: "returned" }]);
    expect(await label(tag.id, { quarantineZone: "WH1-Q-RET", responsibleId: keeper.id })).toMatchObject({ status: "rejected", reasonCode: "photo_required" });
    expect(await label(tag.id, { quarantineZone: "WH1-Q-RET", responsibleId: keeper.id, photo: LABEL_PHOTO })).toMatchObject({ status: "applied" });
    expect(await itemById(t.db, tag.id)).toMatchObject({ status: "returned", zoneCode: "WH1-Q-RET", responsibleId: keeper.id });
    expect((await labelEventsOf(t.db, tag.id)).at(-1)!.photoSha256).toMatch(/^[0-9a-f]{64}$/);
    // the keeper named themselves: no notice to themselves
    expect(await noticesTo(t.db, keeper.id, "warehouse.quarantineAssigned")).toEqual([]);
  });

  it("a lot accepted in part splits: the tag keeps the accepted part in stock, a leased tag takes the rest into quarantine", async () => {
    const r = await received([{ material: cord, quantity: 50 }]);
    const lot = r.tags[0]!;
    await signForm(t.db, r.id, inspector.id, [{ itemId: lot.id, accepted: 45, rejected: 5, rejectTo: "pending_disposal" }]);
    const base = { stockZone: "WH1-A", quarantineZone: "WH1-Q-DSP", responsibleId: engineer.id };
    expect(await label(lot.id, base)).toMatchObject({ status: "rejected", reasonCode: "split_tag_required" });
    expect(await label(lot.id, { ...base, splitTag: "ST-999990" })).toMatchObject({ status: "rejected", reasonCode: "tag_not_leased" });
    expect(await label(lot.id, { ...base, splitTag: lot.tagCode })).toMatchObject({ status: "rejected", reasonCode: "duplicate_tag" });
    const splitTag = lease.take();
    expect(await label(lot.id, { ...base, splitTag })).toMatchObject({ status: "applied" });
    const kept = await itemById(t.db, lot.id);
    const [split] = await t.db.select().from(items).where(eq(items.tagCode, splitTag));
    expect(kept).toMatchObject({ status: "accepted", zoneCode: "WH1-A", quantity: 45, version: 2, quarantinedAt: null });
    expect(split).toMatchObject({
      status: "pending_disposal",
      zoneCode: "WH1-Q-DSP",
      quantity: 5,
      version: 1,
      splitFrom: lot.id,
      materialCode: cord.code,
      receiptLineId: lot.receiptLineId,
      responsibleId: engineer.id,
      name: lot.name,
    });
    expect(kept.quantity + split!.quantity).toBe(50);
    expect(await labelEventsOf(t.db, split!.id)).toMatchObject([
      { fromStatus: null, toStatus: "pending_disposal", reason: "inspection_failed", versionAfter: 1 },
    ]);
    expect(await stockEventsOf(t.db, lot.id)).toMatchObject([{ kind: "received" }, { kind: "split", quantity: 5, ref: splitTag }]);
    expect(await stockEventsOf(t.db, split!.id)).toMatchObject([{ kind: "split", quantity: 5, ref: lot.tagCode, zoneCode: "WH1-Q-DSP" }]);
    expect((await auditNamed(t.db, r.id, "receipt.labelled"))[0]!.payload).toMatchObject({
      quantity: 45,
      split: { tag: splitTag, status: "pending_disposal", zoneCode: "WH1-Q-DSP", quantity: 5 },
      responsibleId: engineer.id,
    });
    expect((await noticesTo(t.db, engineer.id, "warehouse.quarantineAssigned")).map((n) => n.params)).toContainEqual(
      expect.objectContaining({ tag: splitTag }),
    );
    // the split part is on no form line: labelling it by the form is refused
    expect(await label(split!.id, { stockZone: "WH1-A" })).toMatchObject({ status: "rejected", reasonCode: "not_inspected" });
  });

  it("compare-and-set on the version the phone saw: stale names who changed it; the same step re-issued is already_in_state", async () => {
    const r = await received([{ material: onu, quantity: 1 }]);
    const tag = r.tags[0]!;
    await signForm(t.db, r.id, inspector.id, [{ itemId: tag.id, accepted: 1 }]);
    expect(await label(tag.id, { stockZone: "WH1-A" }, 2)).toMatchObject({ status: "rejected", reasonCode: "stale" });
    expect(await label(tag.id, { stockZone: "WH1-A" })).toMatchObject({ status: "applied" });
    expect(await label(tag.id, { stockZone: "WH1-A" })).toMatchObject({ status: "already_in_state", details: { current: { status: "accepted", version: 2 } } });
    // another keeper's phone that saw version 1 is stale, told who labelled it
    const other = await warehousePerson(t.db, "warehouse_keeper");
    const answer = await other.push("receipt.label", { itemId: tag.id, stockZone: "WH1-B" }, { expected: { version: 1 } });
    expect(answer).toMatchObject({ status: "rejected", reasonCode: "stale", details: { seenVersion: 1, changedBy: "Test warehouse_keeper" } });
    expect(await labelEventsOf(t.db, tag.id)).toHaveLength(2);
  });

  it("only a keeper labels (not_allowed), and a missing item is not_found", async () => {
    const r = await received([{ material: onu, quantity: 1 }]);
    await signForm(t.db, r.id, inspector.id, [{ itemId: r.tags[0]!.id, accepted: 1 }]);
    expect(await inspector.push("receipt.label", { itemId: r.tags[0]!.id, stockZone: "WH1-A" }, { expected: { version: 1 } })).toMatchObject({
      status: "rejected",
      reasonCode: "not_allowed",
    });
    expect(await label("00000000-0000-4000-8000-000000000001", { stockZone: "WH1-A" })).toMatchObject({ status: "rejected", reasonCode: "not_found" });
    expect(await keeper.push("receipt.label", { itemId: r.tags[0]!.id, stockZone: "WH1-A" })).toMatchObject({ status: "rejected", reasonCode: "bad_input" });
  });
});
