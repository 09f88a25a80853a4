import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countDifferences, items, stockCounts } from "@/db/schema";
import type { TItemStatus } from "@/domain/items/labels";
import type { TDifferenceKind } from "@/domain/warehouse/count";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { auditNamed, makeZone, stockEventsOf, warehousePerson, type TWarehousePerson } from "@/tests/helpers/warehouse";

let t: TestDb;
let keeper: TWarehousePerson, quality: TWarehousePerson;
let zone: string, otherStock: string, returns: string;
let tagNo = 700_000;

async function item(zoneCode: string | null, status: TItemStatus) {
  const [row] = await t.db
    .insert(items)
    .values({ tagCode: `ST-${String(++tagNo).padStart(6, "0")}`, kind: "material", name: "测试 Test", zoneCode, status, quantity: 1 })
    .returning();
  return row!;
}

/** A submitted count of `zone` with these differences (as count.submit stores them). */
async function count(diffs: { kind: TDifferenceKind; item?: Awaited<ReturnType<typeof item>>; tag?: string }[]) {
  const id = randomUUID();
  await t.db.insert(stockCounts).values({
    id,
    zoneCode: zone,
    countedBy: keeper.id,
    startedAt: new Date(Date.now() - 600_000),
    scans: [],
    expected: 3,
    found: 1,
    differences: diffs.length,
  });
  const rows = await t.db
    .insert(countDifferences)
    .values(
      diffs.map((d) => ({
        countId: id,
        kind: d.kind,
        tag: d.item?.tagCode ?? d.tag ?? "ST-999990",
        itemId: d.item?.id ?? null,
        recordedZone: d.item?.zoneCode ?? null,
        statusAtCount: d.item?.status ?? null,
      })),
    )
    .returning();
  return { id, diffs: rows };
}

const itemById = async (id: string) => (await t.db.select().from(items).where(eq(items.id, id)))[0]!;
const confirm = (differenceId: string, resolution: string, reason = "盘点确认 confirmed at the count") =>
  keeper.caller.warehouse.confirmAdjustment({ differenceId, resolution: resolution, reason });

beforeAll(async () => {
  t = await createTestDb({ seed: true });
  keeper = await warehousePerson(t.db, "warehouse_keeper");
  quality = await warehousePerson(t.db, "quality", "enterprise_management");
  zone = await makeZone(t.db, { kind: "stock" });
  otherStock = await makeZone(t.db, { kind: "stock" });
  returns = await makeZone(t.db, { kind: "quarantine", holds: "returned" });
});
afterAll(async () => {
  await t?.close();
});

describe("warehouse.confirmAdjustment", () => {
  it("missing → write_off: the item leaves its zone, missing since now; a stock event and the audit event", async () => {
    const gone = await item(zone, "accepted");
    const c = await count([{ kind: "missing", item: gone }]);
    expect(await confirm(c.diffs[0]!.id, "write_off")).toEqual({ ok: true });
    const after = await itemById(gone.id);
    expect(after).toMatchObject({ zoneCode: null, version: gone.version + 1 });
    expect(after.missingSince).toBeInstanceOf(Date);
    expect((await stockEventsOf(t.db, gone.id)).map((e) => [e.kind, e.zoneCode, e.ref, e.note])).toEqual([
      ["adjusted", null, c.id, "盘点确认 confirmed at the count"],
    ]);
    const [audit] = await auditNamed(t.db, c.id, "count.adjusted");
    expect(audit?.payload).toMatchObject({ countId: c.id, tag: gone.tagCode, kind: "missing", resolution: "write_off" });
    const [row] = await t.db.select().from(countDifferences).where(eq(countDifferences.id, c.diffs[0]!.id));
    expect(row).toMatchObject({ resolution: "write_off", resolvedBy: keeper.id });
    // the only difference: the count is settled
    const [settled] = await t.db.select().from(stockCounts).where(eq(stockCounts.id, c.id));
    expect(settled?.settledAt).toBeInstanceOf(Date);
  });

  it("again with the same resolution: ok and nothing more; with another: invalid_transition", async () => {
    const gone = await item(zone, "accepted");
    const c = await count([{ kind: "missing", item: gone }]);
    await confirm(c.diffs[0]!.id, "write_off");
    expect(await confirm(c.diffs[0]!.id, "write_off")).toEqual({ ok: true });
    expect(await stockEventsOf(t.db, gone.id)).toHaveLength(1);
    expect((await itemById(gone.id)).version).toBe(gone.version + 1);
    await expectAppError(confirm(c.diffs[0]!.id, "found_later"), "invalid_transition");
  });

  it("missing → found_later changes no record but leaves the trail", async () => {
    const there = await item(zone, "accepted");
    const c = await count([{ kind: "missing", item: there }]);
    await confirm(c.diffs[0]!.id, "found_later");
    expect(await itemById(there.id)).toMatchObject({ zoneCode: zone, version: there.version, missingSince: null });
    expect((await stockEventsOf(t.db, there.id)).map((e) => e.kind)).toEqual(["adjusted"]);
  });

  it("unexpected → move_here moves the record where the label fits; refused where it does not (quarantine_zone_required)", async () => {
    const stray = await item(otherStock, "accepted");
    const returned = await item(returns, "returned");
    const c = await count([
      { kind: "unexpected", item: stray },
      { kind: "unexpected", item: returned },
    ]);
    await confirm(c.diffs[0]!.id, "move_here");
    expect(await itemById(stray.id)).toMatchObject({ zoneCode: zone, version: stray.version + 1 });
    const refused = await expectAppError(confirm(c.diffs[1]!.id, "move_here"), "rule_violation");
    expect(refused.data.details).toMatchObject({ rule: "quarantine_zone_required" });
    expect((await itemById(returned.id)).zoneCode).toBe(returns);
    // one still open: not settled yet
    const [open] = await t.db.select().from(stockCounts).where(eq(stockCounts.id, c.id));
    expect(open?.settledAt).toBeNull();
    await confirm(c.diffs[1]!.id, "sent_back");
    const [settled] = await t.db.select().from(stockCounts).where(eq(stockCounts.id, c.id));
    expect(settled?.settledAt).toBeInstanceOf(Date);
  });

  it("a written-off item found in another zone and moved here is no longer missing", async () => {
    const lost = await item(null, "accepted");
    await t.db.update(items).set({ missingSince: new Date() }).where(eq(items.id, lost.id));
    const c = await count([{ kind: "unexpected", item: lost }]);
    await confirm(c.diffs[0]!.id, "move_here");
    expect(await itemById(lost.id)).toMatchObject({ zoneCode: zone, missingSince: null });
  });

  it("wrong_label → relabelled only once the label fits; moved_out any time", async () => {
    const wrong = await item(zone, "returned");
    const other = await item(zone, "pending_disposal");
    const c = await count([
      { kind: "wrong_label", item: wrong },
      { kind: "wrong_label", item: other },
    ]);
    const refused = await expectAppError(confirm(c.diffs[0]!.id, "relabelled"), "rule_violation");
    expect(refused.data.details).toMatchObject({ rule: "quarantine_zone_required" });
    await t.db.update(items).set({ status: "accepted" }).where(eq(items.id, wrong.id));
    await confirm(c.diffs[0]!.id, "relabelled");
    await confirm(c.diffs[1]!.id, "moved_out");
    expect((await itemById(other.id)).zoneCode).toBe(zone);
  });

  it("unknown → set_aside: no item, no stock event, the audit event; a resolution of another kind is invalid_transition", async () => {
    const c = await count([{ kind: "unknown", tag: "ST-999991" }]);
    await expectAppError(confirm(c.diffs[0]!.id, "write_off"), "invalid_transition");
    await confirm(c.diffs[0]!.id, "set_aside");
    expect((await auditNamed(t.db, c.id, "count.adjusted")).map((a) => a.payload)).toEqual([
      { countId: c.id, tag: "ST-999991", kind: "unknown", resolution: "set_aside", reason: "盘点确认 confirmed at the count" },
    ]);
  });

  it("a reason is required; only the keeper confirms; an unknown difference is not_found", async () => {
    const gone = await item(zone, "accepted");
    const c = await count([{ kind: "missing", item: gone }]);
    await expectAppError(confirm(c.diffs[0]!.id, "write_off", "  "), "bad_input");
    await expectAppError(quality.caller.warehouse.confirmAdjustment({ differenceId: c.diffs[0]!.id, resolution: "write_off", reason: "x" }), "forbidden");
    await expectAppError(confirm(randomUUID(), "write_off"), "not_found");
  });
});

describe("warehouse.counts and count", () => {
  it("lists counts newest first with what is still open; a count's differences in kind order with their resolutions", async () => {
    const a = await item(zone, "accepted");
    const b = await item(otherStock, "accepted");
    const c = await count([
      { kind: "unknown", tag: "ST-999992" },
      { kind: "unexpected", item: b },
      { kind: "missing", item: a },
    ]);
    await confirm(c.diffs.find((d) => d.kind === "missing")!.id, "found_later");
    const list = await quality.caller.warehouse.counts({ limit: 200 });
    expect(list.rows[0]).toMatchObject({ id: c.id, zoneCode: zone, differences: 3, open: 2, countedByName: "Test warehouse_keeper" });
    const one = await quality.caller.warehouse.count({ id: c.id });
    expect(one.count).toMatchObject({ id: c.id, open: 2, scanned: 0, settledAt: null });
    // quality reads the count but does not adjust stock: no resolutions offered to it
    expect(one.differences.map((d) => [d.kind, d.resolution, d.resolutions])).toEqual([
      ["missing", "found_later", []],
      ["unexpected", null, []],
      ["unknown", null, []],
    ]);
    // the keeper is offered the resolutions of what is still open, none for what is confirmed
    const asKeeper = await keeper.caller.warehouse.count({ id: c.id });
    expect(asKeeper.differences.map((d) => [d.kind, d.resolution, d.resolutions])).toEqual([
      ["missing", "found_later", []],
      ["unexpected", null, ["move_here", "sent_back"]],
      ["unknown", null, ["set_aside"]],
    ]);
    expect(one.differences[0]!.resolvedByName).toBe("Test warehouse_keeper");
    const paged = await quality.caller.warehouse.counts({ limit: 1 });
    expect(paged.next).toBe(c.id);
    const second = await quality.caller.warehouse.counts({ limit: 1, cursor: paged.next! });
    expect(second.rows[0]?.id).not.toBe(c.id);
    await expectAppError(quality.caller.warehouse.count({ id: randomUUID() }), "not_found");
  });
});
