import "server-only";
import { sql } from "drizzle-orm";
import { fromDrizzle, PgBoss, type Db as BossDb, type DrizzleTransactionLike } from "pg-boss";
import type { Db } from "@/db/client";
import { OPERATOR_TIME_ZONE } from "@/domain/time/operator";
import type { TAnyJobDef, TJobDef } from "./define";
import { jobsRuntime } from "./runner";

/**
 * How domains send jobs. Always through the caller's transaction (`tx`): the job commits or rolls back with the
 * change that scheduled it. why never pg-boss's own connection here: on PGlite a send through it from inside an app
 * transaction waits for the mutex its own caller holds, and hangs for good (docs/research/job-runner.md §3).
 */
export interface TSendOptions {
  /** Not before this instant (default: now). */
  startAfter?: Date;
  /**
   * With singletonSeconds: at most one job with this key per time slot of that many seconds; a second send in the
   * slot returns null. (A key without seconds de-duplicates nothing.)
   */
  singletonKey?: string;
  singletonSeconds?: number;
}

/**
 * pg-boss's statements through the caller's drizzle transaction (or database). why the cast: our Db types execute()'s
 * result as the driver-neutral HKT; at run time it is postgres-js's row array or PGlite's `{ rows }`, both of which
 * fromDrizzle reads.
 */
export function onTx(tx: Db): BossDb {
  return fromDrizzle(tx as unknown as DrizzleTransactionLike, sql);
}

async function runtimeFor(job: TAnyJobDef) {
  const runtime = await jobsRuntime();
  // why refuse an undeclared job: its queue would be looked up through pg-boss's own connection (the hang above).
  // why by name, not by identity: in the production build the runtime (started from instrumentation.ts) and a route
  // handler are separate bundles, each with its own copy of the declaration module; the name is the queue.
  if (!runtime.jobs.has(job.name)) throw new Error(`job "${job.name}" is not in server/jobs/list.ts`);
  return runtime;
}

/** Sends a job inside `tx` (or on `db`, alone). Returns its id, or null when a singleton already holds the slot. */
export async function sendJob<TData extends object>(tx: Db, job: TJobDef<TData>, data: TData, opts: TSendOptions = {}): Promise<string | null> {
  const { boss } = await runtimeFor(job);
  const checked = job.data.parse(data);
  return boss.send(job.name, checked, {
    db: onTx(tx),
    ...(opts.startAfter ? { startAfter: opts.startAfter } : {}),
    ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
    ...(opts.singletonSeconds ? { singletonSeconds: opts.singletonSeconds } : {}),
  });
}

/** Cancels a job that has not run yet (e.g. the complaint was closed before its escalation), inside `tx`. */
export async function cancelJob<TData extends object>(tx: Db, job: TJobDef<TData>, id: string): Promise<boolean> {
  const { boss } = await runtimeFor(job);
  const res = await boss.cancel(job.name, id, { db: onTx(tx) });
  // pg-boss's CommandResponse type is empty in 12.38.0's declarations; the object carries `affected`
  return ((res as { affected?: number }).affected ?? 0) > 0;
}

/**
 * A recurring run decided at run time (a declared `schedule` in defineJob is the usual way), read in the operator's
 * zone; `key` tells several schedules of one job apart. Replaces the schedule with the same job and key.
 */
export async function scheduleJob<TData extends object>(tx: Db, job: TJobDef<TData>, cron: string, opts: { data: TData; key?: string }): Promise<void> {
  const { boss } = await runtimeFor(job);
  await boss.schedule(job.name, cron, job.data.parse(opts.data), { tz: OPERATOR_TIME_ZONE, missed: "once", key: opts.key ?? "", db: onTx(tx) });
}

export async function unscheduleJob<TData extends object>(tx: Db, job: TJobDef<TData>, key = ""): Promise<void> {
  const { boss } = await runtimeFor(job);
  await boss.unschedule(job.name, key, { db: onTx(tx) });
}

// why an instance that never starts: previewSchedule() with `from` is pure arithmetic (pg-boss's own cron/RRULE
// reading, the same the runner uses), and must work where no runner runs (the admin screen on a JOBS=off process)
let planner: PgBoss | undefined;

/** The next `count` runs of a cron expression (or RRULE) read in the operator's zone, after `from` (default now). */
export function previewSchedule(cron: string, opts: { count?: number; from?: Date; tz?: string } = {}): Date[] {
  planner ??= new PgBoss({ db: { executeSql: () => Promise.reject(new Error("the schedule planner has no database")) } });
  return planner.previewSchedule(cron, { tz: opts.tz ?? OPERATOR_TIME_ZONE, count: opts.count ?? 3, from: opts.from ?? new Date() });
}
