import "server-only";
import { and, asc, count, eq, gte, ilike, inArray, isNotNull, isNull, lte, not, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, workOrders } from "@/db/schema";
import { FINISHED_WORK_ORDER_STATUSES, isOverdue, isPastDeadline, operatorDay } from "@/domain/work-orders/desk";
import type { TDeskFilter } from "@/domain/work-orders/schemas";
import { OPEN_WORK_ORDER_STATUSES } from "@/domain/work-orders/status";

const OPEN = [...OPEN_WORK_ORDER_STATUSES];
const FINISHED = [...FINISHED_WORK_ORDER_STATUSES];

/** The lineman still has something to do. */
const isOpen = () => inArray(workOrders.status, OPEN);
/** The order has a deadline: a key customer's time limit (domain hasDeadline). */
const withDeadline = () => and(eq(workOrders.keyCustomer, true), isNotNull(workOrders.dueAt))!;
/** A key customer's deadline has passed (domain isPastDeadline). */
const pastDeadline = (now: Date) => and(isOpen(), withDeadline(), sql`${workOrders.dueAt} < ${now.toISOString()}::timestamptz`)!;
/** The deadline when there is one, else the scheduled day (domain isOverdue). */
const overdue = (now: Date) => or(pastDeadline(now), and(isOpen(), not(withDeadline()), sql`${workOrders.scheduledFor} < ${operatorDay(now)}::date`))!;

/** domain/work-orders/desk.ts deskRank, in SQL (office-desk.test.ts checks they agree). */
function rank(now: Date): SQL<number> {
  return sql<number>`(case
    when ${pastDeadline(now)} then 0
    when ${overdue(now)} then 1
    when ${isOpen()} and ${workOrders.keyCustomer} then 2
    when ${isOpen()} then 3
    when ${inArray(workOrders.status, FINISHED)} then 5
    else 4 end)`;
}

/** domain byDeskUrgency, in SQL: ranks 0–3 soonest first, ranks 4–5 latest first. */
function urgencyOrder(now: Date): SQL[] {
  const r = rank(now);
  const code = sql`${workOrders.code} collate "C"`;
  return [
    sql`${r} asc`,
    sql`(case when ${r} < 4 then ${workOrders.dueAt} end) asc nulls last`,
    sql`(case when ${r} < 4 then ${workOrders.scheduledFor} end) asc`,
    sql`(case when ${r} >= 4 then ${workOrders.scheduledFor} end) desc`,
    sql`${workOrders.keyCustomer} desc`,
    sql`(case when ${r} < 4 then ${code} end) asc`,
    sql`(case when ${r} >= 4 then ${code} end) desc`,
  ];
}

/** `%`, `_` and `\` typed by a person are searched for as themselves. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filterWhere(f: TDeskFilter, now: Date): SQL | undefined {
  const where: (SQL | undefined)[] = [];
  if (f.group === "open") where.push(notInArray(workOrders.status, FINISHED));
  if (f.group === "closed") where.push(inArray(workOrders.status, FINISHED));
  if (f.assignee === "unassigned") where.push(isNull(workOrders.assignedTo));
  else if (f.assignee) where.push(eq(workOrders.assignedTo, f.assignee));
  if (f.keyOnly) where.push(eq(workOrders.keyCustomer, true));
  if (f.overdueOnly) where.push(overdue(now));
  if (f.from) where.push(gte(workOrders.scheduledFor, f.from));
  if (f.to) where.push(lte(workOrders.scheduledFor, f.to));
  if (f.q) {
    const p = likePattern(f.q);
    where.push(or(ilike(workOrders.code, p), ilike(workOrders.customerName, p), ilike(workOrders.contact, p)));
  }
  return and(...where);
}

/** What the desk shows of a work order: its card plus its lineman and progress. */
const deskColumns = {
  id: workOrders.id,
  code: workOrders.code,
  kind: workOrders.kind,
  customerName: workOrders.customerName,
  address: workOrders.address,
  contact: workOrders.contact,
  service: workOrders.service,
  keyCustomer: workOrders.keyCustomer,
  dueAt: workOrders.dueAt,
  scheduledFor: workOrders.scheduledFor,
  status: workOrders.status,
  statusReason: workOrders.statusReason,
  version: workOrders.version,
  updatedAt: workOrders.updatedAt,
  closedAt: workOrders.closedAt,
  assigneeId: workOrders.assignedTo,
  assigneeName: users.displayName,
  assigneeActive: users.active,
};

/**
 * The office desk: work orders by filter, most urgent first, a page at a time, with the number that match and
 * counts of what needs the office's eye (over every order, not just the filtered ones).
 */
export async function listDesk({ db, filter, now = new Date() }: { db: Db; filter: TDeskFilter; now?: Date }) {
  const where = filterWhere(filter, now);
  const [rows, [total], [counts]] = await Promise.all([
    db
      .select(deskColumns)
      .from(workOrders)
      .leftJoin(users, eq(users.id, workOrders.assignedTo))
      .where(where)
      .orderBy(...urgencyOrder(now))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(workOrders).where(where),
    db
      .select({
        open: sql<number>`count(*) filter (where ${notInArray(workOrders.status, FINISHED)})`.mapWith(Number),
        overdue: sql<number>`count(*) filter (where ${overdue(now)})`.mapWith(Number),
        pastDeadline: sql<number>`count(*) filter (where ${pastDeadline(now)})`.mapWith(Number),
        unassigned: sql<number>`count(*) filter (where ${and(isNull(workOrders.assignedTo), notInArray(workOrders.status, FINISHED))})`.mapWith(Number),
      })
      .from(workOrders),
  ]);
  return {
    items: rows.map((r) => ({ ...r, overdue: isOverdue(r, now), pastDeadline: isPastDeadline(r, now) })),
    total: total?.n ?? 0, // count() maps to a number (drizzle's mapWith(Number))
    page: filter.page,
    pageSize: filter.pageSize,
    counts: counts ?? { open: 0, overdue: 0, pastDeadline: 0, unassigned: 0 },
    now,
  };
}

/** Active linemen, for assigning and for the desk's lineman filter, with how many open orders each holds. */
export async function listLinemen({ db }: { db: Db }) {
  const rows = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      username: users.username,
      openOrders: sql<number>`count(${workOrders.id})`.mapWith(Number),
    })
    .from(users)
    .leftJoin(workOrders, and(eq(workOrders.assignedTo, users.id), isOpen()))
    .where(and(eq(users.role, "lineman"), eq(users.active, true)))
    .groupBy(users.id, users.displayName, users.username)
    .orderBy(asc(users.displayName));
  return rows;
}
