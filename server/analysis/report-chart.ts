import "server-only";
import { paretoChart, seriesChart, type TChartSpec } from "@/domain/analysis/charts";
import type { TBlock, TFigure, TUnit } from "@/domain/analysis/schemas";
import { CATALOGUES } from "@/messages/catalogue";
import { labels as L } from "@/server/pdf/bilingual";

/**
 * What a report's screen (app/(office)/analysis/reports) and its PDF share: the names of blocks, figures and rows in
 * a language, and each chart's specification — built here once, so the SVG on the screen (renderChartSvg) and the
 * one in the PDF (drawChart) are drawn from the identical spec.
 */
export type TReportLocale = "en" | "zh-CN";

function has(locale: TReportLocale, key: string): boolean {
  let node: unknown = CATALOGUES[locale];
  for (const part of key.split(".")) {
    if (!node || typeof node !== "object" || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

/** A catalogue text in one language; `fallback` (or the key's last part) when the catalogue has none. */
export function text(locale: TReportLocale, key: string, values?: Record<string, string | number>, fallback?: string): string {
  if (!has(locale, key)) return fallback ?? key.split(".").at(-1) ?? key;
  return locale === "en" ? L.en(key, values) : L.zh(key, values);
}

/** "中文 English" of a catalogue key (printed records are bilingual). */
export function bothText(key: string, values?: Record<string, string | number>, fallback?: string): string {
  const zh = text("zh-CN", key, values, fallback);
  const en = text("en", key, values, fallback);
  return zh === en ? zh : `${zh} ${en}`;
}

export const blockTitle = (locale: TReportLocale, id: string) => text(locale, `analysisPdf.block.${id}`, undefined, id);
export const figureName = (locale: TReportLocale, key: string) => text(locale, `analysisPdf.figure.${key}`, undefined, key);
export const columnName = (locale: TReportLocale, col: string) => text(locale, `analysisPdf.column.${col}`, undefined, col);

/** A Pareto bar's or table row's name: the name the data gave, else its key in the block's keyspace, else the key. */
export function rowLabel(block: TBlock, key: string, locale: TReportLocale): string {
  if (block.type === "pareto" || block.type === "table") {
    const row = (block.rows as { key: string; label: { "zh-CN": string; en: string } | null }[]).find((r) => r.key === key);
    if (row?.label) return row.label[locale];
  }
  if (key === "") return text(locale, "analysisPdf.meta.none");
  if (block.type === "pareto") return text(locale, `${block.keyspace}.${key}`, undefined, key);
  return key;
}

/** A number with its unit (% ‰ 分 天; counts and amounts bare); "—" for none. */
export function formatValue(value: number | null | undefined, unit: TUnit, locale: TReportLocale): string {
  if (value === null || value === undefined) return "—";
  const n = Number.isInteger(value) || unit === "amount" || unit === "count" ? String(value) : value.toFixed(unit === "per_1000" ? 2 : 1);
  if (unit === "count" || unit === "amount") return n;
  return `${n}${text(locale, `analysis.unit.${unit}`, undefined, "")}`;
}

/** A figure's status word (met, watch, missed, no data), or "" when it has no target. */
export const statusText = (locale: TReportLocale, f: Pick<TFigure, "status">) => (f.status ? text(locale, `analysis.targetStatus.${f.status}`) : "");

/**
 * The chart of a block (a Pareto or a series), in `locale`, or null for a block drawn as a table. The report screen
 * renders it with renderChartSvg, the PDF with drawChart: the same spec, the same drawing.
 */
export function blockChartSpec(block: TBlock, locale: TReportLocale, size: { width?: number; height?: number } = {}): TChartSpec | null {
  if (block.type === "pareto") {
    if (block.rows.length === 0) return null;
    return paretoChart(block, (key) => rowLabel(block, key, locale), {
      countName: text(locale, "analysisPdf.chart.count"),
      cumulativeName: text(locale, "analysisPdf.chart.cumulative"),
      ...size,
    });
  }
  if (block.type === "series") {
    if (block.points.every((p) => p.value === null)) return null;
    return seriesChart(block, (key) => key, { name: blockTitle(locale, block.id), ...size });
  }
  return null;
}
