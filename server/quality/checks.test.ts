/** Issue 15: quality plans checks (zone, department, a sample of closed work orders), marks sampled orders and finishes them. */
import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nonconformities, spotCheckOrders, spotChecks, workOrders } from "@/db/schema";
import { sampleOrders } from "@/domain/quality/model";
import { operatorToday, startOfOperatorDay } from "@/domain/time/operator";
import { nextQualityCode } from "@/server/quality/numbering";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { makeWorkOrder } from "@/tests/helpers/work-orders";
import { auditNamed, noticesTo, warehousePerson, type TWarehousePerson } from "@/tests/helpers/warehouse";

let t: TestDb;
let quality: TWarehousePerson, checker: TWarehousePerson, gm: TWarehousePerson, head: TWarehousePerson, lineman: TWarehousePerson;

beforeAll(async () => {
  t = await createTestDb({ seed: true });
  quality = await warehousePerson(t.db, "quality", "enterprise_management");
  checker = await warehousePerson(t.db, "quality", "enterprise_management");
  gm = await warehousePerson(t.db, "general_manager", "enterprise_management");
  head = await warehousePerson(t.db, "department_head", "finance");
  lineman = await warehousePerson(t.db, "lineman");
});
afterAll(async () => t?.close());

/** Work orders closed at noon of these operator days (a far-off year so the demo's own orders stay out of the range). */
async function closedOn(days: string[]) {
  const out: string[] = [];
  for (const day of days) {
    const wo = await makeWorkOrder(t.db, { assignedTo: lineman.id, status: "closed" });
    await t.db
      .update(workOrders)
      .set({ closedAt: new Date(startOfOperatorDay(day).getTime() + 12 * 3_600_000) })
      .where(eq(workOrders.id, wo.id));
    out.push(wo.id);
  }
  return out;
}

describe("numbering", () => {
  it("numbers by kind and the operator's year (Shanghai: 16:30 UTC on 31 December is already the new year)", async () => {
    const at = new Date("2031-12-31T16:30:00Z");
    const a = await t.db.transaction((tx) => nextQualityCode(tx, "CA", at));
    const b = await t.db.transaction((tx) => nextQualityCode(tx, "CA", at));
    expect([a, b]).toEqual(["CA-2032-0001", "CA-2032-0002"]);
    expect(await t.db.transaction((tx) => nextQualityCode(tx, "SC", new Date("2031-12-31T15:59:00Z")))).toBe("SC-2031-0001");
  });
});

describe("quality.planCheck", () => {
  it("samples closed work orders of the range reproducibly (seed stored), notices the assignee, audits", async () => {
    const inRange = await closedOn(["2040-03-01", "2040-03-05", "2040-03-10", "2040-03-15", "2040-03-31"]);
    const outside = await closedOn(["2040-02-29", "2040-04-01"]);
    const cancelled = await makeWorkOrder(t.db, { assignedTo: lineman.id, status: "cancelled" });
    await t.db
      .update(workOrders)
      .set({ closedAt: startOfOperatorDay("2040-03-02") })
      .where(eq(workOrders.id, cancelled.id));
    const plan = await quality.caller.quality.planCheck({
      target: "work_orders",
      from: "2040-03-01",
      to: "2040-03-31",
      sampleSize: 3,
      plannedFor: operatorToday(),
      assigneeId: checker.id,
    });
    const [row] = await t.db.select().from(spotChecks).where(eq(spotChecks.id, plan.id));
    expect(row).toMatchObject({ target: "work_orders", rangeFrom: "2040-03-01", rangeTo: "2040-03-31", sampleSize: 3, status: "planned", planned: true });
    const sampled = (await t.db.select().from(spotCheckOrders).where(eq(spotCheckOrders.checkId, plan.id))).map((o) => o.workOrderId);
    expect(sampled.sort()).toEqual(sampleOrders(inRange, 3, row!.sampleSeed!).sort());
    expect(sampled.some((id) => outside.includes(id) || id === cancelled.id)).toBe(false);
    expect((await noticesTo(t.db, checker.id, "quality.checkAssigned")).map((n) => n.href)).toContain(`/quality/checks/${plan.id}`);
    expect((await auditNamed(t.db, plan.id, "spotCheck.planned"))[0]!.payload).toMatchObject({ code: plan.code, target: "work_orders", sampled: 3 });
  });

  it("refuses an assignee who does not walk checks, an unknown zone, a range without closed orders", async () => {
    const base = { plannedFor: operatorToday(), assigneeId: checker.id };
    await expectAppError(quality.caller.quality.planCheck({ ...base, target: "zone", zoneCode: "HQ-EQ", assigneeId: lineman.id }), "assignee_invalid");
    await expectAppError(quality.caller.quality.planCheck({ ...base, target: "zone", zoneCode: "NOPE" }), "rule_violation");
    await expectAppError(quality.caller.quality.planCheck({ ...base, target: "work_orders", from: "2041-01-01", to: "2041-01-31" }), "rule_violation");
    await expectAppError(quality.caller.quality.planCheck({ ...base, target: "work_orders", from: "2041-01-31", to: "2041-01-01" }), "bad_input");
    await expectAppError(gm.caller.quality.planCheck({ ...base, target: "zone", zoneCode: "HQ-EQ" }), "forbidden");
    const dept = await quality.caller.quality.planCheck({ ...base, target: "department", department: "computer_network" });
    expect((await quality.caller.quality.check({ id: dept.id })).department).toBe("computer_network");
  });
});

describe("work-order check: mark and finish", () => {
  it("every sampled order marked; each finding a nonconformity against who answers for it; then submitted", async () => {
    await closedOn(["2042-05-02", "2042-05-03", "2042-05-04"]);
    const plan = await quality.caller.quality.planCheck({
      target: "work_orders",
      from: "2042-05-01",
      to: "2042-05-31",
      sampleSize: 10,
      plannedFor: operatorToday(),
      assigneeId: quality.id,
    });
    const detail = await quality.caller.quality.check({ id: plan.id });
    expect(detail.orders).toHaveLength(3);
    // marked at the office, never walked on the phone
    const walk = {
      id: plan.id,
      planned: true,
      marks: [{ id: randomUUID(), tag: "EQ-000201", labelKind: "equipment", result: "correct", markedAt: new Date().toISOString() }],
    };
    expect(await quality.push("spotCheck.submit", walk)).toMatchObject({ status: "rejected", reasonCode: "invalid_transition" });
    const [a, b, c] = detail.orders;
    const mark = (workOrderId: string, result: "ok" | "missing_signature" | "wrong_verdict", note = "") =>
      quality.caller.quality.markOrder({ checkId: plan.id, workOrderId, result, note });
    await expectAppError(mark(a!.workOrderId, "missing_signature"), "bad_input");
    await mark(a!.workOrderId, "missing_signature", "客户未签字 / no customer signature");
    await mark(b!.workOrderId, "ok");
    await expectAppError(quality.caller.quality.finishOrderCheck({ checkId: plan.id }), "rule_violation");
    await mark(c!.workOrderId, "ok");
    await mark(c!.workOrderId, "wrong_verdict", "结论应为未完成 / should be not done");
    await expectAppError(mark(randomUUID(), "ok"), "not_found");

    const done = await quality.caller.quality.finishOrderCheck({ checkId: plan.id });
    expect(done.nonconformities).toHaveLength(2);
    const ncs = await t.db.select().from(nonconformities).where(inArray(nonconformities.code, done.nonconformities));
    const of = (code: string) => ncs.find((n) => n.sourceRef === `${plan.code} ${code}`)!;
    expect(of(a!.workOrderCode)).toMatchObject({
      source: "work_order_check",
      finding: "missing_signature",
      labelKind: "install_repair",
      department: "terminal_service",
    });
    expect(of(c!.workOrderCode)).toMatchObject({
      source: "work_order_check",
      finding: "wrong_verdict",
      labelKind: "work_order",
      department: "customer_service",
    });

    const after = await gm.caller.quality.check({ id: plan.id });
    expect(after).toMatchObject({ status: "submitted" });
    expect(after.nonconformityCodes.sort()).toEqual([...done.nonconformities].sort());
    expect(after.orders.find((o) => o.workOrderId === b!.workOrderId)).toMatchObject({ result: "ok", nonconformityCode: null });
    await expectAppError(mark(b!.workOrderId, "ok"), "invalid_transition");
    await expectAppError(quality.caller.quality.finishOrderCheck({ checkId: plan.id }), "invalid_transition");
    expect(await auditNamed(t.db, plan.id, "spotCheck.orderMarked")).toHaveLength(4);

    const list = await gm.caller.quality.checks({ status: "submitted", page: 1 });
    expect(list.rows.find((r) => r.id === plan.id)).toMatchObject({ code: plan.code, marks: 3, findings: 2, status: "submitted" });
    expect((await quality.caller.quality.checks({ status: "planned", page: 1 })).rows.some((r) => r.id === plan.id)).toBe(false);
    await expectAppError(head.caller.quality.checks({ page: 1 }), "forbidden");
    await expectAppError(quality.caller.quality.check({ id: randomUUID() }), "not_found");
  });
});

describe("quality.people", () => {
  it("active people, by department; a head gets their own department's whatever they ask", async () => {
    const all = await quality.caller.quality.people({});
    expect(all.some((p) => p.id === checker.id)).toBe(true);
    const fin = await quality.caller.quality.people({ department: "finance" });
    expect(fin.every((p) => p.department === "finance") && fin.some((p) => p.id === head.id)).toBe(true);
    const heads = await head.caller.quality.people({ department: "terminal_service" });
    expect(heads.length > 0 && heads.every((p) => p.department === "finance")).toBe(true);
    await expectAppError(lineman.caller.quality.people({}), "forbidden");
  });
});
