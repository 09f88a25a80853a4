import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workOrderEvents, workOrders } from "@/db/schema";
import { operatorDay } from "@/domain/work-orders/desk";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { makeUser } from "@/tests/helpers/users";

let t: TestDb;
let callers: Caller[];

beforeAll(async () => {
  t = await createTestDb();
  // two office workers, several sessions each: on PostgreSQL the calls run on separate pooled connections
  const service = await makeUser(t.db, { role: "customer_service", department: "customer_service" });
  const admin = await makeUser(t.db, { role: "admin" });
  callers = [];
  for (const u of [service, admin, service, admin]) callers.push((await login(t.db, u.username, u.password)).caller);
  // orders numbered by someone else before (the demo seed numbers its own): the next one follows the highest
  const year = operatorDay(new Date()).slice(0, 4);
  await t.db.insert(workOrders).values(
    [`WO-${year}-000101`, `WO-${year}-000150`, `WO-${Number(year) - 1}-000900`].map((code) => ({
      code,
      kind: "install" as const,
      customerName: "earlier",
      address: "x",
      contact: "13800000000",
      service: "x",
      scheduledFor: "2026-01-01",
      status: "closed" as const,
    })),
  );
});
afterAll(async () => {
  await t?.close();
});

const input = (i: number) => ({
  kind: "repair" as const,
  customerName: `并发客户 ${i}`,
  address: "解放路 12 号",
  contact: "0571-8800 1200",
  service: "宽带不通",
  scheduledFor: operatorDay(new Date()),
  clerkCheck: true,
});

describe("work-order codes under concurrency", () => {
  it(`20 creations at once get 20 different, consecutive codes after the year's highest (${process.env.TEST_DB ?? "pglite"})`, async () => {
    const year = operatorDay(new Date()).slice(0, 4);
    const before = await t.db
      .select({ code: workOrders.code })
      .from(workOrders)
      .where(like(workOrders.code, `WO-${year}-%`));
    const highest = Math.max(0, ...before.map((r) => Number(r.code.slice(-6))));
    expect(highest).toBe(150);

    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => callers[i % callers.length]!.workOrders.create(input(i))));
    const failures = results.filter((r) => r.status === "rejected");
    expect(failures, String(failures[0]?.reason)).toEqual([]);
    const codes = results.map((r) => (r as PromiseFulfilledResult<{ code: string }>).value.code);

    expect(new Set(codes).size).toBe(20);
    const numbers = codes.map((c) => Number(c.slice(-6))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => highest + 1 + i));
    for (const c of codes) expect(c.startsWith(`WO-${year}-`)).toBe(true);

    // each order has exactly its creation event
    for (const r of results) {
      const { id } = (r as PromiseFulfilledResult<{ id: string }>).value;
      expect(await t.db.select().from(workOrderEvents).where(eq(workOrderEvents.workOrderId, id))).toHaveLength(1);
    }
  });
});
