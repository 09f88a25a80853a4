import { getDb } from "@/db";
import { registerResponse } from "@/server/warehouse/pdf-http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** /api/warehouse/register/<receipts|forms|stock|quarantine|counts>.<csv|pdf>; one stock-take's differences.<csv|pdf>?count=<id> */
export async function GET(req: Request, { params }: { params: Promise<{ file: string }> }) {
  return registerResponse(await getDb(), req, (await params).file);
}
