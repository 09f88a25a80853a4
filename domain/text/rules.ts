/**
 * The one rule for text typed, scanned or sent by anyone (issue 11, docs/security.md "Input rules"), used by every
 * schema in domain/ on the phone and the server alike.
 *
 * Every text is NFC-normalised and trimmed. Invisible characters that only get in the way (zero-width space,
 * word joiner, byte-order mark, soft hyphen) are removed. What the database cannot store (NUL, a lone surrogate)
 * and what deceives a reader (bidi overrides and isolates, other control characters) is refused with the field's
 * name, never silently stored:
 *
 * | kind | for                                              | line breaks, tab | ZWJ/ZWNJ (emoji, scripts) |
 * | ---- | ------------------------------------------------ | ---------------- | ------------------------- |
 * | line | names, addresses, phone numbers, codes, searches | refused          | allowed                   |
 * | note | notes, reasons, comments                         | allowed          | allowed                   |
 *
 * Over-long text is refused by each schema's max (after normalising), as before. Passwords take no text rule (they
 * are compared as typed) and usernames and codes their own stricter patterns; NUL and lone surrogates are refused
 * in every input by the backstop (./input.ts) all the same.
 */
import { z } from "zod";

export type TTextKind = "line" | "note";

/** Why a text was refused; each has a message `validation.text.<problem>` in both catalogues. */
export const TEXT_PROBLEMS = ["nul", "lone_surrogate", "bidi", "control"] as const;
export type TTextProblem = (typeof TEXT_PROBLEMS)[number];

/** Removed silently from every text: invisible, never meant, and they break matching. */
const INVISIBLE = /[\u200B\u2060\uFEFF\u00AD]/g;
/** Bidi embeddings, overrides, isolates and marks: they make text read differently from what is stored. */
const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C]/;
/** C0 and C1 controls and DEL (\p{Cc}), without NUL (its own reason) and tab and line feed (checked per kind). */
const CONTROL = /(?![\0\t\n])\p{Cc}/u;
const LINE_BREAKS = /[\t\n\u2028\u2029]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The text as stored: invisible characters removed, CRLF → LF, NFC, trimmed. Idempotent: removing first, then
 * composing (removing after NFC could leave "e" + combining accent apart, which a second pass would then compose,
 * and a value hashed on the phone would differ from the same value parsed again).
 */
export function cleanText(s: string, _kind: TTextKind): string {
  // normalize() leaves lone surrogates as they are; textProblem refuses them after.
  return s.replace(INVISIBLE, "").replace(/\r\n?/g, "\n").normalize("NFC").trim();
}

/** The first reason this (cleaned) text is refused for its kind, or null when it may be stored. */
export function textProblem(s: string, kind: TTextKind): TTextProblem | null {
  if (s.includes("\u0000")) return "nul";
  if (LONE_SURROGATE.test(s)) return "lone_surrogate";
  if (BIDI.test(s)) return "bidi";
  if (CONTROL.test(s)) return "control";
  if (kind === "line" && LINE_BREAKS.test(s)) return "control";
  return null;
}

/** What the database refuses outright, in any string anywhere in an input (keys too): the backstop's test. */
export function unstorable(s: string): TTextProblem | null {
  if (s.includes("\u0000")) return "nul";
  if (LONE_SURROGATE.test(s)) return "lone_surrogate";
  return null;
}

function zKind(kind: TTextKind, max: number) {
  // overwrite() keeps a ZodString, so callers chain min(), regex(), toLowerCase() as on any string.
  return z
    .string()
    .overwrite((s) => cleanText(s, kind))
    .max(max, { error: "validation.tooLong" })
    .superRefine((s, ctx) => {
      const problem = textProblem(s, kind);
      if (problem) ctx.addIssue({ code: "custom", message: `validation.text.${problem}`, input: s });
    });
}

/**
 * Text that is bound into evidence as typed (a customer's name and opinion on a signed record, hashed on the phone):
 * only trimmed, as every build before this rule did, so that a queued signature's hash still recomputes; refused
 * for the same characters as its kind, never changed.
 */
export function zVerbatim(kind: TTextKind, max: number) {
  return z
    .string()
    .trim()
    .max(max, { error: "validation.tooLong" })
    .superRefine((s, ctx) => {
      const problem = textProblem(s, kind);
      if (problem) ctx.addIssue({ code: "custom", message: `validation.text.${problem}`, input: s });
    });
}

/** One line: names, addresses, phone numbers, codes, searches. */
export const zLine = (max: number) => zKind("line", max);
/** Free text that may span lines: notes, reasons, comments. */
export const zNote = (max: number) => zKind("note", max);
