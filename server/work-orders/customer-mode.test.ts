import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "@/db/schema";
import type { TRole } from "@/domain/auth/roles";
import { CUSTOMER_MODE_PROCEDURES } from "@/domain/work-orders/customer-mode";
import { hashToken } from "@/server/auth/session";
import { appRouter } from "@/server/root";
import { callerFor, login, type Caller, type LoggedIn } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { catchError, errorShape, expectAppError } from "@/tests/helpers/errors";
import { auditOf, batch, deviceRow, newDevice } from "@/tests/helpers/sync";
import { makeUser } from "@/tests/helpers/users";
import { customerRefuse, customerSign, makeWorkOrder, selfCheck, transition, workOrderRow } from "@/tests/helpers/work-orders";

/** Every procedure a lineman may call at all, by path (the role check comes before the customer-mode check). */
const linemanProcedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { roles?: "public" | TRole[] } } }>)
  .filter(([, p]) => p._def.meta?.roles !== "public" && p._def.meta?.roles?.includes("lineman"))
  .map(([path]) => path);

async function appCodeOf(caller: Caller, path: string): Promise<string> {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
  try {
    await fn({});
    return "ok";
  } catch (err) {
    return errorShape(err).data.appCode;
  }
}

describe("customer mode: the phone in the customer's hands signs its one work order and nothing else", () => {
  let t: TestDb;
  let l: LoggedIn;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    l = await login(t.db, "lineman", "lineman-demo", { ip: "10.9.0.1" });
  });
  afterAll(async () => t?.close());

  /** A work order of the lineman, done and self-checked through device d (its seq `seq`). */
  async function doneWorkOrder(caller: Caller, userId: string, d: string, seq: number) {
    const wo = await makeWorkOrder(t.db, { assignedTo: userId, status: "on_site" });
    expect((await caller.sync.push(batch(d, selfCheck(d, seq, wo.id)))).results[0]).toMatchObject({ status: "applied" });
    return workOrderRow(t.db, wo.id);
  }

  /** A new request of the same session (each HTTP request builds its context, and sees the session as it is now). */
  const now = (who: LoggedIn) => callerFor(t.db, { cookie: who.cookie, ip: "10.9.0.1" });

  it("entering: only the lineman's own work order, done and self-checked", async () => {
    const onSite = await makeWorkOrder(t.db, { assignedTo: l.user.id, status: "on_site" });
    const theirs = await makeWorkOrder(t.db, { assignedTo: (await makeUser(t.db, { role: "lineman" })).id, status: "work_done" });
    const noSelfCheck = await makeWorkOrder(t.db, { assignedTo: l.user.id, status: "work_done" });
    const caller = await now(l);
    expect((await expectAppError(caller.auth.enterCustomerMode({ workOrderId: onSite.id }), "work_order_not_ready")).data.details).toEqual({
      status: "on_site",
    });
    await expectAppError(caller.auth.enterCustomerMode({ workOrderId: noSelfCheck.id }), "work_order_not_ready");
    await expectAppError(caller.auth.enterCustomerMode({ workOrderId: theirs.id }), "not_found");
    await expectAppError(caller.auth.enterCustomerMode({ workOrderId: "00000000-0000-4000-8000-000000000000" }), "not_found");
    const [row] = await t.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, hashToken(l.token)));
    expect(row!.customerWorkOrderId).toBeNull();
  });

  it("in customer mode every procedure but the allow-list is refused; the session's own sign-off goes through push", async () => {
    const d = await newDevice(l.caller);
    const wo = await doneWorkOrder(l.caller, l.user.id, d, 1);
    const other = await doneWorkOrder(l.caller, l.user.id, d, 2);
    // one of the lineman's own changes was refused earlier (it names another order): theirs to see, not the customer's
    const seqBefore = (await deviceRow(t.db, d))!.lastAppliedSeq;
    const refused = transition(d, seqBefore + 1, other.id, "on_site", { from: "assigned", version: 1 });
    expect((await l.caller.sync.push(batch(d, refused))).results[0]).toMatchObject({ status: "rejected" });
    expect(await (await now(l)).auth.enterCustomerMode({ workOrderId: wo.id })).toEqual({ workOrderId: wo.id, code: wo.code });
    expect(await auditOf(t.db, wo.id, "workOrder.customerModeEntered")).toHaveLength(1);
    const cm = await now(l);

    expect((await cm.auth.me()).customerWorkOrderId).toBe(wo.id);
    for (const path of linemanProcedures) {
      const code = await appCodeOf(cm, path);
      if (CUSTOMER_MODE_PROCEDURES.includes(path)) expect(code, path).not.toBe("customer_mode");
      else expect(code, path).toBe("customer_mode");
    }
    // the list above is not empty: listMine, get, logout, enterCustomerMode, registerDevice at least
    expect(linemanProcedures.filter((p) => !CUSTOMER_MODE_PROCEDURES.includes(p)).length).toBeGreaterThanOrEqual(5);
    await expectAppError(cm.workOrders.get({ workOrderId: wo.id }), "customer_mode");
    await expectAppError(cm.auth.logout(), "customer_mode");

    // push: anything but this order's signature or refusal refuses the whole request; nothing is consumed
    const before = (await deviceRow(t.db, d))!.lastAppliedSeq;
    for (const bad of [
      [transition(d, before + 1, wo.id, "on_site", { from: "work_done", version: 2 })],
      [customerSign({ deviceId: d, seq: before + 1, userId: l.user.id, workOrder: other })],
      [customerRefuse(d, before + 1, other.id)],
      [
        customerSign({ deviceId: d, seq: before + 1, userId: l.user.id, workOrder: wo }),
        transition(d, before + 2, other.id, "on_site", { from: "work_done", version: 2 }),
      ],
    ]) {
      const shape = await expectAppError(cm.sync.push(batch(d, ...bad)), "customer_mode");
      expect(shape.data.details).toEqual({ workOrderId: wo.id });
      expect((await deviceRow(t.db, d))!.lastAppliedSeq).toBe(before);
    }
    expect((await workOrderRow(t.db, wo.id)).status).toBe("work_done");
    expect((await workOrderRow(t.db, other.id)).status).toBe("work_done");

    const sign = customerSign({ deviceId: d, seq: before + 1, userId: l.user.id, workOrder: wo });
    expect((await cm.sync.push(batch(d, sign))).results[0]).toMatchObject({ status: "applied" });
    expect((await workOrderRow(t.db, wo.id)).status).toBe("signed");
    // the engine's pull still works (it confirms what was sent), with this order's rows only and no company data
    // (on a shared PostgreSQL another test's open transaction may hold the new rows back for a moment)
    let page = await cm.sync.pull({ deviceId: d, cursor: "0" });
    for (let i = 0; i < 200 && page.workOrders[0]?.status !== "signed"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      page = await cm.sync.pull({ deviceId: d, cursor: "0" });
    }
    expect(page.lastAppliedSeq).toBe(before + 1);
    expect(page.cursor).toBe("0");
    expect(page.workOrders.map((w) => w.id)).toEqual([wo.id]);
    expect(page.workOrders[0]!.status).toBe("signed");
    expect(page.signoffs.map((s) => s.workOrderId)).toContain(wo.id);
    expect(new Set([...page.signoffs, ...page.equipmentChecks, ...page.workOrderEvents].map((r) => r.workOrderId))).toEqual(new Set([wo.id]));
    expect([page.zones, page.items, page.events, page.licenses, page.licenseImports]).toEqual([[], [], [], [], []]);
    expect(page.rejections).toEqual([]);
    // the lineman's earlier batch sent again in customer mode does not hand out its stored answer
    await expectAppError(cm.sync.push(batch(d, refused)), "customer_mode");
    await cm.auth.leaveCustomerMode({ password: "lineman-demo" });
    const back = await (await now(l)).sync.pull({ deviceId: d, cursor: "0" });
    expect(back.rejections.map((r) => r.mutationId)).toEqual([refused.mutationId]);
  });

  it("leaving needs the lineman's password; wrong ones are refused and counted", async () => {
    const d = await newDevice(l.caller);
    const wo = await doneWorkOrder(l.caller, l.user.id, d, 1);
    await (await now(l)).auth.enterCustomerMode({ workOrderId: wo.id });
    const cm = await now(l);
    await expectAppError(cm.auth.leaveCustomerMode({ password: "guess" }), "invalid_credentials");
    expect((await (await now(l)).auth.me()).customerWorkOrderId).toBe(wo.id);
    expect(await (await now(l)).auth.leaveCustomerMode({ password: "lineman-demo" })).toEqual({ ok: true });
    const back = await now(l);
    expect((await back.auth.me()).customerWorkOrderId).toBeNull();
    expect(await back.workOrders.listMine()).toEqual(expect.any(Array));
    expect(await auditOf(t.db, wo.id, "workOrder.customerModeLeft")).toHaveLength(1);
    // out of customer mode the password is still checked (the phone may ask the server to confirm the lineman)
    await expectAppError(back.auth.leaveCustomerMode({ password: "whatever" }), "invalid_credentials");
    expect(await back.auth.leaveCustomerMode({ password: "lineman-demo" })).toEqual({ ok: true });
    expect(await auditOf(t.db, wo.id, "workOrder.customerModeLeft")).toHaveLength(1);
  });

  it("the lineman's changes queued before the hand-over wait until customer mode is left, then go in order", async () => {
    const d = await newDevice(l.caller);
    const wo = await doneWorkOrder(l.caller, l.user.id, d, 1);
    const next = await makeWorkOrder(t.db, { assignedTo: l.user.id });
    await (await now(l)).auth.enterCustomerMode({ workOrderId: wo.id });
    // the outbox: a change of the lineman's (queued offline before), then the customer's signature
    const queued = [
      transition(d, 2, next.id, "en_route", { from: "assigned", version: 1 }),
      customerSign({ deviceId: d, seq: 3, userId: l.user.id, workOrder: wo }),
    ];
    await expectAppError((await now(l)).sync.push(batch(d, ...queued)), "customer_mode");
    await (await now(l)).auth.leaveCustomerMode({ password: "lineman-demo" });
    const answer = await (await now(l)).sync.push(batch(d, ...queued));
    expect(answer.results.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect((await workOrderRow(t.db, wo.id)).status).toBe("signed");
    expect((await workOrderRow(t.db, next.id)).status).toBe("en_route");
  });

  it("customer mode is the session's: the lineman's other sessions work as usual", async () => {
    const d = await newDevice(l.caller);
    const wo = await doneWorkOrder(l.caller, l.user.id, d, 1);
    const otherSession = await login(t.db, "lineman", "lineman-demo", { ip: "10.9.0.2" });
    await (await now(l)).auth.enterCustomerMode({ workOrderId: wo.id });
    expect(await otherSession.caller.workOrders.get({ workOrderId: wo.id })).toMatchObject({ workOrder: { id: wo.id } });
    await (await now(l)).auth.leaveCustomerMode({ password: "lineman-demo" });
  });

  it("guessing the password is rate-limited like logins (per username)", async () => {
    const u = await makeUser(t.db, { role: "lineman", password: "right-password-1" });
    const who = await login(t.db, u.username, "right-password-1", { ip: "10.9.1.1" });
    const d = await newDevice(who.caller);
    const wo = await doneWorkOrder(who.caller, u.id, d, 1);
    await (await callerFor(t.db, { cookie: who.cookie, ip: "10.9.1.1" })).auth.enterCustomerMode({ workOrderId: wo.id });
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const c = await callerFor(t.db, { cookie: who.cookie, ip: `10.9.1.${10 + i}` });
      codes.push((await catchError(c.auth.leaveCustomerMode({ password: `wrong-${i}` }))).shape.data.appCode);
    }
    expect(codes).toEqual(["invalid_credentials", "invalid_credentials", "invalid_credentials", "invalid_credentials", "invalid_credentials", "rate_limited"]);
    // even the right password waits now
    const c = await callerFor(t.db, { cookie: who.cookie, ip: "10.9.1.99" });
    await expectAppError(c.auth.leaveCustomerMode({ password: "right-password-1" }), "rate_limited");
    expect((await c.auth.me()).customerWorkOrderId).toBe(wo.id);
  });
});
