import "server-only";
import type { Db } from "@/db/client";
import { raiseNotice } from "@/server/notices/service";

/** The office pages the quality notices open. */
export const ncHref = (id: string) => `/quality/nonconformities/${id}`;
export const checkOfficeHref = (id: string) => `/quality/checks/${id}`;
/** The phone's walk of a planned check. */
export const walkHref = (id: string) => `/quality/check#${id}`;

/** A nonconformity was raised: quality decides on it (send a corrective action or close it). */
export async function noticeNonconformityRaised(tx: Db, nc: { id: string; code: string; sourceRef: string }): Promise<number> {
  return raiseNotice(tx, {
    to: { roles: ["quality"] },
    kind: "quality.nonconformityRaised",
    params: { code: nc.code, sourceRef: nc.sourceRef },
    href: ncHref(nc.id),
    key: `quality.nonconformityRaised:${nc.id}`,
  });
}

/** A check was planned for this checker. */
export async function noticeCheckAssigned(
  tx: Db,
  c: { id: string; code: string; assigneeId: string; plannedFor: string; subject: string; workOrders: boolean },
): Promise<number> {
  return raiseNotice(tx, {
    to: { userIds: [c.assigneeId] },
    kind: "quality.checkAssigned",
    params: { code: c.code, date: c.plannedFor, subject: c.subject },
    href: c.workOrders ? checkOfficeHref(c.id) : walkHref(c.id),
    key: `quality.checkAssigned:${c.id}:${c.assigneeId}`,
  });
}

/** A walk came in with findings: quality sees it (the nonconformities each have their own notice too). */
export async function noticeCheckSubmitted(tx: Db, c: { id: string; code: string; checker: string; findings: number; by: string }): Promise<number> {
  if (c.findings === 0) return 0;
  return raiseNotice(tx, {
    to: { roles: ["quality"] },
    kind: "quality.checkSubmitted",
    params: { code: c.code, checker: c.checker, findings: c.findings },
    href: checkOfficeHref(c.id),
    key: `quality.checkSubmitted:${c.id}`,
  });
}
