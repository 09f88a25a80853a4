/**
 * What a scanned (or typed) text is (DESIGN §4): one of our own codes, a network-access license label, an EAN-13,
 * or unknown with the reason it was refused. "A misread must not become a wrong record": formats and check digits
 * are validated, nothing is corrected (no O→0, no full-width→ASCII, no case folding); a near miss is reported as
 * such (reason "lookalike", "not_ascii", "check_digit") so the screen can say why and offer manual entry.
 */
import { badgeUsername, isBadgeLookalike } from "@/domain/auth/badge";
import { OWN_CODE_RULES, type TOwnCodeKind } from "@/domain/items/tags";
import { EAN13_PATTERN, isValidEan13 } from "./ean13";
import { LICENSE_NO_PATTERN, parseLicenseMark, parseLicenseOld, type LicenseMark, type LicenseOld } from "./license";
import { isPrintableAscii, MAX_SCAN_LENGTH, screenText, type TScreenReason } from "./text";

export type TScanKind = LicenseOld["kind"] | LicenseMark["kind"] | TOwnCodeKind | "ean13" | "unknown";

export type TUnknownReason =
  | TScreenReason
  | "lookalike" // would be one of our codes if a letter O/I/l were a digit (a badge: in the right case)
  | "not_ascii" // would be a code in ASCII (full-width digits, other scripts' dashes)
  | "check_digit" // 13 digits whose EAN-13 check digit is wrong
  | "url_not_allowed" // a link, but not an allow-listed license-mark URL
  | "unrecognised";

export type ScanResult =
  | LicenseOld
  | LicenseMark
  | { kind: "asset_tag" | "stock_tag" | "equipment_tag"; code: string }
  | { kind: "work_order"; code: string; year: number }
  | { kind: "person_badge"; code: string; username: string }
  | { kind: "ean13"; code: string }
  | { kind: "unknown"; raw: string; reason: TUnknownReason };

function recognise(text: string): Exclude<ScanResult, { kind: "unknown" }> | null {
  if (isPrintableAscii(text)) {
    for (const rule of OWN_CODE_RULES) {
      if (!rule.pattern.test(text)) continue;
      if (rule.kind === "work_order") return { kind: "work_order", code: text, year: Number(text.slice(3, 7)) };
      if (rule.kind === "person_badge") return { kind: "person_badge", code: text, username: badgeUsername(text)! };
      return { kind: rule.kind, code: text };
    }
    if (isValidEan13(text)) return { kind: "ean13", code: text };
    const mark = parseLicenseMark(text);
    if (mark) return mark;
  }
  return parseLicenseOld(text);
}

// Each code shape twice: with every digit position (\d or a literal digit, not the counts in {…}) as any digit,
// and widened to the letters a worn label or a bad read turns digits into. Lookalike = the second matches, the
// first does not (so "WO-1999-…" is merely unrecognised, "WO-2O26-…" a lookalike). A person badge has no digit
// positions (a username may hold letters and digits anywhere): its near miss is its own rule (isBadgeLookalike).
const LOOKALIKE_DIGIT = "[0-9OoDQIl|!SBZ]";
const widen = (p: RegExp, digit: string) => new RegExp(p.source.replace(/\\d|\{[^}]*\}|[0-9]/g, (m) => (m.startsWith("{") ? m : digit)));
const DIGIT_CODES = OWN_CODE_RULES.filter((r) => r.kind !== "person_badge").map((r) => r.pattern);
const SHAPES = [...DIGIT_CODES, LICENSE_NO_PATTERN, EAN13_PATTERN].map((p) => ({
  anyDigit: widen(p, "\\d"),
  loose: widen(p, LOOKALIKE_DIGIT),
}));

function diagnose(text: string): TUnknownReason {
  if (EAN13_PATTERN.test(text)) return "check_digit";
  if (!isPrintableAscii(text)) {
    const folded = text.normalize("NFKC").replace(/[‐‑‒–—―−－]/g, "-");
    if (folded !== text && folded.length <= MAX_SCAN_LENGTH && recognise(folded)) return "not_ascii";
  }
  if (SHAPES.some((s) => s.loose.test(text) && !s.anyDigit.test(text)) || isBadgeLookalike(text)) return "lookalike";
  if (/^[A-Za-z][A-Za-z0-9+.-]{0,20}:\/\//.test(text) || /^(javascript|data|vbscript|file|blob):/i.test(text)) {
    return "url_not_allowed";
  }
  return "unrecognised";
}

/** Classify one decoded text. Never throws; never returns a URL to follow. */
export function classifyScan(raw: string): ScanResult {
  const screened = screenText(raw);
  if (!screened.ok) {
    const shown = typeof raw === "string" ? raw.slice(0, MAX_SCAN_LENGTH) : "";
    return { kind: "unknown", raw: shown, reason: screened.reason };
  }
  const text = screened.text;
  return recognise(text) ?? { kind: "unknown", raw: text, reason: diagnose(text) };
}

/** Whether a result names something we can act on (anything but unknown). */
export function isAccepted(result: ScanResult): result is Exclude<ScanResult, { kind: "unknown" }> {
  return result.kind !== "unknown";
}
