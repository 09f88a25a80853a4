/** Issue 15: the billing check's demo: two exchanges, three months recorded by switch-demo1, this month open. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billingChecks, exchanges, users } from "@/db/schema";
import { monthOf } from "@/domain/quality/model";
import { operatorToday } from "@/domain/time/operator";
import { login } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { DEMO_BILLING_INSTRUMENT } from "./quality-billing";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ seed: true });
});
afterAll(async () => t?.close());

describe("seedQualityBilling", () => {
  it("adds EX-01 and EX-02, three past months recorded (passed) and this month open", async () => {
    expect((await t.db.select().from(exchanges).orderBy(exchanges.code)).map((e) => [e.code, e.nameZh, e.active])).toEqual([
      ["EX-01", "城区交换局", true],
      ["EX-02", "开发区交换局", true],
    ]);
    const rows = await t.db.select().from(billingChecks).orderBy(billingChecks.month, billingChecks.exchangeCode);
    expect(rows).toHaveLength(8);
    const [recorder] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, "switch-demo1"));
    for (const r of rows.slice(0, 6))
      expect(r).toMatchObject({ status: "recorded", passed: true, instrumentTag: DEMO_BILLING_INSTRUMENT, recordedBy: recorder!.id, accuracyPct: 100 });
    expect(rows.slice(6).map((r) => [r.exchangeCode, r.month, r.status])).toEqual([
      ["EX-01", monthOf(operatorToday()), "open"],
      ["EX-02", monthOf(operatorToday()), "open"],
    ]);
  });

  it("switch-demo1 reads the months as the billing page shows them", async () => {
    const { caller } = await login(t.db, "switch-demo1", "switch-demo1");
    const m = await caller.billing.months({});
    expect(m.exchanges.map((e) => e.code)).toEqual(["EX-01", "EX-02"]);
    expect(m.rows).toHaveLength(8);
    expect(m.thresholdPct).toBe(99.9);
  });
});
