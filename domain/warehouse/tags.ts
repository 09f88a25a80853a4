/**
 * Stock tags made on a phone, offline, that never collide (ADR 0035): the server leases each device a block of tag
 * numbers from one sequence while it is online; the phone takes the next unused number of its blocks. Blocks never
 * overlap, so two phones can never make the same tag, and the server re-checks that a new tag lies in a lease and
 * is not on any item (a unique index besides). Printed rolls of blank tags are leases with no device.
 */
import { STOCK_TAG_PATTERN } from "@/domain/items/tags";

/** Numbers per lease: a week's deliveries for one keeper. */
export const LEASE_SIZE = 200;
/** The phone asks for a new block when fewer unused numbers than this are left. */
export const LEASE_TOP_UP_BELOW = 60;
/** Tags are `ST-` and six digits: numbers 1 … 999,999. */
export const MAX_TAG_NUMBER = 999_999;

export interface TTagLease {
  first: number;
  last: number;
}

export function stockTag(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_TAG_NUMBER) throw new RangeError(`not a tag number: ${n}`);
  return `ST-${String(n).padStart(6, "0")}`;
}

/** The number of a stock tag, or null when it is not one. */
export function stockTagNumber(tag: string): number | null {
  return STOCK_TAG_PATTERN.test(tag) ? Number(tag.slice(3)) : null;
}

export function inLease(n: number, lease: TTagLease): boolean {
  return n >= lease.first && n <= lease.last;
}

/** Whether a tag lies in any of these leases. */
export function tagInLeases(tag: string, leases: readonly TTagLease[]): boolean {
  const n = stockTagNumber(tag);
  return n !== null && leases.some((l) => inLease(n, l));
}

/** The numbers the leases hold, each once (a block stored twice, or two blocks that overlap, count once), within 1 … 999,999. */
function leasedRanges(leases: readonly TTagLease[]): TTagLease[] {
  const sorted = leases
    .map((l) => ({ first: Math.max(1, Math.ceil(l.first)), last: Math.min(MAX_TAG_NUMBER, Math.floor(l.last)) }))
    .filter((l) => l.first <= l.last)
    .sort((a, b) => a.first - b.first);
  const out: TTagLease[] = [];
  for (const l of sorted) {
    const prev = out.at(-1);
    if (prev && l.first <= prev.last + 1) prev.last = Math.max(prev.last, l.last);
    else out.push({ ...l });
  }
  return out;
}

/**
 * The next `count` unused tags of the leases, oldest block first, or null when they do not hold that many
 * (the phone then asks for a block when online, or the keeper attaches printed tags by scanning). Never the same
 * tag twice, never a used one, never one outside the leases.
 */
export function takeTags(leases: readonly TTagLease[], used: ReadonlySet<string>, count: number): string[] | null {
  const out: string[] = [];
  if (count <= 0) return out;
  for (const lease of leasedRanges(leases)) {
    for (let n = lease.first; n <= lease.last; n++) {
      const tag = stockTag(n);
      if (used.has(tag)) continue;
      out.push(tag);
      if (out.length === count) return out;
    }
  }
  return null;
}

/** Unused numbers left in the leases. */
export function tagsLeft(leases: readonly TTagLease[], used: ReadonlySet<string>): number {
  const ranges = leasedRanges(leases);
  let left = 0;
  for (const l of ranges) left += l.last - l.first + 1;
  for (const tag of used) {
    const n = stockTagNumber(tag);
    if (n !== null && ranges.some((l) => inLease(n, l))) left--;
  }
  return left;
}

export function needsTopUp(leases: readonly TTagLease[], used: ReadonlySet<string>): boolean {
  return tagsLeft(leases, used) < LEASE_TOP_UP_BELOW;
}
