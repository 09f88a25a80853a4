/**
 * Runs once when the server starts (Next.js instrumentation hook): the environment is validated here, so a bad
 * value (e.g. the retired TRUST_PROXY=1) stops the server with server/env.ts's message. why exit: Next.js only logs
 * an error thrown here and then fails every request with it, leaving a server that looks alive to a supervisor.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/server/env");
  try {
    env();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
  await assertPeerPatch();
  await warmPdfFonts();
  await startTestClock();
  await startJobRunner();
}

/**
 * TEST_CLOCK=on (e2e builds only): this process takes the clock offset the tests set from the database, and on
 * PostgreSQL keeps following it, so that several app processes share one clock (server/test-clock.ts). Before the job
 * runner: a job worked here must read the moved clock.
 */
async function startTestClock(): Promise<void> {
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { env } = await import("@/server/env");
  if (env().TEST_CLOCK !== "on") return;
  const { configFromEnv } = await import("@/db/client");
  const { getDb } = await import("@/db");
  const { startTestClockSync } = await import("@/server/test-clock");
  await startTestClockSync(await getDb(), configFromEnv(env()).kind);
}

/**
 * The durable job runner (server/jobs, ADR 0029) starts with the server, so schedules and due jobs run without
 * waiting for a first request (this opens the database at start). JOBS=off: this process only sends jobs. On
 * SIGTERM/SIGINT it stops fetching and gives running handlers up to 10 s; Next.js exits on its own schedule, and a
 * job cut short is retried after its timeout. why exit on failure: as for env, a server without its database or
 * runner must not look alive.
 */
async function startJobRunner(): Promise<void> {
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    const { env } = await import("@/server/env");
    const { configFromEnv } = await import("@/db/client");
    const { getDb } = await import("@/db");
    const { startJobs, stopJobs } = await import("@/server/jobs/runner");
    const { JOBS } = await import("@/server/jobs/list");
    const e = env();
    const config = configFromEnv(e);
    await startJobs({ db: await getDb(), kind: config.kind, url: config.kind === "postgres" ? config.url : undefined, jobs: JOBS, work: e.JOBS === "on" });
    const stop = () => void stopJobs({ graceful: true, timeoutMs: 10_000 }).catch(() => {});
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  } catch (err) {
    console.error(
      JSON.stringify({ t: new Date().toISOString(), level: "error", event: "jobs.start_failed", message: err instanceof Error ? err.message : String(err) }),
    );
    process.exit(1);
  }
}

/**
 * Parses the CJK font collections once, before the server answers anyone (issue 11: one expensive request must not
 * stall everyone). Parsing ~20 MB of font tables takes about a second of the one event loop; done on the first PDF
 * download it held every phone's sync that long. A missing font is not an error here: the PDF routes answer 503
 * saying what to install.
 */
async function warmPdfFonts(): Promise<void> {
  const started = performance.now();
  try {
    const { logEvent } = await import("@/server/log");
    const { cjkFaces } = await import("@/server/pdf/font");
    const { regular, bold } = cjkFaces();
    // the glyph tables of the characters every record prints, so the first layout is not the slow one either
    for (const face of [regular, bold]) (face as unknown as { layout: (t: string) => unknown }).layout("工单记录 0123456789 ABCabc：，。");
    logEvent("info", "pdf.fonts_ready", { ms: Math.round(performance.now() - started) });
  } catch (err) {
    console.warn(
      JSON.stringify({ t: new Date().toISOString(), level: "warn", event: "pdf.fonts_unavailable", message: err instanceof Error ? err.message : String(err) }),
    );
  }
}

/**
 * The client's address comes from a header only the patched Next.js writes (scripts/patch-next.mjs, ADR 0024).
 * Started without the patch (e.g. an image installed with --ignore-scripts), every client would be "unknown": one
 * shared login counter, so 30 wrong passwords anywhere would lock everyone out. Refuse to start instead.
 */
async function assertPeerPatch(): Promise<void> {
  const { readFileSync } = await import("node:fs");
  const { createRequire } = await import("node:module");
  let patched: boolean;
  try {
    const file = createRequire(`${process.cwd()}/package.json`).resolve("next/dist/server/base-server.js");
    patched = readFileSync(file, "utf8").includes("tracemark peer (scripts/patch-next.mjs)");
  } catch {
    patched = false;
  }
  if (!patched) {
    console.error(
      "Next.js is not patched to report the client's address (x-tracemark-peer). Run `node scripts/patch-next.mjs` (npm install, build and start run it) and start again. ADR 0024.",
    );
    process.exit(1);
  }
}
