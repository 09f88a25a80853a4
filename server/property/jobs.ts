import "server-only";
import { and, eq, inArray, isNull, lt, notInArray, or } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { propertyCases, propertyLetters, users } from "@/db/schema";
import { FINAL_CASE_STATUSES, isCustomerService, isOrganiser, letterOverdue, ORGANISER_DEPARTMENT, type TCaseKind } from "@/domain/property/model";
import { operatorDay } from "@/domain/time/operator";
import { now as clockNow } from "@/server/clock";
import { defineJob } from "@/server/jobs";
import { raiseNotice } from "@/server/notices/service";

/** The case's page on the office screens (the letter is listed there). */
export const caseHref = (caseId: string) => `/property/${caseId}`;

/** Who is told of an overdue letter: the organising department's people (domain isOrganiser) and customer service. */
export async function overdueRecipients(tx: Db, kind: TCaseKind): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id, role: users.role, department: users.department })
    .from(users)
    .where(and(eq(users.active, true), or(inArray(users.department, [ORGANISER_DEPARTMENT[kind], "customer_service"]), eq(users.role, "customer_service"))));
  return rows.filter((u) => isOrganiser(u, kind) || isCustomerService(u)).map((u) => u.id);
}

/**
 * Rectification letters past their deadline (domain letterOverdue on the operator's today: from the day after it)
 * with no rectification reported, on a case still open, not yet notified: the organisers and customer service are
 * told once (`property.letterOverdue`) and the letter keeps when (`overdue_notified_at`). The letter has no version:
 * a person's open form on the case is not turned into a conflict.
 */
export async function notifyOverdueLetters(db: Db, now: Date = clockNow()): Promise<number> {
  const today = operatorDay(now);
  return db.transaction(async (tx) => {
    const late = await tx
      .select({
        id: propertyLetters.id,
        code: propertyLetters.code,
        deadline: propertyLetters.deadline,
        rectifiedAt: propertyLetters.rectifiedAt,
        caseId: propertyCases.id,
        caseCode: propertyCases.code,
        kind: propertyCases.kind,
        customerName: propertyCases.customerName,
      })
      .from(propertyLetters)
      .innerJoin(propertyCases, eq(propertyCases.id, propertyLetters.caseId))
      .where(
        and(
          isNull(propertyLetters.rectifiedAt),
          isNull(propertyLetters.overdueNotifiedAt),
          lt(propertyLetters.deadline, today),
          notInArray(propertyCases.status, [...FINAL_CASE_STATUSES]),
        ),
      )
      .orderBy(propertyLetters.deadline, propertyLetters.code)
      // a person's step on the same letter waits for this transaction (or this run leaves it to tomorrow's)
      .for("update", { of: propertyLetters, skipLocked: true });
    let told = 0;
    const recipients = new Map<TCaseKind, string[]>();
    for (const l of late) {
      if (!letterOverdue({ deadline: l.deadline, rectifiedAt: null }, today)) continue;
      if (!recipients.has(l.kind)) recipients.set(l.kind, await overdueRecipients(tx, l.kind));
      await tx.update(propertyLetters).set({ overdueNotifiedAt: now }).where(eq(propertyLetters.id, l.id));
      await raiseNotice(tx, {
        to: { userIds: recipients.get(l.kind)! },
        kind: "property.letterOverdue",
        params: { code: l.code, caseCode: l.caseCode, customer: l.customerName, due: l.deadline },
        href: caseHref(l.caseId),
        key: `property.letterOverdue:${l.id}`,
      });
      told++;
    }
    return told;
  });
}

/** Daily at 09:00 (operator time): rectification letters past their deadline are notified once. */
export const propertyOverdueJob = defineJob({
  name: "property.overdue",
  data: z.object({}),
  schedule: { cron: "0 9 * * *", data: {} },
  keepDays: 7,
  handler: async (_data, run) => {
    await notifyOverdueLetters(run.db, clockNow());
  },
});

/** The property domain's jobs (listed once in server/jobs/list.ts). */
export const propertyJobs = [propertyOverdueJob];
