/**
 * Network-access license labels (进网许可标志, Procedure 2) as the scanner reads them.
 *
 * Old paper label. Accepted payloads (after screenText):
 *   - the license number alone: `00-D710-208870` (2 digits, "-", 1 capital letter + 3 digits, "-", 6 digits);
 *   - up to three fields separated by newlines, `;`, `；` or `|`: license number, equipment model, scramble code.
 *     A field is either labelled (`型号:HWCD868`, `扰码：A1B2C3D4E5F6`, `MODEL: …`; ":" or "：") or unlabelled, in
 *     which case it takes the next free position in the order license → model → scramble.
 *   Refused: no license number, a field given twice, an unknown label, more than three fields, a value of the
 *   wrong shape. Empty fields (a trailing ";") are ignored. Values are ASCII, taken as read: no case folding.
 *
 * New mark (电子标志): its digital code, 16–32 ASCII digits, bare or inside an https URL of an allow-listed host
 * (LICENSE_MARK_HOSTS) in one of two shapes: `https://HOST/path/<code>` or `https://HOST/path?code=<code>`.
 * Only the code is returned, never the URL: the app does not navigate to scanned links.
 * ASSUMPTION to confirm with a real label: the host list and the code length; both live only here.
 */
import { isPrintableAscii } from "./text";

export const LICENSE_NO_PATTERN = /^\d{2}-[A-Z]\d{3}-\d{6}$/;
export const LICENSE_MODEL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ()+./_-]{0,39}$/;
export const SCRAMBLE_CODE_PATTERN = /^[A-Z0-9]{6,16}$/;
export const LICENSE_MARK_CODE_PATTERN = /^\d{16,32}$/;
export const LICENSE_MARK_HOSTS: readonly string[] = ["jwxk.miit.gov.cn"];
/** Query parameter names that may carry the mark code. */
export const LICENSE_MARK_PARAMS: readonly string[] = ["code", "c", "id"];

export interface LicenseOld {
  kind: "license_old";
  licenseNo: string;
  model: string | null;
  scrambleCode: string | null;
}

export interface LicenseMark {
  kind: "license_mark";
  markCode: string;
  source: "bare" | "url";
}

type TField = "licenseNo" | "model" | "scrambleCode";
const ORDER: readonly TField[] = ["licenseNo", "model", "scrambleCode"];

const LABELS = new Map<string, TField>([
  ["进网许可证号", "licenseNo"],
  ["进网许可证编号", "licenseNo"],
  ["许可证号", "licenseNo"],
  ["许可证编号", "licenseNo"],
  ["LICENSE", "licenseNo"],
  ["LICENSE NO", "licenseNo"],
  ["LICENSE NO.", "licenseNo"],
  ["型号", "model"],
  ["设备型号", "model"],
  ["MODEL", "model"],
  ["扰码", "scrambleCode"],
  ["SCRAMBLE", "scrambleCode"],
  ["SCRAMBLE CODE", "scrambleCode"],
]);

/** ASCII labels in any case; others exactly (upper-casing non-ASCII would let "lıcense" pass as LICENSE). */
function fieldOfLabel(label: string): TField | undefined {
  return LABELS.get(isPrintableAscii(label) ? label.toUpperCase() : label);
}

const SHAPE: Record<TField, RegExp> = {
  licenseNo: LICENSE_NO_PATTERN,
  model: LICENSE_MODEL_PATTERN,
  scrambleCode: SCRAMBLE_CODE_PATTERN,
};

/** Old paper label payload → its fields, or null. `text` has passed screenText. */
export function parseLicenseOld(text: string): LicenseOld | null {
  if (LICENSE_NO_PATTERN.test(text)) return { kind: "license_old", licenseNo: text, model: null, scrambleCode: null };
  const parts = text
    .split(/\r\n|[\n\r;；|]/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length === 0 || parts.length > 3) return null;
  const got: Partial<Record<TField, string>> = {};
  for (const part of parts) {
    const colon = part.search(/[:：]/);
    let field: TField | undefined;
    let value: string;
    if (colon >= 0) {
      field = fieldOfLabel(part.slice(0, colon).trim());
      if (!field) return null; // unknown label
      value = part.slice(colon + 1).trim();
    } else {
      field = ORDER.find((f) => got[f] === undefined);
      value = part;
    }
    if (!field || got[field] !== undefined) return null; // too many unlabelled, or a field twice
    if (!isPrintableAscii(value) || !SHAPE[field].test(value)) return null;
    got[field] = value;
  }
  if (!got.licenseNo) return null;
  return { kind: "license_old", licenseNo: got.licenseNo, model: got.model ?? null, scrambleCode: got.scrambleCode ?? null };
}

// scheme and host case-insensitive (QR alphanumeric mode upper-cases URLs); no userinfo, no port, no fragment,
// no percent-escapes; path segments and query of plain URL-safe characters only.
const MARK_URL = /^https:\/\/([A-Za-z0-9.-]+)((?:\/[A-Za-z0-9._~-]+)*)\/?(?:\?([A-Za-z0-9._~=&-]*))?$/i;

/** The mark's digital code from a bare code or an allow-listed URL, or null. `text` has passed screenText. */
export function parseLicenseMark(text: string): LicenseMark | null {
  if (LICENSE_MARK_CODE_PATTERN.test(text)) return { kind: "license_mark", markCode: text, source: "bare" };
  const m = MARK_URL.exec(text);
  if (!m) return null;
  const [, host = "", path = "", query] = m;
  if (!LICENSE_MARK_HOSTS.includes(host.toLowerCase())) return null;
  if (path.split("/").some((seg) => seg === "." || seg === "..")) return null;
  let code: string | undefined;
  if (query !== undefined && query !== "") {
    const pairs = query.split("&").map((kv) => kv.split("="));
    const hits = pairs.filter((kv) => kv.length === 2 && LICENSE_MARK_PARAMS.includes(kv[0]!.toLowerCase()));
    if (hits.length !== 1) return null;
    code = hits[0]![1];
  } else {
    code = path.split("/").pop();
  }
  if (code === undefined || !LICENSE_MARK_CODE_PATTERN.test(code)) return null;
  return { kind: "license_mark", markCode: code, source: "url" };
}
