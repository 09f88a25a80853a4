import "server-only";
import { and, gt, isNull, lte, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { correctiveActions } from "@/db/schema";
import type { TPeriod } from "@/domain/analysis/periods";
import type { TBlock } from "@/domain/analysis/schemas";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { dueStep, isOverdue } from "@/domain/quality/model";
import { addDays } from "@/domain/time/calendar";
import { startOfOperatorDay } from "@/domain/time/operator";
import { departmentNames } from "@/server/warehouse/registers";

/**
 * Corrective actions open at the period's end (sent by then, not closed by then) by department, and of those past
 * their due step on the period's last day (domain dueStep/isOverdue on the action's present step).
 */
export async function actionsByDepartment(db: Db, period: TPeriod): Promise<TBlock> {
  const end = startOfOperatorDay(addDays(period.to, 1));
  const rows = await db
    .select({
      department: correctiveActions.department,
      status: correctiveActions.status,
      requiredBy: correctiveActions.requiredBy,
      actionDueOn: correctiveActions.actionDueOn,
      implementedOn: correctiveActions.implementedOn,
      closedAt: correctiveActions.closedAt,
    })
    .from(correctiveActions)
    .where(and(lte(correctiveActions.sentAt, end), or(isNull(correctiveActions.closedAt), gt(correctiveActions.closedAt, end))));
  const names = await departmentNames(db);
  const tally = new Map<string, { open: number; overdue: number }>();
  for (const a of rows) {
    const t = tally.get(a.department) ?? { open: 0, overdue: 0 };
    t.open++;
    // closed since: it was open then; its due step then is not known, so only a still-open one can count as overdue
    if (a.status !== "closed" && isOverdue(dueStep(a), period.to)) t.overdue++;
    tally.set(a.department, t);
  }
  const order = (d: string) => (DEPARTMENTS as readonly string[]).indexOf(d);
  return {
    type: "table",
    id: "actions_by_department",
    columns: ["open", "overdue"],
    rows: [...tally.entries()]
      .sort(([a], [b]) => order(a) - order(b))
      .map(([d, t]) => {
        const n = names[d];
        return { key: d, label: n ? { "zh-CN": n[0], en: n[1] } : null, cells: [t.open, t.overdue] };
      }),
  };
}
