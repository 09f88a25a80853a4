import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { auditEvents, users, workOrders } from "@/db/schema";
import { AppError } from "@/server/errors";

const assignee = alias(users, "assignee");
const creator = alias(users, "creator");

/**
 * What the office sees of a work order beyond `workOrders.get` (server/work-orders/detail.ts): who created it,
 * whether its lineman is still active, the reason it was cancelled or refused, and who it went to at creation and
 * at each (re-)assignment (from the audit log: an assignment is not a status change), oldest first.
 */
export async function getOfficeTrail({ db, workOrderId }: { db: Db; workOrderId: string }) {
  const [order] = await db
    .select({
      statusReason: workOrders.statusReason,
      assigneeActive: assignee.active,
      createdByName: creator.displayName,
      createdAt: workOrders.createdAt,
    })
    .from(workOrders)
    .leftJoin(assignee, eq(assignee.id, workOrders.assignedTo))
    .leftJoin(creator, eq(creator.id, workOrders.createdBy))
    .where(eq(workOrders.id, workOrderId));
  if (!order) throw new AppError("not_found");

  const rows = await db
    .select({ id: auditEvents.id, name: auditEvents.name, at: auditEvents.occurredAt, payload: auditEvents.payload, actorName: users.displayName })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(
      and(
        eq(auditEvents.subjectType, "work_order"),
        eq(auditEvents.subjectId, workOrderId),
        inArray(auditEvents.name, ["workOrder.created", "workOrder.assigned"]),
      ),
    )
    .orderBy(asc(auditEvents.id));
  const moves = rows.flatMap((r) => {
    const p = r.payload as { assigneeId?: string | null; fromAssigneeId?: string | null; toAssigneeId?: string | null };
    const to = r.name === "workOrder.created" ? (p.assigneeId ?? null) : (p.toAssigneeId ?? null);
    const from = r.name === "workOrder.created" ? null : (p.fromAssigneeId ?? null);
    return to ? [{ id: r.id, at: r.at, actorName: r.actorName, atCreation: r.name === "workOrder.created", from, to }] : [];
  });
  const ids = [...new Set(moves.flatMap((m) => (m.from ? [m.from, m.to] : [m.to])))];
  const names = new Map(
    ids.length === 0 ? [] : (await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name]),
  );
  return {
    ...order,
    assignments: moves.map(({ from, to, ...m }) => ({ ...m, fromName: from ? (names.get(from) ?? null) : null, toName: names.get(to) ?? null })),
  };
}
