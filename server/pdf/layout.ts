import "server-only";
import { isWellFormedPng } from "@/domain/evidence/png";
import { cjkDocument, documentBytes, onEveryPage } from "./document";

/**
 * Drawing primitives of a printable record (A4 portrait): page breaks, sections, field grids, tables, images, tick
 * boxes, stars and footers. The work-order record draws with it; so can any domain's form or letter (ADR 0031).
 */
export const INK = "#0b1220";
export const MUTED = "#475569";
export const LINE = "#c5ced9";
export const BAND = "#e8eef6";
export const OK = "#0f6b2f";
export const BAD = "#a4161a";

export type Field = [label: string, value: string];
export interface Column {
  label: string;
  width: number;
  mono?: boolean;
}

export class RecordLayout {
  readonly doc: PDFKit.PDFDocument;
  readonly left = 40;
  readonly top = 40;
  readonly width: number;
  /** Space kept free at the bottom of every page for the footer. */
  private readonly footerSpace = 46;
  private readonly bytes: Promise<Buffer>;

  constructor(opts: { compress: boolean; info: PDFKit.DocumentInfo }) {
    this.doc = cjkDocument({
      size: "A4",
      margins: { top: 40, left: 40, right: 40, bottom: 40 },
      bufferPages: true,
      compress: opts.compress,
      info: opts.info,
      autoFirstPage: true,
    });
    this.bytes = documentBytes(this.doc);
    this.width = this.doc.page.width - 80;
    this.doc.font("body").fontSize(10).fillColor(INK);
  }

  get y(): number {
    return this.doc.y;
  }

  set y(v: number) {
    this.doc.y = v;
  }

  get bottom(): number {
    return this.doc.page.height - this.footerSpace;
  }

  /** A new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom) {
      this.doc.addPage();
      this.y = this.top;
    }
  }

  gap(points: number): void {
    this.y += points;
  }

  heightOf(text: string, width: number, font: "body" | "bold" | "Courier", size: number): number {
    return this.doc
      .font(font)
      .fontSize(size)
      .heightOfString(text || " ", { width });
  }

  write(
    text: string,
    x: number,
    y: number,
    width: number,
    o: { font?: "body" | "bold" | "Courier"; size?: number; color?: string; align?: "left" | "right" | "center" } = {},
  ): number {
    // Written at (x, y) without moving the cursor: callers place what follows from the height returned.
    const cursor = { x: this.doc.x, y: this.doc.y };
    this.doc
      .font(o.font ?? "body")
      .fontSize(o.size ?? 10)
      .fillColor(o.color ?? INK)
      .text(text || " ", x, y, { width, align: o.align ?? "left", lineBreak: true });
    this.doc.x = cursor.x;
    this.doc.y = cursor.y;
    return this.heightOf(text, width, o.font ?? "body", o.size ?? 10);
  }

  /** A section's title on a light band; keeps `keep` points of what follows on the same page. */
  section(title: string, keep = 80): void {
    this.ensure(28 + keep);
    this.gap(6);
    this.doc.rect(this.left, this.y, this.width, 22).fill(BAND);
    this.write(title, this.left + 8, this.y + 4, this.width - 16, { font: "bold", size: 11.5 });
    this.y += 30;
  }

  /** Label above value, `cols` to a row; a row moves whole to the next page if it does not fit. */
  fields(fields: Field[], cols = 2): void {
    const gutter = 12;
    const w = (this.width - gutter * (cols - 1)) / cols;
    for (let i = 0; i < fields.length; i += cols) {
      const row = fields.slice(i, i + cols);
      const h = Math.max(...row.map(([l, v]) => this.heightOf(l, w, "body", 7.5) + this.heightOf(v, w, "body", 10))) + 6;
      this.ensure(h);
      const y = this.y;
      row.forEach(([label, value], j) => {
        const x = this.left + j * (w + gutter);
        const lh = this.write(label, x, y, w, { size: 7.5, color: MUTED });
        this.write(value, x, y + lh, w, { size: 10 });
      });
      this.y = y + h;
    }
  }

  /** A table with a header row repeated on each page; cells wrap. */
  table(columns: Column[], rows: string[][]): void {
    const pad = 3;
    const header = () => {
      const h = Math.max(...columns.map((c) => this.heightOf(c.label, c.width - 2 * pad, "bold", 7.5))) + 2 * pad;
      this.ensure(h + 20);
      const y = this.y;
      this.doc.rect(this.left, y, this.width, h).fill(BAND);
      let x = this.left;
      for (const c of columns) {
        this.write(c.label, x + pad, y + pad, c.width - 2 * pad, { font: "bold", size: 7.5 });
        x += c.width;
      }
      this.y = y + h;
    };
    header();
    for (const row of rows) {
      const h = Math.max(...row.map((cell, i) => this.heightOf(cell, columns[i]!.width - 2 * pad, columns[i]!.mono ? "Courier" : "body", 8.5))) + 2 * pad;
      if (this.y + h > this.bottom) {
        this.doc.addPage();
        this.y = this.top;
        header();
      }
      const y = this.y;
      let x = this.left;
      row.forEach((cell, i) => {
        const c = columns[i]!;
        this.write(cell, x + pad, y + pad, c.width - 2 * pad, { size: 8.5, font: c.mono ? "Courier" : "body" });
        x += c.width;
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

  /** An image fitted into a box, or the reason it cannot be shown written in its place. */
  image(image: { mime: string; data: Uint8Array } | null, x: number, y: number, w: number, h: number, missing: (mime: string | null) => string): void {
    this.doc.rect(x, y, w, h).lineWidth(0.5).strokeColor(LINE).stroke();
    // a PNG whose chunks do not hold together would make pdfkit's reader loop for ever: said, not drawn
    if (image && (image.mime === "image/jpeg" || (image.mime === "image/png" && isWellFormedPng(image.data)))) {
      try {
        this.doc.image(Buffer.from(image.data), x + 2, y + 2, { fit: [w - 4, h - 4], align: "center", valign: "center" });
        return;
      } catch {
        // a corrupt file: say so below instead of failing the whole record
      }
    }
    this.write(missing(image?.mime ?? null), x + 6, y + h / 2 - 6, w - 12, { size: 8, color: MUTED, align: "center" });
  }

  /** A tick box (drawn, so it needs no glyph from the font). */
  tick(x: number, y: number, on: boolean): void {
    this.doc.rect(x, y, 9, 9).lineWidth(0.8).strokeColor(INK).stroke();
    if (on)
      this.doc
        .moveTo(x + 1.8, y + 4.8)
        .lineTo(x + 3.8, y + 7)
        .lineTo(x + 7.6, y + 1.8)
        .lineWidth(1.4)
        .strokeColor(OK)
        .stroke();
    else
      this.doc
        .moveTo(x + 2, y + 2)
        .lineTo(x + 7, y + 7)
        .moveTo(x + 7, y + 2)
        .lineTo(x + 2, y + 7)
        .lineWidth(1)
        .strokeColor(BAD)
        .stroke();
  }

  /** `n` of five stars, drawn. */
  stars(x: number, y: number, n: number): void {
    for (let i = 0; i < 5; i++) {
      const cx = x + i * 13 + 5.5;
      const cy = y + 5.5;
      const pts: [number, number][] = [];
      for (let k = 0; k < 10; k++) {
        const r = k % 2 === 0 ? 5.5 : 2.3;
        const a = -Math.PI / 2 + (k * Math.PI) / 5;
        pts.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
      }
      this.doc.polygon(...pts);
      if (i < n) this.doc.fillAndStroke("#d18b00", "#8a5a00");
      else this.doc.lineWidth(0.6).stroke(LINE);
    }
  }

  /** Footers on every page, once the page count is known. */
  footers(left: string, right: (n: number, total: number) => string): void {
    onEveryPage(this.doc, (n, total) => {
      const y = this.doc.page.height - 32;
      this.doc
        .moveTo(this.left, y - 5)
        .lineTo(this.left + this.width, y - 5)
        .lineWidth(0.5)
        .strokeColor(LINE)
        .stroke();
      const split = this.width * 0.62;
      this.write(left, this.left, y, split, { size: 7, color: MUTED });
      this.write(right(n, total), this.left + split, y, this.width - split, { size: 7, color: MUTED, align: "right" });
    });
  }

  /** The finished document's bytes. */
  finish(): Promise<Buffer> {
    this.doc.end();
    return this.bytes;
  }
}
