import "server-only";
import { and, eq, isNull, lt, ne } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { billingChecks, correctiveActions, exchanges, nonconformities } from "@/db/schema";
import { dueStep, isOverdue, monthOf } from "@/domain/quality/model";
import { operatorDay } from "@/domain/time/operator";
import { appendAuditEvent } from "@/server/audit/service";
import { now as clockNow } from "@/server/clock";
import { defineJob } from "@/server/jobs";
import { noticeActionOverdue, noticeBillingOverdue } from "./actions-notify";
import { exchangeLabel, openMonthForAll } from "./billing";

/**
 * Records whose due step has passed (domain dueStep/isOverdue on the operator's today) and were not yet escalated for
 * that step and date: the `escalated` column is set to "<step>:<dueOn>", audited `correctiveAction.escalated` (by the
 * job runner) and quality and the department's heads are told. A new date (a new round, a plan's own date) escalates
 * again once it passes. No new version: the runner must not turn a person's open form into a conflict.
 */
export async function escalateOverdueActions(db: Db, now: Date = clockNow()): Promise<number> {
  const today = operatorDay(now);
  return db.transaction(async (tx) => {
    const open = await tx
      .select({
        id: correctiveActions.id,
        code: correctiveActions.code,
        ncCode: nonconformities.code,
        department: correctiveActions.department,
        status: correctiveActions.status,
        round: correctiveActions.round,
        requiredBy: correctiveActions.requiredBy,
        actionDueOn: correctiveActions.actionDueOn,
        implementedOn: correctiveActions.implementedOn,
        escalated: correctiveActions.escalated,
      })
      .from(correctiveActions)
      .innerJoin(nonconformities, eq(nonconformities.id, correctiveActions.nonconformityId))
      .where(ne(correctiveActions.status, "closed"))
      .orderBy(correctiveActions.code)
      // a person's step on the same record waits for this transaction (or this run skips it until tomorrow's)
      .for("update", { of: correctiveActions, skipLocked: true });
    let escalated = 0;
    for (const a of open) {
      const due = dueStep(a);
      if (!due || !isOverdue(due, today)) continue;
      const mark = `${due.step}:${due.dueOn}`;
      if (a.escalated === mark) continue;
      await tx.update(correctiveActions).set({ escalated: mark }).where(eq(correctiveActions.id, a.id));
      await appendAuditEvent(tx, {
        actorId: null,
        subjectType: "corrective_action",
        subjectId: a.id,
        at: now,
        event: { name: "correctiveAction.escalated", payload: { code: a.code, step: due.step, dueOn: due.dueOn } },
      });
      await noticeActionOverdue(tx, { ...a, step: due.step, dueOn: due.dueOn });
      escalated++;
    }
    return escalated;
  });
}

/** Months still open after their due day, not yet escalated: quality is told once (`overdue_notified_at`), audited. */
export async function escalateOverdueBilling(db: Db, now: Date = clockNow()): Promise<number> {
  const today = operatorDay(now);
  return db.transaction(async (tx) => {
    const late = await tx
      .select({ c: billingChecks, e: exchanges })
      .from(billingChecks)
      .innerJoin(exchanges, eq(exchanges.code, billingChecks.exchangeCode))
      .where(and(eq(billingChecks.status, "open"), lt(billingChecks.dueOn, today), isNull(billingChecks.overdueNotifiedAt)))
      .orderBy(billingChecks.month, billingChecks.exchangeCode)
      .for("update", { of: billingChecks, skipLocked: true });
    for (const { c, e } of late) {
      await tx.update(billingChecks).set({ overdueNotifiedAt: now }).where(eq(billingChecks.id, c.id));
      await appendAuditEvent(tx, {
        actorId: null,
        subjectType: "billing_check",
        subjectId: c.id,
        at: now,
        event: { name: "billing.overdue", payload: { exchangeCode: c.exchangeCode, month: c.month } },
      });
      await noticeBillingOverdue(tx, { id: c.id, exchange: exchangeLabel(e), month: c.month, due: c.dueOn });
    }
    return late.length;
  });
}

/**
 * On the 1st of each month at 08:00 in the operator's zone: the month's billing check opens for every active exchange
 * (a run made up later in the month opens the same month; run twice, nothing more: unique exchange + month).
 */
export const billingOpenJob = defineJob({
  name: "quality.billingOpen",
  data: z.object({}),
  schedule: { cron: "0 8 1 * *", data: {} },
  handler: async (_data, run) => {
    const at = clockNow();
    await openMonthForAll(run.db, monthOf(operatorDay(at)), null, at);
  },
});

/** Daily at 09:00 (operator time): corrective-action steps past their date, and billing months past theirs, escalate once. */
export const qualityOverdueJob = defineJob({
  name: "quality.overdue",
  data: z.object({}),
  schedule: { cron: "0 9 * * *", data: {} },
  keepDays: 7,
  handler: async (_data, run) => {
    const at = clockNow();
    await escalateOverdueActions(run.db, at);
    await escalateOverdueBilling(run.db, at);
  },
});

/** The quality domain's jobs (listed once in server/jobs/list.ts). */
export const qualityJobs = [billingOpenJob, qualityOverdueJob];
