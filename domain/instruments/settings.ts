/**
 * Settings of the custodian's department (Technology Development, ADR 0040). Procedure 4 sets no term for a long-term
 * loan, so the term is the department's choice: `longLoanMonths` null means none (the default). Scrapping is
 * approved by "the leaders concerned" (有关领导): the department names one, `scrapApproverId` (a department head or the
 * general manager); with nobody named the head of the instrument's department decides (the behaviour before issue 16).
 */
import type { TDepartment, TRole } from "@/domain/auth/roles";
import { addMonths, type TIsoDate } from "@/domain/time/calendar";
import { isApprover, isCustodian, isScrapApproverRole } from "./roles";
import { ok, refuse, type TRuleResult } from "./rules";

/** The department that keeps the register and whose settings apply (the custodian's). */
export const CUSTODIAN_DEPARTMENT: TDepartment = "technology_development";

/** The longest long-term term the settings accept (ten years). */
export const MAX_LONG_LOAN_MONTHS = 120;

export interface TInstrumentSettings {
  department: TDepartment;
  /** Months a long-term loan runs from its issue; null = no term (the procedure sets none). */
  longLoanMonths: number | null;
  /** The leader who approves scrapping; null = the head of the instrument's department. */
  scrapApproverId: string | null;
}

/** No term, nobody named: what applies until the department saves its settings. */
export const DEFAULT_SETTINGS: TInstrumentSettings = { department: CUSTODIAN_DEPARTMENT, longLoanMonths: null, scrapApproverId: null };

/** A long-term loan's due day from its issue day, or null when the settings set no term. */
export function longLoanDue(issuedOn: TIsoDate, longLoanMonths: number | null): TIsoDate | null {
  return longLoanMonths === null ? null : addMonths(issuedOn, longLoanMonths);
}

/** The custodian, the head of the custodian's department, and admins keep the settings. */
export function mayEditSettings(user: { role: TRole; department: TDepartment }): boolean {
  return isCustodian(user.role) || user.role === "admin" || (isApprover(user.role) && user.department === CUSTODIAN_DEPARTMENT);
}

/**
 * Who may be named to approve scrapping: an active department head or the active general manager (each decides on
 * their home screen). Also whether a leader named earlier still may: one disabled or given another job may not.
 */
export function mayApproveScrapping(person: { role: TRole; active?: boolean }): boolean {
  return isScrapApproverRole(person.role) && person.active !== false;
}

/** The leader a settings change names must be one who may approve scrapping (`person` null: no such user). */
export function checkScrapApprover(person: { role: TRole; active?: boolean } | null): TRuleResult {
  return person && mayApproveScrapping(person) ? ok() : refuse("scrap_approver_invalid");
}
