import "server-only";
import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  billingChecks,
  complaintCategories,
  complaints,
  correctiveActions,
  equipmentCheckWithdrawals,
  equipmentChecks,
  instrumentCalibrations,
  instrumentLoans,
  instruments,
  nonconformities,
  propertyCases,
  propertyLetters,
  spotCheckMarks,
  workOrders,
} from "@/db/schema";
import type { TLabel } from "@/domain/analysis/schemas";
import { COMPLAINT_KINDS, type TComplaintKind } from "@/domain/complaints/model";
import { FINAL_CASE_STATUSES } from "@/domain/property/model";
import { VERIFY_WITHIN_DAYS } from "@/domain/quality/model";
import { addDays, addMonths, isIsoDate, type TIsoDate } from "@/domain/time/calendar";
import { startOfOperatorDay } from "@/domain/time/operator";
import { WORK_ORDER_KINDS, type TWorkOrderKind } from "@/domain/work-orders/status";

/**
 * What the app's own records say about a period (operator days, inclusive): the numbers every analysis screen,
 * statement and report is made from (ADR 0041). Each is an aggregate in SQL over the period's rows (indexes in
 * migration 0022), never a load of the rows: the monthly report must take ≤ 5 s over 1,000,000 work orders.
 *
 * The period is [startOfOperatorDay(from), startOfOperatorDay(to + 1)) as instants. "At the period's end" is that last
 * instant, and a due day is past when it is before `to` (the operator's "today" on the period's last day, as
 * domain isOverdue / letterOverdue / calibrationState read it).
 */
export interface TPeriodMetrics {
  from: TIsoDate;
  to: TIsoDate;
  workOrders: {
    /**
     * Per kind: created in the period; closed in the period (status closed, closed_at in it); of those closed on time
     * (closed_at ≤ due_at, or no due time); open past due at the period's end (created before it, due before it, not
     * closed or cancelled by then: closed_at is stamped on both).
     */
    byKind: Record<TWorkOrderKind, { created: number; closed: number; closedOnTime: number; openOverdue: number }>;
  };
  complaints: {
    /** Forms of kind "complaint" (投诉) received in the period: the numerator of complaints per 1,000 lines. */
    received: number;
    /** Those complaints by category, largest first ("" = not yet classified, label null). */
    byCategory: { key: string; label: TLabel; count: number }[];
    /** Extension: every form received in the period by kind (complaint, inquiry, service request). */
    byKind: Record<TComplaintKind, number>;
    /** Key customers' (green channel, any kind) forms answered in the period, and of those answered by their due time. */
    keyCustomer: { answered: number; withinLimit: number };
    /** Callbacks made in the period (any kind), and those rated 4 or 5. */
    callbacks: { made: number; satisfied: number };
  };
  nonconformities: {
    /** Raised in the period; by finding, department and cause category ("" = cause not analysed yet). */
    raised: number;
    byFinding: Record<string, number>;
    byDepartment: Record<string, number>;
    byCause: Record<string, number>;
    /**
     * Corrective actions open at the period's end (sent before it, not closed by then), and of those past their due
     * step on `to`. The step is read from the record's current status (the SQL twin of domain dueStep: sent → plan by
     * required_by, planned → action by action_due_on or required_by, implemented — or closed after the period — →
     * verification within VERIFY_WITHIN_DAYS of implemented_on or required_by): a record that moved on after the
     * period is judged by its later step, an approximation the records cannot avoid (steps' dates are not columns).
     */
    actionsOpen: number;
    actionsOverdue: number;
  };
  /** Equipment checks received in the period (server_time), not withdrawn; failed = the server's verdict is not "valid", by verdict. */
  equipmentChecks: { total: number; failed: number; byReason: Record<string, number> };
  /** Label spot-check marks made in the period, and those marked correct. */
  labelChecks: { marks: number; correct: number };
  /** Recorded billing-accuracy checks of the months the period touches: calls placed and billed correctly (sums). */
  billing: { callsPlaced: number; billedCorrectly: number };
  /**
   * Property cases open at the period's end (created before it; not connected or cancelled by then — a cancellation's
   * time is read from updated_at), and rectification letters of open cases past their deadline on `to`, not reported
   * rectified by the period's end.
   */
  property: { casesOpen: number; rectificationOverdue: number };
  /**
   * Instruments (not scrapped, taken in by `to`) whose last calibration on or before `to` passed and was due before
   * `to` (calibrationState "overdue"); instruments out on loan at the period's end (borrowed by `to`, not ended by it).
   */
  instruments: { calibrationOverdue: number; onLoan: number };
}

const ts = (d: Date): SQL => sql`${d.toISOString()}::timestamptz`;
const day = (d: TIsoDate): SQL => sql`${d}::date`;

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/** The metrics of [from, to] (operator days, inclusive); the independent aggregates run concurrently where the pool allows. */
export async function periodMetrics(db: Db, from: TIsoDate, to: TIsoDate): Promise<TPeriodMetrics> {
  if (!isIsoDate(from) || !isIsoDate(to) || from > to) throw new RangeError(`not a period: ${from} … ${to}`);
  const start = ts(startOfOperatorDay(from));
  const end = ts(startOfOperatorDay(addDays(to, 1)));
  const inPeriod = (col: SQL | AnyColumn) => sql`(${col} >= ${start} and ${col} < ${end})`;
  const wo = workOrders;
  const c = complaints;
  const nc = nonconformities;
  const ca = correctiveActions;
  const ec = equipmentChecks;
  const pc = propertyCases;
  const finalCase = sql.join(
    FINAL_CASE_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );
  const caseOpenAtEnd = sql`(${pc.createdAt} < ${end} and (${pc.status} not in (${finalCase})
    or (${pc.status} = 'connected' and ${pc.connectedAt} >= ${end}) or (${pc.status} = 'cancelled' and ${pc.updatedAt} >= ${end})))`;
  const caDue = sql`(case ${ca.status} when 'sent' then ${ca.requiredBy} when 'planned' then coalesce(${ca.actionDueOn}, ${ca.requiredBy})
    else coalesce(${ca.implementedOn}, ${ca.requiredBy}) + ${VERIFY_WITHIN_DAYS}::int end)`;
  const lastCal = sql`(select ${instrumentCalibrations.result} as result, ${instrumentCalibrations.nextDue} as next_due
    from ${instrumentCalibrations} where ${instrumentCalibrations.instrumentId} = ${instruments.id} and ${instrumentCalibrations.calibratedOn} <= ${day(to)}
    order by ${instrumentCalibrations.calibratedOn} desc, ${instrumentCalibrations.id} desc limit 1)`;
  const registerAsOfTo = (col: SQL | AnyColumn) => sql`case when ${instruments.calibratedOn} <= ${day(to)} then ${col} end`;

  const [created, closed, overdue, forms, categories, answers, nonconf, actions, checks, marks, billing, cases, letters, calib, loans] = await Promise.all([
    db
      .select({ kind: wo.kind, n: sql<number>`count(*)::int` })
      .from(wo)
      .where(inPeriod(wo.createdAt))
      .groupBy(wo.kind),
    db
      .select({
        kind: wo.kind,
        n: sql<number>`count(*)::int`,
        onTime: sql<number>`(count(*) filter (where ${wo.dueAt} is null or ${wo.closedAt} <= ${wo.dueAt}))::int`,
      })
      .from(wo)
      .where(sql`${inPeriod(wo.closedAt)} and ${wo.status} = 'closed'`)
      .groupBy(wo.kind),
    db
      .select({ kind: wo.kind, n: sql<number>`count(*)::int` })
      .from(wo)
      .where(sql`${wo.createdAt} < ${end} and ${wo.dueAt} < ${end} and (${wo.closedAt} is null or ${wo.closedAt} >= ${end})`)
      .groupBy(wo.kind),
    db
      .select({ kind: c.kind, category: c.category, n: sql<number>`count(*)::int` })
      .from(c)
      .where(inPeriod(c.receivedAt))
      .groupBy(c.kind, c.category),
    db.select({ code: complaintCategories.code, zh: complaintCategories.nameZh, en: complaintCategories.nameEn }).from(complaintCategories),
    db
      .select({
        keyAnswered: sql<number>`(count(*) filter (where ${c.keyCustomerId} is not null and ${inPeriod(c.repliedAt)}))::int`,
        keyWithin: sql<number>`(count(*) filter (where ${c.keyCustomerId} is not null and ${inPeriod(c.repliedAt)} and ${c.repliedAt} <= ${c.dueAt}))::int`,
        callbacks: sql<number>`(count(*) filter (where ${inPeriod(c.callbackAt)}))::int`,
        satisfied: sql<number>`(count(*) filter (where ${inPeriod(c.callbackAt)} and ${c.satisfaction} >= 4))::int`,
      })
      .from(c)
      .where(sql`${inPeriod(c.repliedAt)} or ${inPeriod(c.callbackAt)}`),
    db
      .select({
        finding: nc.finding,
        department: nc.department,
        cause: nc.causeCategory,
        g: sql<number>`grouping(${nc.finding}, ${nc.department}, ${nc.causeCategory})::int`,
        n: sql<number>`count(*)::int`,
      })
      .from(nc)
      .where(inPeriod(nc.raisedAt))
      .groupBy(sql`grouping sets ((${nc.finding}), (${nc.department}), (${nc.causeCategory}))`),
    db
      .select({ open: sql<number>`count(*)::int`, overdue: sql<number>`(count(*) filter (where ${caDue} < ${day(to)}))::int` })
      .from(ca)
      .where(sql`${ca.sentAt} < ${end} and (${ca.closedAt} is null or ${ca.closedAt} >= ${end})`),
    db
      .select({ result: ec.serverResult, n: sql<number>`count(*)::int` })
      .from(ec)
      .where(sql`${inPeriod(ec.serverTime)} and not exists (select 1 from ${equipmentCheckWithdrawals} where ${equipmentCheckWithdrawals.checkId} = ${ec.id})`)
      .groupBy(ec.serverResult),
    db
      .select({ marks: sql<number>`count(*)::int`, correct: sql<number>`(count(*) filter (where ${spotCheckMarks.result} = 'correct'))::int` })
      .from(spotCheckMarks)
      .where(inPeriod(spotCheckMarks.markedAt)),
    db
      .select({
        calls: sql<number>`coalesce(sum(${billingChecks.callsPlaced}), 0)::int`,
        correct: sql<number>`coalesce(sum(${billingChecks.billedCorrectly}), 0)::int`,
      })
      .from(billingChecks)
      .where(sql`${billingChecks.status} = 'recorded' and ${billingChecks.month} between ${from.slice(0, 7)} and ${to.slice(0, 7)}`),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(pc)
      .where(caseOpenAtEnd),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(propertyLetters)
      .innerJoin(pc, sql`${pc.id} = ${propertyLetters.caseId}`)
      .where(
        sql`${propertyLetters.issuedAt} < ${end} and ${propertyLetters.deadline} < ${day(to)}
          and (${propertyLetters.rectifiedAt} is null or ${propertyLetters.rectifiedAt} >= ${end}) and ${caseOpenAtEnd}`,
      ),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(instruments)
      .leftJoinLateral(sql`${lastCal} as last_cal`, sql`true`)
      .where(
        sql`${instruments.status} <> 'scrapped' and ${instruments.intakeDate} <= ${day(to)}
          and coalesce(last_cal.result, ${registerAsOfTo(instruments.calibrationResult)}) = 'passed'
          and coalesce(last_cal.next_due, ${registerAsOfTo(instruments.calibrationDue)}) < ${day(to)}`,
      ),
    db
      .select({ n: sql<number>`count(distinct ${instrumentLoans.instrumentId})::int` })
      .from(instrumentLoans)
      .where(
        sql`${instrumentLoans.status} in ('active', 'return_requested', 'returned', 'handed_over') and ${instrumentLoans.borrowedOn} <= ${day(to)}
          and (${instrumentLoans.endedOn} is null or ${instrumentLoans.endedOn} > ${day(to)})`,
      ),
  ]);

  const byKind = Object.fromEntries(
    WORK_ORDER_KINDS.map((k) => [k, { created: 0, closed: 0, closedOnTime: 0, openOverdue: 0 }]),
  ) as TPeriodMetrics["workOrders"]["byKind"];
  for (const r of created) if (byKind[r.kind]) byKind[r.kind].created = r.n;
  for (const r of closed) if (byKind[r.kind]) Object.assign(byKind[r.kind], { closed: r.n, closedOnTime: r.onTime });
  for (const r of overdue) if (byKind[r.kind]) byKind[r.kind].openOverdue = r.n;

  const names = new Map(categories.map((k) => [k.code, { "zh-CN": k.zh, en: k.en }]));
  const formsByKind = zeroes(COMPLAINT_KINDS);
  const byCategory = new Map<string, number>();
  for (const r of forms) {
    formsByKind[r.kind] = (formsByKind[r.kind] ?? 0) + r.n;
    if (r.kind === "complaint") byCategory.set(r.category ?? "", (byCategory.get(r.category ?? "") ?? 0) + r.n);
  }

  const byFinding: Record<string, number> = {};
  const byDepartment: Record<string, number> = {};
  const byCause: Record<string, number> = {};
  // grouping(finding, department, cause) is a bit mask of the columns rolled up: 0b011 → by finding, 0b101 → by department, 0b110 → by cause
  for (const r of nonconf) {
    if (r.g === 0b011) byFinding[r.finding] = r.n;
    else if (r.g === 0b101) byDepartment[r.department] = r.n;
    else if (r.g === 0b110) byCause[r.cause ?? ""] = r.n;
  }

  const byReason: Record<string, number> = {};
  let checksTotal = 0;
  for (const r of checks) {
    checksTotal += r.n;
    if (r.result !== "valid") byReason[r.result] = r.n;
  }

  return {
    from,
    to,
    workOrders: { byKind },
    complaints: {
      received: formsByKind.complaint,
      byCategory: [...byCategory.entries()]
        .map(([key, count]) => ({ key, label: names.get(key) ?? null, count }))
        .sort((a, b) => b.count - a.count || (a.key === "" ? 1 : b.key === "" ? -1 : a.key.localeCompare(b.key))),
      byKind: formsByKind,
      keyCustomer: { answered: answers[0]?.keyAnswered ?? 0, withinLimit: answers[0]?.keyWithin ?? 0 },
      callbacks: { made: answers[0]?.callbacks ?? 0, satisfied: answers[0]?.satisfied ?? 0 },
    },
    nonconformities: {
      raised: Object.values(byFinding).reduce((s, n) => s + n, 0),
      byFinding,
      byDepartment,
      byCause,
      actionsOpen: actions[0]?.open ?? 0,
      actionsOverdue: actions[0]?.overdue ?? 0,
    },
    equipmentChecks: { total: checksTotal, failed: Object.values(byReason).reduce((s, n) => s + n, 0), byReason },
    labelChecks: { marks: marks[0]?.marks ?? 0, correct: marks[0]?.correct ?? 0 },
    billing: { callsPlaced: billing[0]?.calls ?? 0, billedCorrectly: billing[0]?.correct ?? 0 },
    property: { casesOpen: cases[0]?.n ?? 0, rectificationOverdue: letters[0]?.n ?? 0 },
    instruments: { calibrationOverdue: calib[0]?.n ?? 0, onLoan: loans[0]?.n ?? 0 },
  };
}

/**
 * Work orders of one kind closed per operator month, and of those on time — the same definition as periodMetrics'
 * closed / closedOnTime — for `months` months from the month of `fromMonth`, in ONE grouped statement (a twelve-month
 * trend costs one index range scan instead of twelve periodMetrics). Months without closings are present with zeros.
 */
export async function closedByMonth(
  db: Db,
  kind: TWorkOrderKind,
  fromMonth: TIsoDate,
  months: number,
): Promise<{ key: string; closed: number; closedOnTime: number }[]> {
  if (!isIsoDate(fromMonth) || !Number.isInteger(months) || months < 1) throw new RangeError(`not a month range: ${fromMonth} × ${months}`);
  const first = `${fromMonth.slice(0, 7)}-01`;
  const keys = Array.from({ length: months }, (_, i) => addMonths(first, i).slice(0, 7));
  const wo = workOrders;
  const key = sql<string>`to_char(${wo.closedAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`;
  const rows = await db
    .select({
      key,
      n: sql<number>`count(*)::int`,
      onTime: sql<number>`(count(*) filter (where ${wo.dueAt} is null or ${wo.closedAt} <= ${wo.dueAt}))::int`,
    })
    .from(wo)
    .where(
      sql`${wo.closedAt} >= ${ts(startOfOperatorDay(first))} and ${wo.closedAt} < ${ts(startOfOperatorDay(addMonths(first, months)))}
        and ${wo.kind} = ${kind} and ${wo.status} = 'closed'`,
    )
    .groupBy(key);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return keys.map((k) => ({ key: k, closed: byKey.get(k)?.n ?? 0, closedOnTime: byKey.get(k)?.onTime ?? 0 }));
}
