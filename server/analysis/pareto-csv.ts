import "server-only";
import type { Db } from "@/db/client";
import { PARETO_SUBJECTS, ZDateRange, type TParetoSubject } from "@/domain/analysis/schemas";
import { toCsv } from "@/domain/instruments/csv";
import { analysisDownloader, download } from "./fishbone-pdf";
import { paretoBlock, type TParetoBlock } from "./pareto";

/** The CSV's columns (the same for every subject). */
export const PARETO_CSV_HEADER = ["key", "name_zh", "name_en", "count", "share_pct", "cumulative_pct", "vital"] as const;

/** A Pareto block as CSV text with a BOM (the app's one CSV writer: quoted where needed, formulas defused). */
export function paretoCsv(block: TParetoBlock): string {
  return `\uFEFF${toCsv(
    PARETO_CSV_HEADER,
    block.rows.map((r) => [r.key, r.label?.["zh-CN"] ?? "", r.label?.en ?? "", r.count, r.sharePct, r.cumulativePct, r.vital ? "yes" : "no"]),
  )}`;
}

/** GET /api/analysis/pareto.csv?subject=&from=&to=: for the analysis readers; 400 for a bad subject or range. */
export async function paretoCsvResponse(db: Db, req: Request): Promise<Response> {
  const who = await analysisDownloader(db, req, false);
  if ("error" in who) return who.error;
  const q = new URL(req.url).searchParams;
  const subject = q.get("subject") ?? "";
  const range = ZDateRange.safeParse({ from: q.get("from") ?? "", to: q.get("to") ?? "" });
  if (!(PARETO_SUBJECTS as readonly string[]).includes(subject) || !range.success)
    return new Response("subject, from and to (YYYY-MM-DD) are required", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const block = await paretoBlock(db, subject as TParetoSubject, range.data.from, range.data.to);
  return download(paretoCsv(block), "text/csv; charset=utf-8", `pareto-${subject}-${range.data.from}-${range.data.to}.csv`);
}
