import "server-only";
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { tagLeases } from "@/db/schema";
import { LEASE_SIZE, MAX_TAG_NUMBER, type TTagLease } from "@/domain/warehouse/tags";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { loadOwnDevice } from "@/server/sync/devices";

/**
 * One block of stock-tag numbers from the sequence (ADR 0035): `nextval` moves by LEASE_SIZE (the sequence's
 * increment), so two blocks never overlap, whatever process asks. `size` may be smaller than a block (a short
 * printed roll), never larger.
 */
async function allocate(tx: Db, userId: string, deviceId: string | null, size: number): Promise<TTagLease> {
  if (!Number.isInteger(size) || size < 1 || size > LEASE_SIZE) throw new RangeError(`lease size ${size} is not 1…${LEASE_SIZE}`);
  const [row] = rowsOf<{ n: string | number }>(await tx.execute(sql`select nextval('stock_tag_lease_seq') as n`));
  const first = Number(row!.n);
  const last = first + size - 1;
  // six digits hold 999,999 tags: past that, a longer tag is a change to the scanner's patterns (ADR 0035)
  if (last > MAX_TAG_NUMBER) throw new AppError("rule_violation", { rule: "tag_not_leased", reason: "tags_exhausted" });
  await tx.insert(tagLeases).values({ deviceId, userId, firstNo: first, lastNo: last });
  await appendAuditEvent(tx, {
    actorId: userId,
    subjectType: "tag_lease",
    subjectId: String(first),
    event: { name: "tags.leased", payload: { first, last, deviceId } },
  });
  return { first, last };
}

/** `warehouse.leaseTags`: a block of LEASE_SIZE tag numbers for the keeper's own (registered, not revoked) phone. */
export async function leaseTags(db: Db, user: SessionUser, deviceId: string): Promise<TTagLease> {
  await loadOwnDevice(db, user, deviceId);
  return db.transaction((tx) => allocate(tx, user.id, deviceId, LEASE_SIZE));
}

/** A printed roll of blank tags (a lease with no device), in the caller's transaction (the seed, the office). */
export function leaseRoll(tx: Db, userId: string, size: number = LEASE_SIZE): Promise<TTagLease> {
  return allocate(tx, userId, null, size);
}
