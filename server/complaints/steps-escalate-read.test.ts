/** Complaints steps: escalation and review, and who reads a form (complaints.get). steps.test.ts has the handling. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { auditOf, escalationsOf, eventsOf, formById, noticesOf, person, recordedForm, type TPerson } from "./steps.fixtures";

let t: TestDb;
let cs: TPerson, quality: TPerson, gm: TPerson, headTs: TPerson, opsTs: TPerson, headFin: TPerson, lineman: TPerson, keeperTs: TPerson;

beforeAll(async () => {
  t = await createTestDb();
  cs = await person(t.db, "customer_service", "customer_service");
  quality = await person(t.db, "quality", "enterprise_management");
  gm = await person(t.db, "general_manager", "enterprise_management");
  headTs = await person(t.db, "department_head", "terminal_service");
  opsTs = await person(t.db, "operations", "terminal_service");
  headFin = await person(t.db, "department_head", "finance");
  lineman = await person(t.db, "lineman", "terminal_service");
  keeperTs = await person(t.db, "warehouse_keeper", "terminal_service");
});
afterAll(async () => {
  await t?.close();
});

const classifyTo = (
  id: string,
  version: number,
  o: Partial<{ severity: "normal" | "serious"; department: "terminal_service" | "finance"; keyCustomerId: string | null }> = {},
) =>
  cs.caller.complaints.classify({
    complaintId: id,
    version,
    category: "fault_repair",
    severity: o.severity ?? "normal",
    department: o.department ?? "terminal_service",
    keyCustomerId: o.keyCustomerId ?? null,
  });

/** A form recorded by the lineman and classified to terminal service (version 2). */
async function classified(o: Parameters<typeof recordedForm>[2] = {}) {
  const f = await recordedForm(t.db, lineman.id, o);
  await classifyTo(f.id, 1);
  return formById(t.db, f.id);
}

describe("escalation and review", () => {
  it("the department escalates to enterprise management; only quality escalates to the general manager, who is told", async () => {
    const f = await classified();
    let v = (await headTs.caller.complaints.escalate({ complaintId: f.id, version: f.version, level: "quality", reason: "客户扬言投诉到工信部" })).version;
    expect(await formById(t.db, f.id)).toMatchObject({ escalation: "quality", status: "classified" });
    expect((await noticesOf(t.db, quality.id)).some((n) => n.kind === "complaint.escalated" && n.href.endsWith(f.id))).toBe(true);
    for (const p of [headTs, cs]) {
      await expectAppError(p.caller.complaints.escalate({ complaintId: f.id, version: v, level: "general_manager", reason: "需要总经理决定" }), "forbidden");
    }
    v = (await quality.caller.complaints.escalate({ complaintId: f.id, version: v, level: "general_manager", reason: "需要总经理决定" })).version;
    expect(await formById(t.db, f.id)).toMatchObject({ escalation: "general_manager" });
    expect(await escalationsOf(t.db, f.id)).toMatchObject([
      { level: "quality", cause: "decision", actorId: headTs.id, reason: "客户扬言投诉到工信部" },
      { level: "general_manager", cause: "decision", actorId: quality.id },
    ]);
    expect((await noticesOf(t.db, gm.id)).filter((n) => n.kind === "complaint.escalatedToManager" && n.href.endsWith(f.id))).toHaveLength(1);
    expect((await auditOf(t.db, f.id)).filter((a) => a.name === "complaint.escalated")).toHaveLength(2);

    // quality escalating again to quality does not lower the level
    v = (await quality.caller.complaints.escalate({ complaintId: f.id, version: v, level: "quality", reason: "再次升级" })).version;
    expect((await formById(t.db, f.id)).escalation).toBe("general_manager");

    // reviews: each at their own level
    await expectAppError(quality.caller.complaints.review({ complaintId: f.id, version: v, level: "general_manager", note: "同意" }), "forbidden");
    await expectAppError(gm.caller.complaints.review({ complaintId: f.id, version: v, level: "quality", note: "同意" }), "forbidden");
    expect(await gm.caller.complaints.review({ complaintId: f.id, version: v, level: "general_manager", note: "同意赔偿一个月月租" })).toMatchObject({
      version: v + 1,
    });
    expect((await eventsOf(t.db, f.id)).at(-1)).toMatchObject({
      action: "reviewed",
      actorId: gm.id,
      note: "同意赔偿一个月月租",
      data: { level: "general_manager" },
    });

    // the general manager's list shows it, reviewed
    expect((await gm.caller.complaints.escalated()).find((r) => r.id === f.id)).toMatchObject({ level: "general_manager", reviewed: true });
    expect((await quality.caller.complaints.escalated()).find((r) => r.id === f.id)).toMatchObject({ level: "quality", reviewed: false });
  });

  it("a review needs an escalation at that level", async () => {
    const f = await classified();
    await expectAppError(quality.caller.complaints.review({ complaintId: f.id, version: f.version, level: "quality", note: "看过" }), "invalid_transition");
  });
});

describe("complaints.get", () => {
  it("the form with its timeline, names and what the viewer may do now", async () => {
    const f = await classified();
    const asHead = await headTs.caller.complaints.get({ id: f.id });
    expect(asHead).toMatchObject({
      id: f.id,
      code: f.code,
      status: "classified",
      recordedByName: "Test lineman",
      categoryName: { zh: "故障修复", en: "Fault repair" },
    });
    expect(asHead.timeline).toMatchObject([{ action: "classified", actorName: "Test customer_service" }]);
    expect(asHead.can).toMatchObject({ accept: true, classify: false, close: false, escalate: true, review: false });
    expect(asHead.escalateTo).toEqual(["quality"]);
    expect(asHead.deadline.state).not.toBe("done");
    const asDesk = await cs.caller.complaints.get({ id: f.id });
    expect(asDesk.can).toMatchObject({ classify: true, accept: true });
    const asQuality = await quality.caller.complaints.get({ id: f.id });
    expect(asQuality.can).toMatchObject({ classify: false, accept: false, escalate: true });
    expect(asQuality.escalateTo).toEqual(["quality", "general_manager"]);
  });

  it("another department's head does not find it; the lineman who recorded it reads it, another lineman does not", async () => {
    const f = await classified();
    await expectAppError(headFin.caller.complaints.get({ id: f.id }), "not_found");
    expect((await lineman.caller.complaints.get({ id: f.id })).can).toMatchObject({ accept: false, classify: false });
    const other = await person(t.db, "lineman", "finance");
    await expectAppError(other.caller.complaints.get({ id: f.id }), "not_found");
  });

  it("field staff of the form's own department do not read it (only what they recorded); the general manager reads every form", async () => {
    const f = await classified({ departmentsConcerned: ["terminal_service"] });
    const colleague = await person(t.db, "lineman", "terminal_service");
    await expectAppError(colleague.caller.complaints.get({ id: f.id }), "not_found");
    await expectAppError(keeperTs.caller.complaints.get({ id: f.id }), "not_found");
    expect(await lineman.caller.complaints.get({ id: f.id })).toMatchObject({ id: f.id });
    expect(await opsTs.caller.complaints.get({ id: f.id })).toMatchObject({ id: f.id });
    expect(await gm.caller.complaints.get({ id: f.id })).toMatchObject({ id: f.id });
  });
});
