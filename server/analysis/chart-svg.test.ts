import { describe, expect, it } from "vitest";
import { barsChart, paretoChart, seriesChart } from "@/domain/analysis/charts";
import { paretoOfCounts } from "@/domain/analysis/pareto";
import type { TBlock } from "@/domain/analysis/schemas";
import { cjkDocument, documentBytes } from "@/server/pdf/document";
import { pdfText } from "@/tests/helpers/pdf-text";
import { drawChart, renderChartSvg } from "./chart-svg";

const LABELS: Record<string, string> = { no_dial_tone: "无拨号音", billing: "计费差错", noise: "杂音", evil: "<script>alert(1)</script>" };
const label = (k: string) => LABELS[k] ?? k;
const block = (counts: Record<string, number>): Extract<TBlock, { type: "pareto" }> => {
  const rows = paretoOfCounts(counts).map((r) => ({ ...r, label: null }));
  return { type: "pareto", id: "complaints", keyspace: "analysis.category", total: rows.reduce((t, r) => t + r.count, 0), rows };
};
/** Class names renumbered by first appearance, the renderer's instance number dropped from ids (clip paths). */
const classless = (svg: string) => {
  const seen = new Map<string, number>();
  return svg.replace(/zr\d+-cls-\d+/g, (c) => `c${seen.get(c) ?? seen.set(c, seen.size).get(c)!}`).replace(/zr\d+-/g, "zr-");
};
const squash = (s: string) => s.replace(/\s+/g, "");

describe("renderChartSvg", () => {
  it("gives an <svg> of the spec's size with the labels, the counts and the cumulative shares", () => {
    const svg = renderChartSvg(paretoChart(block({ no_dial_tone: 50, billing: 30, noise: 20 }), label, { countName: "件数", cumulativeName: "累计百分比" }));
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg).toMatch(/width="640"/);
    expect(svg).toMatch(/height="300"/);
    for (const s of ["无拨号音", "计费差错", "杂音", "件数", "累计百分比", ">50<", ">30<", "80%", "100%"]) expect(svg, s).toContain(s);
  });
  it("escapes text: a category named <script> comes out as text, never as an element", () => {
    const svg = renderChartSvg(paretoChart(block({ evil: 3, noise: 1 }), label, { countName: "n", cumulativeName: "%" }));
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain("&lt;script&gt;");
    const bars = renderChartSvg(barsChart([{ name: '"><img src=x onerror=alert(1)>', value: 10 }], {}));
    expect(bars).not.toMatch(/<img/i);
    expect(bars).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
  });
  it("a series and bars render too; the same spec gives the same SVG", () => {
    const series: Extract<TBlock, { type: "series" }> = {
      type: "series",
      id: "trend",
      unit: "score",
      points: [
        { key: "9月", value: 81.2 },
        { key: "10月", value: null },
        { key: "11月", value: 83.5 },
      ],
    };
    const s = seriesChart(series, (k) => k, { name: "满意度指数" });
    const svg = renderChartSvg(s);
    expect(svg).toContain("11月");
    expect(svg).toContain("83.5");
    // class names and ids carry the renderer's instance number (zr0-cls-0, zr1-c0): unique per chart on a page
    expect(classless(renderChartSvg(s))).toBe(classless(svg));
    const bars = renderChartSvg(barsChart([{ name: "服务态度", value: 87.5 }], {}));
    expect(bars).toContain("服务态度");
    expect(bars).toContain("87.5");
  });
  it("an empty Pareto still renders", () => {
    expect(renderChartSvg(paretoChart(block({}), label, { countName: "n", cumulativeName: "%" }))).toMatch(/^<svg/);
  });
});

describe("drawChart", () => {
  it("puts the chart's text into the PDF in the CJK font, at the width asked, height in proportion", async () => {
    const doc = cjkDocument({ size: "A4", margin: 40, compress: false });
    const bytes = documentBytes(doc);
    doc.font("body");
    doc.text("排列图");
    const spec = paretoChart(block({ no_dial_tone: 50, billing: 30, noise: 20 }), label, { countName: "件数", cumulativeName: "累计百分比" });
    const h = drawChart(doc, spec, { x: 40, y: 100, width: 320 }, "body");
    expect(h).toBe(150);
    doc.end();
    const pdf = await bytes;
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = squash(pdfText(pdf).text);
    for (const s of ["排列图", "无拨号音", "计费差错", "杂音", "件数", "累计百分比", "80%"]) expect(text, s).toContain(s);
  });
});
