import "server-only";
import type { Db } from "@/db/client";
import { sameMonthLastYear, weekPeriod, type TPeriod } from "@/domain/analysis/periods";
import type { TBlock, TReportData, TReportKind } from "@/domain/analysis/schemas";
import { pct } from "@/domain/analysis/targets";
import { addDays, addMonths, parseIsoDate } from "@/domain/time/calendar";
import { WORK_ORDER_KINDS } from "@/domain/work-orders/status";
import { now as clockNow } from "@/server/clock";
import { closedByMonth, periodMetrics, type TPeriodMetrics } from "./metrics";
import { paretoBlock } from "./pareto";
import { actionsByDepartment } from "./report-blocks";
import { bothLabel, figure, figureValues, loadEntered, loadTargets, type TFigureKey, type TTargets } from "./report-figures";
import { satisfactionReportPart } from "./satisfaction";
import { monthlyStatement } from "./statement";

/**
 * A report's blocks, computed once and stored (ADR 0041 §9): the weekly report to the city telecom bureau and the
 * industrial zone, the monthly report, and the four monthly meetings' one-page packs.
 *
 * Block ids (titles: analysisPdf.block.<id> / analysisReports.block.<id>):
 *   work_orders, work_orders_by_kind, complaints, complaints_by_category, nonconformities, statement, nc_by_cause,
 *   checks_by_reason, install_on_time_trend, business, engineering, operations, coordination, actions_by_department,
 *   satisfaction, satisfaction_items (server/analysis/satisfaction.ts: figures satisfaction_index, satisfaction_n,
 *   satisfaction_coverage, survey_response_rate; columns weight_pct, score, n, sign_off, callback, survey).
 * Figure keys (analysisPdf.figure.<key>): see TFigureKey in report-figures.ts — wo_created, wo_closed, wo_on_time_pct,
 *   wo_open_overdue, install_on_time_pct, repair_within_limit_pct, complaints_received, key_customer_answered,
 *   key_customer_within_limit_pct, callbacks_made, callback_satisfaction_pct, nc_raised, actions_open, actions_overdue,
 *   equipment_checks, equipment_checks_failed, label_check_pass_pct, billing_calls_placed, billing_accuracy_pct,
 *   property_cases_open, property_rectification_overdue, calibration_overdue, instruments_on_loan, lines_in_service,
 *   revenue_10k_yuan, complaints_per_1000_lines.
 * Table columns (analysisPdf.column.<col>): created, closed, closed_on_time, on_time_pct, open_overdue, open, overdue.
 * Rows of tables carry their own bilingual label (TLabel); Pareto rows a label or a key in their block's keyspace.
 */

interface TCtx {
  db: Db;
  period: TPeriod;
  /** The period compared with: the week before (weekly), the same month a year before (the rest). */
  comparison: TPeriod;
  metrics: TPeriodMetrics;
  values: Record<TFigureKey, number | null>;
  previous: Record<TFigureKey, number | null>;
  targets: TTargets;
  /** The satisfaction weights version the report's index used (set when a block of satisfaction is made). */
  weights: { year: number; version: number } | null;
}

const figures = (c: TCtx, id: string, keys: TFigureKey[]): TBlock => ({
  type: "figures",
  id,
  figures: keys.map((k) => figure(k, c.values, c.previous, c.targets)),
});

function workOrdersByKind(m: TPeriodMetrics): TBlock {
  return {
    type: "table",
    id: "work_orders_by_kind",
    columns: ["created", "closed", "closed_on_time", "on_time_pct", "open_overdue"],
    rows: WORK_ORDER_KINDS.map((k) => {
      const w = m.workOrders.byKind[k];
      return { key: k, label: bothLabel(`woKind.${k}`), cells: [w.created, w.closed, w.closedOnTime, pct(w.closedOnTime, w.closed), w.openOverdue] };
    }),
  };
}

/** A Pareto of the period (server/analysis/pareto.ts: the same data the Pareto screen shows). */
const pareto = (c: TCtx, subject: "complaints_by_category" | "nc_by_cause" | "checks_by_reason") => paretoBlock(c.db, subject, c.period.from, c.period.to);

/** What the weekly report holds, for any period (the monthly report holds it too, for the month). */
const weeklyBlocks = async (c: TCtx): Promise<TBlock[]> => [
  figures(c, "work_orders", ["wo_created", "wo_closed", "wo_on_time_pct", "install_on_time_pct", "repair_within_limit_pct", "wo_open_overdue"]),
  workOrdersByKind(c.metrics),
  figures(c, "complaints", ["complaints_received", "key_customer_answered", "key_customer_within_limit_pct", "callbacks_made", "callback_satisfaction_pct"]),
  await pareto(c, "complaints_by_category"),
  figures(c, "nonconformities", ["nc_raised", "actions_open", "actions_overdue"]),
];

/** The install on-time % of the twelve months up to and including the period's (the trend; one grouped statement). */
async function installTrend(c: TCtx): Promise<TBlock> {
  const months = await closedByMonth(c.db, "install", addMonths(c.period.from, -11), 12);
  return { type: "series", id: "install_on_time_trend", unit: "pct", points: months.map((m) => ({ key: m.key, value: pct(m.closedOnTime, m.closed) })) };
}

async function statementBlock(c: TCtx): Promise<TBlock> {
  const { y, m } = parseIsoDate(c.period.from);
  return { type: "statement", id: "statement", rows: await monthlyStatement(c.db, y, m) };
}

async function satisfaction(c: TCtx): Promise<TBlock[]> {
  const part = await satisfactionReportPart(c.db, c.period);
  c.weights = part.weights;
  return part.blocks;
}

async function blocksOf(kind: TReportKind, c: TCtx): Promise<TBlock[]> {
  switch (kind) {
    case "weekly":
      return weeklyBlocks(c);
    case "monthly":
      return [
        ...(await weeklyBlocks(c)),
        figures(c, "operations", ["equipment_checks", "equipment_checks_failed", "label_check_pass_pct", "billing_accuracy_pct", "calibration_overdue"]),
        await statementBlock(c),
        await pareto(c, "nc_by_cause"),
        await pareto(c, "checks_by_reason"),
        ...(await satisfaction(c)),
        await installTrend(c),
      ];
    case "meeting_business":
      return [
        figures(c, "business", ["wo_created", "wo_closed", "complaints_received", "complaints_per_1000_lines", "lines_in_service", "revenue_10k_yuan"]),
        ...(await satisfaction(c)),
      ];
    case "meeting_engineering":
      return [
        figures(c, "engineering", [
          "property_cases_open",
          "property_rectification_overdue",
          "install_on_time_pct",
          "equipment_checks",
          "equipment_checks_failed",
        ]),
        await pareto(c, "checks_by_reason"),
      ];
    case "meeting_operations":
      return [
        figures(c, "operations", [
          "repair_within_limit_pct",
          "calibration_overdue",
          "instruments_on_loan",
          "billing_calls_placed",
          "billing_accuracy_pct",
          "label_check_pass_pct",
        ]),
      ];
    case "meeting_coordination":
      return [
        figures(c, "coordination", ["complaints_received", "key_customer_within_limit_pct", "actions_open", "actions_overdue"]),
        await pareto(c, "complaints_by_category"),
        await actionsByDepartment(c.db, c.period),
      ];
  }
}

/** The period a kind of report covers: a week for the weekly report, a month for the rest. */
export function periodFits(kind: TReportKind, period: TPeriod): boolean {
  return kind === "weekly" ? period.kind === "week" : period.kind === "month";
}

/** Computes a report of `kind` for `period` from the records as they are now. */
export async function buildReport(db: Db, kind: TReportKind, period: TPeriod, now: Date = clockNow()): Promise<TReportData> {
  if (!periodFits(kind, period)) throw new Error(`a ${kind} report does not cover a ${period.kind}`);
  const comparison = kind === "weekly" ? weekPeriod(addDays(period.from, -7)) : sameMonthLastYear(period);
  const [metrics, before] = [await periodMetrics(db, period.from, period.to), await periodMetrics(db, comparison.from, comparison.to)];
  const [entered, enteredBefore] = [await loadEntered(db, period), await loadEntered(db, comparison)];
  const c: TCtx = {
    db,
    period,
    comparison,
    metrics,
    values: figureValues(metrics, entered),
    previous: figureValues(before, enteredBefore),
    targets: await loadTargets(db, parseIsoDate(period.from).y),
    weights: null,
  };
  const blocks = await blocksOf(kind, c);
  return { kind, period, generatedAt: now.toISOString(), weights: c.weights, blocks };
}
