/**
 * Tags printed on tagged things (Procedure 3): stock tags `ST-000101` on materials, equipment tags
 * `EQ-000201` on equipment and facilities. Typed codes are normalised before they are looked up.
 */
export const ITEM_TAG_PATTERN = /^(ST|EQ)-\d{6}$/;

/** What a person typed or a scanner read: trimmed, upper-case, inner spaces dropped, "_"/"—" read as "-". */
export function normalizeTag(input: string): string {
  return input
    .trim()
    .toUpperCase()
    .replace(/\s+/g, "")
    .replace(/[_‐‑–—－]/g, "-");
}

export function isItemTag(code: string): boolean {
  return ITEM_TAG_PATTERN.test(code);
}
