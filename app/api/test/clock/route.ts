import { getDb } from "@/db";
import { testClockResponse } from "@/server/test-clock";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** e2e only: see server/test-clock.ts (404 unless TEST_CLOCK=on). */
export async function POST(req: Request): Promise<Response> {
  return testClockResponse(await getDb(), req);
}
