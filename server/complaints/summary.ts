import "server-only";
import { and, desc, eq, gte, isNotNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { complaintCategories, complaintEscalations, complaints, complaintSummaries } from "@/db/schema";
import { DEPARTMENTS, type TRole } from "@/domain/auth/roles";
import { answeredOnTime } from "@/domain/complaints/deadlines";
import { COMPLAINT_CHANNELS, COMPLAINT_KINDS, ESCALATION_CAUSES, ESCALATION_LEVELS, SEVERITIES } from "@/domain/complaints/model";
import { ZMonth } from "@/domain/complaints/schemas";
import { toCsv } from "@/domain/instruments/csv";
import { addMonths } from "@/domain/time/calendar";
import { startOfOperatorDay } from "@/domain/time/operator";
import { appendAuditEvent } from "@/server/audit/service";
import { now as clockNow } from "@/server/clock";
import { raiseNotice } from "@/server/notices/service";
import { ruleViolation } from "./access";

/** A share answered on time: how many, how many of them on time, and the share (null when none). */
export interface TShare {
  count: number;
  onTime: number;
  share: number | null;
}

/** The month's summary of forms for enterprise management (stored as a complaint_summaries row's data). */
export interface TMonthSummary {
  month: string;
  /** The operator month's bounds: [from, to) in Asia/Shanghai. */
  from: string;
  to: string;
  /** When the figures were taken; for the month in progress, open and overdue are as of then. */
  asOf: string;
  /** Forms received in the month, and their spread. */
  received: number;
  byChannel: Record<string, number>;
  byKind: Record<string, number>;
  /** Category code ("" = not classified). */
  byCategory: Record<string, number>;
  /** Responsible department ("" = not classified). */
  byDepartment: Record<string, number>;
  bySeverity: Record<string, number>;
  /** The category names for the printouts: code → [中文, English]. */
  categoryNames: Record<string, [string, string]>;
  /** Closed in the month (whenever received). */
  closed: number;
  /** Not closed at the month's end (or now, for the month in progress). */
  openAtEnd: number;
  /** Still awaiting their answer past the deadline at the month's end. */
  overdueAtEnd: number;
  /** Forms answered (the result told to the customer) in the month, and how many by their deadline. */
  answered: TShare;
  escalations: { total: number; byLevel: Record<string, number>; byCause: Record<string, number> };
  /** Key customers' forms received in the month; their on-time share over those answered (at any time so far). */
  keyCustomers: { requests: number; answered: TShare };
  callbacks: { count: number; meanSatisfaction: number | null };
}

/** The operator month's bounds: 2026-11 is 2026-10-31T16:00Z … 2026-11-30T16:00Z. */
export function monthBounds(month: string): { from: Date; to: Date } {
  if (!/^20\d{2}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`not a month: ${month}`);
  return { from: startOfOperatorDay(`${month}-01`), to: startOfOperatorDay(addMonths(`${month}-01`, 1)) };
}

function zeroes(keys: readonly string[]): Record<string, number> {
  return Object.fromEntries(keys.map((k) => [k, 0]));
}

function share(rows: readonly { dueAt: Date; repliedAt: Date | null }[]): TShare {
  const count = rows.length;
  const onTime = rows.filter(answeredOnTime).length;
  return { count, onTime, share: count === 0 ? null : onTime / count };
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * The figures of an operator month (Asia/Shanghai): what was received (by channel, kind, category, department and
 * severity), closed, open and overdue at its end, answered on time (domain answeredOnTime), escalated (by level and
 * cause), key customers' forms and their on-time share, callbacks and the mean satisfaction. For the month in
 * progress, "the end" is `now`.
 */
export async function monthSummary(db: Db, month: string, now: Date = clockNow()): Promise<TMonthSummary> {
  const { from, to } = monthBounds(month);
  const cut = now.getTime() < to.getTime() ? now : to;
  const c = complaints;
  const inMonth = (col: typeof c.receivedAt) => and(gte(col, from), lt(col, to));
  const [received, answered, [state], escalations, [callbacks], categories] = await Promise.all([
    db
      .select({
        channel: c.channel,
        kind: c.kind,
        category: c.category,
        department: c.department,
        severity: c.severity,
        keyCustomerId: c.keyCustomerId,
        dueAt: c.dueAt,
        repliedAt: c.repliedAt,
      })
      .from(c)
      .where(inMonth(c.receivedAt)),
    db
      .select({ dueAt: c.dueAt, repliedAt: c.repliedAt })
      .from(c)
      .where(and(isNotNull(c.repliedAt), gte(c.repliedAt, from), lt(c.repliedAt, to))),
    db
      .select({
        closed: sql<number>`count(*) filter (where ${c.closedAt} >= ${ts(from)} and ${c.closedAt} < ${ts(to)})::int`,
        openAtEnd: sql<number>`count(*) filter (where ${c.receivedAt} < ${ts(cut)} and (${c.closedAt} is null or ${c.closedAt} >= ${ts(cut)}))::int`,
        // awaiting at the cut: received, past its deadline, and neither answered nor closed by then
        overdueAtEnd: sql<number>`count(*) filter (where ${c.receivedAt} < ${ts(cut)} and ${c.dueAt} < ${ts(cut)}
          and (${c.repliedAt} is null or ${c.repliedAt} >= ${ts(cut)}) and (${c.closedAt} is null or ${c.closedAt} >= ${ts(cut)}))::int`,
      })
      .from(c)
      .where(sql`${c.receivedAt} < ${ts(to)} and (${c.closedAt} is null or ${c.closedAt} >= ${ts(from)})`),
    db
      .select({ level: complaintEscalations.level, cause: complaintEscalations.cause, n: sql<number>`count(*)::int` })
      .from(complaintEscalations)
      .where(and(gte(complaintEscalations.at, from), lt(complaintEscalations.at, to)))
      .groupBy(complaintEscalations.level, complaintEscalations.cause),
    db
      .select({ count: sql<number>`count(*)::int`, mean: sql<string | null>`avg(${c.satisfaction})::text` })
      .from(c)
      .where(and(isNotNull(c.callbackAt), gte(c.callbackAt, from), lt(c.callbackAt, to))),
    db.select({ code: complaintCategories.code, zh: complaintCategories.nameZh, en: complaintCategories.nameEn }).from(complaintCategories),
  ]);

  const byChannel = zeroes(COMPLAINT_CHANNELS);
  const byKind = zeroes(COMPLAINT_KINDS);
  const bySeverity = zeroes(SEVERITIES);
  const byDepartment: Record<string, number> = {};
  const byCategory: Record<string, number> = {};
  for (const r of received) {
    byChannel[r.channel] = (byChannel[r.channel] ?? 0) + 1;
    byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
    bySeverity[r.severity] = (bySeverity[r.severity] ?? 0) + 1;
    byDepartment[r.department ?? ""] = (byDepartment[r.department ?? ""] ?? 0) + 1;
    byCategory[r.category ?? ""] = (byCategory[r.category ?? ""] ?? 0) + 1;
  }
  const deptOrder = [...DEPARTMENTS, ""];
  const byLevel = zeroes(ESCALATION_LEVELS);
  const byCause = zeroes(ESCALATION_CAUSES);
  let total = 0;
  for (const e of escalations) {
    byLevel[e.level] = (byLevel[e.level] ?? 0) + e.n;
    byCause[e.cause] = (byCause[e.cause] ?? 0) + e.n;
    total += e.n;
  }
  const key = received.filter((r) => r.keyCustomerId !== null);
  const mean = callbacks?.mean == null ? null : Math.round(Number(callbacks.mean) * 100) / 100;
  return {
    month,
    from: from.toISOString(),
    to: to.toISOString(),
    asOf: cut.toISOString(),
    received: received.length,
    byChannel,
    byKind,
    byCategory: Object.fromEntries(Object.entries(byCategory).sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)))),
    byDepartment: Object.fromEntries(Object.entries(byDepartment).sort(([a], [b]) => deptOrder.indexOf(a as never) - deptOrder.indexOf(b as never))),
    bySeverity,
    categoryNames: Object.fromEntries(categories.map((k) => [k.code, [k.zh, k.en]])),
    closed: state?.closed ?? 0,
    openAtEnd: state?.openAtEnd ?? 0,
    overdueAtEnd: state?.overdueAtEnd ?? 0,
    answered: share(answered),
    escalations: { total, byLevel, byCause },
    keyCustomers: { requests: key.length, answered: share(key.filter((r) => r.repliedAt !== null)) },
    callbacks: { count: callbacks?.count ?? 0, meanSatisfaction: mean },
  };
}

export interface TStoredSummary {
  month: string;
  generatedAt: Date;
  generatedBy: string | null;
  data: TMonthSummary;
}

/**
 * Produces the month's summary for enterprise management (the job on the 1st, `by` null, or a person on demand):
 * stores it, records it in the audit chain and tells quality and customer service (once per month). Only once the
 * month is over (rule month_not_over).
 */
export async function produceMonthSummary(db: Db, month: string, by: string | null, now: Date = clockNow()): Promise<TStoredSummary> {
  // only a month that is over: a month in progress shows its live figures; a snapshot (and the month's one notice)
  // taken before its end would freeze them and keep the job's notice on the 1st from being sent
  if (monthBounds(month).to.getTime() > now.getTime()) throw ruleViolation("month_not_over", { month });
  return db.transaction(async (tx) => {
    const data = await monthSummary(tx, month, now);
    const [row] = await tx
      .insert(complaintSummaries)
      .values({ month, generatedAt: now, generatedBy: by, data: data as unknown as Record<string, unknown> })
      .onConflictDoNothing()
      .returning();
    await appendAuditEvent(tx, {
      actorId: by,
      subjectType: "complaint_summary",
      subjectId: month,
      at: now,
      event: { name: "complaint.summaryProduced", payload: { month, forms: data.received, automatic: by === null } },
    });
    await raiseNotice(tx, {
      to: { roles: ["quality", "customer_service"] },
      kind: "complaint.monthSummary",
      params: { month, forms: data.received, overdue: data.overdueAtEnd },
      href: `/complaints/summary?month=${month}`,
      key: `complaint.monthSummary:${month}`,
    });
    return { month, generatedAt: row?.generatedAt ?? now, generatedBy: by, data };
  });
}

/** The latest stored summary of the month, or null. */
export async function storedSummary(db: Db, month: string): Promise<TStoredSummary | null> {
  const [row] = await db.select().from(complaintSummaries).where(eq(complaintSummaries.month, month)).orderBy(desc(complaintSummaries.generatedAt)).limit(1);
  return row ? { month: row.month, generatedAt: row.generatedAt, generatedBy: row.generatedBy, data: row.data as unknown as TMonthSummary } : null;
}

/**
 * The summary as CSV for Excel: UTF-8 with a BOM, one row per section, key and value (shares as 0.0000–1.0000), CRLF.
 * Section and key names are stable codes (the printable PDF carries the translated names).
 */
export function summaryCsv(s: TMonthSummary): string {
  const rows: (string | number | null)[][] = [
    ["month", "from", s.from],
    ["month", "to", s.to],
    ["month", "as_of", s.asOf],
    ["totals", "received", s.received],
    ["totals", "closed", s.closed],
    ["totals", "open_at_end", s.openAtEnd],
    ["totals", "overdue_at_end", s.overdueAtEnd],
  ];
  const section = (name: string, rec: Record<string, number>) => {
    for (const [k, v] of Object.entries(rec)) rows.push([name, k === "" ? "(none)" : k, v]);
  };
  section("channel", s.byChannel);
  section("kind", s.byKind);
  section("category", s.byCategory);
  section("department", s.byDepartment);
  section("severity", s.bySeverity);
  const pct = (x: number | null) => (x === null ? null : x.toFixed(4));
  rows.push(["answered", "count", s.answered.count], ["answered", "on_time", s.answered.onTime], ["answered", "on_time_share", pct(s.answered.share)]);
  rows.push(["escalations", "total", s.escalations.total]);
  section("escalation_level", s.escalations.byLevel);
  section("escalation_cause", s.escalations.byCause);
  rows.push(
    ["key_customers", "requests", s.keyCustomers.requests],
    ["key_customers", "answered", s.keyCustomers.answered.count],
    ["key_customers", "on_time", s.keyCustomers.answered.onTime],
    ["key_customers", "on_time_share", pct(s.keyCustomers.answered.share)],
    ["callbacks", "count", s.callbacks.count],
    ["callbacks", "mean_satisfaction", s.callbacks.meanSatisfaction],
  );
  return `\uFEFF${toCsv(["section", "key", "value"], rows)}`;
}

/**
 * The month as the screen, the CSV and the PDF show it: the latest produced summary (the job's on the 1st, or a
 * person's), else the figures as of now (the month in progress, or a month never produced).
 */
export async function summaryFor(
  db: Db,
  month: string,
  now: Date = clockNow(),
): Promise<{ data: TMonthSummary; produced: Omit<TStoredSummary, "data"> | null }> {
  const stored = await storedSummary(db, month);
  if (stored) {
    const { data, ...produced } = stored;
    return { data, produced };
  }
  return { data: await monthSummary(db, month, now), produced: null };
}

/** Who reads the month's summary (every form's figures): customer service, quality, the general manager, admins. */
export const SUMMARY_READER_ROLES = ["customer_service", "quality", "general_manager", "admin"] as const satisfies readonly TRole[];
/** Who produces it on demand: customer service (it reports to quality), quality, admins. */
export const SUMMARY_PRODUCER_ROLES = ["customer_service", "quality", "admin"] as const satisfies readonly TRole[];
/** The month asked for (complaints.summary and produceSummary). */
export const ZSummaryInput = z.object({ month: ZMonth });
