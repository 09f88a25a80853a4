import { getDb } from "@/db";
import { tagPngResponse } from "@/server/warehouse/pdf-http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** /api/warehouse/tags/<tag>.png */
export async function GET(req: Request, { params }: { params: Promise<{ file: string }> }) {
  return tagPngResponse(await getDb(), req, (await params).file);
}
