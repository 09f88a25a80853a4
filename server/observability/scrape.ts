import "server-only";
import { timingSafeEqual, createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { JOBS_SCHEMA } from "@/db/jobs-schema";
import { jobsRuntime, jobsStarted } from "@/server/jobs/runner";
import { previewSchedule } from "@/server/jobs/send";
import { logEvent } from "@/server/log";
import { metrics } from "./metrics";
import { openTransactions } from "./transactions";

const S = sql.raw(JOBS_SCHEMA);

/**
 * The gauges read from the database at each scrape (the same on every app process): jobs by name and state, each
 * job's last finish and next scheduled run, and the database server's open transactions. A failure to read them is
 * logged and leaves the process's own metrics served.
 */
export async function refreshDatabaseGauges(db: Db): Promise<void> {
  const m = metrics();
  m.jobsWorking.set(jobsStarted() ? ((await jobsRuntime().catch(() => null))?.working ? 1 : 0) : 0);
  try {
    const states = rowsOf<{ name: string; ready: string; deferred: string; active: string; failed: string; last: Date | string | null }>(
      await db.execute(sql`
        select q.name,
          count(j.id) filter (where j.state in ('created', 'retry') and j.start_after <= now()) as ready,
          count(j.id) filter (where j.state in ('created', 'retry') and j.start_after > now()) as deferred,
          count(j.id) filter (where j.state = 'active') as active,
          count(j.id) filter (where j.state = 'failed') as failed,
          max(j.completed_on) filter (where j.state in ('completed', 'failed')) as last
        from ${S}.queue q left join ${S}.job j on j.name = q.name
        group by q.name`),
    );
    m.jobsByState.reset();
    m.jobLastRun.reset();
    for (const r of states) {
      for (const state of ["ready", "deferred", "active", "failed"] as const) m.jobsByState.set({ name: r.name, state }, Number(r[state]));
      if (r.last !== null) m.jobLastRun.set({ name: r.name }, new Date(r.last).getTime() / 1000);
    }
    const schedules = rowsOf<{ name: string; cron: string; timezone: string | null }>(await db.execute(sql`select name, cron, timezone from ${S}.schedule`));
    m.jobNextRun.reset();
    const next = new Map<string, number>();
    for (const s of schedules) {
      const [at] = safePreview(s.cron, s.timezone ?? "UTC");
      if (at) next.set(s.name, Math.min(next.get(s.name) ?? Infinity, at.getTime() / 1000));
    }
    for (const [name, at] of next) m.jobNextRun.set({ name }, at);
  } catch (err) {
    logEvent("warn", "metrics.jobs_unreadable", { message: err instanceof Error ? err.message : String(err) });
  }
  try {
    const open = await openTransactions(db);
    m.oldestTransaction.set(open.applicable ? open.oldestSeconds : 0);
    m.openTransactions.set(open.applicable ? open.open : 0);
    m.hiddenSessions.set(open.applicable ? open.hidden : 0);
  } catch (err) {
    logEvent("warn", "metrics.activity_unreadable", { message: err instanceof Error ? err.message : String(err) });
  }
}

function safePreview(cron: string, tz: string): Date[] {
  try {
    return previewSchedule(cron, { tz, count: 1 });
  } catch {
    return [];
  }
}

/**
 * Whether the scrape's `Authorization: Bearer <token>` is the configured one, compared in constant time (hashes of
 * equal length, so neither the content nor the length of the token leaks through timing).
 */
export function bearerMatches(header: string | null, token: string): boolean {
  const given = header?.match(/^Bearer (.+)$/)?.[1] ?? "";
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(token).digest();
  return timingSafeEqual(a, b) && given.length > 0;
}

/**
 * /metrics (app/api/metrics/route.ts). No METRICS_TOKEN configured: 404, as if there were no such page. A missing
 * or wrong bearer token: 401. Else this process's metrics in Prometheus text.
 */
export async function handleMetrics(db: Db, req: Request, token: string | undefined): Promise<Response> {
  const noStore = { "Cache-Control": "no-store" };
  if (!token) return new Response("Not found\n", { status: 404, headers: { ...noStore, "Content-Type": "text/plain; charset=utf-8" } });
  if (!bearerMatches(req.headers.get("authorization"), token)) {
    logEvent("warn", "security.metrics_refused", { reason: req.headers.has("authorization") ? "wrong_token" : "no_token" });
    return new Response("Unauthorized\n", {
      status: 401,
      headers: { ...noStore, "Content-Type": "text/plain; charset=utf-8", "WWW-Authenticate": 'Bearer realm="metrics"' },
    });
  }
  await refreshDatabaseGauges(db);
  const { registry } = metrics();
  return new Response(await registry.metrics(), { status: 200, headers: { ...noStore, "Content-Type": registry.contentType } });
}
