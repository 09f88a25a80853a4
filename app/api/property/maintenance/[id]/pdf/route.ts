import { getDb } from "@/db";
import { maintenancePdfResponse } from "@/server/property/pdf-maintenance";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The equipment maintenance agreement (设备代维协议) as a PDF. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return maintenancePdfResponse(await getDb(), req, (await params).id);
}
