import "server-only";
import ExcelJS from "exceljs";
import type { TBlock, TReportData } from "@/domain/analysis/schemas";
import { toCsv, type TCsvValue } from "@/domain/instruments/csv";
import { printedTime } from "@/server/pdf/bilingual";
import { bothText, rowLabel } from "./report-chart";

/**
 * A report as a workbook (ExcelJS, ADR 0041 §8) and as one CSV, from its stored data: numbers stay numbers, names are
 * "中文 English". The workbook: a cover sheet (the report, its period, revision and generation time), then one sheet
 * per block with a header row. The CSV: every block's numbers as rows of block, key, label, value, unit, target,
 * status, previous.
 */
const P = "analysisPdf";

const label = (block: TBlock, key: string) => {
  const zh = rowLabel(block, key, "zh-CN");
  const en = rowLabel(block, key, "en");
  return zh === en ? zh : `${zh} ${en}`;
};

/** A block's header and rows as cells (what a sheet holds). */
function blockTable(block: TBlock): { header: string[]; rows: (string | number | boolean | null)[][] } {
  switch (block.type) {
    case "figures":
      return {
        header: ["key", "name", "value", "unit", "target", "status", "previous"],
        rows: block.figures.map((f) => [
          f.key,
          bothText(`${P}.figure.${f.key}`, undefined, f.key),
          f.value,
          f.unit,
          f.target ?? null,
          f.status ?? null,
          f.previous ?? null,
        ]),
      };
    case "pareto":
      return {
        header: ["key", "name", "count", "share_pct", "cumulative_pct", "vital"],
        rows: block.rows.map((r) => [r.key, label(block, r.key), r.count, r.sharePct, r.cumulativePct, r.vital]),
      };
    case "series":
      return { header: ["period", "value", "unit"], rows: block.points.map((p) => [p.key, p.value, block.unit]) };
    case "statement":
      return {
        header: ["department", "indicator", "unit", "direction", "target", "control", "actual", "status", "source", "entered_by", "entered_at"],
        rows: block.rows.map((r) => [
          r.department,
          r.indicator,
          r.unit,
          r.direction,
          r.target,
          r.control,
          r.actual,
          r.status,
          r.source,
          r.enteredBy,
          r.enteredAt,
        ]),
      };
    case "table":
      return { header: ["key", "name", ...block.columns], rows: block.rows.map((r) => [r.key, label(block, r.key), ...r.cells]) };
  }
}

export async function renderReportXlsx(data: TReportData, revision: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Tracemark 迹码";
  wb.created = new Date(data.generatedAt);
  const cover = wb.addWorksheet("report");
  cover.columns = [{ width: 24 }, { width: 60 }];
  cover.addRow(["field", "value"]).font = { bold: true };
  cover.addRows([
    ["report", bothText(`${P}.title.${data.kind}`)],
    ["kind", data.kind],
    ["period", data.period.key],
    ["from", data.period.from],
    ["to", data.period.to],
    ["revision", revision],
    ["generated_at", `${printedTime(data.generatedAt)} (Asia/Shanghai)`],
    ["weights", data.weights ? `${data.weights.year} v${data.weights.version}` : ""],
  ]);
  const used = new Set<string>(["report"]);
  for (const block of data.blocks) {
    let name = block.id.slice(0, 31);
    for (let i = 2; used.has(name); i++) name = `${block.id.slice(0, 28)}_${i}`;
    used.add(name);
    const sheet = wb.addWorksheet(name);
    const t = blockTable(block);
    sheet.addRow(t.header).font = { bold: true };
    sheet.addRows(t.rows);
    sheet.columns.forEach((c, i) => (c.width = i === 1 ? 36 : 16));
    sheet.views = [{ state: "frozen", ySplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const REPORT_CSV_HEADER = ["block", "key", "label", "value", "unit", "target", "status", "previous"] as const;

/** Every block's numbers as rows (a table's cells as `<row>.<column>`), with the BOM Excel needs for UTF-8. */
export function renderReportCsv(data: TReportData): string {
  const rows: TCsvValue[][] = [];
  for (const b of data.blocks) {
    switch (b.type) {
      case "figures":
        for (const f of b.figures)
          rows.push([b.id, f.key, bothText(`${P}.figure.${f.key}`, undefined, f.key), f.value, f.unit, f.target ?? null, f.status ?? null, f.previous ?? null]);
        break;
      case "pareto":
        for (const r of b.rows) rows.push([b.id, r.key, label(b, r.key), r.count, "count", null, r.vital ? "vital" : null, null]);
        break;
      case "series":
        for (const p of b.points) rows.push([b.id, p.key, p.key, p.value, b.unit, null, null, null]);
        break;
      case "statement":
        for (const r of b.rows)
          rows.push([
            b.id,
            `${r.department}.${r.indicator}`,
            bothText(`analysis.indicator.${r.indicator}`, undefined, r.indicator),
            r.actual,
            r.unit,
            r.target,
            r.status,
            null,
          ]);
        break;
      case "table":
        for (const r of b.rows)
          r.cells.forEach((c, i) => {
            const col = b.columns[i] ?? String(i);
            rows.push([b.id, `${r.key}.${col}`, `${label(b, r.key)} · ${bothText(`${P}.column.${col}`, undefined, col)}`, c, null, null, null, null]);
          });
        break;
    }
  }
  return `\uFEFF${toCsv(REPORT_CSV_HEADER, rows)}`;
}
