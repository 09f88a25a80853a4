import "server-only";
import { asc, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { items, zones } from "@/db/schema";
import type { TItemStatus } from "@/domain/items/labels";

/** Zones with how many items carry each status label. */
export async function listZonesWithCounts({ db }: { db: Db }) {
  const [zoneRows, counts] = await Promise.all([
    db.select().from(zones).orderBy(asc(zones.code)),
    db.select({ zoneCode: items.zoneCode, status: items.status, n: count() }).from(items).groupBy(items.zoneCode, items.status),
  ]);
  return zoneRows.map((z) => ({
    ...z,
    counts: counts.filter((c) => c.zoneCode === z.code).map((c) => ({ status: c.status, n: c.n })), // count() maps to a number (drizzle's mapWith(Number))
  }));
}

export function listItemsByStatus({ db, status }: { db: Db; status: TItemStatus }) {
  return db
    .select({ id: items.id, tagCode: items.tagCode, name: items.name, kind: items.kind, zoneCode: items.zoneCode, updatedAt: items.updatedAt })
    .from(items)
    .where(eq(items.status, status))
    .orderBy(asc(items.tagCode));
}
