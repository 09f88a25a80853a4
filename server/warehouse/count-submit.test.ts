/** Issue 14: `count.submit` v1, a zone's stock-take: the server compares again with its own state; a resent count applies once. */
import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countDifferences, stockCounts } from "@/db/schema";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import {
  auditNamed,
  leaseBlock,
  makeMaterial,
  makeZone,
  noticesTo,
  stockEventsOf,
  stockItem,
  warehousePerson,
  type TLease,
  type TWarehousePerson,
} from "@/tests/helpers/warehouse";

let t: TestDb;
let keeper: TWarehousePerson, otherKeeper: TWarehousePerson;
let lease: TLease;
let onu: { code: string; serialised: boolean };

beforeAll(async () => {
  t = await createTestDb({ seed: true });
  keeper = await warehousePerson(t.db, "warehouse_keeper");
  otherKeeper = await warehousePerson(t.db, "warehouse_keeper");
  lease = await leaseBlock(t.db, keeper.id, keeper.deviceId);
  onu = await makeMaterial(t.db, { serialised: true });
});
afterAll(async () => t?.close());

const differencesOf = (countId: string) =>
  t.db.select().from(countDifferences).where(eq(countDifferences.countId, countId)).orderBy(asc(countDifferences.kind), asc(countDifferences.tag));
const countRow = async (id: string) => (await t.db.select().from(stockCounts).where(eq(stockCounts.id, id)))[0];

/** A stock zone holding a, b, c (合格), d (a quarantine label: wrong here) and an issued serialised item (0 on hand, with its holder). */
async function zoneWithItems() {
  const zone = await makeZone(t.db, { kind: "stock" });
  const [a, b, c, d] = await Promise.all(
    [{}, {}, {}, { status: "pending_disposal" as const }].map((o) => stockItem(t.db, { material: onu, tag: lease.take(), zoneCode: zone, ...o })),
  );
  const issued = await stockItem(t.db, { material: onu, tag: lease.take(), zoneCode: zone, status: "in_use", quantity: 0 });
  const elsewhere = await stockItem(t.db, { material: onu, tag: lease.take(), zoneCode: "WH1-A" });
  return { zone, a: a!, b: b!, c: c!, d: d!, issued, elsewhere };
}

describe("count.submit", () => {
  it("the server computes missing, unexpected (with where it belongs), wrong label and unknown from its own state", async () => {
    const z = await zoneWithItems();
    const id = uuidv7();
    const startedAt = new Date(Date.now() - 600_000).toISOString();
    // scanned: a, b, d (wrong label here), an item recorded in WH1-A, a tag nobody knows, and b twice; c not found
    const scans = [z.a.tagCode, z.b.tagCode, z.d.tagCode, z.elsewhere.tagCode, "ST-999997", z.b.tagCode];
    const r = await keeper.push("count.submit", { id, zoneCode: z.zone, startedAt, scans });
    expect(r).toMatchObject({ status: "applied" });
    expect(await countRow(id)).toMatchObject({ zoneCode: z.zone, countedBy: keeper.id, deviceId: keeper.deviceId, expected: 4, found: 2, differences: 4 });
    expect((await differencesOf(id)).map((d) => [d.kind, d.tag, d.itemId, d.recordedZone, d.statusAtCount, d.resolution])).toEqual([
      ["missing", z.c.tagCode, z.c.id, z.zone, "accepted", null],
      ["unexpected", z.elsewhere.tagCode, z.elsewhere.id, "WH1-A", "accepted", null],
      ["unknown", "ST-999997", null, null, null, null],
      ["wrong_label", z.d.tagCode, z.d.id, z.zone, "pending_disposal", null],
    ]);
    expect(await stockEventsOf(t.db, z.a.id)).toMatchObject([{ kind: "counted", quantity: 1, zoneCode: z.zone, ref: id, actorId: keeper.id }]);
    expect(await stockEventsOf(t.db, z.c.id)).toEqual([]);
    expect(await auditNamed(t.db, id, "count.submitted")).toMatchObject([
      {
        actorId: keeper.id,
        subjectType: "stock_count",
        payload: { zoneCode: z.zone, scans: 5, expected: 4, found: 2, differences: { missing: 1, unexpected: 1, wrong_label: 1, unknown: 1 } },
      },
    ]);
    for (const k of [keeper, otherKeeper]) {
      expect(await noticesTo(t.db, k.id, "warehouse.countDifferences").then((n) => n.filter((x) => x.href === `/warehouse/counts/${id}`))).toMatchObject([
        { params: { zone: z.zone, differences: 4 } },
      ]);
    }
  });

  it("a resent count applies once: the same mutation again, or the same count under another mutation id", async () => {
    const z = await zoneWithItems();
    const args = { id: uuidv7(), zoneCode: z.zone, startedAt: new Date().toISOString(), scans: [z.a.tagCode, z.b.tagCode, z.c.tagCode, z.d.tagCode] };
    const mutationId = uuidv7();
    expect(await keeper.push("count.submit", args, { mutationId })).toMatchObject({ status: "applied" });
    expect(await keeper.push("count.submit", args)).toMatchObject({
      status: "already_in_state",
      details: { current: { expected: 4, found: 3, differences: 1 } },
    });
    expect(await otherKeeper.push("count.submit", args)).toMatchObject({ status: "already_in_state" });
    // two pushes of the same count in one batch
    const twice = { ...args, id: uuidv7() };
    expect((await keeper.pushAll({ name: "count.submit", args: twice }, { name: "count.submit", args: twice })).map((r) => r.status)).toEqual([
      "applied",
      "already_in_state",
    ]);
    for (const id of [args.id, twice.id]) expect(await differencesOf(id)).toHaveLength(1);
    expect(await stockEventsOf(t.db, z.a.id)).toHaveLength(2);
    expect(await auditNamed(t.db, args.id, "count.submitted")).toHaveLength(1);
  });

  it("a count with nothing different raises no notice; an empty zone counted empty is fine", async () => {
    const zone = await makeZone(t.db, { kind: "stock" });
    const id = uuidv7();
    expect(await keeper.push("count.submit", { id, zoneCode: zone, startedAt: new Date().toISOString(), scans: [] })).toMatchObject({ status: "applied" });
    expect(await countRow(id)).toMatchObject({ expected: 0, found: 0, differences: 0 });
    expect(await noticesTo(t.db, keeper.id, "warehouse.countDifferences").then((n) => n.filter((x) => x.href.endsWith(id)))).toEqual([]);
  });

  it("the zone must exist (unknown_zone); only a keeper counts (not_allowed)", async () => {
    const args = { id: uuidv7(), zoneCode: "NOPE", startedAt: new Date().toISOString(), scans: [] };
    expect(await keeper.push("count.submit", args)).toMatchObject({ status: "rejected", reasonCode: "unknown_zone" });
    const lineman = await warehousePerson(t.db, "lineman");
    expect(await lineman.push("count.submit", { ...args, zoneCode: "WH1-A" })).toMatchObject({ status: "rejected", reasonCode: "not_allowed" });
    expect(await countRow(args.id)).toBeUndefined();
    expect(await keeper.push("count.submit", { ...args, id: randomUUID(), startedAt: "yesterday" })).toMatchObject({ reasonCode: "bad_input" });
  });
});
