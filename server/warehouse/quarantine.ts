import "server-only";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { items, users, zones } from "@/db/schema";
import { QUARANTINE_STATUSES } from "@/domain/items/labels";
import { isAgeing, quarantineAgeDays } from "@/domain/warehouse/stock";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { readsRegisters } from "./registers";

/**
 * `warehouse.quarantine`: quarantined items (退货, 待处理, 报废) with the person responsible and their age in
 * operator days (domain quarantineAgeDays; over QUARANTINE_AGEING_DAYS is `ageing`), oldest first. `mine`: the
 * caller's responsibilities, for anyone; the whole list for the registers' readers (others get theirs).
 */
export async function listQuarantine(db: Db, user: SessionUser, q: { mine?: boolean }, now: Date = clockNow()) {
  const mine = q.mine === true || !readsRegisters(user);
  const where: SQL[] = [inArray(items.status, [...QUARANTINE_STATUSES])];
  if (mine) where.push(eq(items.responsibleId, user.id));
  // the quarantine zones hold them (the label rules put them nowhere else): the zone/status index, not a scan of all items
  else where.push(sql`${items.zoneCode} in (select z.code from zones z where z.kind = 'quarantine')`);
  const rows = await db
    .select({
      itemId: items.id,
      tag: items.tagCode,
      name: items.name,
      status: items.status,
      zoneCode: items.zoneCode,
      zoneNameZh: zones.nameZh,
      zoneNameEn: zones.nameEn,
      quantity: items.quantity,
      responsibleId: items.responsibleId,
      responsibleName: users.displayName,
      quarantinedAt: sql<Date>`coalesce(${items.quarantinedAt}, ${items.updatedAt})`.mapWith(items.updatedAt),
    })
    .from(items)
    .leftJoin(users, eq(users.id, items.responsibleId))
    .leftJoin(zones, eq(zones.code, items.zoneCode))
    .where(and(...where))
    .orderBy(asc(sql`coalesce(${items.quarantinedAt}, ${items.updatedAt})`), asc(items.tagCode));
  return {
    rows: rows.map((r) => ({ ...r, ageDays: quarantineAgeDays(r.quarantinedAt, now), ageing: isAgeing(r.quarantinedAt, now) })),
  };
}
