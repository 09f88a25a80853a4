import "server-only";
import type { z } from "zod";
import type { Db } from "@/db/client";

/** What a handler is told about the run it is doing. Delivery is at least once: a handler must be idempotent. */
export interface TJobRun {
  id: string;
  /** 0 on the first attempt, 1 on the first retry, … */
  retryCount: number;
  /** The app's database (as the app role): open a transaction for the run's writes. */
  db: Db;
}

export interface TJobRetry {
  /** Attempts after the first before the job is `failed` (pg-boss default 2). */
  limit: number;
  /** Seconds before the first retry. */
  delaySeconds: number;
  /** Exponential backoff from delaySeconds (≈ delay · 2^attempt, with jitter), capped by maxDelaySeconds. */
  backoff: boolean;
  maxDelaySeconds?: number;
}

export interface TJobDef<TData extends object = object> {
  /** `<domain>.<verb>`, e.g. `complaints.escalate`: the queue's name, kept in the database. Never rename a live one. */
  name: string;
  /** The job's data, checked when it is sent and again when it runs (a job may outlive a deploy). */
  data: z.ZodType<TData>;
  handler: (data: TData, run: TJobRun) => Promise<void>;
  retry: TJobRetry;
  /** How long one run may take before it counts as crashed and is retried (pg-boss expireInSeconds). */
  timeoutSeconds: number;
  /** How long completed and failed jobs stay visible (the admin screen's failures), in days. */
  keepDays: number;
  /**
   * A recurring job: a cron expression (or RRULE) read in the operator's zone (domain/time, Asia/Shanghai), with
   * the data each run gets. A run that fell due while every process was down is made up once at the next start.
   */
  schedule?: { cron: string; data: TData };
}

/** Any job, whatever its data: what lists of jobs hold (a handler is only ever called with its own parsed data). */
export type TAnyJobDef = Omit<TJobDef, "handler"> & { handler: (data: never, run: TJobRun) => Promise<void> };

const NAME = /^[a-z][a-z0-9-]*\.[a-zA-Z][a-zA-Z0-9.-]*$/;

/**
 * Declares a job. A domain keeps its jobs in `server/<domain>/jobs.ts` and lists them once in server/jobs/list.ts.
 * Defaults: 3 retries from 30 s with backoff up to an hour, 5 minutes per run, kept 30 days.
 */
export function defineJob<TData extends object>(def: {
  name: string;
  data: z.ZodType<TData>;
  handler: (data: TData, run: TJobRun) => Promise<void>;
  retry?: Partial<TJobRetry>;
  timeoutSeconds?: number;
  keepDays?: number;
  schedule?: { cron: string; data: TData };
}): TJobDef<TData> {
  if (!NAME.test(def.name)) throw new Error(`job name "${def.name}" must be <domain>.<verb> (letters, digits, '-', '.')`);
  return {
    name: def.name,
    data: def.data,
    handler: def.handler,
    retry: { limit: 3, delaySeconds: 30, backoff: true, maxDelaySeconds: 3600, ...def.retry },
    timeoutSeconds: def.timeoutSeconds ?? 300,
    keepDays: def.keepDays ?? 30,
    ...(def.schedule ? { schedule: def.schedule } : {}),
  };
}

/** pg-boss queue options for a job: retries, run timeout and retention live on the queue, not on each send. */
export function queueOptionsOf(job: TAnyJobDef) {
  return {
    retryLimit: job.retry.limit,
    retryDelay: job.retry.delaySeconds,
    retryBackoff: job.retry.backoff,
    // pg-boss refuses a maximum delay without backoff
    ...(job.retry.backoff && job.retry.maxDelaySeconds !== undefined ? { retryDelayMax: job.retry.maxDelaySeconds } : {}),
    expireInSeconds: job.timeoutSeconds,
    deleteAfterSeconds: job.keepDays * 86_400,
    notify: true,
  };
}
