/**
 * Manuals and accessories (说明书, 附件) belong to the register (Procedure 4: "仪器、仪表及相应的技术资料、附件"): each
 * instrument lists its operating manual and its accessories, and the custodian checks them item by item when the
 * instrument is issued and when it comes back. What went out missing is never blamed on the borrower; what is missing
 * on return and was there at issue is recorded on the loan and shown on the register until it is found (ADR 0040).
 */

/** Longest name of one manual or accessory, and the most an instrument lists. */
export const MAX_ACCESSORY_LENGTH = 80;
export const MAX_ACCESSORIES = 20;

/** What the custodian checks: the manual first (when the register names one), then each accessory. */
export function checklistOf(i: { manual: string; accessories: readonly string[] }): string[] {
  const out: string[] = [];
  const manual = i.manual.trim();
  if (manual) out.push(manual);
  for (const a of i.accessories) {
    const name = a.trim();
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

/** One line per accessory ("电源适配器\n光纤跳线 ×2"), trimmed, empty lines and repeats dropped. */
export function parseAccessories(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n|[;；]/)) {
    const name = line.trim().replace(/\s+/g, " ");
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

/**
 * The result of a check: the items of the checklist found missing, in checklist order. A name the phone had that the
 * register no longer lists (edited since the phone's last sync) is kept as given: what the custodian saw is recorded.
 */
export function missingOf(checklist: readonly string[], missing: readonly string[]): string[] {
  const wanted = new Set(missing.map((m) => m.trim()).filter(Boolean));
  const known = checklist.filter((c) => wanted.has(c));
  const unknown = [...wanted].filter((m) => !checklist.includes(m));
  return [...known, ...unknown];
}

/** Missing on return but present at issue: what this loan lost (recorded on the loan). */
export function lostOnLoan(issueMissing: readonly string[] | null, returnMissing: readonly string[]): string[] {
  const before = new Set(issueMissing ?? []);
  return returnMissing.filter((m) => !before.has(m));
}

/** Present on return though missing at issue: found again. */
export function foundOnLoan(issueMissing: readonly string[] | null, returnMissing: readonly string[]): string[] {
  const after = new Set(returnMissing);
  return (issueMissing ?? []).filter((m) => !after.has(m));
}
