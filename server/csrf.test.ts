import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "@/db/schema";
import { hashToken } from "@/server/auth/session";
import { callerFor, login, type LoggedIn } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { makeUser } from "@/tests/helpers/users";

let t: TestDb;
let user: Awaited<ReturnType<typeof makeUser>>;
let s: LoggedIn;
beforeAll(async () => {
  t = await createTestDb();
  user = await makeUser(t.db, { role: "admin" });
  s = await login(t.db, user.username, user.password);
});
afterAll(async () => {
  await t?.close();
});

const refusals = [
  ["without the x-tracemark-csrf header", { csrf: false }],
  ["from a foreign Origin", { origin: "https://evil.example" }],
  ["from a look-alike Origin (other port)", { origin: "http://localhost:3001" }],
  ["from an opaque Origin (null)", { origin: "null" }],
  ["with no Origin at all", { origin: null }],
] as const;

describe("CSRF: mutations need the custom header and our Origin", () => {
  it.each(refusals)("refuses login %s, before checking the password", async (_, opts) => {
    await expectAppError((await callerFor(t.db, opts)).auth.login({ username: user.username, password: user.password }), "csrf_rejected");
  });

  it.each(refusals)("refuses a signed-in user's mutation %s and leaves the session alone", async (_, opts) => {
    const shape = await expectAppError((await callerFor(t.db, { ...opts, cookie: s.cookie })).auth.logout(), "csrf_rejected");
    expect(shape.data.httpStatus).toBe(403);
    expect(
      await t.db
        .select()
        .from(sessions)
        .where(eq(sessions.id, hashToken(s.token))),
    ).toHaveLength(1);
  });

  it("refuses a header with another value than 1", async () => {
    // callerFor sends "1"; build the request by hand for other values.
    const { createContext } = await import("@/server/trpc");
    const { createCaller } = await import("@/server/root");
    for (const value of ["0", "true", ""]) {
      const req = new Request("http://localhost:3000/api/trpc/auth.login", {
        method: "POST",
        headers: { origin: "http://localhost:3000", "x-tracemark-csrf": value },
      });
      const ctx = await createContext({ db: t.db, req, resHeaders: new Headers() });
      await expectAppError(createCaller(ctx).auth.login({ username: user.username, password: user.password }), "csrf_rejected");
    }
  });

  it("lets a mutation with the header and our Origin through", async () => {
    const other = await login(t.db, user.username, user.password);
    expect(await other.caller.auth.logout()).toEqual({ ok: true });
  });

  it.each(refusals)("does not apply to queries (%s)", async (_, opts) => {
    const me = await (await callerFor(t.db, { ...opts, cookie: s.cookie })).auth.me();
    expect(me.user.id).toBe(user.id);
    expect(await (await callerFor(t.db, { ...opts, cookie: s.cookie })).users.list()).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: user.id })]),
    );
  });
});
