/**
 * The office desk's page cursor (issue 18): the sort key of the last row shown (its urgency rank, deadline, scheduled
 * day, key-customer flag and code) plus its id, and the "now" the first page was ranked at, so every later page ranks
 * the orders exactly as the first one did. Opaque to the screen: base64url of a small JSON object, checked by zod
 * when it comes back (a hand-made or stale cursor is refused with desk.validation.cursor, never trusted).
 */
import { z } from "zod";

export const ZDeskCursorFields = z.strictObject({
  /** The time the first page was ranked at (ISO). */
  n: z.iso.datetime(),
  /** deskRank of the last row (0–5). */
  r: z.number().int().min(0).max(5),
  /** Its deadline (ISO) or null. */
  d: z.iso.datetime().nullable(),
  /** Its scheduled day. */
  s: z.iso.date(),
  /** A key customer? */
  k: z.boolean(),
  /** Its code (unique: the last tie-breaker). */
  c: z.string().min(1).max(40),
  /** Its id. */
  i: z.guid(),
});
export type TDeskCursor = z.infer<typeof ZDeskCursorFields>;

function toBase64Url(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(s: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
  try {
    const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

export function encodeDeskCursor(c: TDeskCursor): string {
  return toBase64Url(JSON.stringify(ZDeskCursorFields.parse(c)));
}

/** The cursor's fields, or null when it is not one of ours. */
export function decodeDeskCursor(s: string): TDeskCursor | null {
  const json = fromBase64Url(s);
  if (json === null) return null;
  try {
    const parsed = ZDeskCursorFields.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** What the router accepts: an opaque string that decodes to a cursor (or none: the first page). */
export const ZDeskCursor = z
  .string()
  .max(400, { error: "desk.validation.cursor" })
  .refine((s) => decodeDeskCursor(s) !== null, { error: "desk.validation.cursor" })
  .nullish();
