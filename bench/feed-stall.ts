/**
 * The change feed's stall test (issue 18, ADR 0042): on PostgreSQL, a transaction is left open in ANOTHER database
 * of the same server for the whole run; meanwhile a writer commits rows (zones) one after another and a phone pulls
 * through the app's own sync router until each row has arrived. Measures, per row, the time from its commit to its
 * delivery and the pulls it took; also counts what the old rule (read only below the server's oldest running
 * transaction, pg_snapshot_xmin) would have delivered by then. Goal: every row delivered, p95 ≤ 2,000 ms ("not
 * held back for more than a few seconds"). Writes bench/results/feed-stall.json; exits 1 on FAIL.
 * Run: npm run bench:feed-stall [-- --rows 30]   (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
 */
import { execSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { register } from "node:module";
import os from "node:os";

// why: `server-only` resolves to an empty module in plain Node (as in bench/stall.ts)
register(
  `data:text/javascript,${encodeURIComponent(
    'export async function resolve(s, c, next) { return s === "server-only" ? { url: "data:text/javascript,export {}", shortCircuit: true } : next(s, c); }',
  )}`,
);
const { default: postgres } = await import("postgres");
const { openDb } = await import("@/db/client");
const { seedDemo } = await import("@/server/seed/demo");
const { login } = await import("@/tests/helpers/context");
const { newDevice, pullToEnd } = await import("@/tests/helpers/sync");

const URL_ = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const GOAL_P95_MS = 2_000;
const rowsArg = process.argv.indexOf("--rows");
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 30;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function main() {
  const name = `tm_bench_stall_${randomBytes(4).toString("hex")}`;
  const admin = postgres(URL_, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const dbUrl = new URL(URL_);
  dbUrl.pathname = `/${name}`;
  const handle = await openDb({ kind: "postgres", url: dbUrl.toString(), max: 4 });
  const writer = postgres(dbUrl.toString(), { max: 1, onnotice: () => {} });
  const other = await admin.reserve();
  try {
    await seedDemo(handle.db);
    const { caller: keeper } = await login(handle.db, "keeper", "keeper-demo1");
    const deviceId = await newDevice(keeper);
    let cursor = await pullToEnd(keeper, deviceId);
    const site = (await writer<{ site_code: string }[]>`select site_code from zones order by code limit 1`)[0]!.site_code;
    // the stuck transaction: another database (the server's `test`), an id taken, left open for the whole run
    await other`begin`;
    const stuckXid = (await other<{ x: string }[]>`select pg_current_xact_id()::text as x`)[0]!.x;
    const rows: { code: string; ms: number; pulls: number; oldRuleWouldDeliver: boolean }[] = [];
    for (let i = 0; i < ROWS; i++) {
      const code = `STALL-${i}`;
      const x = (
        await writer<{ x: string }[]>`
        insert into zones (code, site_code, kind, name_zh, name_en) values (${code}, ${site}, 'stock', ${code}, ${code})
        returning txid::text as x`
      )[0]!.x;
      const committedAt = performance.now();
      let pulls = 0;
      let found = false;
      while (!found && performance.now() - committedAt < 30_000) {
        pulls++;
        const page = await keeper.sync.pull({ deviceId, cursor });
        cursor = page.cursor;
        found = page.zones.some((z) => z.code === code);
      }
      const xmin = (await writer<{ xmin: string }[]>`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`)[0]!.xmin;
      rows.push({ code, ms: found ? Math.round(performance.now() - committedAt) : Infinity, pulls, oldRuleWouldDeliver: BigInt(x) < BigInt(xmin) });
    }
    const ms = rows.map((r) => r.ms);
    const delivered = rows.filter((r) => Number.isFinite(r.ms)).length;
    const p95 = pct(ms, 95);
    const pass = delivered === ROWS && p95 <= GOAL_P95_MS;
    let commit = "unknown";
    try {
      commit = execSync("git rev-parse --short HEAD").toString().trim();
    } catch {
      // not a git checkout: the commit stays unknown
    }
    const result = {
      bench: "feed-stall",
      what: "commit → delivery to a phone's pull while a transaction stays open in another database of the same PostgreSQL server",
      when: new Date().toISOString(),
      commit,
      node: process.version,
      cpus: os.cpus().length,
      loadavg: os.loadavg().map((n) => Math.round(n * 100) / 100),
      settings: { rows: ROWS, stuckTransaction: stuckXid, cursorAtEnd: cursor },
      goal: { p95Ms: GOAL_P95_MS, delivered: ROWS },
      delivered,
      p50Ms: pct(ms, 50),
      p95Ms: p95,
      maxMs: Math.max(...ms),
      pullsPerRow: { max: Math.max(...rows.map((r) => r.pulls)) },
      oldRule: { wouldHaveDelivered: rows.filter((r) => r.oldRuleWouldDeliver).length, of: ROWS },
      result: pass ? "PASS" : "FAIL",
      rows,
    };
    mkdirSync("bench/results", { recursive: true });
    writeFileSync("bench/results/feed-stall.json", `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `stall: ${delivered}/${ROWS} rows delivered while a transaction stayed open in another database; ` +
        `p50 ${result.p50Ms} ms, p95 ${p95} ms (goal ≤ ${GOAL_P95_MS} ms): ${result.result}; ` +
        `the old xmin rule would have delivered ${result.oldRule.wouldHaveDelivered}/${ROWS}`,
    );
    if (!pass) process.exitCode = 1;
  } finally {
    await other`rollback`.catch(() => {});
    other.release();
    await writer.end();
    await handle.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
