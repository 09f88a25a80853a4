import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, equipmentChecks, equipmentCheckWithdrawals } from "@/db/schema";
import { ZWithdrawCheckArgs } from "@/domain/work-orders/mutations";
import { checkChangeDecision } from "@/domain/work-orders/preconditions";
import { auditRow } from "@/server/audit/service";
import type { Decision, MutationContext } from "@/server/sync/contract";
import { Rejection } from "@/server/sync/rejection";
import { lockOwnWorkOrder, parseOrReject, type WorkOrderRow } from "./access";

/** A recorded check of this order and whether it is already withdrawn (or replaced by a correction). */
export async function checkInForce(tx: Db, checkId: string): Promise<{ workOrderId: string; withdrawn: boolean } | null> {
  const [row] = await tx
    .select({ workOrderId: equipmentChecks.workOrderId, withdrawn: equipmentCheckWithdrawals.checkId })
    .from(equipmentChecks)
    .leftJoin(equipmentCheckWithdrawals, eq(equipmentCheckWithdrawals.checkId, equipmentChecks.id))
    .where(eq(equipmentChecks.id, checkId));
  return row ? { workOrderId: row.workOrderId, withdrawn: row.withdrawn !== null } : null;
}

/**
 * Decides a change of a recorded check on the locked order (ADR 0021): rejects (not this order's check, the
 * self-check already signed) or says it is already withdrawn. `stale` for a correction of a check already replaced.
 */
export async function decideCheckChange(tx: Db, o: { workOrder: WorkOrderRow; checkId: string; change: "withdraw" | "correct" }): Promise<"apply" | "already"> {
  const check = await checkInForce(tx, o.checkId);
  const d = checkChangeDecision({ status: o.workOrder.status, check, workOrderId: o.workOrder.id, change: o.change });
  if (d.kind === "reject") throw new Rejection(d.code, { checkId: o.checkId, ...d.details });
  if (d.kind === "stale") throw new Rejection("stale", { checkId: o.checkId, current: "withdrawn" });
  return d.kind;
}

/** Writes the withdrawal fact and its audit event (a removal, or the replaced side of a correction). */
export async function writeWithdrawal(
  o: MutationContext & { workOrder: WorkOrderRow; checkId: string; supersededBy: string | null; reason: string },
): Promise<void> {
  const at = new Date();
  await o.tx.insert(equipmentCheckWithdrawals).values({
    checkId: o.checkId,
    workOrderId: o.workOrder.id,
    supersededBy: o.supersededBy,
    reason: o.reason,
    actorId: o.user.id,
    deviceId: o.mutation.deviceId,
    mutationId: o.mutation.mutationId,
    clientTime: new Date(o.mutation.clientTime),
    serverTime: at,
  });
  o.append.add(
    auditEvents,
    auditRow({
      actorId: o.user.id,
      subjectType: "work_order",
      subjectId: o.workOrder.id,
      at,
      event: {
        name: "workOrder.checkWithdrawn",
        payload: {
          code: o.workOrder.code,
          checkId: o.checkId,
          supersededBy: o.supersededBy,
          reason: o.reason,
          mutationId: o.mutation.mutationId,
          deviceId: o.mutation.deviceId,
        },
      },
    }),
  );
}

/**
 * `workOrder.withdrawCheck`: the lineman removes a check recorded in error, before the self-check. The check stays
 * on record; the withdrawal is a fact with its own audit event, and the sign-off and PDF leave the check out.
 */
export async function applyWithdrawCheck(ctx: MutationContext): Promise<Decision> {
  const a = parseOrReject(ZWithdrawCheckArgs, ctx.mutation.args);
  const workOrder = await lockOwnWorkOrder(ctx.tx, ctx.user, a.workOrderId);
  const d = await decideCheckChange(ctx.tx, { workOrder, checkId: a.checkId, change: "withdraw" });
  if (d === "already") return { status: "already_in_state", details: { checkId: a.checkId } };
  return { status: "applied", write: () => writeWithdrawal({ ...ctx, workOrder, checkId: a.checkId, supersededBy: null, reason: a.reason }) };
}
