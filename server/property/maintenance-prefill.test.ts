/**
 * The agreement form opened from a work order reads the customer from the order on the server (only the order's id is
 * in the address): a lineman's own order, any order for customer service; another lineman's order, or none, starts
 * an empty form, saying nothing of it.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/session";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { makeUser } from "@/tests/helpers/users";
import { makeWorkOrder } from "@/tests/helpers/work-orders";
import { maintenancePrefillFor } from "./maintenance-prefill";

describe("maintenancePrefillFor", () => {
  let t: TestDb;
  let lineman: SessionUser;
  let other: SessionUser;
  let service: SessionUser;
  let orderId: string;
  beforeAll(async () => {
    t = await createTestDb();
    const session = async (role: "lineman" | "customer_service") => {
      const u = await makeUser(t.db, { role, department: role === "lineman" ? "terminal_service" : "customer_service" });
      return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, department: u.department };
    };
    lineman = await session("lineman");
    other = await session("lineman");
    service = await session("customer_service");
    orderId = (await makeWorkOrder(t.db, { assignedTo: lineman.id, kind: "terminal_maintenance", contact: "王芳 138 0013 8000" })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const filled = () => ({ customerName: "测试客户 Test Customer", customerPhone: "138 0013 8000", customerAddress: "测试路 1 号", workOrderId: orderId });

  it("the lineman's own order: the customer's name, the phone in its contact line, the address and the order", async () => {
    expect(await maintenancePrefillFor(t.db, lineman, orderId)).toEqual(filled());
  });

  it("customer service (the counter) may start from any order", async () => {
    expect(await maintenancePrefillFor(t.db, service, orderId)).toEqual(filled());
  });

  it("another lineman's order, an unknown order or none: an empty form", async () => {
    expect(await maintenancePrefillFor(t.db, other, orderId)).toEqual({});
    expect(await maintenancePrefillFor(t.db, lineman, randomUUID())).toEqual({});
    expect(await maintenancePrefillFor(t.db, lineman, undefined)).toEqual({});
  });
});
