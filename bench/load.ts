/**
 * Load bench (issue 18): N simulated phones (tests/helpers/http-device.ts: the real protocol over HTTP, a session
 * each) push label changes and pull for a while against the production server over loopback; the database is then
 * checked (every change answered once, one event each, none lost or doubled). `npm run build` first.
 *
 *   npm run bench:load -- [--db pglite|postgres] [--phones 300] [--seconds 300] [--workload heavy|realistic|both]
 *                         [--ceiling [--steps 50,100,200,300,400,600] [--step-seconds 60]]
 *                         [--url http://127.0.0.1:8080 --database-url postgres://… ] [--procs N] [--profile DIR]
 *
 * heavy: a batch of 5 label changes every ~2 s and a pull every ~5 s per phone; realistic: one change a minute with a
 * photo and a pull every ~30 s. `--url` drives servers already running (several processes behind a balancer: say how
 * many with `--procs`), seeding its phones into `--database-url`. `--profile DIR` runs the server under
 * `node --cpu-prof` and logs PostgreSQL statements (bench/load-profile.ts reads both). Writes bench/results/load.json.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { RequestRecord } from "@/tests/helpers/http-device";
import { cpuPercent, cpuTicks, checkConsistency, machine, summarise } from "./load-report";
import { BENCH_PASSWORD, startWorld, urlWorld, type World } from "./load-setup";
import { cpuSummary, pgLogMark, pgLogSince } from "./load-profile";
import { bootPhone, drain, drive, pool, pushOne, type Phone, type Workload } from "./load-workload";

const { values: a } = parseArgs({
  options: {
    db: { type: "string", default: "postgres" },
    phones: { type: "string", default: "300" },
    seconds: { type: "string", default: "300" },
    workload: { type: "string", default: "heavy" },
    ceiling: { type: "boolean", default: false },
    steps: { type: "string", default: "50,100,200,300,400,600,800" },
    "step-seconds": { type: "string", default: "60" },
    url: { type: "string" },
    "database-url": { type: "string" },
    procs: { type: "string", default: "1" },
    profile: { type: "string" },
    "items-per-phone": { type: "string", default: "10" },
    port: { type: "string", default: "3470" },
    out: { type: "string", default: "bench/results/load.json" },
  },
});

const GOAL_MS = 300;
const CEILING_MS = 1000;
const db = a.db === "pglite" ? "pglite" : "postgres";
const procs = Number(a.procs);
if (procs > 1 && !a.url) {
  console.error("--procs N > 1: start the processes behind a balancer (docs/operations/several-processes.md) and pass --url and --database-url");
  process.exit(2);
}
const workloads: Workload[] = a.workload === "both" ? ["heavy", "realistic"] : [a.workload === "realistic" ? "realistic" : "heavy"];
const itemsPerPhone = Number(a["items-per-phone"]);
const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
// The server writes its output (a line per request) to a file, not to a pipe this busy process would read late: a
// write to a full pipe blocks the server's event loop (ADR 0049). Kept after the run, for its errors.
process.env.TM_SERVER_LOG ??= path.join(tmpdir(), `tm-load-server-${process.pid}.log`);
console.log(`server output: ${process.env.TM_SERVER_LOG}`);

async function openWorld(phones: number): Promise<World> {
  if (a.profile) mkdirSync(path.resolve(a.profile), { recursive: true });
  if (a.url) return urlWorld({ baseUrl: a.url, databaseUrl: a["database-url"], phones, itemsPerPhone });
  // Node 20 refuses --cpu-prof in NODE_OPTIONS: a preloaded inspector profiler writes on SIGUSR2 instead
  const profileEnv: Record<string, string> = a.profile
    ? { NODE_OPTIONS: `--require ${path.resolve("bench/load-cpu-prof.cjs")}`, LOAD_CPU_PROF_DIR: path.resolve(a.profile) }
    : {};
  return startWorld({ db, phones, itemsPerPhone, port: Number(a.port), env: profileEnv, logStatements: Boolean(a.profile) });
}

/**
 * This machine's PostgreSQL runs with autovacuum off (conf.d/90-ci.conf, a CI setting); a deployment runs it. Without
 * it the bench's tables grow from empty with no statistics, and plans made for an empty table (a sequential scan that
 * finds nothing, under an `exists`) cost more with every change. When autovacuum is off the bench stands in for it:
 * VACUUM (ANALYZE) of the bench database every 30 s while the phones drive. Recorded in the settings.
 */
async function standInForAutovacuum(world: World): Promise<() => Promise<void>> {
  if (db !== "postgres") return async () => {};
  const [row] = await world.sql<{ autovacuum: string }>("show autovacuum");
  if (row?.autovacuum === "on") return async () => {};
  vacuumStandIn = true;
  let last: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    last = last.then(() => world.sql("vacuum (analyze)")).catch((err: unknown) => console.error(`vacuum (analyze): ${String(err)}`));
  }, 30_000);
  return async () => {
    clearInterval(timer);
    await last;
  };
}
let vacuumStandIn = false;

/** One measured run: boots `seeds` phones, drives them for `seconds`, drains their outboxes. */
async function run(world: World, count: number, workload: Workload, seconds: number, offset: number) {
  const records: RequestRecord[] = [];
  const onRecord = (r: RequestRecord) => records.push(r);
  const t0 = performance.now();
  const phones: Phone[] = await pool(world.phones.slice(offset, offset + count), 8, (seed) => bootPhone(world.baseUrl, seed, BENCH_PASSWORD, onRecord));
  const bootSeconds = (performance.now() - t0) / 1000;
  console.log(`  ${count} phones logged in, registered and pulled their first load in ${bootSeconds.toFixed(1)} s; driving ${workload} for ${seconds} s`);
  const appPids = world.pids();
  const pgPids = await world.pgPids();
  const app0 = cpuTicks(appPids);
  const pg0 = cpuTicks(pgPids);
  const self0 = process.cpuUsage();
  const logMark = a.profile && world.dbName ? pgLogMark() : -1;
  const from = new Date().toISOString();
  const stopVacuum = await standInForAutovacuum(world);
  const w = await drive(phones, workload, seconds);
  await stopVacuum();
  const to = new Date().toISOString();
  const secs = (w.end - w.start) / 1000;
  const appCpu = cpuPercent(cpuTicks(appPids) - app0, secs);
  const pgCpu = cpuPercent(cpuTicks(pgPids) - pg0, secs);
  const self = process.cpuUsage(self0);
  const loadavg = machine().loadavg;
  const pg = logMark >= 0 && world.dbName ? pgLogSince(world.dbName, logMark) : null;
  const left = await drain(phones);
  const s = summarise(records, w);
  const offered = phones.reduce((n, p) => n + p.offeredIds.length, 0);
  const answeredInWindow = records
    .filter((r) => r.kind === "push" && r.outcome === "ok" && r.at >= w.start && r.at < w.end)
    .reduce((n, r) => n + (r.count ?? 0), 0);
  return {
    phones,
    result: {
      workload,
      phones: count,
      window: { from, to },
      seconds: +secs.toFixed(1),
      boot_seconds: +bootSeconds.toFixed(1),
      ...s,
      mutations_offered: offered,
      mutations_per_second_answered: +(answeredInWindow / secs).toFixed(1),
      left_after_drain: left,
      app_cpu_percent: appCpu,
      app_processes: appPids.length,
      pg_cpu_percent: pgPids.length ? pgCpu : null,
      loadgen_cpu_percent: Math.round(((self.user + self.system) / 1e6 / secs) * 100),
      loadavg,
      ...(pg ? { pg_statements: { total: pg.statements, ms: pg.ms, by_statement: pg.by_statement.slice(0, 40) } } : {}),
    },
  };
}

const runs: Record<string, unknown>[] = [];
const fails: string[] = [];
const line = (ok: boolean, what: string) => {
  console.log(`${ok ? "PASS" : "FAIL"} ${what}`);
  if (!ok) fails.push(what);
};

for (const workload of workloads) {
  const steps = a.ceiling
    ? a.steps
        .split(",")
        .map(Number)
        .filter((n) => n > 0)
    : [Number(a.phones)];
  const total = a.ceiling ? steps.reduce((x, y) => x + y, 0) : steps[0]!;
  console.log(`${db}${a.url ? ` (${a.url}, ${procs} process${procs > 1 ? "es" : ""})` : ""}: seeding ${total} phones for ${workload}`);
  const world = await openWorld(total);
  const all: Phone[] = [];
  const stepResults: Record<string, unknown>[] = [];
  let ceiling: number | null = null;
  let lastPassing: number | null = null;
  try {
    let offset = 0;
    for (const count of steps) {
      const seconds = a.ceiling ? Number(a["step-seconds"]) : Number(a.seconds);
      const { phones, result } = await run(world, count, workload, seconds, offset);
      offset += count;
      all.push(...phones);
      stepResults.push(result);
      console.log(
        `  ${count} phones: push p50/p95/p99 ${result.push_ms.p50}/${result.push_ms.p95}/${result.push_ms.p99} ms, pull ${result.pull_ms.p50}/${result.pull_ms.p95}/${result.pull_ms.p99} ms, ` +
          `${result.mutations_per_second_answered} mutations/s, errors ${result.error_count}, app CPU ${result.app_cpu_percent} %, PG CPU ${result.pg_cpu_percent ?? "-"} %`,
      );
      if (!a.ceiling) break;
      if (Math.max(result.push_ms.p95, result.pull_ms.p95) > CEILING_MS) {
        ceiling = count;
        break;
      }
      lastPassing = count;
    }
    // the profile's probe: the statements of one pull and of one push of 5 changes, the other phones quiet
    let probe: Record<string, unknown> | null = null;
    if (a.profile && world.dbName && all[0]) {
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      await sleep(1000);
      const m1 = pgLogMark();
      const t1 = performance.now();
      const pulled = await all[0].device.pullAll();
      const pullMs = performance.now() - t1;
      await sleep(1000);
      const pullStats = pgLogSince(world.dbName, m1);
      const m2 = pgLogMark();
      const t2 = performance.now();
      // the workload's own batch: 5 label changes (heavy), or one with its photo (realistic: five photos would pass
      // the batch's byte limit, and the phone's engine sends them one by one)
      const probeChanges = workload === "realistic" ? 1 : 5;
      await pushOne(all[0], probeChanges, workload === "realistic");
      const pushMs = performance.now() - t2;
      await sleep(1000);
      probe = {
        pull: { request_ms: Math.round(pullMs), pages: pulled.pages, rows: pulled.rows, ...pullStats },
        push: { changes: probeChanges, request_ms: Math.round(pushMs), ...pgLogSince(world.dbName, m2) },
      };
    }
    if (a.profile && !a.url) {
      for (const pid of world.pids()) {
        try {
          process.kill(pid, "SIGUSR2");
        } catch {
          // gone
        }
      }
      await new Promise((r) => setTimeout(r, 5000));
    }
    const consistency = await checkConsistency(
      world.sql,
      all,
      all.flatMap((p) => p.seed.items.map((i) => i.id)),
    );
    const entry = {
      date: new Date().toISOString(),
      commit,
      machine: machine(),
      settings: {
        db,
        workload,
        url: a.url ?? null,
        procs,
        items_per_phone: itemsPerPhone,
        ceiling_mode: a.ceiling,
        profile: Boolean(a.profile),
        vacuum_analyze_every_30s: vacuumStandIn,
      },
      runs: stepResults,
      ...(a.ceiling ? { ceiling: { p95_over_1s_at_phones: ceiling, last_passing_phones: lastPassing, steps } } : {}),
      consistency,
      ...(probe ? { probe } : {}),
    };
    runs.push(entry);
    const tag = `${db}${procs > 1 ? ` ×${procs}` : ""} ${workload}`;
    for (const r of stepResults as ReturnType<typeof Object>[]) {
      const x = r as { phones: number; push_ms: { p95: number }; pull_ms: { p95: number }; error_count: number };
      if (a.ceiling) continue;
      line(x.push_ms.p95 <= GOAL_MS, `${tag} ${x.phones} phones: push p95 ${x.push_ms.p95} ms ≤ ${GOAL_MS} ms`);
      line(x.pull_ms.p95 <= GOAL_MS, `${tag} ${x.phones} phones: pull p95 ${x.pull_ms.p95} ms ≤ ${GOAL_MS} ms`);
      line(x.error_count === 0, `${tag} ${x.phones} phones: ${x.error_count} errors (goal 0)`);
    }
    if (a.ceiling) console.log(`${tag}: p95 passes 1 s at ${ceiling ?? `more than ${steps.at(-1)}`} phones (last step under 1 s: ${lastPassing ?? "none"})`);
    line(consistency.ok, `${tag}: consistency ${JSON.stringify(consistency)}`);
  } finally {
    await world.stop();
  }
  if (a.profile) {
    const cpu = cpuSummary(path.resolve(a.profile), 40);
    const entry = runs.at(-1);
    if (entry) entry.cpu_profile = cpu;
    console.log(JSON.stringify({ probe: entry?.probe, cpu: { ...cpu, by_function: cpu.by_function.slice(0, 25) } }, null, 2));
  }
}

mkdirSync(path.dirname(a.out), { recursive: true });
/** Keeps other settings' runs from earlier invocations (PGlite and PostgreSQL are run separately). */
const key = (e: Record<string, unknown>) =>
  JSON.stringify([
    (e.settings as Record<string, unknown>).db,
    (e.settings as Record<string, unknown>).workload,
    (e.settings as Record<string, unknown>).procs,
    (e.settings as Record<string, unknown>).ceiling_mode,
    (e.settings as Record<string, unknown>).profile,
  ]);
const before: Record<string, unknown>[] = existsSync(a.out)
  ? ((JSON.parse(readFileSync(a.out, "utf8")) as { entries?: Record<string, unknown>[] }).entries ?? [])
  : [];
const fresh = new Set(runs.map(key));
const entries = [...before.filter((e) => !fresh.has(key(e))), ...runs];
writeFileSync(
  a.out,
  `${JSON.stringify({ goals: { push_p95_ms: GOAL_MS, pull_p95_ms: GOAL_MS, errors: 0, lost_or_doubled: 0, ceiling_p95_ms: CEILING_MS }, entries }, null, 2)}\n`,
);
console.log(`wrote ${a.out}`);
process.exit(fails.length ? 1 : 0);
