/** Issue 14: `receipt.record` v1, the keeper's delivery received on the phone (ADR 0035). */
import bwipjs from "bwip-js/node";
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { itemLabelEvents, items, receiptLines, receipts } from "@/db/schema";
import { operatorToday } from "@/domain/time/operator";
import { toCached } from "@/client/sync/contract";
import { awaitingInspection } from "@/client/warehouse/history";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { feedRows, pullCaughtUp } from "@/tests/helpers/sync";
import {
  auditNamed,
  leaseBlock,
  makeMaterial,
  noticesTo,
  receiptArgs,
  receiptById,
  receiptItems,
  stockEventsOf,
  warehousePerson,
  type TLease,
  type TWarehousePerson,
} from "@/tests/helpers/warehouse";
import { receiptIdByCode } from "./receipts";

let t: TestDb;
let keeper: TWarehousePerson, inspector: TWarehousePerson, otherDept: TWarehousePerson, secondKeeper: TWarehousePerson;
let lease: TLease;
let onu: { code: string; serialised: boolean }, cord: { code: string; serialised: boolean };

beforeAll(async () => {
  t = await createTestDb({ seed: true });
  keeper = await warehousePerson(t.db, "warehouse_keeper", "terminal_service");
  secondKeeper = await warehousePerson(t.db, "warehouse_keeper");
  inspector = await warehousePerson(t.db, "department_head", "terminal_service");
  otherDept = await warehousePerson(t.db, "department_head", "operations");
  lease = await leaseBlock(t.db, keeper.id, keeper.deviceId);
  onu = await makeMaterial(t.db, { serialised: true });
  cord = await makeMaterial(t.db, { serialised: false });
});
afterAll(async () => t?.close());

describe("receipt.record", () => {
  it("records a delivery: numbered by the operator's day, every tag 待检 in the inspection zone, history, audit, and the department told", async () => {
    const a = receiptArgs(lease, [
      { material: onu, quantity: 2 },
      { material: cord, quantity: 50 },
    ]);
    const r = await keeper.push("receipt.record", a);
    expect(r).toMatchObject({ status: "applied" });
    const receipt = (await receiptById(t.db, a.id))!;
    expect(receipt).toMatchObject({
      status: "awaiting_inspection",
      department: "terminal_service",
      receivedBy: keeper.id,
      deviceId: keeper.deviceId,
      version: 1,
    });
    expect(receipt.code).toMatch(new RegExp(`^RC-${operatorToday().replaceAll("-", "")}-\\d{4}$`));
    const lines = await t.db.select().from(receiptLines).where(eq(receiptLines.receiptId, a.id)).orderBy(asc(receiptLines.lineNo));
    expect(lines.map((l) => [l.lineNo, l.materialCode, l.quantity, l.serialised, l.unit])).toEqual([
      [1, onu.code, 2, true, "piece"],
      [2, cord.code, 50, false, "box"],
    ]);
    const tags = await receiptItems(t.db, a.id);
    expect(tags.map((i) => [i.tagCode, i.quantity, i.status, i.zoneCode, i.version, i.materialCode])).toEqual([
      [a.lines[0]!.tags[0], 1, "pending_inspection", "WH1-IN", 1, onu.code],
      [a.lines[0]!.tags[1], 1, "pending_inspection", "WH1-IN", 1, onu.code],
      [a.lines[1]!.tags[0], 50, "pending_inspection", "WH1-IN", 1, cord.code],
    ]);
    expect(tags[0]!.name).toBe(`测试物料 ${onu.code} / Test material ${onu.code}`);
    const events = await t.db
      .select()
      .from(itemLabelEvents)
      .where(
        inArray(
          itemLabelEvents.itemId,
          tags.map((i) => i.id),
        ),
      );
    expect(events).toHaveLength(3);
    for (const e of events)
      expect(e).toMatchObject({ fromStatus: null, toStatus: "pending_inspection", reason: "arrived", versionAfter: 1, deviceId: keeper.deviceId });
    expect(events.filter((e) => e.mutationId !== null)).toHaveLength(1);
    expect(await stockEventsOf(t.db, tags[2]!.id)).toMatchObject([
      { kind: "received", quantity: 50, zoneCode: "WH1-IN", ref: receipt.code, actorId: keeper.id },
    ]);
    expect(await auditNamed(t.db, a.id, "receipt.recorded")).toMatchObject([
      {
        actorId: keeper.id,
        subjectType: "receipt",
        payload: {
          code: receipt.code,
          department: "terminal_service",
          lines: [{ materialCode: onu.code, quantity: 2, tags: a.lines[0]!.tags }, {}],
          deviceId: keeper.deviceId,
        },
      },
    ]);
    // the requesting department's people who may inspect are told; not the keeper (even of that department), not others
    expect(await noticesTo(t.db, inspector.id, "warehouse.inspectionRequested")).toMatchObject([
      { href: `/warehouse/receipts/${a.id}`, params: { code: receipt.code, supplier: a.supplier, lines: 2 } },
    ]);
    expect(await noticesTo(t.db, keeper.id, "warehouse.inspectionRequested")).toEqual([]);
    expect(await noticesTo(t.db, otherDept.id, "warehouse.inspectionRequested")).toEqual([]);
  });

  it("a lineman of the requesting department scans the lot: the phone's copy names the receipt awaiting inspection, its number opens it to inspect", async () => {
    const a = receiptArgs(lease, [{ material: cord, quantity: 12 }]);
    expect(await keeper.push("receipt.record", a)).toMatchObject({ status: "applied" });
    const code = (await receiptById(t.db, a.id))!.code;
    const [lot] = await receiptItems(t.db, a.id);
    // what the lineman's phone holds of the lot (items and stock events; receipts are the keeper's feeds only)
    const lineman = await warehousePerson(t.db, "lineman", "terminal_service");
    const pages = await pullCaughtUp(lineman.caller, lineman.deviceId, t.db);
    const item = feedRows(pages, "items").find((i) => i.tagCode === lot!.tagCode)!;
    // as the phone keeps them (times as ISO strings), oldest first
    const onPhone = (rows: ReturnType<typeof feedRows<"stockEvents">>) =>
      rows
        .filter((e) => e.itemId === item.id)
        .map(toCached)
        .sort((x, y) => x.id - y.id);
    const events = onPhone(feedRows(pages, "stockEvents"));
    expect(feedRows(pages, "receipts")).toEqual([]);
    expect(awaitingInspection(item, events)).toEqual({ receiptCode: code, department: "terminal_service" });
    // the receipt page's way in by number: the department's people (not only the registers' readers), not another's
    expect(await receiptIdByCode(t.db, lineman, code)).toBe(a.id);
    expect((await lineman.caller.warehouse.receipt({ id: a.id })).can).toEqual({ inspect: true, label: false });
    const elsewhere = await warehousePerson(t.db, "lineman", "operations");
    expect(await receiptIdByCode(t.db, elsewhere, code)).toBeNull();
    expect(await receiptIdByCode(t.db, keeper, code)).toBe(a.id);
    expect(await receiptIdByCode(t.db, lineman, "RC-19990101-0001")).toBeNull();
    // once inspected, nothing to inspect
    await lineman.caller.warehouse.inspect({
      receiptId: a.id,
      signature: (await bwipjs.toBuffer({ bcid: "code128", text: "signed by the lineman", scale: 2 })).toString("base64"),
      lines: [{ itemId: lot!.id, accepted: 12, rejected: 0, rejectTo: null, reason: "" }],
    });
    const after = await pullCaughtUp(lineman.caller, lineman.deviceId, t.db, pages.at(-1)!.cursor);
    const all = [...events, ...onPhone(feedRows(after, "stockEvents"))];
    expect(all.map((e) => e.kind)).toEqual(["received", "inspected"]);
    expect(awaitingInspection(item, all)).toBeNull();
  });

  it("sent again (a new mutation id for the same receipt) records once: already_in_state", async () => {
    const a = receiptArgs(lease, [{ material: onu, quantity: 1 }]);
    expect(await keeper.push("receipt.record", a)).toMatchObject({ status: "applied" });
    const code = (await receiptById(t.db, a.id))!.code;
    expect(await keeper.push("receipt.record", a)).toMatchObject({
      status: "already_in_state",
      details: { current: { code, status: "awaiting_inspection", version: 1 } },
    });
    expect(await receiptItems(t.db, a.id)).toHaveLength(1);
    expect(await noticesTo(t.db, inspector.id, "warehouse.inspectionRequested").then((n) => n.filter((x) => x.href.endsWith(a.id)))).toHaveLength(1);
    // another keeper's phone sending that id is refused
    expect(await secondKeeper.push("receipt.record", a)).toMatchObject({ status: "rejected", reasonCode: "not_allowed" });
  });

  it("only a warehouse keeper receives (not_allowed): nothing is written", async () => {
    for (const role of ["lineman", "quality", "department_head", "admin"] as const) {
      const p = await warehousePerson(t.db, role);
      const a = receiptArgs(lease, [{ material: cord, quantity: 5 }]);
      expect(await p.push("receipt.record", a), role).toMatchObject({ status: "rejected", reasonCode: "not_allowed" });
      expect(await receiptById(t.db, a.id)).toBeUndefined();
    }
  });

  it("the inspection zone must exist (unknown_zone) and be an inspection zone (invalid_transition)", async () => {
    expect(await keeper.push("receipt.record", receiptArgs(lease, [{ material: cord, quantity: 5 }], { inspectionZone: "NOPE" }))).toMatchObject({
      status: "rejected",
      reasonCode: "unknown_zone",
    });
    expect(await keeper.push("receipt.record", receiptArgs(lease, [{ material: cord, quantity: 5 }], { inspectionZone: "WH1-A" }))).toMatchObject({
      status: "rejected",
      reasonCode: "invalid_transition",
      details: { zoneCode: "WH1-A", zoneKind: "stock" },
    });
  });

  it("each material is in the catalogue and active (unknown_material), serialised as the catalogue says (bad_input)", async () => {
    const retired = await makeMaterial(t.db, { serialised: false, active: false });
    expect(await keeper.push("receipt.record", receiptArgs(lease, [{ material: { code: "MAT-NOT-THERE", serialised: false }, quantity: 1 }]))).toMatchObject({
      status: "rejected",
      reasonCode: "unknown_material",
      details: { materialCode: "MAT-NOT-THERE" },
    });
    expect(await keeper.push("receipt.record", receiptArgs(lease, [{ material: retired, quantity: 1 }]))).toMatchObject({
      status: "rejected",
      reasonCode: "unknown_material",
    });
    expect(await keeper.push("receipt.record", receiptArgs(lease, [{ material: { code: cord.code, serialised: true }, quantity: 2 }]))).toMatchObject({
      status: "rejected",
      reasonCode: "bad_input",
      details: { field: "lines.0.serialised" },
    });
  });

  it("a tag outside every lease is refused (tag_not_leased); one an item has already is refused (duplicate_tag)", async () => {
    const outside = receiptArgs(lease, [{ material: cord, quantity: 5 }]);
    outside.lines[0]!.tags = ["ST-999999"];
    expect(await keeper.push("receipt.record", outside)).toMatchObject({ status: "rejected", reasonCode: "tag_not_leased", details: { tags: ["ST-999999"] } });
    // the demo's items (ST-000101…) came before any lease
    const old = receiptArgs(lease, [{ material: cord, quantity: 5 }]);
    old.lines[0]!.tags = ["ST-000101"];
    expect(await keeper.push("receipt.record", old)).toMatchObject({ status: "rejected", reasonCode: "tag_not_leased" });
    const first = receiptArgs(lease, [{ material: cord, quantity: 5 }]);
    expect(await keeper.push("receipt.record", first)).toMatchObject({ status: "applied" });
    const again = receiptArgs(lease, [{ material: cord, quantity: 5 }]);
    again.lines[0]!.tags = first.lines[0]!.tags;
    expect(await keeper.push("receipt.record", again)).toMatchObject({
      status: "rejected",
      reasonCode: "duplicate_tag",
      details: { tags: first.lines[0]!.tags },
    });
    expect(await receiptById(t.db, again.id)).toBeUndefined();
    // a printed roll (a lease with no device) and another keeper's block are leases too
    const roll = await leaseBlock(t.db, keeper.id, null);
    expect(await secondKeeper.push("receipt.record", receiptArgs(roll, [{ material: onu, quantity: 2 }]))).toMatchObject({ status: "applied" });
  });

  it("the time of receipt is the phone's, never in the future and at most 30 days back", async () => {
    const old = receiptArgs(lease, [{ material: cord, quantity: 1 }]);
    const before = Date.now();
    await keeper.push("receipt.record", old, { clientTime: new Date(before - 40 * 86_400_000).toISOString() });
    const r1 = (await receiptById(t.db, old.id))!;
    expect(r1.receivedAt.getTime()).toBeGreaterThanOrEqual(before - 30 * 86_400_000 - 1000);
    expect(r1.receivedAt.getTime()).toBeLessThanOrEqual(Date.now() - 29 * 86_400_000);
    const future = receiptArgs(lease, [{ material: cord, quantity: 1 }]);
    await keeper.push("receipt.record", future, { clientTime: new Date(Date.now() + 5 * 3_600_000).toISOString() });
    expect((await receiptById(t.db, future.id))!.receivedAt.getTime()).toBeLessThanOrEqual(Date.now());
    const yesterday = receiptArgs(lease, [{ material: cord, quantity: 1 }]);
    const at = new Date(Date.now() - 86_400_000);
    await keeper.push("receipt.record", yesterday, { clientTime: at.toISOString() });
    expect((await receiptById(t.db, yesterday.id))!.receivedAt).toEqual(at);
    const [tag] = await t.db
      .select()
      .from(items)
      .where(and(eq(items.tagCode, yesterday.lines[0]!.tags[0]!)));
    expect((await stockEventsOf(t.db, tag!.id))[0]!.at).toEqual(at);
  });

  it("bad args are refused as bad_input naming the field (a bulk line with two tags)", async () => {
    const a = receiptArgs(lease, [{ material: cord, quantity: 5 }]);
    a.lines[0]!.tags.push(lease.take());
    expect(await keeper.push("receipt.record", a)).toMatchObject({ status: "rejected", reasonCode: "bad_input", details: { field: "lines.0.tags" } });
    expect(await t.db.select().from(receipts).where(eq(receipts.id, a.id))).toEqual([]);
  });
});
