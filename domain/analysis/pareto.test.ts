import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { checkSheet, pareto, paretoOfCounts, tallyMarks } from "./pareto";

describe("paretoOfCounts", () => {
  test("largest first, shares, cumulative shares, the vital few up to the bar that reaches 80 %", () => {
    expect(paretoOfCounts({ noise: 5, no_dial_tone: 50, billing: 30, slow_repair: 15 })).toEqual([
      { key: "no_dial_tone", count: 50, sharePct: 50, cumulativePct: 50, vital: true },
      { key: "billing", count: 30, sharePct: 30, cumulativePct: 80, vital: true },
      { key: "slow_repair", count: 15, sharePct: 15, cumulativePct: 95, vital: false },
      { key: "noise", count: 5, sharePct: 5, cumulativePct: 100, vital: false },
    ]);
  });
  test("the bar that crosses 80 % is vital, the next is not", () => {
    const r = paretoOfCounts({ a: 60, b: 25, c: 10, d: 5 });
    expect(r.map((x) => [x.key, x.cumulativePct, x.vital])).toEqual([
      ["a", 60, true],
      ["b", 85, true],
      ["c", 95, false],
      ["d", 100, false],
    ]);
  });
  test("one bar over 80 % alone is the vital few", () => {
    expect(paretoOfCounts({ a: 9, b: 1 }).map((x) => x.vital)).toEqual([true, false]);
  });
  test("ties by key; a Map and a record give the same", () => {
    const m = new Map([
      ["z", 2],
      ["b", 2],
      ["a", 2],
      ["y", 3],
    ]);
    expect(paretoOfCounts(m).map((r) => r.key)).toEqual(["y", "a", "b", "z"]);
    expect(paretoOfCounts(Object.fromEntries(m))).toEqual(paretoOfCounts(m));
  });
  test("thirds: 33.3, 66.7 and 100 exactly; all three vital", () => {
    expect(paretoOfCounts({ a: 1, b: 1, c: 1 }).map((r) => [r.sharePct, r.cumulativePct, r.vital])).toEqual([
      [33.3, 33.3, true],
      [33.3, 66.7, true],
      [33.3, 100, true],
    ]);
  });
  test("shares round half away from zero: 201 of 400 is 50.3 %", () => {
    expect(paretoOfCounts({ a: 201, b: 199 }).map((r) => r.sharePct)).toEqual([50.3, 49.8]);
    expect(paretoOfCounts({ a: 1, b: 15 }).map((r) => r.sharePct)).toEqual([93.8, 6.3]);
  });
  test("zero (and negative) counts are dropped; nothing gives no rows", () => {
    expect(paretoOfCounts({ a: 0, b: 4, c: -1 }).map((r) => r.key)).toEqual(["b"]);
    expect(paretoOfCounts({ a: 0 })).toEqual([]);
    expect(paretoOfCounts({})).toEqual([]);
  });
  test("property: counts in order, shares and cumulative consistent, ends at 100, vital is a prefix ending at the first ≥ 80 %", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 500 })), (counts) => {
        const r = paretoOfCounts(counts);
        const positive = Object.values(counts).filter((c) => c > 0);
        expect(r).toHaveLength(positive.length);
        if (r.length === 0) return;
        const total = positive.reduce((a, b) => a + b, 0);
        for (let i = 1; i < r.length; i++) {
          expect(r[i - 1]!.count).toBeGreaterThanOrEqual(r[i]!.count);
          if (r[i - 1]!.count === r[i]!.count) expect(r[i - 1]!.key < r[i]!.key).toBe(true);
          expect(r[i - 1]!.cumulativePct).toBeLessThanOrEqual(r[i]!.cumulativePct);
        }
        expect(r.at(-1)!.cumulativePct).toBe(100);
        let running = 0;
        let firstReach = -1;
        r.forEach((row, i) => {
          running += row.count;
          expect(Math.abs(row.sharePct - (row.count / total) * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
          expect(Math.abs(row.cumulativePct - (running / total) * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
          if (firstReach < 0 && running * 100 >= total * 80) firstReach = i;
        });
        r.forEach((row, i) => expect(row.vital).toBe(i <= firstReach));
      }),
    );
  });
});

describe("pareto", () => {
  test("one key per occurrence", () => {
    expect(pareto(["b", "a", "b", "c", "b", "a"]).map((r) => [r.key, r.count])).toEqual([
      ["b", 3],
      ["a", 2],
      ["c", 1],
    ]);
    expect(pareto([])).toEqual([]);
  });
});

describe("checkSheet", () => {
  test("tallies with row and column totals, in the order given, unknown keys appended by name", () => {
    const records = [
      { row: "noise", col: "mon" },
      { row: "noise", col: "mon" },
      { row: "noise", col: "tue" },
      { row: "billing", col: "sun" },
      { row: "other", col: "mon" },
      { row: "aaa", col: "fri" },
    ];
    const s = checkSheet(records, ["noise", "billing"], ["mon", "tue"]);
    expect(s.rows).toEqual(["noise", "billing", "aaa", "other"]);
    expect(s.cols).toEqual(["mon", "tue", "fri", "sun"]);
    expect(s.cells).toEqual([
      [2, 1, 0, 0],
      [0, 0, 0, 1],
      [0, 0, 1, 0],
      [1, 0, 0, 0],
    ]);
    expect(s.rowTotals).toEqual([3, 1, 1, 1]);
    expect(s.colTotals).toEqual([3, 1, 1, 1]);
    expect(s.total).toBe(6);
  });
  test("rows and columns named in the order stay even when empty", () => {
    const s = checkSheet([], ["a", "b"], ["x"]);
    expect(s).toEqual({ rows: ["a", "b"], cols: ["x"], cells: [[0], [0]], rowTotals: [0, 0], colTotals: [0], total: 0 });
  });
  test("property: the totals agree with each other and with the number of records", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ row: fc.constantFrom("r1", "r2", "r3"), col: fc.constantFrom("c1", "c2", "c3", "c4") })), (records) => {
        const s = checkSheet(records, ["r2"], ["c4", "c1"]);
        expect(s.rowTotals.reduce((a, b) => a + b, 0)).toBe(records.length);
        expect(s.colTotals.reduce((a, b) => a + b, 0)).toBe(records.length);
        expect(s.total).toBe(records.length);
        s.rows.forEach((r, i) => s.cols.forEach((c, j) => expect(s.cells[i]![j]).toBe(records.filter((x) => x.row === r && x.col === c).length)));
      }),
    );
  });
});

describe("tallyMarks", () => {
  test.each([
    [0, ""],
    [1, "一"],
    [2, "丅"],
    [3, "下"],
    [4, "止"],
    [5, "正"],
    [6, "正一"],
    [7, "正丅"],
    [8, "正下"],
    [9, "正止"],
    [10, "正正"],
    [11, "正正一"],
    [12, "正正丅"],
  ])("%d → %s", (n, marks) => expect(tallyMarks(n)).toBe(marks));
  test("one 正 per five", () => {
    for (let n = 0; n < 200; n++) expect(tallyMarks(n).split("正").length - 1).toBe(Math.floor(n / 5));
  });
});
