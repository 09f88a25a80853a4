import { getDb } from "@/db";
import { env } from "@/server/env";
import { clockOffsetMs } from "@/server/clock";
import { testClockResponse } from "@/server/test-clock";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** e2e only: see server/test-clock.ts. 404 unless TEST_CLOCK=on, checked first: no database, no body read otherwise. */
export async function POST(req: Request): Promise<Response> {
  if (env().TEST_CLOCK !== "on")
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  return testClockResponse(await getDb(), req);
}

/** e2e only: this process's copy of the offset (several app processes must all follow the one in the database). */
export function GET(): Response {
  const headers = { "Cache-Control": "no-store" };
  if (env().TEST_CLOCK !== "on") return new Response("Not found", { status: 404, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
  const offsetMs = clockOffsetMs();
  return Response.json({ offsetMs, now: new Date(Date.now() + offsetMs).toISOString(), pid: process.pid }, { headers });
}
