import "server-only";
import { ChartSvg } from "@/app/(office)/analysis/_parts/chart-svg";
import type { TBlock } from "@/domain/analysis/schemas";
import { blockChartSpec, blockTitle, type TReportLocale } from "@/server/analysis/report-chart";

/**
 * A Pareto or series block's chart: the spec the PDF draws (blockChartSpec, same names, same numbers), rendered to SVG
 * on the server and printed into the page (ChartSvg), so the screen ships no chart code and cannot differ from the PDF.
 * Nothing for a block with no bars or no values.
 */
export function ReportChart({ block, locale }: { block: Extract<TBlock, { type: "pareto" | "series" }>; locale: string }) {
  const loc: TReportLocale = locale === "en" ? "en" : "zh-CN";
  const spec = blockChartSpec(block, loc);
  if (!spec) return null;
  return <ChartSvg spec={spec} testId={`chart-${block.id}`} title={blockTitle(loc, block.id)} caption={false} />;
}
