import { getDb } from "@/db";
import { handleMetrics } from "@/server/observability/scrape";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Prometheus metrics of this process (docs/operations/observability.md): `Authorization: Bearer $METRICS_TOKEN`;
 * 404 when METRICS_TOKEN is not set. Each app process answers for itself: scrape every process's port.
 */
export async function GET(req: Request) {
  return handleMetrics(await getDb(), req, process.env.METRICS_TOKEN?.trim() || undefined);
}
