import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { AppError } from "@/server/errors";
import { login } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { configureEnv, restoreEnv } from "@/tests/helpers/env";
import { catchError } from "@/tests/helpers/errors";
import { batch, changeLabel, makeItem, newDevice } from "@/tests/helpers/sync";
import { assertPushAllowed } from "./rate-limit";

describe("push rate limit", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb({ seed: true });
  });
  afterAll(async () => t?.close());
  afterEach(restoreEnv);

  test("a user's pushes beyond the limit per minute are refused with rate_limited and a wait; other users are not affected", async () => {
    const a = "00000000-0000-4000-8000-00000000000a";
    const b = "00000000-0000-4000-8000-00000000000b";
    for (let i = 0; i < 3; i++) await assertPushAllowed(t.db, a, 3);
    const err = await assertPushAllowed(t.db, a, 3).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("rate_limited");
    expect((err as AppError).details?.retryAfterSeconds).toBeGreaterThan(0);
    expect((err as AppError).details?.retryAfterSeconds).toBeLessThanOrEqual(60);
    await expect(assertPushAllowed(t.db, b, 3)).resolves.toBeUndefined();
  });

  test("sync.push counts every request: past PUSH_MAX_PER_MINUTE it answers 429 before touching anything", async () => {
    configureEnv({ PUSH_MAX_PER_MINUTE: "2" });
    const { caller: keeper } = await login(t.db, "keeper", "keeper-demo1");
    const d = await newDevice(keeper);
    const item = await makeItem(t.db, { status: "accepted" });
    const m = changeLabel(d, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 });
    await keeper.sync.push(batch(d, m));
    await keeper.sync.push(batch(d, m)); // a resend counts too
    const { shape } = await catchError(() => keeper.sync.push(batch(d, m)));
    expect(shape.data).toMatchObject({ httpStatus: 429, appCode: "rate_limited" });
  });
});
