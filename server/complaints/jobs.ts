import "server-only";
import { and, eq, inArray, notExists, notInArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { complaintEscalations, complaintEvents, complaints, users } from "@/db/schema";
import type { TDepartment } from "@/domain/auth/roles";
import { AWAITING_REPLY } from "@/domain/complaints/model";
import { operatorDay, recordTime } from "@/domain/time/operator";
import { appendAuditEvent } from "@/server/audit/service";
import { now as clockNow } from "@/server/clock";
import { defineJob } from "@/server/jobs";
import { raiseNotice } from "@/server/notices/service";
import { produceMonthSummary } from "./summary";

/** The page of one form on the office desk (as every notice of a form opens it). */
const complaintHref = (id: string) => `/complaints/desk/${id}`;

/** Forms escalated per transaction: a backlog (a server down for a day) is worked in short transactions. */
const BATCH = 200;

/** The reason an automatic escalation records (the audit trail's and the timeline's words; the screens translate the cause). */
function deadlineReason(dueAt: Date): string {
  return `time limit passed unanswered (due ${recordTime(dueAt, { seconds: false })})`;
}

/** The responsible department's people who handle forms (not linemen, not keepers). */
async function handlersOf(tx: Db, department: TDepartment | null): Promise<string[]> {
  if (department === null) return [];
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), eq(users.department, department), notInArray(users.role, ["lineman", "warehouse_keeper"])));
  return rows.map((r) => r.id);
}

/**
 * The deadline sweep: every form still awaiting its answer past its deadline (domain isComplaintOverdue) and not yet
 * escalated for that deadline is escalated to enterprise management (the quality department) by the job runner: an
 * escalation row (cause deadline_passed, no person, the deadline it was for), the form's level (the higher one kept),
 * a timeline row, the audit event, and a notice to quality, customer service and the responsible department.
 * Idempotent: one escalation per form, level and deadline (a unique index), so a retried or doubled run adds nothing;
 * a deadline moved later and passed again escalates again. Returns how many forms it escalated.
 */
export async function escalateOverdue(db: Db, now: Date = clockNow()): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const e = complaintEscalations;
      const due = await tx
        .select({
          id: complaints.id,
          code: complaints.code,
          customerName: complaints.customerName,
          dueAt: complaints.dueAt,
          status: complaints.status,
          version: complaints.version,
          department: complaints.department,
          escalation: complaints.escalation,
        })
        .from(complaints)
        .where(
          and(
            inArray(complaints.status, [...AWAITING_REPLY]),
            sql`${complaints.dueAt} < ${now.toISOString()}::timestamptz`,
            notExists(
              tx
                .select({ one: sql`1` })
                .from(e)
                .where(and(eq(e.complaintId, complaints.id), eq(e.level, "quality"), eq(e.cause, "deadline_passed"), eq(e.dueAt, complaints.dueAt))),
            ),
          ),
        )
        .orderBy(complaints.dueAt, complaints.code)
        .limit(BATCH)
        // a person's step on the same form waits for this transaction (or this run skips it until the next one)
        .for("update", { skipLocked: true });
      let escalated = 0;
      for (const c of due) {
        const reason = deadlineReason(c.dueAt);
        const inserted = await tx
          .insert(e)
          // the deadline exactly as stored (to the microsecond, which a JS Date drops), so the unique index and the
          // query's "not yet escalated for this deadline" compare the same value
          .values({
            complaintId: c.id,
            level: "quality",
            cause: "deadline_passed",
            reason,
            actorId: null,
            dueAt: sql`(select ${complaints.dueAt} from ${complaints} where ${complaints.id} = ${c.id})`,
            at: now,
          })
          .onConflictDoNothing()
          .returning({ id: e.id });
        if (inserted.length === 0) continue;
        // why no new version: the runner must never turn a person's open form into a conflict; the row's txid moves
        if (c.escalation !== "general_manager") await tx.update(complaints).set({ escalation: "quality", updatedAt: now }).where(eq(complaints.id, c.id));
        await tx.insert(complaintEvents).values({
          complaintId: c.id,
          action: "escalated",
          fromStatus: c.status,
          toStatus: c.status,
          note: reason,
          data: { level: "quality", cause: "deadline_passed", dueAt: c.dueAt.toISOString(), automatic: true },
          actorId: null,
          at: now,
          versionAfter: c.version,
        });
        await appendAuditEvent(tx, {
          actorId: null,
          subjectType: "complaint",
          subjectId: c.id,
          at: now,
          event: {
            name: "complaint.escalated",
            payload: { code: c.code, level: "quality", cause: "deadline_passed", reason, dueAt: c.dueAt.toISOString(), automatic: true },
          },
        });
        await raiseNotice(tx, {
          to: { roles: ["quality", "customer_service"], userIds: await handlersOf(tx, c.department) },
          kind: "complaint.overdue",
          params: { code: c.code, customer: c.customerName, due: recordTime(c.dueAt, { seconds: false }) },
          href: complaintHref(c.id),
          key: `complaint.overdue:${c.id}:${c.dueAt.toISOString()}`,
        });
        escalated++;
      }
      // a full batch with nothing escalated (all taken by another run meanwhile) must not be read again and again
      return { escalated, more: due.length === BATCH && escalated > 0 };
    });
    total += done.escalated;
    if (!done.more) return total;
  }
}

/** The operator month before the one `now` falls in ("2026-11" on 2026-12-01 in Shanghai). */
export function previousMonth(now: Date): string {
  const [y, m] = operatorDay(now).split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/**
 * Every 5 minutes: a sweep rather than one delayed job per form, because the deadline is a fact of the form that a
 * classification (a key customer, another limit) moves and a reply ends; the query reads it as it is (ADR 0033). A
 * limit is escalated at most ~5.5 minutes after it passes.
 */
export const escalateOverdueJob = defineJob({
  name: "complaints.escalateOverdue",
  data: z.object({}),
  schedule: { cron: "*/5 * * * *", data: {} },
  keepDays: 2,
  handler: async (_data, run) => {
    await escalateOverdue(run.db);
  },
});

/**
 * On the 1st of each month at 08:00 in the operator's zone: the previous month's summary for enterprise management
 * (a month missed while the server was down is made up once). Run again it stores another row (the latest is shown)
 * and the notice, keyed by month, is not repeated.
 */
export const monthSummaryJob = defineJob({
  name: "complaints.monthSummary",
  data: z.object({}),
  schedule: { cron: "0 8 1 * *", data: {} },
  handler: async (_data, run) => {
    const at = clockNow();
    await produceMonthSummary(run.db, previousMonth(at), null, at);
  },
});

/** The complaints domain's jobs (listed once in server/jobs/list.ts). */
export const complaintJobs = [escalateOverdueJob, monthSummaryJob];
