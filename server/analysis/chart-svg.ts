import "server-only";
import * as echarts from "echarts";
import SVGtoPDF from "svg-to-pdfkit";
import type { TChartSpec } from "@/domain/analysis/charts";

/**
 * Charts are drawn once, on the server, by ECharts' SSR renderer to SVG (ADR 0041): the office screen shows that SVG
 * and the PDF draws the same SVG with svg-to-pdfkit, so the two cannot differ. ECharts escapes the text it writes
 * (a category named `<script>` comes out as text), which is what lets the screen put the SVG in the page.
 */
export function renderChartSvg(spec: TChartSpec): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: spec.width, height: spec.height });
  try {
    chart.setOption(spec.option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Draws a chart into a PDF at (x, y), `width` wide (height kept in proportion), in the document's CJK font. */
export function drawChart(doc: PDFKit.PDFDocument, spec: TChartSpec, at: { x: number; y: number; width: number }, font: string): number {
  const height = (spec.height / spec.width) * at.width;
  SVGtoPDF(doc, renderChartSvg(spec), at.x, at.y, { width: at.width, height, preserveAspectRatio: "xMinYMin meet", fontCallback: () => font, assumePt: false });
  return height;
}
