import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { eq, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sessions, users } from "@/db/schema";
import type { TDepartment, TRole } from "@/domain/auth/roles";
import { env } from "@/server/env";

export const SESSION_COOKIE = "tm_session";
/** Refresh last_seen_at at most this often, so reads do not write on every request. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: TRole;
  department: TDepartment;
}

export interface ValidSession {
  sessionId: string;
  user: SessionUser;
  expiresAt: Date;
  /** Set while the phone is handed to a customer (customer mode): the work order they may sign. */
  customerWorkOrderId: string | null;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new random session token (256 bits); only its hash is stored. */
export async function createSession(
  db: Db,
  opts: { userId: string; userAgent?: string | null; ip?: string | null; now?: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const now = opts.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + env().SESSION_ABSOLUTE_DAYS * 86_400_000);
  await db.insert(sessions).values({
    id: hashToken(token),
    userId: opts.userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    userAgent: opts.userAgent?.slice(0, 300) ?? null,
    ip: opts.ip ?? null,
  });
  return { token, expiresAt };
}

export type SessionCheck = { ok: true; session: ValidSession } | { ok: false; reason: "missing" | "expired" | "disabled" };

/** Validates a cookie token: absolute and idle timeouts, active user; slides the idle window. */
export async function validateSession(db: Db, token: string | undefined, now = new Date()): Promise<SessionCheck> {
  if (!token || token.length > 100) return { ok: false, reason: "missing" };
  const id = hashToken(token);
  const rows = await db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      customerWorkOrderId: sessions.customerWorkOrderId,
      user: {
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        role: users.role,
        department: users.department,
        active: users.active,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .limit(1);
  const row = rows[0];
  if (!row) return { ok: false, reason: "missing" };
  const idleMs = env().SESSION_IDLE_HOURS * 3_600_000;
  if (row.expiresAt <= now || row.lastSeenAt.getTime() + idleMs <= now.getTime()) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { ok: false, reason: "expired" };
  }
  if (!row.user.active) {
    await db.delete(sessions).where(eq(sessions.userId, row.user.id));
    return { ok: false, reason: "disabled" };
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  const { active: _active, ...user } = row.user;
  return { ok: true, session: { sessionId: id, user, expiresAt: row.expiresAt, customerWorkOrderId: row.customerWorkOrderId } };
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Housekeeping: drop sessions past their absolute expiry. */
export async function deleteExpiredSessions(db: Db, now = new Date()): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const parts = [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Expires=${expiresAt.toUTCString()}`];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`;
}
