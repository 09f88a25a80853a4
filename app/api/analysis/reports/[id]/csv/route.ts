import { getDb } from "@/db";
import { reportFileResponse } from "@/server/analysis/report-http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** A stored analysis report as CSV (server/analysis/report-http.ts). */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return reportFileResponse(await getDb(), req, (await params).id, "csv");
}
