/**
 * seed:scale (issue 18): an operator's data at the size asked for, on PostgreSQL, deterministic (same arguments, same
 * rows: md5-made ids, every choice a function of the row number, identity ids in insertion order). The database is
 * migrated with the app's migrations first; one that already holds records is refused unless `append`.
 */
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { openDb } from "@/db/client";
import { seedLabelEvents, seedStockEvents } from "./seed-scale-events";
import { seedBaseZones, seedWarehouse } from "./seed-scale-items";
import { seedComplaints, seedInstruments, seedPeople, seedWorkOrders } from "./seed-scale-office";

export interface TScaleSize {
  items: number;
  events: number;
  workOrders: number;
  complaints: number;
  instruments: number;
}

export const DEFAULT_SIZE: TScaleSize = { items: 1_000_000, events: 10_000_000, workOrders: 200_000, complaints: 50_000, instruments: 20_000 };
/** The seed's "now" (not the clock's: the same arguments make the same rows on any day). */
export const SCALE_NOW = new Date("2026-11-20T06:00:00Z");

export interface TScaleResult {
  seconds: Record<string, number>;
  totalSeconds: number;
  rows: Record<string, number>;
  megabytes: Record<string, number>;
}

const TABLES = ["items", "item_label_events", "stock_events", "work_orders", "complaints", "instruments", "receipts", "receipt_lines", "acceptance_forms"];

export async function seedScale(
  url: string,
  size: TScaleSize,
  opts: { append?: boolean; log?: (line: string) => void; now?: Date } = {},
): Promise<TScaleResult> {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error("seed:scale needs PostgreSQL (a postgres:// DATABASE_URL): scale is PostgreSQL's, not PGlite's");
  const log = opts.log ?? (() => {});
  const now = opts.now ?? SCALE_NOW;
  const seconds: Record<string, number> = {};
  const step = async (name: string, f: () => Promise<unknown>) => {
    const t0 = performance.now();
    await f();
    seconds[name] = Math.round((performance.now() - t0) / 100) / 10;
    log(`${name} ${seconds[name]} s`);
  };
  const start = performance.now();
  await step("migrate", async () => (await openDb({ kind: "postgres", url }, { asOwner: true })).close());
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [held] = await sql.unsafe<{ n: number }[]>(`select (select count(*) from items) + (select count(*) from work_orders)
      + (select count(*) from complaints) + (select count(*) from instruments) + (select count(*) from users) as n`);
    if (Number(held?.n) > 0 && !opts.append) throw new Error("the database already holds records: seed:scale refuses it (pass --append to add to it)");
    await sql.unsafe(`set maintenance_work_mem = '256MB'`);
    const people = await seedPeople(sql);
    await seedBaseZones(sql);
    await step("items", () =>
      seedWarehouse(sql, { items: size.items, receipts: Math.max(1, Math.round(size.items / 50)), now, keeper: people.keeper, inspector: people.inspector }),
    );
    await step("stock_events", () => seedStockEvents(sql, people.keeper));
    // the events' foreign key to items holds by construction (a join on items); off its per-row check, 10,000,000
    // share-locks on item rows are not taken. Triggers are back on right after (a superuser's setting; skipped if not one).
    const [su] = await sql.unsafe<{ su: boolean }[]>(`select rolsuper su from pg_roles where rolname = current_user`);
    if (su?.su) await sql.unsafe(`set session_replication_role = replica`);
    await step("item_label_events", () => seedLabelEvents(sql, size.events, now, people.inspector, log));
    if (su?.su) await sql.unsafe(`set session_replication_role = origin`);
    await step("work_orders", async () => {
      for (let from = 1; from <= size.workOrders; from += 100_000) {
        await seedWorkOrders(sql, size.workOrders, now, from, Math.min(size.workOrders, from + 99_999), people.clerk);
        log(`work_orders ${Math.min(size.workOrders, from + 99_999).toLocaleString("en")} / ${size.workOrders.toLocaleString("en")}`);
      }
    });
    await step("complaints", () => seedComplaints(sql, size.complaints, now, people.clerk));
    await step("instruments", () => seedInstruments(sql, size.instruments, now, people.keeper));
    await step("vacuum analyze", async () => {
      for (const t of TABLES) await sql.unsafe(`vacuum analyze ${t}`);
    });
    const rows: Record<string, number> = {};
    const megabytes: Record<string, number> = {};
    for (const t of TABLES) {
      const [r] = await sql.unsafe<{ n: number; mb: number }[]>(
        `select (select count(*)::int from ${t}) n, round(pg_total_relation_size('${t}') / 1048576.0, 1)::float8 mb`,
      );
      rows[t] = r!.n;
      megabytes[t] = r!.mb;
    }
    return { seconds, totalSeconds: Math.round((performance.now() - start) / 100) / 10, rows, megabytes };
  } finally {
    await sql.end();
  }
}

/** An md5 over the seeded tables' rows in a fixed order (ids, codes, labels, times): equal for equal seeds. */
export async function seedChecksum(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [r] = await sql.unsafe<{ h: string }[]>(`select md5(
      (select string_agg(md5(concat_ws('|', id, tag_code, status, zone_code, version, quantity, updated_at)), '' order by tag_code collate "C") from items)
      || (select string_agg(md5(concat_ws('|', id, item_id, from_status, to_status, reason, to_zone, server_time, version_after)), '' order by id) from item_label_events)
      || (select string_agg(md5(concat_ws('|', id, item_id, kind, quantity, ref, at)), '' order by id) from stock_events)
      || (select string_agg(md5(concat_ws('|', id, code, status, assigned_to, due_at, scheduled_for)), '' order by code) from work_orders)
      || (select string_agg(md5(concat_ws('|', id, code, status, category, received_at)), '' order by code) from complaints)
      || (select string_agg(md5(concat_ws('|', id, asset_tag, status, calibration_due)), '' order by asset_tag) from instruments)) h`);
    return r!.h;
  } finally {
    await sql.end();
  }
}
