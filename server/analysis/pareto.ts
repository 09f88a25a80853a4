import "server-only";
import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { complaintCategories, complaints, departments, equipmentCheckWithdrawals, equipmentChecks, nonconformities, workOrders } from "@/db/schema";
import { checkSheet, paretoOfCounts } from "@/domain/analysis/pareto";
import type { TBlock, TCheckSheetSubject, TLabel, TParetoSubject } from "@/domain/analysis/schemas";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { NC_FINDINGS } from "@/domain/quality/model";
import { addDays, type TIsoDate } from "@/domain/time/calendar";
import { startOfOperatorDay } from "@/domain/time/operator";
import { LICENSE_CHECK_RESULTS } from "@/domain/work-orders/equipment";
import { WORK_ORDER_KINDS } from "@/domain/work-orders/status";
import { labels as L } from "@/server/pdf/bilingual";

/**
 * The statistical tools over records (排列图, 调查表; ADR 0041): counts by GROUP BY in SQL over [from, to] (operator
 * days, inclusive), then the shared pure Pareto and tally. The same definitions as periodMetrics: complaints are forms
 * of kind "complaint" by received time ("" = not classified yet); nonconformities by raised time ("" = cause not
 * analysed yet); equipment checks by the server's receipt, withdrawn ones left out, failed = the server's verdict is
 * not "valid" (its verdict is the reason).
 */
export type TParetoBlock = Extract<TBlock, { type: "pareto" }>;
export type TTableBlock = Extract<TBlock, { type: "table" }>;

/** The keyspace each subject's keys are named in (the reports use the same ones). */
export const PARETO_KEYSPACE: Record<TParetoSubject, string> = {
  complaints_by_category: "analysisPdf.complaintCategory",
  nc_by_finding: "qualityPdf.finding",
  nc_by_department: "departments",
  nc_by_cause: "analysisPdf.cause",
  checks_by_reason: "analysisPdf.checkReason",
};

/** The weekday columns of a check sheet: 1 = Monday … 7 = Sunday (operator days). */
export const WEEKDAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;

const ts = (d: Date): SQL => sql`${d.toISOString()}::timestamptz`;

function bounds(from: TIsoDate, to: TIsoDate) {
  const start = ts(startOfOperatorDay(from));
  const end = ts(startOfOperatorDay(addDays(to, 1)));
  return (col: SQL | AnyColumn) => sql`(${col} >= ${start} and ${col} < ${end})`;
}

/** A name from the server catalogue in both languages, or null (the screen falls back to the key). */
function catalogueLabel(keyspace: string, key: string): TLabel {
  if (!key) return null;
  const k = `${keyspace}.${key}`;
  const both = L.bothOr(k, "");
  return both ? { "zh-CN": L.zh(k), en: L.en(k) } : null;
}

async function categoryLabels(db: Db): Promise<Map<string, TLabel>> {
  const rows = await db.select({ code: complaintCategories.code, zh: complaintCategories.nameZh, en: complaintCategories.nameEn }).from(complaintCategories);
  return new Map(rows.map((r) => [r.code, { "zh-CN": r.zh, en: r.en }]));
}

async function departmentLabels(db: Db): Promise<Map<string, TLabel>> {
  const rows = await db.select({ code: departments.code, zh: departments.nameZh, en: departments.nameEn }).from(departments);
  return new Map(rows.map((r) => [r.code, { "zh-CN": r.zh, en: r.en }]));
}

const notWithdrawn = sql`not exists (select 1 from ${equipmentCheckWithdrawals} where ${equipmentCheckWithdrawals.checkId} = ${equipmentChecks.id})`;

/** The counts a Pareto subject is made of: key → count. */
async function paretoCounts(db: Db, subject: TParetoSubject, from: TIsoDate, to: TIsoDate): Promise<Map<string, number>> {
  const inPeriod = bounds(from, to);
  const n = sql<number>`count(*)::int`;
  const nc = nonconformities;
  let rows: { key: string | null; n: number }[];
  switch (subject) {
    case "complaints_by_category":
      rows = await db
        .select({ key: complaints.category, n })
        .from(complaints)
        .where(sql`${complaints.kind} = 'complaint' and ${inPeriod(complaints.receivedAt)}`)
        .groupBy(complaints.category);
      break;
    case "nc_by_finding":
      rows = await db.select({ key: nc.finding, n }).from(nc).where(inPeriod(nc.raisedAt)).groupBy(nc.finding);
      break;
    case "nc_by_department":
      rows = await db.select({ key: nc.department, n }).from(nc).where(inPeriod(nc.raisedAt)).groupBy(nc.department);
      break;
    case "nc_by_cause":
      rows = await db.select({ key: nc.causeCategory, n }).from(nc).where(inPeriod(nc.raisedAt)).groupBy(nc.causeCategory);
      break;
    case "checks_by_reason":
      rows = await db
        .select({ key: equipmentChecks.serverResult, n })
        .from(equipmentChecks)
        .where(sql`${inPeriod(equipmentChecks.serverTime)} and ${equipmentChecks.serverResult} <> 'valid' and ${notWithdrawn}`)
        .groupBy(equipmentChecks.serverResult);
      break;
  }
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.key ?? "", (counts.get(r.key ?? "") ?? 0) + r.n);
  return counts;
}

/**
 * A Pareto chart's data (排列图) for a subject over [from, to]: largest first, shares, cumulative shares and the vital
 * few (domain paretoOfCounts); each bar named in both languages where the data or the catalogue has a name.
 */
export async function paretoBlock(db: Db, subject: TParetoSubject, from: TIsoDate, to: TIsoDate): Promise<TParetoBlock> {
  const keyspace = PARETO_KEYSPACE[subject];
  const [counts, names] = await Promise.all([
    paretoCounts(db, subject, from, to),
    subject === "complaints_by_category" ? categoryLabels(db) : subject === "nc_by_department" ? departmentLabels(db) : Promise.resolve(null),
  ]);
  const rows = paretoOfCounts(counts);
  return {
    type: "pareto",
    id: subject,
    keyspace,
    total: rows.reduce((t, r) => t + r.count, 0),
    rows: rows.map((r) => ({ ...r, label: names ? (names.get(r.key) ?? null) : catalogueLabel(keyspace, r.key) })),
  };
}

/** The key of a check sheet's total row and column. */
export const TOTAL = "total";

/** rows × columns of tallies (domain checkSheet) as a table block, with a total column and a total row. */
function tableOf(
  id: string,
  records: { row: string; col: string; n: number }[],
  rowOrder: readonly string[],
  colOrder: readonly string[],
  label: (row: string) => TLabel,
): TTableBlock {
  const expanded = records.flatMap((r) => Array.from({ length: r.n }, () => ({ row: r.row, col: r.col })));
  const s = checkSheet(expanded, rowOrder, colOrder);
  return {
    type: "table",
    id,
    columns: [...s.cols, TOTAL],
    rows: [
      ...s.rows.map((row, i) => ({ key: row, label: label(row), cells: [...s.cells[i]!, s.rowTotals[i]!] })),
      { key: TOTAL, label: null, cells: [...s.colTotals, s.total] },
    ],
  };
}

/**
 * A check sheet (调查表) for a subject over [from, to]: complaints by category × weekday (1–7, operator days),
 * nonconformities by finding × department, failed equipment checks by reason × work-order kind.
 */
export async function checkSheetBlock(db: Db, subject: TCheckSheetSubject, from: TIsoDate, to: TIsoDate): Promise<TTableBlock> {
  const inPeriod = bounds(from, to);
  const n = sql<number>`count(*)::int`;
  switch (subject) {
    case "complaints_category_weekday": {
      const dow = sql<number>`extract(isodow from ${complaints.receivedAt} at time zone 'Asia/Shanghai')::int`;
      const [rows, cats] = await Promise.all([
        db
          .select({ category: complaints.category, dow, n })
          .from(complaints)
          .where(sql`${complaints.kind} = 'complaint' and ${inPeriod(complaints.receivedAt)}`)
          .groupBy(complaints.category, dow),
        db
          .select({ code: complaintCategories.code, zh: complaintCategories.nameZh, en: complaintCategories.nameEn, active: complaintCategories.active })
          .from(complaintCategories)
          .orderBy(complaintCategories.sort, complaintCategories.code),
      ]);
      const names = new Map<string, TLabel>(cats.map((c) => [c.code, { "zh-CN": c.zh, en: c.en }]));
      const records = rows.map((r) => ({ row: r.category ?? "", col: String(r.dow), n: r.n }));
      const order = cats.filter((c) => c.active).map((c) => c.code);
      return tableOf(subject, records, order, WEEKDAYS, (row) => names.get(row) ?? null);
    }
    case "nc_finding_department": {
      const nc = nonconformities;
      const rows = await db
        .select({ finding: nc.finding, department: nc.department, n })
        .from(nc)
        .where(inPeriod(nc.raisedAt))
        .groupBy(nc.finding, nc.department);
      const present = new Set(rows.map((r) => r.department as string));
      const cols = DEPARTMENTS.filter((d) => present.has(d));
      const records = rows.map((r) => ({ row: r.finding, col: r.department, n: r.n }));
      // columns are department codes (the screens name them by the shared department names)
      return tableOf(subject, records, NC_FINDINGS, cols, (row) => catalogueLabel("qualityPdf.finding", row));
    }
    case "checks_reason_kind": {
      const rows = await db
        .select({ reason: equipmentChecks.serverResult, kind: workOrders.kind, n })
        .from(equipmentChecks)
        .innerJoin(workOrders, sql`${workOrders.id} = ${equipmentChecks.workOrderId}`)
        .where(sql`${inPeriod(equipmentChecks.serverTime)} and ${equipmentChecks.serverResult} <> 'valid' and ${notWithdrawn}`)
        .groupBy(equipmentChecks.serverResult, workOrders.kind);
      const records = rows.map((r) => ({ row: r.reason, col: r.kind, n: r.n }));
      const reasons = LICENSE_CHECK_RESULTS.filter((r) => r !== "valid");
      return tableOf(subject, records, reasons, WORK_ORDER_KINDS, (row) => catalogueLabel("analysisPdf.checkReason", row));
    }
  }
}
