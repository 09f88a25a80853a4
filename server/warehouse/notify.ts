import "server-only";
import { and, eq, notInArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { TDepartment } from "@/domain/auth/roles";
import type { TItemStatus } from "@/domain/items/labels";
import { raiseNotice } from "@/server/notices/service";

/** The receipt's page (also the inspector's screen): the inspection notice opens it. */
export const receiptHref = (id: string) => `/warehouse/receipts/${id}`;
export const countHref = (id: string) => `/warehouse/counts/${id}`;
export const QUARANTINE_HREF = "/warehouse/quarantine";

/**
 * A notice's values are shown as stored in either language (like a zone's or a material's name): the quarantine
 * labels in both, as the tags and zone signs print them.
 */
const QUARANTINE_LABEL: Partial<Record<TItemStatus, string>> = {
  returned: "退货 Returned",
  pending_disposal: "待处理 Pending disposal",
  scrapped: "报废 Scrapped",
};

/**
 * A delivery waits for the requesting department's inspection: every active person of it who may inspect
 * (domain/warehouse/model.ts mayInspect: not a keeper, not the admin).
 */
export async function noticeInspectionRequested(
  tx: Db,
  r: { id: string; code: string; supplier: string; department: TDepartment; lines: number },
): Promise<number> {
  const people = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), eq(users.department, r.department), notInArray(users.role, ["warehouse_keeper", "admin"])));
  return raiseNotice(tx, {
    to: { userIds: people.map((p) => p.id) },
    kind: "warehouse.inspectionRequested",
    params: { code: r.code, supplier: r.supplier, lines: r.lines },
    href: receiptHref(r.id),
    key: `warehouse.inspectionRequested:${r.id}`,
  });
}

/**
 * Goods went into quarantine with this person responsible for dealing with them (ADR 0035 §6). Not raised to the
 * person who put them there themselves: they see it in their quarantine list anyway. `since` tells one stay in
 * quarantine from the next (a pending-disposal item later scrapped is a new one).
 */
export async function noticeQuarantineAssigned(
  tx: Db,
  q: { itemId: string; tag: string; name: string; status: TItemStatus; zoneCode: string | null; responsibleId: string; by: string; since: Date },
): Promise<number> {
  if (q.responsibleId === q.by) return 0;
  return raiseNotice(tx, {
    to: { userIds: [q.responsibleId] },
    kind: "warehouse.quarantineAssigned",
    params: { tag: q.tag, name: q.name, label: QUARANTINE_LABEL[q.status] ?? q.status, zone: q.zoneCode ?? "" },
    href: QUARANTINE_HREF,
    key: `warehouse.quarantineAssigned:${q.itemId}:${q.responsibleId}:${q.since.toISOString()}`,
  });
}

/** A submitted stock-take has differences for the keepers to confirm. */
export async function noticeCountDifferences(tx: Db, c: { id: string; zoneCode: string; differences: number }): Promise<number> {
  if (c.differences === 0) return 0;
  return raiseNotice(tx, {
    to: { roles: ["warehouse_keeper"] },
    kind: "warehouse.countDifferences",
    params: { zone: c.zoneCode, differences: c.differences },
    href: countHref(c.id),
    key: `warehouse.countDifferences:${c.id}`,
  });
}

/** Whether this user may be named responsible for quarantined goods: an active account. */
export async function isActiveUser(tx: Db, id: string): Promise<boolean> {
  const [u] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, id), eq(users.active, true)));
  return u !== undefined;
}
