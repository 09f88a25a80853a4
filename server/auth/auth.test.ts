import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, sessions } from "@/db/schema";
import { DEMO_USERS } from "@/server/seed/demo";
import { hashToken } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { callerFor, contextFor, login } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { catchError, expectAppError } from "@/tests/helpers/errors";
import { makeUser } from "@/tests/helpers/users";
import { createCaller } from "@/server/root";

const demo = (username: string) => DEMO_USERS.find((u) => u.username === username)!;
/** A distinct client address per test, so the per-IP counter of one test does not lock another. */
let ipSeq = 0;
const nextIp = () => `10.0.0.${++ipSeq}`;

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ seed: true });
});
afterAll(async () => {
  await t?.close();
});

describe("auth.login", () => {
  it("returns the user and sets an HttpOnly, SameSite=Lax session cookie bound to a stored session", async () => {
    const admin = demo("admin");
    const before = Date.now();
    const s = await login(t.db, admin.username, admin.password, { ip: nextIp(), userAgent: "vitest" });
    expect(s.user).toMatchObject({ username: "admin", role: "admin", department: admin.department, displayName: admin.displayName });
    expect(s.user).not.toHaveProperty("passwordHash");

    const attrs = s.setCookie.split(";").map((p) => p.trim());
    expect(attrs[0]).toMatch(/^tm_session=[A-Za-z0-9_-]{43}$/);
    expect(attrs).toContain("HttpOnly");
    expect(attrs).toContain("SameSite=Lax");
    expect(attrs).toContain("Path=/");
    expect(attrs).not.toContain("Secure"); // plain http in tests; COOKIE_SECURE=auto
    const expires = Date.parse(attrs.find((a) => a.startsWith("Expires="))!.slice("Expires=".length));
    // 30 days (SESSION_ABSOLUTE_DAYS); Expires has one-second resolution.
    expect(expires).toBeGreaterThanOrEqual(before + 30 * 86_400_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 30 * 86_400_000);

    // Only the token's hash is stored.
    const [row] = await t.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, hashToken(s.token)));
    expect(row).toMatchObject({ userId: s.user.id, userAgent: "vitest" });
    expect(await t.db.select().from(sessions).where(eq(sessions.id, s.token))).toHaveLength(0);

    const me = await s.caller.auth.me();
    expect(me.user).toEqual(s.user);
  });

  it("accepts the username in any case and with surrounding spaces", async () => {
    const s = await login(t.db, "  KEEPER ", demo("keeper").password, { ip: nextIp() });
    expect(s.user.username).toBe("keeper");
  });

  it("creates a new session with a new id on every login, and records each in the audit log", async () => {
    const ops = demo("ops");
    const ip = nextIp();
    const a = await login(t.db, ops.username, ops.password, { ip });
    const b = await login(t.db, ops.username, ops.password, { ip });
    expect(a.token).not.toBe(b.token);
    expect((await a.caller.auth.me()).user.username).toBe("ops");
    expect((await b.caller.auth.me()).user.username).toBe("ops");
    const rows = await t.db.select().from(sessions).where(eq(sessions.userId, a.user.id));
    expect(rows.map((r) => r.id).sort()).toEqual([hashToken(a.token), hashToken(b.token)].sort());
    const logins = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, a.user.id), eq(auditEvents.name, "user.loggedIn")));
    expect(logins).toHaveLength(2);
    expect(logins[0]).toMatchObject({ actorId: a.user.id, subjectType: "user", payload: { ip } });
  });

  it("refuses a wrong password with invalid_credentials and sets no cookie", async () => {
    const ctx = await contextFor(t.db, { ip: nextIp() });
    const { error, shape } = await catchError(createCaller(ctx).auth.login({ username: "admin", password: "not-the-password" }));
    expect(error.code).toBe("UNAUTHORIZED");
    expect(error.cause).toBeInstanceOf(AppError);
    expect((error.cause as AppError).code).toBe("invalid_credentials");
    expect(shape.data.appCode).toBe("invalid_credentials");
    expect(ctx.resHeaders.getSetCookie()).toEqual([]);
  });

  it("answers an unknown username exactly as a wrong password", async () => {
    const ip = nextIp();
    const wrong = await catchError((await callerFor(t.db, { ip })).auth.login({ username: "admin", password: "nope-nope-nope" }));
    const unknown = await catchError((await callerFor(t.db, { ip })).auth.login({ username: "nobody-here", password: "nope-nope-nope" }));
    expect(unknown.shape.data.appCode).toBe("invalid_credentials");
    expect(unknown.shape.message).toBe(wrong.shape.message);
    expect(unknown.shape.data.httpStatus).toBe(wrong.shape.data.httpStatus);
    expect(unknown.shape.data.details).toEqual(wrong.shape.data.details);
  });

  it("refuses a disabled user with user_disabled, and only once the password is right", async () => {
    const u = await makeUser(t.db, { role: "lineman", active: false });
    const ip = nextIp();
    await expectAppError((await callerFor(t.db, { ip })).auth.login({ username: u.username, password: u.password }), "user_disabled");
    // A wrong password does not reveal that the account exists and is disabled.
    await expectAppError((await callerFor(t.db, { ip })).auth.login({ username: u.username, password: "wrong-password" }), "invalid_credentials");
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
  });

  it("refuses empty or oversized input with bad_input", async () => {
    const c = await callerFor(t.db, { ip: nextIp() });
    await expectAppError(c.auth.login({ username: "", password: "x" }), "bad_input");
    await expectAppError(c.auth.login({ username: "admin", password: "" }), "bad_input");
    await expectAppError(c.auth.login({ username: "admin", password: "x".repeat(129) }), "bad_input");
  });
});

describe("login rate limiting", () => {
  it("locks a username after 5 failures (from any address): the 6th try is refused even with the right password", async () => {
    const u = await makeUser(t.db, { role: "quality" });
    for (let i = 0; i < 5; i++) {
      // Different addresses and letter case: the counter is per (normalised) username.
      const username = i % 2 ? u.username.toUpperCase() : u.username;
      await expectAppError((await callerFor(t.db, { ip: nextIp() })).auth.login({ username, password: `wrong-${i}-password` }), "invalid_credentials");
    }
    const shape = await expectAppError((await callerFor(t.db, { ip: nextIp() })).auth.login({ username: u.username, password: u.password }), "rate_limited");
    expect(shape.data.httpStatus).toBe(429);
    const retry = (shape.data.details as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(retry).toBeGreaterThan(14 * 60); // LOGIN_LOCK_MINUTES = 15
    expect(retry).toBeLessThanOrEqual(15 * 60);
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
  });

  it("counts parallel guesses too: of 20 at once, only 5 passwords are checked", async () => {
    const u = await makeUser(t.db, { role: "quality" });
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const c = await callerFor(t.db, { ip: nextIp() });
        const { shape } = await catchError(c.auth.login({ username: u.username, password: `wrong-${i}-password` }));
        return shape.data.appCode;
      }),
    );
    expect(outcomes.filter((o) => o === "invalid_credentials")).toHaveLength(5);
    expect(outcomes.filter((o) => o === "rate_limited")).toHaveLength(15);
  });

  it("does not count a disabled user's right password as a failure", async () => {
    const u = await makeUser(t.db, { role: "quality", active: false });
    for (let i = 0; i < 7; i++) {
      await expectAppError((await callerFor(t.db, { ip: nextIp() })).auth.login({ username: u.username, password: u.password }), "user_disabled");
    }
  });

  it("does not lock other usernames when one is locked", async () => {
    const victim = await makeUser(t.db, { role: "quality" });
    const other = await makeUser(t.db, { role: "quality" });
    const ip = nextIp();
    for (let i = 0; i < 5; i++) {
      await expectAppError((await callerFor(t.db, { ip })).auth.login({ username: victim.username, password: "wrong-password" }), "invalid_credentials");
    }
    await expectAppError((await callerFor(t.db, { ip })).auth.login({ username: victim.username, password: victim.password }), "rate_limited");
    const s = await login(t.db, other.username, other.password, { ip });
    expect(s.user.id).toBe(other.id);
  });

  it("a successful login resets the username's failure counter", async () => {
    const u = await makeUser(t.db, { role: "operations" });
    const ip = nextIp();
    const fail = async () =>
      expectAppError((await callerFor(t.db, { ip })).auth.login({ username: u.username, password: "wrong-password" }), "invalid_credentials");
    for (let i = 0; i < 4; i++) await fail();
    await login(t.db, u.username, u.password, { ip });
    // Without the reset, the 5th of these failures would lock the account and the next login would be refused.
    for (let i = 0; i < 4; i++) await fail();
    const s = await login(t.db, u.username, u.password, { ip });
    expect(s.user.id).toBe(u.id);
  });

  it("does not count successful logins against the address", async () => {
    const u = await makeUser(t.db, { role: "customer_service" });
    const ip = nextIp();
    const guess = (i: number) => callerFor(t.db, { ip }).then((c) => c.auth.login({ username: `nobody-${i}`, password: "wrong-password" }));
    for (let i = 0; i < 28; i++) await expectAppError(guess(i), "invalid_credentials");
    for (let i = 0; i < 3; i++) await login(t.db, u.username, u.password, { ip });
    // Failures 29 and 30 are still checked; the 31st is refused.
    await expectAppError(guess(28), "invalid_credentials");
    await expectAppError(guess(29), "invalid_credentials");
    await expectAppError(guess(30), "rate_limited");
  });

  it("locks an address after 30 failures, whichever usernames it tried and whatever it claims in X-Forwarded-For", async () => {
    const u = await makeUser(t.db, { role: "customer_service" });
    const ip = nextIp();
    for (let i = 0; i < 30; i++) {
      // No proxy is trusted: the client's X-Forwarded-For is its own claim, and the connection's address counts.
      const headers = { "x-forwarded-for": i % 2 ? `203.0.113.${i}` : `203.0.113.${i}, ${ip}` };
      await expectAppError((await callerFor(t.db, { ip, headers })).auth.login({ username: `guess-${i}`, password: "wrong-password" }), "invalid_credentials");
    }
    await expectAppError((await callerFor(t.db, { ip })).auth.login({ username: u.username, password: u.password }), "rate_limited");
    // The same user from another address is fine: the lock is on the address.
    const s = await login(t.db, u.username, u.password, { ip: nextIp() });
    expect(s.user.id).toBe(u.id);
  });
});
