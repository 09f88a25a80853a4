import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { userSites } from "@/db/schema";
import type { SessionUser } from "@/server/auth/session";

/**
 * Whom a phone's cache is filled for (ADR 0042): the person, their role and the sites they work at. When any of
 * these changes the phone drops its cache and pulls again from the start (client/sync/idb-store.ts applyPull), so
 * nothing of the old scope stays on it.
 */
export async function scopeKey(tx: Db, user: SessionUser): Promise<string> {
  const sites = await tx.select({ code: userSites.siteCode }).from(userSites).where(eq(userSites.userId, user.id)).orderBy(asc(userSites.siteCode));
  return sites.length === 0 ? `${user.id}:${user.role}` : `${user.id}:${user.role}:${sites.map((s) => s.code).join(",")}`;
}
