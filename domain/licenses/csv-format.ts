/**
 * The license registry's CSV format: columns and their accepted header names (English and the operator's Chinese),
 * file limits, and the codes of everything an import can refuse (a whole file, or one row with its reasons).
 * No parser here: the browser needs these names (template, messages) without shipping the CSV parser.
 */

/** Registry fields in template order. `markCode` is the only optional one. */
export const LICENSE_FIELDS = ["licenseNo", "markCode", "applicant", "equipmentName", "model", "issueDate", "expiryDate"] as const;
export type TLicenseField = (typeof LICENSE_FIELDS)[number];
export const REQUIRED_FIELDS: readonly TLicenseField[] = LICENSE_FIELDS.filter((f) => f !== "markCode");

/** The header written in the template: English name / Chinese name. */
export const TEMPLATE_HEADER: Record<TLicenseField, { en: string; zh: string }> = {
  licenseNo: { en: "license_no", zh: "进网许可证号" },
  markCode: { en: "mark_code", zh: "标志编码" },
  applicant: { en: "applicant", zh: "申请单位" },
  equipmentName: { en: "equipment_name", zh: "设备名称" },
  model: { en: "model", zh: "型号" },
  issueDate: { en: "issue_date", zh: "发证日期" },
  expiryDate: { en: "expiry_date", zh: "有效期至" },
};

/** Every accepted header name, compared after normalizeHeader (case, spaces, `_-.*:` and brackets ignored). */
const ALIASES: Record<TLicenseField, readonly string[]> = {
  licenseNo: ["license_no", "license_number", "license", "licence_no", "进网许可证号", "进网许可证编号", "许可证号", "许可证编号"],
  markCode: ["mark_code", "mark", "digital_code", "标志编码", "进网许可标志编码", "标志数字编码", "数字编码"],
  applicant: ["applicant", "申请单位", "申请人"],
  equipmentName: ["equipment_name", "equipment", "设备名称"],
  model: ["model", "型号", "设备型号", "规格型号"],
  issueDate: ["issue_date", "issued", "发证日期", "签发日期"],
  expiryDate: ["expiry_date", "expiry", "expires", "valid_until", "有效期至", "有效期", "到期日期", "截止日期"],
};

/** Header cell → comparable form: "License No. *" and "license_no" and "（型号）" all reduce to their letters. */
export function normalizeHeader(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.*:：()（）[\]【】]/g, "");
}

const BY_HEADER = new Map<string, TLicenseField>(LICENSE_FIELDS.flatMap((f) => ALIASES[f].map((a) => [normalizeHeader(a), f] as [string, TLicenseField])));

/** The field a header cell names, or undefined for a column we do not know (it is ignored and reported). */
export function fieldOfHeader(name: string): TLicenseField | undefined {
  return BY_HEADER.get(normalizeHeader(name));
}

/** UTF-8 length of a string in bytes (what the file weighed), counted without allocating. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Limits of one import file. A larger registry is imported in several files (imports add and update rows). */
export const LICENSE_CSV_MAX_BYTES = 2 * 1024 * 1024;
export const LICENSE_CSV_MAX_ROWS = 20_000;
/** Longest cell looked at; anything longer is refused before any other check. */
export const LICENSE_CELL_MAX = 1_000;
/** At most this many bad rows are described in an answer (all are counted). */
export const LICENSE_BAD_ROWS_SHOWN = 1_000;

/** Longest value per text field (characters, after trimming). */
export const TEXT_MAX: Record<"applicant" | "equipmentName" | "model", number> = {
  applicant: 200,
  equipmentName: 100,
  model: 64,
};

/** Why a whole file is refused (nothing is imported). */
export const FILE_ERRORS = [
  "empty", // nothing but blank lines
  "too_large", // over LICENSE_CSV_MAX_BYTES
  "too_many_rows", // over LICENSE_CSV_MAX_ROWS data rows
  "not_text", // a binary file (e.g. an .xlsx workbook) rather than CSV text
  "malformed", // broken quoting: where rows begin and end is unknown from `line` on
  "missing_columns", // a required column has no header
  "duplicate_columns", // two headers name the same field
  "no_rows", // a header but no data rows
] as const;
export type TFileErrorCode = (typeof FILE_ERRORS)[number];

export interface TFileError {
  code: TFileErrorCode;
  /** malformed: the line where the broken row begins. */
  line?: number;
  /** missing_columns / duplicate_columns: the fields concerned. */
  fields?: TLicenseField[];
  /** too_large (bytes) / too_many_rows. */
  max?: number;
}

/** Why one row is refused. Field-level codes come with the field; `duplicate_*` with the other lines. */
export const ROW_REASONS = [
  "required",
  "too_long",
  "control_char", // control, zero-width or bidirectional characters, line breaks inside a cell
  "formula", // starts with = + - @ (a spreadsheet would run it)
  "license_no_format",
  "mark_code_format",
  "date_format",
  "date_range",
  "expiry_before_issue",
  "too_many_fields",
  "duplicate_license_no", // the same license number on other lines of the file
  "duplicate_mark_code", // the same mark code on other lines of the file
  "mark_code_taken", // the registry gives this mark code to another license (decided by the server)
] as const;
export type TRowReasonCode = (typeof ROW_REASONS)[number];

export interface TRowReason {
  code: TRowReasonCode;
  field?: TLicenseField;
  /** duplicate_*: the other lines; mark_code_taken: none. */
  lines?: number[];
  /** mark_code_taken: the license that holds the code. */
  licenseNo?: string;
}

export interface TBadRow {
  /** 1-based line in the file where the row begins (the header is usually line 1). */
  line: number;
  /** The row's license number as written (trimmed, cut to 40 characters), to help find it; "" if none. */
  licenseNo: string;
  reasons: TRowReason[];
}

/**
 * A template file in one language: a UTF-8 byte-order mark (so Excel opens the Chinese text correctly) and the
 * header, CRLF as Excel writes it. No example row: a forgotten example would enter the registry as a license.
 */
export function licenseCsvTemplate(lang: "zh" | "en"): string {
  return `\uFEFF${LICENSE_FIELDS.map((f) => TEMPLATE_HEADER[f][lang]).join(",")}\r\n`;
}
