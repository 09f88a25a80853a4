import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { items, stockEvents, users } from "@/db/schema";
import { isQuarantined } from "@/domain/warehouse/model";
import type { SessionUser } from "@/server/auth/session";
import { appendAuditEvent } from "@/server/audit/service";
import { now as clockNow } from "@/server/clock";
import { AppError } from "@/server/errors";
import { fieldError } from "./inspect";
import { noticeQuarantineAssigned } from "./notify";

/**
 * `warehouse.setResponsible`: the keeper or quality names who deals with a quarantined item (only one in
 * quarantine: invalid_transition otherwise). A stock event `responsible` and the audit chain record it, and the new
 * person is told (not when they named themselves). Naming the same person again changes nothing. The item's version
 * (its label's) stays: a keeper's label change queued offline is not made stale by who deals with the item.
 */
export async function setResponsible(
  db: Db,
  user: SessionUser,
  input: { itemId: string; responsibleId: string },
  now: Date = clockNow(),
): Promise<{ ok: true }> {
  return db.transaction(async (tx) => {
    const [item] = await tx.select().from(items).where(eq(items.id, input.itemId)).for("update");
    if (!item) throw new AppError("not_found");
    if (!isQuarantined(item.status)) throw new AppError("invalid_transition", { status: item.status });
    const [person] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.responsibleId), eq(users.active, true)));
    if (!person) throw fieldError("responsibleId", "validation.required");
    if (item.responsibleId === person.id) return { ok: true as const };
    await tx.update(items).set({ responsibleId: person.id, updatedAt: now, updatedBy: user.id }).where(eq(items.id, item.id));
    await tx.insert(stockEvents).values({ itemId: item.id, kind: "responsible", personId: person.id, zoneCode: item.zoneCode, actorId: user.id, at: now });
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "item",
      subjectId: item.id,
      at: now,
      event: {
        name: "quarantine.responsibleSet",
        payload: { tag: item.tagCode, status: item.status, zoneCode: item.zoneCode, from: item.responsibleId, to: person.id },
      },
    });
    await noticeQuarantineAssigned(tx, {
      itemId: item.id,
      tag: item.tagCode,
      name: item.name,
      status: item.status,
      zoneCode: item.zoneCode,
      responsibleId: person.id,
      by: user.id,
      since: item.quarantinedAt ?? item.updatedAt,
    });
    return { ok: true as const };
  });
}
