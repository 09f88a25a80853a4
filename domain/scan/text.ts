/**
 * First gate for any decoded or typed text before a parser looks at it: a length cap checked before any regex,
 * surrounding ASCII whitespace trimmed, and a refusal of characters that have no place in a label and can hide
 * what a code really is: control characters, zero-width and bidirectional marks, private-use and lone surrogates.
 * Nothing is ever "fixed": a text either passes unchanged (trimmed) or is refused with a reason.
 */

/** Longest text we look at. Our codes are < 100 characters; a license label payload a few hundred at most. */
export const MAX_SCAN_LENGTH = 512;

export type TScreenReason = "empty" | "too_long" | "control_char" | "invisible_char";

export type TScreened = { ok: true; text: string } | { ok: false; reason: TScreenReason };

// C0 except tab/newline/return, DEL, C1 (\p{Cc}). Tab, CR and LF stay: multi-line license payloads use them.
const CONTROL = /(?![\t\n\r])\p{Cc}/u;
// Format characters (zero-width space/joiners, bidi embeddings/overrides/isolates, soft hyphen, BOM, …), line and
// paragraph separators, private use, lone surrogates; plus the Hangul fillers and Mongolian vowel separator that
// render as nothing.
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\u034F\uFE00-\uFE0F\u115F\u1160\u3164\uFFA0\u180E]/u;
const EDGE_SPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;

export function screenText(raw: string): TScreened {
  if (typeof raw !== "string") return { ok: false, reason: "empty" };
  // why first: a 10 KB (or 10 MB) string must not reach any regex.
  if (raw.length > MAX_SCAN_LENGTH) return { ok: false, reason: "too_long" };
  if (CONTROL.test(raw)) return { ok: false, reason: "control_char" };
  if (INVISIBLE.test(raw)) return { ok: false, reason: "invisible_char" };
  const text = raw.replace(EDGE_SPACE, "");
  if (text === "") return { ok: false, reason: "empty" };
  return { ok: true, text };
}

/** Printable ASCII only (space included). Codes we parse are ASCII; anything else is refused, never folded. */
export function isPrintableAscii(text: string): boolean {
  return /^[\x20-\x7E]*$/.test(text);
}
