import { describe, expect, test } from "vitest";
import {
  annualCalibrationStatus,
  applyCalibration,
  calibrationState,
  calibrationStateOn,
  checkCalibrationRecord,
  nextCalibrationDue,
  permitValid,
  CALIBRATION_AMBER_DAYS,
} from "./calibration";
import { addDays } from "@/domain/time/calendar";

const passed = (calibratedOn: string) => ({ calibratedOn, calibrationDue: nextCalibrationDue(calibratedOn), calibrationResult: "passed" as const });

describe("next due: calibrated + 24 months", () => {
  test("plain, month end and leap day", () => {
    expect(nextCalibrationDue("2024-03-15")).toBe("2026-03-15");
    expect(nextCalibrationDue("2024-02-29")).toBe("2026-02-28");
    expect(nextCalibrationDue("2026-02-28")).toBe("2028-02-28");
    expect(nextCalibrationDue("2023-12-31")).toBe("2025-12-31");
    expect(nextCalibrationDue("2026-01-31")).toBe("2028-01-31");
  });
});

describe("calibration state and the permit-to-use", () => {
  const facts = passed("2024-03-15"); // due 2026-03-15

  test("valid until the amber window, due soon inside it, overdue from the day after the due day", () => {
    expect(CALIBRATION_AMBER_DAYS).toBe(30);
    expect(calibrationState(facts, "2026-02-12")).toBe("valid"); // 31 days left
    expect(calibrationState(facts, "2026-02-13")).toBe("due_soon"); // 30 days left
    expect(calibrationState(facts, "2026-03-15")).toBe("due_soon"); // the due day is the last valid day
    expect(calibrationState(facts, "2026-03-16")).toBe("overdue");
    expect(permitValid(facts, "2026-03-15")).toBe(true);
    expect(permitValid(facts, "2026-03-16")).toBe(false);
  });

  test("a leap-day calibration lapses after Feb 28 two years on", () => {
    const leap = passed("2024-02-29");
    expect(permitValid(leap, "2026-02-28")).toBe(true);
    expect(permitValid(leap, "2026-03-01")).toBe(false);
    expect(calibrationState(leap, addDays("2026-02-28", -CALIBRATION_AMBER_DAYS))).toBe("due_soon");
    expect(calibrationState(leap, addDays("2026-02-28", -CALIBRATION_AMBER_DAYS - 1))).toBe("valid");
  });

  test("a failed calibration removes the permit whatever the date; none recorded gives none", () => {
    const failed = { ...passed("2025-06-01"), calibrationResult: "failed" as const };
    expect(calibrationState(failed, "2025-06-02")).toBe("failed");
    expect(permitValid(failed, "2025-06-02")).toBe(false);
    expect(calibrationState({ calibratedOn: null, calibrationDue: null, calibrationResult: null }, "2025-06-02")).toBe("never");
    expect(calibrationState({ calibratedOn: "2025-01-01", calibrationDue: null, calibrationResult: "passed" }, "2025-06-02")).toBe("never");
    expect(permitValid({ calibratedOn: null, calibrationDue: null, calibrationResult: null }, "2025-06-02")).toBe(false);
  });
});

describe("recording calibrations", () => {
  test("a newer calibration replaces the state; a failed one removes the permit; a passed one restores it", () => {
    let facts = applyCalibration({ calibratedOn: null, calibrationDue: null, calibrationResult: null }, { calibratedOn: "2024-01-10", result: "passed" });
    expect(facts).toEqual({ calibratedOn: "2024-01-10", calibrationDue: "2026-01-10", calibrationResult: "passed" });
    facts = applyCalibration(facts, { calibratedOn: "2025-01-10", result: "failed" });
    expect(permitValid(facts, "2025-01-11")).toBe(false);
    facts = applyCalibration(facts, { calibratedOn: "2025-02-01", result: "passed" });
    expect(facts.calibrationDue).toBe("2027-02-01");
    expect(permitValid(facts, "2025-02-02")).toBe(true);
  });

  test("an older certificate entered late does not replace the newer state; a same-day re-test does", () => {
    const current = passed("2025-05-01");
    expect(applyCalibration(current, { calibratedOn: "2023-05-01", result: "failed" })).toBe(current);
    expect(applyCalibration(current, { calibratedOn: "2025-05-01", result: "failed" }).calibrationResult).toBe("failed");
  });

  test("no calibration dated in the future, nor one that had expired before intake", () => {
    expect(checkCalibrationRecord({ calibratedOn: "2025-06-02", today: "2025-06-01", intakeDate: "2020-01-01" })).toEqual({
      ok: false,
      code: "date_in_future",
    });
    expect(checkCalibrationRecord({ calibratedOn: "2025-06-01", today: "2025-06-01", intakeDate: "2020-01-01" })).toEqual({ ok: true });
    expect(checkCalibrationRecord({ calibratedOn: "2017-12-31", today: "2025-06-01", intakeDate: "2020-01-01" })).toEqual({ ok: false, code: "before_intake" });
    expect(checkCalibrationRecord({ calibratedOn: "2019-06-01", today: "2025-06-01", intakeDate: "2020-01-01" })).toEqual({ ok: true });
  });

  test("the state on a past day uses only calibrations made by then", () => {
    const records = [
      { calibratedOn: "2025-03-01", result: "failed" as const },
      { calibratedOn: "2022-03-01", result: "passed" as const },
      { calibratedOn: "2025-03-20", result: "passed" as const },
    ];
    expect(calibrationStateOn(records, "2022-02-28")).toBe("never");
    expect(calibrationStateOn(records, "2023-06-01")).toBe("valid");
    expect(calibrationStateOn(records, "2024-02-15")).toBe("due_soon");
    expect(calibrationStateOn(records, "2024-03-02")).toBe("overdue");
    expect(calibrationStateOn(records, "2025-03-10")).toBe("failed");
    expect(calibrationStateOn(records, "2025-03-20")).toBe("valid");
  });
});

describe("annual calibration status register", () => {
  const records = [
    { calibratedOn: "2022-04-10", result: "passed" as const, certificateNo: "A" },
    { calibratedOn: "2024-04-01", result: "passed" as const, certificateNo: "B" },
  ];

  test("a year with its due day met by a passed calibration in time", () => {
    const y = annualCalibrationStatus(records, 2024, "2026-01-05");
    expect(y.asOf).toBe("2024-12-31");
    expect(y.dueInYear).toBe("2024-04-10");
    expect(y.inYear.map((r) => r.certificateNo)).toEqual(["B"]);
    expect(y.owed).toBe(false);
    expect(y.state).toBe("valid");
  });

  test("the due year after, not yet calibrated: owed; the running year is taken as of today", () => {
    const y = annualCalibrationStatus(records, 2026, "2026-04-02");
    expect(y.asOf).toBe("2026-04-02");
    expect(y.dueInYear).toBe("2026-04-01");
    expect(y.owed).toBe(true);
    expect(y.state).toBe("overdue");
    const y2 = annualCalibrationStatus(records, 2025, "2026-04-02");
    expect(y2.dueInYear).toBeNull();
    expect(y2.owed).toBe(false);
    expect(y2.inYear).toEqual([]);
  });

  test("a failed calibration in the year does not discharge the due day", () => {
    const y = annualCalibrationStatus([...records, { calibratedOn: "2026-03-01", result: "failed" as const, certificateNo: "C" }], 2026, "2026-12-31");
    expect(y.owed).toBe(true);
    expect(y.state).toBe("failed");
  });

  test("a future year is taken as of its first day", () => {
    expect(annualCalibrationStatus(records, 2030, "2026-01-01").asOf).toBe("2030-01-01");
  });
});
