import "server-only";
import type { Db } from "@/db/client";
import { monthPeriod } from "@/domain/analysis/periods";
import type { TBlock } from "@/domain/analysis/schemas";
import { billingPct, displayValue, exactPct, exactPer1000, INDICATOR_DEFS, targetStatus, type TIndicator } from "@/domain/analysis/targets";
import { periodMetrics, type TPeriodMetrics } from "./metrics";
import { listFigures, listTargets, type TFigureRow } from "./targets";

export type TStatementRow = Extract<TBlock, { type: "statement" }>["rows"][number];

/** What a computed indicator's actual is, from the month's metrics, unrounded (null without a denominator); shown through displayValue. */
export function computedActual(indicator: TIndicator, m: TPeriodMetrics, linesInService: number | null): number | null {
  switch (indicator) {
    case "install_on_time_pct":
      return exactPct(m.workOrders.byKind.install.closedOnTime, m.workOrders.byKind.install.closed);
    case "repair_within_limit_pct":
      return exactPct(m.workOrders.byKind.repair.closedOnTime, m.workOrders.byKind.repair.closed);
    case "complaints_per_1000_lines":
      return exactPer1000(m.complaints.received, linesInService);
    case "key_customer_within_limit_pct":
      return exactPct(m.complaints.keyCustomer.withinLimit, m.complaints.keyCustomer.answered);
    case "label_check_pass_pct":
      return exactPct(m.labelChecks.correct, m.labelChecks.marks);
    case "billing_accuracy_pct":
      return billingPct(m.billing.billedCorrectly, m.billing.callsPlaced);
    case "callback_satisfaction_pct":
      return exactPct(m.complaints.callbacks.satisfied, m.complaints.callbacks.made);
    default:
      return null;
  }
}

/** The month's lines in service: operations' figure, the only one entered (domain mayEnterFigure). */
function linesFor(figures: readonly TFigureRow[]): number | null {
  return figures.find((f) => f.indicator === "lines_in_service" && f.department === INDICATOR_DEFS.lines_in_service.owner)?.value ?? null;
}

/**
 * The monthly statement of quality targets (质量目标月度统计): one row per target set for the year, its actual for the
 * month (computed from the records by periodMetrics, or the figure the department entered, with who and when) and
 * its status against the target and control point. Computed each time it is asked.
 */
export async function monthlyStatement(db: Db, year: number, month: number): Promise<TStatementRow[]> {
  const targets = await listTargets(db, year);
  if (targets.length === 0) return [];
  const figures = await listFigures(db, year, month);
  const period = monthPeriod(year, month);
  const metrics = targets.some((t) => t.source === "computed") ? await periodMetrics(db, period.from, period.to) : null;
  return targets.map((t) => {
    const base = { department: t.department, indicator: t.indicator, unit: t.unit, target: t.target, control: t.control, direction: t.direction };
    if (t.source === "entered") {
      const f = figures.find((x) => x.department === t.department && x.indicator === t.indicator);
      const actual = f ? f.value : null;
      return {
        ...base,
        actual,
        status: targetStatus(t, actual),
        source: "entered" as const,
        enteredBy: f ? f.enteredByName : null,
        enteredAt: f ? f.enteredAt.toISOString() : null,
      };
    }
    // judged on the exact value, shown rounded: 99.95 % does not meet a 100 % target
    const exact = metrics ? computedActual(t.indicator, metrics, linesFor(figures)) : null;
    return { ...base, actual: displayValue(t.unit, exact), status: targetStatus(t, exact), source: "computed" as const, enteredBy: null, enteredAt: null };
  });
}
