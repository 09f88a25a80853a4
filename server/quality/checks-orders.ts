import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { spotCheckOrders, spotChecks, workOrders } from "@/db/schema";
import type { TDepartment } from "@/domain/auth/roles";
import { findingOfMark, LABEL_KIND_OWNER, type TLabelKind, type TOrderResult } from "@/domain/quality/model";
import type { TMarkOrderInput } from "@/domain/quality/schemas";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { AppError } from "@/server/errors";
import { raiseNonconformity } from "./nonconformities";

/**
 * Who answers for a finding on a sampled work order: a missing signature or missing evidence is the field work's
 * (terminal service installs, moves and repairs: label kind install_repair); a wrong verdict is the order's own record,
 * customer service's (work_order).
 */
export function orderFindingOwner(result: Exclude<TOrderResult, "ok">): { labelKind: TLabelKind; department: TDepartment } {
  const labelKind: TLabelKind = result === "wrong_verdict" ? "work_order" : "install_repair";
  return { labelKind, department: LABEL_KIND_OWNER[labelKind] };
}

async function lockOrderCheck(tx: Db, checkId: string) {
  const [check] = await tx
    .select({ id: spotChecks.id, code: spotChecks.code, target: spotChecks.target, status: spotChecks.status, version: spotChecks.version })
    .from(spotChecks)
    .where(eq(spotChecks.id, checkId))
    .for("update");
  if (!check || check.target !== "work_orders") throw new AppError("not_found");
  if (check.status !== "planned") throw new AppError("invalid_transition", { status: check.status });
  return check;
}

/** Quality marks one sampled work order (工单检查过程): ok, or a finding with its note. A later mark replaces it until the check is finished. */
export async function markOrder(db: Db, user: SessionUser, input: TMarkOrderInput) {
  return db.transaction(async (tx) => {
    const now = clockNow();
    const check = await lockOrderCheck(tx, input.checkId);
    const [row] = await tx
      .update(spotCheckOrders)
      .set({ result: input.result, note: input.note, markedBy: user.id, markedAt: now })
      .where(and(eq(spotCheckOrders.checkId, check.id), eq(spotCheckOrders.workOrderId, input.workOrderId)))
      .returning({ workOrderId: spotCheckOrders.workOrderId });
    if (!row) throw new AppError("not_found");
    const [wo] = await tx.select({ code: workOrders.code }).from(workOrders).where(eq(workOrders.id, input.workOrderId));
    await tx
      .update(spotChecks)
      .set({ version: sql`${spotChecks.version} + 1` })
      .where(eq(spotChecks.id, check.id));
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "spot_check",
      subjectId: check.id,
      at: now,
      event: { name: "spotCheck.orderMarked", payload: { code: check.code, workOrderCode: wo!.code, result: input.result, note: input.note } },
    });
    return { checkId: check.id, workOrderId: input.workOrderId, result: input.result };
  });
}

/**
 * The work-order check is finished: every sampled order must be marked; each finding becomes a nonconformity against
 * the department that answers for it, and the check is submitted.
 */
export async function finishOrderCheck(db: Db, user: SessionUser, checkId: string) {
  return db.transaction(async (tx) => {
    const now = clockNow();
    const check = await lockOrderCheck(tx, checkId);
    const orders = await tx
      .select({ workOrderId: spotCheckOrders.workOrderId, code: workOrders.code, result: spotCheckOrders.result, note: spotCheckOrders.note })
      .from(spotCheckOrders)
      .innerJoin(workOrders, eq(workOrders.id, spotCheckOrders.workOrderId))
      .where(eq(spotCheckOrders.checkId, check.id))
      .orderBy(workOrders.code);
    const unmarked = orders.filter((o) => o.result === null).map((o) => o.code);
    if (unmarked.length > 0) throw new AppError("rule_violation", { rule: "precondition_failed", unmarked });
    const raised: string[] = [];
    for (const o of orders) {
      const result = o.result!;
      const finding = findingOfMark(result);
      if (result === "ok" || finding === null) continue;
      const owner = orderFindingOwner(result);
      const nc = await raiseNonconformity(tx, {
        source: "work_order_check",
        sourceRef: `${check.code} ${o.code}`,
        finding,
        labelKind: owner.labelKind,
        department: owner.department,
        description: `${o.code}: ${o.note}`,
        tag: null,
        raisedBy: user.id,
        at: now,
      });
      await tx
        .update(spotCheckOrders)
        .set({ nonconformityId: nc.id })
        .where(and(eq(spotCheckOrders.checkId, check.id), eq(spotCheckOrders.workOrderId, o.workOrderId)));
      raised.push(nc.code);
    }
    await tx
      .update(spotChecks)
      .set({ status: "submitted", submittedBy: user.id, submittedAt: now, version: check.version + 1 })
      .where(eq(spotChecks.id, check.id));
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "spot_check",
      subjectId: check.id,
      at: now,
      event: {
        name: "spotCheck.submitted",
        payload: { code: check.code, planned: true, zoneCode: null, marks: [], nonconformities: raised, mutationId: null, deviceId: null },
      },
    });
    return { id: check.id, code: check.code, nonconformities: raised };
  });
}
