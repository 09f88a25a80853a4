import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rateLimits, sessions } from "@/db/schema";
import { callerFor, login } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { configureEnv, restoreEnv } from "@/tests/helpers/env";
import { expectAppError } from "@/tests/helpers/errors";
import { makeUser, TEST_PASSWORD } from "@/tests/helpers/users";

/**
 * Issue 11, item 4: forwarded headers count only from configured proxies (server/http/proxy.ts, ADR 0024).
 * `ip` is the connection's address as the patched Next.js reports it (x-tracemark-peer); everything else in
 * `headers` is what the client (or a proxy) chose to send.
 */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});
afterEach(restoreEnv);

const configure = configureEnv;

const sessionIp = async (token: string) => {
  const { hashToken } = await import("@/server/auth/session");
  const [row] = await t.db
    .select({ ip: sessions.ip })
    .from(sessions)
    .where(eq(sessions.id, hashToken(token)));
  return row?.ip;
};

describe("an untrusted client cannot choose its address", () => {
  it("30 wrong logins claiming 203.0.113.9 lock the connection's address: claiming 203.0.113.10 next is still refused", async () => {
    const peer = "198.51.100.20";
    const u = await makeUser(t.db, { role: "quality" });
    for (let i = 0; i < 30; i++) {
      await expectAppError(
        (await callerFor(t.db, { ip: peer, headers: { "x-forwarded-for": "203.0.113.9" } })).auth.login({ username: `guess-${i}`, password: "wrong-password" }),
        "invalid_credentials",
      );
    }
    const shape = await expectAppError(
      (await callerFor(t.db, { ip: peer, headers: { "x-forwarded-for": "203.0.113.10" } })).auth.login({ username: u.username, password: TEST_PASSWORD }),
      "rate_limited",
    );
    expect(shape.data.httpStatus).toBe(429);
    expect((shape.data.details as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
  });

  it("stores the connection's address in sessions.ip, not the client's X-Forwarded-For", async () => {
    const u = await makeUser(t.db, { role: "quality" });
    const s = await login(t.db, u.username, TEST_PASSWORD, { ip: "198.51.100.21", headers: { "x-forwarded-for": "203.0.113.9, 10.0.0.1" } });
    expect(await sessionIp(s.token)).toBe("198.51.100.21");
  });

  it("ignores X-Forwarded-Proto: https from an untrusted peer (the cookie is not marked Secure)", async () => {
    const u = await makeUser(t.db, { role: "quality" });
    const s = await login(t.db, u.username, TEST_PASSWORD, { ip: "198.51.100.22", headers: { "x-forwarded-proto": "https" } });
    expect(s.setCookie).not.toMatch(/;\s*Secure/i);
  });

  it("ignores X-Forwarded-Host from an untrusted peer (it cannot make a foreign Origin look like ours)", async () => {
    const u = await makeUser(t.db, { role: "quality" });
    await expectAppError(
      (await callerFor(t.db, { ip: "198.51.100.23", origin: "http://evil.example", headers: { "x-forwarded-host": "evil.example" } })).auth.login({
        username: u.username,
        password: TEST_PASSWORD,
      }),
      "csrf_rejected",
    );
  });

  it("an IPv4-mapped IPv6 peer is stored as its IPv4 address", async () => {
    const u = await makeUser(t.db, { role: "quality" });
    const s = await login(t.db, u.username, TEST_PASSWORD, { ip: "::ffff:198.51.100.24" });
    expect(await sessionIp(s.token)).toBe("198.51.100.24");
  });
});

describe("behind a trusted proxy", () => {
  it("honours X-Forwarded-Proto and -Host from it, and takes the right-most hop that is not a trusted proxy", async () => {
    configure({ TRUST_PROXY: "192.0.2.0/24, 10.1.0.5" });
    const u = await makeUser(t.db, { role: "quality" });
    const s = await login(t.db, u.username, TEST_PASSWORD, {
      ip: "192.0.2.10",
      origin: "https://tracemark.example",
      // the client claimed 203.0.113.9; the edge proxy (10.1.0.5) saw 198.51.100.30; the inner proxy (192.0.2.10) saw 10.1.0.5
      headers: { "x-forwarded-for": "203.0.113.9, 198.51.100.30, 10.1.0.5", "x-forwarded-proto": "https", "x-forwarded-host": "tracemark.example" },
    });
    expect(s.setCookie).toMatch(/;\s*Secure/i);
    expect(await sessionIp(s.token)).toBe("198.51.100.30");
  });

  it("counts failures per real client: two clients behind the same proxy do not share an allowance", async () => {
    configure({ TRUST_PROXY: "192.0.2.0/24", LOGIN_MAX_FAILURES_PER_IP: "3" });
    const u = await makeUser(t.db, { role: "quality" });
    const via = (client: string) => callerFor(t.db, { ip: "192.0.2.10", headers: { "x-forwarded-for": client } });
    for (let i = 0; i < 3; i++)
      await expectAppError((await via("198.51.100.40")).auth.login({ username: `g-${i}`, password: "wrong-password" }), "invalid_credentials");
    await expectAppError((await via("198.51.100.40")).auth.login({ username: u.username, password: TEST_PASSWORD }), "rate_limited");
    const other = await login(t.db, u.username, TEST_PASSWORD, { ip: "192.0.2.10", headers: { "x-forwarded-for": "198.51.100.41" } });
    expect(await sessionIp(other.token)).toBe("198.51.100.41");
  });

  it("with no X-Forwarded-For from the proxy, the proxy's own address is the client", async () => {
    configure({ TRUST_PROXY: "192.0.2.0/24" });
    const u = await makeUser(t.db, { role: "quality" });
    const s = await login(t.db, u.username, TEST_PASSWORD, { ip: "192.0.2.11" });
    expect(await sessionIp(s.token)).toBe("192.0.2.11");
  });
});

describe("global limit on failed logins", () => {
  it("refuses every login, from any address, once LOGIN_MAX_FAILURES_GLOBAL_PER_MINUTE failures were made in the minute", async () => {
    configure({ LOGIN_MAX_FAILURES_GLOBAL_PER_MINUTE: "5" });
    // eslint-disable-next-line drizzle/enforce-delete-with-where -- every counter goes: the failures of the tests above were counted too
    await t.db.delete(rateLimits);
    const u = await makeUser(t.db, { role: "quality" });
    // five addresses, five usernames: no per-address or per-username counter comes near its limit
    for (let i = 0; i < 5; i++) {
      await expectAppError(
        (await callerFor(t.db, { ip: `198.51.100.${60 + i}` })).auth.login({ username: `spray-${i}`, password: "wrong-password" }),
        "invalid_credentials",
      );
    }
    const shape = await expectAppError(
      (await callerFor(t.db, { ip: "198.51.100.99" })).auth.login({ username: u.username, password: TEST_PASSWORD }),
      "rate_limited",
    );
    expect(shape.data.httpStatus).toBe(429);
    const retry = (shape.data.details as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
  });
});
