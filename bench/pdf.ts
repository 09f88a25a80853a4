/**
 * Work-order PDF time (issue 10: ≤ 1 s). A fresh PGlite with the demo seed and one closed, signed work order with
 * everything the record shows (tests/helpers/closed-work-order.ts: three equipment checks, photos, both
 * signatures, status history and audit trail); then the record's download as the route serves it
 * (server/work-orders/pdf-http.ts: session, load, render, response body), timed in this process. The first
 * download (a fresh process: fonts read and parsed) is reported apart from the median of the next ones.
 * CPU time of this process is reported beside wall time (on a shared machine the wall time waits for the CPU).
 * Writes bench/results/pdf.json; exits non-zero when the median misses the goal.  Run: npm run bench:pdf [-- --runs 9]
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { register } from "node:module";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

// why a resolve hook and no react-server condition: under that condition next-intl's entry pulls its React client
// provider, which plain Node cannot load (Next's bundler makes it a client reference); without it `server-only`
// throws. So `server-only` resolves to an empty module here, as tests/helpers/server-only-stub.ts does in vitest.
register(
  `data:text/javascript,${encodeURIComponent(
    'export async function resolve(s, c, next) { return s === "server-only" ? { url: "data:text/javascript,export {}", shortCircuit: true } : next(s, c); }',
  )}`,
);
const { eq } = await import("drizzle-orm");
const { openDb } = await import("@/db/client");
const { users } = await import("@/db/schema");
const { seedDemo } = await import("@/server/seed/demo");
const { workOrderPdfResponse } = await import("@/server/work-orders/pdf-http");
const { loadWorkOrderRecord } = await import("@/server/work-orders/pdf-data");
const { renderWorkOrderRecord } = await import("@/server/work-orders/pdf");
const { makeClosedWorkOrder } = await import("@/tests/helpers/closed-work-order");
const { APP_ORIGIN, login } = await import("@/tests/helpers/context");

const GOAL_MS = 1000;
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 9;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (n: number) => Math.round(n * 10) / 10;

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracemark-bench-pdf-"));
  const handle = await openDb({ kind: "pglite", dataDir: path.join(dir, "pglite") });
  try {
    await seedDemo(handle.db);
    const idOf = async (username: string) => (await handle.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;
    const wo = await makeClosedWorkOrder(handle.db, { linemanId: await idOf("lineman"), officeId: await idOf("service"), code: "WO-2026-009001" });
    const { cookie } = await login(handle.db, "service", "service-demo");

    const download = async () => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const res = await workOrderPdfResponse(handle.db, new Request(`${APP_ORIGIN}/api/work-orders/${wo.id}/pdf`, { headers: { cookie } }), wo.id);
      const body = Buffer.from(await res.arrayBuffer());
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpu);
      if (res.status !== 200 || body.subarray(0, 5).toString() !== "%PDF-")
        throw new Error(`download failed: ${res.status} ${body.subarray(0, 200).toString()}`);
      return { ms, cpuMs: (used.user + used.system) / 1000, bytes: body.length };
    };
    // where the time goes (not part of the figure): loading the record vs drawing it
    const phases = async () => {
      const t0 = performance.now();
      const record = await loadWorkOrderRecord({ db: handle.db, user: (await login(handle.db, "quality", "quality-demo")).user, workOrderId: wo.id });
      const t1 = performance.now();
      await renderWorkOrderRecord(record!);
      return { loadMs: round(t1 - t0), renderMs: round(performance.now() - t1) };
    };

    const first = await download();
    const next: Awaited<ReturnType<typeof download>>[] = [];
    for (let i = 0; i < RUNS; i++) next.push(await download());
    const med = median(next.map((r) => r.ms));
    const split = await phases();
    // the goal holds for the median; the first download of a process (fonts read and parsed) is reported apart
    const pass = med <= GOAL_MS;
    const result = {
      when: new Date().toISOString(),
      machine: { cpus: os.cpus().length, load1: round(os.loadavg()[0]!), node: process.version },
      what: "GET /api/work-orders/<id>/pdf handler (session, load, render, body) of a closed signed order with 3 checks, 2 photos, 2 signatures",
      goalMs: GOAL_MS,
      firstMs: round(first.ms),
      medianMs: round(med),
      runsMs: next.map((r) => round(r.ms)),
      minMs: round(Math.min(...next.map((r) => r.ms))),
      maxMs: round(Math.max(...next.map((r) => r.ms))),
      firstCpuMs: round(first.cpuMs),
      medianCpuMs: round(median(next.map((r) => r.cpuMs))),
      split,
      bytes: first.bytes,
      result: pass ? "PASS" : "FAIL",
    };
    mkdirSync("bench/results", { recursive: true });
    writeFileSync("bench/results/pdf.json", `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result));
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
