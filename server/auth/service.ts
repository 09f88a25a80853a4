import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { TLoginInput } from "@/domain/auth/schemas";
import { appendAuditEvent } from "@/server/audit/service";
import { AppError } from "@/server/errors";
import { logEvent } from "@/server/log";
import { dummyHash, verifyPassword } from "./password";
import { recordLoginSuccess, refundLoginAttempt, reserveLoginAttempt } from "./rate-limit";
import { createSession, deleteSession, deleteUserSessions, type SessionUser } from "./session";

export async function logIn(opts: {
  db: Db;
  input: TLoginInput;
  ip: string;
  userAgent: string | null;
}): Promise<{ token: string; expiresAt: Date; user: SessionUser }> {
  const { db, input, ip } = opts;
  await reserveLoginAttempt(db, input.username, ip);
  const [user] = await db.select().from(users).where(eq(users.username, input.username)).limit(1);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), input.password);
  if (!user || !ok) {
    // Already counted by reserveLoginAttempt.
    logEvent("warn", "security.login_failed", { username: input.username, ip });
    throw new AppError("invalid_credentials");
  }
  if (!user.active) {
    await refundLoginAttempt(db, input.username, ip);
    logEvent("warn", "security.login_disabled", { userId: user.id, ip });
    throw new AppError("user_disabled");
  }
  await recordLoginSuccess(db, input.username, ip);
  return db.transaction(async (tx) => {
    const session = await createSession(tx, { userId: user.id, userAgent: opts.userAgent, ip });
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "user",
      subjectId: user.id,
      event: { name: "user.loggedIn", payload: { ip } },
    });
    return {
      ...session,
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        department: user.department,
      },
    };
  });
}

export async function logOut(opts: { db: Db; sessionId: string; userId: string; everywhere: boolean }) {
  await opts.db.transaction(async (tx) => {
    if (opts.everywhere) await deleteUserSessions(tx, opts.userId);
    else await deleteSession(tx, opts.sessionId);
    await appendAuditEvent(tx, {
      actorId: opts.userId,
      subjectType: "user",
      subjectId: opts.userId,
      event: { name: "user.loggedOut", payload: { everywhere: opts.everywhere } },
    });
  });
}
