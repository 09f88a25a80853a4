import { describe, expect, test } from "vitest";
import { axisName, barsChart, CHART_FONT, paretoChart, seriesChart } from "./charts";
import { paretoOfCounts } from "./pareto";
import type { TBlock } from "./schemas";

type TSeries = { type: string; name?: string; yAxisIndex?: number; data: unknown[] };
const LABELS: Record<string, string> = { no_dial_tone: "无拨号音", billing: "计费差错", noise: "杂音", slow: "修复超时（超过四十八小时未修复）" };
const label = (k: string) => LABELS[k] ?? k;

const paretoBlock = (counts: Record<string, number>): Extract<TBlock, { type: "pareto" }> => {
  const rows = paretoOfCounts(counts).map((r) => ({ ...r, label: null }));
  return { type: "pareto", id: "complaints", keyspace: "analysis.category", total: rows.reduce((t, r) => t + r.count, 0), rows };
};

describe("axisName", () => {
  test("short names as they are", () => {
    expect(axisName("杂音")).toBe("杂音");
    expect(axisName("计费差错计费差错")).toBe("计费差错计费差错");
    expect(axisName("")).toBe("");
  });
  test("Chinese wraps after eight characters, two lines at most, with an ellipsis", () => {
    expect(axisName("修复超时超过四十八小时")).toBe("修复超时超过四十\n八小时");
    expect(axisName("一二三四五六七八九十一二三四五六七八九十")).toBe("一二三四五六七八\n九十一二三四五…");
    expect(axisName("一二三四五六七八九十一二三四五六")).toBe("一二三四五六七八\n九十一二三四五六");
  });
  test("by graphemes, not code units: an emoji or a flag is one", () => {
    const name = "👨‍👩‍👧🇨🇳一二三四五六七八";
    const lines = axisName(name).split("\n");
    expect(lines[0]).toBe("👨‍👩‍👧🇨🇳一二三四五六");
    expect(lines[1]).toBe("七八");
    expect(axisName("𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇")).toBe("𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇"); // eight characters outside the BMP: sixteen code units, no wrap
  });
  test("words wrap between words, never inside one, at twice the width", () => {
    expect(axisName("Staff attitude")).toBe("Staff attitude");
    expect(axisName("Install/move/repair staff attitude")).toBe("Install/move/repair\nstaff attitude");
    expect(axisName("Complaint and inquiry handling by the counter staff")).toBe("Complaint and\ninquiry handling…");
    for (const line of axisName("Ease of getting through at the first try").split("\n")) expect(line.length).toBeLessThanOrEqual(16);
  });
  test("a custom width", () => {
    expect(axisName("abcdef", 3)).toBe("abc\ndef");
    expect(axisName("abcdefgh", 3)).toBe("abc\nde…");
  });
});

describe("paretoChart", () => {
  const block = paretoBlock({ no_dial_tone: 50, billing: 30, slow: 15, noise: 5 });
  const spec = paretoChart(block, label, { countName: "件数", cumulativeName: "累计百分比" });
  const opt = spec.option as {
    xAxis: { data: string[] };
    yAxis: { max?: number }[];
    series: TSeries[];
    legend: { data: string[] };
    animation: boolean;
    textStyle: { fontFamily: string };
  };

  test("default size, no animation, the CJK font", () => {
    expect(spec).toMatchObject({ width: 640, height: 300 });
    expect(opt.animation).toBe(false);
    expect(opt.textStyle.fontFamily).toBe(CHART_FONT);
  });
  test("categories in Pareto order, translated and wrapped", () => {
    expect(opt.xAxis.data).toEqual(["无拨号音", "计费差错", "修复超时（超过四\n十八小时未修复）", "杂音"]);
  });
  test("bars by count (the vital few in another colour) and the cumulative line on a 0–100 axis", () => {
    const [bars, line] = opt.series;
    expect(bars).toMatchObject({ type: "bar", name: "件数" });
    expect(bars!.data.map((d) => (d as { value: number }).value)).toEqual([50, 30, 15, 5]);
    const colours = bars!.data.map((d) => (d as { itemStyle: { color: string } }).itemStyle.color);
    expect(colours[0]).toBe(colours[1]);
    expect(colours[2]).toBe(colours[3]);
    expect(colours[0]).not.toBe(colours[2]);
    expect(line).toMatchObject({ type: "line", name: "累计百分比", yAxisIndex: 1, data: [50, 80, 95, 100] });
    expect(opt.yAxis[1]).toMatchObject({ min: 0, max: 100 });
    expect(opt.legend.data).toEqual(["件数", "累计百分比"]);
  });
  test("at most twelve bars; width and height taken", () => {
    const many = paretoBlock(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${String(i).padStart(2, "0")}`, 20 - i])));
    const s = paretoChart(many, label, { countName: "n", cumulativeName: "%", width: 390, height: 280 });
    expect((s.option as { xAxis: { data: string[] } }).xAxis.data).toHaveLength(12);
    expect(s).toMatchObject({ width: 390, height: 280 });
  });
  test("an empty Pareto is an empty chart, not an error", () => {
    const s = paretoChart(paretoBlock({}), label, { countName: "n", cumulativeName: "%" });
    expect((s.option as { series: TSeries[] }).series.map((x) => x.data)).toEqual([[], []]);
  });
});

describe("seriesChart", () => {
  test("one line over the points, gaps kept as null", () => {
    const block: Extract<TBlock, { type: "series" }> = {
      type: "series",
      id: "index_trend",
      unit: "score",
      points: [
        { key: "2026-09", value: 81.2 },
        { key: "2026-10", value: null },
        { key: "2026-11", value: 83.5 },
      ],
    };
    const s = seriesChart(block, (k) => `${Number(k.slice(5))}月`, { name: "满意度指数" });
    const opt = s.option as { xAxis: { data: string[] }; series: (TSeries & { connectNulls: boolean })[] };
    expect(s).toMatchObject({ width: 640, height: 240 });
    expect(opt.xAxis.data).toEqual(["9月", "10月", "11月"]);
    expect(opt.series).toHaveLength(1);
    expect(opt.series[0]).toMatchObject({ type: "line", name: "满意度指数", data: [81.2, null, 83.5], connectNulls: false });
  });
});

describe("barsChart", () => {
  test("horizontal bars, best at the top, 0–100 by default, the height growing with the bars", () => {
    const bars = [
      { name: "服务态度", value: 87.5 },
      { name: "装移修", value: 50 },
      { name: "交费", value: null },
    ];
    const s = barsChart(bars, {});
    const opt = s.option as { xAxis: { min: number; max: number }; yAxis: { data: string[]; inverse: boolean }; series: TSeries[] };
    expect(opt.xAxis).toMatchObject({ min: 0, max: 100 });
    expect(opt.yAxis).toMatchObject({ type: "category", inverse: true, data: ["服务态度", "装移修", "交费"] });
    expect(opt.series[0]).toMatchObject({ type: "bar", data: [87.5, 50, null] });
    expect(s.height).toBe(160);
    expect(
      barsChart(
        Array.from({ length: 11 }, (_, i) => ({ name: String(i), value: i })),
        { max: 5 },
      ).height,
    ).toBe(40 + 11 * 30);
    expect((barsChart(bars, { max: 5 }).option as { xAxis: { max: number } }).xAxis.max).toBe(5);
  });
  test("a chart option is plain data (JSON round trip keeps it)", () => {
    const s = barsChart([{ name: "a", value: 1 }], {});
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});
