import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AppError } from "@/server/errors";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { assertPushAllowed } from "./rate-limit";

describe("push rate limit", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.close());

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
});
