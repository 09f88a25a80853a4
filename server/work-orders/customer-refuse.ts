import "server-only";
import { auditEvents, workOrderSignoffs } from "@/db/schema";
import { ZCustomerRefuseArgs } from "@/domain/work-orders/mutations";
import { customerRefuseDecision } from "@/domain/work-orders/preconditions";
import { auditRow } from "@/server/audit/service";
import type { Decision, MutationContext } from "@/server/sync/contract";
import { Rejection } from "@/server/sync/rejection";
import { lockOwnWorkOrder, parseOrReject } from "./access";
import { hasSelfCheck } from "./customer-turn";
import { writeStatusChange } from "./status-change";

/** `workOrder.customerRefuse` (work_done → refused_to_sign): the customer refused to sign, with the reason. */
export async function applyCustomerRefuse({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const a = parseOrReject(ZCustomerRefuseArgs, mutation.args);
  const workOrder = await lockOwnWorkOrder(tx, user, a.workOrderId);
  const current = { status: workOrder.status, version: workOrder.version };
  const decision = customerRefuseDecision({ status: workOrder.status, hasSelfCheck: await hasSelfCheck(tx, workOrder.id) });
  if (decision.kind === "already") return { status: "already_in_state", details: { current } };
  if (decision.kind === "reject") throw new Rejection(decision.code, { ...decision.details, current });

  return {
    status: "applied",
    write: async () => {
      const at = new Date();
      await tx.insert(workOrderSignoffs).values({
        workOrderId: workOrder.id,
        kind: "customer_refused",
        signerName: a.signerName,
        refusalReason: a.reason,
        actorId: user.id,
        deviceId: mutation.deviceId,
        mutationId: mutation.mutationId,
        clientTime: new Date(mutation.clientTime),
        serverTime: at,
      });
      const versionAfter = await writeStatusChange({ tx, append, workOrder, to: "refused_to_sign", reason: a.reason, actorId: user.id, mutation, at });
      append.add(
        auditEvents,
        auditRow({
          actorId: user.id,
          subjectType: "work_order",
          subjectId: workOrder.id,
          at,
          event: {
            name: "workOrder.customerRefused",
            payload: {
              code: workOrder.code,
              from: workOrder.status,
              to: "refused_to_sign",
              versionAfter,
              reason: a.reason,
              signerName: a.signerName,
              mutationId: mutation.mutationId,
              deviceId: mutation.deviceId,
            },
          },
        }),
      );
    },
  };
}
