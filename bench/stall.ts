/**
 * One expensive request must not stall everyone (issue 11): while an admin imports a 1 MB license registry CSV, how
 * long does another request (the health probe, /api/health's own handler behind a loopback HTTP server in the same
 * process, probed one request after another) wait, and how long is the event loop itself held? Goal: both ≤ 200 ms.
 * Before the fix it waited up to 6.3 s.
 * A fresh PGlite (the worst case: the database runs on the same event loop) with the demo seed; the import goes
 * through the tRPC router as a request does. Runs --runs N imports (default 3, each a new series of licenses) and
 * reports each run and the worst. Also a 1 MB instrument register import. Writes bench/results/stall.json; exits
 * non-zero when a maximum misses the goal.  Run: npm run bench:stall [-- --runs 3]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { register } from "node:module";
import os from "node:os";
import path from "node:path";

// why: `server-only` resolves to an empty module in plain Node (as in bench/pdf.ts and the vitest stub)
register(
  `data:text/javascript,${encodeURIComponent(
    'export async function resolve(s, c, next) { return s === "server-only" ? { url: "data:text/javascript,export {}", shortCircuit: true } : next(s, c); }',
  )}`,
);
const { openDb } = await import("@/db/client");
const { seedDemo } = await import("@/server/seed/demo");
const { login } = await import("@/tests/helpers/context");
const { latencyDuring, licenseCsvOf } = await import("@/tests/helpers/latency");

const GOAL_MS = 200;
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracemark-bench-stall-"));
  const handle = await openDb({ kind: "pglite", dataDir: path.join(dir, "pglite") });
  try {
    await seedDemo(handle.db);
    const { caller: admin } = await login(handle.db, "admin", "admin-demo-1");
    const { caller: custodian } = await login(handle.db, "custodian", "custodian-demo");
    const runs = [];
    for (let run = 0; run < RUNS; run++) {
      const { csv, rows } = licenseCsvOf(1024 * 1024, run + 1);
      const { result, report } = await latencyDuring(() => admin.licenses.import({ csv, fileName: `bench-${run}.csv` }));
      if (result.imported !== rows) throw new Error(`run ${run}: imported ${result.imported} of ${rows}`);
      runs.push({ kind: "licenses", bytes: Buffer.byteLength(csv), rows, ...report });
      console.log(JSON.stringify(runs.at(-1)));
    }
    const lines = [
      "asset_tag,name,model,serial,kind,category,department,keeper_username,location,intake_date,service_life_years,calibrated_on,calibration_result,certificate_no,lab",
    ];
    for (let i = 0, size = 0; size < 1024 * 1024; i++) {
      const line = `IN-${String(700_000 + i).padStart(6, "0")},光功率计,JW3208,S${i},Power Meter,public,technology_development,,仪表室,2024-01-01,8,,,,`;
      lines.push(line);
      size += Buffer.byteLength(line) + 2;
    }
    const csv = lines.join("\r\n");
    const inst = await latencyDuring(() => custodian.instruments.importCsv({ csv }));
    if (inst.result.created !== lines.length - 1) throw new Error(`instruments: created ${inst.result.created} of ${lines.length - 1}`);
    runs.push({ kind: "instruments", bytes: Buffer.byteLength(csv), rows: lines.length - 1, ...inst.report });
    console.log(JSON.stringify(runs.at(-1)));

    const maxMs = Math.max(...runs.map((r) => r.maxMs));
    const p99Ms = Math.max(...runs.map((r) => r.p99Ms));
    // the probe misses a block that starts while it sleeps between requests; the event loop's own delay does not
    // (the instrument import's COMMIT held the loop ~5 s while every probe came back fast, ADR 0046)
    const loopDelayMaxMs = Math.max(...runs.map((r) => r.loopDelayMaxMs));
    const pass = maxMs <= GOAL_MS && loopDelayMaxMs <= GOAL_MS;
    const result = {
      bench: "stall",
      what: "health latency (ms) while a 1 MB CSV import runs in the same process, PGlite",
      when: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      loadavg: os.loadavg().map((n) => Math.round(n * 100) / 100),
      goal: { maxMs: GOAL_MS, loopDelayMaxMs: GOAL_MS },
      maxMs,
      p99Ms,
      loopDelayMaxMs,
      result: pass ? "PASS" : "FAIL",
      runs,
    };
    mkdirSync("bench/results", { recursive: true });
    writeFileSync("bench/results/stall.json", `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `health during a 1 MB import: max ${maxMs} ms, p99 ${p99Ms} ms, event loop's longest delay ${loopDelayMaxMs} ms (goal ≤ ${GOAL_MS} ms each): ${result.result}`,
    );
    if (!pass) process.exitCode = 1;
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
