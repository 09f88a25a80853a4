import { getDb } from "@/db";
import { summaryResponse } from "@/server/complaints/pdf-http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ month: string }> }) {
  return summaryResponse(await getDb(), req, (await params).month);
}
