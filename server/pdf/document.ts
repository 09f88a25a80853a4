import "server-only";
import PDFDocument from "pdfkit";
import { cjkFaces } from "./font";

/**
 * The PDF floor's document: a pdfkit document with the process's parsed CJK faces registered as "body" and "bold"
 * (pdfkit's Courier stays available for codes). Every PDF of every domain starts here (ADR 0031).
 */
export function cjkDocument(options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  const doc = new PDFDocument(options);
  const faces = cjkFaces();
  doc.registerFont("body", faces.regular);
  doc.registerFont("bold", faces.bold);
  return doc;
}

/** The document's bytes, once `doc.end()` has been called. Call before ending it. */
export function documentBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

/**
 * Draws on every page of a document made with `bufferPages: true`, once the page count is known (footers, "n/total").
 * Writing below the bottom margin would start a new page: the margin is lifted while `draw` runs.
 */
export function onEveryPage(doc: PDFKit.PDFDocument, draw: (n: number, total: number) => void): void {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    draw(i + 1, range.count);
    doc.page.margins.bottom = margin;
  }
}
