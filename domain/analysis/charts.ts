import type { TBlock } from "./schemas";

/**
 * Chart specifications (ECharts options, ADR 0041) built from a report's blocks: pure data, no library import, so the
 * same option goes to the server's SVG renderer for the screen and for the PDF (server/analysis/chart-svg.ts) — one
 * drawing, two places. Names arrive translated (`label(key)`), numbers as stored.
 */
export const CHART_FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
const INK = "#0b1220";
const MUTED = "#475569";
const BAR = "#1d4ed8";
const VITAL = "#a4161a";
const LINE = "#b45309";
const GRID = "#c5ced9";

export interface TChartSpec {
  width: number;
  height: number;
  option: Record<string, unknown>;
}

const base = (height: number) => ({
  animation: false,
  backgroundColor: "#ffffff",
  textStyle: { fontFamily: CHART_FONT, color: INK, fontSize: 12 },
  grid: { left: 48, right: 48, top: 28, bottom: height > 260 ? 84 : 64, containLabel: false },
});

/**
 * Long names wrap on the axis instead of overlapping: two lines at most, an ellipsis when it still does not fit.
 * Chinese wraps after `max` characters (by graphemes); a name of words (English) wraps between words, at twice as
 * many characters a line (Latin letters are about half as wide), so "Staff attitude" never splits inside a word.
 */
export function axisName(name: string, max = 8): string {
  if (/\s/.test(name.trim())) return wrapWords(name.trim().split(/\s+/), max * 2);
  const chars = Array.from(new Intl.Segmenter("zh", { granularity: "grapheme" }).segment(name), (g) => g.segment);
  if (chars.length <= max) return name;
  const first = chars.slice(0, max).join("");
  const rest = chars.slice(max);
  return `${first}\n${rest.length > max ? rest.slice(0, max - 1).join("") + "…" : rest.join("")}`;
}

function wrapWords(words: string[], width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    if (line === "") line = w;
    else if (line.length + 1 + w.length <= width) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  lines.push(line);
  if (lines.length <= 2) return lines.join("\n");
  // the second line keeps the words that fit with the ellipsis
  let second = "";
  for (const w of lines.slice(1).join(" ").split(" ")) {
    const next = second === "" ? w : `${second} ${w}`;
    if (next.length > width) break;
    second = next;
  }
  if (second === "") second = lines[1]!.slice(0, width - 1);
  return `${lines[0]!}\n${second}…`;
}

/** A Pareto (排列图): bars by count, largest first, the vital few in red, and the cumulative line on a 0–100 % axis. */
export function paretoChart(
  block: Extract<TBlock, { type: "pareto" }>,
  label: (key: string) => string,
  opts: { countName: string; cumulativeName: string; width?: number; height?: number },
): TChartSpec {
  const width = opts.width ?? 640;
  const height = opts.height ?? 300;
  const rows = block.rows.slice(0, 12);
  return {
    width,
    height,
    option: {
      ...base(height),
      legend: { top: 0, right: 8, textStyle: { color: MUTED }, data: [opts.countName, opts.cumulativeName] },
      xAxis: {
        type: "category",
        data: rows.map((r) => axisName(label(r.key))),
        axisLabel: { interval: 0, color: INK, fontSize: 11 },
        axisLine: { lineStyle: { color: GRID } },
      },
      yAxis: [
        { type: "value", name: "", minInterval: 1, axisLabel: { color: MUTED }, splitLine: { lineStyle: { color: GRID } } },
        { type: "value", name: "", min: 0, max: 100, interval: 20, axisLabel: { color: MUTED, formatter: "{value}%" }, splitLine: { show: false } },
      ],
      series: [
        {
          name: opts.countName,
          type: "bar",
          barMaxWidth: 48,
          data: rows.map((r) => ({ value: r.count, itemStyle: { color: r.vital ? VITAL : BAR } })),
          label: { show: true, position: "top", color: INK },
        },
        {
          name: opts.cumulativeName,
          type: "line",
          yAxisIndex: 1,
          data: rows.map((r) => r.cumulativePct),
          lineStyle: { color: LINE, width: 2 },
          itemStyle: { color: LINE },
          symbolSize: 6,
          label: { show: true, position: "top", color: LINE, formatter: "{c}%" },
        },
      ],
    },
  };
}

/** A trend (months, weeks): one line, gaps where there is no value. */
export function seriesChart(
  block: Extract<TBlock, { type: "series" }>,
  label: (key: string) => string,
  opts: { name: string; width?: number; height?: number },
): TChartSpec {
  const width = opts.width ?? 640;
  const height = opts.height ?? 240;
  return {
    width,
    height,
    option: {
      ...base(height),
      xAxis: { type: "category", data: block.points.map((p) => label(p.key)), axisLabel: { color: INK }, axisLine: { lineStyle: { color: GRID } } },
      yAxis: { type: "value", scale: true, axisLabel: { color: MUTED }, splitLine: { lineStyle: { color: GRID } } },
      series: [
        {
          name: opts.name,
          type: "line",
          connectNulls: false,
          data: block.points.map((p) => p.value),
          lineStyle: { color: BAR, width: 2 },
          itemStyle: { color: BAR },
          label: { show: true, position: "top", color: INK },
        },
      ],
    },
  };
}

/** Horizontal bars (e.g. the satisfaction items' scores on 0–100), best at the top. */
export function barsChart(bars: { name: string; value: number | null }[], opts: { max?: number; width?: number; height?: number }): TChartSpec {
  const width = opts.width ?? 640;
  const height = opts.height ?? Math.max(160, 40 + bars.length * 30);
  return {
    width,
    height,
    option: {
      ...base(height),
      grid: { left: 180, right: 48, top: 12, bottom: 28 },
      xAxis: { type: "value", min: 0, max: opts.max ?? 100, axisLabel: { color: MUTED }, splitLine: { lineStyle: { color: GRID } } },
      yAxis: { type: "category", inverse: true, data: bars.map((b) => b.name), axisLabel: { color: INK } },
      series: [
        { type: "bar", barMaxWidth: 22, data: bars.map((b) => b.value), itemStyle: { color: BAR }, label: { show: true, position: "right", color: INK } },
      ],
    },
  };
}
