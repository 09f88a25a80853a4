/**
 * The lineman's work-order list, from the predicted summaries (read-model.ts): which orders show under today,
 * later days and finished, and which are overdue. Plain functions over the summaries: no React here.
 */
import { inStatusGroup, isOverdue } from "@/domain/work-orders/desk";
import { byUrgency } from "@/domain/work-orders/status";
import type { WorkOrderSummary } from "./read-model";

export interface WorkOrderListGroups {
  /** Today's and overdue orders that still need the lineman, most urgent first. */
  today: WorkOrderSummary[];
  /** Orders for later days that still need the lineman, earliest first. */
  later: WorkOrderSummary[];
  /** Closed or cancelled today, or here with steps not yet sent; the latest first. */
  finished: WorkOrderSummary[];
}

/**
 * An order still asks something of the lineman until it is closed or cancelled: open ones to work, signed or
 * refused ones to close (the desk's "open" group, domain/work-orders/desk.ts).
 */
export function needsLineman(summary: Pick<WorkOrderSummary, "status">): boolean {
  return inStatusGroup(summary.status, "open");
}

/** Groups the lineman's orders for the list screen; `today` is the operator's day (`operatorDay`). */
export function groupWorkOrderList(all: readonly WorkOrderSummary[], today: string): WorkOrderListGroups {
  const sorted = [...all].sort((a, b) => byUrgency(a.workOrder, b.workOrder));
  return {
    today: sorted.filter((w) => needsLineman(w) && w.workOrder.scheduledFor <= today),
    later: sorted.filter((w) => needsLineman(w) && w.workOrder.scheduledFor > today),
    finished: sorted.filter((w) => !needsLineman(w) && (w.pending > 0 || w.workOrder.scheduledFor === today)).reverse(),
  };
}

/**
 * Overdue as the office desk decides it (`isOverdue`): a key customer past its deadline, or the scheduled day is
 * over, while the lineman's part is not done — judged on the status the lineman sees (queued steps included).
 */
export function isSummaryOverdue(summary: Pick<WorkOrderSummary, "workOrder" | "status">, now: Date): boolean {
  const wo = summary.workOrder;
  return isOverdue(
    { status: summary.status, keyCustomer: wo.keyCustomer, scheduledFor: wo.scheduledFor, dueAt: wo.dueAt === null ? null : new Date(wo.dueAt) },
    now,
  );
}
