import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "./demo";
import { licenseRegistry, workOrders } from "@/db/schema";
import { isOverdue } from "@/domain/work-orders/desk";
import { createTestDb, type TestDb } from "@/tests/helpers/db";

/**
 * Issue 10, defect 10: the demo seed's "today" is the operator's day. Seeded at 18:00 UTC on 2 December, it is
 * already 3 December in Shanghai: today's orders are for the 3rd (not overdue), tomorrow's for the 4th.
 */
// why a fixed clock: the defect shows only between 16:00 and 24:00 UTC; seedDemo takes `now` for this.
const NOW = new Date("2026-12-02T18:00:00.000Z");
let t: TestDb;
let orders: (typeof workOrders.$inferSelect)[];

beforeAll(async () => {
  t = await createTestDb();
  expect(await seedDemo(t.db, NOW)).toBe(true);
  orders = await t.db.select().from(workOrders).orderBy(asc(workOrders.code));
});
afterAll(async () => t?.close());

const byCode = (code: string) => orders.find((o) => o.code === code)!;

describe("the demo seed, run after 16:00 UTC", () => {
  it("schedules today's orders for the Shanghai day, tomorrow's for the day after, yesterday's for the day before", () => {
    expect(byCode("WO-2026-000101").scheduledFor).toBe("2026-12-03");
    expect(byCode("WO-2026-000102").scheduledFor).toBe("2026-12-03");
    expect(byCode("WO-2026-000104").scheduledFor).toBe("2026-12-04");
    expect(byCode("WO-2026-000103").scheduledFor).toBe("2026-12-02");
    expect(byCode("WO-2026-000099").scheduledFor).toBe("2026-12-01");
  });

  it("today's open orders are not overdue at that moment (only yesterday's en-route move is)", () => {
    const overdue = orders.filter((o) => isOverdue(o, NOW)).map((o) => o.code);
    expect(overdue).toEqual(["WO-2026-000103"]);
  });

  it("dates the license registry from the Shanghai day too", async () => {
    const [valid] = await t.db.select().from(licenseRegistry).where(eq(licenseRegistry.licenseNo, "00-D710-208870"));
    // issued 600 days before 2026-12-03, expires 480 days after it
    expect(valid!.issueDate).toBe("2025-04-12");
    expect(valid!.expiryDate).toBe("2028-03-27");
  });
});
