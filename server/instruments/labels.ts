import "server-only";
import bwipjs from "bwip-js/node";
import { asc, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { instruments } from "@/db/schema";
import { mayPrintLabel } from "@/domain/instruments/actions";
import type { TLabelsInput } from "@/domain/instruments/schemas";
import { CATALOGUES } from "@/messages/catalogue";
import { AppError } from "@/server/errors";
import { cjkDocument, documentBytes } from "@/server/pdf/document";
import { ruleViolation } from "./facts";

/**
 * The asset tag as Data Matrix (drawn 30 mm square: 14 × 14 modules of 2.1 mm) and as Code 128 (with the tag printed
 * under it, for handheld laser scanners): what the phone's scanner reads. Data Matrix, not QR, since issue 10: on
 * worn labels it read 72 of 73 tags against 63 for the 30 mm QR and 51 for the Code 128, and fastest
 * (bench/results/decode-worn-print.json, docs/decisions/0009-decoder-engine.md). Tags printed earlier carry a QR,
 * which the scanner still reads.
 */
export async function barcodes(assetTag: string): Promise<{ code128: Buffer; datamatrix: Buffer }> {
  const [code128, datamatrix] = await Promise.all([
    bwipjs.toBuffer({ bcid: "code128", text: assetTag, scale: 3, height: 10, includetext: true, textxalign: "center" }),
    // 8 px a module (bwip-js draws 2D symbols at 2 px a module per scale step): crisp on a label printer
    bwipjs.toBuffer({ bcid: "datamatrix", text: assetTag, scale: 4 }),
  ]);
  return { code128, datamatrix };
}

const MM = 72 / 25.4;
const LABEL_W = 90 * MM;
const LABEL_H = 45 * MM;

function departmentName(code: string): string {
  const zh = (CATALOGUES["zh-CN"] as { departments?: Record<string, string> }).departments?.[code];
  return zh ?? code;
}

/**
 * Printable tag labels: a PDF sheet (A4, 2 × 6 labels of 90 × 45 mm, each with Data Matrix, Code 128, tag, name, model,
 * serial, department) or, as PNG, the two barcode images per instrument for a label printer. Not for a scrapped
 * instrument (`mayPrintLabel`): the whole request is refused, naming the tags.
 */
export async function renderLabels({ db, input }: { db: Db; input: TLabelsInput }) {
  const rows = await db.select().from(instruments).where(inArray(instruments.id, input.instrumentIds)).orderBy(asc(instruments.assetTag));
  if (rows.length === 0) throw new AppError("not_found");
  const refused = rows.filter((r) => !mayPrintLabel(r));
  if (refused.length > 0) throw ruleViolation("invalid_transition", { reason: "label_not_printable", assetTags: refused.map((r) => r.assetTag) });
  if (input.format === "png") {
    const files = [];
    for (const r of rows) {
      const b = await barcodes(r.assetTag);
      files.push({ filename: `${r.assetTag}-code128.png`, mime: "image/png", base64: b.code128.toString("base64") });
      files.push({ filename: `${r.assetTag}-datamatrix.png`, mime: "image/png", base64: b.datamatrix.toString("base64") });
    }
    return { files };
  }
  const doc = cjkDocument({
    size: "A4",
    margins: { top: 30, left: 30, right: 30, bottom: 30 },
    info: { Title: "Instrument tag labels 仪器仪表标签", Author: "Tracemark 迹码" },
  });
  const done = documentBytes(doc);
  const perPage = 12;
  for (let n = 0; n < rows.length; n++) {
    const r = rows[n]!;
    if (n > 0 && n % perPage === 0) doc.addPage();
    const slot = n % perPage;
    const x = 30 + (slot % 2) * (LABEL_W + 10 * MM);
    const y = 30 + Math.floor(slot / 2) * (LABEL_H + 2 * MM);
    const b = await barcodes(r.assetTag);
    doc.roundedRect(x, y, LABEL_W, LABEL_H, 6).lineWidth(0.6).strokeColor("#444444").stroke();
    const dm = 30 * MM;
    doc.image(b.datamatrix, x + 3 * MM, y + 3 * MM, { width: dm, height: dm });
    const tx = x + dm + 6 * MM;
    const tw = LABEL_W - dm - 9 * MM;
    doc
      .font("bold")
      .fontSize(13)
      .fillColor("#000000")
      .text(r.assetTag, tx, y + 3 * MM, { width: tw, lineBreak: false });
    doc
      .font("body")
      .fontSize(8)
      .text(r.name, tx, y + 10 * MM, { width: tw, height: 9 * MM, ellipsis: true });
    doc
      .fontSize(7)
      .fillColor("#333333")
      .text(`${r.model} · S/N ${r.serial}`, tx, y + 19 * MM, { width: tw, lineBreak: false, ellipsis: true });
    doc.text(departmentName(r.department), tx, y + 23.5 * MM, { width: tw, lineBreak: false, ellipsis: true });
    doc.image(b.code128, x + 3 * MM, y + 34 * MM, { width: LABEL_W - 6 * MM, height: 10 * MM });
  }
  doc.end();
  return { files: [{ filename: `instrument-labels-${rows.length}.pdf`, mime: "application/pdf", base64: (await done).toString("base64") }] };
}
