import { getDb } from "@/db";
import { fishbonePdfResponse } from "@/server/analysis/fishbone-pdf";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** A fishbone worksheet (鱼刺图) as a PDF. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return fishbonePdfResponse(await getDb(), req, (await params).id);
}
