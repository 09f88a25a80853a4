import "server-only";
import { randomInt, randomUUID } from "node:crypto";
import { and, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { nonconformities, spotCheckMarks, spotCheckOrders, spotChecks, users, workOrders, zones } from "@/db/schema";
import type { TDepartment } from "@/domain/auth/roles";
import { mayWalkCheck, sampleOrders, type TCheckStatus } from "@/domain/quality/model";
import type { TPlanCheckInput } from "@/domain/quality/schemas";
import { addDays } from "@/domain/time/calendar";
import { startOfOperatorDay } from "@/domain/time/operator";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { AppError } from "@/server/errors";
import { noticeCheckAssigned } from "./notify";
import { nextQualityCode } from "./numbering";

export const QUALITY_PAGE_SIZE = 50;

/** An evidence file's address (app/api/evidence): photos are served by their SHA-256 to who may see them. */
export const evidenceUrl = (sha256: string | null): string | null => (sha256 === null ? null : `/api/evidence/${sha256}`);

const ruleViolation = (rule: string, details?: Record<string, unknown>) => new AppError("rule_violation", { rule, ...(details ?? {}) });

/** Active people for the pickers (a check's assignee, an action's owner), optionally of one department; a head sees their own department's. */
export async function listPeople(db: Db, user: SessionUser, input: { department?: TDepartment | null }) {
  const department = user.role === "department_head" ? user.department : (input.department ?? null);
  return db
    .select({ id: users.id, displayName: users.displayName, role: users.role, department: users.department })
    .from(users)
    .where(and(eq(users.active, true), department ? eq(users.department, department) : undefined))
    .orderBy(asc(users.displayName));
}

/** The ids of the work orders closed within [from, to] (operator days). */
async function closedOrderIds(tx: Db, from: string, to: string): Promise<string[]> {
  const rows = await tx
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(
      and(eq(workOrders.status, "closed"), gte(workOrders.closedAt, startOfOperatorDay(from)), lt(workOrders.closedAt, startOfOperatorDay(addDays(to, 1)))),
    );
  return rows.map((r) => r.id);
}

/**
 * Quality plans a check (标识的检查 / 工单检查): a zone's labels, a department's, or a reproducible sample of work
 * orders closed in a range (domain sampleOrders with a stored seed). The assignee is an active checker, noticed.
 */
export async function planCheck(db: Db, user: SessionUser, input: TPlanCheckInput, seed: number = randomInt(0, 2 ** 31 - 1)) {
  return db.transaction(async (tx) => {
    const now = clockNow();
    const [assignee] = await tx.select({ id: users.id, role: users.role, active: users.active }).from(users).where(eq(users.id, input.assigneeId));
    if (!assignee || !assignee.active || !mayWalkCheck(assignee.role)) throw new AppError("assignee_invalid");
    let zoneCode: string | null = null;
    let sampled: string[] = [];
    if (input.target === "zone") {
      const [zone] = await tx.select({ code: zones.code }).from(zones).where(eq(zones.code, input.zoneCode!));
      if (!zone) throw ruleViolation("unknown_zone", { zoneCode: input.zoneCode });
      zoneCode = zone.code;
    }
    if (input.target === "work_orders") {
      sampled = sampleOrders(await closedOrderIds(tx, input.from!, input.to!), input.sampleSize, seed);
      if (sampled.length === 0) throw ruleViolation("precondition_failed", { closedOrders: 0 });
    }
    const id = randomUUID();
    const code = await nextQualityCode(tx, "SC", now);
    const wo = input.target === "work_orders";
    await tx.insert(spotChecks).values({
      id,
      code,
      target: input.target,
      zoneCode,
      department: input.target === "department" ? input.department : null,
      rangeFrom: wo ? input.from : null,
      rangeTo: wo ? input.to : null,
      sampleSize: wo ? input.sampleSize : null,
      sampleSeed: wo ? seed : null,
      planned: true,
      plannedFor: input.plannedFor,
      assigneeId: assignee.id,
      status: "planned",
      note: input.note,
      createdBy: user.id,
      createdAt: now,
    });
    if (sampled.length > 0) await tx.insert(spotCheckOrders).values(sampled.map((workOrderId) => ({ checkId: id, workOrderId })));
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "spot_check",
      subjectId: id,
      at: now,
      event: {
        name: "spotCheck.planned",
        payload: {
          code,
          target: input.target,
          zoneCode,
          department: input.target === "department" ? input.department : null,
          assigneeId: assignee.id,
          plannedFor: input.plannedFor,
          sampled: sampled.length,
        },
      },
    });
    const subject = zoneCode ?? (input.target === "department" ? (input.department ?? "") : `${input.from} – ${input.to}`);
    await noticeCheckAssigned(tx, { id, code, assigneeId: assignee.id, plannedFor: input.plannedFor, subject, workOrders: wo });
    return { id, code };
  });
}

/** The checks, newest first: planned ones by their day, with their marks and findings counted. */
export async function listChecks(db: Db, input: { status?: TCheckStatus | null; page: number }) {
  const where: SQL | undefined = input.status ? eq(spotChecks.status, input.status) : undefined;
  const marks = db
    .select({
      checkId: spotCheckMarks.checkId,
      marks: count().as("marks"),
      findings: sql<number>`count(*) filter (where ${spotCheckMarks.result} <> 'correct')`.mapWith(Number).as("findings"),
    })
    .from(spotCheckMarks)
    .groupBy(spotCheckMarks.checkId)
    .as("m");
  const orders = db
    .select({
      checkId: spotCheckOrders.checkId,
      orders: count().as("orders"),
      orderFindings: sql<number>`count(*) filter (where ${spotCheckOrders.result} is not null and ${spotCheckOrders.result} <> 'ok')`
        .mapWith(Number)
        .as("order_findings"),
    })
    .from(spotCheckOrders)
    .groupBy(spotCheckOrders.checkId)
    .as("o");
  const [total] = await db.select({ n: count() }).from(spotChecks).where(where);
  const rows = await db
    .select({
      id: spotChecks.id,
      code: spotChecks.code,
      target: spotChecks.target,
      zoneCode: spotChecks.zoneCode,
      department: spotChecks.department,
      plannedFor: spotChecks.plannedFor,
      planned: spotChecks.planned,
      assigneeName: users.displayName,
      status: spotChecks.status,
      marks: marks.marks,
      findings: marks.findings,
      orders: orders.orders,
      orderFindings: orders.orderFindings,
      submittedAt: spotChecks.submittedAt,
    })
    .from(spotChecks)
    .leftJoin(users, eq(users.id, spotChecks.assigneeId))
    .leftJoin(marks, eq(marks.checkId, spotChecks.id))
    .leftJoin(orders, eq(orders.checkId, spotChecks.id))
    .where(where)
    .orderBy(desc(spotChecks.createdAt), desc(spotChecks.code))
    .limit(QUALITY_PAGE_SIZE)
    .offset((input.page - 1) * QUALITY_PAGE_SIZE);
  return {
    rows: rows.map(({ orders: o, orderFindings, ...r }) => ({
      ...r,
      marks: (r.marks ?? 0) + (o ?? 0),
      findings: (r.findings ?? 0) + (orderFindings ?? 0),
    })),
    total: total?.n ?? 0,
  };
}

/** One check: its marks (with photo addresses), its sampled work orders (with their marks) and the nonconformities raised. */
export async function getCheck(db: Db, id: string) {
  const submitter = alias(users, "submitter");
  const [check] = await db
    .select({
      id: spotChecks.id,
      code: spotChecks.code,
      target: spotChecks.target,
      zoneCode: spotChecks.zoneCode,
      department: spotChecks.department,
      rangeFrom: spotChecks.rangeFrom,
      rangeTo: spotChecks.rangeTo,
      sampleSize: spotChecks.sampleSize,
      sampleSeed: spotChecks.sampleSeed,
      planned: spotChecks.planned,
      plannedFor: spotChecks.plannedFor,
      assigneeId: spotChecks.assigneeId,
      assigneeName: users.displayName,
      status: spotChecks.status,
      note: spotChecks.note,
      createdAt: spotChecks.createdAt,
      submittedAt: spotChecks.submittedAt,
      submittedByName: submitter.displayName,
      version: spotChecks.version,
    })
    .from(spotChecks)
    .leftJoin(users, eq(users.id, spotChecks.assigneeId))
    .leftJoin(submitter, eq(submitter.id, spotChecks.submittedBy))
    .where(eq(spotChecks.id, id));
  if (!check) throw new AppError("not_found");
  const marks = await db
    .select({
      id: spotCheckMarks.id,
      tag: spotCheckMarks.tag,
      subject: spotCheckMarks.subject,
      labelKind: spotCheckMarks.labelKind,
      result: spotCheckMarks.result,
      expectedKind: spotCheckMarks.expectedKind,
      expectedStatus: spotCheckMarks.expectedStatus,
      expectedZone: spotCheckMarks.expectedZone,
      note: spotCheckMarks.note,
      photoSha256: spotCheckMarks.photoSha256,
      markedAt: spotCheckMarks.markedAt,
      nonconformityId: spotCheckMarks.nonconformityId,
      nonconformityCode: nonconformities.code,
    })
    .from(spotCheckMarks)
    .leftJoin(nonconformities, eq(nonconformities.id, spotCheckMarks.nonconformityId))
    .where(eq(spotCheckMarks.checkId, id))
    .orderBy(asc(spotCheckMarks.markedAt), asc(spotCheckMarks.id));
  const orders = await db
    .select({
      workOrderId: spotCheckOrders.workOrderId,
      workOrderCode: workOrders.code,
      kind: workOrders.kind,
      customerName: workOrders.customerName,
      closedAt: workOrders.closedAt,
      result: spotCheckOrders.result,
      note: spotCheckOrders.note,
      markedByName: users.displayName,
      markedAt: spotCheckOrders.markedAt,
      nonconformityId: spotCheckOrders.nonconformityId,
      nonconformityCode: nonconformities.code,
    })
    .from(spotCheckOrders)
    .innerJoin(workOrders, eq(workOrders.id, spotCheckOrders.workOrderId))
    .leftJoin(users, eq(users.id, spotCheckOrders.markedBy))
    .leftJoin(nonconformities, eq(nonconformities.id, spotCheckOrders.nonconformityId))
    .where(eq(spotCheckOrders.checkId, id))
    .orderBy(asc(workOrders.closedAt), asc(workOrders.code));
  const ncIds = [...marks.map((m) => m.nonconformityId), ...orders.map((o) => o.nonconformityId)].filter((x): x is string => x !== null);
  const ncs = ncIds.length
    ? await db
        .select({ id: nonconformities.id, code: nonconformities.code, department: nonconformities.department, status: nonconformities.status })
        .from(nonconformities)
        .where(inArray(nonconformities.id, ncIds))
        .orderBy(asc(nonconformities.code))
    : [];
  return {
    ...check,
    marks: marks.map(({ photoSha256, ...m }) => ({ ...m, photoSha256, photoUrl: evidenceUrl(photoSha256) })),
    orders,
    nonconformities: ncs,
    nonconformityCodes: ncs.map((n) => n.code),
  };
}
