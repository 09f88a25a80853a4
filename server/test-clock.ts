import "server-only";
import { hostname } from "node:os";
import { and, eq, gt, like, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbKind } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { setClockOffset } from "@/server/clock";
import { escalateOverdueJob } from "@/server/complaints/jobs";
import { env } from "@/server/env";
import { sendJob } from "@/server/jobs";
import type { TJobDef } from "@/server/jobs/define";
import { JOBS } from "@/server/jobs/list";
import { logEvent } from "@/server/log";

const PLAIN = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } as const;
const ZBody = z.object({
  advanceMs: z
    .number()
    .int()
    .min(0)
    .max(366 * 86_400_000),
  /** A scheduled job to run now instead of the complaints' sweep (e.g. "quality.billingOpen"), with its schedule's data. */
  job: z.string().max(60).optional(),
});

/**
 * POST /api/test/clock, e2e only (TEST_CLOCK=on; 404 in every other build): { advanceMs } moves the server's clock
 * forward (server/clock.ts; the offset is kept in the database and, on PostgreSQL, every live app process has its copy
 * before the answer: the section below), then sends the complaints' deadline sweep (or the scheduled job named by `job`, e.g.
 * "quality.billingOpen" on the 1st) to run at once through the real job runner, as
 * its 5-minute schedule would. Answers the clock's offset, the server's now and the job's id; the test then watches
 * the desk (or the form) for the escalation.
 */
export async function testClockResponse(db: Db, req: Request): Promise<Response> {
  if (env().TEST_CLOCK !== "on") return new Response("Not found", { status: 404, headers: PLAIN });
  const parsed = ZBody.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return new Response("Bad request: { advanceMs: integer ≥ 0 }", { status: 400, headers: PLAIN });
  const named = parsed.data.job === undefined ? null : JOBS.find((j) => j.name === parsed.data.job && j.schedule);
  if (named === undefined) return new Response("Bad request: no such scheduled job", { status: 400, headers: PLAIN });
  const offsetS = await addSharedOffset(db, parsed.data.advanceMs);
  setClockOffset(offsetS * 1000);
  await markSeen(db, offsetS);
  const lagging = await untilAllSeen(db, offsetS, SEEN_WAIT_MS);
  if (lagging.length > 0)
    return new Response(`Service unavailable: app processes have not seen the clock move: ${lagging.join(", ")}`, { status: 503, headers: PLAIN });
  const offsetMs = offsetS * 1000;
  const jobId = named ? await sendJob(db, named as unknown as TJobDef, named.schedule!.data) : await sendJob(db, escalateOverdueJob, {});
  return Response.json({ offsetMs, now: new Date(Date.now() + offsetMs).toISOString(), jobId }, { headers: { "Cache-Control": "no-store" } });
}

/*
 * The offset shared by every app process (docs/operations/several-processes.md). why rate_limits: it is the schema's
 * one key/value table (text key, integer, timestamp), and a test-only value does not deserve a migration. Keys that
 * rate-limiter-flexible never writes (its keys are `<keyPrefix>:<key>`, prefixes login_…, push_user, expensive_…):
 * - `test_clock:offset_s`: the offset in whole seconds (points), no expiry (never cleared by the limiter's sweep);
 * - `test_clock:seen:<host>:<pid>`: the offset a live process has copied (points), expiring a few seconds after its
 *   last heartbeat, so a killed process stops counting as live on its own.
 * Whole seconds: an integer column holds 68 years of them; the clock moves by hours and days.
 */
const OFFSET_KEY = "test_clock:offset_s";
const SEEN_PREFIX = "test_clock:seen:";
const INSTANCE = `${hostname()}:${process.pid}`;
const MAX_OFFSET_S = 2_000_000_000;
/** How often a process re-reads the offset, how often it says it is alive, and when its word lapses. */
const POLL_MS = 250;
const HEARTBEAT_MS = 2_000;
const SEEN_TTL_S = 6;
/** How long the route waits for every live process (longer than SEEN_TTL_S: a killed one lapses meanwhile). */
const SEEN_WAIT_MS = 20_000;

async function addSharedOffset(db: Db, advanceMs: number): Promise<number> {
  const add = Math.round(advanceMs / 1000);
  const [row] = await db
    .insert(rateLimits)
    .values({ key: OFFSET_KEY, points: Math.min(add, MAX_OFFSET_S), expire: null })
    .onConflictDoUpdate({ target: rateLimits.key, set: { points: sql`least(${rateLimits.points} + excluded.points, ${MAX_OFFSET_S})` } })
    .returning({ points: rateLimits.points });
  return row!.points;
}

async function readSharedOffset(db: Db): Promise<number> {
  const [row] = await db.select({ points: rateLimits.points }).from(rateLimits).where(eq(rateLimits.key, OFFSET_KEY));
  return row?.points ?? 0;
}

async function markSeen(db: Db, offsetS: number): Promise<void> {
  const expire = sql`now() + make_interval(secs => ${SEEN_TTL_S})`;
  await db
    .insert(rateLimits)
    .values({ key: `${SEEN_PREFIX}${INSTANCE}`, points: offsetS, expire })
    .onConflictDoUpdate({ target: rateLimits.key, set: { points: offsetS, expire } });
}

/** Waits until no live process holds another offset; answers the ones that still do after `ms`. */
async function untilAllSeen(db: Db, offsetS: number, ms: number): Promise<string[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const behind = await db
      .select({ key: rateLimits.key })
      .from(rateLimits)
      .where(and(like(rateLimits.key, `${SEEN_PREFIX}%`), gt(rateLimits.expire, sql`now()`), ne(rateLimits.points, offsetS)));
    if (behind.length === 0 || Date.now() > deadline) return behind.map((r) => r.key.slice(SEEN_PREFIX.length));
    await new Promise((r) => setTimeout(r, 100));
  }
}

const syncHolder = globalThis as unknown as { __tracemarkClockSync?: ReturnType<typeof setInterval> };

/**
 * TEST_CLOCK=on processes (instrumentation.ts): copies the shared offset now (a restarted process starts where the
 * others are), and on PostgreSQL keeps copying it every POLL_MS and saying so (markSeen). PGlite has one process:
 * the route's own copy is the only one.
 */
export async function startTestClockSync(db: Db, kind: DbKind): Promise<void> {
  if (syncHolder.__tracemarkClockSync) return;
  let seen = await readSharedOffset(db);
  setClockOffset(seen * 1000);
  if (kind !== "postgres") return;
  await markSeen(db, seen);
  let lastBeat = Date.now();
  let busy = false;
  syncHolder.__tracemarkClockSync = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      const offsetS = await readSharedOffset(db);
      setClockOffset(offsetS * 1000);
      if (offsetS !== seen || Date.now() - lastBeat >= HEARTBEAT_MS) {
        await markSeen(db, offsetS);
        seen = offsetS;
        lastBeat = Date.now();
      }
    })()
      .catch((err: unknown) => logEvent("warn", "test_clock.sync_failed", { message: err instanceof Error ? err.message : String(err) }))
      .finally(() => (busy = false));
  }, POLL_MS);
  syncHolder.__tracemarkClockSync.unref();
}
