import "server-only";
import { crc32, deflateSync, inflateSync } from "node:zlib";
import bwipjs from "bwip-js/node";
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { items, materials, receiptLines, receipts, tagLeases } from "@/db/schema";
import { stockTagNumber } from "@/domain/warehouse/tags";
import { cjkDocument, documentBytes } from "@/server/pdf/document";

/**
 * Stock tag labels for the label printer, in the instrument tags' layout (server/instruments/labels.ts: A4 sheets of
 * 2 × 6 labels of 90 × 45 mm, the 2D symbol 30 mm square at the top left, the tag and its words beside it, a Code 128
 * of the tag along the bottom): here the 2D symbol is a QR (the stock tags' rolls and the phone's scanner read QR), and
 * the words are the material's name, the lot's quantity and the receipt's code. A tag leased but not yet on an item
 * prints blank (a printed roll).
 */
export interface TTagLabel {
  tag: string;
  name: string | null;
  receiptCode: string | null;
  /** Units under a lot tag (null for one unit). */
  lot: number | null;
}

/** The labels of these tags, in tag order; null when one is neither on an item nor in a lease (nothing to print). */
export async function loadTagLabels(db: Db, tags: readonly string[]): Promise<TTagLabel[] | null> {
  const wanted = [...new Set(tags)].sort();
  if (wanted.length === 0) return [];
  const rows = await db
    .select({
      tag: items.tagCode,
      name: items.name,
      nameZh: materials.nameZh,
      nameEn: materials.nameEn,
      serialised: receiptLines.serialised,
      quantity: items.quantity,
      receiptCode: receipts.code,
    })
    .from(items)
    .leftJoin(materials, eq(materials.code, items.materialCode))
    .leftJoin(receiptLines, eq(receiptLines.id, items.receiptLineId))
    .leftJoin(receipts, eq(receipts.id, receiptLines.receiptId))
    .where(inArray(items.tagCode, wanted))
    .orderBy(asc(items.tagCode));
  const byTag = new Map(rows.map((r) => [r.tag, r]));
  const out: TTagLabel[] = [];
  for (const tag of wanted) {
    const r = byTag.get(tag);
    if (r) {
      out.push({
        tag,
        name: r.nameZh ? `${r.nameZh} / ${r.nameEn}` : r.name,
        receiptCode: r.receiptCode,
        lot: r.serialised === false ? r.quantity : null,
      });
      continue;
    }
    const n = stockTagNumber(tag);
    if (n === null) return null;
    const [lease] = await db
      .select({ id: tagLeases.id })
      .from(tagLeases)
      .where(sql`${tagLeases.firstNo} <= ${n} and ${tagLeases.lastNo} >= ${n}`)
      .limit(1);
    if (!lease) return null;
    out.push({ tag, name: null, receiptCode: null, lot: null });
  }
  return out;
}

/** The tag as Code 128 (the tag printed under it) and as QR. */
export async function tagBarcodes(tag: string): Promise<{ code128: Buffer; qr: Buffer }> {
  const [code128, qr] = await Promise.all([
    bwipjs.toBuffer({ bcid: "code128", text: tag, scale: 3, height: 10, includetext: true, textxalign: "center" }),
    bwipjs.toBuffer({ bcid: "qrcode", text: tag, scale: 4 }),
  ]);
  return { code128, qr };
}

const MM = 72 / 25.4;
const LABEL_W = 90 * MM;
const LABEL_H = 45 * MM;
const PER_PAGE = 12;

/** An A4 sheet of labels (2 × 6 to a page). */
export async function renderTagsPdf(labels: readonly TTagLabel[], opts: { blank: string; lot: (quantity: number) => string }): Promise<Buffer> {
  const doc = cjkDocument({
    size: "A4",
    margins: { top: 30, left: 30, right: 30, bottom: 30 },
    info: { Title: "Stock tag labels 物资标签", Author: "Tracemark 迹码" },
  });
  const done = documentBytes(doc);
  for (let n = 0; n < labels.length; n++) {
    const l = labels[n]!;
    if (n > 0 && n % PER_PAGE === 0) doc.addPage();
    const slot = n % PER_PAGE;
    const x = 30 + (slot % 2) * (LABEL_W + 10 * MM);
    const y = 30 + Math.floor(slot / 2) * (LABEL_H + 2 * MM);
    const b = await tagBarcodes(l.tag);
    doc.roundedRect(x, y, LABEL_W, LABEL_H, 6).lineWidth(0.6).strokeColor("#444444").stroke();
    const qr = 30 * MM;
    doc.image(b.qr, x + 3 * MM, y + 3 * MM, { width: qr, height: qr });
    const tx = x + qr + 6 * MM;
    const tw = LABEL_W - qr - 9 * MM;
    doc
      .font("bold")
      .fontSize(13)
      .fillColor("#000000")
      .text(l.tag, tx, y + 3 * MM, { width: tw, lineBreak: false });
    doc
      .font("body")
      .fontSize(8)
      .text(l.name ?? opts.blank, tx, y + 10 * MM, { width: tw, height: 9 * MM, ellipsis: true });
    doc.fontSize(7).fillColor("#333333");
    if (l.lot !== null) doc.text(opts.lot(l.lot), tx, y + 19 * MM, { width: tw, lineBreak: false, ellipsis: true });
    if (l.receiptCode) doc.text(l.receiptCode, tx, y + 23.5 * MM, { width: tw, lineBreak: false, ellipsis: true });
    doc.image(b.code128, x + 3 * MM, y + 34 * MM, { width: LABEL_W - 6 * MM, height: 10 * MM });
  }
  doc.end();
  return done;
}

// ── One label as a PNG for a label printer (203 dpi: 8 dots a millimetre) ─────────────────────────────────────────

const DOT = 8;

interface Grey {
  width: number;
  height: number;
  data: Uint8Array;
}

/** bwip-js's PNG (8-bit RGBA or grey, not interlaced) as grey levels on white. */
function decodePng(png: Buffer): Grey {
  let pos = 8;
  let width = 0;
  let height = 0;
  let colour = 6;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString("latin1", pos + 4, pos + 8);
    const body = png.subarray(pos + 8, pos + 8 + len);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[12] !== 0) throw new Error("decodePng: 8-bit, non-interlaced only");
      colour = body[9]!;
    } else if (type === "IDAT") idat.push(body);
    pos += 12 + len;
  }
  const bpp = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colour];
  if (!bpp) throw new Error(`decodePng: colour type ${colour}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const pixels = new Uint8Array(stride * height);
  for (let r = 0; r < height; r++) {
    const filter = raw[r * (stride + 1)]!;
    const src = r * (stride + 1) + 1;
    const out = r * stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? pixels[out + i - bpp]! : 0;
      const b = r > 0 ? pixels[out - stride + i]! : 0;
      const c = r > 0 && i >= bpp ? pixels[out - stride + i - bpp]! : 0;
      const x = raw[src + i]!;
      let v = x;
      if (filter === 1) v = x + a;
      else if (filter === 2) v = x + b;
      else if (filter === 3) v = x + ((a + b) >> 1);
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      pixels[out + i] = v & 0xff;
    }
  }
  const data = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) {
    const g = pixels[i * bpp]!;
    const alpha = bpp === 4 ? pixels[i * bpp + 3]! : bpp === 2 ? pixels[i * bpp + 1]! : 255;
    data[i] = Math.round((g * alpha + 255 * (255 - alpha)) / 255);
  }
  return { width, height, data };
}

/** Draws `img` into `into` at (x, y), scaled by whole dots (nearest), clipped to the canvas. */
function blit(into: Grey, img: Grey, x: number, y: number, scale: number): void {
  for (let r = 0; r < img.height * scale; r++) {
    const ty = y + r;
    if (ty < 0 || ty >= into.height) continue;
    for (let c = 0; c < img.width * scale; c++) {
      const tx = x + c;
      if (tx < 0 || tx >= into.width) continue;
      into.data[ty * into.width + tx] = img.data[Math.floor(r / scale) * img.width + Math.floor(c / scale)]!;
    }
  }
}

function encodeGreyPng(img: Grey): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(type, 4, "latin1");
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(img.width, 0);
  ihdr.writeUInt32BE(img.height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey
  const rows = Buffer.alloc((img.width + 1) * img.height);
  for (let r = 0; r < img.height; r++) rows.set(img.data.subarray(r * img.width, (r + 1) * img.width), r * (img.width + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * One 90 × 45 mm label at 203 dpi as a grey PNG, laid out as on the sheet: the QR 30 mm square at the top left and the
 * Code 128 with the tag under it along the bottom (a label printer's fonts print the words; the image carries the
 * codes and the tag).
 */
export async function renderTagPng(tag: string): Promise<Buffer> {
  const [qrPng, codePng] = await Promise.all([
    // 2 dots a module, scaled up whole below; the Code 128 at 3 dots a module, 6 mm of bars and the tag under them
    bwipjs.toBuffer({ bcid: "qrcode", text: tag, scale: 1 }),
    bwipjs.toBuffer({ bcid: "code128", text: tag, scale: 3, height: 6, includetext: true, textxalign: "center" }),
  ]);
  const canvas: Grey = { width: 90 * DOT, height: 45 * DOT, data: new Uint8Array(90 * DOT * 45 * DOT).fill(255) };
  const qr = decodePng(qrPng);
  blit(canvas, qr, 3 * DOT, 3 * DOT, Math.max(1, Math.floor((30 * DOT) / qr.width)));
  const code = decodePng(codePng);
  blit(canvas, code, Math.max(0, Math.floor((canvas.width - code.width) / 2)), 34 * DOT, 1);
  return encodeGreyPng(canvas);
}
