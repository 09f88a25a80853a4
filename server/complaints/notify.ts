import "server-only";
import { and, eq, inArray, notInArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { TDepartment } from "@/domain/auth/roles";
import { recordTime } from "@/domain/time/operator";
import { raiseNotice } from "@/server/notices/service";

/** The page of one form on the office desk (every notice of a form opens it). */
export function complaintHref(id: string): string {
  return `/complaints/desk/${id}`;
}

interface TNoticeForm {
  id: string;
  code: string;
  customerName: string;
  dueAt: Date;
}

/** Active people of these departments who may move a form (not linemen, not keepers: they read only their own). */
async function peopleOf(tx: Db, departments: readonly TDepartment[]): Promise<string[]> {
  if (departments.length === 0) return [];
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.department, [...departments]), notInArray(users.role, ["lineman", "warehouse_keeper"])));
  return rows.map((r) => r.id);
}

/** Classified to a department: its people who handle forms are told (again when re-classified elsewhere). */
export async function noticeAssigned(tx: Db, c: TNoticeForm & { department: TDepartment; categoryName: string }): Promise<number> {
  return raiseNotice(tx, {
    to: { userIds: await peopleOf(tx, [c.department]) },
    kind: "complaint.assigned",
    params: { code: c.code, category: c.categoryName, customer: c.customerName, due: recordTime(c.dueAt, { seconds: false }) },
    href: complaintHref(c.id),
    key: `complaint.assigned:${c.id}:${c.department}`,
  });
}

/**
 * A key customer's service request: each department concerned, in writing, through its people who handle forms (a
 * lineman gets the work order the department dispatches, not the office's record, which he may not open).
 */
export async function noticeServiceRequest(tx: Db, c: TNoticeForm & { departments: readonly TDepartment[]; service: string }): Promise<number> {
  return raiseNotice(tx, {
    to: { userIds: await peopleOf(tx, c.departments) },
    kind: "complaint.serviceRequest",
    params: { code: c.code, customer: c.customerName, service: c.service, due: recordTime(c.dueAt, { seconds: false }) },
    href: complaintHref(c.id),
    key: `complaint.serviceRequest:${c.id}`,
  });
}

/**
 * An escalation: to enterprise management (role quality), or to the general manager. `key` tells one escalation from
 * another (a record escalated twice, for two reasons, raises two notices).
 */
export async function noticeEscalated(
  tx: Db,
  c: TNoticeForm & { level: "quality" | "general_manager"; reason: string; escalationId: number },
): Promise<number> {
  const toManager = c.level === "general_manager";
  return raiseNotice(tx, {
    to: { roles: [toManager ? "general_manager" : "quality"] },
    kind: toManager ? "complaint.escalatedToManager" : "complaint.escalated",
    params: { code: c.code, customer: c.customerName, reason: c.reason.slice(0, 200) },
    href: complaintHref(c.id),
    key: `complaint.escalated:${c.id}:${c.escalationId}`,
  });
}
