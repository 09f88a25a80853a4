import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sessions, users, workOrders } from "@/db/schema";
import { appendAuditEvent } from "@/server/audit/service";
import { verifyPassword } from "@/server/auth/password";
import { recordLoginSuccess, reserveLoginAttempt } from "@/server/auth/rate-limit";
import type { ValidSession } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { logEvent } from "@/server/log";
import { hasSelfCheck } from "./customer-turn";

/**
 * `auth.enterCustomerMode`: the lineman hands the phone over for one of their own work orders, done and
 * self-checked. From now on the session may only sign (or refuse) that work order (server/trpc.ts, sync push).
 * Another lineman's work order is not_found, as one that does not exist.
 */
export async function enterCustomerMode({ db, session, workOrderId }: { db: Db; session: ValidSession; workOrderId: string }) {
  return db.transaction(async (tx) => {
    const [wo] = await tx.select().from(workOrders).where(eq(workOrders.id, workOrderId)).for("share");
    if (!wo || wo.assignedTo !== session.user.id) throw new AppError("not_found");
    if (wo.status !== "work_done" || !(await hasSelfCheck(tx, wo.id))) throw new AppError("work_order_not_ready", { status: wo.status });
    await tx.update(sessions).set({ customerWorkOrderId: wo.id }).where(eq(sessions.id, session.sessionId));
    await appendAuditEvent(tx, {
      actorId: session.user.id,
      subjectType: "work_order",
      subjectId: wo.id,
      event: { name: "workOrder.customerModeEntered", payload: { code: wo.code } },
    });
    return { workOrderId: wo.id, code: wo.code };
  });
}

/**
 * `auth.leaveCustomerMode`: the lineman takes the phone back with their password. Wrong passwords count against
 * the login limits (per username and per address), so the customer cannot guess at leisure; a lock then holds for
 * the lineman too (LOGIN_LOCK_MINUTES), the price of stopping guesses. The password is checked even when the
 * session is not in customer mode (the phone may have entered it with no signal and asks the server to confirm
 * the lineman): an "ok" always means the right password.
 */
export async function leaveCustomerMode({ db, session, password, ip }: { db: Db; session: ValidSession; password: string; ip: string }) {
  const workOrderId = session.customerWorkOrderId;
  const { username, id: userId } = session.user;
  await reserveLoginAttempt(db, username, ip);
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user || !(await verifyPassword(user.passwordHash, password))) {
    logEvent("warn", "security.customer_mode_wrong_password", { userId, workOrderId, ip });
    throw new AppError("invalid_credentials");
  }
  await recordLoginSuccess(db, username, ip);
  if (!workOrderId) return { ok: true as const };
  await db.transaction(async (tx) => {
    await tx.update(sessions).set({ customerWorkOrderId: null }).where(eq(sessions.id, session.sessionId));
    const [wo] = await tx.select({ code: workOrders.code }).from(workOrders).where(eq(workOrders.id, workOrderId));
    await appendAuditEvent(tx, {
      actorId: userId,
      subjectType: "work_order",
      subjectId: workOrderId,
      event: { name: "workOrder.customerModeLeft", payload: { code: wo?.code ?? "" } },
    });
  });
  return { ok: true as const };
}
