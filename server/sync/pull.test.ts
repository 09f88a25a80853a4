import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { items } from "@/db/schema";
import { ROLES, type TRole } from "@/domain/auth/roles";
import { PULL_PAGE_ROWS } from "@/domain/sync/protocol";
import { createSession } from "@/server/auth/session";
import { callerFor, login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { batch, changeLabel, cursorReaches, makeItem, newDevice, resolveRejection, xidNow } from "@/tests/helpers/sync";
import { covers, parseCursor } from "@/domain/sync/cursor";
import { makeUser } from "@/tests/helpers/users";

type Page = Awaited<ReturnType<Caller["sync"]["pull"]>>;

/**
 * Pulls from `cursor` until hasMore is false and, when `until` (an xidNow taken after the writes) is given, until
 * the cursor has passed every write before it: a transaction open elsewhere on the server may hold pulls back.
 */
async function pullAll(caller: Caller, deviceId: string, cursor = "0", until?: bigint): Promise<Page[]> {
  const pages: Page[] = [];
  const deadline = Date.now() + 30_000;
  for (let i = 0; i < 10_000; i++) {
    const page = await caller.sync.pull({ deviceId, cursor });
    pages.push(page);
    expect(covers(parseCursor(page.cursor)!, parseCursor(cursor)!), "the cursor never goes back").toBe(true);
    cursor = page.cursor;
    if (page.hasMore) continue;
    if (until === undefined || cursorReaches(cursor, until)) return pages;
    if (Date.now() > deadline) throw new Error(`pull did not catch up with ${until} in 30 s (cursor ${cursor})`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("pull did not finish");
}

/** The cursor after a full pull: everything written up to now delivered. */
async function caughtUp(caller: Caller, deviceId: string, db: TestDb["db"]): Promise<string> {
  return (await pullAll(caller, deviceId, "0", await xidNow(db))).at(-1)!.cursor;
}

function countIds(ids: (string | number)[]) {
  const counts = new Map<string | number, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

describe("sync.pull", () => {
  let t: TestDb;
  let keeper: Caller;
  let ops: Caller;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({ caller: keeper } = await login(t.db, "keeper", "keeper-demo1"));
    ({ caller: ops } = await login(t.db, "ops", "ops-demo-001"));
  });
  afterAll(async () => t?.close());

  it("a first pull brings zones, items and the device's state; pulling again from its cursor brings nothing", async () => {
    const d = await newDevice(keeper);
    const pages = await pullAll(keeper, d, "0", await xidNow(t.db));
    const page = { ...pages.at(-1)!, items: pages.flatMap((p) => p.items), zones: pages.flatMap((p) => p.zones) };
    expect(page.zones.map((z) => z.code).sort()).toEqual(["HQ-EQ", "WH1-A", "WH1-B", "WH1-IN", "WH1-Q-DSP", "WH1-Q-RET", "WH1-Q-SCR"]);
    expect(page.items.map((i) => i.tagCode)).toEqual(expect.arrayContaining(["ST-000101", "ST-000108", "EQ-000201", "EQ-000204"]));
    expect(page).toMatchObject({ hasMore: false, lastAppliedSeq: 0, rejections: [] });
    expect(parseCursor(page.cursor), "a snapshot cursor (ADR 0042)").not.toBeNull();
    const again = await keeper.sync.pull({ deviceId: d, cursor: page.cursor });
    expect(again).toMatchObject({ zones: [], items: [], events: [], hasMore: false });
    // the cursor may move on past transactions that wrote nothing in scope, never back
    expect(covers(parseCursor(again.cursor)!, parseCursor(page.cursor)!)).toBe(true);
  });

  it("after a push, an incremental pull brings only the changed item and its event", async () => {
    const d = await newDevice(keeper);
    const item = await makeItem(t.db, { status: "accepted" });
    const first = await caughtUp(keeper, d, t.db);
    const m = changeLabel(d, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use", note: "to site" }, { from: "accepted", version: 1 });
    await keeper.sync.push(batch(d, m));
    const pages = await pullAll(keeper, d, first, await xidNow(t.db));
    const page = { ...pages.at(-1)!, items: pages.flatMap((p) => p.items), events: pages.flatMap((p) => p.events), zones: pages.flatMap((p) => p.zones) };
    expect(page.items.map((i) => [i.id, i.status, i.version])).toEqual([[item.id, "in_use", 2]]);
    expect(page.events).toHaveLength(1);
    expect(page.events[0]).toMatchObject({
      itemId: item.id,
      fromStatus: "accepted",
      toStatus: "in_use",
      note: "to site",
      actorName: "李薇 Li Wei",
      deviceId: d,
      versionAfter: 2,
    });
    expect(page.zones).toEqual([]);
    expect(page.lastAppliedSeq).toBe(1);
  });

  it("pages across many transactions: every row arrives exactly once, at most a page per table per call", async () => {
    const d = await newDevice(keeper);
    const start = await caughtUp(keeper, d, t.db);
    const n = 2 * PULL_PAGE_ROWS + 150;
    const made: string[] = [];
    // why one transaction per row: the cursor is a transaction id; this exercises page ends at every txid
    for (let i = 0; i < n; i++) made.push((await makeItem(t.db, { tagCode: `PG-${i}-${Date.now()}` })).id);
    const pages = await pullAll(keeper, d, start, await xidNow(t.db));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const p of pages) expect(p.items.length).toBeLessThanOrEqual(PULL_PAGE_ROWS);
    expect(pages.filter((p) => p.hasMore).length, "full pages say there is more").toBeGreaterThanOrEqual(2);
    const counts = countIds(pages.flatMap((p) => p.items.map((i) => i.id)));
    for (const id of made) expect(counts.get(id), id).toBe(1);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
  });

  it("a single transaction larger than a page is delivered whole, every row exactly once", async () => {
    const d = await newDevice(keeper);
    const start = await caughtUp(keeper, d, t.db);
    const n = PULL_PAGE_ROWS * 2 + 37;
    const stamp = Date.now();
    // one insert statement, one transaction: every row carries the same txid
    const made = await t.db
      .insert(items)
      .values(
        Array.from({ length: n }, (_, i) => ({
          tagCode: `BULK-${stamp}-${i}`,
          kind: "material" as const,
          name: "bulk intake",
          zoneCode: "WH1-IN",
          status: "received" as const,
        })),
      )
      .returning({ id: items.id });
    const pages = await pullAll(keeper, d, start, await xidNow(t.db));
    const counts = countIds(pages.flatMap((p) => p.items.map((i) => i.id)));
    expect(made.filter((m) => counts.get(m.id) !== 1)).toEqual([]);
    expect(counts.size).toBe(n);
  });

  it("label events page at transaction boundaries: every event exactly once, events of a push never split", async () => {
    const d = await newDevice(ops);
    const start = await caughtUp(ops, d, t.db);
    const item = await makeItem(t.db, { kind: "equipment", status: "in_service", zoneCode: "HQ-EQ" });
    type Up = "in_service" | "under_maintenance";
    let status = "in_service" as Up;
    let seq = 0;
    const batches = 26; // 26 × 50 = 1,300 events in 26 transactions
    for (let b = 0; b < batches; b++) {
      const ms = [];
      for (let i = 0; i < 50; i++) {
        const to: Up = status === "in_service" ? "under_maintenance" : "in_service";
        seq++;
        ms.push(changeLabel(d, seq, { itemId: item.id, to, reason: to === "in_service" ? "repair_done" : "fault_found" }, { from: status, version: seq }));
        status = to;
      }
      const answer = await ops.sync.push(batch(d, ...ms));
      expect(answer.results.every((r) => r.status === "applied")).toBe(true);
    }
    const pages = await pullAll(ops, d, start, await xidNow(t.db));
    const events = pages.flatMap((p) => p.events);
    expect(events).toHaveLength(batches * 50);
    expect(countIds(events.map((e) => e.id)).size).toBe(batches * 50);
    // in order, versions 2..1301, nothing missing in between
    expect(events.map((e) => e.versionAfter)).toEqual(Array.from({ length: batches * 50 }, (_, i) => i + 2));
    for (const p of pages) {
      expect(p.events.length).toBeLessThanOrEqual(PULL_PAGE_ROWS);
      expect(p.events.length % 50, "a page holds whole pushes").toBe(0);
    }
    // the item row arrives with its final state
    const finalItem = pages
      .flatMap((p) => p.items)
      .filter((i) => i.id === item.id)
      .at(-1);
    expect(finalItem).toMatchObject({ status, version: batches * 50 + 1 });
    // heavy: 26 pushes of 50 changes and a pull through every feed (took 58 s on a loaded 2-core machine)
  }, 180_000);

  it("lists the device's unresolved rejections (not another device's), in seq order, with reason and details", async () => {
    const d = await newDevice(keeper);
    const other = await newDevice(keeper);
    const a = await makeItem(t.db, { status: "accepted" });
    const b = await makeItem(t.db, { status: "accepted" });
    const r1 = changeLabel(d, 1, { itemId: a.id, to: "returned", reason: "inspection_failed", zoneCode: "WH1-Q-RET" }, { from: "accepted", version: 1 });
    const ok = changeLabel(d, 2, { itemId: a.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 });
    const r2 = changeLabel(d, 3, { itemId: b.id, to: "in_use", reason: "issued_for_use", zoneCode: "NOWHERE" }, { from: "accepted", version: 1 });
    await keeper.sync.push(batch(d, r1, ok, r2));
    await keeper.sync.push(
      batch(other, changeLabel(other, 1, { itemId: b.id, to: "scrapped", reason: "disposal_approved" }, { from: "accepted", version: 1 })),
    );

    const page = await keeper.sync.pull({ deviceId: d, cursor: "0" });
    expect(page.lastAppliedSeq).toBe(3);
    expect(page.rejections.map((r) => [r.mutationId, r.seq, r.name, r.reasonCode])).toEqual([
      [r1.mutationId, 1, "item.changeLabel", "invalid_transition"],
      [r2.mutationId, 3, "item.changeLabel", "unknown_zone"],
    ]);
    expect(page.rejections[1]!.details).toEqual({ zoneCode: "NOWHERE" });
    expect(page.rejections[0]!.at).toBeInstanceOf(Date);

    await keeper.sync.push(batch(d, resolveRejection(d, 4, r1.mutationId)));
    const after = await keeper.sync.pull({ deviceId: d, cursor: page.cursor });
    expect(after.rejections.map((r) => r.mutationId)).toEqual([r2.mutationId]);
    expect(after.lastAppliedSeq).toBe(4);
  });

  describe("scope: roles that handle items get items and events; others zones only", () => {
    const IN_SCOPE: TRole[] = ["warehouse_keeper", "operations", "lineman", "quality"];
    it.each(ROLES.map((r) => [r]))("%s", async (role) => {
      const u = await makeUser(t.db, { role });
      const { token } = await createSession(t.db, { userId: u.id });
      const caller = await callerFor(t.db, { cookie: `tm_session=${token}` });
      const d = await newDevice(caller);
      // make sure there is at least one event to see
      const item = await makeItem(t.db, { kind: "equipment", status: "in_service", zoneCode: "HQ-EQ" });
      const od = await newDevice(ops);
      await ops.sync.push(
        batch(od, changeLabel(od, 1, { itemId: item.id, to: "under_maintenance", reason: "fault_found" }, { from: "in_service", version: 1 })),
      );
      const pages = await pullAll(caller, d, "0", await xidNow(t.db));
      const all = { zones: pages.flatMap((p) => p.zones), items: pages.flatMap((p) => p.items), events: pages.flatMap((p) => p.events) };
      expect(all.zones.length).toBe(7);
      if (IN_SCOPE.includes(role)) {
        expect(all.items.some((i) => i.id === item.id)).toBe(true);
        expect(all.events.some((e) => e.itemId === item.id)).toBe(true);
      } else {
        expect(all.items).toEqual([]);
        expect(all.events).toEqual([]);
      }
    });
  });

  describe.runIf(process.env.TEST_DB === "postgres")("concurrent writers (PostgreSQL)", () => {
    it("a transaction that commits after a later one is not skipped by a cursor that passed the later one", async () => {
      const d = await newDevice(keeper);
      const start = await caughtUp(keeper, d, t.db);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let early!: string;
      let begun!: () => void;
      const started = new Promise<void>((r) => (begun = r));
      // the early transaction takes its id first, then stays open
      const slow = t.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_current_xact_id()`);
        const [row] = await tx
          .insert(items)
          .values({ tagCode: `EARLY-${Date.now()}`, kind: "material", name: "slow", zoneCode: "WH1-IN", status: "received" })
          .returning();
        early = row!.id;
        begun();
        await held;
      });
      await started;
      const late = await makeItem(t.db, { tagCode: `LATE-${Date.now()}` });
      const during = await pullAll(keeper, d, start);
      // the late row comes at once (the open transaction holds nothing back, ADR 0042); the early one is not visible yet
      expect(during.flatMap((p) => p.items).map((i) => i.id)).not.toContain(early);
      expect(during.flatMap((p) => p.items).map((i) => i.id)).toContain(late.id);
      release();
      await slow;
      const after = await pullAll(keeper, d, during.at(-1)!.cursor, await xidNow(t.db));
      const seen = [...during, ...after].flatMap((p) => p.items.map((i) => i.id));
      expect(countIds(seen).get(early)).toBe(1);
      expect(countIds(seen).get(late.id)).toBe(1);
    });
  });
});
