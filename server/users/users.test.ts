import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, sessions, users } from "@/db/schema";
import { hashToken } from "@/server/auth/session";
import { createUser, setUserActive, updateUser } from "@/server/users/service";
import { callerFor, login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError, expectCaughtAppError } from "@/tests/helpers/errors";
import { getUser, makeUser } from "@/tests/helpers/users";

let t: TestDb;
let admin: Awaited<ReturnType<typeof makeUser>>;
let caller: Caller;
beforeAll(async () => {
  t = await createTestDb();
  admin = await makeUser(t.db, { role: "admin", username: "root-admin", department: "enterprise_management" });
  caller = (await login(t.db, admin.username, admin.password)).caller;
});
afterAll(async () => {
  await t?.close();
});

async function auditFor(subjectId: string) {
  return t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, subjectId)).orderBy(asc(auditEvents.id));
}

const newUser = (username: string) => ({
  username,
  displayName: "新用户 New User",
  role: "warehouse_keeper" as const,
  department: "finance" as const,
  password: "long enough password",
});

describe("users.list and users.departments", () => {
  it("lists users without password hashes", async () => {
    const list = await caller.users.list();
    const me = list.find((u) => u.id === admin.id);
    expect(me).toMatchObject({ username: "root-admin", role: "admin", active: true });
    for (const u of list) expect(Object.keys(u)).not.toContain("passwordHash");
  });

  it("lists the nine departments (P3 and P4 name the computer network, administration and HR, switching and transmission)", async () => {
    const deps = await caller.users.departments();
    expect(deps.map((d) => d.code).sort()).toEqual([
      "administration_hr",
      "computer_network",
      "customer_service",
      "enterprise_management",
      "finance",
      "operations",
      "switching_transmission",
      "technology_development",
      "terminal_service",
    ]);
  });
});

describe("users.create", () => {
  it("creates a user who can sign in, normalising the username, with an audit event", async () => {
    const created = await caller.users.create({ ...newUser("  New.Keeper_1 "), displayName: "  Keeper One  " });
    expect(created).toMatchObject({ username: "new.keeper_1", displayName: "Keeper One", role: "warehouse_keeper", department: "finance", active: true });
    expect(created).not.toHaveProperty("passwordHash");
    const row = await getUser(t.db, created.id);
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row!.passwordHash).not.toContain("long enough password");

    const s = await login(t.db, "new.keeper_1", "long enough password");
    expect(s.user).toMatchObject({ id: created.id, role: "warehouse_keeper" });

    const events = (await auditFor(created.id)).filter((e) => e.name === "user.created");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: admin.id,
      subjectType: "user",
      payload: { username: "new.keeper_1", role: "warehouse_keeper", department: "finance" },
    });
    expect(JSON.stringify(events[0]!.payload)).not.toContain("password");
  });

  it("refuses a username already taken (in any case) with username_taken, adding nothing", async () => {
    await caller.users.create(newUser("dup-user"));
    const before = await t.db.select().from(users);
    const auditBefore = await t.db.select().from(auditEvents);
    await expectAppError(caller.users.create(newUser("dup-user")), "username_taken");
    await expectAppError(caller.users.create(newUser("DUP-User")), "username_taken");
    expect(await t.db.select().from(users)).toHaveLength(before.length);
    expect(await t.db.select().from(auditEvents)).toHaveLength(auditBefore.length);
  });

  it("answers username_taken, not an internal error, when two admins create the same username at once", async () => {
    const results = await Promise.allSettled([caller.users.create(newUser("race-user")), caller.users.create(newUser("race-user"))]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [rejected] = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expectCaughtAppError(rejected!.reason, "username_taken");
    expect(await t.db.select().from(users).where(eq(users.username, "race-user"))).toHaveLength(1);
  });

  it("refuses bad input with bad_input and a catalogue key per field", async () => {
    const shape = await expectAppError(
      caller.users.create({ username: "ab", displayName: " ", role: "lineman", department: "finance", password: "short" }),
      "bad_input",
    );
    expect(shape.data.httpStatus).toBe(400);
    expect(shape.data.fieldErrors).toEqual({
      username: "validation.usernameLength",
      displayName: "validation.required",
      password: "validation.passwordLength",
    });

    const chars = await expectAppError(caller.users.create(newUser("bad name!")), "bad_input");
    expect(chars.data.fieldErrors).toEqual({ username: "validation.usernameChars" });

    const role = await expectAppError(
      // @ts-expect-error an unknown role is what is being tested
      caller.users.create({ ...newUser("valid-name"), role: "superuser" }),
      "bad_input",
    );
    expect(Object.keys(role.data.fieldErrors ?? {})).toEqual(["role"]);
    expect(await t.db.select().from(users).where(eq(users.username, "valid-name"))).toHaveLength(0);
  });

  it("writes the user and its audit event in one transaction (a failing audit insert leaves no user)", async () => {
    // An actor that does not exist breaks the audit row's foreign key, after the user row was inserted.
    await expect(createUser({ db: t.db, actorId: randomUUID(), input: newUser("orphan-user") })).rejects.toThrow();
    expect(await t.db.select().from(users).where(eq(users.username, "orphan-user"))).toHaveLength(0);
  });
});

describe("users.update", () => {
  it("changes name, role and department, recording before and after", async () => {
    const u = await makeUser(t.db, { role: "lineman", department: "terminal_service" });
    const after = await caller.users.update({ userId: u.id, displayName: "Promoted", role: "department_head", department: "operations" });
    expect(after).toMatchObject({ id: u.id, displayName: "Promoted", role: "department_head", department: "operations" });
    expect(await getUser(t.db, u.id)).toMatchObject({ displayName: "Promoted", role: "department_head", department: "operations" });
    const [event] = (await auditFor(u.id)).filter((e) => e.name === "user.updated");
    expect(event).toMatchObject({
      actorId: admin.id,
      payload: {
        from: { displayName: u.displayName, role: "lineman", department: "terminal_service" },
        to: { displayName: "Promoted", role: "department_head", department: "operations" },
      },
    });
  });

  it("answers not_found for an unknown user and bad_input for a malformed id", async () => {
    await expectAppError(caller.users.update({ userId: randomUUID(), displayName: "X", role: "lineman", department: "finance" }), "not_found");
    const shape = await expectAppError(caller.users.update({ userId: "not-a-uuid", displayName: "X", role: "lineman", department: "finance" }), "bad_input");
    expect(Object.keys(shape.data.fieldErrors ?? {})).toEqual(["userId"]);
  });

  it("lets an admin rename themself but not change their own role", async () => {
    const renamed = await caller.users.update({ userId: admin.id, displayName: "Chief", role: "admin", department: admin.department });
    expect(renamed.displayName).toBe("Chief");
    await expectAppError(caller.users.update({ userId: admin.id, displayName: "Chief", role: "lineman", department: admin.department }), "cannot_change_self");
    expect((await getUser(t.db, admin.id))!.role).toBe("admin");
  });

  it("rolls the change back when the audit insert fails", async () => {
    const u = await makeUser(t.db, { role: "lineman" });
    const s = await login(t.db, u.username, u.password);
    await expect(
      updateUser({ db: t.db, actorId: randomUUID(), input: { userId: u.id, displayName: "Y", role: "quality", department: "finance" } }),
    ).rejects.toThrow();
    expect(await getUser(t.db, u.id)).toMatchObject({ role: "lineman", displayName: u.displayName });
    expect(
      await t.db
        .select()
        .from(sessions)
        .where(eq(sessions.id, hashToken(s.token))),
    ).toHaveLength(1);
  });
});

describe("users.resetPassword", () => {
  it("sets a new password and records the reset without the password", async () => {
    const u = await makeUser(t.db, { role: "customer_service" });
    await caller.users.resetPassword({ userId: u.id, password: "fresh password 42" });
    await expectAppError((await callerFor(t.db)).auth.login({ username: u.username, password: u.password }), "invalid_credentials");
    expect((await login(t.db, u.username, "fresh password 42")).user.id).toBe(u.id);
    const [event] = (await auditFor(u.id)).filter((e) => e.name === "user.passwordReset");
    expect(event).toMatchObject({ actorId: admin.id, payload: {} });
  });

  it("refuses a short password with bad_input and an unknown user with not_found", async () => {
    const u = await makeUser(t.db, { role: "quality" });
    const shape = await expectAppError(caller.users.resetPassword({ userId: u.id, password: "123456789" }), "bad_input");
    expect(shape.data.fieldErrors).toEqual({ password: "validation.passwordLength" });
    await expectAppError(caller.users.resetPassword({ userId: randomUUID(), password: "long enough password" }), "not_found");
    expect(await auditFor(u.id)).toHaveLength(0);
  });
});

describe("users.setActive", () => {
  it("disables and re-enables a user, recording each change", async () => {
    const u = await makeUser(t.db, { role: "operations" });
    await caller.users.setActive({ userId: u.id, active: false });
    expect((await getUser(t.db, u.id))!.active).toBe(false);
    await expectAppError((await callerFor(t.db)).auth.login({ username: u.username, password: u.password }), "user_disabled");
    await caller.users.setActive({ userId: u.id, active: true });
    expect((await login(t.db, u.username, u.password)).user.id).toBe(u.id);
    const events = (await auditFor(u.id)).filter((e) => e.name === "user.activeChanged");
    expect(events.map((e) => e.payload)).toEqual([{ active: false }, { active: true }]);
    expect(events.every((e) => e.actorId === admin.id)).toBe(true);
  });

  it("refuses to let an admin disable themself, writing nothing", async () => {
    await expectAppError(caller.users.setActive({ userId: admin.id, active: false }), "cannot_change_self");
    expect((await getUser(t.db, admin.id))!.active).toBe(true);
    expect(
      await t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.subjectId, admin.id), eq(auditEvents.name, "user.activeChanged"))),
    ).toHaveLength(0);
    expect((await caller.auth.me()).user.id).toBe(admin.id);
  });

  it("answers not_found for an unknown user", async () => {
    await expectAppError(caller.users.setActive({ userId: randomUUID(), active: false }), "not_found");
  });

  it("keeps the user active and their sessions when the audit insert fails", async () => {
    const u = await makeUser(t.db, { role: "operations" });
    await login(t.db, u.username, u.password);
    await expect(setUserActive({ db: t.db, actorId: randomUUID(), input: { userId: u.id, active: false } })).rejects.toThrow();
    expect((await getUser(t.db, u.id))!.active).toBe(true);
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(1);
  });
});
