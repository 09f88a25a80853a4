import "server-only";
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { JOBS_SCHEMA } from "@/db/jobs-schema";
import { appendAuditEvent } from "@/server/audit/service";
import { AppError } from "@/server/errors";
import { logEvent } from "@/server/log";
import { jobsRuntime } from "./runner";
import { onTx, previewSchedule } from "./send";

/**
 * What the admin screen shows, read straight from pg-boss's tables (documented for SQL use, docs/sql/job-table.md
 * upstream) as the app role: no running runner is needed to look (a JOBS=off process shows the same).
 */
export interface TJobsOverview {
  queues: { name: string; ready: number; deferred: number; active: number; failed: number; completed: number }[];
  failures: { id: string; name: string; error: string; detail: string | null; failedAt: Date | null; attempts: number }[];
  schedules: { name: string; key: string; cron: string; timezone: string; next: Date[] }[];
  delayed: { id: string; name: string; startAfter: Date; key: string | null }[];
}

const S = sql.raw(JOBS_SCHEMA);
const LIST_LIMIT = 50;

export async function jobsOverview(db: Db): Promise<TJobsOverview> {
  const queues = rowsOf<{ name: string; ready: string; deferred: string; active: string; failed: string; completed: string }>(
    await db.execute(sql`
      select q.name,
        count(j.id) filter (where j.state in ('created', 'retry') and j.start_after <= now()) as ready,
        count(j.id) filter (where j.state in ('created', 'retry') and j.start_after > now()) as deferred,
        count(j.id) filter (where j.state = 'active') as active,
        count(j.id) filter (where j.state = 'failed') as failed,
        count(j.id) filter (where j.state = 'completed') as completed
      from ${S}.queue q left join ${S}.job j on j.name = q.name
      group by q.name order by q.name`),
  );
  const failures = rowsOf<{ id: string; name: string; output: unknown; completed_on: Date | string | null; retry_count: number }>(
    await db.execute(sql`
      select id, name, output, completed_on, retry_count from ${S}.job
      where state = 'failed' order by completed_on desc nulls last limit ${LIST_LIMIT}`),
  );
  const schedules = rowsOf<{ name: string; key: string; cron: string; timezone: string | null }>(
    await db.execute(sql`select name, key, cron, timezone from ${S}.schedule order by name, key`),
  );
  const delayed = rowsOf<{ id: string; name: string; start_after: Date | string; singleton_key: string | null }>(
    await db.execute(sql`
      select id, name, start_after, singleton_key from ${S}.job
      where state in ('created', 'retry') and start_after > now() order by start_after limit ${LIST_LIMIT}`),
  );
  return {
    queues: queues.map((q) => ({
      name: q.name,
      ready: Number(q.ready),
      deferred: Number(q.deferred),
      active: Number(q.active),
      failed: Number(q.failed),
      completed: Number(q.completed),
    })),
    failures: failures.map((f) => ({
      id: f.id,
      name: f.name,
      ...errorOf(f.output),
      failedAt: f.completed_on === null ? null : new Date(f.completed_on),
      attempts: f.retry_count + 1,
    })),
    schedules: schedules.map((s) => ({
      name: s.name,
      key: s.key,
      cron: s.cron,
      timezone: s.timezone ?? "UTC",
      next: nextRuns(s.cron, s.timezone ?? "UTC"),
    })),
    delayed: delayed.map((d) => ({ id: d.id, name: d.name, startAfter: new Date(d.start_after), key: d.singleton_key })),
  };
}

function nextRuns(cron: string, tz: string): Date[] {
  try {
    return previewSchedule(cron, { tz, count: 3 });
  } catch {
    return [];
  }
}

/** A failed job's output is its serialised error (message, stack): the message to read, the stack to open. */
function errorOf(output: unknown): { error: string; detail: string | null } {
  const o = (typeof output === "string" ? safeJson(output) : output) as { message?: unknown; stack?: unknown } | null;
  if (o && typeof o === "object" && typeof o.message === "string") {
    return { error: o.message, detail: typeof o.stack === "string" ? o.stack : null };
  }
  return { error: output === null || output === undefined ? "" : JSON.stringify(output), detail: null };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Puts a failed job back in its queue, to run at once with a fresh set of retries. */
export async function retryFailedJob(opts: { db: Db; actorId: string; id: string }): Promise<void> {
  const [row] = rowsOf<{ name: string }>(await opts.db.execute(sql`select name from ${S}.job where id = ${opts.id} and state = 'failed'`));
  if (!row) throw new AppError("not_found");
  const { boss } = await jobsRuntime();
  // the retry and its audit record commit together (house rule 4)
  await opts.db.transaction(async (tx) => {
    await boss.retry(row.name, opts.id, { db: onTx(tx) });
    await appendAuditEvent(tx, { actorId: opts.actorId, subjectType: "job", subjectId: opts.id, event: { name: "job.retried", payload: { name: row.name } } });
  });
  logEvent("info", "jobs.retried", { name: row.name, id: opts.id, by: opts.actorId });
}
