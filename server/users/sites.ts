import "server-only";
import { TRPCError } from "@trpc/server";
import { and, asc, eq, notInArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sites, users, userSites } from "@/db/schema";
import { ZKnownSiteCodes, type TSetUserSitesInput } from "@/domain/auth/user-sites";
import { appendAuditEvent } from "@/server/audit/service";
import { AppError } from "@/server/errors";

/** The company's sites, for the admin's picker. */
export function listSites({ db }: { db: Db }) {
  return db.select({ code: sites.code, nameZh: sites.nameZh, nameEn: sites.nameEn }).from(sites).orderBy(asc(sites.code));
}

/** Each user's sites (user id → codes, sorted); a user without a row works at every site. */
export async function sitesByUser({ db }: { db: Db }): Promise<Record<string, string[]>> {
  const rows = await db.select().from(userSites).orderBy(asc(userSites.userId), asc(userSites.siteCode));
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.userId] ??= []).push(r.siteCode);
  return out;
}

/**
 * Sets the sites a user works at (ADR 0042), audited. Their phone's scope changes with them: its next pull names
 * another scope, so it drops its cache and pulls again (items of the new sites only, or every site's for none).
 */
export async function setUserSites({ db, actorId, input }: { db: Db; actorId: string; input: TSetUserSitesInput }) {
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).for("update");
    if (!user) throw new AppError("not_found");
    const known = (await tx.select({ code: sites.code }).from(sites)).map((s) => s.code);
    const checked = ZKnownSiteCodes(known).safeParse({ siteCodes: input.siteCodes });
    if (!checked.success) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "bad_input", cause: checked.error });
    }
    const to = [...input.siteCodes].sort();
    const from = (await tx.select({ code: userSites.siteCode }).from(userSites).where(eq(userSites.userId, user.id)).orderBy(asc(userSites.siteCode))).map(
      (r) => r.code,
    );
    if (from.join(",") === to.join(",")) return { siteCodes: to };
    await tx.delete(userSites).where(and(eq(userSites.userId, user.id), to.length > 0 ? notInArray(userSites.siteCode, to) : undefined));
    const added = to.filter((c) => !from.includes(c));
    if (added.length > 0) await tx.insert(userSites).values(added.map((siteCode) => ({ userId: user.id, siteCode })));
    await appendAuditEvent(tx, { actorId, subjectType: "user", subjectId: user.id, event: { name: "user.sitesChanged", payload: { from, to } } });
    return { siteCodes: to };
  });
}
