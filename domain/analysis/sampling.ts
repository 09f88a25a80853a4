/**
 * Reproducible random samples (P5's year-end survey, quality's work-order spot-check): a seeded generator (mulberry32)
 * and a partial Fisher–Yates draw, so the same population, size and seed always give the same sample, on any machine.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` distinct ids drawn without replacement; ids are deduplicated and sorted first, so input order does not matter. */
export function drawSample(ids: readonly string[], size: number, next: () => number): string[] {
  const pool = [...new Set(ids)].sort();
  const n = Math.max(0, Math.min(Math.floor(size), pool.length));
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, n);
}

export interface TStratum {
  category: string;
  population: number;
  allocated: number;
}

/**
 * Proportional allocation of a sample of `size` across strata (largest remainder, ties by category name), at least
 * one per non-empty stratum when the size allows it, never more than a stratum holds.
 */
export function allocate(populations: Readonly<Record<string, number>>, size: number): TStratum[] {
  const cats = Object.keys(populations)
    .filter((c) => populations[c]! > 0)
    .sort();
  const total = cats.reduce((t, c) => t + populations[c]!, 0);
  const n = Math.max(0, Math.min(Math.floor(size), total));
  if (n === 0) return cats.map((category) => ({ category, population: populations[category]!, allocated: 0 }));
  const rows = cats.map((category) => {
    const population = populations[category]!;
    const exact = (n * population) / total;
    return { category, population, allocated: Math.floor(exact), rest: exact - Math.floor(exact) };
  });
  // a stratum with customers gets at least one when there is room for one each; that one is already above its share,
  // so its remainder becomes negative (share − 1) and it takes no remainder seat before the others
  if (n >= rows.length)
    for (const r of rows)
      if (r.allocated === 0) {
        r.allocated = 1;
        r.rest -= 1;
      }
  let left = n - rows.reduce((t, r) => t + r.allocated, 0);
  const byRest = [...rows].sort((a, b) => b.rest - a.rest || (a.category < b.category ? -1 : 1));
  for (let i = 0; left > 0; i = (i + 1) % byRest.length) {
    const r = byRest[i]!;
    if (r.allocated < r.population) {
      r.allocated += 1;
      left -= 1;
    }
  }
  // the "at least one" rule may have overshot: take back from the largest allocations, never below one
  while (left < 0) {
    const r = [...rows].sort((a, b) => b.allocated - a.allocated || (a.category < b.category ? -1 : 1))[0]!;
    r.allocated -= 1;
    left += 1;
  }
  return rows.map(({ category, population, allocated }) => ({ category, population, allocated }));
}

/**
 * A stratified random sample: the frame's units grouped by category, each stratum's share drawn in turn from one stream
 * of the seeded generator (strata in name order), so the sample is the same for the same frame, size and seed.
 */
export function stratifiedSample(frame: readonly { id: string; category: string }[], size: number, seed: number): { strata: TStratum[]; ids: string[] } {
  const byCat = new Map<string, string[]>();
  for (const u of frame) {
    const list = byCat.get(u.category) ?? [];
    list.push(u.id);
    byCat.set(u.category, list);
  }
  const populations = Object.fromEntries([...byCat.entries()].map(([c, ids]) => [c, new Set(ids).size]));
  const strata = allocate(populations, size);
  const next = mulberry32(seed);
  const ids: string[] = [];
  for (const s of strata) ids.push(...drawSample(byCat.get(s.category)!, s.allocated, next));
  return { strata, ids };
}
