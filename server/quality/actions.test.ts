import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, correctiveActions, correctiveActionSteps, nonconformities, notices } from "@/db/schema";
import { canonicalJson, sha256Hex } from "@/domain/evidence/canonical";
import { addDays } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { person, sentAction, type TPerson } from "./actions.fixtures";

let t: TestDb;
let quality: TPerson, head: TPerson, owner: TPerson, otherHead: TPerson, lineman: TPerson, gm: TPerson;
const today = operatorToday();

beforeAll(async () => {
  t = await createTestDb();
  quality = await person(t.db, "quality", "enterprise_management");
  head = await person(t.db, "department_head", "terminal_service");
  owner = await person(t.db, "lineman", "terminal_service");
  otherHead = await person(t.db, "department_head", "operations");
  lineman = await person(t.db, "lineman", "operations");
  gm = await person(t.db, "general_manager", "enterprise_management");
});
afterAll(async () => {
  await t?.close();
});

const noticeUsers = async (key: string) =>
  (await t.db.select({ userId: notices.userId }).from(notices).where(eq(notices.key, key))).map((n) => n.userId).sort();
const plan = (actionId: string, version: number, over: Record<string, unknown> = {}) => ({
  actionId,
  version,
  sign: true as const,
  causeAnalysis: "New installers were not shown the tagging step",
  causeCategory: "man" as const,
  correction: "Tagged the 12 ONUs found",
  correctiveAction: "Tagging added to the installers' induction",
  preventiveAction: "Monthly sample of installs by the head",
  ownerId: owner.id,
  dueOn: addDays(today, 10),
  ...over,
});

describe("openCorrectiveAction (quality sends the record)", () => {
  it("numbers the record, signs the sent step (content hash), links the nonconformity, audits and tells the department's heads", async () => {
    const a = await sentAction(t.db, quality, { department: "terminal_service", requiredBy: addDays(today, 7) });
    expect(a.code).toMatch(/^CA-\d{4}-0001$/);
    const [row] = await t.db.select().from(correctiveActions).where(eq(correctiveActions.id, a.id));
    expect(row).toMatchObject({ status: "sent", round: 1, department: "terminal_service", requiredBy: addDays(today, 7), version: 1 });
    const [nc] = await t.db.select().from(nonconformities).where(eq(nonconformities.id, a.ncId));
    expect(nc!.actionId).toBe(a.id);
    const steps = await t.db.select().from(correctiveActionSteps).where(eq(correctiveActionSteps.actionId, a.id));
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ step: "sent", round: 1, byUserId: quality.id, byName: quality.displayName });
    expect(steps[0]!.contentSha256).toBe(sha256Hex(canonicalJson(steps[0]!.content)));
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.name, "correctiveAction.step"), eq(auditEvents.subjectId, a.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.payload).toMatchObject({ code: a.code, ncCode: a.ncCode, step: "sent", round: 1, contentSha256: steps[0]!.contentSha256 });
    expect(await noticeUsers(`quality.actionSent:${a.id}:1`)).toEqual([head.id]);
  });
});

describe("the record's steps (plan, implement, verify): signed, compared, allowed by the record", () => {
  let a: Awaited<ReturnType<typeof sentAction>>;
  beforeAll(async () => {
    a = await sentAction(t.db, quality, { department: "terminal_service", requiredBy: addDays(today, 7) });
  });

  it("only the department's head plans; another head, a lineman of the department, quality are refused", async () => {
    // another department's head may not even see it
    await expectAppError(otherHead.caller.actions.plan(plan(a.id, 1)), "not_found");
    await expectAppError(owner.caller.actions.plan(plan(a.id, 1)), "forbidden");
    await expectAppError(quality.caller.actions.plan(plan(a.id, 1)), "forbidden");
    await expectAppError(head.caller.actions.plan(plan(a.id, 2)), "conflict");
    // an owner who is not an active user, a date already past
    const shape = await expectAppError(head.caller.actions.plan(plan(a.id, 1, { dueOn: addDays(today, -1) })), "bad_input");
    expect(shape.data.fieldErrors).toMatchObject({ dueOn: "quality.validation.dueOnPast" });
  });

  it("the head plans: the record is planned, the cause category reaches the nonconformity, quality is told", async () => {
    const r = await head.caller.actions.plan(plan(a.id, 1));
    expect(r).toEqual({ id: a.id, version: 2, status: "planned", round: 1 });
    const [row] = await t.db.select().from(correctiveActions).where(eq(correctiveActions.id, a.id));
    expect(row).toMatchObject({ ownerId: owner.id, actionDueOn: addDays(today, 10), causeCategory: "man" });
    const [nc] = await t.db.select().from(nonconformities).where(eq(nonconformities.id, a.ncId));
    expect(nc!.causeCategory).toBe("man");
    expect(await noticeUsers(`quality.actionPlanned:${a.id}:1`)).toEqual([quality.id]);
    await expectAppError(head.caller.actions.plan(plan(a.id, 2)), "invalid_transition");
  });

  it("the owner (a lineman) reads it and reports it implemented; quality is told", async () => {
    const got = await owner.caller.actions.get({ id: a.id });
    expect(got.can).toEqual({ plan: false, implement: true, verify: false });
    await expectAppError(lineman.caller.actions.implement({ actionId: a.id, version: 2, sign: true, note: "done" }), "not_found");
    const r = await owner.caller.actions.implement({ actionId: a.id, version: 2, sign: true, note: "Induction updated; 12 ONUs tagged" });
    expect(r.status).toBe("implemented");
    expect(await noticeUsers(`quality.actionImplemented:${a.id}:1`)).toEqual([quality.id]);
    await expectAppError(quality.caller.actions.verify({ actionId: a.id, version: 2, sign: true, effective: true, note: "x" }), "conflict");
  });

  it("quality verifies not effective: a new round back to the head with a new date; the head is told", async () => {
    await expectAppError(quality.caller.actions.verify({ actionId: a.id, version: 3, sign: true, effective: false, note: "Still untagged ONUs" }), "bad_input");
    const r = await quality.caller.actions.verify({
      actionId: a.id,
      version: 3,
      sign: true,
      effective: false,
      note: "Two ONUs installed last week still untagged",
      requiredBy: addDays(today, 5),
    });
    expect(r).toEqual({ id: a.id, version: 4, status: "sent", round: 2 });
    const [row] = await t.db.select().from(correctiveActions).where(eq(correctiveActions.id, a.id));
    expect(row).toMatchObject({ requiredBy: addDays(today, 5), round: 2, implementedOn: null });
    expect(await noticeUsers(`quality.actionReopened:${a.id}:2`)).toEqual([head.id]);
  });

  it("round 2 planned, implemented by the head, verified effective: closed, the nonconformity closed, every step kept", async () => {
    await head.caller.actions.plan(plan(a.id, 4, { causeCategory: "method" }));
    await head.caller.actions.implement({ actionId: a.id, version: 5, sign: true, note: "Checklist card on every van" });
    const r = await quality.caller.actions.verify({ actionId: a.id, version: 6, sign: true, effective: true, note: "Sample of 10 installs: all tagged" });
    expect(r).toEqual({ id: a.id, version: 7, status: "closed", round: 2 });
    const [nc] = await t.db.select().from(nonconformities).where(eq(nonconformities.id, a.ncId));
    expect(nc).toMatchObject({ status: "closed", causeCategory: "method" });
    expect(nc!.closedAt).toBeInstanceOf(Date);
    const ncClosed = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.name, "nonconformity.closed"), eq(auditEvents.subjectId, a.ncId)));
    expect(ncClosed.map((e) => [e.actorId, e.payload])).toEqual([[quality.id, { code: a.ncCode, reason: `${a.code}: Sample of 10 installs: all tagged` }]]);

    const got = await gm.caller.actions.get({ id: a.id });
    expect(got.steps.map((s) => [s.round, s.step])).toEqual([
      [1, "sent"],
      [1, "planned"],
      [1, "implemented"],
      [1, "verified_ineffective"],
      [2, "planned"],
      [2, "implemented"],
      [2, "verified_effective"],
    ]);
    expect(got.steps.map((s) => s.byName)).toEqual([
      quality.displayName,
      head.displayName,
      owner.displayName,
      quality.displayName,
      head.displayName,
      head.displayName,
      quality.displayName,
    ]);
    for (const s of got.steps) expect(s.contentSha256).toBe(sha256Hex(canonicalJson(s.content)));
    expect(got).toMatchObject({ status: "closed", due: null, overdue: false, can: { plan: false, implement: false, verify: false } });
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.name, "correctiveAction.step"), eq(auditEvents.subjectId, a.id)));
    expect(audit).toHaveLength(7);
  });
});

describe("reading the records", () => {
  let late: Awaited<ReturnType<typeof sentAction>>;
  let ops: Awaited<ReturnType<typeof sentAction>>;
  beforeAll(async () => {
    late = await sentAction(t.db, quality, { department: "terminal_service", requiredBy: addDays(today, -2), at: new Date(Date.now() - 5 * 86_400_000) });
    ops = await sentAction(t.db, quality, { department: "operations", requiredBy: addDays(today, 3) });
  });

  it("quality and the general manager list all; a head their department's; a lineman only those they own", async () => {
    const all = await quality.caller.actions.list({});
    expect(all.rows.map((r) => r.id)).toEqual(expect.arrayContaining([late.id, ops.id]));
    expect((await gm.caller.actions.list({})).total).toBe(all.total);
    const mine = await head.caller.actions.list({});
    expect(mine.rows.every((r) => r.department === "terminal_service")).toBe(true);
    expect(mine.rows.map((r) => r.id)).not.toContain(ops.id);
    expect((await otherHead.caller.actions.list({})).rows.map((r) => r.id)).toEqual([ops.id]);
    // the closed record above was owned by `owner`
    expect((await owner.caller.actions.list({})).rows.map((r) => r.status)).toEqual(["closed"]);
    expect((await lineman.caller.actions.list({})).rows).toEqual([]);
    await expectAppError(otherHead.caller.actions.get({ id: late.id }), "not_found");
  });

  it("the due step and overdue on the operator's today, filtered by overdue only", async () => {
    const overdue = await quality.caller.actions.list({ overdueOnly: true });
    expect(overdue.rows.map((r) => r.id)).toEqual([late.id]);
    expect(overdue.rows[0]).toMatchObject({ due: { step: "plan", dueOn: addDays(today, -2) }, overdue: true, ncCode: late.ncCode, ageDays: 5 });
    expect(overdue.total).toBe(1);
    const sent = await quality.caller.actions.list({ status: "sent", department: "operations" });
    expect(sent.rows.map((r) => r.id)).toEqual([ops.id]);
  });

  it("the head's home: open records of the department, by due day; none closed", async () => {
    const { rows } = await head.caller.actions.mine();
    // the late one first, then the one sent in the first test (due in 7 days); not the closed one
    expect(rows.map((r) => r.id)[0]).toBe(late.id);
    expect(rows.map((r) => [r.department, r.status, r.overdue])).toEqual([
      ["terminal_service", "sent", true],
      ["terminal_service", "sent", false],
    ]);
    expect((await otherHead.caller.actions.mine()).rows.map((r) => r.id)).toEqual([ops.id]);
    expect((await owner.caller.actions.mine()).rows).toEqual([]);
  });
});
