import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { advanceClock } from "@/server/clock";
import { escalateOverdueJob } from "@/server/complaints/jobs";
import { env } from "@/server/env";
import { sendJob } from "@/server/jobs";
import type { TJobDef } from "@/server/jobs/define";
import { JOBS } from "@/server/jobs/list";

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
 * forward (server/clock.ts), then sends the complaints' deadline sweep (or the scheduled job named by `job`, e.g.
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
  const offsetMs = advanceClock(parsed.data.advanceMs);
  const jobId = named ? await sendJob(db, named as unknown as TJobDef, named.schedule!.data) : await sendJob(db, escalateOverdueJob, {});
  return Response.json({ offsetMs, now: new Date(Date.now() + offsetMs).toISOString(), jobId }, { headers: { "Cache-Control": "no-store" } });
}
