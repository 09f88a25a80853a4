import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { propertyItems } from "@/db/schema";
import { isOrganiser, mayReadCases, type TCaseKind } from "@/domain/property/model";
import type { ZItemInput } from "@/domain/property/schemas";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { AppError } from "@/server/errors";
import { actorOf } from "./cases";

export type TItemInput = z.infer<typeof ZItemInput>;

/**
 * An inspection item list (the PBX checklist 《安装用户交换机申请检验表》 or the works acceptance item list
 * 《客户自建通信工程验收项目一览表》), active and inactive items, in the list's order. Case readers and its organisers.
 */
export async function listItems(db: Db, user: SessionUser, kind: TCaseKind) {
  const actor = actorOf(user);
  if (!mayReadCases(actor) && !isOrganiser(actor, kind)) throw new AppError("forbidden");
  return db
    .select({
      id: propertyItems.id,
      kind: propertyItems.kind,
      clause: propertyItems.clause,
      group: propertyItems.group,
      textZh: propertyItems.textZh,
      textEn: propertyItems.textEn,
      unit: propertyItems.unit,
      active: propertyItems.active,
      sort: propertyItems.sort,
      updatedAt: propertyItems.updatedAt,
    })
    .from(propertyItems)
    .where(eq(propertyItems.kind, kind))
    .orderBy(asc(propertyItems.sort), asc(propertyItems.clause), asc(propertyItems.id));
}

/**
 * The organising department adds or edits an item of its list (customer service the PBX checklist, Technology
 * Development the works acceptance item list). An item is never deleted (rounds keep a snapshot of its text, and
 * refer to it): it is made inactive. An item keeps its kind.
 */
export async function saveItem(db: Db, user: SessionUser, input: TItemInput): Promise<{ id: string }> {
  if (!isOrganiser(actorOf(user), input.kind)) throw new AppError("forbidden");
  return db.transaction(async (tx) => {
    const now = clockNow();
    const values = {
      clause: input.clause,
      group: input.group,
      textZh: input.textZh,
      textEn: input.textEn,
      unit: input.unit && input.unit.trim() !== "" ? input.unit : null,
      active: input.active,
      sort: input.sort,
      updatedBy: user.id,
      updatedAt: now,
    };
    let id: string;
    if (input.id) {
      const [existing] = await tx
        .select({ id: propertyItems.id })
        .from(propertyItems)
        .where(and(eq(propertyItems.id, input.id), eq(propertyItems.kind, input.kind)))
        .for("update");
      if (!existing) throw new AppError("not_found");
      id = existing.id;
      await tx.update(propertyItems).set(values).where(eq(propertyItems.id, id));
    } else {
      id = randomUUID();
      await tx.insert(propertyItems).values({ id, kind: input.kind, ...values });
    }
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "property_item",
      subjectId: id,
      at: now,
      event: { name: "property.itemSaved", payload: { kind: input.kind, clause: input.clause, textZh: input.textZh, active: input.active } },
    });
    return { id };
  });
}
