import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { qualityTargets, targetFigures } from "@/db/schema";
import type { TPeriod } from "@/domain/analysis/periods";
import type { TFigure, TLabel, TUnit } from "@/domain/analysis/schemas";
import { INDICATOR_DEFS, INDICATORS, targetStatus, type TIndicator, billingPct, displayValue, exactPct, exactPer1000 } from "@/domain/analysis/targets";
import { parseIsoDate } from "@/domain/time/calendar";
import { WORK_ORDER_KINDS } from "@/domain/work-orders/status";
import { labels as L } from "@/server/pdf/bilingual";
import type { TPeriodMetrics } from "./metrics";

/**
 * The numbers a report shows, derived from a period's metrics (server/analysis/metrics.ts) and the departments'
 * entered monthly figures, each with its target for the year (quality_targets) where one is set.
 */
export type TFigureKey =
  | "wo_created"
  | "wo_closed"
  | "wo_on_time_pct"
  | "wo_open_overdue"
  | "install_on_time_pct"
  | "repair_within_limit_pct"
  | "complaints_received"
  | "key_customer_answered"
  | "key_customer_within_limit_pct"
  | "callbacks_made"
  | "callback_satisfaction_pct"
  | "nc_raised"
  | "actions_open"
  | "actions_overdue"
  | "equipment_checks"
  | "equipment_checks_failed"
  | "label_check_pass_pct"
  | "billing_calls_placed"
  | "billing_accuracy_pct"
  | "property_cases_open"
  | "property_rectification_overdue"
  | "calibration_overdue"
  | "instruments_on_loan"
  | "lines_in_service"
  | "revenue_10k_yuan"
  | "complaints_per_1000_lines";

/** Entered figures of a month (lines in service, revenue): the indicator's own department's, else any department's. */
export type TEntered = Partial<Record<TIndicator, number>>;

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Every figure's value from the metrics (and the month's entered figures), unrounded; null where there is no denominator. */
export function figureValues(m: TPeriodMetrics, entered: TEntered = {}): Record<TFigureKey, number | null> {
  const kinds = WORK_ORDER_KINDS.map((k) => m.workOrders.byKind[k]);
  const closed = sum(kinds.map((k) => k.closed));
  const lines = entered.lines_in_service ?? null;
  return {
    wo_created: sum(kinds.map((k) => k.created)),
    wo_closed: closed,
    wo_on_time_pct: exactPct(sum(kinds.map((k) => k.closedOnTime)), closed),
    wo_open_overdue: sum(kinds.map((k) => k.openOverdue)),
    install_on_time_pct: exactPct(m.workOrders.byKind.install.closedOnTime, m.workOrders.byKind.install.closed),
    repair_within_limit_pct: exactPct(m.workOrders.byKind.repair.closedOnTime, m.workOrders.byKind.repair.closed),
    complaints_received: m.complaints.received,
    key_customer_answered: m.complaints.keyCustomer.answered,
    key_customer_within_limit_pct: exactPct(m.complaints.keyCustomer.withinLimit, m.complaints.keyCustomer.answered),
    callbacks_made: m.complaints.callbacks.made,
    callback_satisfaction_pct: exactPct(m.complaints.callbacks.satisfied, m.complaints.callbacks.made),
    nc_raised: m.nonconformities.raised,
    actions_open: m.nonconformities.actionsOpen,
    actions_overdue: m.nonconformities.actionsOverdue,
    equipment_checks: m.equipmentChecks.total,
    equipment_checks_failed: m.equipmentChecks.failed,
    label_check_pass_pct: exactPct(m.labelChecks.correct, m.labelChecks.marks),
    billing_calls_placed: m.billing.callsPlaced,
    billing_accuracy_pct: billingPct(m.billing.billedCorrectly, m.billing.callsPlaced),
    property_cases_open: m.property.casesOpen,
    property_rectification_overdue: m.property.rectificationOverdue,
    calibration_overdue: m.instruments.calibrationOverdue,
    instruments_on_loan: m.instruments.onLoan,
    lines_in_service: lines,
    revenue_10k_yuan: entered.revenue_10k_yuan ?? null,
    complaints_per_1000_lines: exactPer1000(m.complaints.received, lines),
  };
}

export const FIGURE_UNITS: Record<TFigureKey, TUnit> = {
  wo_created: "count",
  wo_closed: "count",
  wo_on_time_pct: "pct",
  wo_open_overdue: "count",
  install_on_time_pct: "pct",
  repair_within_limit_pct: "pct",
  complaints_received: "count",
  key_customer_answered: "count",
  key_customer_within_limit_pct: "pct",
  callbacks_made: "count",
  callback_satisfaction_pct: "pct",
  nc_raised: "count",
  actions_open: "count",
  actions_overdue: "count",
  equipment_checks: "count",
  equipment_checks_failed: "count",
  label_check_pass_pct: "pct",
  billing_calls_placed: "count",
  billing_accuracy_pct: "pct",
  property_cases_open: "count",
  property_rectification_overdue: "count",
  calibration_overdue: "count",
  instruments_on_loan: "count",
  lines_in_service: "count",
  revenue_10k_yuan: "amount",
  complaints_per_1000_lines: "per_1000",
};

export type TTargets = Partial<Record<TIndicator, { target: number; control: number | null; direction: "at_least" | "at_most" }>>;

/** The year's targets by indicator: the indicator's owning department's row, else the first department's (by code). */
export async function loadTargets(db: Db, year: number): Promise<TTargets> {
  const rows = await db.select().from(qualityTargets).where(eq(qualityTargets.year, year)).orderBy(qualityTargets.department);
  const out: TTargets = {};
  for (const ind of INDICATORS) {
    const mine = rows.filter((r) => r.indicator === ind);
    // lines in service: operations' only, like the statement (no department sets the measure of its own target)
    const row = mine.find((r) => r.department === INDICATOR_DEFS[ind].owner) ?? (ind === "lines_in_service" ? undefined : mine[0]);
    if (row) out[ind] = { target: row.target, control: row.control, direction: row.direction };
  }
  return out;
}

/** The month's entered figures (lines in service, revenue), for a month period; none for a week. */
export async function loadEntered(db: Db, period: TPeriod): Promise<TEntered> {
  if (period.kind !== "month") return {};
  const { y, m } = parseIsoDate(period.from);
  const wanted: TIndicator[] = ["lines_in_service", "revenue_10k_yuan"];
  const rows = await db
    .select()
    .from(targetFigures)
    .where(and(eq(targetFigures.year, y), eq(targetFigures.month, m), inArray(targetFigures.indicator, wanted)))
    .orderBy(targetFigures.department);
  const out: TEntered = {};
  for (const ind of wanted) {
    const mine = rows.filter((r) => r.indicator === ind);
    // lines in service: operations' only, like the statement (no department sets the measure of its own target)
    const row = mine.find((r) => r.department === INDICATOR_DEFS[ind].owner) ?? (ind === "lines_in_service" ? undefined : mine[0]);
    if (row) out[ind] = row.value;
  }
  return out;
}

const isIndicator = (key: string): key is TIndicator => (INDICATORS as readonly string[]).includes(key);

/** A figure with its target and status (when the year has a target for it) and the comparison period's value. */
export function figure(
  key: TFigureKey,
  now: Record<TFigureKey, number | null>,
  previous: Record<TFigureKey, number | null> | null,
  targets: TTargets,
): TFigure {
  const unit = FIGURE_UNITS[key];
  const f: TFigure = { key, value: displayValue(unit, now[key]), unit };
  const t = isIndicator(key) ? targets[key] : undefined;
  if (t) {
    f.target = t.target;
    // judged on the exact value, shown rounded: 99.95 % does not meet a 100 % target
    f.status = targetStatus(t, now[key]);
  }
  if (previous) f.previous = displayValue(unit, previous[key]);
  return f;
}

/** A name in both languages from this namespace's catalogue (what a table row is called). */
export function bothLabel(key: string): TLabel {
  return { "zh-CN": L.zh(`analysisPdf.${key}`), en: L.en(`analysisPdf.${key}`) };
}
