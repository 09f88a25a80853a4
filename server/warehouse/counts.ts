import "server-only";
import { asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { countDifferences, stockCounts, users, zones } from "@/db/schema";
import type { TRole } from "@/domain/auth/roles";
import { DIFFERENCE_KINDS, resolutionsFor } from "@/domain/warehouse/count";
import { mayReceive } from "@/domain/warehouse/model";
import { AppError } from "@/server/errors";
import { page, type TPageQuery } from "./registers";

const resolver = alias(users, "resolver");
const openOf = sql<number>`(select count(*) from count_differences d where d.count_id = ${stockCounts.id} and d.resolution is null)::int`;

/** `warehouse.counts`: the stock-takes, newest first (keyset on submitted time, id), with the differences still open. */
export async function listCounts(db: Db, q: TPageQuery) {
  const rows = await db
    .select({
      id: stockCounts.id,
      zoneCode: stockCounts.zoneCode,
      zoneNameZh: zones.nameZh,
      zoneNameEn: zones.nameEn,
      countedByName: users.displayName,
      startedAt: stockCounts.startedAt,
      submittedAt: stockCounts.submittedAt,
      expected: stockCounts.expected,
      found: stockCounts.found,
      differences: stockCounts.differences,
      open: openOf,
      settledAt: stockCounts.settledAt,
    })
    .from(stockCounts)
    .innerJoin(users, eq(users.id, stockCounts.countedBy))
    .innerJoin(zones, eq(zones.code, stockCounts.zoneCode))
    .where(
      q.cursor ? sql`(${stockCounts.submittedAt}, ${stockCounts.id}) < (select c.submitted_at, c.id from stock_counts c where c.id = ${q.cursor})` : undefined,
    )
    .orderBy(desc(stockCounts.submittedAt), desc(stockCounts.id))
    .limit(q.limit + 1);
  return page(rows, q.limit, (r) => r.id);
}

/**
 * `warehouse.count`: one stock-take and its differences (kind order, then tag), each with the resolutions it allows
 * this reader now: none once confirmed, none to a reader who may not confirm (only keepers adjust stock).
 */
export async function getCount(db: Db, id: string, reader: { role: TRole }) {
  const [count] = await db
    .select({
      id: stockCounts.id,
      zoneCode: stockCounts.zoneCode,
      zoneNameZh: zones.nameZh,
      zoneNameEn: zones.nameEn,
      countedBy: stockCounts.countedBy,
      countedByName: users.displayName,
      startedAt: stockCounts.startedAt,
      submittedAt: stockCounts.submittedAt,
      scanned: sql<number>`jsonb_array_length(${stockCounts.scans})::int`,
      expected: stockCounts.expected,
      found: stockCounts.found,
      differences: stockCounts.differences,
      open: openOf,
      settledAt: stockCounts.settledAt,
    })
    .from(stockCounts)
    .innerJoin(users, eq(users.id, stockCounts.countedBy))
    .innerJoin(zones, eq(zones.code, stockCounts.zoneCode))
    .where(eq(stockCounts.id, id));
  if (!count) throw new AppError("not_found");
  const rows = await db
    .select({
      id: countDifferences.id,
      kind: countDifferences.kind,
      tag: countDifferences.tag,
      itemId: countDifferences.itemId,
      recordedZone: countDifferences.recordedZone,
      statusAtCount: countDifferences.statusAtCount,
      resolution: countDifferences.resolution,
      reason: countDifferences.reason,
      resolvedByName: resolver.displayName,
      resolvedAt: countDifferences.resolvedAt,
    })
    .from(countDifferences)
    .leftJoin(resolver, eq(resolver.id, countDifferences.resolvedBy))
    .where(eq(countDifferences.countId, id))
    .orderBy(asc(countDifferences.kind), asc(countDifferences.tag));
  const order = (k: string) => DIFFERENCE_KINDS.indexOf(k as (typeof DIFFERENCE_KINDS)[number]);
  const differences = rows
    .map((d) => ({ ...d, resolutions: d.resolution === null && mayReceive(reader.role) ? ([...resolutionsFor(d.kind)] as string[]) : [] }))
    .sort((a, b) => order(a.kind) - order(b.kind) || a.tag.localeCompare(b.tag));
  return { count, differences };
}
