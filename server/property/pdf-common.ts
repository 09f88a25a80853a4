import "server-only";
import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { evidenceFiles } from "@/db/schema";
import { labels as L, printedTime } from "@/server/pdf/bilingual";
import { MUTED, RecordLayout } from "@/server/pdf/layout";

/**
 * What the printed records of customer property share (bilingual like the work-order record: Chinese first, English
 * beside it; Beijing time; a footer with the generation time and page numbers): labels of the `propertyPdf`
 * catalogue, the shared words of `property`, department names, signature images from the evidence store.
 */
export const P = "propertyPdf";
export const both = (key: string, values?: Record<string, string | number>) => L.both(`${P}.${key}`, values);
/** A stored value in both languages (`property.status.passed` → "通过 Passed"), or the value itself when unknown. */
export const word = (group: string, value: string | null | undefined) => (value ? L.bothOr(`property.${group}.${value}`, value) : "—");
export const pdfWord = (group: string, value: string | null | undefined) => (value ? L.bothOr(`${P}.${group}.${value}`, value) : "—");
export const time = printedTime;
export const dash = (v: string | null | undefined) => (v && v.trim() ? v : "—");

export type TDepartmentNames = Record<string, [string, string]>;
export function deptName(names: TDepartmentNames, code: string | null): string {
  if (!code) return "—";
  const n = names[code];
  return n ? `${n[0]} ${n[1]}` : code;
}

export interface TImage {
  mime: string;
  data: Uint8Array;
}

/** Images kept in the evidence store, by SHA-256 (signatures drawn on screen). */
export async function evidenceImages(db: Db, shas: readonly (string | null)[]): Promise<Map<string, TImage>> {
  const wanted = [...new Set(shas.filter((s): s is string => !!s))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ sha256: evidenceFiles.sha256, mime: evidenceFiles.mime, data: evidenceFiles.data })
    .from(evidenceFiles)
    .where(inArray(evidenceFiles.sha256, wanted));
  return new Map(rows.map((r) => [r.sha256, { mime: r.mime, data: r.data }]));
}

/** A size as people read it (12.4 KB, 3.1 MB). */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** An operator's form name as printed: 《中文》 English. */
export const formName = (key: string) => `《${L.zh(`${P}.${key}`)}》 ${L.en(`${P}.${key}`)}`;

/** A record's layout with its title (the operator's form name in 《》, English beside) and its number at the right. */
export function startRecord(opts: {
  titleKey: string;
  code: string;
  subtitle: string;
  generatedAt: Date;
  compress?: boolean;
  bracket?: boolean;
}): RecordLayout {
  const title = opts.bracket === false ? both(opts.titleKey) : formName(opts.titleKey);
  const p = new RecordLayout({
    compress: opts.compress ?? true,
    info: { Title: `${opts.code} ${title}`, Author: "Tracemark 迹码", Subject: opts.code, CreationDate: opts.generatedAt },
  });
  p.gap(p.write(title, p.left, p.y, p.width, { font: "bold", size: 16 }) + 4);
  const y0 = p.y;
  p.write(opts.code, p.left + p.width / 2, y0, p.width / 2, { font: "bold", size: 14, align: "right" });
  p.y = y0 + Math.max(p.write(opts.subtitle, p.left, y0, p.width / 2, { size: 10, color: MUTED }), 18) + 10;
  return p;
}

/** A signature box with who signed and when beside it. */
export function signatureBlock(p: RecordLayout, image: TImage | null, lines: string[], x: number, w: number): number {
  const h = 64;
  const y = p.y;
  const boxW = Math.min(170, w / 2);
  p.image(image, x, y, boxW, h, () => both("noSignature"));
  p.write(lines.join("\n"), x + boxW + 8, y, w - boxW - 8, { size: 9 });
  return h + 8;
}

/** Signatures two to a row (each inspector of a round, the customer). */
export function signatureGrid(p: RecordLayout, entries: { image: TImage | null; lines: string[] }[]): void {
  const gutter = 12;
  const w = (p.width - gutter) / 2;
  for (let i = 0; i < entries.length; i += 2) {
    p.ensure(76);
    const y = p.y;
    let h = 0;
    entries.slice(i, i + 2).forEach((e, j) => {
      p.y = y;
      h = Math.max(h, signatureBlock(p, e.image, e.lines, p.left + j * (w + gutter), w));
    });
    p.y = y + h;
  }
}

export function footers(p: RecordLayout, code: string, generatedAt: Date): void {
  p.footers(both("footer.generated", { time: time(generatedAt) }), (n, total) => `${code} · ${both("footer.page", { n, total })}`);
}
