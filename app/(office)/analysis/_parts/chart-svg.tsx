import "server-only";
import type { TChartSpec } from "@/domain/analysis/charts";
import { renderChartSvg } from "@/server/analysis/chart-svg";

/**
 * A chart drawn on the server (ADR 0041): the SVG ECharts renders for this spec, the same one the PDF draws, printed in
 * a `<figure>`. No chart code reaches the browser. ECharts escapes the text it writes, so the SVG can go into the page
 * as it is. The drawing scales to the width of its column (the SVG has a viewBox); below `minWidth` CSS pixels it
 * scrolls sideways instead of shrinking, so its 11–12 px labels stay readable on a 390 px phone.
 */
export function ChartSvg({
  spec,
  testId,
  title,
  caption,
  minWidth = Math.min(spec.width, 540),
}: {
  spec: TChartSpec;
  testId: string;
  /** The chart's accessible name; also shown above it unless `caption` is false. */
  title: string;
  /** A line under the chart (the legend in words, the period), or false to show no title either. */
  caption?: string | false;
  minWidth?: number;
}) {
  const svg = responsive(renderChartSvg(spec), minWidth);
  return (
    <figure data-testid={testId} style={{ margin: 0, maxWidth: "100%" }}>
      {caption !== false && <figcaption style={{ fontWeight: 800, marginBottom: 6 }}>{title}</figcaption>}
      <div
        role="img"
        aria-label={title}
        style={{ overflowX: "auto", WebkitOverflowScrolling: "touch", background: "#ffffff", border: "1px solid var(--line)", borderRadius: 12 }}
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      {caption && (
        <p className="help" style={{ margin: "6px 0 0" }}>
          {caption}
        </p>
      )}
    </figure>
  );
}

/** The root `<svg width="640" height="300" … viewBox="0 0 640 300">` made to fill its column at its own proportions. */
function responsive(svg: string, minWidth: number): string {
  return svg.replace(
    /^<svg width="[\d.]+" height="[\d.]+"/,
    `<svg style="display:block;width:100%;min-width:${Math.round(minWidth)}px;height:auto" aria-hidden="true"`,
  );
}
