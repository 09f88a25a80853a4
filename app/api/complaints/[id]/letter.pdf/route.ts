import { getDb } from "@/db";
import { complaintPdfResponse } from "@/server/complaints/pdf-http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return complaintPdfResponse(await getDb(), req, (await params).id, "letter");
}
