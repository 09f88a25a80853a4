import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { advanceClock } from "@/server/clock";
import { escalateOverdueJob } from "@/server/complaints/jobs";
import { env } from "@/server/env";
import { sendJob } from "@/server/jobs";

const PLAIN = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } as const;
const ZBody = z.object({
  advanceMs: z
    .number()
    .int()
    .min(0)
    .max(366 * 86_400_000),
});

/**
 * POST /api/test/clock, e2e only (TEST_CLOCK=on; 404 in every other build): { advanceMs } moves the server's clock
 * forward (server/clock.ts), then sends the complaints' deadline sweep to run at once through the real job runner, as
 * its 5-minute schedule would. Answers the clock's offset, the server's now and the job's id; the test then watches
 * the desk (or the form) for the escalation.
 */
export async function testClockResponse(db: Db, req: Request): Promise<Response> {
  if (env().TEST_CLOCK !== "on") return new Response("Not found", { status: 404, headers: PLAIN });
  const parsed = ZBody.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return new Response("Bad request: { advanceMs: integer ≥ 0 }", { status: 400, headers: PLAIN });
  const offsetMs = advanceClock(parsed.data.advanceMs);
  const jobId = await sendJob(db, escalateOverdueJob, {});
  return Response.json({ offsetMs, now: new Date(Date.now() + offsetMs).toISOString(), jobId }, { headers: { "Cache-Control": "no-store" } });
}
