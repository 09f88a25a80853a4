import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { departments, users } from "@/db/schema";
import type { TCreateUserInput, TResetPasswordInput, TSetUserActiveInput, TUpdateUserInput } from "@/domain/auth/schemas";
import { appendAuditEvent } from "@/server/audit/service";
import { hashPassword } from "@/server/auth/password";
import { deleteUserSessions } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { changeNeedsOrdersReassigned } from "@/domain/work-orders/preconditions";
import { assertMayChangePerson } from "@/server/instruments/holdings";
import { assertNoOpenWorkOrders } from "@/server/work-orders/holdings";

const publicColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  department: users.department,
  active: users.active,
  createdAt: users.createdAt,
};

export function listUsers({ db }: { db: Db }) {
  return db.select(publicColumns).from(users).orderBy(asc(users.username));
}

export function listDepartments({ db }: { db: Db }) {
  return db.select().from(departments).orderBy(asc(departments.code));
}

/** Locks the user row for the rest of the transaction (house rule 2). */
async function lockUser(tx: Db, userId: string) {
  const [row] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
  if (!row) throw new AppError("not_found");
  return row;
}

export async function createUser({ db, actorId, input }: { db: Db; actorId: string; input: TCreateUserInput }) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    if (taken) throw new AppError("username_taken");
    const [created] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        department: input.department,
        passwordHash,
      })
      // why: two admins creating one username at once both pass the check above; the loser must hear
      // username_taken, not a unique-violation "internal" error.
      .onConflictDoNothing({ target: users.username })
      .returning(publicColumns);
    if (!created) throw new AppError("username_taken");
    await appendAuditEvent(tx, {
      actorId,
      subjectType: "user",
      subjectId: created.id,
      event: {
        name: "user.created",
        payload: { username: created.username, role: created.role, department: created.department },
      },
    });
    return created;
  });
}

export async function updateUser({ db, actorId, input }: { db: Db; actorId: string; input: TUpdateUserInput }) {
  return db.transaction(async (tx) => {
    const before = await lockUser(tx, input.userId);
    if (before.id === actorId && before.role !== input.role) throw new AppError("cannot_change_self");
    // A transfer (调动) or a role that may not hold instruments: everything returned or handed over first; a named
    // keeper of instruments waits until another keeper is named (Procedure 4, ADR 0040).
    await assertMayChangePerson(tx, before, input);
    if (changeNeedsOrdersReassigned(before, { role: input.role, active: before.active })) await assertNoOpenWorkOrders(tx, before.id);
    const [after] = await tx
      .update(users)
      .set({ displayName: input.displayName, role: input.role, department: input.department, updatedAt: new Date() })
      .where(eq(users.id, input.userId))
      .returning(publicColumns);
    if (!after) throw new AppError("not_found");
    // A role change takes effect at once: the user signs in again under the new role.
    if (before.role !== after.role) await deleteUserSessions(tx, after.id);
    await appendAuditEvent(tx, {
      actorId,
      subjectType: "user",
      subjectId: after.id,
      event: {
        name: "user.updated",
        payload: {
          from: { displayName: before.displayName, role: before.role, department: before.department },
          to: { displayName: after.displayName, role: after.role, department: after.department },
        },
      },
    });
    return after;
  });
}

export async function resetPassword({ db, actorId, input }: { db: Db; actorId: string; input: TResetPasswordInput }) {
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await lockUser(tx, input.userId);
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, input.userId));
    await deleteUserSessions(tx, input.userId);
    await appendAuditEvent(tx, {
      actorId,
      subjectType: "user",
      subjectId: input.userId,
      event: { name: "user.passwordReset", payload: {} },
    });
  });
}

/** Disabling a user ends their sessions in the same transaction. */
export async function setUserActive({ db, actorId, input }: { db: Db; actorId: string; input: TSetUserActiveInput }) {
  if (input.userId === actorId && !input.active) throw new AppError("cannot_change_self");
  await db.transaction(async (tx) => {
    const before = await lockUser(tx, input.userId);
    if (!input.active) await assertMayChangePerson(tx, before, null);
    if (changeNeedsOrdersReassigned(before, { role: before.role, active: input.active })) await assertNoOpenWorkOrders(tx, input.userId);
    await tx.update(users).set({ active: input.active, updatedAt: new Date() }).where(eq(users.id, input.userId));
    if (!input.active) await deleteUserSessions(tx, input.userId);
    await appendAuditEvent(tx, {
      actorId,
      subjectType: "user",
      subjectId: input.userId,
      event: { name: "user.activeChanged", payload: { active: input.active } },
    });
  });
}
