import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { devices, users } from "@/db/schema";
import { createTestDb, type TestDb } from "@/tests/helpers/db";

/**
 * ADR 0049: on PostgreSQL every drizzle statement is a named prepared statement of its connection (parsed once, one
 * round trip after that), planned for each execution's values (plan_cache_mode), and the push's independent statements
 * go out together. PGlite has no connections to prepare on: nothing to check there.
 */
describe.skipIf(process.env.TEST_DB !== "postgres")("statements on PostgreSQL (ADR 0049)", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb({ seed: true });
  });
  afterAll(() => t.close());

  it("prepares a parameterised query once per connection and reuses it", async () => {
    const prepared = await t.db.transaction(async (tx) => {
      for (const name of ["lineman", "keeper", "head"]) await tx.select({ id: users.id }).from(users).where(eq(users.username, name));
      return rowsOf<{ statement: string; generic_plans: number; custom_plans: number }>(
        await tx.execute(
          sql`select statement, generic_plans::int, custom_plans::int from pg_prepared_statements where statement = ${'select "id" from "users" where "users"."username" = $1'}`,
        ),
      );
    });
    // one statement for the three lookups, planned three times for their own values, never generically
    expect(prepared).toHaveLength(1);
    expect(prepared[0]!.custom_plans).toBe(3);
    expect(prepared[0]!.generic_plans).toBe(0);
  });

  it("plans each execution for its values", async () => {
    const [row] = rowsOf<{ plan_cache_mode: string }>(await t.db.execute(sql`show plan_cache_mode`));
    expect(row!.plan_cache_mode).toBe("force_custom_plan");
  });

  it("runs statements sent together in the order they were sent, in the transaction", async () => {
    const [lineman] = await t.db.select().from(users).where(eq(users.username, "lineman"));
    const deviceId = "0190d2a4-0000-7000-8000-00000000a049";
    const seen = await t.db.transaction(async (tx) => {
      const [, , after] = await Promise.all([
        tx.insert(devices).values({ deviceId, userId: lineman!.id, label: "ADR 0049" }),
        tx.update(devices).set({ lastAppliedSeq: 7 }).where(eq(devices.deviceId, deviceId)),
        tx.select({ seq: devices.lastAppliedSeq }).from(devices).where(eq(devices.deviceId, deviceId)),
      ]);
      return after;
    });
    expect(seen).toEqual([{ seq: 7 }]);
  });
});
