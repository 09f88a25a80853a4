import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  checkWeights,
  ELEMENT_DEPARTMENT,
  ELEMENT_ITEM,
  elementsOfItem,
  meanWithCi,
  mergeSums,
  respondentIndex,
  round1,
  SATISFACTION_ELEMENTS,
  SATISFACTION_ITEMS,
  satisfactionIndex,
  sumAnswers,
  toScale100,
  type TAnswers,
  type TElementSums,
  type TWeights,
} from "./satisfaction";

const W = (attitude: number, install: number, charging: number, acceptance: number, communication: number): TWeights => ({
  attitude,
  install,
  charging,
  acceptance,
  communication,
});
const EVEN = W(20, 20, 20, 20, 20);
const DEMO = W(20, 25, 15, 20, 20);
const all = (score: number): TAnswers => Object.fromEntries(SATISFACTION_ELEMENTS.map((e) => [e, score]));

describe("the eleven elements", () => {
  test("two, two, two, three and two elements per item; each with an owning department", () => {
    expect(SATISFACTION_ITEMS.map((i) => elementsOfItem(i).length)).toEqual([2, 2, 2, 3, 2]);
    expect(SATISFACTION_ELEMENTS).toHaveLength(11);
    for (const e of SATISFACTION_ELEMENTS) {
      expect(SATISFACTION_ITEMS).toContain(ELEMENT_ITEM[e]);
      expect(ELEMENT_DEPARTMENT[e]).toBeTruthy();
    }
  });
  test("1–5 on the 0–100 scale", () => {
    expect([1, 2, 3, 4, 5].map(toScale100)).toEqual([0, 25, 50, 75, 100]);
  });
});

describe("checkWeights", () => {
  test("sums of exactly 100 in tenths", () => {
    expect(checkWeights(EVEN)).toEqual({ ok: true });
    expect(checkWeights(DEMO)).toEqual({ ok: true });
    expect(checkWeights(W(33.3, 33.3, 33.4, 0, 0))).toEqual({ ok: true });
    expect(checkWeights(W(10.1, 19.9, 30.3, 19.7, 20))).toEqual({ ok: true });
    expect(checkWeights(W(100, 0, 0, 0, 0))).toEqual({ ok: true });
  });
  test("33.3 × 3 is not 100", () => {
    expect(checkWeights(W(33.3, 33.3, 33.3, 0, 0))).toEqual({ ok: false, reason: "weights_sum", sumPct: 99.9 });
  });
  test("a sum off by a tenth either way is refused with the sum", () => {
    expect(checkWeights(W(20, 20, 20, 20, 20.1))).toEqual({ ok: false, reason: "weights_sum", sumPct: 100.1 });
    expect(checkWeights(W(20, 25, 15, 20, 19.9))).toEqual({ ok: false, reason: "weights_sum", sumPct: 99.9 });
    expect(checkWeights(W(0, 0, 0, 0, 0))).toEqual({ ok: false, reason: "weights_sum", sumPct: 0 });
  });
  test("negative, NaN, Infinity and over 100 are out of range", () => {
    expect(checkWeights(W(-10, 30, 30, 30, 20))).toMatchObject({ ok: false, reason: "weights_range" });
    expect(checkWeights(W(Number.NaN, 25, 25, 25, 25))).toMatchObject({ ok: false, reason: "weights_range", sumPct: 100 });
    expect(checkWeights(W(Number.POSITIVE_INFINITY, 0, 0, 0, 0))).toMatchObject({ ok: false, reason: "weights_range" });
    expect(checkWeights(W(120, -20, 0, 0, 0))).toMatchObject({ ok: false, reason: "weights_range" });
    expect(checkWeights(W(100.1, 0, 0, 0, 0))).toMatchObject({ ok: false, reason: "weights_range" });
  });
  test("two decimals are refused, even when the sum is 100", () => {
    expect(checkWeights(W(20.05, 19.95, 20, 20, 20))).toMatchObject({ ok: false, reason: "weights_precision" });
    expect(checkWeights(W(33.33, 33.33, 33.34, 0, 0))).toMatchObject({ ok: false, reason: "weights_precision" });
  });
  test("property: any five tenths summing to 1000 pass; one tenth more fails", () => {
    const fiveTenths = fc
      .array(fc.integer({ min: 0, max: 1000 }), { minLength: 4, maxLength: 4 })
      .filter((a) => a.reduce((s, v) => s + v, 0) <= 1000)
      .map((a) => [...a, 1000 - a.reduce((s, v) => s + v, 0)]);
    fc.assert(
      fc.property(fiveTenths, fc.integer({ min: 0, max: 4 }), (t, k) => {
        const w = W(...(t.map((v) => v / 10) as [number, number, number, number, number]));
        expect(checkWeights(w)).toEqual({ ok: true });
        if (t[k]! < 1000) {
          const more = { ...w, [SATISFACTION_ITEMS[k]!]: (t[k]! + 1) / 10 };
          expect(checkWeights(more)).toEqual({ ok: false, reason: "weights_sum", sumPct: 100.1 });
        }
      }),
    );
  });
});

describe("round1: one decimal, half away from zero", () => {
  test.each([
    [72.25, 72.3],
    [72.24999, 72.2],
    [0.05, 0.1],
    [0.15, 0.2],
    [1.005, 1],
    [2.675, 2.7],
    [99.95, 100],
    [-0.05, -0.1],
    [-72.25, -72.3],
    [0, 0],
    [100, 100],
  ])("%d → %d", (x, r) => expect(round1(x)).toBe(r));
  test("every x.x5 from 0 to 100 rounds up", () => {
    for (let t = 0; t < 1000; t++) expect(round1((t * 10 + 5) / 100)).toBe((t + 1) / 10);
  });
});

describe("sumAnswers and mergeSums", () => {
  test("n and sum per element; null and missing are left out", () => {
    const s = sumAnswers([{ attitude_counter: 5, tariff: null }, { attitude_counter: 3, line_189: 1 }, {}]);
    expect(s).toEqual({ attitude_counter: { n: 2, sum: 8 }, line_189: { n: 1, sum: 1 } });
  });
  test.each([0, 6, 2.5, Number.NaN, -1, Number.POSITIVE_INFINITY])("refuses %d", (v) => {
    expect(() => sumAnswers([{ pay_ease: v }])).toThrow(RangeError);
  });
  const sums: fc.Arbitrary<TElementSums> = fc
    .array(
      fc.record(
        Object.fromEntries(SATISFACTION_ELEMENTS.map((e) => [e, fc.option(fc.integer({ min: 1, max: 5 }))])) as Record<string, fc.Arbitrary<number | null>>,
      ),
    )
    .map((list) => sumAnswers(list as TAnswers[]));
  test("merge is associative and commutative, with {} as identity", () => {
    fc.assert(
      fc.property(sums, sums, sums, (a, b, c) => {
        expect(mergeSums(mergeSums(a, b), c)).toEqual(mergeSums(a, mergeSums(b, c)));
        expect(mergeSums(a, b)).toEqual(mergeSums(b, a));
        expect(mergeSums(a, {})).toEqual(mergeSums(a));
      }),
    );
  });
  test("summing two lists apart and merging equals summing them together", () => {
    const answers = fc.array(fc.record({ tariff: fc.option(fc.integer({ min: 1, max: 5 })), get_through: fc.integer({ min: 1, max: 5 }) }));
    fc.assert(
      fc.property(answers, answers, (a, b) => {
        expect(mergeSums(sumAnswers(a), sumAnswers(b))).toEqual(sumAnswers([...a, ...b]));
      }),
    );
  });
});

describe("satisfactionIndex", () => {
  test("everything answered 5 is 100; everything 1 is 0; whole coverage", () => {
    const r = satisfactionIndex(sumAnswers([all(5)]), DEMO);
    expect(r).toMatchObject({ index: 100, missingItems: [], coveragePct: 100 });
    expect(satisfactionIndex(sumAnswers([all(1)]), DEMO).index).toBe(0);
  });

  test("the index by hand: items are means of their elements, weighted", () => {
    // attitude: counter 4 (75), install 5 (100) → 87.5; install: 3, 3 → 50; charging: 2, 4 → 50;
    // acceptance: 5, 5, 2 → (100+100+25)/3 = 75; communication: 4, 4 → 75.
    const a: TAnswers = {
      attitude_counter: 4,
      attitude_install: 5,
      install_on_time: 3,
      terminal_repair: 3,
      pay_ease: 2,
      tariff: 4,
      counter_acceptance: 5,
      line_189: 5,
      complaint_handling: 2,
      get_through: 4,
      voice_clarity: 4,
    };
    const r = satisfactionIndex(sumAnswers([a]), DEMO);
    expect(r.items.map((i) => [i.item, i.weightPct, i.score])).toEqual([
      ["attitude", 20, 87.5],
      ["install", 25, 50],
      ["charging", 15, 50],
      ["acceptance", 20, 75],
      ["communication", 20, 75],
    ]);
    // (87.5×20 + 50×25 + 50×15 + 75×20 + 75×20) / 100 = 67.5
    expect(r.index).toBe(67.5);
    expect(r.items[3]!.elements.map((e) => [e.element, e.n, e.mean, e.score])).toEqual([
      ["counter_acceptance", 1, 5, 100],
      ["line_189", 1, 5, 100],
      ["complaint_handling", 1, 2, 25],
    ]);
  });

  test("each element counts once in its item, whatever its n", () => {
    // attitude_counter: 10 answers of 5 (100); attitude_install: one 1 (0) → item 50, not 10/11 × 100
    const answers: TAnswers[] = [...Array.from({ length: 10 }, () => ({ attitude_counter: 5 })), { attitude_install: 1 }];
    const r = satisfactionIndex(sumAnswers(answers), EVEN);
    expect(r.items[0]!.score).toBe(50);
    expect(r.index).toBe(50);
  });

  test("a missing element is left out of its item, not counted as zero", () => {
    const r = satisfactionIndex(sumAnswers([{ ...all(5), attitude_counter: null, line_189: undefined }]), EVEN);
    expect(r.index).toBe(100);
    expect(r.missingItems).toEqual([]);
    expect(r.items[0]!.elements[0]).toEqual({ element: "attitude_counter", n: 0, mean: null, score: null });
  });

  test("a whole item missing: the others' weights scaled to 100 %, the item and the coverage said", () => {
    // communication (20 %) unanswered: attitude 100, install 50, charging 0, acceptance 75 → (2000+1250+0+1500)/80
    const a: TAnswers = { ...all(4), attitude_counter: 5, attitude_install: 5, install_on_time: 3, terminal_repair: 3, pay_ease: 1, tariff: 1 };
    delete a.get_through;
    delete a.voice_clarity;
    const r = satisfactionIndex(sumAnswers([a]), DEMO);
    expect(r.missingItems).toEqual(["communication"]);
    expect(r.coveragePct).toBe(80);
    expect(r.items[4]!.score).toBeNull();
    expect(r.index).toBe(round1((100 * 20 + 50 * 25 + 0 * 15 + 75 * 20) / 80));
    expect(r.index).toBe(59.4); // 59.375
  });

  test("two items missing", () => {
    const r = satisfactionIndex(sumAnswers([{ pay_ease: 5, tariff: 5, get_through: 3 }]), DEMO);
    expect(r.missingItems).toEqual(["attitude", "install", "acceptance"]);
    expect(r.coveragePct).toBe(35);
    expect(r.index).toBe(round1((100 * 15 + 50 * 20) / 35)); // 71.428… → 71.4
    expect(r.index).toBe(71.4);
  });

  test("nothing answered: no index, every item missing, no coverage", () => {
    const r = satisfactionIndex({}, DEMO);
    expect(r).toMatchObject({ index: null, missingItems: [...SATISFACTION_ITEMS], coveragePct: 0 });
    expect(respondentIndex({}, DEMO)).toBeNull();
  });

  test("only zero-weight items answered: no index", () => {
    expect(satisfactionIndex(sumAnswers([{ pay_ease: 5 }]), W(25, 25, 0, 25, 25)).index).toBeNull();
  });

  test("rounded once, half away from zero, at a .x5 boundary", () => {
    // attitude elements each 4 answers summing 13 (mean 3.25 → 56.25); the rest 5 → (56.25 + 400) / 5 = 91.25 → 91.3
    const four = [
      { attitude_counter: 4, attitude_install: 4 },
      { attitude_counter: 3, attitude_install: 3 },
      { attitude_counter: 3, attitude_install: 3 },
      { attitude_counter: 3, attitude_install: 3 },
    ];
    const rest = { ...all(5), attitude_counter: null, attitude_install: null };
    const r = satisfactionIndex(sumAnswers([...four, rest]), EVEN);
    expect(r.items[0]!.score).toBe(56.3);
    expect(r.items[0]!.elements[0]!.score).toBe(56.3);
    expect(r.index).toBe(91.3);
    // attitude 56.25 at 60 %, the rest 0 → 33.75 exactly → 33.8
    const r2 = satisfactionIndex(sumAnswers([...four, { ...all(1), attitude_counter: null, attitude_install: null }]), W(60, 10, 10, 10, 10));
    expect(r2.index).toBe(33.8);
  });

  test("property: the index is the weighted mean of the items' unrounded scores, within the weights present", () => {
    const answersArb = fc.array(
      fc.record(
        Object.fromEntries(SATISFACTION_ELEMENTS.map((e) => [e, fc.option(fc.integer({ min: 1, max: 5 }), { freq: 3 })])) as Record<
          string,
          fc.Arbitrary<number | null>
        >,
      ),
      { maxLength: 12 },
    );
    const weightsArb = fc
      .array(fc.integer({ min: 0, max: 1000 }), { minLength: 4, maxLength: 4 })
      .filter((a) => a.reduce((s, v) => s + v, 0) <= 1000)
      .map((a) => W(...([...a, 1000 - a.reduce((s, v) => s + v, 0)].map((t) => t / 10) as [number, number, number, number, number])));
    fc.assert(
      fc.property(answersArb, weightsArb, (list, w) => {
        const answers = list as TAnswers[];
        let num = 0;
        let den = 0;
        const missing: string[] = [];
        for (const item of SATISFACTION_ITEMS) {
          const means = elementsOfItem(item)
            .map((e) => answers.map((a) => a[e]).filter((v): v is number => typeof v === "number"))
            .filter((v) => v.length > 0)
            .map((v) => ((v.reduce((s, x) => s + x, 0) / v.length - 1) / 4) * 100);
          if (means.length === 0) {
            missing.push(item);
            continue;
          }
          num += (means.reduce((s, x) => s + x, 0) / means.length) * w[item];
          den += w[item];
        }
        const r = satisfactionIndex(sumAnswers(answers), w);
        expect(r.missingItems).toEqual(missing);
        expect(r.coveragePct).toBeCloseTo(den, 6);
        if (den === 0) expect(r.index).toBeNull();
        else {
          expect(Math.abs(r.index! - num / den)).toBeLessThanOrEqual(0.05 + 1e-9);
          expect(r.index).toBeGreaterThanOrEqual(0);
          expect(r.index).toBeLessThanOrEqual(100);
        }
      }),
    );
  });

  test("one respondent's index is the index of their answers", () => {
    expect(respondentIndex(all(4), DEMO)).toBe(75);
    expect(respondentIndex({ get_through: 2 }, DEMO)).toBe(25);
  });
});

describe("meanWithCi", () => {
  test("no values: nothing", () => {
    expect(meanWithCi([])).toEqual({ n: 0, mean: null, low: null, high: null });
  });
  test("one value: a mean, no interval", () => {
    expect(meanWithCi([72.25])).toEqual({ n: 1, mean: 72.3, low: null, high: null });
  });
  test("two values by hand: 70 ± 1.96 × √(200 / 2)", () => {
    expect(meanWithCi([60, 80])).toEqual({ n: 2, mean: 70, low: 50.4, high: 89.6 });
  });
  test("the finite-population correction narrows it: √((N − n)/(N − 1))", () => {
    const half = 19.6 * Math.sqrt(2 / 3);
    expect(meanWithCi([60, 80], 4)).toEqual({ n: 2, mean: 70, low: round1(70 - half), high: round1(70 + half) });
    expect(meanWithCi([60, 80], 4)).toMatchObject({ low: 54, high: 86 });
  });
  test("the whole population asked: no sampling error, zero width", () => {
    expect(meanWithCi([60, 80, 100], 3)).toEqual({ n: 3, mean: 80, low: 80, high: 80 });
  });
  test("bounds are clamped to 0–100", () => {
    expect(meanWithCi([0, 100, 0, 100])).toEqual({ n: 4, mean: 50, low: 0, high: 100 });
    expect(meanWithCi([100, 100, 95])).toMatchObject({ high: 100 });
    expect(meanWithCi([0, 0, 5])).toMatchObject({ low: 0 });
  });
  test("property: low ≤ mean ≤ high within 0–100; a larger population never narrows it", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 40 }), fc.integer({ min: 0, max: 500 }), (tenths, extra) => {
        const v = tenths.map((t) => t / 10);
        const r = meanWithCi(v, v.length + extra);
        const inf = meanWithCi(v);
        expect(r.low!).toBeLessThanOrEqual(r.mean!);
        expect(r.high!).toBeGreaterThanOrEqual(r.mean!);
        expect(r.low!).toBeGreaterThanOrEqual(0);
        expect(r.high!).toBeLessThanOrEqual(100);
        expect(inf.high! - inf.low!).toBeGreaterThanOrEqual(r.high! - r.low! - 0.1 - 1e-9);
      }),
    );
  });
});
