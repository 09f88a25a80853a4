import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions, users } from "@/db/schema";
import { DEMO_USERS } from "@/server/seed/demo";
import { createSession, deleteExpiredSessions, hashToken, validateSession } from "@/server/auth/session";
import { callerFor, contextFor, login } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { makeUser } from "@/tests/helpers/users";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const IDLE = 72 * HOUR; // SESSION_IDLE_HOURS default
const ABSOLUTE = 30 * DAY; // SESSION_ABSOLUTE_DAYS default
const T0 = new Date("2026-03-02T08:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

const admin = DEMO_USERS.find((u) => u.username === "admin")!;

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ seed: true });
});
afterAll(async () => {
  await t?.close();
});

async function sessionRow(token: string) {
  const [row] = await t.db
    .select()
    .from(sessions)
    .where(eq(sessions.id, hashToken(token)));
  return row;
}

describe("validateSession", () => {
  it("answers missing for no token, an unknown token and an absurdly long one", async () => {
    expect(await validateSession(t.db, undefined, T0)).toEqual({ ok: false, reason: "missing" });
    expect(await validateSession(t.db, "", T0)).toEqual({ ok: false, reason: "missing" });
    expect(await validateSession(t.db, "no-such-token", T0)).toEqual({ ok: false, reason: "missing" });
    expect(await validateSession(t.db, "x".repeat(101), T0)).toEqual({ ok: false, reason: "missing" });
  });

  it("accepts a fresh session and returns its user without secrets", async () => {
    const u = await makeUser(t.db, { role: "lineman" });
    const { token, expiresAt } = await createSession(t.db, { userId: u.id, now: T0 });
    expect(expiresAt.getTime()).toBe(T0.getTime() + ABSOLUTE);
    const check = await validateSession(t.db, token, at(1000));
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.session).toEqual({
      sessionId: hashToken(token),
      expiresAt,
      user: { id: u.id, username: u.username, displayName: u.displayName, role: "lineman", department: u.department },
      customerWorkOrderId: null,
    });
  });

  it("ends a session idle for SESSION_IDLE_HOURS (72 h), and deletes it", async () => {
    const u = await makeUser(t.db, { role: "lineman" });
    const { token } = await createSession(t.db, { userId: u.id, now: T0 });
    expect((await validateSession(t.db, token, at(IDLE - 1000))).ok).toBe(true);
    // That use slid the idle window: 72 h after it, not after creation.
    expect((await validateSession(t.db, token, at(IDLE - 1000 + IDLE - 1000))).ok).toBe(true);
    expect(await validateSession(t.db, token, at(IDLE - 1000 + IDLE - 1000 + IDLE))).toEqual({ ok: false, reason: "expired" });
    expect(await sessionRow(token)).toBeUndefined();
    // Once deleted it is simply unknown.
    expect(await validateSession(t.db, token, at(0))).toEqual({ ok: false, reason: "missing" });
  });

  it("ends a session exactly at the idle limit when it was not used", async () => {
    const u = await makeUser(t.db, { role: "lineman" });
    const { token } = await createSession(t.db, { userId: u.id, now: T0 });
    expect(await validateSession(t.db, token, at(IDLE))).toEqual({ ok: false, reason: "expired" });
  });

  it("ends a session at its absolute expiry (30 days) however often it is used", async () => {
    const u = await makeUser(t.db, { role: "lineman" });
    const { token } = await createSession(t.db, { userId: u.id, now: T0 });
    for (let ms = DAY; ms < ABSOLUTE; ms += DAY) {
      expect((await validateSession(t.db, token, at(ms))).ok, `day ${ms / DAY}`).toBe(true);
    }
    expect(await validateSession(t.db, token, at(ABSOLUTE))).toEqual({ ok: false, reason: "expired" });
    expect(await sessionRow(token)).toBeUndefined();
  });

  it("refreshes last_seen_at at most once a minute", async () => {
    const u = await makeUser(t.db, { role: "lineman" });
    const { token } = await createSession(t.db, { userId: u.id, now: T0 });
    await validateSession(t.db, token, at(30_000));
    expect((await sessionRow(token))!.lastSeenAt.getTime()).toBe(T0.getTime());
    await validateSession(t.db, token, at(61_000));
    expect((await sessionRow(token))!.lastSeenAt.getTime()).toBe(T0.getTime() + 61_000);
  });

  it("answers disabled for a disabled user's session and ends all of that user's sessions", async () => {
    const u = await makeUser(t.db, { role: "lineman" });
    const a = await createSession(t.db, { userId: u.id, now: T0 });
    const b = await createSession(t.db, { userId: u.id, now: T0 });
    await t.db.update(users).set({ active: false }).where(eq(users.id, u.id));
    expect(await validateSession(t.db, a.token, at(1000))).toEqual({ ok: false, reason: "disabled" });
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
    expect((await validateSession(t.db, b.token, at(1000))).ok).toBe(false);
  });

  it("housekeeping drops only sessions past their absolute expiry", async () => {
    const u = await makeUser(t.db, { role: "lineman" });
    const old = await createSession(t.db, { userId: u.id, now: at(-ABSOLUTE - DAY) });
    const fresh = await createSession(t.db, { userId: u.id, now: T0 });
    await deleteExpiredSessions(t.db, T0);
    expect(await sessionRow(old.token)).toBeUndefined();
    expect(await sessionRow(fresh.token)).toBeDefined();
  });
});

describe("sessions through the router", () => {
  it("an idle-expired session is answered with session_expired, then unauthenticated", async () => {
    const u = await makeUser(t.db, { role: "quality" });
    const s = await login(t.db, u.username, u.password);
    await t.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - IDLE - 1000) })
      .where(eq(sessions.id, hashToken(s.token)));
    await expectAppError((await callerFor(t.db, { cookie: s.cookie })).auth.me(), "session_expired");
    await expectAppError((await callerFor(t.db, { cookie: s.cookie })).auth.me(), "unauthenticated");
  });

  it("logout ends this session only and clears the cookie", async () => {
    const u = await makeUser(t.db, { role: "quality" });
    const phone = await login(t.db, u.username, u.password);
    const desk = await login(t.db, u.username, u.password);
    const ctx = await contextFor(t.db, { cookie: phone.cookie });
    const { createCaller } = await import("@/server/root");
    expect(await createCaller(ctx).auth.logout()).toEqual({ ok: true });
    const cleared = ctx.resHeaders.getSetCookie();
    expect(cleared).toHaveLength(1);
    expect(cleared[0]).toMatch(/^tm_session=;/);
    expect(cleared[0]).toContain("Max-Age=0");
    expect(cleared[0]).toContain("HttpOnly");

    await expectAppError((await callerFor(t.db, { cookie: phone.cookie })).auth.me(), "unauthenticated");
    expect((await (await callerFor(t.db, { cookie: desk.cookie })).auth.me()).user.id).toBe(u.id);
  });

  it("logout everywhere ends all of the user's sessions and no one else's", async () => {
    const u = await makeUser(t.db, { role: "quality" });
    const other = await makeUser(t.db, { role: "quality" });
    const a = await login(t.db, u.username, u.password);
    const b = await login(t.db, u.username, u.password);
    const o = await login(t.db, other.username, other.password);
    await a.caller.auth.logout({ everywhere: true });
    await expectAppError((await callerFor(t.db, { cookie: a.cookie })).auth.me(), "unauthenticated");
    await expectAppError((await callerFor(t.db, { cookie: b.cookie })).auth.me(), "unauthenticated");
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
    expect((await (await callerFor(t.db, { cookie: o.cookie })).auth.me()).user.id).toBe(other.id);
  });

  it("a user disabled in the database is refused with user_disabled on their next call", async () => {
    const u = await makeUser(t.db, { role: "warehouse_keeper" });
    const s = await login(t.db, u.username, u.password);
    await t.db.update(users).set({ active: false }).where(eq(users.id, u.id));
    await expectAppError((await callerFor(t.db, { cookie: s.cookie })).items.zones(), "user_disabled");
  });

  describe("admin actions end the user's sessions at once", () => {
    async function setup() {
      const u = await makeUser(t.db, { role: "lineman" });
      const a = await login(t.db, u.username, u.password);
      const b = await login(t.db, u.username, u.password);
      const adminCaller = (await login(t.db, admin.username, admin.password)).caller;
      return { u, a, b, adminCaller };
    }
    async function expectEnded(u: { id: string }, ...cookies: string[]) {
      expect(await t.db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
      for (const cookie of cookies) await expectAppError((await callerFor(t.db, { cookie })).workOrders.listMine(), "unauthenticated");
    }

    it("disabling a user", async () => {
      const { u, a, b, adminCaller } = await setup();
      expect(await a.caller.workOrders.listMine()).toEqual([]);
      await adminCaller.users.setActive({ userId: u.id, active: false });
      await expectEnded(u, a.cookie, b.cookie);
      await expectAppError((await callerFor(t.db)).auth.login({ username: u.username, password: u.password }), "user_disabled");
    });

    it("resetting their password", async () => {
      const { u, a, b, adminCaller } = await setup();
      await adminCaller.users.resetPassword({ userId: u.id, password: "a brand new password" });
      await expectEnded(u, a.cookie, b.cookie);
      await expectAppError((await callerFor(t.db)).auth.login({ username: u.username, password: u.password }), "invalid_credentials");
      expect((await login(t.db, u.username, "a brand new password")).user.id).toBe(u.id);
    });

    it("changing their role (the next sign-in has the new role)", async () => {
      const { u, a, b, adminCaller } = await setup();
      await adminCaller.users.update({ userId: u.id, displayName: u.displayName, role: "quality", department: u.department });
      await expectEnded(u, a.cookie, b.cookie);
      const again = await login(t.db, u.username, u.password);
      expect(again.user.role).toBe("quality");
      await expectAppError(again.caller.workOrders.listMine(), "forbidden");
    });

    it("but not changing only the display name or department", async () => {
      const { u, a, adminCaller } = await setup();
      await adminCaller.users.update({ userId: u.id, displayName: "Renamed", role: "lineman", department: "operations" });
      const me = await (await callerFor(t.db, { cookie: a.cookie })).auth.me();
      expect(me.user).toMatchObject({ id: u.id, displayName: "Renamed", department: "operations" });
    });
  });
});
