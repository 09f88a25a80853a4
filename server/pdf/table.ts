import "server-only";
import { recordTime } from "@/domain/time/operator";
import { cjkDocument, documentBytes, onEveryPage } from "./document";

const INK = "#1a1a1a";
const MUTED = "#5f6368";
const LINE = "#c8ccd0";

/** "2026-03-02 09:30" on the operator's clock (a register's print time). */
export function printedMinute(at: Date): string {
  return recordTime(at, { seconds: false });
}

/**
 * A register as a table on A4 landscape pages: title, a header row repeated on every page, wrapped cells, and a
 * footer with the print time and page numbers. Chinese needs a CJK font (./font.ts). The instrument registers print
 * with it; so can any domain's list.
 */
export async function renderTablePdf(t: { title: string; columns: string[]; rows: string[][]; widths: number[]; footer: string }): Promise<Buffer> {
  const doc = cjkDocument({
    size: "A4",
    layout: "landscape",
    margins: { top: 36, left: 30, right: 30, bottom: 40 },
    bufferPages: true,
    info: { Title: t.title, Author: "Tracemark 迹码" },
  });
  const done = documentBytes(doc);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = doc.page.height - doc.page.margins.bottom - 14;
  const total = t.widths.reduce((a, b) => a + b, 0);
  const cols = t.widths.map((w) => (w / total) * width);
  const pad = 3;
  const size = 7.5;

  const rowHeight = (cells: string[], font: string) =>
    Math.max(
      ...cells.map((c, i) =>
        doc
          .font(font)
          .fontSize(size)
          .heightOfString(c || " ", { width: cols[i]! - 2 * pad }),
      ),
    ) +
    2 * pad;

  const drawRow = (cells: string[], y: number, font: string, fill?: string) => {
    const h = rowHeight(cells, font);
    if (fill) doc.rect(left, y, width, h).fill(fill);
    let x = left;
    cells.forEach((c, i) => {
      doc
        .font(font)
        .fontSize(size)
        .fillColor(INK)
        .text(c || "", x + pad, y + pad, { width: cols[i]! - 2 * pad });
      x += cols[i]!;
    });
    doc
      .moveTo(left, y + h)
      .lineTo(left + width, y + h)
      .lineWidth(0.5)
      .strokeColor(LINE)
      .stroke();
    return h;
  };

  doc.font("bold").fontSize(14).fillColor(INK).text(t.title, left, doc.page.margins.top, { width });
  let y = doc.y + 8;
  const header = () => {
    y += drawRow(t.columns, y, "bold", "#eef1f4");
  };
  header();
  for (const row of t.rows) {
    const h = rowHeight(row, "body");
    if (y + h > bottom) {
      doc.addPage();
      y = doc.page.margins.top;
      header();
    }
    y += drawRow(row, y, "body");
  }
  if (t.rows.length === 0)
    doc
      .font("body")
      .fontSize(9)
      .fillColor(MUTED)
      .text("—", left, y + 6);

  onEveryPage(doc, (n, total) => {
    const fy = doc.page.height - doc.page.margins.bottom + 10;
    doc.font("body").fontSize(7).fillColor(MUTED).text(`${t.footer} · ${n}/${total}`, left, fy, { width, align: "right", lineBreak: false });
  });
  doc.end();
  return done;
}
