/**
 * Shared shapes of the instrument rules: the facts a rule reads (the register row a phone also holds offline),
 * the person acting, and the refusal codes. A refusal's code is a rule code (domain/rules/codes.ts) with one message,
 * `rules.<code>`: offline it travels as a sync rejection, online as `rule_violation` with `{ rule: code }`.
 */
import type { TDepartment, TRole } from "@/domain/auth/roles";
import type { TRuleCode } from "@/domain/rules/codes";
import type { TCalibrationFacts } from "./calibration";
import { addYears, type TIsoDate } from "@/domain/time/calendar";
import type { TLoanTerm } from "./names";
import type { TInstrumentCategory, TInstrumentStatus } from "./status";

/** The codes an instrument rule refuses with: the one list of rule codes (domain/rules/codes.ts). */
export type TInstrumentRule = TRuleCode;

/** A rule's refusal: its code and what the words need. */
export type TRefusal = { ok: false; code: TInstrumentRule; details?: Record<string, unknown> };
export type TRuleResult<T = object> = ({ ok: true } & T) | TRefusal;

export const ok = <T extends object>(value?: T): { ok: true } & T => ({ ok: true, ...(value ?? ({} as T)) });
export const refuse = (code: TInstrumentRule, details?: Record<string, unknown>): TRefusal => ({ ok: false, code, ...(details ? { details } : {}) });

/** The person acting or named (borrower, receiver, approver). */
export interface TActor {
  id: string;
  role: TRole;
  department: TDepartment;
  active?: boolean;
}

/** What the rules read of an instrument: the register row (the phone holds the same offline). */
export interface TInstrumentFacts extends TCalibrationFacts {
  id: string;
  status: TInstrumentStatus;
  category: TInstrumentCategory;
  department: TDepartment;
  kind: string;
  keeperId: string | null;
  holderId: string | null;
  loanId: string | null;
  loanTerm: TLoanTerm | null;
  loanDueOn: TIsoDate | null;
  faultOpen: boolean;
  scrapPending: boolean;
  intakeDate: TIsoDate;
  serviceLifeYears: number;
}

/** The day the service life ends (intake + life years, clamped like every month step). */
export function endOfLifeOn(i: Pick<TInstrumentFacts, "intakeDate" | "serviceLifeYears">): TIsoDate {
  return addYears(i.intakeDate, i.serviceLifeYears);
}

export function beyondServiceLife(i: Pick<TInstrumentFacts, "intakeDate" | "serviceLifeYears">, today: TIsoDate): boolean {
  return today >= endOfLifeOn(i);
}

/** Normalised kind: trimmed, lower-case, inner spaces collapsed ("OTDR  Meter " → "otdr meter"). */
export function normalizeKind(kind: string): string {
  return kind.trim().toLowerCase().replace(/\s+/g, " ");
}

/** `damaged` and `faulty` need a note saying what is wrong. */
export function conditionNeedsNote(condition: string, note: string): boolean {
  return condition !== "good" && note.trim().length === 0;
}

/** The rule facts of any row that carries them (a database row on the server, a cached row on the phone). */
export function instrumentFacts(row: TInstrumentFacts): TInstrumentFacts {
  return {
    id: row.id,
    status: row.status,
    category: row.category,
    department: row.department,
    kind: row.kind,
    keeperId: row.keeperId,
    holderId: row.holderId,
    loanId: row.loanId,
    loanTerm: row.loanTerm,
    loanDueOn: row.loanDueOn,
    faultOpen: row.faultOpen,
    scrapPending: row.scrapPending,
    intakeDate: row.intakeDate,
    serviceLifeYears: row.serviceLifeYears,
    calibratedOn: row.calibratedOn,
    calibrationDue: row.calibrationDue,
    calibrationResult: row.calibrationResult,
  };
}
