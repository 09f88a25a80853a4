import "server-only";
import { and, count, desc, eq, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { correctiveActions, nonconformities, users } from "@/db/schema";
import { ageDays, mayReadAllQuality } from "@/domain/quality/model";
import type { TNcFilter } from "@/domain/quality/schemas";
import { operatorDay } from "@/domain/time/operator";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { AppError } from "@/server/errors";
import { evidenceUrl, QUALITY_PAGE_SIZE } from "./checks";

/** What a nonconformity's summary shows, here and with its corrective-action record (actions-read.ts). */
export const NC_COLUMNS = {
  id: nonconformities.id,
  code: nonconformities.code,
  source: nonconformities.source,
  sourceRef: nonconformities.sourceRef,
  finding: nonconformities.finding,
  labelKind: nonconformities.labelKind,
  department: nonconformities.department,
  description: nonconformities.description,
  tag: nonconformities.tag,
  status: nonconformities.status,
  raisedAt: nonconformities.raisedAt,
};

/** Quality and the GM read every nonconformity; a department head their own department's (nothing else reaches here). */
function departmentScope(user: SessionUser): SQL | undefined {
  return mayReadAllQuality(user.role) ? undefined : eq(nonconformities.department, user.department);
}

/** Days open: to today, or to the day it was closed. */
function ncAge(raisedAt: Date, closedAt: Date | null, now: Date): number {
  return ageDays(operatorDay(raisedAt), operatorDay(closedAt ?? now));
}

/** The nonconformities, newest first, filtered by status, department and source. */
export async function listNonconformities(db: Db, user: SessionUser, input: TNcFilter) {
  const now = clockNow();
  const where = and(
    departmentScope(user),
    input.status ? eq(nonconformities.status, input.status) : undefined,
    input.department ? eq(nonconformities.department, input.department) : undefined,
    input.source ? eq(nonconformities.source, input.source) : undefined,
  );
  const [total] = await db.select({ n: count() }).from(nonconformities).where(where);
  const rows = await db
    .select({
      ...NC_COLUMNS,
      closedAt: nonconformities.closedAt,
      actionId: nonconformities.actionId,
      actionCode: correctiveActions.code,
    })
    .from(nonconformities)
    .leftJoin(correctiveActions, eq(correctiveActions.id, nonconformities.actionId))
    .where(where)
    .orderBy(desc(nonconformities.raisedAt), desc(nonconformities.code))
    .limit(QUALITY_PAGE_SIZE)
    .offset((input.page - 1) * QUALITY_PAGE_SIZE);
  return {
    rows: rows.map(({ closedAt, ...r }) => ({ ...r, ageDays: ncAge(r.raisedAt, closedAt, now) })),
    total: total?.n ?? 0,
  };
}

/** One nonconformity with its photo's address, who raised it, and its corrective-action record's summary. */
export async function getNonconformity(db: Db, user: SessionUser, id: string) {
  const [n] = await db
    .select({
      id: nonconformities.id,
      code: nonconformities.code,
      source: nonconformities.source,
      sourceRef: nonconformities.sourceRef,
      finding: nonconformities.finding,
      labelKind: nonconformities.labelKind,
      department: nonconformities.department,
      description: nonconformities.description,
      tag: nonconformities.tag,
      photoSha256: nonconformities.photoSha256,
      raisedBy: nonconformities.raisedBy,
      raisedByName: users.displayName,
      raisedAt: nonconformities.raisedAt,
      status: nonconformities.status,
      closedReason: nonconformities.closedReason,
      closedAt: nonconformities.closedAt,
      causeCategory: nonconformities.causeCategory,
      actionId: nonconformities.actionId,
      version: nonconformities.version,
    })
    .from(nonconformities)
    .innerJoin(users, eq(users.id, nonconformities.raisedBy))
    .where(and(eq(nonconformities.id, id), departmentScope(user)));
  if (!n) throw new AppError("not_found");
  const [action] = n.actionId
    ? await db
        .select({
          id: correctiveActions.id,
          code: correctiveActions.code,
          status: correctiveActions.status,
          round: correctiveActions.round,
          requiredBy: correctiveActions.requiredBy,
          closedAt: correctiveActions.closedAt,
        })
        .from(correctiveActions)
        .where(eq(correctiveActions.id, n.actionId))
    : [];
  return { ...n, photoUrl: evidenceUrl(n.photoSha256), ageDays: ncAge(n.raisedAt, n.closedAt, clockNow()), action: action ?? null };
}
