/** Issue 14: `stock.move` v1, issue and return of stock (scan tag → person): never negative, a return ≤ what is outstanding. */
import { eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stockMoves } from "@/db/schema";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { itemById, labelEventsOf } from "@/tests/helpers/sync";
import { auditNamed, leaseBlock, makeMaterial, stockEventsOf, stockItem, warehousePerson, type TLease, type TWarehousePerson } from "@/tests/helpers/warehouse";

let t: TestDb;
let keeper: TWarehousePerson, lineman: TWarehousePerson, lineman2: TWarehousePerson;
let lease: TLease;
let onu: { code: string; serialised: boolean }, cable: { code: string; serialised: boolean };

beforeAll(async () => {
  t = await createTestDb({ seed: true });
  keeper = await warehousePerson(t.db, "warehouse_keeper");
  lineman = await warehousePerson(t.db, "lineman");
  lineman2 = await warehousePerson(t.db, "lineman");
  lease = await leaseBlock(t.db, keeper.id, keeper.deviceId);
  onu = await makeMaterial(t.db, { serialised: true });
  cable = await makeMaterial(t.db, { serialised: false, unit: "reel" });
});
afterAll(async () => t?.close());

const move = (args: Record<string, unknown>) => keeper.push("stock.move", { id: randomUUID(), ...args });

describe("stock.move", () => {
  it("issues a serialised item to a lineman: 在用 with its holder, 0 on hand; a resend moves once; a return brings it back to 合格", async () => {
    const item = await stockItem(t.db, { material: onu, tag: lease.take() });
    const issue = { id: randomUUID(), itemId: item.id, kind: "issue", quantity: 1, toUserId: lineman.id, note: "WO-2026-000101" };
    const m = await keeper.push("stock.move", issue);
    expect(m).toMatchObject({ status: "applied" });
    expect(await itemById(t.db, item.id)).toMatchObject({ status: "in_use", quantity: 0, holderId: lineman.id, zoneCode: "WH1-A", version: 2 });
    expect(await labelEventsOf(t.db, item.id)).toMatchObject([
      { fromStatus: "accepted", toStatus: "in_use", reason: "issued_for_use", versionAfter: 2, mutationId: m.mutationId },
    ]);
    expect(await stockEventsOf(t.db, item.id)).toMatchObject([{ kind: "issued", quantity: 1, personId: lineman.id, ref: issue.id, note: "WO-2026-000101" }]);
    expect(await auditNamed(t.db, item.id, "stock.moved")).toMatchObject([
      { actorId: keeper.id, subjectType: "item", payload: { tag: item.tagCode, kind: "issue", quantity: 1, toUserId: lineman.id, onHandAfter: 0 } },
    ]);
    // the same move re-issued under a new mutation id: already_in_state, moved once
    expect(await keeper.push("stock.move", issue)).toMatchObject({ status: "already_in_state" });
    expect(await t.db.select().from(stockMoves).where(eq(stockMoves.itemId, item.id))).toHaveLength(1);
    // issued already: cannot be issued again; another lineman has nothing to return
    expect(await move({ itemId: item.id, kind: "issue", quantity: 1, toUserId: lineman2.id })).toMatchObject({
      status: "rejected",
      reasonCode: "invalid_transition",
    });
    expect(await move({ itemId: item.id, kind: "return", quantity: 1, toUserId: lineman2.id })).toMatchObject({
      status: "rejected",
      reasonCode: "insufficient_quantity",
      details: { outstanding: 0 },
    });
    expect(await move({ itemId: item.id, kind: "return", quantity: 1, toUserId: lineman.id })).toMatchObject({ status: "applied" });
    expect(await itemById(t.db, item.id)).toMatchObject({ status: "accepted", quantity: 1, holderId: null, version: 3 });
    expect((await labelEventsOf(t.db, item.id)).at(-1)).toMatchObject({ fromStatus: "in_use", toStatus: "accepted", reason: "returned_to_stock" });
    expect(await move({ itemId: item.id, kind: "return", quantity: 1, toUserId: lineman.id })).toMatchObject({ reasonCode: "insufficient_quantity" });
  });

  it("a lot: issues take from what is on hand, never below 0; a return never brings back more than that holder has", async () => {
    const lot = await stockItem(t.db, { material: cable, tag: lease.take(), quantity: 10 });
    expect(await move({ itemId: lot.id, kind: "issue", quantity: 4, toDepartment: "operations" })).toMatchObject({ status: "applied" });
    expect(await itemById(t.db, lot.id)).toMatchObject({ status: "accepted", quantity: 6, holderDepartment: null, version: 1 });
    expect(await labelEventsOf(t.db, lot.id)).toEqual([]);
    expect(await move({ itemId: lot.id, kind: "issue", quantity: 7, toUserId: lineman.id })).toMatchObject({
      status: "rejected",
      reasonCode: "insufficient_quantity",
    });
    expect(await move({ itemId: lot.id, kind: "issue", quantity: 6, toUserId: lineman.id })).toMatchObject({ status: "applied" });
    expect((await itemById(t.db, lot.id)).quantity).toBe(0);
    expect(await move({ itemId: lot.id, kind: "issue", quantity: 1, toUserId: lineman.id })).toMatchObject({ reasonCode: "insufficient_quantity" });
    expect(await move({ itemId: lot.id, kind: "return", quantity: 5, toDepartment: "operations" })).toMatchObject({
      reasonCode: "insufficient_quantity",
      details: { outstanding: 4 },
    });
    expect(await move({ itemId: lot.id, kind: "return", quantity: 4, toDepartment: "operations" })).toMatchObject({ status: "applied" });
    expect(await move({ itemId: lot.id, kind: "return", quantity: 2, toUserId: lineman.id })).toMatchObject({ status: "applied" });
    expect((await itemById(t.db, lot.id)).quantity).toBe(6);
    expect((await stockEventsOf(t.db, lot.id)).map((e) => [e.kind, e.quantity])).toEqual([
      ["issued", 4],
      ["issued", 6],
      ["returned", 4],
      ["returned", 2],
    ]);
  });

  it("an issue and its return in one batch: the return counts the issue made just before it", async () => {
    const lot = await stockItem(t.db, { material: cable, tag: lease.take(), quantity: 3 });
    const answer = await keeper.pushAll(
      { name: "stock.move", args: { id: randomUUID(), itemId: lot.id, kind: "issue", quantity: 3, toUserId: lineman2.id } },
      { name: "stock.move", args: { id: randomUUID(), itemId: lot.id, kind: "return", quantity: 3, toUserId: lineman2.id } },
    );
    expect(answer.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect((await itemById(t.db, lot.id)).quantity).toBe(3);
  });

  it("concurrent batches moving the same lots in opposite order neither deadlock nor lose a move (items locked up front, sorted)", async () => {
    const a = await stockItem(t.db, { material: cable, tag: lease.take(), quantity: 100 });
    const b = await stockItem(t.db, { material: cable, tag: lease.take(), quantity: 100 });
    const other = await warehousePerson(t.db, "warehouse_keeper");
    const issue = (itemId: string) => ({ name: "stock.move", args: { id: randomUUID(), itemId, kind: "issue", quantity: 1, toUserId: lineman.id } });
    for (let round = 0; round < 6; round++) {
      const [x, y] = await Promise.all([keeper.pushAll(issue(a.id), issue(b.id)), other.pushAll(issue(b.id), issue(a.id))]);
      expect([...x, ...y].map((r) => r.status)).toEqual(["applied", "applied", "applied", "applied"]);
    }
    expect((await itemById(t.db, a.id)).quantity).toBe(88);
    expect((await itemById(t.db, b.id)).quantity).toBe(88);
  });

  it("a return may go back to another stock zone, never into a zone of another kind", async () => {
    const item = await stockItem(t.db, { material: onu, tag: lease.take() });
    await move({ itemId: item.id, kind: "issue", quantity: 1, toUserId: lineman.id });
    expect(await move({ itemId: item.id, kind: "return", quantity: 1, toUserId: lineman.id, zoneCode: "WH1-Q-RET" })).toMatchObject({
      reasonCode: "stock_zone_required",
    });
    expect(await move({ itemId: item.id, kind: "return", quantity: 1, toUserId: lineman.id, zoneCode: "NOPE" })).toMatchObject({ reasonCode: "unknown_zone" });
    expect(await move({ itemId: item.id, kind: "return", quantity: 1, toUserId: lineman.id, zoneCode: "WH1-B" })).toMatchObject({ status: "applied" });
    expect(await itemById(t.db, item.id)).toMatchObject({ status: "accepted", zoneCode: "WH1-B" });
  });

  it("only a keeper moves stock (not_allowed); goods not 合格 are not issued; one holder, not two (bad_input)", async () => {
    const item = await stockItem(t.db, { material: onu, tag: lease.take() });
    expect(await lineman.push("stock.move", { id: randomUUID(), itemId: item.id, kind: "issue", quantity: 1, toUserId: lineman.id })).toMatchObject({
      status: "rejected",
      reasonCode: "not_allowed",
    });
    const quarantined = await stockItem(t.db, { material: onu, tag: lease.take(), status: "pending_disposal", zoneCode: "WH1-Q-DSP" });
    expect(await move({ itemId: quarantined.id, kind: "issue", quantity: 1, toUserId: lineman.id })).toMatchObject({ reasonCode: "invalid_transition" });
    expect(await move({ itemId: item.id, kind: "issue", quantity: 1, toUserId: lineman.id, toDepartment: "operations" })).toMatchObject({
      reasonCode: "bad_input",
    });
    expect(await move({ itemId: item.id, kind: "issue", quantity: 1, toUserId: randomUUID() })).toMatchObject({ reasonCode: "not_found" });
    expect(await itemById(t.db, item.id)).toMatchObject({ status: "accepted", quantity: 1, version: 1 });
  });
});
