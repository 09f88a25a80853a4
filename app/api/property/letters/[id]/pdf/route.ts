import { getDb } from "@/db";
import { letterPdfResponse } from "@/server/property/pdf-letter";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The rectification letter (整改通知书) as a PDF. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return letterPdfResponse(await getDb(), req, (await params).id);
}
