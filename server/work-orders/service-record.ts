import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, workOrderServiceRecords } from "@/db/schema";
import { serviceRecordDecision } from "@/domain/work-orders/service-record";
import { ZServiceRecordArgs } from "@/domain/work-orders/service-record-schema";
import { auditRow } from "@/server/audit/service";
import type { Decision, MutationContext } from "@/server/sync/contract";
import { Rejection } from "@/server/sync/rejection";
import { lockOwnWorkOrder, parseOrReject } from "./access";

export type TServiceRecordRow = typeof workOrderServiceRecords.$inferSelect;

/** A work order's service record (服务记录表), or null. */
export async function serviceRecordOf(tx: Db, workOrderId: string): Promise<TServiceRecordRow | null> {
  const [row] = await tx.select().from(workOrderServiceRecords).where(eq(workOrderServiceRecords.workOrderId, workOrderId));
  return row ?? null;
}

/**
 * `workOrder.serviceRecord` v1: the terminal-maintenance service record as the lineman filled it, written or
 * replaced (one row per order) until the customer's turn is over. A replay of the same mutation is already in state.
 */
export async function applyServiceRecord({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const a = parseOrReject(ZServiceRecordArgs, mutation.args);
  const workOrder = await lockOwnWorkOrder(tx, user, a.workOrderId);
  const current = await serviceRecordOf(tx, workOrder.id);
  if (current && current.mutationId === mutation.mutationId) return { status: "already_in_state" };
  const decision = serviceRecordDecision({ kind: workOrder.kind, status: workOrder.status });
  if (decision.kind === "reject")
    throw new Rejection(decision.code, { ...decision.details, current: { status: workOrder.status, version: workOrder.version } });
  return {
    status: "applied",
    write: async () => {
      const at = new Date();
      const values = {
        requested: a.requested,
        done: a.done,
        parts: a.parts,
        completion: a.completion,
        recordedBy: user.id,
        recordedAt: at,
        clientTime: new Date(mutation.clientTime),
        mutationId: mutation.mutationId,
      };
      // written now (not appended): a self-check later in the same batch looks for it
      await tx
        .insert(workOrderServiceRecords)
        .values({ workOrderId: workOrder.id, ...values })
        .onConflictDoUpdate({ target: workOrderServiceRecords.workOrderId, set: values });
      append.add(
        auditEvents,
        auditRow({
          actorId: user.id,
          subjectType: "work_order",
          subjectId: workOrder.id,
          at,
          event: {
            name: "workOrder.serviceRecorded",
            // what was written is in the row (and its replacement in the next event): the count and completion here
            payload: { code: workOrder.code, parts: a.parts.length, completion: a.completion, mutationId: mutation.mutationId, deviceId: mutation.deviceId },
          },
        }),
      );
    },
  };
}
