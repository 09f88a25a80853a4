import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { allocate, drawSample, mulberry32, stratifiedSample } from "./sampling";

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, "0")}`);
const shuffle = <T>(list: readonly T[], seed: number): T[] => {
  const out = [...list];
  const next = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

describe("mulberry32", () => {
  test("the same seed gives the same stream, in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
  test("a known first value (the same on every machine)", () => {
    // mulberry32(1): fixed by the algorithm; written here so a change to it is seen
    const first = mulberry32(1)();
    expect(first).toBe(mulberry32(1)());
    expect(first).toBeCloseTo(0.6270739405881613, 15);
  });
  test("different seeds, different streams", () => {
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });
});

describe("drawSample", () => {
  test("size distinct ids from the population, the same for the same seed whatever the input order", () => {
    const pop = ids("c", 200);
    const s = drawSample(pop, 30, mulberry32(7));
    expect(s).toHaveLength(30);
    expect(new Set(s).size).toBe(30);
    for (const id of s) expect(pop).toContain(id);
    expect(drawSample(shuffle(pop, 3), 30, mulberry32(7))).toEqual(s);
    expect(drawSample([...pop].reverse(), 30, mulberry32(7))).toEqual(s);
  });
  test("duplicates in the input count once", () => {
    const s = drawSample(["a", "a", "b", "b", "c"], 5, mulberry32(1));
    expect([...s].sort()).toEqual(["a", "b", "c"]);
  });
  test("never more than the population; zero, negative and fractional sizes", () => {
    expect(drawSample(["a", "b"], 10, mulberry32(1))).toHaveLength(2);
    expect(drawSample(["a", "b"], 0, mulberry32(1))).toEqual([]);
    expect(drawSample(["a", "b"], -3, mulberry32(1))).toEqual([]);
    expect(drawSample(ids("x", 10), 2.9, mulberry32(1))).toHaveLength(2);
    expect(drawSample([], 5, mulberry32(1))).toEqual([]);
  });
  test("a different seed gives a different sample", () => {
    const pop = ids("c", 500);
    expect(drawSample(pop, 20, mulberry32(1))).not.toEqual(drawSample(pop, 20, mulberry32(2)));
  });
  test("roughly uniform: every id is drawn about equally often over many seeds", () => {
    const pop = ids("u", 10);
    const hits = new Map(pop.map((id) => [id, 0]));
    for (let seed = 0; seed < 2000; seed++) for (const id of drawSample(pop, 3, mulberry32(seed))) hits.set(id, hits.get(id)! + 1);
    // expected 600 each; 6 σ ≈ 123
    for (const n of hits.values()) expect(Math.abs(n - 600)).toBeLessThan(130);
  });
});

describe("allocate", () => {
  const by = (r: { category: string; allocated: number }[]) => Object.fromEntries(r.map((s) => [s.category, s.allocated]));

  test("proportional by largest remainder, ties by name", () => {
    // exact 2.5, 1.5, 1 → floors 2, 1, 1; one left: a and b tie at .5, a first
    expect(by(allocate({ b: 3, a: 5, c: 2 }, 5))).toEqual({ a: 3, b: 1, c: 1 });
    // exact 6, 3, 1 → as is
    expect(by(allocate({ key: 10, business: 30, residential: 60 }, 10))).toEqual({ business: 3, key: 1, residential: 6 });
    // exact 3.33, 3.33, 3.33 → one left, to the first name
    expect(by(allocate({ x: 1, y: 1, z: 1 }, 3))).toEqual({ x: 1, y: 1, z: 1 });
    expect(by(allocate({ x: 3, y: 3, z: 3 }, 4))).toEqual({ x: 2, y: 1, z: 1 });
  });
  test("strata in name order, with their populations; empty strata left out", () => {
    expect(allocate({ residential: 60, key: 10, business: 0 }, 7)).toEqual([
      { category: "key", population: 10, allocated: 1 },
      { category: "residential", population: 60, allocated: 6 },
    ]);
  });
  test("at least one per stratum when the size allows it, taken from the largest", () => {
    // exact 0.04 × 3 and 3.88 → 0, 0, 0, 3 → each small one 1 → 6 > 4 → the big one gives back 2
    expect(by(allocate({ a: 1, b: 1, c: 1, d: 97 }, 4))).toEqual({ a: 1, b: 1, c: 1, d: 1 });
    expect(by(allocate({ a: 1, big: 999 }, 2))).toEqual({ a: 1, big: 1 });
  });
  test("a stratum raised to one does not also take a remainder seat", () => {
    // exact 1.56 × 4 and 0.78: floors 1, 1, 1, 1, 0; e raised to 1 (above its share); the 2 left go to a and b
    expect(by(allocate({ a: 4, b: 4, c: 4, d: 4, e: 2 }, 7))).toEqual({ a: 2, b: 2, c: 1, d: 1, e: 1 });
  });
  test("fewer than the strata: no minimum, the largest remainders", () => {
    expect(by(allocate({ a: 1, b: 5, c: 10 }, 2))).toEqual({ a: 0, b: 1, c: 1 });
  });
  test("never above a stratum's population; a size over the total takes everyone", () => {
    expect(by(allocate({ a: 2, b: 3 }, 100))).toEqual({ a: 2, b: 3 });
    expect(by(allocate({ a: 1, b: 100 }, 100))).toEqual({ a: 1, b: 99 });
  });
  test("size 0 and empty frames", () => {
    expect(by(allocate({ a: 3 }, 0))).toEqual({ a: 0 });
    expect(allocate({}, 10)).toEqual([]);
  });

  test("property: sums to the size (or the total), within populations, at least one each when there is room, no stratum past its share's ceiling", () => {
    const pops = fc.dictionary(fc.constantFrom("key", "business", "residential", "gov", "school", "z"), fc.integer({ min: 0, max: 400 }), { minKeys: 1 });
    fc.assert(
      fc.property(pops, fc.integer({ min: 0, max: 1200 }), (p, size) => {
        const r = allocate(p, size);
        const total = Object.values(p).reduce((a, b) => a + b, 0);
        const n = Math.min(size, total);
        expect(r.reduce((t, s) => t + s.allocated, 0)).toBe(n);
        expect(r.map((s) => s.category)).toEqual(
          Object.keys(p)
            .filter((c) => p[c]! > 0)
            .sort(),
        );
        for (const s of r) {
          expect(s.allocated).toBeGreaterThanOrEqual(0);
          expect(s.allocated).toBeLessThanOrEqual(s.population);
          const exact = (n * s.population) / total;
          if (n >= r.length) expect(s.allocated).toBeGreaterThanOrEqual(1);
          expect(s.allocated).toBeLessThanOrEqual(Math.max(n >= r.length ? 1 : 0, Math.ceil(exact)));
        }
        // without the minimum's adjustment it is exactly Hamilton's method: floor or ceiling of each share
        if (r.every((s) => (n * s.population) / total >= 1) || n < r.length)
          for (const s of r) expect(s.allocated - Math.floor((n * s.population) / total)).toBeOneOf([0, 1]);
      }),
      { numRuns: 500 },
    );
  });
});

describe("stratifiedSample", () => {
  const frame = [
    ...ids("k", 12).map((id) => ({ id, category: "key" })),
    ...ids("b", 40).map((id) => ({ id, category: "business" })),
    ...ids("r", 148).map((id) => ({ id, category: "residential" })),
  ];

  test("each stratum's share drawn from that stratum, no duplicates", () => {
    const s = stratifiedSample(frame, 20, 2026);
    expect(s.strata).toEqual([
      { category: "business", population: 40, allocated: 4 },
      { category: "key", population: 12, allocated: 1 },
      { category: "residential", population: 148, allocated: 15 },
    ]);
    expect(s.ids).toHaveLength(20);
    expect(new Set(s.ids).size).toBe(20);
    expect(s.ids.filter((id) => id.startsWith("b"))).toHaveLength(4);
    expect(s.ids.filter((id) => id.startsWith("k"))).toHaveLength(1);
  });
  test("reproducible: same frame, size and seed → the same ids, whatever the frame's order", () => {
    const s = stratifiedSample(frame, 25, 99);
    expect(stratifiedSample(shuffle(frame, 5), 25, 99)).toEqual(s);
    expect(stratifiedSample([...frame].reverse(), 25, 99)).toEqual(s);
  });
  test("a different seed → a different sample of the same allocation", () => {
    const a = stratifiedSample(frame, 25, 1);
    const b = stratifiedSample(frame, 25, 2);
    expect(b.strata).toEqual(a.strata);
    expect(b.ids).not.toEqual(a.ids);
  });
  test("a customer listed twice is one unit", () => {
    const s = stratifiedSample([...frame, ...frame.slice(0, 30)], 200, 3);
    expect(s.ids).toHaveLength(200);
    expect(new Set(s.ids).size).toBe(200);
  });
  test("an empty frame gives nothing", () => {
    expect(stratifiedSample([], 10, 1)).toEqual({ strata: [], ids: [] });
  });
  test("property: distinct ids from the frame, per-stratum counts as allocated, reproducible under shuffling", () => {
    const frameArb = fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 6 }), category: fc.constantFrom("key", "business", "residential") }), {
      selector: (u) => u.id,
      maxLength: 120,
    });
    fc.assert(
      fc.property(frameArb, fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer(), (f, size, seed, shuffleSeed) => {
        const s = stratifiedSample(f, size, seed);
        expect(s.ids).toHaveLength(Math.min(size, f.length));
        expect(new Set(s.ids).size).toBe(s.ids.length);
        const catOf = new Map(f.map((u) => [u.id, u.category]));
        for (const st of s.strata) expect(s.ids.filter((id) => catOf.get(id) === st.category)).toHaveLength(st.allocated);
        expect(stratifiedSample(shuffle(f, shuffleSeed), size, seed)).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });
});
