/**
 * Person badges (工牌码, ADR 0040): a code of our own that names one user, so the instrument custodian scans the
 * borrower at the desk instead of looking them up. The code is `TMU-` and the username exactly as stored
 * (`TMU-wang.jianguo`): the username is unique, never changes (ZUpdateUserInput has no username), and its rule
 * (username.ts: lower-case letters, digits, dot, dash, underscore) cannot produce the other codes' prefixes (`ST-`, `EQ-`,
 * `IN-`, `WO-`, digits). A scan is taken as read (domain/scan/classify.ts: no case folding); a typed code is normalised
 * by `normalizeBadgeInput`, which folds case (usernames are lower-case, so no two differ only by case) but never turns
 * `_` into `-` as `normalizeTag` does (`li_wei` and `li-wei` are two people).
 */
import { ROLE_GROUPS, type TRole } from "./roles";
import { isUsername, USERNAME_CLASS, USERNAME_MAX, USERNAME_MIN } from "./username";

export const BADGE_PREFIX = "TMU-";
export const PERSON_BADGE_PATTERN = new RegExp(`^TMU-[${USERNAME_CLASS}]{${USERNAME_MIN},${USERNAME_MAX}}$`);

/** The badge code of a username; null when the stored name does not follow the username rule (no badge for it). */
export function badgeCode(username: string): string | null {
  return isUsername(username) ? `${BADGE_PREFIX}${username}` : null;
}

/** The username a badge code names, or null when `code` is not exactly a badge code. */
export function badgeUsername(code: string): string | null {
  return PERSON_BADGE_PATTERN.test(code) ? code.slice(BADGE_PREFIX.length) : null;
}

// A badge in the wrong case (`TMU-WANG.JIANGUO`, `tmu-wang`) or with another separator after TMU (`TMU_wang`, `TMU wang`):
// what a keyboard wedge with caps lock, a label re-typed in capitals or a tag normaliser makes of one.
const BADGE_LOOSE = new RegExp(`^tmu[-_ ][${USERNAME_CLASS}]{${USERNAME_MIN},${USERNAME_MAX}}$`, "i");

/** Whether `text` (ASCII, screened) is a near miss of a badge code: the scanner calls it a lookalike. */
export function isBadgeLookalike(text: string): boolean {
  return BADGE_LOOSE.test(text) && !PERSON_BADGE_PATTERN.test(text);
}

/** Whether a typed text is meant as a badge code (starts with TMU and a separator, any case, after spaces). */
export function looksLikeBadgeInput(input: string): boolean {
  return /^\s*tmu\s*[-_‐‑–—－]/i.test(input);
}

/**
 * A typed badge code as looked up: spaces dropped, `TMU` and the dash after it in any case or dash, the username's ASCII
 * capitals lower-cased. Everything else is kept (no Unicode case folding: the Kelvin sign is no k), so a wrong character
 * still fails the pattern instead of naming someone else.
 */
export function normalizeBadgeInput(input: string): string {
  const text = input.replace(/\s+/g, "");
  const m = /^tmu[-_‐‑–—－](.*)$/i.exec(text);
  return m ? `${BADGE_PREFIX}${m[1]!.replace(/[A-Z]/g, (c) => c.toLowerCase())}` : text;
}

/**
 * Who may see and print a badge: its own holder, or an admin (any active user). A disabled person has no badge, and
 * neither has a stored name outside the username rule.
 */
export function mayShowBadge(viewer: { id: string; role: TRole }, holder: { id: string; username: string; active: boolean }): boolean {
  if (!holder.active || badgeCode(holder.username) === null) return false;
  return viewer.id === holder.id || (ROLE_GROUPS.admins as readonly TRole[]).includes(viewer.role);
}
