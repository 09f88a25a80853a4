import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { instrumentCalibrations, instrumentLoans, instruments } from "@/db/schema";
import { operatorToday } from "@/domain/time/operator";
import { calibrationState } from "@/domain/instruments/calibration";
import { createTestDb, type TestDb } from "@/tests/helpers/db";

describe("demo instruments", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb({ seed: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("seed a register that shows every state: a loan due soon, an overdue and a failed calibration, one at repair", async () => {
    const rows = await t.db.select().from(instruments).orderBy(asc(instruments.assetTag));
    const today = operatorToday();
    const state = Object.fromEntries(rows.map((r) => [r.assetTag, [r.status, calibrationState(r, today)]]));
    expect(state).toMatchObject({
      "IN-000301": ["available", "valid"],
      "IN-000302": ["on_loan", "due_soon"],
      "IN-000303": ["available", "overdue"],
      "IN-000304": ["at_repair", "valid"],
      "IN-000308": ["available", "failed"],
    });
    const meter = rows.find((r) => r.assetTag === "IN-000302")!;
    const [loan] = await t.db.select().from(instrumentLoans).where(eq(instrumentLoans.id, meter.loanId!));
    expect(loan).toMatchObject({ status: "active", borrowerId: meter.holderId, dueOn: meter.loanDueOn });
    expect((await t.db.select().from(instrumentCalibrations)).length).toBeGreaterThanOrEqual(rows.length);
  });
});
