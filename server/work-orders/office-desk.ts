import "server-only";
import { and, asc, desc, eq, gte, ilike, inArray, isNotNull, isNull, lte, not, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, workOrders } from "@/db/schema";
import { FINISHED_WORK_ORDER_STATUSES, deskRank, isOverdue, isPastDeadline, operatorDay } from "@/domain/work-orders/desk";
import { decodeDeskCursor, encodeDeskCursor, type TDeskCursor } from "@/domain/work-orders/desk-cursor";
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
function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The contact's digits (work_orders_contact_digits_idx is on exactly this expression). */
const contactDigits = sql`regexp_replace(${workOrders.contact}, '[^0-9]', '', 'g')`;

/**
 * The search box. Unfinished orders (a few thousand): any part of the code, customer or contact, any case, as
 * always. Finished orders (years of them): the beginning of the code, of the customer's name (any case) or of the
 * contact's digits, each a prefix on its own index (work_orders_code_prefix_idx, work_orders_customer_prefix_idx,
 * work_orders_contact_digits_idx), so a search does not read every order ever made (issue 18).
 */
function searchWhere(q: string, part: "unfinished" | "finished"): SQL | undefined {
  if (part === "unfinished") {
    const p = `%${escapeLike(q)}%`;
    return or(ilike(workOrders.code, p), ilike(workOrders.customerName, p), ilike(workOrders.contact, p));
  }
  const prefix = `${escapeLike(q.toLowerCase())}%`;
  const digits = q.replace(/[^0-9]/g, "");
  return or(
    sql`lower(${workOrders.code}) like ${prefix}`,
    sql`lower(${workOrders.customerName}) like ${prefix}`,
    digits.length >= 3 ? sql`${contactDigits} like ${`${digits}%`}` : undefined,
  );
}

function filterWhere(f: TDeskFilter, now: Date, part: "unfinished" | "finished"): SQL | undefined {
  const where: (SQL | undefined)[] = [];
  if (f.assignee === "unassigned") where.push(isNull(workOrders.assignedTo));
  else if (f.assignee) where.push(eq(workOrders.assignedTo, f.assignee));
  if (f.keyOnly) where.push(eq(workOrders.keyCustomer, true));
  if (f.overdueOnly) where.push(overdue(now));
  if (f.from) where.push(gte(workOrders.scheduledFor, f.from));
  if (f.to) where.push(lte(workOrders.scheduledFor, f.to));
  if (f.q) where.push(searchWhere(f.q, part));
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

const codeC = sql`${workOrders.code} collate "C"`;

/** After the cursor's row in the unfinished orders' urgency order (ranked at the cursor's "now"). */
function afterUnfinished(c: TDeskCursor, now: Date): SQL {
  const r = rank(now);
  const due = c.d === null ? sql`'infinity'::timestamptz` : sql`${c.d}::timestamptz`;
  // ranks 0–3: deadline (none last), day, key customers first, code; ranks 4–5: latest day, key customers, latest code
  const within =
    c.r < 4
      ? sql`(coalesce(${workOrders.dueAt}, 'infinity'::timestamptz), ${workOrders.scheduledFor}, not ${workOrders.keyCustomer}, ${codeC}) > (${due}, ${c.s}::date, not ${c.k}::boolean, ${c.c} collate "C")`
      : sql`(${workOrders.scheduledFor}, ${workOrders.keyCustomer}, ${codeC}) < (${c.s}::date, ${c.k}::boolean, ${c.c} collate "C")`;
  return sql`(${r} > ${c.r} or (${r} = ${c.r} and ${within}))`;
}

/** Finished orders (rank 5): latest day first, key customers first, latest code first: work_orders_finished_desk_idx backwards. */
const finishedOrder = [desc(workOrders.scheduledFor), desc(workOrders.keyCustomer), sql`${codeC} desc`];
const afterFinished = (c: TDeskCursor) =>
  sql`(${workOrders.scheduledFor}, ${workOrders.keyCustomer}, ${codeC}) < (${c.s}::date, ${c.k}::boolean, ${c.c} collate "C")`;

type DeskRow = Awaited<ReturnType<typeof deskRows>>[number];

/**
 * A page of unfinished orders in two steps: the ids in urgency order, ranked from work_orders_unfinished_idx alone
 * (its key holds every column the rank, the order, the filters and the search read), then those rows in full.
 * Ranking thousands of open orders from the table itself read every one of their rows (issue 18: 137 ms at 20,000).
 */
async function unfinishedRows(db: Db, where: SQL | undefined, now: Date, limit: number): Promise<DeskRow[]> {
  const ranked = await db
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(where)
    .orderBy(...urgencyOrder(now))
    .limit(limit);
  if (ranked.length === 0) return [];
  const at = new Map(ranked.map((r, i) => [r.id, i]));
  const rows = await deskRows(
    db,
    inArray(
      workOrders.id,
      ranked.map((r) => r.id),
    ),
    [],
    ranked.length,
  );
  return rows.sort((a, b) => at.get(a.id)! - at.get(b.id)!);
}
function deskRows(db: Db, where: SQL | undefined, order: SQL[], limit: number) {
  return db
    .select(deskColumns)
    .from(workOrders)
    .leftJoin(users, eq(users.id, workOrders.assignedTo))
    .where(where)
    .orderBy(...order)
    .limit(limit);
}

/**
 * The office desk: work orders by filter, most urgent first, a page at a time (keyset: `cursor` is where the last page
 * ended; `nextCursor` null when nothing follows), and counts of what needs the office's eye (over every unfinished
 * order, not just the filtered ones). No total: counting every match of years of orders on each page is what made
 * the desk slow (issue 18). Unfinished orders come first (a few thousand, ranked by "now" in SQL), then finished ones
 * in the order of an index, so the closed group reads a page's rows, not all of them.
 */
export async function listDesk({ db, filter, now: clockNow = new Date() }: { db: Db; filter: TDeskFilter; now?: Date }) {
  // ZDeskFilter has checked that it decodes
  const cursor = filter.cursor ? decodeDeskCursor(filter.cursor) : null;
  // later pages rank as the first one did
  const now = cursor ? new Date(cursor.n) : clockNow;
  const want = filter.pageSize + 1;
  const wantUnfinished = filter.group !== "closed" && (!cursor || cursor.r < 5);
  const wantFinished = filter.group !== "open" && !filter.overdueOnly;
  const [unfinished, [counts]] = await Promise.all([
    wantUnfinished
      ? unfinishedRows(
          db,
          and(filterWhere(filter, now, "unfinished"), notInArray(workOrders.status, FINISHED), cursor ? afterUnfinished(cursor, now) : undefined),
          now,
          want,
        )
      : Promise.resolve([] as DeskRow[]),
    db
      .select({
        open: sql<number>`count(*) filter (where ${notInArray(workOrders.status, FINISHED)})`.mapWith(Number),
        overdue: sql<number>`count(*) filter (where ${overdue(clockNow)})`.mapWith(Number),
        pastDeadline: sql<number>`count(*) filter (where ${pastDeadline(clockNow)})`.mapWith(Number),
        unassigned: sql<number>`count(*) filter (where ${and(isNull(workOrders.assignedTo), notInArray(workOrders.status, FINISHED))})`.mapWith(Number),
      })
      .from(workOrders)
      // every count is of unfinished orders (open ⊂ unfinished): read from work_orders_unfinished_idx, not all the years' orders
      .where(notInArray(workOrders.status, FINISHED)),
  ]);
  let rows = unfinished;
  if (wantFinished && rows.length < want) {
    const after = cursor && cursor.r === 5 ? afterFinished(cursor) : undefined;
    // a search's few prefix matches come from their indexes, then sorted: walking the whole ordered index to filter it
    // is what the planner would otherwise pick (`+ 0` hides the order from it)
    const order = filter.q ? [sql`${workOrders.scheduledFor} + 0 desc`, ...finishedOrder.slice(1)] : finishedOrder;
    rows = [
      ...rows,
      ...(await deskRows(db, and(filterWhere(filter, now, "finished"), inArray(workOrders.status, FINISHED), after), order, want - rows.length)),
    ];
  }
  const page = rows.slice(0, filter.pageSize);
  const last = page.at(-1);
  const nextCursor =
    rows.length > filter.pageSize && last
      ? encodeDeskCursor({
          n: now.toISOString(),
          r: deskRank(last, now),
          d: last.dueAt?.toISOString() ?? null,
          s: last.scheduledFor,
          k: last.keyCustomer,
          c: last.code,
          i: last.id,
        })
      : null;
  return {
    items: page.map((r) => ({ ...r, overdue: isOverdue(r, now), pastDeadline: isPastDeadline(r, now) })),
    nextCursor,
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
