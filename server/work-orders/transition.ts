import "server-only";
import { auditEvents } from "@/db/schema";
import { transitionDecision } from "@/domain/work-orders/preconditions";
import { ZWorkOrderExpected, ZWorkOrderTransitionArgs } from "@/domain/work-orders/mutations";
import { auditRow } from "@/server/audit/service";
import type { Decision, MutationContext } from "@/server/sync/contract";
import { Rejection } from "@/server/sync/rejection";
import { lockOwnWorkOrder, parseOrReject } from "./access";
import { judgeExpected } from "@/domain/sync/stale";
import { lastStatusChange, statusChangesSince, writeStatusChange } from "./status-change";

/**
 * `workOrder.transition`: a status change by the assigned lineman (en route, on site, back, close), compare-and-set
 * on the version the phone saw (its own earlier steps not counting): same state → apply if the table allows it;
 * already at the target → already_in_state; otherwise stale, with who changed it and when. The office changes orders through the desk's
 * procedures (workOrders.cancel/close, version-checked, server/work-orders/office-changes.ts): one way each.
 */
export async function applyTransition({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const args = parseOrReject(ZWorkOrderTransitionArgs, mutation.args);
  const expected = parseOrReject(ZWorkOrderExpected, mutation.expected);
  // Authorised before anything about the order's state is told.
  const workOrder = await lockOwnWorkOrder(tx, user, args.workOrderId);
  const actor = "assignee" as const;
  const current = { status: workOrder.status, version: workOrder.version };
  // Stale is decided on the version the phone saw (domain/sync/stale.ts): a re-assignment away and back, or a status
  // gone and come back (en route → assigned → en route), is a change the lineman's phone never saw. Versions this
  // device made itself (its own queued steps: arrival, self-check, the customer's turn) do not count.
  let own = 0;
  let lastByOthers: { at: Date; by: string | null } | null = null;
  if (workOrder.version !== expected.version) {
    // The order may have changed earlier in this batch: write those events first, so they are counted and named.
    await append.flush(tx);
    ({ own, lastByOthers } = await statusChangesSince(tx, workOrder.id, expected, mutation.deviceId));
  }
  const verdict = judgeExpected({ current, expected, ownVersionsSince: own, outcomeHolds: workOrder.status === args.to });
  if (verdict === "already") return { status: "already_in_state", details: { current } };
  if (verdict === "stale") {
    await append.flush(tx);
    const last = lastByOthers ?? (await lastStatusChange(tx, workOrder.id));
    throw new Rejection("stale", { current, seenVersion: expected.version, changedBy: last?.by ?? null, changedAt: last?.at?.toISOString() ?? null });
  }
  // the state the phone saw (or it plus the phone's own steps): the transition table decides, on the current status
  const decision = transitionDecision({ status: workOrder.status, expectedFrom: workOrder.status, to: args.to, actor, reason: args.reason });
  if (decision.kind === "already" || decision.kind === "stale") throw new Error("unreachable: the current status is the expected one");
  if (decision.kind === "reject") throw new Rejection(decision.code, { ...decision.details, current });

  return {
    status: "applied",
    write: async () => {
      const at = new Date();
      const versionAfter = await writeStatusChange({ tx, append, workOrder, to: args.to, reason: args.reason, actorId: user.id, mutation, at });
      append.add(
        auditEvents,
        auditRow({
          actorId: user.id,
          subjectType: "work_order",
          subjectId: workOrder.id,
          at,
          event: {
            name: "workOrder.statusChanged",
            payload: {
              code: workOrder.code,
              from: workOrder.status,
              to: args.to,
              versionAfter,
              reason: args.reason,
              mutationId: mutation.mutationId,
              deviceId: mutation.deviceId,
            },
          },
        }),
      );
    },
  };
}
