/**
 * Calibration and the permit-to-use (准用证): every two years at the city metrology station. Only an instrument
 * whose last calibration passed and is not past due carries a valid permit; only such an instrument may be lent
 * or used. The due day is the last valid day: the permit lapses the day after.
 */
import { addDays, addMonths, daysBetween, type TIsoDate } from "@/domain/time/calendar";
import { CALIBRATION_INTERVAL_MONTHS } from "./status";

export const CALIBRATION_RESULTS = ["passed", "failed"] as const;
export type TCalibrationResult = (typeof CALIBRATION_RESULTS)[number];

/** The amber window: this many days before the due day (inclusive) the calibration is "due soon". */
export const CALIBRATION_AMBER_DAYS = 30;

export const CALIBRATION_STATES = ["valid", "due_soon", "overdue", "failed", "never"] as const;
export type TCalibrationState = (typeof CALIBRATION_STATES)[number];

export interface TCalibrationFacts {
  calibratedOn: TIsoDate | null;
  calibrationDue: TIsoDate | null;
  calibrationResult: TCalibrationResult | null;
}

/** Next due day: calibrated + 24 months, clamped to the month's end (2024-02-29 → 2026-02-28). */
export function nextCalibrationDue(calibratedOn: TIsoDate): TIsoDate {
  return addMonths(calibratedOn, CALIBRATION_INTERVAL_MONTHS);
}

export function calibrationState(facts: TCalibrationFacts, today: TIsoDate): TCalibrationState {
  if (!facts.calibrationResult || !facts.calibrationDue) return "never";
  if (facts.calibrationResult === "failed") return "failed";
  const left = daysBetween(today, facts.calibrationDue);
  if (left < 0) return "overdue";
  if (left <= CALIBRATION_AMBER_DAYS) return "due_soon";
  return "valid";
}

/**
 * The rows in a calibration state on `today`, as a condition on the stored columns (the register filters and pages
 * by it in the database, issue 18): a result (null: none recorded or no due day) and an inclusive range of due days.
 * calibrationMatches is its meaning; the server writes the same condition in SQL.
 */
export type TCalibrationCondition = { never: true } | { never: false; result: TCalibrationResult; dueFrom: TIsoDate | null; dueTo: TIsoDate | null };

export function calibrationCondition(state: TCalibrationState, today: TIsoDate): TCalibrationCondition {
  const amberEnd = addDays(today, CALIBRATION_AMBER_DAYS);
  switch (state) {
    case "never":
      return { never: true };
    case "failed":
      return { never: false, result: "failed", dueFrom: null, dueTo: null };
    case "overdue":
      return { never: false, result: "passed", dueFrom: null, dueTo: addDays(today, -1) };
    case "due_soon":
      return { never: false, result: "passed", dueFrom: today, dueTo: amberEnd };
    case "valid":
      return { never: false, result: "passed", dueFrom: addDays(amberEnd, 1), dueTo: null };
  }
}

export function calibrationMatches(c: TCalibrationCondition, facts: TCalibrationFacts): boolean {
  const none = !facts.calibrationResult || !facts.calibrationDue;
  if (c.never) return none;
  if (none || facts.calibrationResult !== c.result) return false;
  const due = facts.calibrationDue!;
  return (c.dueFrom === null || due >= c.dueFrom) && (c.dueTo === null || due <= c.dueTo);
}

export function permitValidFor(state: TCalibrationState): boolean {
  return state === "valid" || state === "due_soon";
}

/** The permit-to-use on `today`: last calibration passed and not past its due day. */
export function permitValid(facts: TCalibrationFacts, today: TIsoDate): boolean {
  return permitValidFor(calibrationState(facts, today));
}

export interface TCalibrationRecord {
  calibratedOn: TIsoDate;
  result: TCalibrationResult;
}

/**
 * The instrument's calibration columns after recording `record`. A certificate older than the one already
 * recorded is kept in the history but does not replace the newer state; on the same day the new record wins
 * (a re-test). A failed calibration removes the permit until a passed one is recorded.
 */
export function applyCalibration(current: TCalibrationFacts, record: TCalibrationRecord): TCalibrationFacts {
  if (current.calibratedOn && record.calibratedOn < current.calibratedOn) return current;
  return {
    calibratedOn: record.calibratedOn,
    calibrationDue: nextCalibrationDue(record.calibratedOn),
    calibrationResult: record.result,
  };
}

export type TCalibrationCheck = { ok: true } | { ok: false; code: "date_in_future" | "before_intake" };

/** A calibration can be recorded for a day up to today, not before the instrument existed in the register. */
export function checkCalibrationRecord(opts: { calibratedOn: TIsoDate; today: TIsoDate; intakeDate: TIsoDate }): TCalibrationCheck {
  if (opts.calibratedOn > opts.today) return { ok: false, code: "date_in_future" };
  // A certificate may predate intake (bought calibrated), but not by more than one interval.
  if (nextCalibrationDue(opts.calibratedOn) < opts.intakeDate) return { ok: false, code: "before_intake" };
  return { ok: true };
}

/** The state on `asOf` from the calibrations recorded (any order): the latest one on or before that day counts. */
export function calibrationStateOn(records: readonly TCalibrationRecord[], asOf: TIsoDate): TCalibrationState {
  let facts: TCalibrationFacts = { calibratedOn: null, calibrationDue: null, calibrationResult: null };
  for (const r of [...records].sort((a, b) => (a.calibratedOn < b.calibratedOn ? -1 : a.calibratedOn > b.calibratedOn ? 1 : 0))) {
    if (r.calibratedOn <= asOf) facts = applyCalibration(facts, r);
  }
  return calibrationState(facts, asOf);
}

export interface TAnnualCalibrationStatus<R extends TCalibrationRecord> {
  year: number;
  /** The day the state is taken: the year's last day, or today for the running year. */
  asOf: TIsoDate;
  /** Calibrations made in the year. */
  inYear: R[];
  /** The due day that falls in the year (from the calibration valid at the year's start), if any. */
  dueInYear: TIsoDate | null;
  /** A due day falls in the year and no passed calibration was recorded in the year: the calibration is owed. */
  owed: boolean;
  state: TCalibrationState;
}

/** One row of the annual calibration status register (《仪器、仪表年计量状况登记表》). */
export function annualCalibrationStatus<R extends TCalibrationRecord>(records: readonly R[], year: number, today: TIsoDate): TAnnualCalibrationStatus<R> {
  const first = `${String(year).padStart(4, "0")}-01-01`;
  const last = `${String(year).padStart(4, "0")}-12-31`;
  const asOf = today < last ? (today < first ? first : today) : last;
  const inYear = records.filter((r) => r.calibratedOn >= first && r.calibratedOn <= last).sort((a, b) => (a.calibratedOn < b.calibratedOn ? -1 : 1));
  const before = records
    .filter((r) => r.calibratedOn < first)
    .sort((a, b) => (a.calibratedOn < b.calibratedOn ? -1 : 1))
    .at(-1);
  const dueFromBefore = before ? nextCalibrationDue(before.calibratedOn) : null;
  const dueInYear = dueFromBefore && dueFromBefore >= first && dueFromBefore <= last ? dueFromBefore : null;
  const passedInYear = inYear.some((r) => r.result === "passed");
  return { year, asOf, inYear, dueInYear, owed: dueInYear !== null && !passedInYear, state: calibrationStateOn(records, asOf) };
}
