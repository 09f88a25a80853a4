import "server-only";
import { and, eq, gte, lt, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { complaints, workOrderSignoffs, workOrders } from "@/db/schema";
import { mergeSums, SATISFACTION_ELEMENTS, type TElementSums, type TSatisfactionElement } from "@/domain/analysis/satisfaction";

/**
 * The three sources of satisfaction scores as element sums (count and sum of the 1–5 answers per element), each an
 * aggregate in SQL grouped by customer category, never a load of the rows (ADR 0041 §4):
 * - sign-off: the customer's ratings when signing a work order (`customer_signed`): attitude → attitude_install,
 *   on time → install_on_time; the time is when the customer signed (the phone's clock, never later than its arrival);
 * - callback: the complaint callback's satisfaction → complaint_handling, by the callback's time;
 * - survey: the year's survey contacts answered, all eleven elements.
 *
 * Category of a sign-off or a callback: the app knows only whether the customer is a key customer (the work order's
 * key-customer flag; the complaint matched to the key-customer register), so those count as "key" and every other
 * one as "residential" (a business customer is told apart only in the survey's frame, by name: server/analysis/frame.ts).
 * A survey contact counts in the category the frame gave it.
 */
export interface TTally {
  /** Rows that gave at least one score (signed sign-offs with a rating, callbacks, respondents). */
  n: number;
  sums: TElementSums;
}
export type TTallies = Map<string, TTally>;

/** [fromAt, toAt): instants of the first operator day and of the day after the last. */
export interface TRange {
  fromAt: Date;
  toAt: Date;
}

const num = (v: unknown): number => (typeof v === "number" ? v : typeof v === "string" ? Number(v) : 0);

function add(t: TTallies, category: string, element: TSatisfactionElement | null, n: number, sum: number, rows = 0): void {
  const tally = t.get(category) ?? { n: 0, sums: {} };
  tally.n += rows;
  if (element && n > 0) {
    const s = (tally.sums[element] ??= { n: 0, sum: 0 });
    s.n += n;
    s.sum += sum;
  }
  t.set(category, tally);
}

/** Customers' ratings at sign-off, by key-customer flag of the work order. */
export async function signOffTallies(db: Db, r: TRange): Promise<TTallies> {
  const s = workOrderSignoffs;
  const valid = (col: typeof s.ratingAttitude | typeof s.ratingOnTime) => sql`case when ${col} between 1 and 5 then ${col} end`;
  const signedAt = sql`least(coalesce(${s.clientTime}, ${s.serverTime}), ${s.serverTime})`;
  const category = sql<string>`case when ${workOrders.keyCustomer} then 'key' else 'residential' end`;
  const rows = await db
    .select({
      category,
      rows: sql`count(*)`.mapWith(Number),
      attitudeN: sql`count(${valid(s.ratingAttitude)})`.mapWith(Number),
      attitudeSum: sql`coalesce(sum(${valid(s.ratingAttitude)}), 0)`.mapWith(Number),
      onTimeN: sql`count(${valid(s.ratingOnTime)})`.mapWith(Number),
      onTimeSum: sql`coalesce(sum(${valid(s.ratingOnTime)}), 0)`.mapWith(Number),
    })
    .from(s)
    .innerJoin(workOrders, eq(workOrders.id, s.workOrderId))
    .where(
      and(
        eq(s.kind, "customer_signed"),
        sql`(${s.ratingAttitude} between 1 and 5 or ${s.ratingOnTime} between 1 and 5)`,
        sql`${signedAt} >= ${r.fromAt.toISOString()}::timestamptz`,
        sql`${signedAt} < ${r.toAt.toISOString()}::timestamptz`,
      ),
    )
    .groupBy(category);
  const out: TTallies = new Map();
  for (const row of rows) {
    add(out, row.category, "attitude_install", row.attitudeN, row.attitudeSum, row.rows);
    add(out, row.category, "install_on_time", row.onTimeN, row.onTimeSum);
  }
  return out;
}

/** The satisfaction told at complaint callbacks made in the range, by whether the complaint is a key customer's. */
export async function callbackTallies(db: Db, r: TRange): Promise<TTallies> {
  const c = complaints;
  const category = sql<string>`case when ${c.keyCustomerId} is not null then 'key' else 'residential' end`;
  const rows = await db
    .select({ category, n: sql`count(*)`.mapWith(Number), sum: sql`coalesce(sum(${c.satisfaction}), 0)`.mapWith(Number) })
    .from(c)
    .where(and(sql`${c.satisfaction} between 1 and 5`, gte(c.callbackAt, r.fromAt), lt(c.callbackAt, r.toAt)))
    .groupBy(category);
  const out: TTallies = new Map();
  for (const row of rows) add(out, row.category, "complaint_handling", row.n, row.sum, row.n);
  return out;
}

/**
 * The answers of the year's survey — the latest drawn for `year`, the same one the results describe (an earlier draw
 * is kept, not counted: the same customer drawn twice is never counted twice) — by the contact's category. With a
 * range, only answers recorded in it (a month's report); without one, all of them (the year-end survey is often
 * answered into January).
 */
export async function surveyTallies(db: Db, year: number, r: TRange | null): Promise<TTallies> {
  const within = r ? sql`and sc.answered_at >= ${r.fromAt.toISOString()}::timestamptz and sc.answered_at < ${r.toAt.toISOString()}::timestamptz` : sql``;
  const elements = rowsOf<{ category: string; element: string; n: unknown; sum: unknown }>(
    await db.execute(sql`
      select sc.category, a.key as element, count(*) as n, sum(a.value::int) as sum
      from survey_contacts sc
      cross join lateral jsonb_each_text(coalesce(sc.answers, '{}'::jsonb)) a
      where sc.survey_id = (select s2.id from surveys s2 where s2.year = ${year} order by s2.created_at desc, s2.code desc limit 1) and sc.status = 'answered' and a.value in ('1', '2', '3', '4', '5') ${within}
      group by sc.category, a.key`),
  );
  const respondents = rowsOf<{ category: string; n: unknown }>(
    await db.execute(sql`
      select sc.category, count(*) as n
      from survey_contacts sc
      where sc.survey_id = (select s2.id from surveys s2 where s2.year = ${year} order by s2.created_at desc, s2.code desc limit 1) and sc.status = 'answered' ${within}
      group by sc.category`),
  );
  const out: TTallies = new Map();
  for (const row of respondents) add(out, row.category, null, 0, 0, num(row.n));
  const known = new Set<string>(SATISFACTION_ELEMENTS);
  for (const row of elements) if (known.has(row.element)) add(out, row.category, row.element as TSatisfactionElement, num(row.n), num(row.sum));
  return out;
}

/** All categories of a source together. */
export function totalOf(t: TTallies): TTally {
  const all = [...t.values()];
  return { n: all.reduce((a, x) => a + x.n, 0), sums: mergeSums(...all.map((x) => x.sums)) };
}
