/**
 * The pull cursor (ADR 0042): which transactions a phone has seen, as a snapshot. A transaction id `t` is seen when
 * `t < xmax` and `t` is not one of the `open` ids (each in `[xmin, xmax)`); `xmin` is the smallest open id, or `xmax`
 * when none is open. The text form is PostgreSQL's own for a pg_snapshot, `xmin:xmax:open,open`. A plain
 * transaction id `N` (the cursor before ADR 0042) means every id up to N is seen: `N+1:N+1:`.
 *
 * A pull reads, under its own snapshot S, the rows whose transaction the cursor has not seen (id ≥ cursor.xmax, or one
 * of its open ids); every row it can read was written by a transaction committed before S. It answers S, or a
 * snapshot between the cursor and S when it sends one page of many. A transaction still open (here or in another
 * database on the same server) stays in the cursor's open list until it ends, and nobody waits for it.
 */

export interface PullCursor {
  xmin: number;
  xmax: number;
  /** Ascending, each in [xmin, xmax). */
  open: readonly number[];
}

const SNAPSHOT = /^(\d{1,20}):(\d{1,20}):((?:\d{1,20})(?:,\d{1,20})*)?$/;
const PLAIN = /^\d{1,20}$/;

function safe(text: string): number | null {
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/** The cursor a text names, or null when it is not one (ids out of order, outside [xmin, xmax), too large). */
export function parseCursor(text: string): PullCursor | null {
  if (PLAIN.test(text)) {
    const n = safe(text);
    return n === null || n + 1 > Number.MAX_SAFE_INTEGER ? null : { xmin: n + 1, xmax: n + 1, open: [] };
  }
  const m = SNAPSHOT.exec(text);
  if (!m) return null;
  const xmin = safe(m[1]!);
  const xmax = safe(m[2]!);
  if (xmin === null || xmax === null || xmin > xmax) return null;
  const open: number[] = [];
  for (const part of m[3] ? m[3].split(",") : []) {
    const t = safe(part);
    if (t === null || t < xmin || t >= xmax || (open.length > 0 && t <= open.at(-1)!)) return null;
    open.push(t);
  }
  // what is below xmin is seen either way: the canonical form has xmin = the smallest open id, or xmax
  return cursorOf(xmax, open);
}

/** A cursor built from its parts: open ids sorted, deduplicated and limited to [.., xmax); xmin derived. */
export function cursorOf(xmax: number, open: Iterable<number>): PullCursor {
  const ids = [...new Set(open)].filter((t) => t < xmax).sort((a, b) => a - b);
  return { xmin: ids.length > 0 ? ids[0]! : xmax, xmax, open: ids };
}

export function formatCursor(c: PullCursor): string {
  return `${c.xmin}:${c.xmax}:${c.open.join(",")}`;
}

/** Whether the cursor has seen transaction `t`. */
export function sees(c: PullCursor, t: number): boolean {
  return t < c.xmin || (t < c.xmax && !c.open.includes(t));
}

/** Whether cursor `a` has seen every transaction `b` has (a cursor never goes back). */
export function covers(a: PullCursor, b: PullCursor): boolean {
  if (a.xmax < b.xmax) return false;
  // ids b has seen in [a.xmin, b.xmax) must not be open in a
  return a.open.every((t) => t >= b.xmax || !sees(b, t));
}

/**
 * The first transaction id the cursor has not seen, open ones aside: a phone is up to date with every transaction
 * committed before id `u` once `horizon(cursor) ≥ u` (tests and benches wait for that).
 */
export function horizon(c: PullCursor): number {
  return c.xmax;
}

/**
 * The cursor after a pull under snapshot `s` that delivered every unseen row with a transaction id ≤ `upTo`
 * (null: every unseen row visible in `s`). Ids it had open stay open while `s` has them open or they lie above
 * `upTo`; ids between the old horizon and the new one stay open when `s` had them open.
 */
export function advance(c: PullCursor, s: PullCursor, upTo: number | null): PullCursor {
  const limit = upTo === null ? s.xmax : Math.min(upTo + 1, s.xmax);
  const xmax = Math.max(c.xmax, limit);
  const open = new Set<number>();
  for (const t of c.open) if (t >= limit || s.open.includes(t)) open.add(t);
  for (const t of s.open) if (t >= c.xmax && t < xmax) open.add(t);
  return cursorOf(xmax, open);
}
