import "server-only";
import { like, max, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workOrderEvents, workOrders } from "@/db/schema";
import { deadlineFrom } from "@/domain/complaints/deadlines";
import { nextWorkOrderCode, operatorDay, workOrderCodePrefix } from "@/domain/work-orders/desk";
import { WORK_ORDER_REQUEST_TYPE, type TCreateWorkOrderInput } from "@/domain/work-orders/schemas";
import { clerkCheckDecision } from "@/domain/work-orders/service-record";
import { appendAuditEvent } from "@/server/audit/service";
import { fieldError } from "@/server/complaints/access";
import { currentPolicy } from "@/server/complaints/policy";
import { AppError } from "@/server/errors";
import { lockActiveLineman } from "./office-locks";
import { assertLinkable } from "./property-link";

/**
 * Serialises code assignment (a transaction-scoped advisory lock: released at commit, so the next creator reads
 * the committed highest code). Arbitrary but fixed; db/client.ts's migration lock is 727_274.
 */
const WORK_ORDER_CODE_LOCK = 727_275;

/**
 * The next code of the year, under the lock: `WO-<year>-<highest + 1>`. A counter derived from the table needs no
 * migration, restarts each year by itself, and never skips or reuses a number (a rolled-back creation frees its
 * number for the next one, which is what a paper ledger would do). Creations are rare enough (a desk's pace) for
 * one lock to cost nothing; the unique index on `code` stays the last line of defence.
 */
async function takeNextCode(tx: Db, now: Date): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(WORK_ORDER_CODE_LOCK))})`);
  const year = Number(operatorDay(now).slice(0, 4));
  const prefix = workOrderCodePrefix(year);
  const [row] = await tx
    .select({ highest: max(workOrders.code) })
    .from(workOrders)
    .where(like(workOrders.code, `${prefix}%`));
  const code = nextWorkOrderCode(row?.highest ?? null, year);
  // why internal: a million orders in one year is beyond this desk; it needs a wider number, not a retry.
  if (code === null) throw new AppError("internal", undefined, `work-order numbers of ${year} used up`);
  return code;
}

/**
 * A key customer's deadline comes from the green-channel policy in force (its key tier, the order's kind): the
 * policy's when none is typed, the typed one only when it is not later (a promise may be stricter, never looser).
 * Refused otherwise as the form's field error, with the policy's deadline in details.
 */
async function keyCustomerDeadline(tx: Db, input: TCreateWorkOrderInput, now: Date): Promise<Date | null> {
  if (!input.keyCustomer) return null;
  const policy = await currentPolicy(tx);
  const policyDue = deadlineFrom(now, policy.limits.key[WORK_ORDER_REQUEST_TYPE[input.kind]]);
  if (input.dueAt === null) return policyDue;
  if (input.dueAt.getTime() > policyDue.getTime())
    throw fieldError(
      "dueAt",
      "desk.validation.deadlineAfterPolicy",
      `the deadline is later than the green-channel policy's (${policyDue.toISOString()}, version ${policy.version})`,
    );
  return input.dueAt;
}

/**
 * A new work order, status "assigned" (to its lineman, or waiting for one), with its first event and audit row. An
 * install or move order may be linked to the PBX application or works case it connects (ADR 0039 §6): one still
 * open or passed.
 */
export async function createWorkOrder({ db, actorId, input, now = new Date() }: { db: Db; actorId: string; input: TCreateWorkOrderInput; now?: Date }) {
  // the counter clerk's self-check (营业员自检): one tap on the form; who and when come from the session
  const clerk = clerkCheckDecision(input.clerkCheck);
  if (clerk.kind === "reject") throw new AppError("rule_violation", { rule: clerk.code, field: "clerkCheck" });
  return db.transaction(async (tx) => {
    if (input.assigneeId) await lockActiveLineman(tx, input.assigneeId);
    const linked = input.propertyCaseId ? await assertLinkable(tx, input.propertyCaseId) : null;
    const dueAt = await keyCustomerDeadline(tx, input, now);
    const code = await takeNextCode(tx, now);
    const [created] = await tx
      .insert(workOrders)
      .values({
        code,
        kind: input.kind,
        customerName: input.customerName,
        address: input.address,
        contact: input.contact,
        service: input.service,
        assignedTo: input.assigneeId,
        keyCustomer: input.keyCustomer,
        dueAt,
        scheduledFor: input.scheduledFor,
        status: "assigned",
        version: 1,
        notes: input.notes,
        createdBy: actorId,
        clerkCheckedBy: actorId,
        clerkCheckedAt: now,
        propertyCaseId: linked?.id ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: workOrders.id, code: workOrders.code, status: workOrders.status, version: workOrders.version });
    if (!created) throw new AppError("internal");
    await tx.insert(workOrderEvents).values({
      workOrderId: created.id,
      fromStatus: null,
      toStatus: "assigned",
      actorId,
      serverTime: now,
      versionAfter: 1,
    });
    await appendAuditEvent(tx, {
      actorId,
      subjectType: "work_order",
      subjectId: created.id,
      at: now,
      event: {
        name: "workOrder.created",
        payload: {
          code,
          kind: input.kind,
          keyCustomer: input.keyCustomer,
          dueAt: dueAt?.toISOString() ?? null,
          scheduledFor: input.scheduledFor,
          assigneeId: input.assigneeId,
          propertyCaseCode: linked?.code ?? null,
        },
      },
    });
    await appendAuditEvent(tx, {
      actorId,
      subjectType: "work_order",
      subjectId: created.id,
      at: now,
      event: { name: "clerk.checked", payload: { record: "work_order", code } },
    });
    return created;
  });
}
