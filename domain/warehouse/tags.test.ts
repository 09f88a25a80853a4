import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { STOCK_TAG_PATTERN } from "@/domain/items/tags";
import {
  LEASE_SIZE,
  LEASE_TOP_UP_BELOW,
  MAX_TAG_NUMBER,
  inLease,
  needsTopUp,
  stockTag,
  stockTagNumber,
  tagInLeases,
  tagsLeft,
  takeTags,
  type TTagLease,
} from "./tags";

describe("stockTag / stockTagNumber", () => {
  test.each([
    [1, "ST-000001"],
    [9, "ST-000009"],
    [1001, "ST-001001"],
    [123_456, "ST-123456"],
    [MAX_TAG_NUMBER, "ST-999999"],
  ])("%i ↔ %s", (n, tag) => {
    expect(stockTag(n)).toBe(tag);
    expect(stockTagNumber(tag)).toBe(n);
  });

  test.each([0, -1, MAX_TAG_NUMBER + 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("%d is not a tag number", (n) => {
    expect(() => stockTag(n)).toThrow(RangeError);
  });

  test.each(["ST-00001", "ST-0000001", "st-000001", "EQ-000001", " ST-000001", "ST-000001 ", "ST-000001\n", "ST 000001", "ST-００００01", "ST-12345a", ""])(
    "%j is not a stock tag",
    (tag) => {
      expect(stockTagNumber(tag)).toBeNull();
      expect(tagInLeases(tag, [{ first: 1, last: MAX_TAG_NUMBER }])).toBe(false);
    },
  );

  test("every number round-trips, and the tag matches the scanner's pattern", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_TAG_NUMBER }), (n) => {
        const tag = stockTag(n);
        expect(tag).toMatch(STOCK_TAG_PATTERN);
        expect(stockTagNumber(tag)).toBe(n);
      }),
    );
  });

  test("tag order is number order (six digits, zero-padded)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_TAG_NUMBER }), fc.integer({ min: 1, max: MAX_TAG_NUMBER }), (a, b) => {
        expect(Math.sign(stockTag(a) < stockTag(b) ? -1 : stockTag(a) > stockTag(b) ? 1 : 0)).toBe(Math.sign(a - b));
      }),
    );
  });
});

describe("leases", () => {
  const A: TTagLease = { first: 1001, last: 1200 };
  const B: TTagLease = { first: 1201, last: 1400 };

  test("inLease and tagInLeases: the block's ends included", () => {
    expect([1000, 1001, 1200, 1201].map((n) => inLease(n, A))).toEqual([false, true, true, false]);
    expect(tagInLeases("ST-001001", [A])).toBe(true);
    expect(tagInLeases("ST-001200", [A])).toBe(true);
    expect(tagInLeases("ST-001201", [A])).toBe(false);
    expect(tagInLeases("ST-001201", [A, B])).toBe(true);
    expect(tagInLeases("ST-001001", [])).toBe(false);
  });

  test("takeTags: the lowest unused numbers, oldest block first, however the blocks are listed", () => {
    expect(takeTags([B, A], new Set(), 3)).toEqual(["ST-001001", "ST-001002", "ST-001003"]);
    expect(takeTags([A], new Set(["ST-001001", "ST-001003"]), 3)).toEqual(["ST-001002", "ST-001004", "ST-001005"]);
    expect(takeTags([A, B], new Set(), 2 * LEASE_SIZE)?.at(-1)).toBe("ST-001400");
    expect(takeTags([A, B], new Set(), 2 * LEASE_SIZE + 1)).toBeNull();
    expect(takeTags([A], new Set(), 0)).toEqual([]);
    expect(takeTags([A], new Set(), -1)).toEqual([]);
    expect(takeTags([], new Set(), 1)).toBeNull();
  });

  test("a block stored twice, or two blocks that overlap, never give a tag twice", () => {
    expect(takeTags([A, A], new Set(), LEASE_SIZE + 1)).toBeNull();
    expect(new Set(takeTags([A, { first: 1100, last: 1300 }], new Set(), 300)).size).toBe(300);
    expect(tagsLeft([A, A], new Set())).toBe(LEASE_SIZE);
    expect(tagsLeft([A, { first: 1100, last: 1300 }], new Set(["ST-001150"]))).toBe(299);
  });

  test("a block reaching past ST-999999 gives only the numbers that are tags", () => {
    const edge = { first: MAX_TAG_NUMBER - 1, last: MAX_TAG_NUMBER + 198 };
    expect(takeTags([edge], new Set(), 2)).toEqual(["ST-999998", "ST-999999"]);
    expect(takeTags([edge], new Set(), 3)).toBeNull();
    expect(tagsLeft([edge], new Set())).toBe(2);
  });

  test("tagsLeft counts the leases' unused numbers; used tags outside them do not count", () => {
    expect(tagsLeft([A], new Set())).toBe(LEASE_SIZE);
    expect(tagsLeft([A, B], new Set(["ST-001001", "ST-001400", "ST-000999", "ST-001401", "EQ-001001"]))).toBe(2 * LEASE_SIZE - 2);
    expect(tagsLeft([], new Set(["ST-001001"]))).toBe(0);
  });

  test(`needsTopUp below ${LEASE_TOP_UP_BELOW} left`, () => {
    const usedFirst = (k: number) => new Set(Array.from({ length: k }, (_, i) => stockTag(A.first + i)));
    expect(tagsLeft([A], usedFirst(LEASE_SIZE - LEASE_TOP_UP_BELOW))).toBe(LEASE_TOP_UP_BELOW);
    expect(needsTopUp([A], usedFirst(LEASE_SIZE - LEASE_TOP_UP_BELOW))).toBe(false);
    expect(needsTopUp([A], usedFirst(LEASE_SIZE - LEASE_TOP_UP_BELOW + 1))).toBe(true);
    expect(needsTopUp([], new Set())).toBe(true);
    expect(needsTopUp([A, B], usedFirst(LEASE_SIZE))).toBe(false);
  });
});

/** Leases as a phone may hold them (blocks of any size, listed in any order, maybe overlapping), and tags it used. */
const arbLease = fc.integer({ min: 1, max: 3000 }).chain((first) => fc.integer({ min: 0, max: 250 }).map((len) => ({ first, last: first + len })));
const arbUsed = fc.array(fc.integer({ min: 1, max: 3300 }), { maxLength: 400 }).map((ns) => new Set(ns.map(stockTag)));

describe("takeTags properties", () => {
  test("never a used tag, never one outside the leases, never twice; null exactly when too few are left", () => {
    fc.assert(
      fc.property(fc.array(arbLease, { maxLength: 6 }), arbUsed, fc.integer({ min: 0, max: 800 }), (leases, used, count) => {
        const left = tagsLeft(leases, used);
        const naive = new Set<number>();
        for (const l of leases) for (let n = l.first; n <= l.last; n++) if (!used.has(stockTag(n))) naive.add(n);
        expect(left).toBe(naive.size);
        const got = takeTags(leases, used, count);
        if (count > left) {
          expect(got).toBeNull();
          return;
        }
        expect(got).not.toBeNull();
        expect(got).toHaveLength(count);
        expect(new Set(got).size).toBe(count);
        for (const tag of got!) {
          expect(used.has(tag)).toBe(false);
          expect(tagInLeases(tag, leases)).toBe(true);
        }
        // the lowest free numbers, in order
        expect(got).toEqual(
          [...naive]
            .sort((a, b) => a - b)
            .slice(0, count)
            .map(stockTag),
        );
        expect(needsTopUp(leases, used)).toBe(left < LEASE_TOP_UP_BELOW);
      }),
    );
  });

  test("taking tags one delivery after another never repeats one, and uses up exactly what was left", () => {
    fc.assert(
      fc.property(fc.array(arbLease, { minLength: 1, maxLength: 4 }), fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 30 }), (leases, deliveries) => {
        const used = new Set<string>();
        const start = tagsLeft(leases, used);
        for (const n of deliveries) {
          const tags = takeTags(leases, used, n);
          if (!tags) {
            expect(tagsLeft(leases, used)).toBeLessThan(n);
            continue;
          }
          for (const t of tags) {
            expect(used.has(t)).toBe(false);
            used.add(t);
          }
        }
        expect(tagsLeft(leases, used)).toBe(start - used.size);
      }),
    );
  });

  test("two phones with disjoint leases never make the same tag", () => {
    const arbDisjoint = fc
      .array(fc.integer({ min: 0, max: 4000 }), { minLength: 2, maxLength: 10 })
      .map((starts) => [...new Set(starts)].sort((a, b) => a - b).map((s) => ({ first: 1 + s * LEASE_SIZE, last: (s + 1) * LEASE_SIZE })));
    fc.assert(
      fc.property(arbDisjoint, fc.integer({ min: 1, max: 10 }), arbUsed, arbUsed, fc.integer({ min: 1, max: 2000 }), (blocks, split, usedA, usedB, count) => {
        const k = Math.min(split, blocks.length - 1);
        const phoneA = blocks.slice(0, k);
        const phoneB = blocks.slice(k);
        const a = takeTags(phoneA, usedA, Math.min(count, tagsLeft(phoneA, usedA))) ?? [];
        const b = takeTags(phoneB, usedB, Math.min(count, tagsLeft(phoneB, usedB))) ?? [];
        const mine = new Set(a);
        expect(b.filter((t) => mine.has(t))).toEqual([]);
      }),
    );
  });
});
