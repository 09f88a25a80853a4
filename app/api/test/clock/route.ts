import { z } from "zod";
import { getDb } from "@/db";
import { advanceClock } from "@/server/clock";
import { escalateOverdueJob } from "@/server/complaints/jobs";
import { env } from "@/server/env";
import { sendJob } from "@/server/jobs";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const PLAIN = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } as const;
const ZBody = z.object({
  advanceMs: z
    .number()
    .int()
    .min(0)
    .max(366 * 86_400_000),
});

/**
 * e2e only (TEST_CLOCK=on; 404 in every other build): POST { advanceMs } moves the server's clock forward
 * (server/clock.ts), then sends the complaints' deadline sweep to run at once through the real job runner, as the
 * 5-minute schedule would. Answers the clock's offset and the job's id; the test then watches the desk.
 */
export async function POST(req: Request): Promise<Response> {
  if (env().TEST_CLOCK !== "on") return new Response("Not found", { status: 404, headers: PLAIN });
  const parsed = ZBody.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return new Response("Bad request: { advanceMs: integer ≥ 0 }", { status: 400, headers: PLAIN });
  const offsetMs = advanceClock(parsed.data.advanceMs);
  const jobId = await sendJob(await getDb(), escalateOverdueJob, {});
  return Response.json({ offsetMs, now: new Date(Date.now() + offsetMs).toISOString(), jobId }, { headers: { "Cache-Control": "no-store" } });
}

export function GET(): Response {
  return new Response("Not found", { status: 404, headers: PLAIN });
}
