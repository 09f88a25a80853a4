import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, instrumentLoans, instrumentUsage, users } from "@/db/schema";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { instrumentById, lend, loanById, makeInstrument, newId, phoneFor, takeBack, type Phone } from "@/tests/helpers/instruments";

/**
 * Issue 16 (ADR 0040): issue and return at Technology Development, with both sides offline: every step named by an id
 * made on a phone, so nothing is lost and nothing applied twice, whatever order the phones' changes arrive in.
 */
describe("custody at Technology Development (sync.push)", () => {
  let t: TestDb;
  let wang: Phone;
  let zhao: Phone;
  let custodian: Phone;

  beforeAll(async () => {
    t = await createTestDb();
    wang = await phoneFor(t.db, "lineman", "terminal_service");
    zhao = await phoneFor(t.db, "lineman", "terminal_service");
    custodian = await phoneFor(t.db, "instrument_custodian", "technology_development");
    await t.db.update(users).set({ displayName: "王建国" }).where(eq(users.id, wang.user.id));
  });
  afterAll(async () => t?.close());

  const issueDirect = (p: Phone, instrumentId: string, extra: Record<string, unknown> = {}) =>
    custodian.send("instrument.issue", { loanId: newId(), instrumentId, borrowerUsername: p.user.username, check: { missing: [] }, ...extra });
  const usageKinds = async (instrumentId: string) =>
    (await t.db.select().from(instrumentUsage).where(eq(instrumentUsage.instrumentId, instrumentId)).orderBy(asc(instrumentUsage.id))).map((u) => u.kind);

  it("handed out directly while the borrower's request waited on his phone: the request arrives later and records nothing", async () => {
    const i = await makeInstrument(t.db);
    expect(await issueDirect(wang, i.id)).toMatchObject({ status: "applied" });
    const late = await wang.send("instrument.borrow", { loanId: newId(), instrumentId: i.id, term: "short" });
    expect(late).toMatchObject({ status: "already_in_state", details: { reason: "already_issued" } });
    const loans = await t.db.select().from(instrumentLoans).where(eq(instrumentLoans.instrumentId, i.id));
    expect(loans.map((l) => l.status)).toEqual(["active"]);
    expect(await usageKinds(i.id)).toEqual(["borrowed"]);
  });

  it("the request arrived first, then a direct issue with a new id: the request closes as superseded, one loan out", async () => {
    const i = await makeInstrument(t.db);
    const asked = newId();
    await wang.send("instrument.borrow", { loanId: asked, instrumentId: i.id, term: "short" });
    expect(await issueDirect(wang, i.id)).toMatchObject({ status: "applied" });
    expect(await loanById(t.db, asked)).toMatchObject({ status: "cancelled", decisionReason: "issued" });
    const out = await t.db
      .select()
      .from(instrumentLoans)
      .where(and(eq(instrumentLoans.instrumentId, i.id), eq(instrumentLoans.status, "active")));
    expect(out).toHaveLength(1);
    // the stale request id sent again is already decided
    expect(await wang.send("instrument.borrow", { loanId: asked, instrumentId: i.id, term: "short" })).toMatchObject({ status: "already_in_state" });
    // another borrower's request for it stays waiting (a queue at the desk); handing it out is refused while it is out
    const zr = newId();
    expect(await zhao.send("instrument.borrow", { loanId: zr, instrumentId: i.id, term: "short" })).toMatchObject({
      status: "rejected",
      reasonCode: "not_available",
    });
  });

  it("only the custodian hands out, to a known person who may hold it; the request is the borrower's own", async () => {
    const i = await makeInstrument(t.db);
    expect(
      await wang.send("instrument.issue", { loanId: newId(), instrumentId: i.id, borrowerUsername: zhao.user.username, check: { missing: [] } }),
    ).toMatchObject({
      status: "rejected",
      reasonCode: "not_allowed",
    });
    expect(await custodian.send("instrument.issue", { loanId: newId(), instrumentId: i.id, borrowerUsername: "nobody", check: { missing: [] } })).toMatchObject(
      {
        status: "rejected",
        reasonCode: "not_found",
      },
    );
    const asked = newId();
    await wang.send("instrument.borrow", { loanId: asked, instrumentId: i.id, term: "short" });
    expect(
      await custodian.send("instrument.issue", { loanId: asked, instrumentId: i.id, borrowerUsername: zhao.user.username, check: { missing: [] } }),
    ).toMatchObject({
      status: "rejected",
      reasonCode: "invalid_transition",
      details: { reason: "borrower_differs" },
    });
    expect(
      await custodian.send("instrument.issue", { loanId: asked, instrumentId: i.id, borrowerUsername: wang.user.username, check: { missing: [] } }),
    ).toMatchObject({
      status: "applied",
    });
  });

  it("a request closes: withdrawn by the borrower, declined by the custodian with a reason; nobody else; resends are already", async () => {
    const i = await makeInstrument(t.db);
    const a = newId();
    await wang.send("instrument.borrow", { loanId: a, instrumentId: i.id, term: "short" });
    expect(await zhao.send("instrument.closeRequest", { loanId: a })).toMatchObject({ status: "rejected", reasonCode: "not_allowed" });
    expect(await wang.send("instrument.closeRequest", { loanId: a })).toMatchObject({ status: "applied" });
    expect(await wang.send("instrument.closeRequest", { loanId: a })).toMatchObject({ status: "already_in_state" });
    expect(await loanById(t.db, a)).toMatchObject({ status: "cancelled", decidedBy: wang.user.id });
    const b = newId();
    await wang.send("instrument.borrow", { loanId: b, instrumentId: i.id, term: "short" });
    expect(await custodian.send("instrument.closeRequest", { loanId: b, note: "" })).toMatchObject({ status: "rejected", reasonCode: "note_required" });
    expect(await custodian.send("instrument.closeRequest", { loanId: b, note: "下周一再来领" })).toMatchObject({ status: "applied" });
    expect(await loanById(t.db, b)).toMatchObject({ status: "rejected", decisionReason: "下周一再来领" });
    // closed: the custodian can no longer hand it out under that id
    expect(
      await custodian.send("instrument.issue", { loanId: b, instrumentId: i.id, borrowerUsername: wang.user.username, check: { missing: [] } }),
    ).toMatchObject({
      status: "rejected",
      reasonCode: "invalid_transition",
    });
    expect(await custodian.send("instrument.closeRequest", { loanId: newId(), note: "x" })).toMatchObject({ status: "rejected", reasonCode: "not_found" });
  });

  it("manuals and accessories: checked at issue and return; what went missing on the loan is recorded and shown until found", async () => {
    const i = await makeInstrument(t.db, { manual: "《AQ7280 使用说明书》", accessories: ["电源适配器", "光纤跳线"] });
    const { loanId } = await lend(custodian, wang, i.id);
    expect(await loanById(t.db, loanId)).toMatchObject({ issueMissing: [] });
    await wang.send("instrument.return", { loanId, instrumentId: i.id, condition: "good" });
    const r = await takeBack(custodian, loanId, i.id, { check: { missing: ["光纤跳线"] } });
    expect(r).toMatchObject({ status: "applied" });
    expect(await loanById(t.db, loanId)).toMatchObject({ status: "returned", returnMissing: ["光纤跳线"], lostAccessories: ["光纤跳线"] });
    expect(await instrumentById(t.db, i.id)).toMatchObject({ status: "available", missingAccessories: ["光纤跳线"] });
    expect(await usageKinds(i.id)).toEqual(["loan_requested", "borrowed", "return_requested", "returned", "accessories_missing"]);
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, i.id), eq(auditEvents.name, "instrument.returned")));
    expect(audit!.payload).toMatchObject({ missing: ["光纤跳线"], lost: ["光纤跳线"] });
    // the register shows it on the scan view; the next borrower is not blamed for what went out missing
    expect((await custodian.caller.instruments.get({ id: i.id })).instrument).toMatchObject({ missingAccessories: ["光纤跳线"] });
    const next = await lend(custodian, zhao, i.id);
    await t.db
      .update(instrumentLoans)
      .set({ issueMissing: ["光纤跳线"] })
      .where(eq(instrumentLoans.id, next.loanId));
    await takeBack(custodian, next.loanId, i.id, { check: { missing: ["光纤跳线", "电源适配器"] } });
    expect(await loanById(t.db, next.loanId)).toMatchObject({ lostAccessories: ["电源适配器"] });
    // found again: the custodian unticks it on the register
    const row = await instrumentById(t.db, i.id);
    await custodian.caller.instruments.update({
      id: i.id,
      version: row.version,
      assetTag: row.assetTag,
      name: row.name,
      model: row.model,
      serial: row.serial,
      kind: row.kind,
      category: row.category,
      department: row.department,
      keeperId: row.keeperId,
      location: row.location,
      intakeDate: row.intakeDate,
      serviceLifeYears: row.serviceLifeYears,
      manual: row.manual,
      accessories: row.accessories,
      missingAccessories: ["电源适配器"],
    });
    expect(await instrumentById(t.db, i.id)).toMatchObject({ missingAccessories: ["电源适配器"] });
  });

  it("both offline on the return: the custodian's confirmation first, the holder's request later is already", async () => {
    const i = await makeInstrument(t.db);
    const { loanId } = await lend(custodian, wang, i.id);
    expect(await takeBack(custodian, loanId, i.id)).toMatchObject({ status: "applied" });
    expect(await wang.send("instrument.return", { loanId, instrumentId: i.id, condition: "good" })).toMatchObject({ status: "already_in_state" });
    expect(await usageKinds(i.id)).toEqual(["loan_requested", "borrowed", "returned"]);
    // and a confirmation for a loan the instrument has left (lent again since) is refused, not applied to the new loan
    const again = await lend(custodian, zhao, i.id);
    expect(again.result).toMatchObject({ status: "applied" });
    expect(await takeBack(custodian, loanId, i.id)).toMatchObject({ status: "already_in_state" });
    expect(await instrumentById(t.db, i.id)).toMatchObject({ holderId: zhao.user.id });
  });
});

describe("scrapping proposed by the using department, verified by Technology Development, approved by the leader named", () => {
  let t: TestDb;
  let custodian: Phone;
  let head: Phone;
  let techHead: Phone;
  let wang: Phone;

  beforeAll(async () => {
    t = await createTestDb();
    custodian = await phoneFor(t.db, "instrument_custodian", "technology_development");
    head = await phoneFor(t.db, "department_head", "terminal_service");
    techHead = await phoneFor(t.db, "department_head", "technology_development");
    wang = await phoneFor(t.db, "lineman", "terminal_service");
  });
  afterAll(async () => t?.close());

  it("settings: kept by Technology Development; versioned; the approver must be a department head or the general manager", async () => {
    const s = await custodian.caller.instruments.settings();
    expect(s).toMatchObject({ department: "technology_development", longLoanMonths: null, scrapApproverId: null, canEdit: true });
    await expectAppError(wang.caller.instruments.saveSettings({ longLoanMonths: 3, scrapApproverId: null, version: s.version }), "forbidden");
    await expectAppError(head.caller.instruments.saveSettings({ longLoanMonths: 3, scrapApproverId: null, version: s.version }), "forbidden");
    const lineman = await expectAppError(
      custodian.caller.instruments.saveSettings({ longLoanMonths: 3, scrapApproverId: wang.user.id, version: s.version }),
      "rule_violation",
    );
    expect(lineman.data.details).toMatchObject({ rule: "scrap_approver_invalid" });
    await expectAppError(custodian.caller.instruments.saveSettings({ longLoanMonths: 3, scrapApproverId: null, version: s.version + 5 }), "conflict");
    const saved = await techHead.caller.instruments.saveSettings({ longLoanMonths: null, scrapApproverId: head.user.id, version: s.version });
    expect(saved).toMatchObject({ scrapApproverId: head.user.id, version: s.version + 1 });
    expect(await head.caller.instruments.settings()).toMatchObject({ scrapApproverName: "Test department_head", canEdit: false });
  });

  it("proposed by the instrument's department head; verified by the custodian with a reason that holds; the named leader decides", async () => {
    const old = await makeInstrument(t.db, { intakeDate: "2010-01-01", serviceLifeYears: 8, category: "special", department: "terminal_service" });
    await expectAppError(wang.caller.instruments.proposeScrap({ instrumentId: old.id, reason: "end_of_life", note: "旧了" }), "rule_violation");
    await expectAppError(techHead.caller.instruments.proposeScrap({ instrumentId: old.id, reason: "end_of_life", note: "旧了" }), "rule_violation");
    const req = await head.caller.instruments.proposeScrap({ instrumentId: old.id, reason: "beyond_repair", note: "屏幕坏，厂家不修" });
    expect(req).toMatchObject({ status: "proposed", requestedBy: head.user.id });
    expect(await instrumentById(t.db, old.id)).toMatchObject({ scrapPending: true });
    await expectAppError(head.caller.instruments.proposeScrap({ instrumentId: old.id, reason: "end_of_life", note: "again" }), "rule_violation");
    // not yet verified: nobody decides it
    expect((await head.caller.instruments.pendingScraps()).find((p) => p.requestId === req.id)).toBeUndefined();
    // the reason proposed does not hold (no repairer's verdict); the one that does (service life over) is verified
    const unmet = await expectAppError(
      custodian.caller.instruments.verifyScrap({ requestId: req.id, decision: "verify", reason: "beyond_repair", note: "核实" }),
      "rule_violation",
    );
    expect(unmet.data.details).toMatchObject({ rule: "scrap_reason_unmet" });
    const verified = await custodian.caller.instruments.verifyScrap({ requestId: req.id, decision: "verify", reason: "end_of_life", note: "已超使用年限" });
    expect(verified).toMatchObject({ status: "pending", reason: "end_of_life", verifiedBy: custodian.user.id, approverId: head.user.id });
    // the named leader (head of terminal service here) decides; the instrument's department head is not asked
    expect((await head.caller.instruments.pendingScraps()).map((p) => p.requestId)).toContain(req.id);
    expect((await techHead.caller.instruments.pendingScraps()).map((p) => p.requestId)).not.toContain(req.id);
    await expectAppError(techHead.caller.instruments.decideScrap({ requestId: req.id, decision: "approve", reason: "ok" }), "forbidden");
    await head.caller.instruments.decideScrap({ requestId: req.id, decision: "approve", reason: "同意报废" });
    expect(await instrumentById(t.db, old.id)).toMatchObject({ status: "scrapped", scrapPending: false });
  });

  it("the leader named can no longer decide (disabled): the instrument's department head decides instead", async () => {
    const old = await makeInstrument(t.db, { intakeDate: "2010-01-01", serviceLifeYears: 8 });
    const req = await custodian.caller.instruments.requestScrap({ instrumentId: old.id, reason: "end_of_life", note: "16 年" });
    expect(req).toMatchObject({ status: "pending", approverId: head.user.id });
    expect((await techHead.caller.instruments.pendingScraps()).map((p) => p.requestId)).not.toContain(req.id);
    await t.db.update(users).set({ active: false }).where(eq(users.id, head.user.id));
    try {
      expect((await techHead.caller.instruments.pendingScraps()).map((p) => p.requestId)).toContain(req.id);
      await techHead.caller.instruments.decideScrap({ requestId: req.id, decision: "reject", reason: "再用一年" });
    } finally {
      await t.db.update(users).set({ active: true }).where(eq(users.id, head.user.id));
    }
    expect(await instrumentById(t.db, old.id)).toMatchObject({ status: "available", scrapPending: false });
  });

  it("declined by Technology Development: the instrument may be lent again", async () => {
    const i = await makeInstrument(t.db, { category: "special", department: "terminal_service" });
    const req = await head.caller.instruments.proposeScrap({ instrumentId: i.id, reason: "end_of_life", note: "用了很久" });
    await expectAppError(head.caller.instruments.verifyScrap({ requestId: req.id, decision: "decline", reason: "end_of_life", note: "x" }), "forbidden");
    const declined = await custodian.caller.instruments.verifyScrap({
      requestId: req.id,
      decision: "decline",
      reason: "end_of_life",
      note: "未到年限，检定合格",
    });
    expect(declined).toMatchObject({ status: "declined" });
    expect(await instrumentById(t.db, i.id)).toMatchObject({ scrapPending: false, status: "available" });
    const view = await custodian.caller.instruments.get({ id: i.id });
    expect(view.scrapRequest).toBeNull();
    expect(view.usage.map((u) => u.kind)).toEqual(expect.arrayContaining(["scrap_proposed", "scrap_declined"]));
  });
});
