import "server-only";
import { auditEvents } from "@/db/schema";
import { transitionDecision } from "@/domain/work-orders/preconditions";
import { ZWorkOrderExpected, ZWorkOrderTransitionArgs } from "@/domain/work-orders/mutations";
import { auditRow } from "@/server/audit/service";
import type { Decision, MutationContext } from "@/server/sync/registry";
import { Rejection } from "@/server/sync/rejection";
import { lockOwnWorkOrder, parseOrReject } from "./access";
import { lastStatusChange, writeStatusChange } from "./status-change";

/**
 * `workOrder.transition`: a status change by the assigned lineman (en route, on site, back, close), compare-and-set
 * on the status the phone saw: same status → apply if the table allows it; already at the target →
 * already_in_state; otherwise stale, with who changed it and when. The office changes orders through the desk's
 * procedures (workOrders.cancel/close, version-checked, server/work-orders/office-changes.ts): one way each.
 */
export async function applyTransition({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const args = parseOrReject(ZWorkOrderTransitionArgs, mutation.args);
  const expected = parseOrReject(ZWorkOrderExpected, mutation.expected);
  // Authorised before anything about the order's state is told.
  const workOrder = await lockOwnWorkOrder(tx, user, args.workOrderId);
  const actor = "assignee" as const;
  const current = { status: workOrder.status, version: workOrder.version };
  const decision = transitionDecision({ status: workOrder.status, expectedFrom: expected.from, to: args.to, actor, reason: args.reason });
  if (decision.kind === "already") return { status: "already_in_state", details: { current } };
  if (decision.kind === "stale") {
    // The order may have changed earlier in this batch: write those events first, so the answer names that change.
    await append.flush(tx);
    const last = await lastStatusChange(tx, workOrder.id);
    throw new Rejection("stale", { current, changedBy: last?.by ?? null, changedAt: last?.at?.toISOString() ?? null });
  }
  if (decision.kind === "reject") throw new Rejection(decision.code, { ...decision.details, current });

  return {
    status: "applied",
    write: async () => {
      const at = new Date();
      const versionAfter = await writeStatusChange({ tx, append, workOrder, to: args.to, reason: args.reason, actorId: user.id, mutation, at });
      append.add(auditEvents, auditRow({
        actorId: user.id,
        subjectType: "work_order",
        subjectId: workOrder.id,
        at,
        event: {
          name: "workOrder.statusChanged",
          payload: { code: workOrder.code, from: workOrder.status, to: args.to, versionAfter, reason: args.reason, mutationId: mutation.mutationId, deviceId: mutation.deviceId },
        },
      }));
    },
  };
}
