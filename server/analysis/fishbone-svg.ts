import "server-only";
import SVGtoPDF from "svg-to-pdfkit";
import type { TFishboneCauses } from "@/domain/analysis/schemas";
import type { TCauseCategory } from "@/domain/quality/model";
import { labels as L } from "@/server/pdf/bilingual";

/**
 * The fishbone diagram (鱼刺图) drawn as one SVG on the server: the problem in a box at the head on the right, the
 * spine, and six bones (人机料法环测: three above, three below) with their causes as text on twigs. The screen shows
 * this SVG and the PDF draws the same one (svg-to-pdfkit), so the two cannot differ. All text is XML-escaped; long
 * causes are cut with "…"; the size is fixed.
 */
export const FISHBONE_WIDTH = 960;
export const FISHBONE_HEIGHT = 480;

const SPINE_Y = 240;
const SPINE_FROM = 30;
const HEAD_X = 770;
const BONE_RISE = 180;
const BONE_RUN = 110;
/** Where each bone meets the spine (top and bottom share them). */
const BONE_XS = [250, 480, 710] as const;
const TOP: readonly TCauseCategory[] = ["man", "machine", "material"];
const BOTTOM: readonly TCauseCategory[] = ["method", "environment", "measurement"];
const INK = "#0b1220";
const MUTED = "#475569";
const ACCENT = "#a4161a";

/** XML-escapes text for an element's content or an attribute. */
export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** Rough width of text in ems: CJK and full-width characters 1, others 0.55. */
function ems(ch: string): number {
  return /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 1 : 0.55;
}

const segmenter = new Intl.Segmenter();
/** The text's graphemes, runs of white space made one space. */
function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text.replace(/\s+/g, " ").trim()), (s) => s.segment);
}

/** Text cut to at most `max` ems, with "…" when cut. */
export function truncate(text: string, max: number): string {
  const chars = graphemes(text);
  let w = 0;
  for (let i = 0; i < chars.length; i++) {
    w += ems(chars[i]!);
    if (w > max) return `${chars.slice(0, i).join("").trimEnd()}…`;
  }
  return chars.join("");
}

/** Text broken into lines of at most `max` ems, at most `lines` lines (the last cut with "…"). */
export function wrap(text: string, max: number, lines: number): string[] {
  const out: string[] = [];
  let line = "";
  let w = 0;
  const chars = graphemes(text);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (w + ems(ch) > max) {
      if (out.length === lines - 1) {
        out.push(truncate(line + chars.slice(i).join(""), max));
        return out;
      }
      out.push(line.trimEnd());
      line = "";
      w = 0;
      if (ch === " ") continue;
    }
    line += ch;
    w += ems(ch);
  }
  if (line) out.push(line);
  return out;
}

/** A bone's name: 人 in Chinese, 人 Man otherwise (the operator's own character always shown). */
export function boneName(category: TCauseCategory, locale: string): string {
  const key = `qualityPdf.cause.${category}`;
  return locale === "zh-CN" ? L.zh(key) : `${L.zh(key)} ${L.en(key)}`;
}

function text(x: number, y: number, s: string, o: { size: number; anchor?: "start" | "middle" | "end"; bold?: boolean; color?: string }): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${o.size}" text-anchor="${o.anchor ?? "start"}"${o.bold ? ' font-weight="bold"' : ""} fill="${o.color ?? INK}">${xmlEscape(s)}</text>`;
}

function bone(category: TCauseCategory, causes: readonly string[], spineX: number, up: boolean, locale: string): string {
  const endY = up ? SPINE_Y - BONE_RISE : SPINE_Y + BONE_RISE;
  const endX = spineX - BONE_RUN;
  const parts = [`<line x1="${endX}" y1="${endY}" x2="${spineX}" y2="${SPINE_Y}" stroke="${INK}" stroke-width="2"/>`];
  // the bone's name in a box at its outer end
  const name = boneName(category, locale);
  const boxW = Math.max(44, name.length * 9 + 16);
  const boxY = up ? endY - 30 : endY + 4;
  parts.push(`<rect x="${(endX - boxW / 2).toFixed(1)}" y="${boxY}" width="${boxW.toFixed(1)}" height="26" rx="4" fill="#e8eef6" stroke="${INK}"/>`);
  parts.push(text(endX, boxY + 18, name, { size: 15, anchor: "middle", bold: true }));
  // causes on twigs, spread along the bone, nearest the spine first
  const n = causes.length;
  if (n > 0) {
    const span = BONE_RISE - 24;
    const step = Math.min(26, span / n);
    const size = Math.max(9, Math.min(12, step - 2));
    causes.forEach((c, i) => {
      const rise = 14 + step * i + step / 2;
      const y = up ? SPINE_Y - rise : SPINE_Y + rise;
      const xOnBone = spineX - (BONE_RUN * rise) / BONE_RISE;
      const twigFrom = xOnBone - 34;
      parts.push(`<line x1="${twigFrom.toFixed(1)}" y1="${y.toFixed(1)}" x2="${xOnBone.toFixed(1)}" y2="${y.toFixed(1)}" stroke="${MUTED}" stroke-width="1"/>`);
      // to the previous bone at this height (or the left edge)
      const left = spineX === BONE_XS[0] ? 4 : xOnBone - (BONE_XS[1] - BONE_XS[0]) + 6;
      const room = (twigFrom - 3 - left) / size;
      parts.push(text(twigFrom - 3, y + size * 0.35, truncate(c, Math.max(4, room)), { size, anchor: "end" }));
    });
  }
  return parts.join("");
}

/**
 * The diagram of a worksheet: `locale` "zh-CN" names the bones 人机料法环测, any other ("en", "both") 人 Man etc.
 */
export function fishboneSvg(f: { problem: string; causes: TFishboneCauses; code?: string }, locale: string): string {
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${FISHBONE_WIDTH}" height="${FISHBONE_HEIGHT}" viewBox="0 0 ${FISHBONE_WIDTH} ${FISHBONE_HEIGHT}" font-family="sans-serif" role="img">`,
    `<rect x="0" y="0" width="${FISHBONE_WIDTH}" height="${FISHBONE_HEIGHT}" fill="#ffffff"/>`,
    // the spine with its arrow into the head
    `<line x1="${SPINE_FROM}" y1="${SPINE_Y}" x2="${HEAD_X - 8}" y2="${SPINE_Y}" stroke="${INK}" stroke-width="4"/>`,
    `<polygon points="${HEAD_X},${SPINE_Y} ${HEAD_X - 16},${SPINE_Y - 9} ${HEAD_X - 16},${SPINE_Y + 9}" fill="${INK}"/>`,
  ];
  // the head: the problem
  const lines = wrap(f.problem, 9.5, 6);
  const lineH = 20;
  const boxH = Math.max(70, lines.length * lineH + 20);
  const boxY = SPINE_Y - boxH / 2;
  parts.push(
    `<rect x="${HEAD_X}" y="${boxY}" width="${FISHBONE_WIDTH - HEAD_X - 10}" height="${boxH}" rx="6" fill="#fff5f5" stroke="${ACCENT}" stroke-width="2"/>`,
  );
  const cx = (HEAD_X + FISHBONE_WIDTH - 10) / 2;
  lines.forEach((l, i) => parts.push(text(cx, boxY + 10 + lineH * (i + 1) - 5, l, { size: 15, anchor: "middle", bold: true })));
  if (f.code) parts.push(text(FISHBONE_WIDTH - 12, FISHBONE_HEIGHT - 10, f.code, { size: 11, anchor: "end", color: MUTED }));
  TOP.forEach((c, i) => parts.push(bone(c, f.causes[c], BONE_XS[i]!, true, locale)));
  BOTTOM.forEach((c, i) => parts.push(bone(c, f.causes[c], BONE_XS[i]!, false, locale)));
  parts.push("</svg>");
  return parts.join("");
}

/** Draws the diagram into a PDF at (x, y), `width` wide, in the document's CJK font; returns its height. */
export function drawFishbone(
  doc: PDFKit.PDFDocument,
  f: { problem: string; causes: TFishboneCauses; code?: string },
  at: { x: number; y: number; width: number },
  font: string,
): number {
  const height = (FISHBONE_HEIGHT / FISHBONE_WIDTH) * at.width;
  SVGtoPDF(doc, fishboneSvg(f, "both"), at.x, at.y, {
    width: at.width,
    height,
    preserveAspectRatio: "xMinYMin meet",
    fontCallback: () => font,
    assumePt: false,
  });
  return height;
}
