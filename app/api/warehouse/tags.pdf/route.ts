import { getDb } from "@/db";
import { tagsPdfResponse } from "@/server/warehouse/pdf-http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return tagsPdfResponse(await getDb(), req);
}
