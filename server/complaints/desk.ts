import "server-only";
import { and, eq, inArray, isNotNull, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "@/db/client";
import { complaintCategories, complaints, keyCustomers } from "@/db/schema";
import type { TDepartment } from "@/domain/auth/roles";
import { AWAITING_REPLY, isDeskRole, isQuality, type TActor } from "@/domain/complaints/model";
import { phoneDigits } from "@/domain/complaints/codes";
import type { ZDeskQuery } from "@/domain/complaints/schemas";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { AppError } from "@/server/errors";

export type TDeskQueryParsed = z.output<typeof ZDeskQuery>;
type TDeskState = TDeskQueryParsed["state"];

export interface TDeskRow {
  id: string;
  code: string;
  kind: (typeof complaints.$inferSelect)["kind"];
  channel: (typeof complaints.$inferSelect)["channel"];
  customerName: string;
  contact: string;
  status: (typeof complaints.$inferSelect)["status"];
  category: string | null;
  categoryZh: string | null;
  categoryEn: string | null;
  severity: (typeof complaints.$inferSelect)["severity"];
  department: TDepartment | null;
  keyCustomer: { id: string; name: string } | null;
  receivedAt: Date;
  dueAt: Date;
  repliedAt: Date | null;
  escalation: (typeof complaints.$inferSelect)["escalation"];
}

export interface TDeskCounts {
  open: number;
  overdue: number;
  escalated: number;
  unclassified: number;
}

export interface TDeskPage {
  rows: TDeskRow[];
  nextCursor: string | null;
  counts: TDeskCounts;
}

/** Sees every form: customer service, quality, the general manager, admins. Anyone else reads their department's. */
export function seesEveryForm(user: Pick<TActor, "role">): boolean {
  return isDeskRole(user) || isQuality(user) || user.role === "general_manager";
}

const c = complaints;
const AWAITING = [...AWAITING_REPLY];

/** The state's rows (domain: not closed; awaitsReply and past dueAt; escalated and not closed; closed). */
function stateWhere(state: TDeskState, now: Date): SQL | undefined {
  switch (state) {
    case "open":
      return ne(c.status, "closed");
    case "overdue":
      // written as the partial index's own predicate (an IN list), so the planner walks complaints_awaiting_due_idx
      return and(inArray(c.status, AWAITING), sql`${c.dueAt} < ${now.toISOString()}::timestamptz`);
    case "escalated":
      return and(isNotNull(c.escalation), ne(c.status, "closed"));
    case "closed":
      return eq(c.status, "closed");
    case "all":
      return undefined;
  }
}

/**
 * The sort key of each state: the queue by deadline (soonest, so the overdue, first), the closed by when they closed
 * (latest first), everything by when it was received (latest first); the form number breaks ties. One index each.
 */
function sortOf(state: TDeskState): { key: AnyPgColumn; desc: boolean } {
  if (state === "closed") return { key: c.closedAt, desc: true };
  if (state === "all") return { key: c.receivedAt, desc: true };
  return { key: c.dueAt, desc: false };
}

/** The cursor: the last row's sort key exactly as the database holds it (microseconds), and its form number. */
/** A timestamptz as PostgreSQL writes it (`2026-05-10 09:30:00.000001+08`). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2}){0,2}|Z)?$/;
const ZCursor = z.tuple([z.string().min(1).max(60), z.string().min(1).max(60)]);

function encodeCursor(key: string, code: string): string {
  return Buffer.from(JSON.stringify([key, code]), "utf8").toString("base64url");
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const parsed = ZCursor.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (parsed.success && TIMESTAMP.test(parsed.data[0])) return parsed.data;
  } catch {
    // falls through to the refusal
  }
  throw new AppError("bad_input", { issues: [{ path: ["cursor"], message: "validation.invalid" }] });
}

/** `%`, `_` and `\` typed by a person are searched for as themselves. */
function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * What the search box means: a form number (TS-…, whole or its beginning), a phone number (its digits, the beginning
 * of the contact's digits), else the beginning of the customer's name, any case. Each a prefix, so each uses its index.
 */
export function searchWhere(raw: string): SQL | undefined {
  const q = raw.trim();
  if (q === "") return undefined;
  if (/^ts-?\d/i.test(q) || /^ts-?$/i.test(q)) {
    const code = q.toUpperCase().replace(/^TS-?/, "TS-");
    return sql`${c.code} like ${`${escapeLike(code)}%`}`;
  }
  const digits = phoneDigits(q);
  if (digits.length >= 3 && /^[\d\s()+\-.]+$/.test(q)) return sql`${c.contactDigits} like ${`${digits}%`}`;
  return sql`lower(${c.customerName}) like ${`${escapeLike(q.toLowerCase())}%`}`;
}

function filterWhere(q: TDeskQueryParsed): SQL[] {
  const where: SQL[] = [];
  if (q.status) where.push(eq(c.status, q.status));
  if (q.channel) where.push(eq(c.channel, q.channel));
  if (q.kind) where.push(eq(c.kind, q.kind));
  if (q.category) where.push(eq(c.category, q.category));
  if (q.department) where.push(eq(c.department, q.department));
  if (q.keyCustomer === true) where.push(isNotNull(c.keyCustomerId));
  if (q.keyCustomer === false) where.push(isNull(c.keyCustomerId));
  if (q.search) {
    const s = searchWhere(q.search);
    if (s) where.push(s);
  }
  return where;
}

/** The reader's scope: everything for the desk's readers, else their own department's forms. */
function scopeWhere(user: SessionUser): SQL | undefined {
  // as complaints.get reads (access.ts mayRead): the responsible department's, and a request its department is told of
  return seesEveryForm(user) ? undefined : or(eq(c.department, user.department), sql`${c.departmentsConcerned} @> array[${user.department}]::text[]`);
}

/**
 * The counts over the reader's scope (not the filters): each a count over its own partial index, so they stay an
 * index-only scan of the few open forms however many closed ones there are.
 */
export function deskCountsQuery(db: Db, user: SessionUser, now: Date) {
  const scope = scopeWhere(user);
  const n = (state: SQL | undefined) => sql<number>`(select count(*)::int from ${c} where ${and(state, scope) ?? sql`true`})`;
  return db
    .select({
      open: n(stateWhere("open", now)),
      overdue: n(stateWhere("overdue", now)),
      escalated: n(stateWhere("escalated", now)),
      unclassified: n(eq(c.status, "recorded")),
    })
    .from(sql`(select 1) as one`);
}

/**
 * The complaints desk: a page of forms in the state asked for, filtered and searched, in the state's order, after the
 * cursor (keyset, never OFFSET), with the desk's counts. `now` decides what is overdue (server/clock.ts in the app).
 */
export async function complaintDesk(db: Db, user: SessionUser, q: TDeskQueryParsed, now = clockNow()): Promise<TDeskPage> {
  const [rows, [counts]] = await Promise.all([deskRowsQuery(db, user, q, now), deskCountsQuery(db, user, now)]);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    rows: page.map(({ keyCustomerId, keyCustomerName, sortKey: _sortKey, ...r }) => ({
      ...r,
      keyCustomer: keyCustomerId ? { id: keyCustomerId, name: keyCustomerName ?? "" } : null,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.sortKey, last.code) : null,
    counts: counts ?? { open: 0, overdue: 0, escalated: 0, unclassified: 0 },
  };
}

/** The page's rows (one more than the limit: whether there is a next page), as a query (the benchmark explains it). */
export function deskRowsQuery(db: Db, user: SessionUser, q: TDeskQueryParsed, now: Date) {
  const { key, desc } = sortOf(q.state);
  const where: (SQL | undefined)[] = [stateWhere(q.state, now), scopeWhere(user), ...filterWhere(q)];
  if (q.cursor) {
    const [k, code] = decodeCursor(q.cursor);
    where.push(desc ? sql`(${key}, ${c.code}) < (${k}::timestamptz, ${code})` : sql`(${key}, ${c.code}) > (${k}::timestamptz, ${code})`);
  }
  const order = desc ? [sql`${key} desc`, sql`${c.code} desc`] : [sql`${key} asc`, sql`${c.code} asc`];
  return db
    .select({
      id: c.id,
      code: c.code,
      kind: c.kind,
      channel: c.channel,
      customerName: c.customerName,
      contact: c.contact,
      status: c.status,
      category: c.category,
      categoryZh: complaintCategories.nameZh,
      categoryEn: complaintCategories.nameEn,
      severity: c.severity,
      department: c.department,
      keyCustomerId: c.keyCustomerId,
      keyCustomerName: keyCustomers.name,
      receivedAt: c.receivedAt,
      dueAt: c.dueAt,
      repliedAt: c.repliedAt,
      escalation: c.escalation,
      sortKey: sql<string>`${key}::text`,
    })
    .from(c)
    .leftJoin(complaintCategories, eq(complaintCategories.code, c.category))
    .leftJoin(keyCustomers, eq(keyCustomers.id, c.keyCustomerId))
    .where(and(...where))
    .orderBy(...order)
    .limit(q.limit + 1);
}
