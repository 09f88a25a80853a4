/** Issue 16: the letter, rectification, opening the service, cancelling; every office step × case status × role. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { propertyLetters, propertyRounds } from "@/db/schema";
import { caseStepDecision, type TCaseStatus } from "@/domain/property/model";
import { operatorDay } from "@/domain/time/operator";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { catchError, errorShape, expectAppError } from "@/tests/helpers/errors";
import { auditNamed } from "@/tests/helpers/warehouse";
import { caseRow, inDays, inspect, pbxInput, propertyPerson, schedule, versionOf, worksCase, type TPropertyPerson } from "./cases.fixtures";

let t: TestDb;
let service: TPropertyPerson, techHead: TPropertyPerson, lineman: TPropertyPerson, quality: TPropertyPerson;

beforeAll(async () => {
  t = await createTestDb({ seed: true });
  service = await propertyPerson(t.db, "customer_service", "customer_service");
  techHead = await propertyPerson(t.db, "department_head", "technology_development");
  lineman = await propertyPerson(t.db, "lineman", "terminal_service");
  quality = await propertyPerson(t.db, "quality", "enterprise_management");
});
afterAll(async () => t?.close());

/** A PBX case brought to `status` through the office's steps and an inspection from the phone. */
async function pbxAt(status: TCaseStatus): Promise<{ id: string; code: string }> {
  const a = await service.caller.property.recordPbx(pbxInput());
  const v = () => versionOf(service.caller, a.id);
  if (status === "recorded") return a;
  if (status === "cancelled") {
    await service.caller.property.cancel({ caseId: a.id, version: 1, reason: "客户撤回" });
    return a;
  }
  await schedule(service, a.id, [lineman.id]);
  if (status === "scheduled") return a;
  const pass = status === "passed" || status === "connected";
  await inspect(lineman, service.caller, a.id, { failed: pass ? [] : [0], signers: [lineman.id] });
  if (status === "connected") await service.caller.property.openService({ caseId: a.id, version: await v(), note: "" });
  if (status === "failed" || status === "passed" || status === "connected") return a;
  await service.caller.property.issueLetter({ caseId: a.id, version: await v(), deadline: inDays(30), note: "" });
  if (status === "rectifying") return a;
  await service.caller.property.reportRectified({ caseId: a.id, version: await v(), note: "" });
  return a;
}

describe("property.issueLetter", () => {
  it("after a failed round: RL-YYYY-NNNN with the failed items as the round wrote them and the deadline; the case rectifying", async () => {
    const a = await pbxAt("failed");
    const version = await versionOf(service.caller, a.id);
    for (const deadline of [inDays(0), inDays(-3), inDays(181)]) {
      const { shape } = await catchError(service.caller.property.issueLetter({ caseId: a.id, version, deadline, note: "" }));
      expect(shape.data.fieldErrors).toEqual({ deadline: "property.validation.deadline" });
    }
    const l = await service.caller.property.issueLetter({ caseId: a.id, version, deadline: inDays(30), note: "请于期限内整改" });
    expect(l.code).toMatch(new RegExp(`^RL-${operatorDay(new Date()).slice(0, 4)}-\\d{4}$`));
    const c = await quality.caller.property.get({ id: a.id });
    expect(c.case.status).toBe("rectifying");
    const failedItem = c.rounds[0]!.items[0]!;
    expect(c.letters).toEqual([
      expect.objectContaining({
        id: l.letterId,
        code: l.code,
        roundId: c.rounds[0]!.id,
        deadline: inDays(30),
        items: [{ clause: failedItem.clause, textZh: failedItem.textZh, textEn: failedItem.textEn, note: failedItem.note, measurement: "" }],
        overdue: false,
        daysLeft: 30,
        rectifiedAt: null,
      }),
    ]);
    const listed = (await quality.caller.property.list({ q: a.code })).rows[0]!;
    expect(listed.openLetter).toEqual({ code: l.code, deadline: inDays(30), overdue: false, daysLeft: 30 });
    const [audit] = await auditNamed(t.db, a.id, "property.letterIssued");
    expect(audit!.payload).toMatchObject({ letterCode: l.code, deadline: inDays(30), items: [failedItem.clause] });
    // the next letter takes the next number
    const b = await pbxAt("failed");
    const l2 = await service.caller.property.issueLetter({ caseId: b.id, version: await versionOf(service.caller, b.id), deadline: inDays(1), note: "" });
    expect(Number(l2.code.slice(-4))).toBe(Number(l.code.slice(-4)) + 1);
  });

  it("a letter past its deadline without rectification is overdue (list filter, days negative); reported rectified it is closed", async () => {
    const a = await pbxAt("rectifying");
    await t.db
      .update(propertyLetters)
      .set({ deadline: inDays(-2) })
      .where(eq(propertyLetters.caseId, a.id));
    const overdue = await quality.caller.property.list({ overdue: true });
    expect(overdue.rows.find((r) => r.id === a.id)?.openLetter).toMatchObject({ overdue: true, daysLeft: -2 });
    await service.caller.property.reportRectified({ caseId: a.id, version: await versionOf(service.caller, a.id), note: "客户已整改" });
    expect((await quality.caller.property.list({ overdue: true })).rows.some((r) => r.id === a.id)).toBe(false);
    const c = await quality.caller.property.get({ id: a.id });
    expect(c.case.status).toBe("rectified");
    expect(c.letters[0]).toMatchObject({ rectifiedBy: "Test customer_service", rectifiedNote: "客户已整改", overdue: false, daysLeft: null });
    expect(c.letters[0]!.rectifiedAt).toBeInstanceOf(Date);
    const [audit] = await auditNamed(t.db, a.id, "property.rectificationReported");
    expect(audit!.payload).toMatchObject({ letterCode: c.letters[0]!.code });
  });
});

describe("property.openService and cancel", () => {
  it("customer service opens the service after a pass (no work order); only customer service", async () => {
    const a = await pbxAt("passed");
    const version = await versionOf(service.caller, a.id);
    await expectAppError(techHead.caller.property.openService({ caseId: a.id, version, note: "" }), "forbidden");
    await expectAppError(quality.caller.property.openService({ caseId: a.id, version, note: "" }), "forbidden");
    expect(await service.caller.property.openService({ caseId: a.id, version, note: "已开通" })).toEqual({ status: "connected", version: version + 1 });
    const row = await caseRow(t.db, a.id);
    expect(row.connectedAt).toBeInstanceOf(Date);
    expect(row.connectedOrderId).toBeNull();
    expect((await auditNamed(t.db, a.id, "property.connected"))[0]!.payload).toMatchObject({ workOrderCode: null });
  });

  it("works: Technology Development's acceptance passed, customer service opens the service", async () => {
    const w = await worksCase(t.db, service.id);
    await schedule(techHead, w.id, [techHead.id]);
    await inspect(techHead, quality.caller, w.id, { signers: [techHead.id] });
    expect((await caseRow(t.db, w.id)).status).toBe("passed");
    await service.caller.property.openService({ caseId: w.id, version: await versionOf(service.caller, w.id), note: "" });
    expect((await caseRow(t.db, w.id)).status).toBe("connected");
  });

  it("cancel: from an open state with the reason, a scheduled round with it; never from connected", async () => {
    const a = await pbxAt("scheduled");
    const { shape } = await catchError(service.caller.property.cancel({ caseId: a.id, version: 2, reason: "" }));
    expect(shape.data.fieldErrors).toMatchObject({ reason: "validation.required" });
    expect(await service.caller.property.cancel({ caseId: a.id, version: 2, reason: "客户撤回申请" })).toEqual({ status: "cancelled", version: 3 });
    expect((await caseRow(t.db, a.id)).cancelReason).toBe("客户撤回申请");
    const rounds = await t.db.select().from(propertyRounds).where(eq(propertyRounds.caseId, a.id));
    expect(rounds.map((r) => r.status)).toEqual(["cancelled"]);
    const b = await pbxAt("connected");
    await expectAppError(service.caller.property.cancel({ caseId: b.id, version: await versionOf(service.caller, b.id), reason: "x" }), "invalid_transition");
  });
});

describe("every office step × case status × role", () => {
  const STATUSES: TCaseStatus[] = ["recorded", "scheduled", "failed", "rectifying", "rectified", "passed", "connected", "cancelled"];
  const who = () => ({ service, techHead, quality });

  /** The step's call with the case's current version (a valid input otherwise). */
  function call(p: TPropertyPerson, step: string, caseId: string, version: number): Promise<unknown> {
    const base = { caseId, version, note: "" };
    switch (step) {
      case "schedule":
        return p.caller.property.schedule({
          ...base,
          scheduledFor: inDays(1),
          inspectorIds: [lineman.id],
          departments: ["terminal_service"],
          extraItemIds: [],
        });
      case "cancelRound":
        return p.caller.property.cancelRound(base);
      case "issueLetter":
        return p.caller.property.issueLetter({ ...base, deadline: inDays(30) });
      case "reportRectified":
        return p.caller.property.reportRectified(base);
      case "connect":
        return p.caller.property.openService(base);
      default:
        return p.caller.property.cancel({ caseId, version, reason: "测试" });
    }
  }

  for (const status of STATUSES) {
    it(`a PBX case ${status}: each role's outcome is the domain's decision, and a success moves the case`, async () => {
      let a = await pbxAt(status);
      for (const step of ["schedule", "cancelRound", "issueLetter", "reportRectified", "connect", "cancel"] as const) {
        for (const [name, p] of Object.entries(who())) {
          const version = await versionOf(service.caller, a.id);
          const decision = caseStepDecision(step, { kind: "pbx", status, documents: [] }, { id: p.id, role: p.role, department: p.department });
          const expected = decision.ok ? "ok" : decision.code === "not_allowed" ? "forbidden" : decision.code;
          let outcome = "ok";
          try {
            await call(p, step, a.id, version);
          } catch (err) {
            outcome = errorShape(err).data.appCode;
          }
          expect(outcome, `${step} by ${name} on ${status}`).toBe(expected);
          expect((await caseRow(t.db, a.id)).version, `${step} by ${name}`).toBe(outcome === "ok" ? version + 1 : version);
          // a success moved this case on: the next call gets a fresh one in `status`
          if (outcome === "ok") a = await pbxAt(status);
        }
      }
    });
  }
});
