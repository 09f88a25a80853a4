import { getDb } from "@/db";
import { env } from "@/server/env";
import { testClockResponse } from "@/server/test-clock";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** e2e only: see server/test-clock.ts. 404 unless TEST_CLOCK=on, checked first: no database, no body read otherwise. */
export async function POST(req: Request): Promise<Response> {
  if (env().TEST_CLOCK !== "on")
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  return testClockResponse(await getDb(), req);
}
