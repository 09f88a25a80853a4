/**
 * The office's lists at size (issue 18: first page and next page ≤ 50 ms p95, search ≤ 150 ms p95, an item's history
 * ≤ 50 ms p95, on PostgreSQL). A throwaway database on TEST_DATABASE_URL's (or DATABASE_URL's) server seeded by
 * seed:scale (scripts/seed-scale-lib.ts: 1,000,000 items, 10,000,000 label events, 200,000 work orders, 50,000
 * complaints, 20,000 instruments by default), or one a --keep run left (--reuse). Each line calls the app's own server
 * function as its router does (input parsed by the router's zod schema): 3 warm-ups, then --runs timed calls,
 * p50/p95/max; then EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of every statement the call ran (node types, index
 * names, execution ms). Writes bench/results/lists.json, prints PASS/FAIL per line, exits non-zero on a FAIL.
 *   Run: npm run bench:lists [-- --runs 30 --keep | --reuse tm_bench_lists_… | --items 1000000 --events 10000000]
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { openDb, type Db } from "@/db/client";
import type { SessionUser } from "@/server/auth/session";
import { ZDeskQuery } from "@/domain/complaints/schemas";
import { ZRegisterPageInput } from "@/domain/instruments/schemas";
import { ZStockSearch } from "@/domain/warehouse/schemas";
import { ZDeskFilter } from "@/domain/work-orders/schemas";
import { complaintDesk } from "@/server/complaints/desk";
import { registerPage } from "@/server/instruments/service";
import { itemDetail } from "@/server/warehouse/item-history";
import { searchStock } from "@/server/warehouse/search";
import { listDesk } from "@/server/work-orders/office-desk";
import { DEFAULT_SIZE, seedScale, SCALE_NOW } from "@/scripts/seed-scale-lib";
import { explainAll, machine, timeCalls, tracedDb } from "./lib/measure";

const { values } = parseArgs({
  options: {
    runs: { type: "string" },
    keep: { type: "boolean" },
    reuse: { type: "string" },
    items: { type: "string" },
    events: { type: "string" },
    /** Only the lines whose name contains this (written to bench/results/lists-only.json, not lists.json). */
    only: { type: "string" },
  },
});
const RUNS = Number(values.runs ?? 30);
const GOALS = { list: 50, search: 150, history: 50 } as const;
type TGroup = keyof typeof GOALS;
const BASE_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const size = { ...DEFAULT_SIZE, items: Number(values.items ?? DEFAULT_SIZE.items), events: Number(values.events ?? DEFAULT_SIZE.events) };

const name = values.reuse ?? `tm_bench_lists_${randomBytes(4).toString("hex")}`;
if (!/^tm_bench_lists_[0-9a-z_]{1,40}$/.test(name)) throw new Error(`not a bench database: ${name}`);
const admin = postgres(BASE_URL, { max: 1, onnotice: () => {} });
if (!values.reuse) await admin.unsafe(`create database ${name}`);
const url = BASE_URL.replace(/\/[^/]*$/, `/${name}`);

interface TCase {
  group: TGroup;
  name: string;
  call: (db: Db) => Promise<unknown>;
}

try {
  const seeded = values.reuse ? null : await seedScale(url, size, { log: (l) => console.log(`seed: ${l}`) });
  const handle = await openDb({ kind: "postgres", url });
  const owner = postgres(url, { max: 1, onnotice: () => {} });
  const user = async (username: string): Promise<SessionUser> => {
    const [u] = await owner<SessionUser[]>`select id, username, display_name as "displayName", role, department from users where username = ${username}`;
    if (!u) throw new Error(`${username} was not seeded`);
    return u;
  };
  const keeper = await user("scale-keeper");
  const clerk = await user("scale-clerk");
  // the desks' "now": the seed's, so what is open and overdue is the same on any day
  const now = SCALE_NOW;
  const db = handle.db;
  const [sample] = await owner<{ tag: string; zone: string; wo: string; woPhone: string; cp: string; phone: string }[]>`
    select (select tag_code from items where tag_code like 'ST-%' order by md5(tag_code) limit 1) tag,
      (select zone_code from items where zone_code like 'WH1-A%' group by zone_code order by count(*) desc limit 1) zone,
      (select code from work_orders order by code offset 1234 limit 1) wo,
      (select contact from work_orders order by code offset 2345 limit 1) "woPhone", (select code from complaints order by code offset 321 limit 1) cp,
      (select contact_digits from complaints order by code offset 321 limit 1) phone`;
  if (!sample?.tag) throw new Error("the database has no seeded items");

  // first pages (as the screens ask), and the inputs of each next page from the first page's cursor
  const stock = (input: unknown) => (d: Db) => searchStock(d, ZStockSearch.parse(input));
  const woDesk = (input: unknown) => (d: Db) => listDesk({ db: d, filter: ZDeskFilter.parse(input), now });
  const cpDesk = (input: unknown) => (d: Db) => complaintDesk(d, clerk, ZDeskQuery.parse(input), now);
  const instruments = (input: unknown) => (d: Db) => registerPage({ db: d, input: ZRegisterPageInput.parse(input) });
  const stockNext = (await searchStock(db, ZStockSearch.parse({ zoneCode: sample.zone }))).next ?? undefined;
  const woOpenNext = (await listDesk({ db, filter: ZDeskFilter.parse({}), now })).nextCursor;
  const woClosedNext = (await listDesk({ db, filter: ZDeskFilter.parse({ group: "closed" }), now })).nextCursor;
  const cpOpenNext = (await complaintDesk(db, clerk, ZDeskQuery.parse({}), now)).nextCursor ?? undefined;
  const inNext = (await registerPage({ db, input: ZRegisterPageInput.parse({}) })).nextCursor ?? undefined;
  const inOverdue = (await registerPage({ db, input: ZRegisterPageInput.parse({ calibration: "overdue" }) })).nextCursor ?? undefined;
  const cpAllNext = (await complaintDesk(db, clerk, ZDeskQuery.parse({ state: "all" }), now)).nextCursor ?? undefined;

  const cases: TCase[] = [
    { group: "list", name: "stock: zone's first page", call: stock({ zoneCode: sample.zone }) },
    { group: "list", name: "stock: zone's next page (keyset)", call: stock({ zoneCode: sample.zone, cursor: stockNext }) },
    { group: "list", name: "stock: label's first page (accepted)", call: stock({ status: "accepted" }) },
    { group: "list", name: "work orders desk: open, first page", call: woDesk({}) },
    { group: "list", name: "work orders desk: open, next page (keyset)", call: woDesk({ cursor: woOpenNext }) },
    { group: "list", name: "work orders desk: closed, first page", call: woDesk({ group: "closed" }) },
    { group: "list", name: "work orders desk: closed, next page (keyset)", call: woDesk({ group: "closed", cursor: woClosedNext }) },
    { group: "list", name: "complaints desk: open, first page", call: cpDesk({}) },
    { group: "list", name: "complaints desk: open, next page (keyset)", call: cpDesk({ cursor: cpOpenNext }) },
    { group: "list", name: "complaints desk: all, first page", call: cpDesk({ state: "all" }) },
    { group: "list", name: "complaints desk: all, next page (keyset)", call: cpDesk({ state: "all", cursor: cpAllNext }) },
    { group: "list", name: "instruments register: first page", call: instruments({}) },
    { group: "list", name: "instruments register: next page (keyset)", call: instruments({ cursor: inNext }) },
    { group: "list", name: "instruments register: overdue, next page (keyset)", call: instruments({ calibration: "overdue", cursor: inOverdue }) },
    { group: "search", name: "stock search: exact tag", call: stock({ q: sample.tag }) },
    { group: "search", name: "stock search: material name (光猫)", call: stock({ q: "光猫" }) },
    { group: "search", name: "work orders search: code", call: woDesk({ group: "all", q: sample.wo }) },
    { group: "search", name: "work orders search: customer name", call: woDesk({ group: "all", q: "客户 4321 号" }) },
    { group: "search", name: "work orders search: phone", call: woDesk({ group: "all", q: sample.woPhone }) },
    { group: "search", name: "complaints search: form number", call: cpDesk({ state: "all", search: sample.cp }) },
    { group: "search", name: "complaints search: phone digits", call: cpDesk({ state: "all", search: sample.phone.slice(0, 7) }) },
    { group: "search", name: "instruments search: asset tag", call: instruments({ q: "IN-101234" }) },
    { group: "search", name: "instruments search: model (AQ7280)", call: instruments({ q: "AQ7280" }) },
    { group: "history", name: "an item's history (warehouse.item)", call: (d) => itemDetail(d, keeper, sample.tag) },
  ];

  const trace = tracedDb(url);
  const lines = [];
  for (const c of cases.filter((x) => !values.only || x.name.includes(values.only))) {
    const result = await c.call(db);
    const times = await timeCalls(() => c.call(db), RUNS);
    trace.captured.length = 0;
    await c.call(trace.db);
    const statements = await explainAll(owner, trace.captured);
    const pass = times.p95 <= GOALS[c.group];
    lines.push({
      group: c.group,
      name: c.name,
      goalMs: GOALS[c.group],
      p50Ms: times.p50Ms,
      p95Ms: times.p95Ms,
      maxMs: times.maxMs,
      rows: rowsOf(result),
      verdict: pass ? "PASS" : "FAIL",
      statements,
    });
    const nodes = [...new Set(statements.flatMap((s) => s.nodes))].join(", ");
    console.log(
      `${pass ? "PASS" : "FAIL"} ${c.name.padEnd(46)} p50 ${times.p50Ms.toFixed(1).padStart(6)}  p95 ${times.p95Ms.toFixed(1).padStart(6)}  max ${times.maxMs.toFixed(1).padStart(6)} ms (≤ ${GOALS[c.group]})  rows ${rowsOf(result)}  [${nodes}]`,
    );
  }
  const settings = await owner.unsafe<{ name: string; setting: string }[]>(
    `select name, setting || coalesce(unit, '') as setting from pg_settings where name in ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'max_parallel_workers_per_gather')`,
  );
  const [counts] = await owner.unsafe<
    Record<string, number>[]
  >(`select (select count(*)::int from items) items, (select count(*)::int from item_label_events) item_label_events,
    (select count(*)::int from work_orders) work_orders, (select count(*)::int from complaints) complaints, (select count(*)::int from instruments) instruments`);
  const out = {
    goal: "office lists first and next page ≤ 50 ms p95, search ≤ 150 ms p95, an item's history ≤ 50 ms p95 (issue 18)",
    verdict: lines.every((l) => l.verdict === "PASS") ? "PASS" : "FAIL",
    database: {
      server: (await owner.unsafe<{ v: string }[]>(`select version() v`))[0]?.v ?? "",
      rows: counts,
      settings: Object.fromEntries(settings.map((s) => [s.name, s.setting])),
      seed: seeded,
      reused: values.reuse ?? null,
    },
    machine: machine(),
    runsPerLine: RUNS,
    warmUps: 3,
    call: "each server function as its router calls it (input parsed by the router's zod schema), on the app's pooled connection",
    lines,
    measuredAt: new Date().toISOString(),
  };
  mkdirSync("bench/results", { recursive: true });
  const file = values.only ? "bench/results/lists-only.json" : "bench/results/lists.json";
  writeFileSync(file, `${JSON.stringify({ ...out, only: values.only ?? null }, null, 2)}\n`);
  console.log(`verdict ${out.verdict}; written ${file}`);
  await trace.end();
  await owner.end();
  await handle.close();
  process.exitCode = out.verdict === "PASS" ? 0 : 1;
} finally {
  if (values.keep || values.reuse) console.log(`kept database ${name}`);
  else await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}

/** How many rows a call returned (its page, its matches, or its history). */
function rowsOf(r: unknown): number {
  if (Array.isArray(r)) return r.length;
  const o = r as Record<string, unknown>;
  for (const k of ["rows", "items", "history"]) if (Array.isArray(o[k])) return (o[k] as unknown[]).length;
  return 0;
}
