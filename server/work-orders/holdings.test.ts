import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users, workOrders } from "@/db/schema";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { batch, newDevice } from "@/tests/helpers/sync";
import { makeUser, TEST_PASSWORD } from "@/tests/helpers/users";
import { makeWorkOrder, transition, workOrderRow } from "@/tests/helpers/work-orders";

/** A lineman's unfinished work orders are reassigned before they leave the role or are disabled. */
describe("a lineman leaving with work orders", () => {
  let t: TestDb;
  let admin: Caller;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({ caller: admin } = await login(t.db, "admin", "admin-demo-1"));
  });
  afterAll(async () => t?.close());

  it("is refused a role change or disabling while an order is open, with the orders named; allowed once they are finished", async () => {
    const u = await makeUser(t.db, { role: "lineman" });
    const open = await makeWorkOrder(t.db, { assignedTo: u.id, status: "on_site", code: "WO-2026-070001" });
    await makeWorkOrder(t.db, { assignedTo: u.id, status: "closed", code: "WO-2026-070002" });
    const profile = { userId: u.id, displayName: u.displayName, department: u.department };

    const a = await expectAppError(admin.users.update({ ...profile, role: "quality" }), "holds_work_orders");
    expect(a.data.details).toEqual({ count: 1, workOrders: [{ id: open.id, code: "WO-2026-070001", status: "on_site" }] });
    await expectAppError(admin.users.setActive({ userId: u.id, active: false }), "holds_work_orders");
    // nothing changed
    const [still] = await t.db.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, u.id));
    expect(still).toEqual({ role: "lineman", active: true });
    // a rename or a department move keeps the lineman on their orders
    await admin.users.update({ ...profile, displayName: "Renamed", role: "lineman", department: "operations" });

    await t.db.update(workOrders).set({ status: "cancelled" }).where(eq(workOrders.id, open.id));
    await admin.users.update({ ...profile, role: "quality" });
    await admin.users.setActive({ userId: u.id, active: false });
  });

  it("someone no longer a lineman cannot act on an order still assigned to them (changed around the rule)", async () => {
    const u = await makeUser(t.db, { role: "lineman" });
    const wo = await makeWorkOrder(t.db, { assignedTo: u.id, status: "assigned" });
    await t.db.update(users).set({ role: "warehouse_keeper" }).where(eq(users.id, u.id));
    const { caller } = await login(t.db, u.username, TEST_PASSWORD);
    await expectAppError(caller.workOrders.get({ workOrderId: wo.id }), "forbidden");
    const d = await newDevice(caller);
    const answer = await caller.sync.push(batch(d, transition(d, 1, wo.id, "en_route", { from: "assigned", version: 1 })));
    expect(answer.results[0]).toMatchObject({ status: "rejected" });
    expect((await workOrderRow(t.db, wo.id)).status).toBe("assigned");
  });
});
