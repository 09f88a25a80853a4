import "server-only";
import bwipjs from "bwip-js/node";
import { labels as L } from "@/server/pdf/bilingual";
import { cjkDocument, documentBytes } from "@/server/pdf/document";
import type { TBadge } from "./badge";

/**
 * A person's badge as the phone's scanner reads it (domain/auth/badge.ts): a QR code of `TMU-<username>`, the same
 * symbol the phone shows under Me. QR, not Data Matrix as on the instrument tags: a badge is mostly read from a phone
 * screen, where QR is what every camera finds first, and a printed one lives in a card holder, not on worn equipment.
 */
export function badgeQrSvg(code: string): string {
  // the quiet zone QR asks for (4 modules: bwip-js pads in units of half a module at scale 1)
  return bwipjs.toSVG({ bcid: "qrcode", text: code, paddingwidth: 8, paddingheight: 8, backgroundcolor: "FFFFFF" });
}

function badgeQrPng(code: string): Promise<Buffer> {
  // 12 px a module (bwip-js draws 2D symbols at 2 px a module per scale step): sharp at 34 mm on any printer
  return bwipjs.toBuffer({ bcid: "qrcode", text: code, scale: 6, paddingwidth: 8, paddingheight: 8, backgroundcolor: "FFFFFF" });
}

const MM = 72 / 25.4;
/** Courier's advance is 0.6 em: the largest size up to `max` at which `text` fits `width` on one line. */
const monoSize = (text: string, width: number, max: number) => Math.min(max, width / (0.6 * Math.max(1, text.length)));
/** ID-1 card (85.6 × 54 mm): fits the badge holders people already wear. */
const CARD_W = 85.6 * MM;
const CARD_H = 54 * MM;

/**
 * The printed badge: one ID-1 card on an A4 page (cut along the dashed line), bilingual like the instrument labels
 * and the records (Chinese first, English beside it): title, QR code with the code under it, the person's name, username,
 * department and role, and what it is for.
 */
export async function renderBadgePdf(b: TBadge, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = cjkDocument({
    size: "A4",
    margins: { top: 20 * MM, left: 20 * MM, right: 20 * MM, bottom: 20 * MM },
    compress: opts.compress ?? true,
    info: { Title: `${b.code} ${L.both("badgePdf.title")}`, Author: "Tracemark 迹码", Subject: b.code },
  });
  const done = documentBytes(doc);
  const x = 20 * MM;
  const y = 20 * MM;
  doc.save();
  doc
    .roundedRect(x, y, CARD_W, CARD_H, 3 * MM)
    .lineWidth(0.6)
    .dash(3, { space: 3 })
    .strokeColor("#666666")
    .stroke();
  doc.restore();
  doc
    .font("body")
    .fontSize(7)
    .fillColor("#666666")
    .text(L.both("badgePdf.cut"), x, y + CARD_H + 2 * MM, { width: CARD_W, lineBreak: false });

  const qr = 34 * MM;
  doc.image(await badgeQrPng(b.code), x + 4 * MM, y + 9 * MM, { width: qr, height: qr });
  doc
    .font("Courier-Bold")
    .fontSize(monoSize(b.code, qr + 4 * MM, 7.5))
    .fillColor("#000000")
    .text(b.code, x + 2 * MM, y + 9 * MM + qr + 1.5 * MM, { width: qr + 4 * MM, align: "center", lineBreak: false });

  doc
    .font("bold")
    .fontSize(8)
    .fillColor("#333333")
    .text(L.both("badgePdf.title"), x + 4 * MM, y + 3 * MM, { width: CARD_W - 8 * MM, lineBreak: false });
  const tx = x + qr + 8 * MM;
  const tw = CARD_W - qr - 11 * MM;
  // the name as large as fits two lines (a long bilingual name shrinks rather than being cut)
  let size = 14;
  doc.font("bold");
  while (size > 7 && doc.fontSize(size).heightOfString(b.displayName, { width: tw }) > 13 * MM) size -= 0.5;
  doc
    .fontSize(size)
    .fillColor("#000000")
    .text(b.displayName, tx, y + 10 * MM, { width: tw, height: 13 * MM, ellipsis: true });
  const line = (label: string, value: string, at: number, mono = false) => {
    doc
      .font("body")
      .fontSize(6)
      .fillColor("#555555")
      .text(label, tx, y + at * MM, { width: tw, lineBreak: false, ellipsis: true });
    doc
      .font(mono ? "Courier-Bold" : "body")
      .fontSize(mono ? monoSize(value, tw, 8) : 7.5)
      .fillColor("#000000")
      .text(value, tx, y + (at + 2.8) * MM, { width: tw, lineBreak: false, ellipsis: true });
  };
  line(L.both("badgePdf.username"), b.username, 24, true);
  line(L.both("badgePdf.department"), L.both(`departments.${b.department}`), 31);
  line(L.both("badgePdf.role"), L.both(`roles.${b.role}`), 38);
  doc
    .font("body")
    .fontSize(5.5)
    .fillColor("#555555")
    .text(`${L.zh("badgePdf.use")} ${L.en("badgePdf.use")}`, tx, y + 45 * MM, { width: tw, height: 8 * MM, ellipsis: true });
  doc.end();
  return done;
}
