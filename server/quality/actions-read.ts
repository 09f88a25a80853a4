import "server-only";
import { aliasedTable, and, asc, count, desc, eq, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { correctiveActions, correctiveActionSteps, nonconformities, users } from "@/db/schema";
import type { TDepartment } from "@/domain/auth/roles";
import { ageDays, caStepDecision, type TCaStatus, dueStep, isOverdue, mayReadAction, mayReadAllQuality, VERIFY_WITHIN_DAYS } from "@/domain/quality/model";
import type { TActionFilter } from "@/domain/quality/schemas";
import { operatorDay } from "@/domain/time/operator";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { AppError } from "@/server/errors";
import { NC_COLUMNS } from "./nonconformities-read";

export const ACTIONS_PAGE = 50;

const owner = aliasedTable(users, "owner");
const sender = aliasedTable(users, "sender");

const rowColumns = {
  id: correctiveActions.id,
  code: correctiveActions.code,
  ncId: correctiveActions.nonconformityId,
  ncCode: nonconformities.code,
  department: correctiveActions.department,
  description: correctiveActions.description,
  status: correctiveActions.status,
  round: correctiveActions.round,
  requiredBy: correctiveActions.requiredBy,
  actionDueOn: correctiveActions.actionDueOn,
  implementedOn: correctiveActions.implementedOn,
  ownerId: correctiveActions.ownerId,
  ownerName: owner.displayName,
  sentAt: correctiveActions.sentAt,
  closedAt: correctiveActions.closedAt,
  version: correctiveActions.version,
};
interface TRawRow {
  id: string;
  code: string;
  ncId: string;
  ncCode: string;
  department: TDepartment;
  description: string;
  status: TCaStatus;
  round: number;
  requiredBy: string;
  actionDueOn: string | null;
  implementedOn: string | null;
  ownerId: string | null;
  ownerName: string | null;
  sentAt: Date;
  closedAt: Date | null;
  version: number;
}

/** A row as the lists show it: the step due and by when, overdue on the operator's today, days open. */
function shape(r: TRawRow, today: string) {
  const due = dueStep(r);
  return {
    id: r.id,
    code: r.code,
    ncId: r.ncId,
    ncCode: r.ncCode,
    department: r.department,
    description: r.description,
    status: r.status,
    round: r.round,
    requiredBy: r.requiredBy,
    due,
    overdue: isOverdue(due, today),
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    ageDays: ageDays(operatorDay(r.sentAt), r.closedAt ? operatorDay(r.closedAt) : today),
    version: r.version,
  };
}
export type TActionRow = ReturnType<typeof shape>;

/** SQL of domain isOverdue(dueStep(…), today), so a filtered page counts right. */
function overdueSql(today: string): SQL {
  const a = correctiveActions;
  return sql`(case ${a.status}
    when 'sent' then ${a.requiredBy} < ${today}::date
    when 'planned' then coalesce(${a.actionDueOn}, ${a.requiredBy}) < ${today}::date
    when 'implemented' then coalesce(${a.implementedOn}, ${a.requiredBy}) + ${VERIFY_WITHIN_DAYS}::int < ${today}::date
    else false end)`;
}

/** What this person may list: quality and the general manager all; a head their department's; anyone what they own. */
function scopeOf(user: SessionUser): SQL | undefined {
  if (mayReadAllQuality(user.role)) return undefined;
  if (user.role === "department_head") return or(eq(correctiveActions.department, user.department), eq(correctiveActions.ownerId, user.id));
  return eq(correctiveActions.ownerId, user.id);
}

/** The records, filtered (status, department, overdue only), open ones first by their required-by date. */
export async function listActions(db: Db, user: SessionUser, f: TActionFilter, now: Date = clockNow()) {
  const today = operatorDay(now);
  const where = and(
    scopeOf(user),
    f.status ? eq(correctiveActions.status, f.status) : undefined,
    f.department ? eq(correctiveActions.department, f.department) : undefined,
    f.overdueOnly ? overdueSql(today) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select(rowColumns)
      .from(correctiveActions)
      .innerJoin(nonconformities, eq(nonconformities.id, correctiveActions.nonconformityId))
      .leftJoin(owner, eq(owner.id, correctiveActions.ownerId))
      .where(where)
      .orderBy(sql`${correctiveActions.status} = 'closed'`, asc(correctiveActions.requiredBy), desc(correctiveActions.code))
      .limit(ACTIONS_PAGE)
      .offset((f.page - 1) * ACTIONS_PAGE),
    db.select({ n: count() }).from(correctiveActions).innerJoin(nonconformities, eq(nonconformities.id, correctiveActions.nonconformityId)).where(where),
  ]);
  return { rows: rows.map((r) => shape(r, today)), total: total?.n ?? 0, pageSize: ACTIONS_PAGE };
}

/** The head's home (and anyone who owns an action): open records of my department (heads) or owned by me, by due day. */
export async function myActions(db: Db, user: SessionUser, now: Date = clockNow()) {
  const today = operatorDay(now);
  const mine =
    user.role === "department_head"
      ? or(eq(correctiveActions.department, user.department), eq(correctiveActions.ownerId, user.id))
      : eq(correctiveActions.ownerId, user.id);
  const rows = await db
    .select(rowColumns)
    .from(correctiveActions)
    .innerJoin(nonconformities, eq(nonconformities.id, correctiveActions.nonconformityId))
    .leftJoin(owner, eq(owner.id, correctiveActions.ownerId))
    .where(and(ne(correctiveActions.status, "closed"), mine))
    .limit(200);
  const shaped = rows.map((r) => shape(r, today));
  shaped.sort((a, b) => (a.due?.dueOn ?? "").localeCompare(b.due?.dueOn ?? "") || a.code.localeCompare(b.code));
  return { rows: shaped };
}

/** One record in full: its nonconformity, every signed step of every round, and what the caller may do now. */
export async function getAction(db: Db, user: SessionUser, id: string, now: Date = clockNow()) {
  const today = operatorDay(now);
  const [row] = await db
    .select({
      ...rowColumns,
      causeAnalysis: correctiveActions.causeAnalysis,
      causeCategory: correctiveActions.causeCategory,
      correction: correctiveActions.correction,
      correctiveAction: correctiveActions.correctiveAction,
      preventiveAction: correctiveActions.preventiveAction,
      followUpCheckId: correctiveActions.followUpCheckId,
      sentByName: sender.displayName,
    })
    .from(correctiveActions)
    .innerJoin(nonconformities, eq(nonconformities.id, correctiveActions.nonconformityId))
    .leftJoin(owner, eq(owner.id, correctiveActions.ownerId))
    .leftJoin(sender, eq(sender.id, correctiveActions.sentBy))
    .where(eq(correctiveActions.id, id));
  if (!row) throw new AppError("not_found");
  if (!mayReadAction(user, row)) throw new AppError("not_found");
  const [nc] = await db.select(NC_COLUMNS).from(nonconformities).where(eq(nonconformities.id, row.ncId));
  const steps = await db
    .select({
      step: correctiveActionSteps.step,
      round: correctiveActionSteps.round,
      byName: correctiveActionSteps.byName,
      at: correctiveActionSteps.at,
      content: correctiveActionSteps.content,
      contentSha256: correctiveActionSteps.contentSha256,
    })
    .from(correctiveActionSteps)
    .where(eq(correctiveActionSteps.actionId, id))
    .orderBy(asc(correctiveActionSteps.at), asc(correctiveActionSteps.round));
  const state = { status: row.status, department: row.department, ownerId: row.ownerId };
  return {
    ...shape(row, today),
    causeAnalysis: row.causeAnalysis,
    causeCategory: row.causeCategory,
    correction: row.correction,
    correctiveAction: row.correctiveAction,
    preventiveAction: row.preventiveAction,
    actionDueOn: row.actionDueOn,
    implementedOn: row.implementedOn,
    followUpCheckId: row.followUpCheckId,
    sentByName: row.sentByName,
    sentAt: row.sentAt,
    closedAt: row.closedAt,
    nc: nc!,
    steps,
    can: {
      plan: caStepDecision("planned", state, user).ok,
      implement: caStepDecision("implemented", state, user).ok,
      verify: caStepDecision("verified_effective", state, user).ok,
    },
  };
}
export type TActionDetail = Awaited<ReturnType<typeof getAction>>;
