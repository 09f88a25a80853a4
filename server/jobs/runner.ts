import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import { fromPglite, PgBoss, type ConstructorOptions } from "pg-boss";
import { APP_ROLE, type Db, type DbKind } from "@/db/client";
import { JOBS_SCHEMA } from "@/db/jobs-schema";
import { OPERATOR_TIME_ZONE } from "@/domain/time/operator";
import { logEvent } from "@/server/log";
import { noteJobRun } from "@/server/observability/metrics";
import { queueOptionsOf, type TAnyJobDef, type TJobRun } from "./define";

/**
 * The durable job runner (ADR 0029): pg-boss in the app's own database. One per process, on globalThis (Next.js may
 * load this module once per route bundle). Started by instrumentation.ts; tests start and stop their own.
 */
export interface JobsRuntime {
  boss: PgBoss;
  /** The declared jobs by name: only these can be sent (see send.ts). */
  jobs: ReadonlyMap<string, TAnyJobDef>;
  /** This process works jobs and keeps schedules; false: it only sends (JOBS=off). */
  working: boolean;
  kind: DbKind;
}

export interface TStartJobs {
  /** The app's database (as the app role): handlers write through it. */
  db: Db;
  kind: DbKind;
  /**
   * PostgreSQL only: the app's DATABASE_URL. pg-boss keeps its own small pool there (and one LISTEN connection),
   * every connection started as the app role like the app's own (ADR 0018). PGlite: the app's one instance is shared.
   */
  url?: string;
  jobs: readonly TAnyJobDef[];
  /** Work jobs and keep schedules (default); false: this process only sends. */
  work?: boolean;
  /** How often an idle worker looks for due jobs (pg-boss default 2 s). NOTIFY wakes it at once for new ones. */
  pollingIntervalSeconds?: number;
}

const holder = globalThis as unknown as { __tracemarkJobs?: Promise<JobsRuntime> };

/** The running runner, or an error saying who should have started it. */
export async function jobsRuntime(): Promise<JobsRuntime> {
  if (!holder.__tracemarkJobs) throw new Error("The job runner is not started (instrumentation.ts starts it; tests call startJobs).");
  return holder.__tracemarkJobs;
}

export function jobsStarted(): boolean {
  return holder.__tracemarkJobs !== undefined;
}

/** Starts the process's runner (once; a second call gets the first). */
export function startJobs(opts: TStartJobs): Promise<JobsRuntime> {
  holder.__tracemarkJobs ??= start(opts).catch((err: unknown) => {
    holder.__tracemarkJobs = undefined;
    throw err;
  });
  return holder.__tracemarkJobs;
}

/**
 * Stops the runner: no new job is fetched; a graceful stop waits up to `timeoutMs` for running handlers, then gives
 * back what is still running (it is retried). The database itself is not closed (PGlite is the app's).
 */
export async function stopJobs(opts: { graceful?: boolean; timeoutMs?: number } = {}): Promise<void> {
  const running = holder.__tracemarkJobs;
  if (!running) return;
  holder.__tracemarkJobs = undefined;
  const { boss } = await running.catch(() => ({ boss: null }));
  await boss?.stop({ graceful: opts.graceful ?? true, timeout: opts.timeoutMs ?? 10_000, close: true });
}

function connectionOf(opts: TStartJobs): ConstructorOptions {
  if (opts.kind === "pglite") {
    // why the same instance: a second PGlite on the data dir would corrupt it. pg-boss's statements take PGlite's
    // transaction mutex, so they never land inside an app transaction; the session is already SET ROLE to APP_ROLE.
    const client = (opts.db as unknown as { $client: PGlite }).$client;
    return { db: fromPglite(client), backend: "pglite" };
  }
  if (!opts.url) throw new Error("startJobs on PostgreSQL needs the database URL");
  return { connectionString: opts.url, max: 4, options: `-c role=${APP_ROLE}` };
}

async function start(opts: TStartJobs): Promise<JobsRuntime> {
  const working = opts.work ?? true;
  const names = new Map<string, TAnyJobDef>();
  for (const job of opts.jobs) {
    if (names.has(job.name)) throw new Error(`job "${job.name}" is declared twice`);
    names.set(job.name, job);
  }
  const boss = new PgBoss({
    ...connectionOf(opts),
    schema: JOBS_SCHEMA,
    // the owner installs and upgrades the schema (db/jobs-schema.ts); the app role cannot run DDL
    migrate: false,
    createSchema: false,
    // no REINDEX: the app role does not own the indexes
    reindex: false,
    supervise: working,
    schedule: working,
    useListenNotify: working,
  });
  boss.on("error", (err) => logEvent("error", "jobs.error", { message: err instanceof Error ? err.message : String(err) }));
  boss.on("warning", (w) => logEvent("warn", "jobs.warning", { message: w.message }));
  await boss.start();
  try {
    for (const job of opts.jobs) {
      const options = queueOptionsOf(job);
      await boss.createQueue(job.name, options);
      // createQueue keeps an existing queue as it was: bring its retries and retention up to the declaration
      await boss.updateQueue(job.name, options);
      if (job.schedule) {
        const data = job.data.parse(job.schedule.data);
        await boss.schedule(job.name, job.schedule.cron, data, { tz: OPERATOR_TIME_ZONE, missed: "once" });
      }
    }
    // a schedule whose declaration was removed stops with the deploy that removed it
    for (const s of await boss.getSchedules()) {
      const job = names.get(s.name);
      // a job no longer declared at all: every schedule of it (its queue would never be worked)
      if (!job) await boss.unschedule(s.name, s.key);
      else if (!job.schedule && s.key === "") await boss.unschedule(s.name);
    }
    if (working) {
      for (const job of opts.jobs) {
        // why the same interval with NOTIFY on: NOTIFY wakes a worker for a new job only, not for one falling due or
        // a retry whose delay ends; pg-boss's relaxed 30 s default would make those up to 30 s late
        const every = opts.pollingIntervalSeconds ?? 2;
        await boss.work(job.name, { pollingIntervalSeconds: every, notifyPollingIntervalSeconds: every, batchSize: 1 }, async ([j]) => {
          if (!j) return;
          await runOne(job, opts.db, j);
        });
      }
    }
  } catch (err) {
    await boss.stop({ graceful: false, close: true }).catch(() => {});
    throw err;
  }
  logEvent("info", "jobs.started", { jobs: opts.jobs.length, working, kind: opts.kind });
  return { boss, jobs: names, working, kind: opts.kind };
}

async function runOne(job: TAnyJobDef, db: Db, j: { id: string; data: unknown; retryCount: number }): Promise<void> {
  const parsed = job.data.safeParse(j.data);
  if (!parsed.success) throw new Error(`job ${job.name} ${j.id}: its data does not match the declaration: ${parsed.error.message}`);
  const run: TJobRun = { id: j.id, retryCount: j.retryCount, db };
  const started = performance.now();
  try {
    // the one cast: the handler takes its own data, which parse() just produced
    await (job.handler as (data: object, run: TJobRun) => Promise<void>)(parsed.data, run);
    logEvent("info", "jobs.done", { name: job.name, id: j.id, ms: Math.round(performance.now() - started) });
    noteJobRun(job.name, "done", (performance.now() - started) / 1000);
  } catch (err) {
    noteJobRun(job.name, "failed", (performance.now() - started) / 1000);
    logEvent("warn", "jobs.failed_attempt", { name: job.name, id: j.id, retryCount: j.retryCount, message: err instanceof Error ? err.message : String(err) });
    throw err;
  }
}
