import "server-only";
import { and, gte, inArray, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { items, tagLeases } from "@/db/schema";
import { stockTagNumber, tagInLeases } from "@/domain/warehouse/tags";
import { Rejection } from "@/server/sync/rejection";

/**
 * New stock tags are accepted only from a leased block (a phone's or a printed roll: tag_not_leased) and only when no
 * item has them yet (duplicate_tag; the unique index on items.tag_code besides). ADR 0035 §2. Only the leases whose
 * range can hold these tags are read, never the whole table.
 */
export async function assertNewTags(tx: Db, tags: readonly string[]): Promise<void> {
  if (tags.length === 0) return;
  const numbers = tags.map(stockTagNumber);
  const notTags = tags.filter((_, i) => numbers[i] === null);
  if (notTags.length > 0) throw new Rejection("tag_not_leased", { tags: notTags });
  const valid = numbers as number[];
  const low = Math.min(...valid);
  const high = Math.max(...valid);
  const leases = await tx
    .select({ first: tagLeases.firstNo, last: tagLeases.lastNo })
    .from(tagLeases)
    .where(and(lte(tagLeases.firstNo, high), gte(tagLeases.lastNo, low)));
  const outside = tags.filter((tag) => !tagInLeases(tag, leases));
  if (outside.length > 0) throw new Rejection("tag_not_leased", { tags: outside });
  const taken: string[] = [];
  for (let i = 0; i < tags.length; i += 1000) {
    const rows = await tx
      .select({ tag: items.tagCode })
      .from(items)
      .where(inArray(items.tagCode, tags.slice(i, i + 1000)));
    taken.push(...rows.map((r) => r.tag));
  }
  if (taken.length > 0) throw new Rejection("duplicate_tag", { tags: taken.sort() });
}
