import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { departments, users } from "@/db/schema";
import type { TDepartment } from "@/domain/auth/roles";
import { mayRecordBilling } from "@/domain/quality/model";
import { raiseNotice } from "@/server/notices/service";

/** The record's page (the office's, which the head's home list opens too). */
export const actionHref = (id: string) => `/quality/actions/${id}`;
export const BILLING_HREF = "/quality/billing";

/** The department's active heads: they plan the record. */
export async function headsOf(tx: Db, department: TDepartment): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), eq(users.role, "department_head"), eq(users.department, department)));
  return rows.map((r) => r.id);
}

/** A department's name in both languages, as a notice shows a stored value ("运维部 Operations"). */
export async function departmentLabel(tx: Db, department: TDepartment): Promise<string> {
  const [d] = await tx.select({ zh: departments.nameZh, en: departments.nameEn }).from(departments).where(eq(departments.code, department));
  return d ? `${d.zh} ${d.en}` : department;
}

interface TActionNotice {
  id: string;
  code: string;
  ncCode: string;
  department: TDepartment;
  round: number;
}

/** Sent (or sent again after a failed verification): the department's heads plan it by `due`. */
export async function noticeActionSent(tx: Db, a: TActionNotice & { due: string }): Promise<number> {
  const reopened = a.round > 1;
  return raiseNotice(tx, {
    to: { userIds: await headsOf(tx, a.department) },
    kind: reopened ? "quality.actionReopened" : "quality.actionSent",
    params: { code: a.code, ncCode: a.ncCode, due: a.due, round: a.round },
    href: actionHref(a.id),
    key: `${reopened ? "quality.actionReopened" : "quality.actionSent"}:${a.id}:${a.round}`,
  });
}

/** Planned by the department: quality sees what will be done. */
export async function noticeActionPlanned(tx: Db, a: TActionNotice & { due: string; by: string }): Promise<number> {
  return raiseNotice(tx, {
    to: { roles: ["quality"] },
    kind: "quality.actionPlanned",
    params: { code: a.code, ncCode: a.ncCode, department: await departmentLabel(tx, a.department), due: a.due, by: a.by },
    href: actionHref(a.id),
    key: `quality.actionPlanned:${a.id}:${a.round}`,
  });
}

/** Reported done: quality verifies. */
export async function noticeActionImplemented(tx: Db, a: TActionNotice & { by: string }): Promise<number> {
  return raiseNotice(tx, {
    to: { roles: ["quality"] },
    kind: "quality.actionImplemented",
    params: { code: a.code, ncCode: a.ncCode, by: a.by },
    href: actionHref(a.id),
    key: `quality.actionImplemented:${a.id}:${a.round}`,
  });
}

/** The step due, as a notice shows a stored value: in both languages. */
const STEP_LABEL: Record<"plan" | "implement" | "verify", string> = {
  plan: "制定措施 the plan",
  implement: "措施实施 the action",
  verify: "效果验证 the verification",
};

/** A step past its date: quality and the department's heads, once per step and due day. */
export async function noticeActionOverdue(tx: Db, a: TActionNotice & { step: "plan" | "implement" | "verify"; dueOn: string }): Promise<number> {
  return raiseNotice(tx, {
    to: { roles: ["quality"], userIds: await headsOf(tx, a.department) },
    kind: "quality.actionOverdue",
    params: { code: a.code, ncCode: a.ncCode, step: STEP_LABEL[a.step], due: a.dueOn },
    href: actionHref(a.id),
    key: `quality.actionOverdue:${a.id}:${a.step}:${a.dueOn}`,
  });
}

/** The people who record the billing check (domain mayRecordBilling). */
export async function billingRecorders(tx: Db): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id, role: users.role, department: users.department })
    .from(users)
    .where(and(eq(users.active, true), eq(users.department, "switching_transmission")));
  return rows.filter((u) => mayRecordBilling(u)).map((u) => u.id);
}

/** The month's check of an exchange is open: the switching and transmission office records it by `due`. */
export async function noticeBillingOpened(tx: Db, b: { id: string; exchange: string; month: string; due: string }): Promise<number> {
  return raiseNotice(tx, {
    to: { userIds: await billingRecorders(tx) },
    kind: "quality.billingOpened",
    params: { exchange: b.exchange, month: b.month, due: b.due },
    href: BILLING_HREF,
    key: `quality.billingOpened:${b.id}`,
  });
}

/** The month passed its due day unrecorded: quality is told (once). */
export async function noticeBillingOverdue(tx: Db, b: { id: string; exchange: string; month: string; due: string }): Promise<number> {
  return raiseNotice(tx, {
    to: { roles: ["quality"] },
    kind: "quality.billingOverdue",
    params: { exchange: b.exchange, month: b.month, due: b.due },
    href: BILLING_HREF,
    key: `quality.billingOverdue:${b.id}`,
  });
}
