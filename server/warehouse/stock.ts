import "server-only";
import { and, asc, eq, gt, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { items, zones } from "@/db/schema";
import type { TStockQuery } from "./registers";

/**
 * `warehouse.stock`: stock on hand by zone and label, one row per material (or, for items from before receiving,
 * per name): how many tags and how many units. Only what lies in a warehouse zone (not on a site, not issued or
 * written off) and has units left.
 */
export async function stockOnHand(db: Db, q: TStockQuery) {
  const where: (SQL | undefined)[] = [ne(zones.kind, "site"), gt(items.quantity, 0)];
  if (q.zoneCode) where.push(eq(items.zoneCode, q.zoneCode));
  if (q.status) where.push(eq(items.status, q.status));
  const rows = await db
    .select({
      zoneCode: zones.code,
      zoneNameZh: zones.nameZh,
      zoneNameEn: zones.nameEn,
      status: items.status,
      materialCode: items.materialCode,
      name: items.name,
      tags: sql<number>`count(*)::int`,
      quantity: sql<number>`coalesce(sum(${items.quantity}), 0)::int`,
    })
    .from(items)
    .innerJoin(zones, eq(zones.code, items.zoneCode))
    .where(and(...where))
    .groupBy(zones.code, zones.nameZh, zones.nameEn, items.status, items.materialCode, items.name)
    .orderBy(asc(zones.code), asc(items.status), asc(items.materialCode), asc(items.name));
  return { rows };
}
