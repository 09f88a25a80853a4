import { getDb } from "@/db";
import { formPdfResponse } from "@/server/warehouse/pdf-http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return formPdfResponse(await getDb(), req, (await params).id);
}
