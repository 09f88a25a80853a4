import { getDb } from "@/db";
import { paretoCsvResponse } from "@/server/analysis/pareto-csv";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** /api/analysis/pareto.csv?subject=&from=&to=: a Pareto chart's table as CSV. */
export async function GET(req: Request) {
  return paretoCsvResponse(await getDb(), req);
}
