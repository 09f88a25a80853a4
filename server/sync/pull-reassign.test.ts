import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { batch, feedRows, newDevice, pullCaughtUp } from "@/tests/helpers/sync";
import { makeUser } from "@/tests/helpers/users";
import { checkEquipment, makeWorkOrder, workOrderRow } from "@/tests/helpers/work-orders";

describe("a work order assigned to another lineman brings its history to the new phone", () => {
  let t: TestDb;
  let first: Caller;
  let second: Caller;
  let office: Caller;
  let firstId: string;
  let secondId: string;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({
      caller: first,
      user: { id: firstId },
    } = await login(t.db, "lineman", "lineman-demo"));
    ({
      caller: second,
      user: { id: secondId },
    } = await login(t.db, "lineman2", "lineman2-demo"));
    ({ caller: office } = await login(t.db, "service", "service-demo"));
  });
  afterAll(async () => t?.close());

  it("checks recorded before the reassignment reach the new lineman's phone, which had pulled past them", async () => {
    const wo = await makeWorkOrder(t.db, { assignedTo: firstId, status: "assigned" });
    const d1 = await newDevice(first);
    const check = checkEquipment(d1, 1, { workOrderId: wo.id });
    expect((await first.sync.push(batch(d1, check))).results[0]).toMatchObject({ status: "applied" });

    // the second lineman's phone is up to date before the order comes to them: nothing of it yet
    const d2 = await newDevice(second);
    const before = await pullCaughtUp(second, d2, t.db);
    expect(feedRows(before, "workOrders").map((w) => w.id)).not.toContain(wo.id);
    expect(feedRows(before, "equipmentChecks")).toEqual([]);
    const cursor = before.at(-1)!.cursor;

    const { version } = await workOrderRow(t.db, wo.id);
    await office.workOrders.assign({ workOrderId: wo.id, assigneeId: secondId, version });

    const after = await pullCaughtUp(second, d2, t.db, cursor);
    expect(feedRows(after, "workOrders").map((w) => w.id)).toContain(wo.id);
    const checks = feedRows(after, "equipmentChecks");
    expect(checks.map((c) => c.id)).toEqual([(check.args as { checkId: string }).checkId]);
    expect(checks[0]!.workOrderId).toBe(wo.id);
    // and the first lineman's phone gets none of the order's rows any more, and is told to drop what it holds
    const firstAfter = await pullCaughtUp(first, d1, t.db);
    expect(feedRows(firstAfter, "equipmentChecks").filter((c) => c.workOrderId === wo.id)).toEqual([]);
    expect(feedRows(firstAfter, "withdrawnWorkOrders").map((w) => w.workOrderId)).toContain(wo.id);
    expect(feedRows(firstAfter, "workOrders").map((w) => w.id)).not.toContain(wo.id);
  });

  it("an order that comes back to its first lineman is theirs again: not withdrawn, sent whole", async () => {
    const wo = await makeWorkOrder(t.db, { assignedTo: firstId, status: "assigned" });
    const d1 = await newDevice(first);
    await office.workOrders.assign({ workOrderId: wo.id, assigneeId: secondId, version: (await workOrderRow(t.db, wo.id)).version });
    await office.workOrders.assign({ workOrderId: wo.id, assigneeId: firstId, version: (await workOrderRow(t.db, wo.id)).version });
    const pages = await pullCaughtUp(first, d1, t.db);
    expect(feedRows(pages, "withdrawnWorkOrders").map((w) => w.workOrderId)).not.toContain(wo.id);
    expect(feedRows(pages, "workOrders").map((w) => w.id)).toContain(wo.id);
    // the second lineman, who had it for a moment, drops it
    const d2 = await newDevice(second);
    expect(feedRows(await pullCaughtUp(second, d2, t.db), "withdrawnWorkOrders").map((w) => w.workOrderId)).toContain(wo.id);
  });
});

describe("a role change: the phone is told its cache was filled for another scope", () => {
  it("pull says the role it filled the page for; after the change and a new sign-in, the new one", async () => {
    const t = await createTestDb({ seed: true });
    try {
      const u = await makeUser(t.db, { role: "lineman", department: "terminal_service" });
      const { caller: before } = await login(t.db, u.username, u.password);
      const d = await newDevice(before);
      expect((await before.sync.pull({ deviceId: d, cursor: "0" })).scope).toBe(`${u.id}:lineman`);
      const { caller: admin } = await login(t.db, "admin", "admin-demo-1");
      await admin.users.update({ userId: u.id, displayName: "Moved Keeper", role: "warehouse_keeper", department: "finance" });
      // the change ended the old session; the same phone signs in again
      const { caller: after } = await login(t.db, u.username, u.password);
      const page = await after.sync.pull({ deviceId: d, cursor: "0" });
      expect(page.scope).toBe(`${u.id}:warehouse_keeper`);
      expect(page.workOrders).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
