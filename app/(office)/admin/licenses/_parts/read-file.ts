import { LICENSE_CSV_MAX_BYTES } from "@/domain/licenses/csv-format";

export type TReadFile = { ok: true; text: string } | { ok: false; problem: "too_large" | "workbook" | "unreadable" };

/**
 * A chosen file as text, checked before anything is sent: not over the size limit, not an Excel workbook (a zip).
 * UTF-8 when it is valid UTF-8 (a BOM is dropped); otherwise GB18030, what Excel on Chinese Windows writes as "CSV".
 */
export async function readCsvFile(file: File): Promise<TReadFile> {
  if (file.size > LICENSE_CSV_MAX_BYTES) return { ok: false, problem: "too_large" };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { ok: false, problem: "unreadable" };
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return { ok: false, problem: "workbook" };
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { ok: true, text: new TextDecoder("gb18030").decode(bytes) };
  }
}

/** 1536 → "1.5 KB" (for the file the admin chose). */
export function formatSize(bytes: number, locale: string): string {
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${n.format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${n.format(bytes / 1024)} KB`;
  return `${n.format(bytes / 1024 / 1024)} MB`;
}
