/**
 * The monthly report's computation over three years of records (issue 17, ADR 0041: ≤ 5 s over 1,000,000 work orders
 * on PostgreSQL). A scratch database on TEST_DATABASE_URL's (or DATABASE_URL's) server, migrated with the app's
 * migrations, seeded deterministically (bench/analysis-report-seed.ts: 1,000,000 work orders, 100,000 complaints,
 * nonconformities, corrective actions, equipment checks, sign-offs, spot-check marks, billing checks, property cases,
 * instruments), then VACUUM ANALYZE. Timed, as the app (APP_ROLE): the whole monthly report (buildReport), and apart
 * periodMetrics and the Pareto of complaints by category, for the operator month 2026-10: one cold run (a new
 * connection pool, new backends; the server's caches are whatever the seed left) and 5 warm ones. EXPLAIN (ANALYZE,
 * BUFFERS) of every statement; the two heaviest' plans are kept as text. Writes bench/results/analysis-report.json and
 * exits non-zero when the goal is missed.   Run: flock /tmp/tm-bench.lock npm run bench:analysis [-- --runs 5 --keep --reuse]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { register } from "node:module";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { Db } from "@/db/client";

// why a resolve hook and no react-server condition (as bench/pdf.ts): the Pareto names its bars from the server
// catalogue (next-intl), whose react-server entry plain Node cannot load; `server-only` resolves to an empty module.
register(
  `data:text/javascript,${encodeURIComponent(
    'export async function resolve(s, c, next) { return s === "server-only" ? { url: "data:text/javascript,export {}", shortCircuit: true } : next(s, c); }',
  )}`,
);
const { drizzle } = await import("drizzle-orm/postgres-js");
const { default: postgres } = await import("postgres");
const { APP_ROLE, openDb } = await import("@/db/client");
const schema = await import("@/db/schema");
const { periodMetrics } = await import("@/server/analysis/metrics");
const { paretoBlock } = await import("@/server/analysis/pareto");
const { buildReport } = await import("@/server/analysis/report-build");
const { monthPeriod } = await import("@/domain/analysis/periods");
const { seed } = await import("./analysis-report-seed");

/** --keep: leave the database; --reuse: time again on the database a --keep run left (no seed). */
const { values } = parseArgs({ options: { runs: { type: "string" }, keep: { type: "boolean" }, reuse: { type: "boolean" } } });
const RUNS = Number(values.runs ?? 5);
const GOAL_MS = 5000;
const FROM = "2026-10-01";
const TO = "2026-10-31";
const NAME = "tracemark_bench_analysis";
const BASE_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const url = BASE_URL.replace(/\/[^/]*$/, `/${NAME}`);
const ms = (x: number) => Math.round(x * 10) / 10;

const admin = postgres(BASE_URL, { max: 1, onnotice: () => {} });
if (!values.reuse) {
  await admin.unsafe(`drop database if exists ${NAME} with (force)`);
  await admin.unsafe(`create database ${NAME}`);
}

/**
 * The monthly report as the reports job makes it (server/analysis/report-build.ts buildReport: the month's metrics,
 * the same month last year, the targets statement, three Paretos, satisfaction, the 12-month trend), timed whole; the
 * month's metrics and the complaints Pareto are also timed alone, to show where the time goes.
 */
async function report(db: Db): Promise<{ totalMs: number; metricsMs: number; paretoMs: number; check: string }> {
  const t0 = performance.now();
  const r = await buildReport(db, "monthly", monthPeriod(Number(FROM.slice(0, 4)), Number(FROM.slice(5, 7))));
  const t1 = performance.now();
  const m = await periodMetrics(db, FROM, TO);
  const t2 = performance.now();
  const p = await paretoBlock(db, "complaints_by_category", FROM, TO);
  const t3 = performance.now();
  const created = Object.values(m.workOrders.byKind).reduce((s, k) => s + k.created, 0);
  return {
    totalMs: t1 - t0,
    metricsMs: t2 - t1,
    paretoMs: t3 - t2,
    check: `report blocks ${r.blocks.length}; orders created ${created}, complaints ${m.complaints.received}, pareto total ${p.total}`,
  };
}

try {
  const seedStart = performance.now();
  if (!values.reuse) {
    const migrated = await openDb({ kind: "postgres", url, max: 1 });
    await migrated.close();
    const owner = postgres(url, { max: 1, onnotice: () => {} });
    await seed(owner, (s) => console.log(`  seeded ${s}`));
    await owner.unsafe(`vacuum analyze`);
    await owner.end();
  }
  const seedMs = performance.now() - seedStart;
  const owner = postgres(url, { max: 1, onnotice: () => {} });
  const tables = ["work_orders", "complaints", "nonconformities", "corrective_actions", "equipment_checks", "equipment_check_withdrawals"];
  const more = ["work_order_signoffs", "spot_check_marks", "billing_checks", "property_cases", "property_letters", "instruments", "instrument_loans"];
  const [rows] = await owner.unsafe<Record<string, number>[]>(`select ${[...tables, ...more].map((t) => `(select count(*)::int from ${t}) ${t}`).join(", ")}`);
  console.log(`rows ${JSON.stringify(rows)}; seed ${(seedMs / 1000).toFixed(1)} s`);

  // cold: a pool of its own, opened now (no backend has planned or read anything yet)
  const cold = await openDb({ kind: "postgres", url }, { migrate: false });
  const coldRun = await report(cold.db);
  await cold.close();
  console.log(`cold ${ms(coldRun.totalMs)} ms (metrics ${ms(coldRun.metricsMs)}, pareto ${ms(coldRun.paretoMs)}) — ${coldRun.check}`);

  const handle = await openDb({ kind: "postgres", url }, { migrate: false });
  const warm = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await report(handle.db);
    warm.push(r);
    console.log(`warm ${i + 1}: ${ms(r.totalMs)} ms (metrics ${ms(r.metricsMs)}, pareto ${ms(r.paretoMs)})`);
  }
  await handle.close();
  const totals = warm.map((r) => r.totalMs).sort((a, b) => a - b);
  const p95 = totals[Math.min(totals.length - 1, Math.ceil(0.95 * totals.length) - 1)]!;

  // every statement the report runs, captured as the app sends it, then EXPLAIN (ANALYZE, BUFFERS) as the app's role
  const captured: { sql: string; params: unknown[] }[] = [];
  const traced = postgres(url, { max: 1, onnotice: () => {}, connection: { role: APP_ROLE } });
  const tracedDb = drizzle({ client: traced, schema, logger: { logQuery: (q, p) => void captured.push({ sql: q, params: p }) } }) as unknown as Db;
  await report(tracedDb);
  const explained = [];
  for (const s of captured) {
    const plan = await traced.unsafe<{ "QUERY PLAN": string }[]>(`explain (analyze, buffers) ${s.sql}`, s.params as never[]);
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    const exec = Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? 0);
    explained.push({ sql: s.sql, params: s.params, executionMs: exec, plan: text });
  }
  await traced.end();
  explained.sort((a, b) => b.executionMs - a.executionMs);
  const pass = coldRun.totalMs <= GOAL_MS && p95 <= GOAL_MS;

  const result = {
    what: `the monthly report for ${FROM.slice(0, 7)} built whole (buildReport: metrics, last year's month, statement, Paretos, satisfaction, 12-month trend), as APP_ROLE through the app's pool; parts: periodMetrics and paretoBlock(complaints_by_category) alone`,
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? "",
      memGb: Math.round(os.totalmem() / 2 ** 30),
      load: os.loadavg().map((x) => Math.round(x * 100) / 100),
      server: (await owner.unsafe<{ v: string }[]>(`select version() v`))[0]?.v ?? "",
    },
    rows,
    seedSeconds: values.reuse ? null : Math.round(seedMs / 100) / 10,
    runs: { cold: 1, warm: RUNS },
    cold_ms: ms(coldRun.totalMs),
    cold_parts_ms: { metrics: ms(coldRun.metricsMs), pareto: ms(coldRun.paretoMs) },
    warm_ms: warm.map((r) => ms(r.totalMs)),
    warm_p95_ms: ms(p95),
    warm_max_ms: ms(totals.at(-1)!),
    goal_ms: GOAL_MS,
    pass,
    check: coldRun.check,
    statements: explained.map((e) => ({ executionMs: e.executionMs, sql: e.sql.length > 300 ? `${e.sql.slice(0, 300)}…` : e.sql })),
    explain_heaviest: explained.slice(0, 2).map((e) => ({ executionMs: e.executionMs, sql: e.sql, params: e.params, plan: e.plan })),
    measured_at: new Date().toISOString(),
  };
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/analysis-report.json", `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `${pass ? "PASS" : "FAIL"} cold ${result.cold_ms} ms, warm p95 ${result.warm_p95_ms} ms, max ${result.warm_max_ms} ms (goal ${GOAL_MS}); written bench/results/analysis-report.json`,
  );
  for (const e of explained.slice(0, 4)) console.log(`  ${e.executionMs} ms  ${e.sql.slice(0, 140)}`);
  await owner.end();
  process.exitCode = pass ? 0 : 1;
} finally {
  if (values.keep || values.reuse) console.log(`kept database ${NAME}`);
  else await admin.unsafe(`drop database if exists ${NAME} with (force)`);
  await admin.end();
}
