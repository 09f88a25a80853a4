import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { TCalibrationFacts } from "@/domain/instruments/calibration";
import { INSTRUMENT_STATUSES } from "@/domain/instruments/status";
import { addDays, daysInMonth, formatIsoDate } from "@/domain/time/calendar";
import { BILLING_STATUSES, DEFAULT_BILLING_THRESHOLD_PCT, billingAccuracy, billingDueOn, billingVerdict, isOverdue, instrumentUsable, monthOf } from "./model";
import { ZMonth } from "./schemas";

/** Exact per cent rounded down to hundredths, by integers. */
const exactPct = (right: number, placed: number) => Number((BigInt(right) * 10000n) / BigInt(placed)) / 100;

describe("billingAccuracy", () => {
  test.each([
    [1000, 1000, 0, 100],
    [1000, 999, 1, 99.9],
    [1000, 998, 2, 99.8],
    [1000, 0, 1000, 0],
    [100_000, 99_995, 5, 99.99],
    [100_000, 99_999, 1, 99.99],
    [3, 2, 1, 66.66],
    [3, 1, 2, 33.33],
    [7, 6, 1, 85.71],
  ])("%i placed, %i billed right → %i errors, %d %%", (callsPlaced, billedCorrectly, errors, accuracyPct) => {
    expect(billingAccuracy({ callsPlaced, billedCorrectly })).toEqual({ errors, accuracyPct });
  });

  test("exact hundredths are not lost to floating point (57/100 is 57 %, not 56.99 %)", () => {
    expect(billingAccuracy({ callsPlaced: 100, billedCorrectly: 57 }).accuracyPct).toBe(57);
    expect(billingAccuracy({ callsPlaced: 100, billedCorrectly: 69 }).accuracyPct).toBe(69);
    expect(billingAccuracy({ callsPlaced: 125, billedCorrectly: 43 }).accuracyPct).toBe(34.4);
    expect(billingAccuracy({ callsPlaced: 15_000, billedCorrectly: 2973 }).accuracyPct).toBe(19.82);
  });

  test("a month with errors never shows 100 % (rounded down)", () => {
    expect(billingAccuracy({ callsPlaced: 1_000_000, billedCorrectly: 999_999 })).toEqual({ errors: 1, accuracyPct: 99.99 });
  });

  test("no calls placed: no accuracy; more billed right than placed counts as all right", () => {
    expect(billingAccuracy({ callsPlaced: 0, billedCorrectly: 0 })).toEqual({ errors: 0, accuracyPct: 0 });
    expect(billingAccuracy({ callsPlaced: -1, billedCorrectly: 0 })).toEqual({ errors: 0, accuracyPct: 0 });
    expect(billingAccuracy({ callsPlaced: 10, billedCorrectly: 12 })).toEqual({ errors: 0, accuracyPct: 100 });
  });

  test("property: errors = placed − right, accuracy = ⌊right·10000/placed⌋/100 exactly", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }).chain((p) => fc.tuple(fc.constant(p), fc.integer({ min: 0, max: p }))),
        ([callsPlaced, billedCorrectly]) => {
          const r = billingAccuracy({ callsPlaced, billedCorrectly });
          expect(r.errors).toBe(callsPlaced - billedCorrectly);
          expect(r.accuracyPct).toBe(exactPct(billedCorrectly, callsPlaced));
          expect(r.accuracyPct === 100).toBe(r.errors === 0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("billingVerdict", () => {
  const v = (callsPlaced: number, billedCorrectly: number, threshold = DEFAULT_BILLING_THRESHOLD_PCT) =>
    billingVerdict({ callsPlaced, billedCorrectly }, threshold);

  test("the default threshold is 99.9 %", () => {
    expect(DEFAULT_BILLING_THRESHOLD_PCT).toBe(99.9);
  });

  test("no errors passes at any threshold up to 100", () => {
    for (const t of [90, 99.9, 99.99, 100]) expect(v(1000, 1000, t)).toEqual({ passed: true, finding: null, errors: 0, accuracyPct: 100 });
    expect(v(1, 1, 100).passed).toBe(true);
  });

  test("threshold exactly met, but with an error: fails as a billing error (every error is traced)", () => {
    expect(v(1000, 999, 99.9)).toEqual({ passed: false, finding: "billing_error", errors: 1, accuracyPct: 99.9 });
    expect(v(2000, 1999, 99.95)).toEqual({ passed: false, finding: "billing_error", errors: 1, accuracyPct: 99.95 });
  });

  test("just below the threshold: below_threshold", () => {
    expect(v(10_000, 9989, 99.9)).toEqual({ passed: false, finding: "billing_below_threshold", errors: 11, accuracyPct: 99.89 });
    expect(v(1000, 998, 99.9)).toEqual({ passed: false, finding: "billing_below_threshold", errors: 2, accuracyPct: 99.8 });
    // 99.995 % rounds down to 99.99 %: below a 99.995 threshold
    expect(v(20_000, 19_999, 99.995).finding).toBe("billing_below_threshold");
  });

  test("some errors at a high threshold vs zero errors at the same threshold", () => {
    expect(v(1000, 999, 100)).toEqual({ passed: false, finding: "billing_below_threshold", errors: 1, accuracyPct: 99.9 });
    expect(v(1000, 1000, 100).passed).toBe(true);
  });

  test("some errors above a low threshold: still a billing error", () => {
    expect(v(1000, 950, 90)).toEqual({ passed: false, finding: "billing_error", errors: 50, accuracyPct: 95 });
    expect(v(1000, 900, 90)).toEqual({ passed: false, finding: "billing_error", errors: 100, accuracyPct: 90 });
    expect(v(1000, 899, 90).finding).toBe("billing_below_threshold");
  });

  test("the operator's case: 998 of 1000 fails, with a nonconformity to trace", () => {
    const r = v(1000, 998);
    expect(r.passed).toBe(false);
    expect(r.finding).not.toBeNull();
  });

  test("billed > placed is clamped here (the input schema refuses it); nothing placed fails", () => {
    expect(v(10, 12)).toEqual({ passed: true, finding: null, errors: 0, accuracyPct: 100 });
    expect(v(0, 0)).toEqual({ passed: false, finding: "billing_below_threshold", errors: 0, accuracyPct: 0 });
  });

  test("property: passed exactly when no error; the finding tells below-threshold from a mere error", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }).chain((p) => fc.tuple(fc.constant(p), fc.integer({ min: 0, max: p }))),
        fc.double({ min: 90, max: 100, noNaN: true }),
        ([placed, right], t) => {
          const r = v(placed, right, t);
          expect(r.passed).toBe(right === placed);
          expect(r.finding).toBe(right === placed ? null : r.accuracyPct < t ? "billing_below_threshold" : "billing_error");
        },
      ),
    );
  });

  test("statuses", () => {
    expect(BILLING_STATUSES).toEqual(["open", "recorded"]);
  });
});

describe("billingDueOn and monthOf", () => {
  test.each([
    ["2026-01", "2026-01-31"],
    ["2026-02", "2026-02-28"],
    ["2026-03", "2026-03-31"],
    ["2026-04", "2026-04-30"],
    ["2026-05", "2026-05-31"],
    ["2026-06", "2026-06-30"],
    ["2026-07", "2026-07-31"],
    ["2026-08", "2026-08-31"],
    ["2026-09", "2026-09-30"],
    ["2026-10", "2026-10-31"],
    ["2026-11", "2026-11-30"],
    ["2026-12", "2026-12-31"],
    ["2024-02", "2024-02-29"],
    ["2028-02", "2028-02-29"],
    ["2000-02", "2000-02-29"],
    ["2100-02", "2100-02-28"],
    ["2099-12", "2099-12-31"],
  ])("%s is due by %s", (month, due) => {
    expect(billingDueOn(month)).toBe(due);
  });

  test("every month 2000–2099: its last day, in time on it, overdue the next month's first day", () => {
    for (let y = 2000; y <= 2099; y++)
      for (let m = 1; m <= 12; m++) {
        const month = `${y}-${String(m).padStart(2, "0")}`;
        expect(ZMonth.safeParse(month).success).toBe(true);
        const due = billingDueOn(month);
        expect(due).toBe(formatIsoDate(y, m, daysInMonth(y, m)));
        expect(monthOf(due)).toBe(month);
        expect(monthOf(addDays(due, 1))).not.toBe(month);
        expect(isOverdue({ dueOn: due }, due)).toBe(false);
        expect(isOverdue({ dueOn: due }, addDays(due, 1))).toBe(true);
        expect(addDays(due, 1).endsWith("-01")).toBe(true);
      }
  });

  test("monthOf an operator day", () => {
    expect(monthOf("2026-12-31")).toBe("2026-12");
    expect(monthOf("2024-02-29")).toBe("2024-02");
    expect(monthOf("2027-01-01")).toBe("2027-01");
  });
});

describe("instrumentUsable (a valid permit-to-use on the day, in use)", () => {
  const passed: TCalibrationFacts = { calibratedOn: "2024-06-15", calibrationDue: "2026-06-15", calibrationResult: "passed" };
  const failed: TCalibrationFacts = { ...passed, calibrationResult: "failed" };
  const never: TCalibrationFacts = { calibratedOn: null, calibrationDue: null, calibrationResult: null };
  const PERMITS: [string, TCalibrationFacts, string, boolean][] = [
    ["valid", passed, "2026-01-10", true],
    ["due soon (amber)", passed, "2026-06-01", true],
    ["the due day itself", passed, "2026-06-15", true],
    ["the day after the due day (expired)", passed, "2026-06-16", false],
    ["long expired", passed, "2027-01-01", false],
    ["failed", failed, "2026-01-10", false],
    ["never calibrated", never, "2026-01-10", false],
    ["due set, no result", { ...passed, calibrationResult: null }, "2026-01-10", false],
  ];

  test("every status × permit", () => {
    for (const status of INSTRUMENT_STATUSES)
      for (const [name, facts, day, permit] of PERMITS) {
        const inUse = status === "available" || status === "on_loan";
        expect(instrumentUsable({ ...facts, status }, day), `${status}, ${name}`).toBe(inUse && permit);
      }
  });

  test("a leap-day due date: usable on Feb 29, not on Mar 1", () => {
    const leap: TCalibrationFacts = { calibratedOn: "2026-02-28", calibrationDue: "2028-02-29", calibrationResult: "passed" };
    expect(instrumentUsable({ ...leap, status: "available" }, "2028-02-29")).toBe(true);
    expect(instrumentUsable({ ...leap, status: "available" }, "2028-03-01")).toBe(false);
  });

  test("at repair or scrapped: never, even with a valid permit", () => {
    expect(instrumentUsable({ ...passed, status: "at_repair" }, "2026-01-10")).toBe(false);
    expect(instrumentUsable({ ...passed, status: "scrapped" }, "2026-01-10")).toBe(false);
  });
});
