import type { TDepartment, TRole } from "@/domain/auth/roles";
import { billingAccuracy } from "@/domain/quality/model";
import { round1 } from "./satisfaction";

/**
 * Quality targets (质量目标, 业务目标管理): each department's indicators and control points for the year. The app
 * computes what its own data holds; the rest the department enters each month (with who and when).
 */
export const INDICATORS = [
  "install_on_time_pct", // 装机及时率: install orders closed by their due time
  "repair_within_limit_pct", // 障碍修复及时率: repair orders closed within the limit
  "complaints_per_1000_lines", // 万/千线投诉率: complaints in the month per 1,000 lines in service (lines entered)
  "key_customer_within_limit_pct", // 重点客户时限内完成率: green-channel complaints answered within the limit
  "label_check_pass_pct", // 标识抽查合格率: label spot-check marks found correct
  "billing_accuracy_pct", // 计费准确率: the exchange's monthly check
  "callback_satisfaction_pct", // 回访满意率: callbacks rated 4 or 5
  "lines_in_service", // 在用线数: entered (the denominator of complaints per 1,000 lines)
  "revenue_10k_yuan", // 业务收入（万元）: entered
] as const;
export type TIndicator = (typeof INDICATORS)[number];

/** Whether the actual must reach the target (≥) or stay under it (≤). */
export type TDirection = "at_least" | "at_most";

export interface TIndicatorDef {
  unit: "pct" | "per_1000" | "count" | "amount";
  direction: TDirection;
  /** "computed": the app has the data; "entered": the department enters the month's figure. */
  source: "computed" | "entered";
  /** The department that usually owns it (the default when quality sets targets). */
  owner: TDepartment;
}

export const INDICATOR_DEFS: Record<TIndicator, TIndicatorDef> = {
  install_on_time_pct: { unit: "pct", direction: "at_least", source: "computed", owner: "terminal_service" },
  repair_within_limit_pct: { unit: "pct", direction: "at_least", source: "computed", owner: "terminal_service" },
  complaints_per_1000_lines: { unit: "per_1000", direction: "at_most", source: "computed", owner: "customer_service" },
  key_customer_within_limit_pct: { unit: "pct", direction: "at_least", source: "computed", owner: "customer_service" },
  label_check_pass_pct: { unit: "pct", direction: "at_least", source: "computed", owner: "enterprise_management" },
  billing_accuracy_pct: { unit: "pct", direction: "at_least", source: "computed", owner: "switching_transmission" },
  callback_satisfaction_pct: { unit: "pct", direction: "at_least", source: "computed", owner: "customer_service" },
  lines_in_service: { unit: "count", direction: "at_least", source: "entered", owner: "operations" },
  revenue_10k_yuan: { unit: "amount", direction: "at_least", source: "entered", owner: "finance" },
};

export interface TTarget {
  target: number;
  /** The control point (控制点): between it and the target is "watch" (amber); past it is missed. Null: no amber band. */
  control: number | null;
  direction: TDirection;
}

export type TTargetStatus = "met" | "watch" | "missed" | "no_data";

/**
 * Target vs actual. at_least: actual ≥ target met; ≥ control (control < target) watch; else missed. at_most mirrors
 * it. A control point on the wrong side of the target is ignored (no amber band).
 */
export function targetStatus(t: TTarget, actual: number | null): TTargetStatus {
  if (actual === null || !Number.isFinite(actual)) return "no_data";
  const up = t.direction === "at_least";
  if (up ? actual >= t.target : actual <= t.target) return "met";
  if (t.control !== null && (up ? t.control < t.target && actual >= t.control : t.control > t.target && actual <= t.control)) return "watch";
  return "missed";
}

/** A control point must lie on the lenient side of the target (below it for at_least, above for at_most). */
export function controlIsValid(t: TTarget): boolean {
  if (t.control === null) return true;
  return t.direction === "at_least" ? t.control < t.target : t.control > t.target;
}

/** A share in per cent, one decimal; null without a denominator. */
export function pct(part: number, whole: number): number | null {
  return whole > 0 ? round1((part / whole) * 100) : null;
}

/** Per 1,000, two decimals; null without a denominator. */
export function per1000(count: number, base: number | null): number | null {
  return base && base > 0 ? Math.round((count / base) * 1000 * 100) / 100 : null;
}

// ── who may do what (the server checks these; the screens only hide what would be refused) ─────────────────────────

/** Who reads the analysis (results, statement, Pareto, reports): quality, the general manager, department heads. */
export const ANALYSIS_READER_ROLES: readonly TRole[] = ["quality", "general_manager", "department_head"];
/** Who works through the survey's call list and enters answers: quality and customer service (回访, 调查). */
export const SURVEY_ROLES: readonly TRole[] = ["quality", "customer_service"];

/**
 * A department's monthly figure is entered by its head, or by quality on its behalf. Lines in service are the
 * denominator of every department's complaints per 1,000 lines: only operations' figure counts, so no other
 * department may enter one (it would set the measure of its own target).
 */
export function mayEnterFigure(user: { role: TRole; department: TDepartment | null }, department: TDepartment, indicator?: TIndicator): boolean {
  if (indicator === "lines_in_service" && department !== INDICATOR_DEFS.lines_in_service.owner) return false;
  return user.role === "quality" || (user.role === "department_head" && user.department === department);
}

/**
 * Billing accuracy as the exchange's monthly check states it (domain/quality billingAccuracy: hundredths, rounded
 * down), so 99.86 % never shows as 99.9 and passes a 99.9 % target; null when no test call was placed.
 */
export function billingPct(billedCorrectly: number, callsPlaced: number): number | null {
  return callsPlaced > 0 ? billingAccuracy({ callsPlaced, billedCorrectly }).accuracyPct : null;
}

/** A share in per cent, unrounded: what a target is judged on (99.95 % is not 100 %); null without a denominator. */
export function exactPct(part: number, whole: number): number | null {
  return whole > 0 ? (part / whole) * 100 : null;
}

/** Per 1,000, unrounded; null without a denominator. */
export function exactPer1000(count: number, base: number | null): number | null {
  return base && base > 0 ? (count / base) * 1000 : null;
}

/** A value as shown and stored in a statement or report: per cent to one decimal, per 1,000 to two, the rest as is. */
export function displayValue(unit: TIndicatorDef["unit"] | "score" | "days", value: number | null): number | null {
  if (value === null) return null;
  if (unit === "pct") return round1(value);
  if (unit === "per_1000") return Math.round(value * 100) / 100;
  return value;
}

/** The indicators a department enters figures for (those the app does not compute; lines in service: operations only). */
export function enteredIndicatorsFor(department: TDepartment): TIndicator[] {
  return INDICATORS.filter((i) => INDICATOR_DEFS[i].source === "entered" && (i !== "lines_in_service" || department === INDICATOR_DEFS.lines_in_service.owner));
}
