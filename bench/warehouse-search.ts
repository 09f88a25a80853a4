/**
 * Stock search over 1,000,000 items (issue 14: each branch p95 ≤ 150 ms on PostgreSQL). A fresh database on
 * TEST_DATABASE_URL's (or DATABASE_URL's) server, migrated with the app's migrations, with the demo seed and a year and a
 * half of a warehouse, seeded deterministically in a few statements: 51 zones with the demo's (stock, inspection, quarantine areas for
 * each label, sites), 2,000 catalogue materials, 20,000 receipts of 5 lines each with their Quality Acceptance Forms,
 * ~955,000 received items (ST- tags after the demo's, one tag per serialised unit, one lot tag per bulk line, some lots split) and
 * equipment (EQ- tags) up to 1,000,000, every label. Then the office's search (server/warehouse/search.ts) for each
 * branch: 3 warm-up calls and 30 timed ones each, p50/p95/max, and EXPLAIN (ANALYZE, BUFFERS) of every SQL statement
 * the branch runs (node types and index names, to show index use). Writes bench/results/warehouse-search.json and exits
 * non-zero when a line misses the goal.   Run: npm run bench:warehouse-search [-- --runs 30 --keep]
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { eq } from "drizzle-orm";
import { openDb, type Db } from "@/db/client";
import * as schema from "@/db/schema";
import { seedDemo } from "@/server/seed/demo";
import { ZStockSearch } from "@/domain/warehouse/schemas";
import { searchStock } from "@/server/warehouse/search";
import { seedWarehouse } from "@/scripts/seed-scale-items";
import { explainAll, machine, timeCalls, tracedDb as traced } from "./lib/measure";

/** --keep: leave the database for EXPLAIN by hand; --reuse <name>: time again on a database a --keep run left (no seed). */
const { values } = parseArgs({ options: { runs: { type: "string" }, keep: { type: "boolean" }, reuse: { type: "string" } } });
const RUNS = Number(values.runs ?? 30);
const GOAL_MS = 150;
const BASE_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const NOW = new Date("2026-11-20T06:00:00Z");
const RECEIPTS = 20_000;
const TOTAL_ITEMS = 1_000_000;

const name = values.reuse ?? `tm_bench_wh_${randomBytes(4).toString("hex")}`;
if (!/^tm_bench_wh_[0-9a-f]{8}$/.test(name)) throw new Error(`not a bench database: ${name}`);
const admin = postgres(BASE_URL, { max: 1, onnotice: () => {} });
if (!values.reuse) await admin.unsafe(`create database ${name}`);
const url = BASE_URL.replace(/\/[^/]*$/, `/${name}`);

try {
  const handle = await openDb({ kind: "postgres", url });
  if (!values.reuse) await seedDemo(handle.db, NOW);
  const [keeper] = await handle.db.select().from(schema.users).where(eq(schema.users.role, "warehouse_keeper")).limit(1);
  const [inspector] = await handle.db.select().from(schema.users).where(eq(schema.users.role, "operations")).limit(1);
  if (!keeper || !inspector) throw new Error("the demo seed has no warehouse_keeper or operations user");
  const owner = postgres(url, { max: 1, onnotice: () => {} });
  const seedStart = performance.now();
  if (!values.reuse) await seedWarehouse(owner, { items: TOTAL_ITEMS, receipts: RECEIPTS, now: NOW, keeper: keeper.id, inspector: inspector.id });
  const seedMs = performance.now() - seedStart;
  const [stats] = await owner.unsafe<Record<string, number>[]>(`
    select (select count(*)::int from items) items, (select count(*)::int from items where tag_code like 'ST-%') stock_tags,
      (select count(*)::int from materials) materials, (select count(*)::int from receipts) receipts, (select count(*)::int from receipt_lines) receipt_lines,
      (select count(*)::int from zones) zones, (select count(distinct status)::int from items) labels,
      (select pg_total_relation_size('items')::bigint / 1048576)::int items_mb`);
  console.log(`seeded ${JSON.stringify(stats)} in ${(seedMs / 1000).toFixed(1)} s`);

  // a second connection whose statements are captured for EXPLAIN (as the app: APP_ROLE)
  const trace = traced(url);
  // the router's call: searchStock(db, input) with the parsed input
  const call = (d: Db, input: unknown) => searchStock(d, ZStockSearch.parse(input));

  const [sample] = await owner.unsafe<{ tag: string; dn: string; rc: string; mat: string }[]>(`
    select i.tag_code tag, r.delivery_note dn, r.code rc, i.material_code mat from items i join receipt_lines l on l.id = i.receipt_line_id
    join receipts r on r.id = l.receipt_id where i.tag_code = 'ST-512345'`);
  if (!sample) throw new Error("ST-512345 was not seeded");
  const firstPage = await call(handle.db, { zoneCode: "WH1-A07" });
  const cases: { name: string; input: Record<string, unknown> }[] = [
    { name: "exact tag", input: { q: sample.tag } },
    { name: "tag prefix (ST-5123)", input: { q: "ST-5123" } },
    { name: "delivery note", input: { q: sample.dn } },
    { name: "receipt code", input: { q: sample.rc } },
    { name: "material code", input: { q: sample.mat } },
    { name: "material name contains (中文: 光猫)", input: { q: "光猫" } },
    { name: "material name contains (中文, rare: 分光器 TP1)", input: { q: "分光器 TP1" } },
    { name: "material name contains (English: router)", input: { q: "router" } },
    { name: "material name contains (English, rare: patch cord F1)", input: { q: "patch cord F1" } },
    { name: "zone filter (WH1-A07)", input: { zoneCode: "WH1-A07" } },
    { name: "zone + label filter (WH1-Q-RET, returned)", input: { zoneCode: "WH1-Q-RET", status: "returned" } },
    { name: "zone + label filter (WH1-A03, in_use: none)", input: { zoneCode: "WH1-A03", status: "in_use" } },
    { name: "label filter only (scrapped)", input: { status: "scrapped" } },
    { name: "label filter only (accepted)", input: { status: "accepted" } },
    { name: "label filter only (in_use: issued, no zone)", input: { status: "in_use" } },
    { name: "second page (keyset, WH1-A07)", input: { zoneCode: "WH1-A07", cursor: firstPage.next ?? undefined } },
    { name: "no match (ST-999998)", input: { q: "ST-999998" } },
  ];

  const lines = [];
  for (const c of cases) {
    const rows = (await call(handle.db, c.input)).rows.length;
    const times = await timeCalls(() => call(handle.db, c.input), RUNS);
    trace.captured.length = 0;
    await call(trace.db, c.input);
    const statements = await explainAll(owner, trace.captured);
    const line = {
      name: c.name,
      input: c.input,
      p50Ms: times.p50Ms,
      p95Ms: times.p95Ms,
      maxMs: times.maxMs,
      rows,
      pass: times.p95 <= GOAL_MS,
      statements,
    };
    lines.push(line);
    const nodes = [...new Set(statements.flatMap((s) => s.nodes))].join(", ");
    console.log(
      `${line.pass ? "PASS" : "FAIL"} ${c.name.padEnd(50)} p50 ${line.p50Ms.toFixed(1).padStart(6)}  p95 ${line.p95Ms.toFixed(1).padStart(6)}  max ${line.maxMs.toFixed(1).padStart(6)} ms  rows ${rows}  [${nodes}]`,
    );
  }

  const result = {
    goal: `each search branch p95 ≤ ${GOAL_MS} ms over ${TOTAL_ITEMS.toLocaleString("en")} items on PostgreSQL`,
    verdict: lines.every((l) => l.pass) ? "PASS" : "FAIL",
    database: {
      server: (await owner.unsafe<{ v: string }[]>(`select version() v`))[0]?.v ?? "",
      seeded: stats,
      seedSeconds: values.reuse ? null : Math.round(seedMs / 100) / 10,
      reused: Boolean(values.reuse),
    },
    machine: machine(),
    runsPerLine: RUNS,
    call: "searchStock(db, ZStockSearch.parse(input)), as the router calls it",
    lines: lines.map(({ pass, ...l }) => ({ ...l, verdict: pass ? "PASS" : "FAIL" })),
    measuredAt: new Date().toISOString(),
  };
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/warehouse-search.json", `${JSON.stringify(result, null, 2)}\n`);
  console.log(`verdict ${result.verdict}; written bench/results/warehouse-search.json`);
  await trace.end();
  await owner.end();
  await handle.close();
  process.exitCode = result.verdict === "PASS" ? 0 : 1;
} finally {
  if (values.keep || values.reuse) console.log(`kept database ${name}`);
  else await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
