import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, itemLabelEvents, items, receiptLines, receipts, stockEvents, tagLeases, users } from "@/db/schema";
import type { TItemStatus } from "@/domain/items/labels";
import { LEASE_SIZE } from "@/domain/warehouse/tags";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { auditNamed, makeMaterial, makeZone, noticesTo, stockEventsOf, warehousePerson, type TWarehousePerson } from "@/tests/helpers/warehouse";
import { leaseRoll } from "./lease";
import { listQuarantine } from "./quarantine";
import { tagRange } from "./search";

let t: TestDb;
let keeper: TWarehousePerson, quality: TWarehousePerson, lineman: TWarehousePerson, other: TWarehousePerson;
let z1: string, z2: string;
let material: { code: string };
const made: { id: string; tag: string; zone: string; status: TItemStatus }[] = [];
let receiptId: string, receiptCode: string, noteItems: string[];

async function item(
  n: number,
  zoneCode: string,
  status: TItemStatus,
  o: { materialCode?: string; receiptLineId?: string; responsibleId?: string; quarantinedAt?: Date } = {},
) {
  const tag = `ST-${String(800_000 + n).padStart(6, "0")}`;
  const [row] = await t.db
    .insert(items)
    .values({ tagCode: tag, kind: "material", name: "搜索测试 Search test", zoneCode, status, quantity: 2, ...o })
    .returning();
  made.push({ id: row!.id, tag, zone: zoneCode, status });
  return row!;
}

beforeAll(async () => {
  t = await createTestDb({ seed: true });
  keeper = await warehousePerson(t.db, "warehouse_keeper");
  quality = await warehousePerson(t.db, "quality", "enterprise_management");
  lineman = await warehousePerson(t.db, "lineman", "terminal_service");
  other = await warehousePerson(t.db, "warehouse_keeper");
  z1 = await makeZone(t.db, { kind: "stock" });
  z2 = await makeZone(t.db, { kind: "quarantine", holds: "returned" });
  material = await makeMaterial(t.db, { serialised: false, code: "MAT-ZQX-SEARCH" });
  for (let n = 1; n <= 3; n++) await item(n, z1, "accepted", { materialCode: material.code });
  for (let n = 4; n <= 5; n++) await item(n, z2, "returned", { materialCode: material.code, responsibleId: lineman.id });
  receiptId = randomUUID();
  receiptCode = "RC-19990102-0777";
  await t.db.insert(receipts).values({
    id: receiptId,
    code: receiptCode,
    purchaseRequest: "PR-S",
    department: "terminal_service",
    supplier: "S",
    deliveryNote: "DN-SRCH-0001",
    inspectionZone: "WH1-IN",
    status: "awaiting_inspection",
    receivedBy: keeper.id,
    receivedAt: new Date(),
  });
  const lineId = randomUUID();
  await t.db.insert(receiptLines).values({ id: lineId, receiptId, lineNo: 1, materialCode: material.code, quantity: 2, unit: "box", serialised: true });
  noteItems = [
    (await item(11, "WH1-IN", "pending_inspection", { receiptLineId: lineId, materialCode: material.code })).tagCode,
    (await item(12, "WH1-IN", "pending_inspection", { receiptLineId: lineId, materialCode: material.code })).tagCode,
  ];
});
afterAll(async () => {
  await t?.close();
});

const tagsOf = (rows: { tag: string }[]) => rows.map((r) => r.tag);

describe("warehouse.search", () => {
  it("a whole tag as typed (normalised), with its receipt and delivery note", async () => {
    const r = await quality.caller.warehouse.search({ q: " st_800011 " });
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ tag: "ST-800011", receiptCode, deliveryNote: "DN-SRCH-0001", status: "pending_inspection", quantity: 2 });
    expect(r.next).toBeNull();
  });

  it("a tag prefix is a range of whole tags", async () => {
    expect(tagRange("ST-0012")).toEqual({ lo: "ST-001200", hi: "ST-001299" });
    expect(tagRange("ST")).toEqual({ lo: "ST-000000", hi: "ST-999999" });
    expect(tagRange("MAT-1")).toBeNull();
    const r = await quality.caller.warehouse.search({ q: "ST-80000" });
    expect(tagsOf(r.rows)).toEqual(["ST-800001", "ST-800002", "ST-800003", "ST-800004", "ST-800005"]);
  });

  it("a delivery note or a receipt code: the receipt's tags", async () => {
    expect(tagsOf((await quality.caller.warehouse.search({ q: "DN-SRCH-0001" })).rows)).toEqual(noteItems);
    expect(tagsOf((await quality.caller.warehouse.search({ q: receiptCode.toLowerCase() })).rows)).toEqual(noteItems);
  });

  it("a material: by words of its name or its code's start", async () => {
    const all = made.filter((m) => m.tag <= "ST-800005").map((m) => m.tag);
    expect(tagsOf((await quality.caller.warehouse.search({ q: "MAT-ZQX-SEARCH", limit: 100 })).rows)).toEqual(expect.arrayContaining(all));
    const byName = await quality.caller.warehouse.search({ q: "material MAT-ZQX", limit: 100 });
    expect(tagsOf(byName.rows)).toEqual(expect.arrayContaining(all));
    expect(tagsOf((await quality.caller.warehouse.search({ q: "mat-zqx", limit: 100 })).rows)).toEqual(expect.arrayContaining(all));
    expect((await quality.caller.warehouse.search({ q: "no such material words" })).rows).toEqual([]);
  });

  it("zone and label filters, each alone and together, and with words", async () => {
    expect(tagsOf((await quality.caller.warehouse.search({ zoneCode: z1, status: "accepted" })).rows)).toEqual(["ST-800001", "ST-800002", "ST-800003"]);
    expect(tagsOf((await quality.caller.warehouse.search({ zoneCode: z2 })).rows)).toEqual(["ST-800004", "ST-800005"]);
    const returned = tagsOf((await quality.caller.warehouse.search({ status: "returned", limit: 100 })).rows);
    expect(returned).toEqual(expect.arrayContaining(["ST-800004", "ST-800005"]));
    expect(returned).not.toContain("ST-800001");
    expect(tagsOf((await quality.caller.warehouse.search({ q: "MAT-ZQX", status: "returned" })).rows)).toEqual(["ST-800004", "ST-800005"]);
    expect(tagsOf((await quality.caller.warehouse.search({ q: "ST-8000", zoneCode: z1, status: "returned" })).rows)).toEqual([]);
  });

  it("pages in tag order by keyset until the end", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const p = await quality.caller.warehouse.search({ q: "MAT-ZQX-SEARCH", limit: 2, cursor });
      seen.push(...tagsOf(p.rows));
      if (!p.next) break;
      cursor = p.next;
    }
    expect(seen).toEqual(["ST-800001", "ST-800002", "ST-800003", "ST-800004", "ST-800005", "ST-800011", "ST-800012"]);
    const filtered: string[] = [];
    cursor = undefined;
    for (let i = 0; i < 10; i++) {
      const p = await quality.caller.warehouse.search({ zoneCode: z1, limit: 1, cursor });
      filtered.push(...tagsOf(p.rows));
      if (!p.next) break;
      cursor = p.next;
    }
    expect(filtered).toEqual(["ST-800001", "ST-800002", "ST-800003"]);
  });
});

describe("warehouse.item", () => {
  it("the item with its receipt and its history, label and stock events merged in time order", async () => {
    const tag = noteItems[0]!;
    const [it0] = await t.db.select().from(items).where(eq(items.tagCode, tag));
    await t.db.insert(stockEvents).values({
      itemId: it0!.id,
      kind: "received",
      quantity: 2,
      zoneCode: "WH1-IN",
      ref: receiptCode,
      actorId: keeper.id,
      at: new Date("2026-12-01T01:00:00Z"),
    });
    await t.db.insert(itemLabelEvents).values({
      itemId: it0!.id,
      fromStatus: null,
      toStatus: "pending_inspection",
      reason: "arrived",
      toZone: "WH1-IN",
      actorId: keeper.id,
      serverTime: new Date("2026-12-01T01:00:01Z"),
      versionAfter: 1,
    });
    await t.db.insert(stockEvents).values({ itemId: it0!.id, kind: "counted", zoneCode: "WH1-IN", actorId: keeper.id, at: new Date("2026-12-02T01:00:00Z") });
    const r = await quality.caller.warehouse.item({ tag: tag.toLowerCase() });
    expect(r.item).toMatchObject({ tagCode: tag, status: "pending_inspection" });
    expect(r.material?.code).toBe(material.code);
    expect(r.receipt).toMatchObject({ code: receiptCode, deliveryNote: "DN-SRCH-0001" });
    expect(r.formLine).toBeNull();
    expect(r.history.map((h) => [h.source, h.kind])).toEqual([
      ["stock", "received"],
      ["label", "labelled"],
      ["stock", "counted"],
    ]);
    expect(r.history[1]).toMatchObject({ toStatus: "pending_inspection", reason: "arrived", actorName: "Test warehouse_keeper" });
    await expectAppError(quality.caller.warehouse.item({ tag: "ST-899999" }), "not_found");
    // anyone else: only an item they are responsible for or hold
    await expectAppError(lineman.caller.warehouse.item({ tag }), "not_found");
    expect((await lineman.caller.warehouse.item({ tag: "ST-800004" })).item.responsibleName).toBe("Test lineman");
  });
});

describe("warehouse.setResponsible", () => {
  it("names who deals with a quarantined item: the person is told, a stock event records it; not for stock in quarantine only", async () => {
    const q = made.find((m) => m.tag === "ST-800005")!;
    expect(await keeper.caller.warehouse.setResponsible({ itemId: q.id, responsibleId: quality.id })).toEqual({ ok: true });
    const [after] = await t.db.select().from(items).where(eq(items.id, q.id));
    expect(after?.responsibleId).toBe(quality.id);
    expect((await stockEventsOf(t.db, q.id)).map((e) => [e.kind, e.personId])).toEqual([["responsible", quality.id]]);
    expect((await auditNamed(t.db, q.id, "quarantine.responsibleSet")).map((e) => (e.payload as { to: string }).to)).toEqual([quality.id]);
    const told = await noticesTo(t.db, quality.id, "warehouse.quarantineAssigned");
    expect(told.at(-1)).toMatchObject({ href: "/warehouse/quarantine", params: { tag: "ST-800005", label: "退货 Returned", zone: z2 } });
    // the same person again: nothing more
    await quality.caller.warehouse.setResponsible({ itemId: q.id, responsibleId: quality.id });
    expect(await stockEventsOf(t.db, q.id)).toHaveLength(1);
    await expectAppError(keeper.caller.warehouse.setResponsible({ itemId: made[0]!.id, responsibleId: quality.id }), "invalid_transition");
    await expectAppError(lineman.caller.warehouse.setResponsible({ itemId: q.id, responsibleId: lineman.id }), "forbidden");
    await expectAppError(keeper.caller.warehouse.setResponsible({ itemId: q.id, responsibleId: randomUUID() }), "bad_input");
  });
});

describe("warehouse.quarantine", () => {
  it("ages in operator days: 30 days at 23:59 in Shanghai is not ageing, two minutes later (past midnight) it is", async () => {
    const since = new Date("2026-11-05T15:59:00Z"); // 23:59 on 5 November in Shanghai
    const aged = await item(21, z2, "returned", { responsibleId: lineman.id, quarantinedAt: since });
    const user = { id: lineman.id, username: "x", displayName: "x", role: "lineman" as const, department: "terminal_service" as const };
    const before = (await listQuarantine(t.db, user, { mine: true }, new Date("2026-12-05T15:59:00Z"))).rows.find((r) => r.itemId === aged.id);
    expect(before).toMatchObject({ ageDays: 30, ageing: false });
    const after = (await listQuarantine(t.db, user, { mine: true }, new Date("2026-12-05T16:01:00Z"))).rows.find((r) => r.itemId === aged.id);
    expect(after).toMatchObject({ ageDays: 31, ageing: true });
  });

  it("mine for anyone; the whole list for the registers' readers, oldest first", async () => {
    const mine = await lineman.caller.warehouse.quarantine({ mine: true });
    expect(mine.rows.every((r) => r.responsibleId === lineman.id)).toBe(true);
    expect(mine.rows.map((r) => r.tag)).toContain("ST-800004");
    // not a reader: their own, whatever they ask
    expect((await lineman.caller.warehouse.quarantine({})).rows.map((r) => r.itemId)).toEqual(mine.rows.map((r) => r.itemId));
    const all = await quality.caller.warehouse.quarantine({});
    expect(all.rows.map((r) => r.tag)).toEqual(expect.arrayContaining(["ST-800004", "ST-800005", "ST-000106"]));
    const times = all.rows.map((r) => r.quarantinedAt.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });
});

describe("warehouse.stock, people, leaseTags", () => {
  it("stock on hand by zone and label: tags and units per material", async () => {
    const r = await quality.caller.warehouse.stock({ zoneCode: z1 });
    expect(r.rows).toEqual([expect.objectContaining({ zoneCode: z1, status: "accepted", materialCode: material.code, tags: 3, quantity: 6 })]);
    expect((await quality.caller.warehouse.stock({ status: "returned" })).rows.every((row) => row.status === "returned")).toBe(true);
  });

  it("people: the active users", async () => {
    await t.db.update(users).set({ active: false }).where(eq(users.id, other.id));
    const people = await keeper.caller.warehouse.people();
    expect(people.map((p) => p.id)).toEqual(expect.arrayContaining([keeper.id, quality.id, lineman.id]));
    expect(people.map((p) => p.id)).not.toContain(other.id);
    expect(people.find((p) => p.id === lineman.id)).toEqual({ id: lineman.id, displayName: "Test lineman", role: "lineman", department: "terminal_service" });
    await t.db.update(users).set({ active: true }).where(eq(users.id, other.id));
  });

  it("leaseTags: a block of 200 for the keeper's own phone, never overlapping; another's phone refused; printed rolls", async () => {
    const a = await keeper.caller.warehouse.leaseTags({ deviceId: keeper.deviceId });
    expect(a.last - a.first + 1).toBe(LEASE_SIZE);
    const b = await keeper.caller.warehouse.leaseTags({ deviceId: keeper.deviceId });
    expect(b.first).toBeGreaterThan(a.last);
    const rows = await t.db.select().from(tagLeases).where(eq(tagLeases.deviceId, keeper.deviceId));
    expect(rows.map((r) => [r.firstNo, r.lastNo, r.userId])).toEqual(expect.arrayContaining([[a.first, a.last, keeper.id]]));
    const audits = await t.db.select().from(auditEvents).where(eq(auditEvents.name, "tags.leased"));
    expect(audits.map((x) => x.payload)).toEqual(expect.arrayContaining([{ first: a.first, last: a.last, deviceId: keeper.deviceId }]));
    await expectAppError(keeper.caller.warehouse.leaseTags({ deviceId: other.deviceId }), "device_other_user");
    await expectAppError(keeper.caller.warehouse.leaseTags({ deviceId: randomUUID() }), "device_not_registered");
    await expectAppError(quality.caller.warehouse.leaseTags({ deviceId: quality.deviceId }), "forbidden");
    const roll = await t.db.transaction((tx) => leaseRoll(tx, keeper.id, 50));
    expect(roll.last - roll.first + 1).toBe(50);
    expect(roll.first).toBeGreaterThan(b.last);
  });
});
