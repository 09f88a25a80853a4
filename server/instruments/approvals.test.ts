import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instrumentLoans, users } from "@/db/schema";
import { addMonths } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { instrumentById, lend, loanById, makeInstrument, newId, phoneFor, type Phone } from "@/tests/helpers/instruments";

/**
 * Long-term loans: only the head of the borrower's department decides, and approving re-checks every rule; the custodian
 * then hands it out (issue 16), checking again, with the term the department's settings give (none by default).
 */
describe("long-term loan approvals", () => {
  let t: TestDb;
  let wang: Phone;
  let zhao: Phone;
  let opsPhone: Phone;
  let head: Phone;
  let techHead: Phone;
  let opsHead: Phone;
  let custodian: Phone;

  beforeAll(async () => {
    t = await createTestDb();
    wang = await phoneFor(t.db, "lineman", "terminal_service");
    zhao = await phoneFor(t.db, "lineman", "terminal_service");
    opsPhone = await phoneFor(t.db, "operations", "operations");
    head = await phoneFor(t.db, "department_head", "terminal_service");
    techHead = await phoneFor(t.db, "department_head", "technology_development");
    opsHead = await phoneFor(t.db, "department_head", "operations");
    custodian = await phoneFor(t.db, "instrument_custodian", "technology_development");
  });
  const issue = (p: Phone, loanId: string, instrumentId: string) =>
    custodian.send("instrument.issue", { loanId, instrumentId, borrowerUsername: p.user.username, check: { missing: [] } });
  afterAll(async () => t?.close());

  async function request(p: Phone, instrumentId: string) {
    const loanId = newId();
    expect(await p.send("instrument.borrow", { loanId, instrumentId, term: "long", purpose: "district build-out" })).toMatchObject({ status: "applied" });
    return loanId;
  }
  async function pair() {
    const kind = `otdr-${newId()}`;
    return [await makeInstrument(t.db, { kind }), await makeInstrument(t.db, { kind })] as const;
  }

  it("the head approves; the custodian hands it out with the department's term: none by default, then as the settings say", async () => {
    const [a] = await pair();
    const loanId = await request(wang, a.id);
    const pending = await head.caller.instruments.pendingApprovals();
    expect(pending.find((p) => p.loanId === loanId)).toMatchObject({ assetTag: a.assetTag, borrowerId: wang.user.id, purpose: "district build-out" });
    expect((await techHead.caller.instruments.pendingApprovals()).find((p) => p.loanId === loanId)).toBeUndefined();
    // before the head signs, the custodian cannot hand it out
    expect(await issue(wang, loanId, a.id)).toMatchObject({ status: "rejected", reasonCode: "invalid_transition", details: { reason: "approval_required" } });
    const loan = await head.caller.instruments.decideLoan({ loanId, decision: "approve", reason: "" });
    expect(loan).toMatchObject({ status: "approved", borrowedOn: null, dueOn: null, decidedBy: head.user.id });
    expect(await instrumentById(t.db, a.id)).toMatchObject({ status: "available", holderId: null });
    // Decided once.
    const shape = await expectAppError(head.caller.instruments.decideLoan({ loanId, decision: "reject", reason: "changed my mind" }), "rule_violation");
    expect(shape.data.details).toMatchObject({ rule: "invalid_transition" });
    expect(await issue(wang, loanId, a.id)).toMatchObject({ status: "applied" });
    expect(await loanById(t.db, loanId)).toMatchObject({ status: "active", borrowedOn: operatorToday(), dueOn: null, termMonths: null });
    expect(await instrumentById(t.db, a.id)).toMatchObject({ status: "on_loan", holderId: wang.user.id, loanId, loanTerm: "long", loanDueOn: null });

    // Technology Development sets a term of 6 months: the next long loan is due 6 months from its issue day
    const settings = await custodian.caller.instruments.settings();
    await custodian.caller.instruments.saveSettings({ longLoanMonths: 6, scrapApproverId: null, version: settings.version });
    const [b, spare] = await pair();
    expect(spare.kind).toBe(b.kind);
    const lb = await request(zhao, b.id);
    await head.caller.instruments.decideLoan({ loanId: lb, decision: "approve", reason: "" });
    expect(await issue(zhao, lb, b.id)).toMatchObject({ status: "applied" });
    expect(await loanById(t.db, lb)).toMatchObject({ dueOn: addMonths(operatorToday(), 6), termMonths: 6 });
    const now = await custodian.caller.instruments.settings();
    await custodian.caller.instruments.saveSettings({ longLoanMonths: null, scrapApproverId: null, version: now.version });
  });

  it("only the head of the borrower's department; other roles are refused before anything", async () => {
    const [a] = await pair();
    const loanId = await request(wang, a.id);
    await expectAppError(techHead.caller.instruments.decideLoan({ loanId, decision: "approve", reason: "" }), "forbidden");
    await expectAppError(opsHead.caller.instruments.decideLoan({ loanId, decision: "approve", reason: "" }), "forbidden");
    await expectAppError(wang.caller.instruments.decideLoan({ loanId, decision: "approve", reason: "" }), "forbidden");
    expect(await loanById(t.db, loanId)).toMatchObject({ status: "requested" });
    // An operations borrower's request goes to the operations head.
    const [b] = await pair();
    const opsLoan = await request(opsPhone, b.id);
    await expectAppError(head.caller.instruments.decideLoan({ loanId: opsLoan, decision: "approve", reason: "" }), "forbidden");
    expect(await opsHead.caller.instruments.decideLoan({ loanId: opsLoan, decision: "approve", reason: "" })).toMatchObject({ status: "approved" });
  });

  it("a rejection needs a reason and leaves the instrument available", async () => {
    const [a] = await pair();
    const loanId = await request(zhao, a.id);
    const shape = await expectAppError(head.caller.instruments.decideLoan({ loanId, decision: "reject", reason: " " }), "rule_violation");
    expect(shape.data.details).toMatchObject({ rule: "note_required" });
    expect(await head.caller.instruments.decideLoan({ loanId, decision: "reject", reason: "needed for dispatch this month" })).toMatchObject({
      status: "rejected",
      decisionReason: "needed for dispatch this month",
    });
    expect(await instrumentById(t.db, a.id)).toMatchObject({ status: "available", holderId: null });
  });

  it("approval re-checks: lent to someone else meanwhile → not_available", async () => {
    const [a] = await pair();
    const loanId = await request(wang, a.id);
    expect((await lend(custodian, zhao, a.id)).result).toMatchObject({ status: "applied" });
    const shape = await expectAppError(head.caller.instruments.decideLoan({ loanId, decision: "approve", reason: "" }), "rule_violation");
    expect(shape.data.details).toMatchObject({ rule: "not_available", holderId: zhao.user.id });
  });

  it("the dispatch reserve: of two of a kind approved at once, the custodian hands only one out on a long-term loan", async () => {
    const [a, b] = await pair();
    const la = await request(wang, a.id);
    const lb = await request(zhao, b.id);
    await head.caller.instruments.decideLoan({ loanId: la, decision: "approve", reason: "" });
    await head.caller.instruments.decideLoan({ loanId: lb, decision: "approve", reason: "" });
    const desk2 = await phoneFor(t.db, "instrument_custodian", "technology_development");
    const outcomes = await Promise.all([
      issue(wang, la, a.id),
      desk2.send("instrument.issue", { loanId: lb, instrumentId: b.id, borrowerUsername: zhao.user.username, check: { missing: [] } }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["applied", "rejected"]);
    expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({ reasonCode: "dispatch_reserve" });
    const active = await t.db.select().from(instrumentLoans).where(eq(instrumentLoans.status, "active"));
    expect(active.filter((l) => l.id === la || l.id === lb)).toHaveLength(1);
  });

  it("a borrower who moved to another department meanwhile is no longer their old head's to approve", async () => {
    const mover = await phoneFor(t.db, "lineman", "terminal_service");
    const [a] = await pair();
    const loanId = await request(mover, a.id);
    await t.db.update(users).set({ department: "operations" }).where(eq(users.id, mover.user.id));
    const shape = await expectAppError(head.caller.instruments.decideLoan({ loanId, decision: "approve", reason: "" }), "rule_violation");
    expect(shape.data.details).toMatchObject({ rule: "not_allowed" });
  });

  it("approval re-checks the permit", async () => {
    const [a] = await pair();
    const loanId = await request(wang, a.id);
    await head.caller.instruments.get({ id: a.id }); // the head may look it up
    await t.db.execute(sql`update instruments set calibration_result = 'failed' where id = ${a.id}`);
    const shape = await expectAppError(head.caller.instruments.decideLoan({ loanId, decision: "approve", reason: "" }), "rule_violation");
    expect(shape.data.details).toMatchObject({ rule: "permit_invalid" });
  });
});
