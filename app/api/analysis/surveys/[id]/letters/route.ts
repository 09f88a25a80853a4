import { getDb } from "@/db";
import { lettersPdfResponse } from "@/server/analysis/letters-pdf";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The Service Quality Customer Inquiry Letters (《服务质量客户征询函》) of a survey as one PDF (?contacts=all: every sampled customer). */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return lettersPdfResponse(await getDb(), req, (await params).id);
}
