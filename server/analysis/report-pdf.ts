import "server-only";
import { MEETING_KINDS, type TBlock, type TReportData } from "@/domain/analysis/schemas";
import { printedTime as time } from "@/server/pdf/bilingual";
import { BAD, BAND, INK, LINE, MUTED, RecordLayout } from "@/server/pdf/layout";
import { drawChart } from "./chart-svg";
import { blockChartSpec, bothText, formatValue, rowLabel, statusText } from "./report-chart";

/**
 * A report as printed (ADR 0041 §9), from its stored data only: a bilingual title and period, then each block — its
 * figures as a table (target, the comparison period, status; a missed target in red), its Pareto or trend as the
 * same chart the screen shows (blockChartSpec → drawChart), the targets statement with missed rows in red. A
 * meeting's pack is set smaller so it holds on one A4 page.
 */
const P = "analysisPdf";
const AMBER = "#8a5a00";

export interface TReportPrint {
  data: TReportData;
  revision: number;
  /** Department code → [Chinese, English] (the statement's and the tables' rows). */
  departmentNames: Record<string, [string, string]>;
}

interface TCol {
  label: string;
  width: number;
  align?: "left" | "right";
}
interface TRow {
  cells: string[];
  color?: string;
}

class ReportLayout extends RecordLayout {
  constructor(
    info: PDFKit.DocumentInfo,
    compress: boolean,
    readonly compact: boolean,
  ) {
    super({ compress, info });
  }

  get fontSize(): number {
    return this.compact ? 7.5 : 8.5;
  }

  /** A table with a header band (repeated on a new page), rows in their colour. */
  rows(columns: TCol[], rows: TRow[]): void {
    const pad = this.compact ? 2 : 3;
    const size = this.fontSize;
    const widths = this.scale(columns);
    const header = () => {
      const h = Math.max(...columns.map((c, i) => this.heightOf(c.label, widths[i]! - 2 * pad, "bold", size - 1))) + 2 * pad;
      this.ensure(h + 16);
      const y = this.y;
      this.doc.rect(this.left, y, this.width, h).fill(BAND);
      let x = this.left;
      columns.forEach((c, i) => {
        this.write(c.label, x + pad, y + pad, widths[i]! - 2 * pad, { font: "bold", size: size - 1, align: c.align });
        x += widths[i]!;
      });
      this.y = y + h;
    };
    header();
    for (const row of rows) {
      const h = Math.max(...row.cells.map((cell, i) => this.heightOf(cell, widths[i]! - 2 * pad, "body", size))) + 2 * pad;
      if (this.y + h > this.bottom) {
        this.doc.addPage();
        this.y = this.top;
        header();
      }
      const y = this.y;
      let x = this.left;
      row.cells.forEach((cell, i) => {
        this.write(cell, x + pad, y + pad, widths[i]! - 2 * pad, { size, color: row.color ?? INK, align: columns[i]!.align });
        x += widths[i]!;
      });
      this.doc
        .moveTo(this.left, y + h)
        .lineTo(this.left + this.width, y + h)
        .lineWidth(0.5)
        .strokeColor(LINE)
        .stroke();
      this.y = y + h;
    }
  }

  /** Column widths as given, scaled to the page's width. */
  private scale(columns: TCol[]): number[] {
    const total = columns.reduce((t, c) => t + c.width, 0);
    return columns.map((c) => (c.width / total) * this.width);
  }

  heading(title: string): void {
    if (!this.compact) {
      this.section(title, 60);
      return;
    }
    this.ensure(40);
    this.gap(3);
    this.doc.rect(this.left, this.y, this.width, 16).fill(BAND);
    this.write(title, this.left + 6, this.y + 3, this.width - 12, { font: "bold", size: 9 });
    this.y += 19;
  }

  note(line: string): void {
    this.gap(this.write(line, this.left, this.y, this.width, { size: this.fontSize, color: MUTED }) + 4);
  }
}

const right = (label: string, width: number): TCol => ({ label, width, align: "right" });
const colour = (status: string | undefined) => (status === "missed" ? BAD : status === "watch" ? AMBER : undefined);
const dept = (f: TReportPrint, code: string) => {
  const n = f.departmentNames[code];
  return n ? `${n[0]} ${n[1]}` : code;
};
/** A row's name in both languages. */
const both = (block: TBlock, key: string) => {
  const zh = rowLabel(block, key, "zh-CN");
  const en = rowLabel(block, key, "en");
  return zh === en ? zh : `${zh} ${en}`;
};
/** A value in both languages' units (the units are the same signs, but 分/天 are not). */
const value = (v: number | null | undefined, unit: Parameters<typeof formatValue>[1]) => formatValue(v, unit, "zh-CN");

function drawBlock(p: ReportLayout, f: TReportPrint, block: TBlock): void {
  p.heading(bothText(`${P}.block.${block.id}`, undefined, block.id));
  switch (block.type) {
    case "figures": {
      const compared = f.data.kind === "weekly" ? "meta.comparedWeek" : "meta.comparedYear";
      p.rows(
        [
          { label: bothText(`${P}.col.figure`), width: 190 },
          right(bothText(`${P}.col.value`), 60),
          right(bothText(`${P}.col.target`), 60),
          right(bothText(`${P}.col.previous`), 70),
          { label: bothText(`${P}.col.status`), width: 80 },
        ],
        block.figures.map((fig) => ({
          cells: [
            bothText(`${P}.figure.${fig.key}`, undefined, fig.key),
            value(fig.value, fig.unit),
            fig.target === undefined ? "" : value(fig.target, fig.unit),
            fig.previous === undefined ? "" : value(fig.previous, fig.unit),
            fig.status ? `${statusText("zh-CN", fig)} ${statusText("en", fig)}` : "",
          ],
          color: colour(fig.status),
        })),
      );
      if (!p.compact) p.note(bothText(`${P}.${compared}`));
      return;
    }
    case "pareto":
    case "series": {
      const spec = blockChartSpec(block, "zh-CN", p.compact ? { width: 640, height: 260 } : {});
      if (!spec) {
        p.note(bothText(`${P}.meta.empty`));
        return;
      }
      const width = p.compact ? p.width * 0.72 : p.width;
      const height = (spec.height / spec.width) * width;
      p.ensure(height + 4);
      p.gap(drawChart(p.doc, spec, { x: p.left, y: p.y, width }, "body") + 4);
      if (block.type === "pareto" && !p.compact)
        p.rows(
          [
            { label: bothText(`${P}.col.item`), width: 220 },
            right(bothText(`${P}.col.count`), 60),
            right(bothText(`${P}.col.share`), 60),
            right(bothText(`${P}.col.cumulative`), 70),
          ],
          block.rows.map((r) => ({
            cells: [both(block, r.key), String(r.count), `${r.sharePct}%`, `${r.cumulativePct}%`],
            color: r.vital ? BAD : undefined,
          })),
        );
      return;
    }
    case "statement": {
      if (block.rows.length === 0) {
        p.note(bothText(`${P}.meta.empty`));
        return;
      }
      p.rows(
        [
          { label: bothText(`${P}.col.department`), width: 110 },
          { label: bothText(`${P}.col.indicator`), width: 150 },
          right(bothText(`${P}.col.target`), 55),
          right(bothText(`${P}.col.control`), 55),
          right(bothText(`${P}.col.actual`), 55),
          { label: bothText(`${P}.col.status`), width: 70 },
          { label: bothText(`${P}.col.source`), width: 60 },
        ],
        block.rows.map((r) => ({
          cells: [
            dept(f, r.department),
            bothText(`analysis.indicator.${r.indicator}`, undefined, r.indicator),
            value(r.target, r.unit),
            value(r.control, r.unit),
            value(r.actual, r.unit),
            `${statusText("zh-CN", r)} ${statusText("en", r)}`,
            bothText(`${P}.source.${r.source}`),
          ],
          color: colour(r.status),
        })),
      );
      return;
    }
    case "table": {
      if (block.rows.length === 0) {
        p.note(bothText(`${P}.meta.empty`));
        return;
      }
      p.rows(
        [{ label: bothText(`${P}.col.item`), width: 160 }, ...block.columns.map((c) => right(bothText(`${P}.column.${c}`, undefined, c), 70))],
        block.rows.map((r) => ({
          cells: [both(block, r.key), ...r.cells.map((c) => (c === null ? "—" : typeof c === "number" ? String(c) : c))],
        })),
      );
      return;
    }
  }
}

export async function renderReportPdf(f: TReportPrint, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const d = f.data;
  const compact = (MEETING_KINDS as readonly string[]).includes(d.kind);
  const title = bothText(`${P}.title.${d.kind}`);
  const generatedAt = new Date(d.generatedAt);
  const p = new ReportLayout(
    { Title: `${title} ${d.period.key}`, Author: "Tracemark 迹码", Subject: `${d.kind} ${d.period.key}`, CreationDate: generatedAt },
    opts.compress ?? true,
    compact,
  );
  p.gap(p.write(title, p.left, p.y, p.width, { font: "bold", size: compact ? 13 : 16 }) + 2);
  const meta = [bothText(`${P}.meta.period`, { key: d.period.key, from: d.period.from, to: d.period.to }), bothText(`${P}.meta.revision`, { n: f.revision })];
  if (d.weights) meta.push(bothText(`${P}.meta.weights`, d.weights));
  p.note(meta.join(" · "));
  for (const block of d.blocks) drawBlock(p, f, block);
  p.footers(bothText(`${P}.footer.generated`, { time: time(generatedAt) }), (n, total) => `${d.period.key} · ${bothText(`${P}.footer.page`, { n, total })}`);
  return p.finish();
}
