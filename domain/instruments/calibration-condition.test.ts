import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { addDays, type TIsoDate } from "@/domain/time/calendar";
import {
  CALIBRATION_AMBER_DAYS,
  CALIBRATION_RESULTS,
  CALIBRATION_STATES,
  calibrationCondition,
  calibrationMatches,
  calibrationState,
  type TCalibrationFacts,
} from "./calibration";

const BASE: TIsoDate = "2026-01-01";
const day = fc.integer({ min: -800, max: 800 }).map((n) => addDays(BASE, n));
const facts: fc.Arbitrary<TCalibrationFacts> = fc.record({
  calibratedOn: fc.option(day),
  calibrationDue: fc.option(day),
  calibrationResult: fc.option(fc.constantFrom(...CALIBRATION_RESULTS)),
});

describe("calibrationCondition: the register's state filter as a condition on the stored columns", () => {
  test("property: a row matches exactly the condition of its own state, and no other state's", () => {
    fc.assert(
      fc.property(facts, day, (f, today) => {
        const own = calibrationState(f, today);
        for (const s of CALIBRATION_STATES) expect(calibrationMatches(calibrationCondition(s, today), f), `${s} vs ${own}`).toBe(s === own);
      }),
      { numRuns: 2000 },
    );
  });

  test("the edges: today, the last amber day and the day after it", () => {
    const today: TIsoDate = "2026-12-07";
    const passed = (due: TIsoDate): TCalibrationFacts => ({ calibratedOn: "2024-12-07", calibrationDue: due, calibrationResult: "passed" });
    expect(calibrationMatches(calibrationCondition("overdue", today), passed(addDays(today, -1)))).toBe(true);
    expect(calibrationMatches(calibrationCondition("due_soon", today), passed(today))).toBe(true);
    expect(calibrationMatches(calibrationCondition("due_soon", today), passed(addDays(today, CALIBRATION_AMBER_DAYS)))).toBe(true);
    expect(calibrationMatches(calibrationCondition("valid", today), passed(addDays(today, CALIBRATION_AMBER_DAYS + 1)))).toBe(true);
    expect(calibrationCondition("valid", today)).toEqual({ never: false, result: "passed", dueFrom: "2027-01-07", dueTo: null });
    expect(calibrationMatches(calibrationCondition("never", today), { calibratedOn: null, calibrationDue: "2027-01-01", calibrationResult: null })).toBe(true);
    expect(calibrationMatches(calibrationCondition("failed", today), { calibratedOn: "2026-01-01", calibrationDue: null, calibrationResult: "failed" })).toBe(
      false,
    );
  });
});
