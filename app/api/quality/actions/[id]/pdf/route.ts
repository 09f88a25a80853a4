import { getDb } from "@/db";
import { actionPdfResponse } from "@/server/quality/pdf-action";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The Corrective/Preventive Action Record (《纠正预防措施记录表》) as a PDF. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return actionPdfResponse(await getDb(), req, (await params).id);
}
