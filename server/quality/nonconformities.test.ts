/** Issue 15: nonconformities raised by hand, read by quality, the GM and the department's head, decided by quality; the Pareto. */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { correctiveActions, nonconformities } from "@/db/schema";
import { addDays } from "@/domain/time/calendar";
import { operatorDay, operatorToday } from "@/domain/time/operator";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { auditNamed, noticesTo, warehousePerson, type TWarehousePerson } from "@/tests/helpers/warehouse";

let t: TestDb;
let quality: TWarehousePerson, gm: TWarehousePerson, opsHead: TWarehousePerson, finHead: TWarehousePerson, service: TWarehousePerson;

beforeAll(async () => {
  t = await createTestDb({ seed: true });
  quality = await warehousePerson(t.db, "quality", "enterprise_management");
  gm = await warehousePerson(t.db, "general_manager", "enterprise_management");
  opsHead = await warehousePerson(t.db, "department_head", "operations");
  finHead = await warehousePerson(t.db, "department_head", "finance");
  service = await warehousePerson(t.db, "customer_service", "customer_service");
});
afterAll(async () => t?.close());

const raise = (department: "operations" | "finance", description = "UPS 无准用证标签 / UPS without its label") =>
  quality.caller.quality.raise({ source: "other", sourceRef: "巡检", finding: "missing_label", labelKind: "facility", department, description });

describe("quality.raise and the reading of nonconformities", () => {
  it("raised: numbered, open, audited, noticed to quality; a head reads their own department's only", async () => {
    const nc = await raise("operations");
    expect(nc.code).toMatch(new RegExp(`^NC-${operatorToday().slice(0, 4)}-\\d{4}$`));
    const [row] = await t.db.select().from(nonconformities).where(eq(nonconformities.id, nc.id));
    expect(row).toMatchObject({ status: "open", department: "operations", raisedBy: quality.id, version: 1 });
    expect(await auditNamed(t.db, nc.id, "nonconformity.raised")).toMatchObject([
      { actorId: quality.id, payload: { code: nc.code, source: "other", finding: "missing_label", department: "operations" } },
    ]);
    expect((await noticesTo(t.db, quality.id, "quality.nonconformityRaised")).map((n) => n.href)).toContain(`/quality/nonconformities/${nc.id}`);
    const fin = await raise("finance");

    const mine = await opsHead.caller.quality.nonconformities({});
    expect(mine.rows.some((r) => r.id === nc.id)).toBe(true);
    expect(mine.rows.every((r) => r.department === "operations")).toBe(true);
    // asking for another department's still gives only their own
    expect((await opsHead.caller.quality.nonconformities({ department: "finance" })).rows).toEqual([]);
    const all = await gm.caller.quality.nonconformities({ status: "open" });
    expect(all.rows.map((r) => r.id)).toEqual(expect.arrayContaining([nc.id, fin.id]));
    expect(all.rows.find((r) => r.id === nc.id)).toMatchObject({ code: nc.code, status: "open", ageDays: 0, actionId: null, actionCode: null });
    expect((await quality.caller.quality.nonconformities({ department: "finance", source: "other" })).rows.map((r) => r.id)).toContain(fin.id);

    expect(await opsHead.caller.quality.nonconformity({ id: nc.id })).toMatchObject({
      code: nc.code,
      raisedByName: "Test quality",
      photoUrl: null,
      action: null,
      version: 1,
    });
    await expectAppError(finHead.caller.quality.nonconformity({ id: nc.id }), "not_found");
    await expectAppError(quality.caller.quality.nonconformity({ id: randomUUID() }), "not_found");
    await expectAppError(service.caller.quality.nonconformities({}), "forbidden");
    await expectAppError(opsHead.caller.quality.raise({ source: "other", finding: "other", department: "operations", description: "x" }), "forbidden");
    await expectAppError(quality.caller.quality.raise({ source: "other", finding: "other", department: "operations", description: "  " }), "bad_input");
  });
});

describe("quality.decide", () => {
  it("close: with its reason, compare-and-set on the version; closed stays closed", async () => {
    const nc = await raise("finance");
    await expectAppError(quality.caller.quality.decide({ decision: "close", ncId: nc.id, version: 2, reason: "已现场纠正" }), "conflict");
    const r = await quality.caller.quality.decide({ decision: "close", ncId: nc.id, version: 1, reason: "已现场纠正 / corrected on the spot" });
    expect(r).toMatchObject({ status: "closed", version: 2, action: null });
    const [row] = await t.db.select().from(nonconformities).where(eq(nonconformities.id, nc.id));
    expect(row).toMatchObject({ status: "closed", closedReason: "已现场纠正 / corrected on the spot", version: 2 });
    expect(row!.closedAt).toBeInstanceOf(Date);
    expect(await auditNamed(t.db, nc.id, "nonconformity.closed")).toHaveLength(1);
    await expectAppError(quality.caller.quality.decide({ decision: "close", ncId: nc.id, version: 2, reason: "again" }), "invalid_transition");
    await expectAppError(gm.caller.quality.decide({ decision: "close", ncId: nc.id, version: 2, reason: "x" }), "forbidden");
    await expectAppError(quality.caller.quality.decide({ decision: "close", ncId: randomUUID(), version: 1, reason: "x" }), "not_found");
  });

  it("send: the corrective-action record goes to the department; the nonconformity is under action", async () => {
    const nc = await raise("operations");
    const requiredBy = addDays(operatorToday(), 7);
    // a required-by date already past is refused (the record would be overdue when sent); nothing changes
    const past = await expectAppError(
      quality.caller.quality.decide({ decision: "send", ncId: nc.id, version: 1, description: "x", requiredBy: addDays(operatorToday(), -1) }),
      "bad_input",
    );
    expect(past.data.fieldErrors).toMatchObject({ requiredBy: "quality.validation.dueOnPast" });
    const r = await quality.caller.quality.decide({ decision: "send", ncId: nc.id, version: 1, description: "标签不全，请分析原因 / analyse why", requiredBy });
    expect(r).toMatchObject({ status: "action", version: 2 });
    expect(r.action!.code).toMatch(/^CA-\d{4}-\d{4}$/);
    const [row] = await t.db.select().from(nonconformities).where(eq(nonconformities.id, nc.id));
    expect(row).toMatchObject({ status: "action", actionId: r.action!.id, version: 2 });
    const [ca] = await t.db.select().from(correctiveActions).where(eq(correctiveActions.id, r.action!.id));
    expect(ca).toMatchObject({ nonconformityId: nc.id, department: "operations", status: "sent", requiredBy, sentBy: quality.id });
    expect(await opsHead.caller.quality.nonconformity({ id: nc.id })).toMatchObject({
      status: "action",
      action: { id: r.action!.id, code: r.action!.code, status: "sent" },
    });
    expect((await gm.caller.quality.nonconformities({ status: "action" })).rows.find((x) => x.id === nc.id)).toMatchObject({ actionCode: r.action!.code });
    await expectAppError(quality.caller.quality.decide({ decision: "send", ncId: nc.id, version: 2, description: "again", requiredBy }), "invalid_transition");
  });
});

describe("quality.pareto", () => {
  it("counts by finding, department and cause, largest first with the cumulative share; a range in operator days", async () => {
    const today = operatorDay(new Date());
    const before = await gm.caller.quality.pareto({ from: today, to: today });
    await quality.caller.quality.raise({ source: "other", finding: "wrong_place", labelKind: "computer", department: "computer_network", description: "a" });
    await quality.caller.quality.raise({ source: "other", finding: "wrong_place", labelKind: "computer", department: "computer_network", description: "b" });
    const after = await gm.caller.quality.pareto({ from: today, to: today });
    expect(after.total).toBe(before.total + 2);
    const count = (p: typeof after, key: string) => p.byFinding.find((r) => r.key === key)?.count ?? 0;
    expect(count(after, "wrong_place")).toBe(count(before, "wrong_place") + 2);
    expect(after.byDepartment.find((r) => r.key === "computer_network")!.count).toBeGreaterThanOrEqual(2);
    expect(after.byFinding.at(-1)!.cumulativePct).toBe(100);
    for (let i = 1; i < after.byFinding.length; i++) expect(after.byFinding[i - 1]!.count).toBeGreaterThanOrEqual(after.byFinding[i]!.count);
    expect((await quality.caller.quality.pareto({ from: "2000-01-01", to: "2000-01-31" })).total).toBe(0);
    expect((await quality.caller.quality.pareto({})).total).toBeGreaterThanOrEqual(after.total);
    await expectAppError(opsHead.caller.quality.pareto({}), "forbidden");
  });
});
