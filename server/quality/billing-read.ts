import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { billingChecks, exchanges, nonconformities, users } from "@/db/schema";
import { ROLES, type TRole } from "@/domain/auth/roles";
import { compareDates } from "@/domain/time/calendar";
import { operatorDay } from "@/domain/time/operator";
import { now as clockNow } from "@/server/clock";
import { currentThreshold } from "./billing";

/**
 * Who reads the months: quality, the general manager, operations and the heads (the switching and transmission
 * office's people are operations or its head; domain mayRecordBilling decides who records).
 */
export const BILLING_READER_ROLES: readonly TRole[] = ["quality", "general_manager", "operations", "department_head"];
/** Who records: anyone but a lineman; domain mayRecordBilling decides by the department (switching and transmission). */
export const BILLING_RECORD_ROLES: readonly TRole[] = ROLES.filter((role) => role !== "lineman");

/** Months shown: two years of every exchange, newest first. */
const MONTHS_SHOWN = 24;

/** The exchanges and their months (accuracy, verdict, overdue on the operator's today), with the threshold of today. */
export async function listMonths(db: Db, f: { exchangeCode?: string | null }, now: Date = clockNow()) {
  const today = operatorDay(now);
  const all = await db.select().from(exchanges).orderBy(exchanges.code);
  const rows = await db
    .select({
      id: billingChecks.id,
      exchangeCode: billingChecks.exchangeCode,
      month: billingChecks.month,
      dueOn: billingChecks.dueOn,
      status: billingChecks.status,
      callsPlaced: billingChecks.callsPlaced,
      billedCorrectly: billingChecks.billedCorrectly,
      errors: billingChecks.errors,
      accuracyPct: billingChecks.accuracyPct,
      thresholdPct: billingChecks.thresholdPct,
      passed: billingChecks.passed,
      instrumentTag: billingChecks.instrumentTag,
      note: billingChecks.note,
      attachments: billingChecks.attachments,
      recordedByName: users.displayName,
      recordedAt: billingChecks.recordedAt,
      ncId: billingChecks.nonconformityId,
      ncCode: nonconformities.code,
      version: billingChecks.version,
    })
    .from(billingChecks)
    .leftJoin(users, eq(users.id, billingChecks.recordedBy))
    .leftJoin(nonconformities, eq(nonconformities.id, billingChecks.nonconformityId))
    .where(f.exchangeCode ? eq(billingChecks.exchangeCode, f.exchangeCode) : undefined)
    .orderBy(desc(billingChecks.month), billingChecks.exchangeCode)
    .limit(MONTHS_SHOWN * Math.max(1, f.exchangeCode ? 1 : all.length));
  return {
    exchanges: all.map((e) => ({ code: e.code, name: `${e.nameZh} ${e.nameEn}`, nameZh: e.nameZh, nameEn: e.nameEn, active: e.active })),
    rows: rows.map((r) => ({ ...r, overdue: r.status === "open" && compareDates(today, r.dueOn) > 0 })),
    thresholdPct: await currentThreshold(db),
  };
}
export type TBillingMonths = Awaited<ReturnType<typeof listMonths>>;
