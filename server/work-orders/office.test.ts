import { randomUUID } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, workOrderEvents, workOrders } from "@/db/schema";
import type { TCreateWorkOrderForm } from "@/domain/work-orders/schemas";
import type { TWorkOrderStatus } from "@/domain/work-orders/status";
import { WORK_ORDER_CODE_PATTERN } from "@/domain/items/tags";
import { setUserActive } from "@/server/users/service";
import { createWorkOrder } from "./office-create";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError, expectCaughtAppError } from "@/tests/helpers/errors";
import { makeUser } from "@/tests/helpers/users";

let t: TestDb;
let service: Caller;
let serviceId: string;
let adminId: string;
let linemanCaller: Caller;
let lineman: Awaited<ReturnType<typeof makeUser>>;
let lineman2: Awaited<ReturnType<typeof makeUser>>;
let keeper: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  t = await createTestDb();
  const s = await makeUser(t.db, { role: "customer_service", department: "customer_service" });
  const admin = await makeUser(t.db, { role: "admin" });
  lineman = await makeUser(t.db, { role: "lineman" });
  lineman2 = await makeUser(t.db, { role: "lineman" });
  keeper = await makeUser(t.db, { role: "warehouse_keeper", department: "finance" });
  const l = await login(t.db, s.username, s.password);
  service = l.caller;
  serviceId = s.id;
  adminId = admin.id;
  linemanCaller = (await login(t.db, lineman.username, lineman.password)).caller;
});
afterAll(async () => {
  await t?.close();
});

const order = (o: Partial<TCreateWorkOrderForm> = {}): TCreateWorkOrderForm => ({
  kind: "install",
  customerName: "张伟 Zhang Wei",
  address: "幸福小区 5 栋 302",
  contact: "138 0000 1101",
  service: "宽带 300M + 固话",
  scheduledFor: "2026-05-10",
  clerkCheck: true,
  ...o,
});

async function row(id: string) {
  const [r] = await t.db.select().from(workOrders).where(eq(workOrders.id, id));
  return r!;
}
const eventsOf = (id: string) => t.db.select().from(workOrderEvents).where(eq(workOrderEvents.workOrderId, id)).orderBy(asc(workOrderEvents.id));
const auditOf = (id: string) => t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, id)).orderBy(asc(auditEvents.id));
/** The lineman's side of the story (their pushes are another part's): moves the order as their handlers would. */
async function setStatus(id: string, status: TWorkOrderStatus) {
  const r = await row(id);
  await t.db
    .update(workOrders)
    .set({ status, version: r.version + 1 })
    .where(eq(workOrders.id, id));
  return r.version + 1;
}

describe("workOrders.create", () => {
  it("creates an order with a WO-<year>-<seq> code, its first status event and an audit event", async () => {
    const created = await service.workOrders.create(order({ notes: "  带光猫 ", assigneeId: lineman.id }));
    expect(created.code).toMatch(WORK_ORDER_CODE_PATTERN);
    expect(created).toMatchObject({ status: "assigned", version: 1 });
    expect(await row(created.id)).toMatchObject({
      kind: "install",
      customerName: "张伟 Zhang Wei",
      contact: "138 0000 1101",
      assignedTo: lineman.id,
      keyCustomer: false,
      dueAt: null,
      notes: "带光猫",
      createdBy: serviceId,
      status: "assigned",
    });
    expect(await eventsOf(created.id)).toMatchObject([{ fromStatus: null, toStatus: "assigned", actorId: serviceId, versionAfter: 1 }]);
    const audit = await auditOf(created.id);
    // the order, then the counter clerk's self-check mark (营业员自检)
    expect(audit.map((a) => a.name)).toEqual(["workOrder.created", "clerk.checked"]);
    expect(audit[0]).toMatchObject({
      name: "workOrder.created",
      actorId: serviceId,
      subjectType: "work_order",
      payload: { code: created.code, kind: "install", keyCustomer: false, dueAt: null, assigneeId: lineman.id },
    });
  });

  it("the new order reaches its lineman's list", async () => {
    const created = await service.workOrders.create(order({ customerName: "For the lineman", assigneeId: lineman.id }));
    expect((await linemanCaller.workOrders.listMine()).map((w) => w.id)).toContain(created.id);
  });

  it("keeps a key customer's deadline; may wait for a lineman", async () => {
    const dueAt = new Date("2026-05-10T08:00:00Z");
    const created = await service.workOrders.create(order({ keyCustomer: true, dueAt }));
    expect(await row(created.id)).toMatchObject({ keyCustomer: true, dueAt, assignedTo: null });
  });

  it("numbers follow each other", async () => {
    const a = await service.workOrders.create(order());
    const b = await service.workOrders.create(order());
    expect(Number(b.code.slice(-6))).toBe(Number(a.code.slice(-6)) + 1);
  });

  it("refuses bad input with catalogue keys per field, writing nothing", async () => {
    const before = await t.db.select().from(workOrders);
    const shape = await expectAppError(service.workOrders.create(order({ customerName: " ", contact: "王先生", keyCustomer: true })), "bad_input");
    expect(shape.data.fieldErrors).toEqual({
      customerName: "validation.required",
      contact: "desk.validation.contact",
    });
    expect(await t.db.select().from(workOrders)).toHaveLength(before.length);
  });

  it("assigns only to an active lineman (not a keeper, a disabled lineman or a stranger), writing nothing", async () => {
    const disabled = await makeUser(t.db, { role: "lineman", active: false });
    const before = await t.db.select().from(workOrders);
    for (const assigneeId of [keeper.id, disabled.id, randomUUID()]) {
      await expectAppError(service.workOrders.create(order({ assigneeId })), "assignee_invalid");
    }
    expect(await t.db.select().from(workOrders)).toHaveLength(before.length);
  });

  it("writes the order, its event and its audit row in one transaction (a failing audit insert leaves nothing)", async () => {
    // why a trigger: the audit insert is the last write of the transaction; this makes it fail for one order only.
    await t.asOwner((owner) =>
      owner.execute(sql`create function tm_test_fail_audit() returns trigger language plpgsql as $$
      begin
        if new.name = 'workOrder.created' and new.payload->>'scheduledFor' = '2099-12-31' then raise exception 'injected'; end if;
        return new;
      end $$`),
    );
    await t.asOwner((owner) =>
      owner.execute(sql`create trigger tm_test_fail_audit before insert on audit_events for each row execute function tm_test_fail_audit()`),
    );
    try {
      const orders = await t.db.select().from(workOrders);
      const events = await t.db.select().from(workOrderEvents);
      await expect(service.workOrders.create(order({ scheduledFor: "2099-12-31" }))).rejects.toThrow();
      expect(await t.db.select().from(workOrders)).toHaveLength(orders.length);
      expect(await t.db.select().from(workOrderEvents)).toHaveLength(events.length);
    } finally {
      await t.asOwner((owner) => owner.execute(sql`drop trigger tm_test_fail_audit on audit_events`));
      await t.asOwner((owner) => owner.execute(sql`drop function tm_test_fail_audit()`));
    }
  });

  it("numbers restart each year (Shanghai's new year, not UTC's)", async () => {
    const input = { ...order(), keyCustomer: false, dueAt: null, notes: "", assigneeId: null, clerkCheck: true, propertyCaseId: null };
    // 2030-12-31 23:30 in Shanghai; 2031-01-01 00:30 in Shanghai is still 2030 in UTC.
    const last = await createWorkOrder({ db: t.db, actorId: serviceId, input, now: new Date("2030-12-31T15:30:00Z") });
    const first = await createWorkOrder({ db: t.db, actorId: serviceId, input, now: new Date("2030-12-31T16:30:00Z") });
    const second = await createWorkOrder({ db: t.db, actorId: serviceId, input, now: new Date("2031-01-02T00:00:00Z") });
    expect(last.code).toBe("WO-2030-000001");
    expect(first.code).toBe("WO-2031-000001");
    expect(second.code).toBe("WO-2031-000002");
  });
});

describe("workOrders.assign", () => {
  it("assigns an unassigned order, compare-and-set on its version, with an audit event", async () => {
    const { id } = await service.workOrders.create(order());
    const after = await service.workOrders.assign({ workOrderId: id, assigneeId: lineman.id, version: 1 });
    expect(after).toMatchObject({ status: "assigned", version: 2, assignedTo: lineman.id });
    // no status change, so no status event beyond creation
    expect(await eventsOf(id)).toHaveLength(1);
    expect((await auditOf(id)).at(-1)).toMatchObject({
      name: "workOrder.assigned",
      payload: { fromAssigneeId: null, toAssigneeId: lineman.id, fromStatus: "assigned", toStatus: "assigned", versionAfter: 2 },
    });
  });

  it("refuses a stale version with conflict and the current state", async () => {
    const { id } = await service.workOrders.create(order({ assigneeId: lineman.id }));
    await service.workOrders.assign({ workOrderId: id, assigneeId: lineman2.id, version: 1 });
    const shape = await expectAppError(service.workOrders.assign({ workOrderId: id, assigneeId: lineman.id, version: 1 }), "conflict");
    expect(shape.data.details).toEqual({ status: "assigned", version: 2 });
    expect((await row(id)).assignedTo).toBe(lineman2.id);
  });

  it("re-assigns an order on its way: it starts again from assigned, and the timeline shows it", async () => {
    const { id } = await service.workOrders.create(order({ assigneeId: lineman.id }));
    const v = await setStatus(id, "en_route");
    const after = await service.workOrders.assign({ workOrderId: id, assigneeId: lineman2.id, version: v });
    expect(after).toMatchObject({ status: "assigned", assignedTo: lineman2.id, version: v + 1 });
    expect((await eventsOf(id)).at(-1)).toMatchObject({ fromStatus: "en_route", toStatus: "assigned", actorId: serviceId, versionAfter: v + 1 });
    expect((await linemanCaller.workOrders.listMine()).map((w) => w.id)).not.toContain(id);
  });

  it.each(["on_site", "work_done", "signed", "refused_to_sign", "closed", "cancelled"] as const)("refuses to re-assign an order that is %s", async (status) => {
    const { id } = await service.workOrders.create(order({ assigneeId: lineman.id }));
    const v = await setStatus(id, status);
    const shape = await expectAppError(service.workOrders.assign({ workOrderId: id, assigneeId: lineman2.id, version: v }), "invalid_transition");
    expect(shape.data.details).toEqual({ status });
    expect((await row(id)).assignedTo).toBe(lineman.id);
  });

  it("refuses a disabled lineman and a non-lineman", async () => {
    const { id } = await service.workOrders.create(order());
    const soon = await makeUser(t.db, { role: "lineman" });
    await setUserActive({ db: t.db, actorId: adminId, input: { userId: soon.id, active: false } });
    await expectAppError(service.workOrders.assign({ workOrderId: id, assigneeId: soon.id, version: 1 }), "assignee_invalid");
    await expectAppError(service.workOrders.assign({ workOrderId: id, assigneeId: keeper.id, version: 1 }), "assignee_invalid");
    await expectAppError(service.workOrders.assign({ workOrderId: id, assigneeId: serviceId, version: 1 }), "assignee_invalid");
    expect(await row(id)).toMatchObject({ assignedTo: null, version: 1 });
  });

  it("assigning the lineman it already has changes nothing", async () => {
    const { id } = await service.workOrders.create(order({ assigneeId: lineman.id }));
    expect(await service.workOrders.assign({ workOrderId: id, assigneeId: lineman.id, version: 1 })).toMatchObject({ version: 1 });
    expect(await auditOf(id)).toHaveLength(2);
  });

  it("an unknown order is not_found", async () => {
    await expectAppError(service.workOrders.assign({ workOrderId: randomUUID(), assigneeId: lineman.id, version: 1 }), "not_found");
  });
});

describe("workOrders.cancel", () => {
  it("cancels with the reason: status, event and audit row together", async () => {
    const { id } = await service.workOrders.create(order({ assigneeId: lineman.id }));
    const v = await setStatus(id, "on_site");
    const after = await service.workOrders.cancel({ workOrderId: id, version: v, reason: "  客户取消 customer withdrew " });
    expect(after).toMatchObject({ status: "cancelled", version: v + 1 });
    expect(await row(id)).toMatchObject({ status: "cancelled", statusReason: "客户取消 customer withdrew", closedAt: expect.any(Date) as unknown });
    expect((await eventsOf(id)).at(-1)).toMatchObject({
      fromStatus: "on_site",
      toStatus: "cancelled",
      reason: "客户取消 customer withdrew",
      actorId: serviceId,
      versionAfter: v + 1,
    });
    expect((await auditOf(id)).at(-1)).toMatchObject({
      name: "workOrder.cancelled",
      payload: { fromStatus: "on_site", reason: "客户取消 customer withdrew", versionAfter: v + 1 },
    });
  });

  it("needs a reason", async () => {
    const { id } = await service.workOrders.create(order());
    const shape = await expectAppError(service.workOrders.cancel({ workOrderId: id, version: 1, reason: "  " }), "bad_input");
    expect(shape.data.fieldErrors).toEqual({ reason: "validation.required" });
    expect((await row(id)).status).toBe("assigned");
  });

  it("refuses a stale version", async () => {
    const { id } = await service.workOrders.create(order({ assigneeId: lineman.id }));
    await setStatus(id, "en_route");
    await expectAppError(service.workOrders.cancel({ workOrderId: id, version: 1, reason: "x" }), "conflict");
    expect((await row(id)).status).toBe("en_route");
  });

  it.each(["signed", "refused_to_sign", "closed", "cancelled"] as const)("the office cannot cancel an order that is %s", async (status) => {
    const { id } = await service.workOrders.create(order({ assigneeId: lineman.id }));
    const v = await setStatus(id, status);
    await expectAppError(service.workOrders.cancel({ workOrderId: id, version: v, reason: "x" }), "invalid_transition");
    expect(await eventsOf(id)).toHaveLength(1);
  });

  it("two office workers cancelling at once: one wins, the other hears conflict; one event", async () => {
    const { id } = await service.workOrders.create(order());
    const admin = (await login(t.db, (await makeUser(t.db, { role: "admin" })).username, "correct horse battery")).caller;
    const results = await Promise.allSettled([
      service.workOrders.cancel({ workOrderId: id, version: 1, reason: "a" }),
      admin.workOrders.cancel({ workOrderId: id, version: 1, reason: "b" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [rejected] = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expectCaughtAppError(rejected!.reason, "conflict");
    expect((await eventsOf(id)).filter((e) => e.toStatus === "cancelled")).toHaveLength(1);
  });
});

describe("workOrders.close", () => {
  it.each(["signed", "refused_to_sign"] as const)("closes an order that is %s: closing time, event and audit row", async (status) => {
    const { id } = await service.workOrders.create(order({ assigneeId: lineman.id }));
    const v = await setStatus(id, status);
    await t.db
      .update(workOrders)
      .set({ statusReason: status === "refused_to_sign" ? "客户不满意" : "" })
      .where(eq(workOrders.id, id));
    const after = await service.workOrders.close({ workOrderId: id, version: v });
    expect(after).toMatchObject({ status: "closed", version: v + 1 });
    const r = await row(id);
    expect(r.closedAt).toBeInstanceOf(Date);
    // a refused order keeps the customer's reason when closed
    expect(r.statusReason).toBe(status === "refused_to_sign" ? "客户不满意" : "");
    expect((await eventsOf(id)).at(-1)).toMatchObject({ fromStatus: status, toStatus: "closed", actorId: serviceId, versionAfter: v + 1 });
    expect((await auditOf(id)).at(-1)).toMatchObject({ name: "workOrder.closed", payload: { fromStatus: status, versionAfter: v + 1 } });
  });

  it.each(["assigned", "en_route", "on_site", "work_done", "closed", "cancelled"] as const)("cannot close an order that is %s", async (status) => {
    const { id } = await service.workOrders.create(order({ assigneeId: lineman.id }));
    const v = await setStatus(id, status);
    await expectAppError(service.workOrders.close({ workOrderId: id, version: v }), "invalid_transition");
    expect((await row(id)).status).toBe(status);
  });

  it("refuses a stale version", async () => {
    const { id } = await service.workOrders.create(order({ assigneeId: lineman.id }));
    await setStatus(id, "signed");
    await expectAppError(service.workOrders.close({ workOrderId: id, version: 1 }), "conflict");
  });
});

describe("who may use the desk", () => {
  it("a lineman, a keeper and a department head may not create, assign, cancel or read the desk", async () => {
    const { id } = await service.workOrders.create(order());
    const head = await makeUser(t.db, { role: "department_head" });
    for (const u of [lineman, keeper, head]) {
      const c = (await login(t.db, u.username, u.password)).caller;
      await expectAppError(c.workOrders.create(order()), "forbidden");
      await expectAppError(c.workOrders.assign({ workOrderId: id, assigneeId: lineman.id, version: 1 }), "forbidden");
      await expectAppError(c.workOrders.cancel({ workOrderId: id, version: 1, reason: "x" }), "forbidden");
      await expectAppError(c.workOrders.close({ workOrderId: id, version: 1 }), "forbidden");
      await expectAppError(c.workOrders.desk({}), "forbidden");
      await expectAppError(c.workOrders.linemen(), "forbidden");
      await expectAppError(c.workOrders.officeTrail({ workOrderId: id }), "forbidden");
    }
    expect(await row(id)).toMatchObject({ status: "assigned", version: 1 });
  });

  it("quality and operations read the desk but change nothing", async () => {
    for (const role of ["quality", "operations"] as const) {
      const u = await makeUser(t.db, { role });
      const c = (await login(t.db, u.username, u.password)).caller;
      expect((await c.workOrders.desk({})).items.length).toBeGreaterThan(0);
      expect((await c.workOrders.linemen()).map((l) => l.id)).toContain(lineman.id);
      await expectAppError(c.workOrders.create(order()), "forbidden");
      await expectAppError(c.workOrders.cancel({ workOrderId: randomUUID(), version: 1, reason: "x" }), "forbidden");
    }
  });
});

describe("create → assign → cancel, end to end through the router", () => {
  it("leaves a complete trail", async () => {
    const { id, code } = await service.workOrders.create(order({ kind: "repair", customerName: "Trail Co" }));
    await service.workOrders.assign({ workOrderId: id, assigneeId: lineman.id, version: 1 });
    const v = await setStatus(id, "en_route");
    await service.workOrders.assign({ workOrderId: id, assigneeId: lineman2.id, version: v });
    await service.workOrders.cancel({ workOrderId: id, version: v + 1, reason: "duplicate of another order" });
    expect((await eventsOf(id)).map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, "assigned"],
      ["en_route", "assigned"],
      ["assigned", "cancelled"],
    ]);
    expect((await auditOf(id)).map((e) => e.name)).toEqual([
      "workOrder.created",
      "clerk.checked",
      "workOrder.assigned",
      "workOrder.assigned",
      "workOrder.cancelled",
    ]);
    const listed = await service.workOrders.desk({ group: "closed", q: code });
    expect(listed.items).toMatchObject([{ id, status: "cancelled", statusReason: "duplicate of another order", assigneeId: lineman2.id }]);
    const trail = await service.workOrders.officeTrail({ workOrderId: id });
    expect(trail).toMatchObject({ statusReason: "duplicate of another order", createdByName: "Test customer_service", assigneeActive: true });
    expect(trail.assignments.map((a) => [a.atCreation, a.fromName, a.toName, a.actorName])).toEqual([
      [false, null, "Test lineman", "Test customer_service"],
      [false, "Test lineman", "Test lineman", "Test customer_service"],
    ]);
    const atCreation = await service.workOrders.create(order({ assigneeId: lineman2.id }));
    expect((await service.workOrders.officeTrail({ workOrderId: atCreation.id })).assignments).toMatchObject([
      { atCreation: true, fromName: null, toName: "Test lineman" },
    ]);
    await expectAppError(service.workOrders.officeTrail({ workOrderId: randomUUID() }), "not_found");
  });
});
