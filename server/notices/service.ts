import "server-only";
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notices, users } from "@/db/schema";
import type { TRole } from "@/domain/auth/roles";
import { isAppPath, NOTICE_KINDS, type TNoticeKind, type TNoticeParams } from "@/domain/notices/notices";

export interface TRaiseNotice {
  /** The recipients: these users, and every active user of these roles. */
  to: { userIds?: readonly string[]; roles?: readonly TRole[] };
  kind: TNoticeKind;
  params?: TNoticeParams;
  /** The screen the notice opens: a path of this app (domain/notices isAppPath). */
  href: string;
  /**
   * What makes this notice the same one when raised again (a job retried, run by two processes, a daily sweep that
   * finds the same overdue loan): one notice per recipient and key.
   */
  key: string;
}

/**
 * The one way a domain tells people something (ADR 0033): writes one notice per recipient, in the caller's
 * transaction (a notice raised by a change commits or rolls back with it), and is idempotent by `key`. The phones
 * receive it by the sync pull (feed `notices`), offline too. Returns how many notices were new.
 */
export async function raiseNotice(tx: Db, n: TRaiseNotice): Promise<number> {
  if (!(NOTICE_KINDS as readonly string[]).includes(n.kind)) throw new Error(`raiseNotice: unknown kind ${n.kind}`);
  if (!isAppPath(n.href)) throw new Error(`raiseNotice: not a path of this app: ${n.href}`);
  const ids = n.to.userIds ?? [];
  const roles = n.to.roles ?? [];
  if (ids.length === 0 && roles.length === 0) return 0;
  const recipients = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), or(ids.length ? inArray(users.id, [...ids]) : undefined, roles.length ? inArray(users.role, [...roles]) : undefined)));
  if (recipients.length === 0) return 0;
  const inserted = await tx
    .insert(notices)
    .values(recipients.map((r) => ({ userId: r.id, kind: n.kind, params: n.params ?? {}, href: n.href, key: n.key })))
    .onConflictDoNothing({ target: [notices.userId, notices.key] })
    .returning({ id: notices.id });
  return inserted.length;
}

/** Marks the user's own notices read (others' ids are ignored); returns how many changed. */
export async function markNoticesRead(tx: Db, userId: string, noticeIds: readonly string[], at = new Date()): Promise<number> {
  const rows = await tx
    .update(notices)
    .set({ readAt: at })
    .where(and(eq(notices.userId, userId), inArray(notices.id, [...noticeIds]), isNull(notices.readAt)))
    .returning({ id: notices.id });
  return rows.length;
}
