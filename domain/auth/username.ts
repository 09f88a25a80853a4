/**
 * The username rule, written once: lower-case ASCII letters, digits, dot, dash, underscore; 3–40 long. Used by the
 * account forms (ZUsername, schemas.ts) and by the person badge (badge.ts), whose code carries the username as is.
 */
export const USERNAME_MIN = 3;
export const USERNAME_MAX = 40;
/** The characters of a username, as a regular-expression character class body (no brackets). */
export const USERNAME_CLASS = "a-z0-9._-";
export const USERNAME_CHARS = new RegExp(`^[${USERNAME_CLASS}]+$`);
export const USERNAME_PATTERN = new RegExp(`^[${USERNAME_CLASS}]{${USERNAME_MIN},${USERNAME_MAX}}$`);

/** Whether `s` is a username exactly as stored (no trimming or case folding). */
export function isUsername(s: string): boolean {
  return USERNAME_PATTERN.test(s);
}
