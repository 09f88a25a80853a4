import { getDb } from "@/db";
import { evidenceResponse } from "@/server/evidence/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ sha256: string }> }) {
  return evidenceResponse(await getDb(), req, (await params).sha256);
}
