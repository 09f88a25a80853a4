import { getDb } from "@/db";
import { workOrderPdfResponse } from "@/server/work-orders/pdf-http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return workOrderPdfResponse(await getDb(), req, (await params).id);
}
