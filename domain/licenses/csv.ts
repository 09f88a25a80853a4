/**
 * Reading a license registry CSV (an admin's import): text → good rows and bad rows (line + reasons), or a refusal
 * of the whole file. Pure: the CSV parser is csv-parse's self-contained build (no Node or DOM APIs).
 *
 * - Encoding: the caller hands over text (the browser decodes UTF-8, or GB18030 when the file is not UTF-8).
 *   A UTF-8 byte-order mark is dropped; CRLF, CR and LF line ends are all accepted.
 * - Delimiter: comma; tab when the header line has tabs and no comma (cells pasted from a spreadsheet).
 * - Header: the first non-blank line, names in English or Chinese (csv-format.ts); unknown columns are ignored and
 *   reported; blank lines are skipped.
 * - Broken quoting refuses the whole file (from there on, where a row ends is unknown: importing what comes before
 *   would silently lose what comes after).
 * - Each row is checked field by field (every reason is reported, not just the first); a license number or mark
 *   code found on several lines makes all those lines bad (which one is right is the admin's call, not ours).
 * - Adversarial cells are refused, never "fixed": over 1,000 characters (checked before anything else), control,
 *   zero-width or bidirectional characters, and text starting with = + - @ (formula injection when the registry is
 *   opened in a spreadsheet again).
 */
import type { Options } from "csv-parse/browser/esm";
import { parse } from "csv-parse/browser/esm/sync";
import { z } from "zod";
import { parseCsvInSlices } from "@/domain/csv/records";
import { runInSlices, runToEnd, type TPause } from "@/domain/slices";
import type { TLicenseEntry } from "@/domain/licenses/check";
import { LICENSE_MARK_CODE_PATTERN, LICENSE_NO_PATTERN } from "@/domain/scan/license";
import {
  fieldOfHeader,
  LICENSE_CELL_MAX,
  LICENSE_CSV_MAX_BYTES,
  LICENSE_CSV_MAX_ROWS,
  LICENSE_FIELDS,
  REQUIRED_FIELDS,
  ROW_REASONS,
  TEXT_MAX,
  type TBadRow,
  type TFileError,
  type TLicenseField,
  type TRowReason,
  type TRowReasonCode,
  utf8Length,
} from "./csv-format";

export { utf8Length };

export interface TLicenseRow extends TLicenseEntry {
  /** 1-based line where the row begins. */
  line: number;
}

export type TParsedLicenseCsv = { ok: true; rows: TLicenseRow[]; bad: TBadRow[]; ignoredColumns: string[] } | { ok: false; error: TFileError };

// ── dates ────────────────────────────────────────────────────────────────────────────────────────
/** Year-first dates only (never ambiguous): 2024-03-01, 2024-3-1, 2024/3/1, 2024.3.1, 2024年3月1日. */
const DATE = /^(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|年(\d{1,2})月(\d{1,2})日)$/;
export const DATE_MIN = "1990-01-01";
export const DATE_MAX = "2099-12-31";

/** A year-first date → YYYY-MM-DD, or null when it is not a real calendar date in one of those forms. */
export function toIsoDate(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[3] ?? m[5]);
  const d = Number(m[4] ?? m[6]);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  if (days === undefined || d < 1 || d > days) return null;
  return `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

// ── the row schema ───────────────────────────────────────────────────────────────────────────────
// C0 and C1 controls (tab and line breaks included: a registry cell is one line), DEL; format characters
// (zero-width, bidi embeddings/overrides/isolates, BOM, soft hyphen), line/paragraph separators, private use, lone
// surrogates, characters that render as nothing, and U+FFFD (what a wrongly decoded or broken character became).
// Unicode spaces (and a stray BOM) at the edges of a cell are trimmed away like ordinary spaces.
// (\p{Cc} is exactly C0, DEL and C1; the combining joiner and variation selectors come right after a property escape, so
// no-misleading-character-class does not read them as joined to the character before: the set is the same.)
const BAD_CHARS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\u034F\uFE00-\uFE0F\u115F\u1160\u3164\uFFA0\u180E\uFFFD]/u;
const FORMULA_START = /^[=+\-@]/;

const reason = (code: TRowReasonCode) => ({ error: code });

/**
 * A cell's checks run in sequence and stop at the first failure (one reason per field, the most basic one): length
 * first (a 10 KB cell never reaches a regex), then characters, then trimmed.
 */
const ZCell = z
  .string()
  .max(LICENSE_CELL_MAX, reason("too_long"))
  .pipe(z.string().refine((s) => !BAD_CHARS.test(s), reason("control_char")))
  .pipe(z.string().trim());

const ZRequired = ZCell.pipe(z.string().min(1, reason("required")));

const ZText = (max: number) =>
  ZRequired.pipe(z.string().max(max, reason("too_long"))).pipe(z.string().refine((s) => !FORMULA_START.test(s), reason("formula")));

const ZDate = ZRequired.transform((s, ctx) => {
  const iso = toIsoDate(s);
  if (iso === null) ctx.issues.push({ code: "custom", message: "date_format", input: s });
  else if (iso < DATE_MIN || iso > DATE_MAX) ctx.issues.push({ code: "custom", message: "date_range", input: s });
  else return iso;
  return z.NEVER;
});

/** One registry row as read from the file (all cells are strings, "" when absent). */
export const ZLicenseCsvRow = z
  .object({
    licenseNo: ZRequired.pipe(z.string().regex(LICENSE_NO_PATTERN, reason("license_no_format"))),
    markCode: ZCell.pipe(z.string().refine((s) => s === "" || LICENSE_MARK_CODE_PATTERN.test(s), reason("mark_code_format"))).transform((s) =>
      s === "" ? null : s,
    ),
    applicant: ZText(TEXT_MAX.applicant),
    equipmentName: ZText(TEXT_MAX.equipmentName),
    model: ZText(TEXT_MAX.model),
    issueDate: ZDate,
    expiryDate: ZDate,
  })
  .refine((r) => r.expiryDate >= r.issueDate, {
    path: ["expiryDate"],
    error: "expiry_before_issue",
    // why `when`: report it even when another field of the row is bad (every reason at once), as long as both
    // dates themselves are valid.
    when: (payload) => !payload.issues.some((i) => i.path?.[0] === "issueDate" || i.path?.[0] === "expiryDate"),
  });
export type TLicenseCsvRow = z.infer<typeof ZLicenseCsvRow>;

const isReasonCode = (m: string): m is TRowReasonCode => (ROW_REASONS as readonly string[]).includes(m);

function reasonsOf(error: z.ZodError): TRowReason[] {
  return error.issues.map((i) => {
    const field = i.path[0] as TLicenseField;
    // every check above carries its reason code as message; anything else means the cell was unusable
    return { code: isReasonCode(i.message) ? i.message : "required", field };
  });
}

// ── the file ─────────────────────────────────────────────────────────────────────────────────────
interface RawRecord {
  /** Line where the record begins. */
  line: number;
  cells: string[];
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === "");

/** csv-parse's options for a registry file; `onRecord` tracks where the last good record ended (for a broken quote). */
function csvOptions(delimiter: string, onRecord: (lines: number) => void): Options {
  return {
    delimiter,
    bom: false,
    info: true,
    relax_column_count: true,
    // a quote inside an unquoted cell (15" screen) is a character, not a syntax error
    relax_quotes: true,
    skip_empty_lines: false,
    // spaces around a quoted cell (`a, "b,c"`) are not part of it; spaces inside are trimmed per cell later
    ltrim: delimiter === ",",
    rtrim: delimiter === ",",
    on_record: (record, context) => {
      onRecord(context.lines);
      return record;
    },
  };
}

type TParsedRecords = { ok: true; records: RawRecord[] } | { ok: false; line: number };

/** csv-parse's records (with `info`) → records with the line each begins on. */
function withLines(out: { record: string[]; info: { lines: number } }[]): RawRecord[] {
  let prevEnd = 0;
  return out.map(({ record, info }) => {
    const line = prevEnd + 1;
    prevEnd = info.lines;
    return { line, cells: record };
  });
}

/** Records with the line each begins on, or the line where the quoting breaks. */
function records(text: string, delimiter: string): TParsedRecords {
  let lastEnd = 0;
  try {
    const out = parse(
      text,
      csvOptions(delimiter, (lines) => (lastEnd = lines)),
    ) as unknown as { record: string[]; info: { lines: number } }[];
    return { ok: true, records: withLines(out) };
  } catch {
    return { ok: false, line: lastEnd + 1 };
  }
}

/** The same, fed in chunks with a pause between them (a 1 MB file must not hold the server's event loop). */
async function recordsInSlices(text: string, delimiter: string, pause: TPause): Promise<TParsedRecords> {
  let lastEnd = 0;
  try {
    const out = await parseCsvInSlices<{ record: string[]; info: { lines: number } }>(
      text,
      csvOptions(delimiter, (lines) => (lastEnd = lines)),
      pause,
    );
    return { ok: true, records: withLines(out) };
  } catch {
    return { ok: false, line: lastEnd + 1 };
  }
}

/** Header cells → column index per field, or the file error. Unknown, non-empty headers are returned to report. */
function readHeader(cells: string[]): { ok: true; columns: Map<TLicenseField, number>; ignored: string[] } | { ok: false; error: TFileError } {
  const columns = new Map<TLicenseField, number>();
  const duplicate = new Set<TLicenseField>();
  const ignored: string[] = [];
  cells.forEach((cell, index) => {
    const name = cell.trim();
    if (name === "") return;
    const field = fieldOfHeader(name);
    if (!field) ignored.push(name.replace(BAD_CHARS, "").slice(0, 40));
    else if (columns.has(field)) duplicate.add(field);
    else columns.set(field, index);
  });
  if (duplicate.size > 0) return { ok: false, error: { code: "duplicate_columns", fields: [...duplicate] } };
  const missing = REQUIRED_FIELDS.filter((f) => !columns.has(f));
  if (missing.length > 0) return { ok: false, error: { code: "missing_columns", fields: missing } };
  return { ok: true, columns, ignored };
}

interface Checked {
  line: number;
  /** The license number cell, trimmed, when it has the right shape (for duplicate detection). */
  licenseNo: string | null;
  markCode: string | null;
  shownNo: string;
  reasons: TRowReason[];
  row?: TLicenseCsvRow;
}

function checkRecord(rec: RawRecord, columns: Map<TLicenseField, number>, width: number): Checked {
  const raw = Object.fromEntries(LICENSE_FIELDS.map((f) => [f, columns.has(f) ? (rec.cells[columns.get(f)!] ?? "") : ""])) as Record<TLicenseField, string>;
  const reasons: TRowReason[] = [];
  if (rec.cells.slice(width).some((c) => c.trim() !== "")) reasons.push({ code: "too_many_fields" });
  const parsed = ZLicenseCsvRow.safeParse(raw);
  if (!parsed.success) reasons.push(...reasonsOf(parsed.error));
  const trimmedNo = raw.licenseNo.length <= LICENSE_CELL_MAX ? raw.licenseNo.trim() : "";
  const trimmedMark = raw.markCode.length <= LICENSE_CELL_MAX ? raw.markCode.trim() : "";
  return {
    line: rec.line,
    licenseNo: LICENSE_NO_PATTERN.test(trimmedNo) ? trimmedNo : null,
    markCode: LICENSE_MARK_CODE_PATTERN.test(trimmedMark) ? trimmedMark : null,
    shownNo: trimmedNo.replace(BAD_CHARS, "").slice(0, 40),
    reasons,
    row: parsed.success ? parsed.data : undefined,
  };
}

/** Every line of a key seen more than once gets the reason, naming the other lines. */
function markDuplicates(checked: Checked[], key: (c: Checked) => string | null, code: TRowReasonCode, field: TLicenseField) {
  const lines = new Map<string, Checked[]>();
  for (const c of checked) {
    const k = key(c);
    if (k !== null) lines.set(k, [...(lines.get(k) ?? []), c]);
  }
  for (const group of lines.values()) {
    if (group.length < 2) continue;
    for (const c of group) c.reasons.push({ code, field, lines: group.filter((o) => o !== c).map((o) => o.line) });
  }
}

/** What is decided on the whole text before parsing: a refusal, or the normalised text and its delimiter. */
function prepare(text: string): { ok: true; normalised: string; delimiter: string } | { ok: false; error: TFileError } {
  if (text.length > LICENSE_CSV_MAX_BYTES || utf8Length(text) > LICENSE_CSV_MAX_BYTES) {
    return { ok: false, error: { code: "too_large", max: LICENSE_CSV_MAX_BYTES } };
  }
  // NUL never occurs in text; "PK\x03\x04" opens a zip (an .xlsx workbook).
  if (text.includes("\u0000") || text.startsWith("PK\u0003\u0004")) return { ok: false, error: { code: "not_text" } };
  const normalised = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  // the first non-blank line, found without copying or splitting the whole text (it may be 1 MB)
  let firstLine: string | null = null;
  for (let at = 0; at <= normalised.length && firstLine === null;) {
    const end = normalised.indexOf("\n", at);
    const l = normalised.slice(at, end === -1 ? normalised.length : end);
    if (l.trim() !== "") firstLine = l;
    at = end === -1 ? normalised.length + 1 : end + 1;
  }
  if (firstLine === null) return { ok: false, error: { code: "empty" } };
  const delimiter = firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",";
  return { ok: true, normalised, delimiter };
}

/** Records → rows and bad rows, one step per record (so a caller can pause between slices). */
function* checkRecords(parsed: TParsedRecords): Generator<void, TParsedLicenseCsv, void> {
  if (!parsed.ok) return { ok: false, error: { code: "malformed", line: parsed.line } };

  const nonBlank = parsed.records.filter((r) => !isBlank(r.cells));
  const [headerRec, ...data] = nonBlank;
  if (!headerRec) return { ok: false, error: { code: "empty" } };
  const header = readHeader(headerRec.cells);
  if (!header.ok) return header;
  if (data.length === 0) return { ok: false, error: { code: "no_rows" } };
  if (data.length > LICENSE_CSV_MAX_ROWS) return { ok: false, error: { code: "too_many_rows", max: LICENSE_CSV_MAX_ROWS } };

  // cells past the last named column must be empty (Excel pads rows with empty cells)
  const width = headerRec.cells.findLastIndex((c) => c.trim() !== "") + 1;
  const checked: Checked[] = [];
  for (const rec of data) {
    checked.push(checkRecord(rec, header.columns, width));
    yield;
  }
  markDuplicates(checked, (c) => c.licenseNo, "duplicate_license_no", "licenseNo");
  markDuplicates(checked, (c) => c.markCode, "duplicate_mark_code", "markCode");

  const rows: TLicenseRow[] = [];
  const bad: TBadRow[] = [];
  for (const c of checked) {
    if (c.reasons.length === 0 && c.row) rows.push({ line: c.line, ...c.row });
    else bad.push({ line: c.line, licenseNo: c.shownNo, reasons: c.reasons });
  }
  return { ok: true, rows, bad, ignoredColumns: header.ignored };
}

/** The whole import file → rows to import and bad rows, or why the file is refused. */
export function parseLicenseCsv(text: string): TParsedLicenseCsv {
  const p = prepare(text);
  if (!p.ok) return p;
  return runToEnd(checkRecords(records(p.normalised, p.delimiter)));
}

/**
 * The same answer as `parseLicenseCsv`, computed in slices with `pause` between them (the server hands in a turn of
 * its event loop: a 1 MB file no longer holds every other request for seconds).
 */
export async function parseLicenseCsvInSlices(text: string, pause: TPause): Promise<TParsedLicenseCsv> {
  const p = prepare(text);
  if (!p.ok) return p;
  await pause();
  return runInSlices(checkRecords(await recordsInSlices(p.normalised, p.delimiter, pause)), pause);
}
