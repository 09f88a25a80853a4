import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { billingChecks, exchanges, instruments, qualitySettings } from "@/db/schema";
import { billingDueOn, billingVerdict, DEFAULT_BILLING_THRESHOLD_PCT, instrumentUsable, mayRecordBilling } from "@/domain/quality/model";
import type { TRecordBillingInput } from "@/domain/quality/schemas";
import { operatorDay } from "@/domain/time/operator";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { assertVersion } from "@/server/complaints/access";
import { AppError } from "@/server/errors";
import { storeEvidence } from "@/server/evidence/service";
import { noticeBillingOpened } from "./actions-notify";
import { raiseNonconformity } from "./nonconformities";

/** The setting quality changes: per cent of test calls billed right below which a month fails. */
export const BILLING_THRESHOLD_KEY = "billing_threshold_pct";

/** The threshold today: quality's setting, else the default (99.9 %). */
export async function currentThreshold(tx: Db): Promise<number> {
  const [row] = await tx.select({ value: qualitySettings.value }).from(qualitySettings).where(eq(qualitySettings.key, BILLING_THRESHOLD_KEY));
  const v = row?.value;
  return typeof v === "number" && Number.isFinite(v) ? v : DEFAULT_BILLING_THRESHOLD_PCT;
}

/** Quality sets the threshold; the change is kept in the audit chain (from → to). Months already judged keep theirs. */
export async function setThreshold(db: Db, user: SessionUser, thresholdPct: number, now: Date = clockNow()): Promise<{ thresholdPct: number }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ value: qualitySettings.value }).from(qualitySettings).where(eq(qualitySettings.key, BILLING_THRESHOLD_KEY)).for("update");
    const from = typeof row?.value === "number" ? row.value : null;
    await tx
      .insert(qualitySettings)
      .values({ key: BILLING_THRESHOLD_KEY, value: thresholdPct, updatedBy: user.id, updatedAt: now })
      .onConflictDoUpdate({ target: qualitySettings.key, set: { value: thresholdPct, updatedBy: user.id, updatedAt: now } });
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "quality_setting",
      subjectId: BILLING_THRESHOLD_KEY,
      at: now,
      event: { name: "quality.thresholdSet", payload: { key: BILLING_THRESHOLD_KEY, from, to: thresholdPct } },
    });
    return { thresholdPct };
  });
}

/** An exchange as notices and records name it: "EX-01 城区交换局 City exchange". */
export function exchangeLabel(e: { code: string; nameZh: string; nameEn: string }): string {
  return `${e.code} ${e.nameZh} ${e.nameEn}`;
}

/**
 * Opens one exchange's month (idempotent by the unique exchange + month: opened again, nothing happens), due by the
 * month's last day; audited `billing.opened` (by the person, or the job runner) and told to the switching and
 * transmission office. Returns the check's id, and whether this call opened it.
 */
export async function openBillingMonth(
  tx: Db,
  o: { exchange: { code: string; nameZh: string; nameEn: string }; month: string; by: string | null; at: Date },
): Promise<{ id: string; opened: boolean }> {
  const dueOn = billingDueOn(o.month);
  const [inserted] = await tx
    .insert(billingChecks)
    .values({ exchangeCode: o.exchange.code, month: o.month, dueOn, status: "open", openedAt: o.at })
    .onConflictDoNothing({ target: [billingChecks.exchangeCode, billingChecks.month] })
    .returning({ id: billingChecks.id });
  if (!inserted) {
    const [existing] = await tx
      .select({ id: billingChecks.id })
      .from(billingChecks)
      .where(and(eq(billingChecks.exchangeCode, o.exchange.code), eq(billingChecks.month, o.month)));
    return { id: existing!.id, opened: false };
  }
  await appendAuditEvent(tx, {
    actorId: o.by,
    subjectType: "billing_check",
    subjectId: inserted.id,
    at: o.at,
    event: { name: "billing.opened", payload: { exchangeCode: o.exchange.code, month: o.month } },
  });
  await noticeBillingOpened(tx, { id: inserted.id, exchange: exchangeLabel(o.exchange), month: o.month, due: dueOn });
  return { id: inserted.id, opened: true };
}

/** Opens the month for every active exchange (the job on the 1st, or quality by hand); returns how many it opened. */
export async function openMonthForAll(db: Db, month: string, by: string | null, at: Date = clockNow()): Promise<{ opened: number }> {
  return db.transaction(async (tx) => {
    const active = await tx.select().from(exchanges).where(eq(exchanges.active, true)).orderBy(exchanges.code);
    let opened = 0;
    for (const exchange of active) if ((await openBillingMonth(tx, { exchange, month, by, at })).opened) opened++;
    return { opened };
  });
}

export interface TRecordBillingResult {
  id: string;
  version: number;
  passed: boolean;
  accuracyPct: number;
  errors: number;
  thresholdPct: number;
  ncId: string | null;
  ncCode: string | null;
}

/**
 * The switching and transmission office records the month's check: the instrument (by its asset tag) must be usable
 * that operator day (a valid permit-to-use, not at repair or scrapped: `instrument_not_usable`), the verdict by the
 * threshold of today (stored with the month), attachments kept as evidence; a failed month raises a nonconformity
 * against the office for quality to trace (追溯处理). One transaction, audited `billing.recorded`.
 */
export async function recordBilling(db: Db, user: SessionUser, input: TRecordBillingInput, now: Date = clockNow()): Promise<TRecordBillingResult> {
  if (!mayRecordBilling(user)) throw new AppError("forbidden");
  return db.transaction(async (tx) => {
    const [check] = await tx
      .select({ c: billingChecks, e: exchanges })
      .from(billingChecks)
      .innerJoin(exchanges, eq(exchanges.code, billingChecks.exchangeCode))
      .where(eq(billingChecks.id, input.checkId))
      .for("update", { of: billingChecks });
    if (!check) throw new AppError("not_found");
    const c = check.c;
    assertVersion(c, input.version);
    if (c.status !== "open") throw new AppError("invalid_transition", { status: c.status });

    const tag = input.instrumentTag.trim().toUpperCase();
    const today = operatorDay(now);
    const [instrument] = await tx.select().from(instruments).where(eq(instruments.assetTag, tag));
    if (!instrument) throw new AppError("instrument_not_usable", { tag, reason: "unknown" });
    if (!instrumentUsable(instrument, today)) throw new AppError("instrument_not_usable", { tag, reason: "permit", status: instrument.status });

    const thresholdPct = await currentThreshold(tx);
    const verdict = billingVerdict(input, thresholdPct);
    const attachments: string[] = [];
    for (const a of input.attachments) attachments.push(await storeEvidence(tx, { photo: a, userId: user.id }));

    let nc: { id: string; code: string } | null = null;
    if (!verdict.passed && verdict.finding) {
      nc = await raiseNonconformity(tx, {
        source: "billing_check",
        sourceRef: `${c.exchangeCode} ${c.month}`,
        finding: verdict.finding,
        labelKind: null,
        department: "switching_transmission",
        description:
          `${exchangeLabel(check.e)} ${c.month}: ${input.billedCorrectly}/${input.callsPlaced} calls billed right ` +
          `(${verdict.accuracyPct}%, threshold ${thresholdPct}%, ${verdict.errors} errors); instrument ${tag}.` +
          (input.note ? ` ${input.note}` : ""),
        raisedBy: user.id,
        at: now,
      });
    }
    const version = c.version + 1;
    await tx
      .update(billingChecks)
      .set({
        status: "recorded",
        callsPlaced: input.callsPlaced,
        billedCorrectly: input.billedCorrectly,
        errors: verdict.errors,
        accuracyPct: verdict.accuracyPct,
        thresholdPct,
        passed: verdict.passed,
        instrumentId: instrument.id,
        instrumentTag: tag,
        note: input.note,
        attachments,
        recordedBy: user.id,
        recordedAt: now,
        nonconformityId: nc?.id ?? null,
        version,
      })
      .where(eq(billingChecks.id, c.id));
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "billing_check",
      subjectId: c.id,
      at: now,
      event: {
        name: "billing.recorded",
        payload: {
          exchangeCode: c.exchangeCode,
          month: c.month,
          callsPlaced: input.callsPlaced,
          billedCorrectly: input.billedCorrectly,
          accuracyPct: verdict.accuracyPct,
          thresholdPct,
          passed: verdict.passed,
          instrumentTag: tag,
          attachments,
          ncCode: nc?.code ?? null,
        },
      },
    });
    return {
      id: c.id,
      version,
      passed: verdict.passed,
      accuracyPct: verdict.accuracyPct,
      errors: verdict.errors,
      thresholdPct,
      ncId: nc?.id ?? null,
      ncCode: nc?.code ?? null,
    };
  });
}
