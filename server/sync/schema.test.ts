import { Column, getTableName, is, sql, SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FEEDS } from "@/server/sync/domains";
import { createTestDb, type TestDb } from "@/tests/helpers/db";

/**
 * Issue 12: a synced table needs its `txid` stamped on every insert and update (0002_txid_triggers.sql), and the
 * app's role (ADR 0018) needs to read it. Forget the trigger and an UPDATE keeps the row's old txid: phones that
 * pulled past it never see the change, and nothing else fails. This test reads the migrated schema itself.
 */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.close());

/** The rows of a raw query, whichever driver answers (postgres-js: an array; PGlite: `{ rows }`). */
async function rows<T>(q: SQL): Promise<T[]> {
  const r: unknown = await t.db.execute(q);
  return Array.isArray(r) ? (r as T[]) : ((r as { rows?: T[] }).rows ?? []);
}

/** The tables whose txid column pages each feed: a column, or the columns inside an expression (greatest(…)). */
function feedTables(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (feed: string, col: Column) => {
    if (col.name !== "txid") return;
    const table = getTableName(col.table);
    out.set(table, (out.get(table) ?? new Set()).add(feed));
  };
  const walk = (feed: string, x: unknown) => {
    if (is(x, Column)) add(feed, x);
    else if (is(x, SQL)) for (const chunk of x.queryChunks) walk(feed, chunk);
    else if (x && typeof x === "object" && "sql" in x && is(x.sql, SQL)) walk(feed, (x as { sql: SQL }).sql);
  };
  for (const [name, f] of Object.entries(FEEDS)) walk(name, f.txid);
  return out;
}

/**
 * Tables with a row-level BEFORE INSERT OR UPDATE trigger running tm_stamp_txid(), enabled for ordinary sessions
 * ('O' or 'A', not replica-only), with no WHEN condition and no `UPDATE OF` column list (both would skip rows).
 */
async function stampedTables(): Promise<string[]> {
  // tgtype bits: 1 row, 2 before, 4 insert, 16 update (pg_trigger.h)
  return (
    await rows<{ table_name: string; tgtype: number; tgenabled: string; every_row: boolean }>(sql`
      select c.relname as table_name, t.tgtype::int as tgtype, t.tgenabled::text as tgenabled,
             (t.tgqual is null and t.tgattr::text = '') as every_row
      from pg_trigger t
      join pg_class c on c.oid = t.tgrelid
      join pg_namespace n on n.oid = c.relnamespace
      join pg_proc p on p.oid = t.tgfoid
      where n.nspname = 'public' and p.proname = 'tm_stamp_txid' and not t.tgisinternal`)
  )
    .filter(
      (r) =>
        (r.tgtype & 1) === 1 &&
        (r.tgtype & 2) === 2 &&
        (r.tgtype & 4) === 4 &&
        (r.tgtype & 16) === 16 &&
        (r.tgenabled === "O" || r.tgenabled === "A") &&
        r.every_row,
    )
    .map((r) => r.table_name);
}

describe("synced tables in the migrated schema", () => {
  it("every feed is paged by txid columns of real tables (found through expressions too)", () => {
    const tables = feedTables();
    // each feed contributes at least one table; the child feeds also page by their order's txid
    for (const name of Object.keys(FEEDS))
      expect(
        [...tables.values()].some((feeds) => feeds.has(name)),
        name,
      ).toBe(true);
    expect(tables.get("work_orders")?.size).toBeGreaterThan(1);
  });

  it("every table with a txid column, and every table a feed pages by, stamps it on INSERT and UPDATE", async () => {
    const withTxid = (
      await rows<{ table_name: string }>(sql`
        select c.table_name from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and c.column_name = 'txid' and t.table_type = 'BASE TABLE'
        order by c.table_name`)
    ).map((r) => r.table_name);
    const stamped = await stampedTables();
    const fed = [...feedTables().keys()];
    expect(withTxid.length).toBeGreaterThanOrEqual(fed.length);
    for (const table of new Set([...withTxid, ...fed])) {
      expect(withTxid, `${table} is paged by a feed but has no txid column`).toContain(table);
      expect(stamped, `${table} has a txid column but no BEFORE INSERT OR UPDATE trigger running tm_stamp_txid()`).toContain(table);
    }
  });

  it("the check sees a trigger that is missing (dropped here, then put back)", async () => {
    await t.asOwner(async (owner) => {
      await owner.execute(sql`drop trigger zones_stamp_txid on zones`);
      try {
        expect(await stampedTables()).not.toContain("zones");
      } finally {
        await owner.execute(sql`create trigger zones_stamp_txid before insert or update on zones for each row execute function tm_stamp_txid()`);
      }
    });
    expect(await stampedTables()).toContain("zones");
  });

  it("an UPDATE moves the row's txid forward (the trigger, not only the column default)", async () => {
    await t.db.execute(sql`insert into sites (code, name_zh, name_en, address) values ('TXID-S', '测试', 'test', '-')`);
    await t.db.execute(sql`insert into zones (code, site_code, kind, name_zh, name_en) values ('TXID-Z', 'TXID-S', 'site', '测试区', 'test zone')`);
    const txidOf = async () => BigInt((await rows<{ txid: string }>(sql`select txid::text as txid from zones where code = 'TXID-Z'`))[0]!.txid);
    const before = await txidOf();
    await t.db.execute(sql`update zones set name_en = 'test zone 2' where code = 'TXID-Z'`);
    expect(await txidOf()).toBeGreaterThan(before);
  });

  it("the app's role may read and add rows of every synced table", async () => {
    for (const table of feedTables().keys()) {
      const [r] = await rows<{ s: boolean; i: boolean }>(sql`
          select has_table_privilege('tracemark_app', ${`public.${table}`}, 'SELECT') as s,
                 has_table_privilege('tracemark_app', ${`public.${table}`}, 'INSERT') as i`);
      expect(r, table).toEqual({ s: true, i: true });
    }
  });
});
