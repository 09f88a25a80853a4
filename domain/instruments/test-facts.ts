/** Facts for the unit tests of the instrument rules (not used by the app). */
import { nextCalibrationDue } from "./calibration";
import type { TActor, TInstrumentFacts } from "./rules";

export const TODAY = "2026-03-10";

export function instrument(over: Partial<TInstrumentFacts> = {}): TInstrumentFacts {
  const calibratedOn = over.calibratedOn ?? "2025-06-01";
  return {
    id: "i-1",
    status: "available",
    category: "public",
    department: "technology_development",
    kind: "otdr",
    keeperId: "custodian-1",
    holderId: null,
    loanId: null,
    loanTerm: null,
    loanDueOn: null,
    faultOpen: false,
    scrapPending: false,
    intakeDate: "2021-03-15",
    serviceLifeYears: 8,
    calibratedOn,
    calibrationDue: calibratedOn ? nextCalibrationDue(calibratedOn) : null,
    calibrationResult: "passed",
    ...over,
  };
}

export const lineman: TActor = { id: "u-lineman", role: "lineman", department: "terminal_service", active: true };
export const lineman2: TActor = { id: "u-lineman2", role: "lineman", department: "terminal_service", active: true };
export const opsUser: TActor = { id: "u-ops", role: "operations", department: "operations", active: true };
export const custodian: TActor = { id: "custodian-1", role: "instrument_custodian", department: "technology_development", active: true };
export const head: TActor = { id: "u-head", role: "department_head", department: "terminal_service", active: true };
export const techHead: TActor = { id: "u-techhead", role: "department_head", department: "technology_development", active: true };
export const keeper: TActor = { id: "u-keeper", role: "warehouse_keeper", department: "finance", active: true };

/** An instrument on loan to `holder`. */
export function onLoan(holder: TActor, over: Partial<TInstrumentFacts> = {}): TInstrumentFacts {
  return instrument({ status: "on_loan", holderId: holder.id, loanId: "loan-1", loanTerm: "short", loanDueOn: "2026-04-10", ...over });
}
