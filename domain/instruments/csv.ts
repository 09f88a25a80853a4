/**
 * The register as CSV (import and export share the columns, so an export can be edited and imported into
 * another register). Parsing the text is the server's (csv-parse); checking a row is here: each bad cell is
 * reported with its line and column as a message key, good rows are kept.
 */
import { z } from "zod";
import { isIsoDate } from "@/domain/time/calendar";
import { parseAccessories } from "./accessories";
import { ZInstrumentFields } from "./schemas";

export const INSTRUMENT_CSV_COLUMNS = [
  "asset_tag",
  "name",
  "model",
  "serial",
  "kind",
  "category",
  "department",
  "keeper_username",
  "location",
  "intake_date",
  "service_life_years",
  "calibrated_on",
  "calibration_result",
  "certificate_no",
  "lab",
  // issue 16: the manual and the accessories (附件, separated by ";") on the register
  "manual",
  "accessories",
] as const;
export type TInstrumentCsvColumn = (typeof INSTRUMENT_CSV_COLUMNS)[number];

/** Columns an import must have; the others may be missing or empty. */
export const REQUIRED_CSV_COLUMNS: readonly TInstrumentCsvColumn[] = [
  "asset_tag",
  "name",
  "model",
  "serial",
  "kind",
  "category",
  "department",
  "location",
  "intake_date",
  "service_life_years",
];

const FIELD_OF: Partial<Record<string, TInstrumentCsvColumn>> = {
  assetTag: "asset_tag",
  name: "name",
  model: "model",
  serial: "serial",
  kind: "kind",
  category: "category",
  department: "department",
  location: "location",
  intakeDate: "intake_date",
  serviceLifeYears: "service_life_years",
  manual: "manual",
  accessories: "accessories",
};

export interface TCsvError {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  column: TInstrumentCsvColumn | null;
  /** A message key (e.g. `validation.required`, `instruments.csv.badNumber`). */
  code: string;
}

export interface TCsvInstrument {
  line: number;
  fields: Omit<z.infer<typeof ZInstrumentFields>, "keeperId">;
  keeperUsername: string | null;
  calibration: { calibratedOn: string; result: "passed" | "failed"; certificateNo: string; lab: string } | null;
}

/** The header's problems: missing required columns, unknown or repeated ones. */
export function checkCsvHeader(header: readonly string[]): TCsvError[] {
  const errors: TCsvError[] = [];
  const seen = new Set<string>();
  for (const raw of header) {
    const col = raw.trim().toLowerCase();
    if (!(INSTRUMENT_CSV_COLUMNS as readonly string[]).includes(col)) errors.push({ line: 1, column: null, code: "instruments.csv.unknownColumn" });
    else if (seen.has(col)) errors.push({ line: 1, column: col as TInstrumentCsvColumn, code: "instruments.csv.repeatedColumn" });
    seen.add(col);
  }
  for (const col of REQUIRED_CSV_COLUMNS) if (!seen.has(col)) errors.push({ line: 1, column: col, code: "instruments.csv.missingColumn" });
  return errors;
}

/** One data row (`record` keyed by lower-cased header) → a checked instrument, or its errors. */
export function parseCsvRow(
  record: Readonly<Record<string, string | undefined>>,
  line: number,
): { ok: true; row: TCsvInstrument } | { ok: false; errors: TCsvError[] } {
  const cell = (c: TInstrumentCsvColumn) => (record[c] ?? "").trim();
  const errors: TCsvError[] = [];
  const years = cell("service_life_years");
  const candidate = {
    assetTag: cell("asset_tag"),
    name: cell("name"),
    model: cell("model"),
    serial: cell("serial"),
    kind: cell("kind"),
    category: cell("category").toLowerCase(),
    department: cell("department").toLowerCase(),
    keeperId: null,
    location: cell("location"),
    intakeDate: cell("intake_date"),
    serviceLifeYears: /^\d{1,3}$/.test(years) ? Number(years) : Number.NaN,
    manual: cell("manual"),
    accessories: parseAccessories(cell("accessories")),
  };
  const parsed = ZInstrumentFields.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "");
      const column = FIELD_OF[field] ?? null;
      const empty = column !== null && cell(column) === "";
      const code = empty
        ? "validation.required"
        : field === "serviceLifeYears"
          ? "instruments.csv.badNumber"
          : field === "category" || field === "department"
            ? "instruments.csv.unknownValue"
            : issue.message.includes(".")
              ? issue.message
              : "instruments.csv.badValue";
      if (!errors.some((e) => e.column === column)) errors.push({ line, column, code });
    }
  }
  let calibration: TCsvInstrument["calibration"] = null;
  const calibratedOn = cell("calibrated_on");
  const result = cell("calibration_result").toLowerCase();
  if (calibratedOn || result) {
    if (!isIsoDate(calibratedOn)) errors.push({ line, column: "calibrated_on", code: calibratedOn ? "instruments.validation.date" : "validation.required" });
    if (result !== "passed" && result !== "failed")
      errors.push({ line, column: "calibration_result", code: result ? "instruments.csv.unknownValue" : "validation.required" });
    if (errors.length === 0)
      calibration = { calibratedOn, result: result as "passed" | "failed", certificateNo: cell("certificate_no").slice(0, 60), lab: cell("lab").slice(0, 120) };
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  const { keeperId: _none, ...fields } = parsed.data;
  return { ok: true, row: { line, fields, keeperUsername: cell("keeper_username").toLowerCase() || null, calibration } };
}

/** What a CSV cell is written from (written as String() writes it; null and undefined as empty). */
export type TCsvValue = string | number | boolean | null | undefined;

/** A CSV cell: quoted when it holds a comma, quote or line break; a leading = + - @ is defused (spreadsheet formulas). */
export function csvCell(value: TCsvValue): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Rows → CSV text (CRLF, as RFC 4180 and Excel expect). */
export function toCsv(header: readonly string[], rows: readonly (readonly TCsvValue[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
