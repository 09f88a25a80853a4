/**
 * Codes we print ourselves, one rule each (Procedure 3 and the scanner, DESIGN §4): stock tags `ST-000101` on
 * materials, equipment tags `EQ-000201` on equipment and facilities, instrument asset tags `IN-000301`,
 * work-order codes `WO-2026-000101`, and person badges `TMU-wang.jianguo` (domain/auth/badge.ts). Typed codes are
 * normalised before they are looked up; scanned codes are taken as read (domain/scan/classify.ts) and must match exactly.
 */
import { looksLikeBadgeInput, normalizeBadgeInput, PERSON_BADGE_PATTERN } from "@/domain/auth/badge";

export const STOCK_TAG_PATTERN = /^ST-\d{6}$/;
export const EQUIPMENT_TAG_PATTERN = /^EQ-\d{6}$/;
/** Stock or equipment tag: the tagged things of the items screens. */
export const ITEM_TAG_PATTERN = /^(ST|EQ)-\d{6}$/;
export const INSTRUMENT_TAG_PATTERN = /^IN-\d{6}$/;
/** `WO-<year>-<6 digits>`; years 2000–2099. */
export const WORK_ORDER_CODE_PATTERN = /^WO-20\d{2}-\d{6}$/;

export type TOwnCodeKind = "stock_tag" | "equipment_tag" | "asset_tag" | "work_order" | "person_badge";

export const OWN_CODE_RULES: readonly { kind: TOwnCodeKind; pattern: RegExp }[] = [
  { kind: "stock_tag", pattern: STOCK_TAG_PATTERN },
  { kind: "equipment_tag", pattern: EQUIPMENT_TAG_PATTERN },
  { kind: "asset_tag", pattern: INSTRUMENT_TAG_PATTERN },
  { kind: "work_order", pattern: WORK_ORDER_CODE_PATTERN },
  { kind: "person_badge", pattern: PERSON_BADGE_PATTERN },
];

/** Which of our own codes `code` is, exactly as given (no normalising); null when none. */
export function ownCodeKind(code: string): TOwnCodeKind | null {
  for (const rule of OWN_CODE_RULES) if (rule.pattern.test(code)) return rule.kind;
  return null;
}

/** What a person typed or a scanner read: trimmed, upper-case, inner spaces dropped, "_"/"—" read as "-". */
export function normalizeTag(input: string): string {
  return input
    .trim()
    .toUpperCase()
    .replace(/\s+/g, "")
    .replace(/[_‐‑–—－]/g, "-");
}

/**
 * A typed code of any kind, as looked up: a badge code (`TMU-…`) by its own rule (case folded, `_` kept: it is part
 * of a username), every other code by normalizeTag.
 */
export function normalizeTypedCode(input: string): string {
  return looksLikeBadgeInput(input) ? normalizeBadgeInput(input) : normalizeTag(input);
}

export function isItemTag(code: string): boolean {
  return ITEM_TAG_PATTERN.test(code);
}
