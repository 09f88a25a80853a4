import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaints, evidenceFiles, keyCustomers } from "@/db/schema";
import { DEFAULT_POLICY, deadlineFrom } from "@/domain/complaints/deadlines";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { advanceClock, resetClock } from "@/server/clock";
import { expectAppError } from "@/tests/helpers/errors";
import { escalateOverdue } from "./jobs";
import { currentPolicy } from "./policy";
import { auditOf, escalationsOf, eventsOf, formById, noticesOf, person, PNG_1X1, recordedForm, type TPerson } from "./steps.fixtures";

let t: TestDb;
let cs: TPerson, quality: TPerson, gm: TPerson, headTs: TPerson, opsTs: TPerson, headFin: TPerson, lineman: TPerson, keeperTs: TPerson, admin: TPerson;

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
  admin = await person(t.db, "admin", "customer_service");
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

/** Moves a classified form to resolved with a result, as terminal service's head. */
async function resolved(o: Parameters<typeof recordedForm>[2] = {}) {
  const f = await classified(o);
  let v = (await headTs.caller.complaints.accept({ complaintId: f.id, version: f.version, note: "" })).version;
  v = (await headTs.caller.complaints.resolve({ complaintId: f.id, version: v, result: "更换了入户光猫，线路已恢复" })).version;
  return { ...(await formById(t.db, f.id)), version: v };
}

describe("classify", () => {
  it("customer service sets category, severity, department and deadline; the department's handlers are told", async () => {
    const f = await recordedForm(t.db, lineman.id);
    const out = await classifyTo(f.id, 1);
    expect(out).toEqual({ id: f.id, version: 2, status: "classified" });
    const after = await formById(t.db, f.id);
    const policy = await currentPolicy(t.db);
    expect(after).toMatchObject({ category: "fault_repair", severity: "normal", department: "terminal_service", keyCustomerId: null, escalation: null });
    // the tier is the one recorded (no key customer): the deadline the record was given stays
    expect(after.dueAt).toEqual(f.dueAt);
    expect(after.policyVersion).toBe(policy.version);
    expect(await eventsOf(t.db, f.id)).toMatchObject([
      { action: "classified", fromStatus: "recorded", toStatus: "classified", actorId: cs.id, versionAfter: 2 },
    ]);
    const audit = await auditOf(t.db, f.id);
    expect(audit).toMatchObject([
      { name: "complaint.step", payload: { code: f.code, action: "classified", from: "recorded", to: "classified", versionAfter: 2 } },
    ]);
    const told = async (p: TPerson) => (await noticesOf(t.db, p.id)).some((n) => n.kind === "complaint.assigned" && n.href === `/complaints/desk/${f.id}`);
    expect(await told(headTs)).toBe(true);
    expect(await told(opsTs)).toBe(true);
    expect(await told(lineman)).toBe(false);
    expect(await told(keeperTs)).toBe(false);
    expect(await told(headFin)).toBe(false);
  });

  it("with a key customer, the deadline comes from the key tier of the policy in force", async () => {
    const [kc] = await t.db
      .insert(keyCustomers)
      .values({ name: "市政府办公厅", category: "government", contacts: [{ name: "李主任", phone: "0571-8700 0001" }], phoneDigits: ["057187000001"] })
      .returning();
    const f = await recordedForm(t.db, lineman.id);
    await classifyTo(f.id, 1, { keyCustomerId: kc!.id });
    const after = await formById(t.db, f.id);
    expect(after.keyCustomerId).toBe(kc!.id);
    expect(after.dueAt).toEqual(deadlineFrom(f.receivedAt, (await currentPolicy(t.db)).limits.key.complaint));
    // cleared again: the standard tier
    await classifyTo(f.id, 2, { keyCustomerId: null });
    expect((await formById(t.db, f.id)).dueAt).toEqual(deadlineFrom(f.receivedAt, DEFAULT_POLICY.standard.complaint));
  });

  it("a department or category change keeps the deadline; only a change of tier moves it", async () => {
    const [kc] = await t.db
      .insert(keyCustomers)
      .values({ name: "市税务局", category: "government", contacts: [{ name: "赵科长", phone: "0571-8700 0002" }], phoneDigits: ["057187000002"] })
      .returning();
    const f = await recordedForm(t.db, lineman.id, { receivedAt: new Date(Date.now() - 3_600_000) });
    await classifyTo(f.id, 1);
    await cs.caller.complaints.classify({ complaintId: f.id, version: 2, category: "billing", severity: "normal", department: "finance", keyCustomerId: null });
    expect(await formById(t.db, f.id)).toMatchObject({ department: "finance", category: "billing", dueAt: f.dueAt, policyVersion: f.policyVersion });
    await classifyTo(f.id, 3, { keyCustomerId: kc!.id });
    const key = deadlineFrom(f.receivedAt, DEFAULT_POLICY.key.complaint);
    expect((await formById(t.db, f.id)).dueAt).toEqual(key);
    // another key customer: the same tier, the same deadline
    const [kc2] = await t.db
      .insert(keyCustomers)
      .values({ name: "市公安局", category: "government", contacts: [{ name: "钱科长", phone: "0571-8700 0003" }], phoneDigits: ["057187000003"] })
      .returning();
    await classifyTo(f.id, 4, { keyCustomerId: kc2!.id, department: "finance" });
    expect((await formById(t.db, f.id)).dueAt).toEqual(key);
  });

  it("a key customer's service request is not classified without its key customer (not_allowed), writing nothing", async () => {
    const [kc] = await t.db
      .insert(keyCustomers)
      .values({ name: "市人民医院", category: "hospital", contacts: [{ name: "孙主任", phone: "0571-8700 0004" }], phoneDigits: ["057187000004"] })
      .returning();
    const f = await recordedForm(t.db, cs.id, {
      kind: "service_request",
      serviceType: "repair",
      keyCustomerId: kc!.id,
      status: "classified",
      department: "terminal_service",
    });
    const shape = await expectAppError(classifyTo(f.id, 1, { keyCustomerId: null }), "rule_violation");
    expect(shape.data.details).toMatchObject({ rule: "not_allowed" });
    expect(await formById(t.db, f.id)).toMatchObject({ keyCustomerId: kc!.id, version: 1, dueAt: f.dueAt });
  });

  it("a serious one goes at once to enterprise management: escalation row, event, audit and a notice to quality", async () => {
    const f = await recordedForm(t.db, lineman.id);
    await classifyTo(f.id, 1, { severity: "serious" });
    expect(await formById(t.db, f.id)).toMatchObject({ severity: "serious", escalation: "quality" });
    expect(await escalationsOf(t.db, f.id)).toMatchObject([{ level: "quality", cause: "serious", actorId: cs.id }]);
    expect((await eventsOf(t.db, f.id)).map((e) => e.action)).toEqual(["classified", "escalated"]);
    expect((await auditOf(t.db, f.id)).map((a) => a.name)).toEqual(["complaint.step", "complaint.escalated"]);
    expect((await noticesOf(t.db, quality.id)).filter((n) => n.kind === "complaint.escalated" && n.href.endsWith(f.id))).toHaveLength(1);
    // classified again as serious: not escalated twice
    await classifyTo(f.id, 2, { severity: "serious" });
    expect(await escalationsOf(t.db, f.id)).toHaveLength(1);
  });

  it("only customer service (and admins) classify", async () => {
    const f = await recordedForm(t.db, lineman.id);
    for (const p of [quality, headTs, gm, lineman]) {
      await expectAppError(
        p.caller.complaints.classify({ complaintId: f.id, version: 1, category: "billing", severity: "normal", department: "finance", keyCustomerId: null }),
        "forbidden",
      );
    }
    expect(
      await admin.caller.complaints.classify({
        complaintId: f.id,
        version: 1,
        category: "billing",
        severity: "normal",
        department: "finance",
        keyCustomerId: null,
      }),
    ).toMatchObject({
      status: "classified",
    });
  });

  it("refuses an unknown category as a field error, writing nothing", async () => {
    const f = await recordedForm(t.db, lineman.id);
    const shape = await expectAppError(
      cs.caller.complaints.classify({
        complaintId: f.id,
        version: 1,
        category: "no_such_thing",
        severity: "normal",
        department: "finance",
        keyCustomerId: null,
      }),
      "bad_input",
    );
    expect(shape.data.fieldErrors).toEqual({ category: "validation.required" });
    expect(await formById(t.db, f.id)).toMatchObject({ status: "recorded", version: 1 });
  });
});

describe("the server's clock", () => {
  it("a step is stamped by the server's clock (moved forward under the test clock), as the desk and the sweep read it", async () => {
    const f = await classified();
    advanceClock(3 * 86_400_000);
    try {
      await headTs.caller.complaints.accept({ complaintId: f.id, version: f.version, note: "" });
    } finally {
      resetClock();
    }
    const accepted = (await eventsOf(t.db, f.id)).at(-1)!;
    expect(accepted.action).toBe("accepted");
    expect(accepted.at.getTime()).toBeGreaterThan(Date.now() + 2 * 86_400_000);
    expect((await formById(t.db, f.id)).updatedAt).toEqual(accepted.at);
  });
});

describe("who handles", () => {
  it("the responsible department's people and customer service; not another department, not quality, not linemen", async () => {
    const f = await classified();
    for (const p of [headFin, quality, gm]) await expectAppError(p.caller.complaints.accept({ complaintId: f.id, version: f.version, note: "" }), "forbidden");
    for (const p of [lineman, keeperTs]) await expectAppError(p.caller.complaints.accept({ complaintId: f.id, version: f.version, note: "" }), "forbidden");
    expect(await opsTs.caller.complaints.accept({ complaintId: f.id, version: f.version, note: "已受理" })).toMatchObject({ status: "accepted", version: 3 });
    expect(await cs.caller.complaints.investigate({ complaintId: f.id, version: 3, note: "查看了线路" })).toMatchObject({
      status: "investigating",
      version: 4,
    });
    expect(await formById(t.db, f.id)).toMatchObject({ status: "investigating", version: 4 });
  });

  it("a stale version is a conflict with the current state; a step the status does not allow is invalid_transition", async () => {
    const f = await classified();
    const shape = await expectAppError(headTs.caller.complaints.accept({ complaintId: f.id, version: 1, note: "" }), "conflict");
    expect(shape.data.details).toMatchObject({ status: "classified", version: 2 });
    await expectAppError(headTs.caller.complaints.close({ complaintId: f.id, version: 2, note: "" }), "invalid_transition");
    await expectAppError(headTs.caller.complaints.reply({ complaintId: f.id, version: 2, method: "phone", at: new Date(), note: "" }), "invalid_transition");
    expect(await formById(t.db, f.id)).toMatchObject({ status: "classified", version: 2 });
  });
});

describe("reply and close", () => {
  it("the whole way: result, told by phone, closed; every step in the timeline and the audit chain", async () => {
    const f = await resolved();
    const at = new Date();
    let v = (await headTs.caller.complaints.reply({ complaintId: f.id, version: f.version, method: "phone", at, note: "客户表示满意" })).version;
    v = (await cs.caller.complaints.close({ complaintId: f.id, version: v, note: "" })).version;
    const after = await formById(t.db, f.id);
    expect(after).toMatchObject({ status: "closed", replyMethod: "phone", repliedAt: at, result: "更换了入户光猫，线路已恢复", version: v });
    expect(after.closedAt).not.toBeNull();
    expect((await eventsOf(t.db, f.id)).map((e) => e.action)).toEqual(["classified", "accepted", "resolved", "replied", "closed"]);
    expect((await auditOf(t.db, f.id)).map((a) => (a.payload as { action: string }).action)).toEqual([
      "classified",
      "accepted",
      "resolved",
      "replied",
      "closed",
    ]);
    // callback after closing, reopen
    v = (await cs.caller.complaints.callback({ complaintId: f.id, version: v, satisfaction: 4, note: "" })).version;
    expect(await formById(t.db, f.id)).toMatchObject({ satisfaction: 4, status: "closed" });
    expect(await cs.caller.complaints.reopen({ complaintId: f.id, version: v, reason: "客户来电说又断了" })).toMatchObject({ status: "investigating" });
    expect((await formById(t.db, f.id)).closedAt).toBeNull();
  });

  it("a reopen owes a new answer: reply and letter cleared, a new deadline from the reopening; the sweep waits for it", async () => {
    // a 180 complaint received two days ago, its first deadline long passed
    const f = await resolved({ channel: "centre_180", centreRef: "180-2026-0077", receivedAt: new Date(Date.now() - 2 * 86_400_000) });
    let v = (await headTs.caller.complaints.letter({ complaintId: f.id, version: f.version, process: "更换光猫", result: "已恢复" })).version;
    v = (await headTs.caller.complaints.reply({ complaintId: f.id, version: v, method: "letter", at: new Date(), note: "" })).version;
    v = (await cs.caller.complaints.close({ complaintId: f.id, version: v, note: "" })).version;
    await cs.caller.complaints.reopen({ complaintId: f.id, version: v, reason: "客户来电说又断了" });
    const after = await formById(t.db, f.id);
    const reopened = (await eventsOf(t.db, f.id)).at(-1)!;
    expect(reopened.action).toBe("reopened");
    const policy = await currentPolicy(t.db);
    expect(after).toMatchObject({
      status: "investigating",
      closedAt: null,
      repliedAt: null,
      replyMethod: null,
      letterProcess: null,
      letterResult: null,
      letterAt: null,
      dueAt: deadlineFrom(reopened.at, policy.limits.standard.complaint),
      policyVersion: policy.version,
    });
    expect(after.dueAt.getTime()).toBeGreaterThan(reopened.at.getTime());
    // the history stays: the first reply and letter are in the timeline
    expect((await eventsOf(t.db, f.id)).map((e) => e.action)).toEqual(expect.arrayContaining(["letter_written", "replied", "closed", "reopened"]));

    // not overdue: the sweep leaves it until the new deadline passes
    await escalateOverdue(t.db, new Date(reopened.at.getTime() + 60_000));
    expect((await escalationsOf(t.db, f.id)).filter((e) => e.cause === "deadline_passed")).toEqual([]);
    await escalateOverdue(t.db, new Date(after.dueAt.getTime() + 60_000));
    expect((await escalationsOf(t.db, f.id)).filter((e) => e.cause === "deadline_passed")).toMatchObject([{ dueAt: after.dueAt }]);
    v = (await formById(t.db, f.id)).version;

    // closing again needs a new result told to the customer, and for the 180 centre a new letter
    v = (await headTs.caller.complaints.resolve({ complaintId: f.id, version: v, result: "更换了分光器" })).version;
    const refused = await expectAppError(
      headTs.caller.complaints.reply({ complaintId: f.id, version: v, method: "letter", at: new Date(), note: "" }),
      "rule_violation",
    );
    expect(refused.data.details).toMatchObject({ rule: "letter_required" });
    v = (await headTs.caller.complaints.letter({ complaintId: f.id, version: v, process: "更换分光器", result: "已恢复" })).version;
    v = (await headTs.caller.complaints.reply({ complaintId: f.id, version: v, method: "letter", at: new Date(), note: "" })).version;
    expect(await cs.caller.complaints.close({ complaintId: f.id, version: v, note: "" })).toMatchObject({ status: "closed" });
  });

  it("a form reopened from replied cannot be closed on its old reply (reply_required)", async () => {
    const f = await resolved();
    let v = (await headTs.caller.complaints.reply({ complaintId: f.id, version: f.version, method: "phone", at: new Date(), note: "" })).version;
    v = (await cs.caller.complaints.reopen({ complaintId: f.id, version: v, reason: "客户不认可" })).version;
    expect(await formById(t.db, f.id)).toMatchObject({ status: "investigating", repliedAt: null, replyMethod: null });
    // even forced back to replied, nothing on record lets it close
    await t.db.update(complaints).set({ status: "replied" }).where(eq(complaints.id, f.id));
    const shape = await expectAppError(cs.caller.complaints.close({ complaintId: f.id, version: v, note: "" }), "rule_violation");
    expect(shape.data.details).toMatchObject({ rule: "reply_required" });
  });

  it("the time the customer was told is not in the future, nor before they asked", async () => {
    const f = await resolved({ receivedAt: new Date(Date.now() - 3_600_000) });
    for (const at of [new Date(Date.now() + 3_600_000), new Date(Date.now() - 2 * 3_600_000)]) {
      const shape = await expectAppError(headTs.caller.complaints.reply({ complaintId: f.id, version: f.version, method: "sms", at, note: "" }), "bad_input");
      expect(shape.data.fieldErrors).toEqual({ at: "complaints.validation.replyTime" });
    }
    expect(await formById(t.db, f.id)).toMatchObject({ status: "resolved", repliedAt: null });
  });

  it("refused to close without a result (result_required) or without the reply (reply_required), writing nothing", async () => {
    const noResult = await recordedForm(t.db, lineman.id, {
      status: "replied",
      department: "terminal_service",
      result: "",
      replyMethod: "phone",
      repliedAt: new Date(),
    });
    const shape = await expectAppError(cs.caller.complaints.close({ complaintId: noResult.id, version: 1, note: "" }), "rule_violation");
    expect(shape.data.details).toMatchObject({ rule: "result_required" });
    const noReply = await recordedForm(t.db, lineman.id, { status: "replied", department: "terminal_service", result: "已处理" });
    expect((await expectAppError(cs.caller.complaints.close({ complaintId: noReply.id, version: 1, note: "" }), "rule_violation")).data.details).toMatchObject({
      rule: "reply_required",
    });
    expect(await formById(t.db, noReply.id)).toMatchObject({ status: "replied", version: 1, closedAt: null });
    expect(await eventsOf(t.db, noReply.id)).toEqual([]);
  });

  it("a 180 complaint is answered in writing: reply and close refused without the letter (letter_required), then allowed", async () => {
    const f = await resolved({ channel: "centre_180", centreRef: "180-2026-0042" });
    const refused = await expectAppError(
      headTs.caller.complaints.reply({ complaintId: f.id, version: f.version, method: "phone", at: new Date(), note: "" }),
      "rule_violation",
    );
    expect(refused.data.details).toMatchObject({ rule: "letter_required" });
    const sneaked = await recordedForm(t.db, lineman.id, {
      channel: "centre_180",
      centreRef: "180-2026-0043",
      status: "replied",
      department: "terminal_service",
      result: "已处理",
      replyMethod: "phone",
      repliedAt: new Date(),
    });
    expect((await expectAppError(cs.caller.complaints.close({ complaintId: sneaked.id, version: 1, note: "" }), "rule_violation")).data.details).toMatchObject({
      rule: "letter_required",
    });
    let v = (await headTs.caller.complaints.letter({ complaintId: f.id, version: f.version, process: "现场检查了线路，更换光猫", result: "已恢复" })).version;
    v = (await headTs.caller.complaints.reply({ complaintId: f.id, version: v, method: "letter", at: new Date(), note: "" })).version;
    expect(await cs.caller.complaints.close({ complaintId: f.id, version: v, note: "" })).toMatchObject({ status: "closed" });
    expect(await formById(t.db, f.id)).toMatchObject({ letterProcess: "现场检查了线路，更换光猫", letterResult: "已恢复" });
  });

  it("the customer's signature is kept as evidence by its SHA-256; a file that is not a PNG is refused", async () => {
    const f = await resolved();
    const out = await headTs.caller.complaints.sign({ complaintId: f.id, version: f.version, signer: "王先生", png: PNG_1X1 });
    const sha = createHash("sha256").update(Buffer.from(PNG_1X1, "base64")).digest("hex");
    expect(await formById(t.db, f.id)).toMatchObject({ signatureSha256: sha, signerName: "王先生", status: "resolved", version: out.version });
    expect(await t.db.select({ mime: evidenceFiles.mime }).from(evidenceFiles).where(eq(evidenceFiles.sha256, sha))).toEqual([{ mime: "image/png" }]);
    const shape = await expectAppError(
      headTs.caller.complaints.sign({ complaintId: f.id, version: out.version, signer: "王先生", png: Buffer.from("not a png").toString("base64") }),
      "bad_input",
    );
    expect(shape.data.fieldErrors).toEqual({ png: "validation.signaturePng" });
  });
});
