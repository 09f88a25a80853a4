import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, instrumentFaults, instrumentLoans, instrumentUsage, users } from "@/db/schema";
import { addDays, addMonths } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { instrumentById, lend, loanById, makeInstrument, newId, phoneFor, takeBack, type Phone } from "@/tests/helpers/instruments";

/** The database's own message of a statement that must fail (drizzle wraps it as the cause). */
async function failure(p: PromiseLike<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    const e = err as { message?: string; cause?: { message?: string } };
    return `${e.message ?? ""} ${e.cause?.message ?? ""}`;
  }
  throw new Error("expected the statement to fail");
}

/**
 * Every field rule enforced by the server with the phone bypassed: forged mutations pushed straight to sync.push.
 */
describe("instrument offline mutations on sync.push", () => {
  let t: TestDb;
  let wang: Phone;
  let zhao: Phone;
  let opsPhone: Phone;
  let custodian: Phone;
  let keeper: Phone;
  const today = () => operatorToday();

  beforeAll(async () => {
    t = await createTestDb();
    wang = await phoneFor(t.db, "lineman", "terminal_service");
    zhao = await phoneFor(t.db, "lineman", "terminal_service");
    opsPhone = await phoneFor(t.db, "operations", "operations");
    custodian = await phoneFor(t.db, "instrument_custodian", "technology_development");
    keeper = await phoneFor(t.db, "warehouse_keeper", "finance");
    await t.db.update(users).set({ displayName: "王建国" }).where(eq(users.id, wang.user.id));
    await t.db.update(users).set({ displayName: "赵磊" }).where(eq(users.id, zhao.user.id));
  });
  afterAll(async () => t?.close());

  const borrow = (p: Phone, instrumentId: string, extra: Record<string, unknown> = {}) =>
    p.send("instrument.borrow", { loanId: newId(), instrumentId, term: "short", ...extra });

  describe("borrow by scan", () => {
    it("a short-term request waits for the custodian, who hands it out: on loan, due one month on, usage file and audit", async () => {
      const i = await makeInstrument(t.db);
      const loanId = newId();
      const r = await wang.send("instrument.borrow", { loanId, instrumentId: i.id, term: "short", purpose: "cut-over" });
      expect(r).toMatchObject({ status: "applied", reasonCode: null });
      // asked, not yet out: the instrument stays on the shelf (ADR 0040)
      expect(await instrumentById(t.db, i.id)).toMatchObject({ status: "available", holderId: null, version: 1 });
      expect(await loanById(t.db, loanId)).toMatchObject({ status: "requested", borrowedOn: null, dueOn: addMonths(today(), 1) });
      const issued = await custodian.send("instrument.issue", { loanId, instrumentId: i.id, borrowerUsername: wang.user.username, check: { missing: [] } });
      expect(issued).toMatchObject({ status: "applied" });
      const due = addMonths(today(), 1);
      expect(await instrumentById(t.db, i.id)).toMatchObject({
        status: "on_loan",
        holderId: wang.user.id,
        loanId,
        loanTerm: "short",
        loanDueOn: due,
        version: 2,
      });
      expect(await loanById(t.db, loanId)).toMatchObject({
        status: "active",
        borrowerId: wang.user.id,
        department: "terminal_service",
        borrowedOn: today(),
        dueOn: due,
        issuedBy: custodian.user.id,
        issueMissing: [],
      });
      const usage = await t.db.select().from(instrumentUsage).where(eq(instrumentUsage.instrumentId, i.id)).orderBy(asc(instrumentUsage.id));
      expect(usage.map((u) => [u.kind, u.actorId])).toEqual([
        ["loan_requested", wang.user.id],
        ["borrowed", custodian.user.id],
      ]);
      const audit = await t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.subjectId, i.id), eq(auditEvents.name, "instrument.issued")));
      expect(audit).toHaveLength(1);
      expect(audit[0]!.payload).toMatchObject({ loanId, term: "short", dueOn: due, fromRequest: true, borrowerId: wang.user.id });
    });

    it("made offline, both sides: the issue counts from the custodian's phone day; resends are already_in_state", async () => {
      const i = await makeInstrument(t.db);
      const loanId = newId();
      const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000).toISOString();
      expect(await wang.send("instrument.borrow", { loanId, instrumentId: i.id, term: "short" }, { clientTime: threeDaysAgo })).toMatchObject({
        status: "applied",
      });
      const issue = { loanId, instrumentId: i.id, borrowerUsername: wang.user.username, check: { missing: [] } };
      expect(await custodian.send("instrument.issue", issue, { clientTime: threeDaysAgo })).toMatchObject({ status: "applied" });
      const phoneDay = addDays(today(), -3);
      expect(await loanById(t.db, loanId)).toMatchObject({ borrowedOn: phoneDay, dueOn: addMonths(phoneDay, 1) });
      expect(await custodian.send("instrument.issue", issue)).toMatchObject({ status: "already_in_state" });
      expect(await wang.send("instrument.borrow", { loanId, instrumentId: i.id, term: "short" })).toMatchObject({
        status: "already_in_state",
        details: { loanStatus: "active" },
      });
      // Someone else cannot reuse the loan id.
      expect(await zhao.send("instrument.borrow", { loanId, instrumentId: i.id, term: "short" })).toMatchObject({
        status: "rejected",
        reasonCode: "bad_input",
      });
    });

    it("lent to someone else meanwhile: not_available naming the holder and due day (lands in Needs attention)", async () => {
      const i = await makeInstrument(t.db);
      expect((await lend(custodian, wang, i.id)).result).toMatchObject({ status: "applied" });
      const r = await borrow(zhao, i.id);
      expect(r).toMatchObject({
        status: "rejected",
        reasonCode: "not_available",
        details: { status: "on_loan", reason: "on_loan", holderId: wang.user.id, holderName: "王建国", dueOn: addMonths(today(), 1) },
      });
      const pulled = await zhao.caller.sync.pull({ deviceId: zhao.deviceId, cursor: "0" });
      expect(pulled.rejections.find((x) => x.mutationId === r.mutationId)).toMatchObject({ reasonCode: "not_available", name: "instrument.borrow" });
      expect(await instrumentById(t.db, i.id)).toMatchObject({ holderId: wang.user.id });
    });

    it("due day: at most one month; not before the borrow day", async () => {
      const i = await makeInstrument(t.db);
      const max = addMonths(today(), 1);
      expect(await borrow(wang, i.id, { dueOn: addDays(max, 1) })).toMatchObject({
        status: "rejected",
        reasonCode: "loan_too_long",
        details: { maxDueOn: max },
      });
      expect(await borrow(wang, i.id, { dueOn: addDays(today(), -1) })).toMatchObject({ status: "rejected", reasonCode: "loan_too_long" });
      expect(await borrow(wang, i.id, { dueOn: max })).toMatchObject({ status: "applied" });
    });

    it("no permit, no loan: calibration overdue, failed, never recorded", async () => {
      const overdue = await makeInstrument(t.db, { calibratedDaysAgo: 800 });
      const failed = await makeInstrument(t.db, { calibrationResult: "failed" });
      const never = await makeInstrument(t.db, { calibratedOn: null, calibrationDue: null, calibrationResult: null });
      for (const i of [overdue, failed, never]) expect(await borrow(wang, i.id)).toMatchObject({ status: "rejected", reasonCode: "permit_invalid" });
      expect(await instrumentById(t.db, overdue.id)).toMatchObject({ status: "available", holderId: null, version: 1 });
    });

    it("only borrower roles; a special instrument only within its department", async () => {
      const i = await makeInstrument(t.db);
      for (const p of [custodian, keeper]) expect(await borrow(p, i.id)).toMatchObject({ status: "rejected", reasonCode: "not_allowed" });
      const special = await makeInstrument(t.db, { category: "special", department: "terminal_service" });
      expect(await borrow(opsPhone, special.id)).toMatchObject({ status: "rejected", reasonCode: "wrong_department" });
      expect(await borrow(zhao, special.id)).toMatchObject({ status: "applied" });
    });

    it("forged args are bad_input; unknown instrument not_found", async () => {
      expect(await wang.send("instrument.borrow", { loanId: "nope", instrumentId: newId(), term: "short" })).toMatchObject({
        status: "rejected",
        reasonCode: "bad_input",
      });
      expect(await wang.send("instrument.borrow", { loanId: newId(), instrumentId: newId(), term: "forever" })).toMatchObject({
        status: "rejected",
        reasonCode: "bad_input",
      });
      expect(await borrow(wang, newId())).toMatchObject({ status: "rejected", reasonCode: "not_found" });
      expect(await wang.send("instrument.borrow", { loanId: newId(), instrumentId: newId(), term: "short" }, { schemaVersion: 2 })).toMatchObject({
        status: "rejected",
        reasonCode: "unsupported_version",
      });
    });

    it("two custodians hand the same instrument out at once: exactly one loan starts", async () => {
      const i = await makeInstrument(t.db);
      const desk2 = await phoneFor(t.db, "instrument_custodian", "technology_development");
      const issue = (c: Phone, p: Phone) =>
        c.send("instrument.issue", { loanId: newId(), instrumentId: i.id, borrowerUsername: p.user.username, check: { missing: [] } });
      const [a, b] = await Promise.all([issue(custodian, wang), issue(desk2, zhao)]);
      expect([a.status, b.status].sort()).toEqual(["applied", "rejected"]);
      expect([a, b].find((r) => r.status === "rejected")).toMatchObject({ reasonCode: "not_available" });
      const active = await t.db
        .select()
        .from(instrumentLoans)
        .where(and(eq(instrumentLoans.instrumentId, i.id), eq(instrumentLoans.status, "active")));
      expect(active).toHaveLength(1);
    });
  });

  describe("long-term requests", () => {
    it("a request leaves the instrument available and waits for the head; a second request is refused", async () => {
      const kind = `otdr-${newId()}`;
      const i = await makeInstrument(t.db, { kind });
      await makeInstrument(t.db, { kind }); // the spare for dispatch
      const loanId = newId();
      expect(await wang.send("instrument.borrow", { loanId, instrumentId: i.id, term: "long", purpose: "new district build-out" })).toMatchObject({
        status: "applied",
      });
      expect(await loanById(t.db, loanId)).toMatchObject({ status: "requested", term: "long", borrowedOn: null, dueOn: null });
      expect(await instrumentById(t.db, i.id)).toMatchObject({ status: "available", holderId: null });
      expect(await wang.send("instrument.borrow", { loanId: newId(), instrumentId: i.id, term: "long", purpose: "again" })).toMatchObject({
        status: "rejected",
        reasonCode: "invalid_transition",
        details: { reason: "request_pending" },
      });
    });

    it("refused when it would leave no public instrument of the kind for dispatch", async () => {
      const kind = `lonely-${newId()}`;
      const only = await makeInstrument(t.db, { kind });
      const spareAtRepair = await makeInstrument(t.db, { kind, status: "at_repair" });
      expect(spareAtRepair.kind).toBe(kind);
      expect(await wang.send("instrument.borrow", { loanId: newId(), instrumentId: only.id, term: "long", purpose: "p" })).toMatchObject({
        status: "rejected",
        reasonCode: "dispatch_reserve",
        details: { kind },
      });
      // A short-term loan of the same instrument is fine: it comes back within a month.
      expect(await borrow(wang, only.id)).toMatchObject({ status: "applied" });
    });

    it("a long-term request needs a purpose and no due day", async () => {
      const i = await makeInstrument(t.db);
      expect(await wang.send("instrument.borrow", { loanId: newId(), instrumentId: i.id, term: "long", purpose: "" })).toMatchObject({
        status: "rejected",
        reasonCode: "bad_input",
      });
      expect(await wang.send("instrument.borrow", { loanId: newId(), instrumentId: i.id, term: "long", purpose: "p", dueOn: today() })).toMatchObject({
        status: "rejected",
        reasonCode: "bad_input",
      });
    });
  });

  describe("returns by scan", () => {
    it("the holder brings it back: a return request (still theirs) until the custodian confirms; resends are already", async () => {
      const i = await makeInstrument(t.db);
      const { loanId } = await lend(custodian, wang, i.id);
      expect(await zhao.send("instrument.return", { loanId, instrumentId: i.id, condition: "good" })).toMatchObject({
        status: "rejected",
        reasonCode: "not_holder",
      });
      expect(await wang.send("instrument.return", { loanId, instrumentId: i.id, condition: "damaged", note: "" })).toMatchObject({
        status: "rejected",
        reasonCode: "note_required",
      });
      expect(await wang.send("instrument.return", { loanId, instrumentId: i.id, condition: "damaged", note: "scratched screen" })).toMatchObject({
        status: "applied",
      });
      expect(await loanById(t.db, loanId)).toMatchObject({ status: "return_requested", reportedCondition: "damaged", reportedNote: "scratched screen" });
      expect(await instrumentById(t.db, i.id)).toMatchObject({ status: "on_loan", holderId: wang.user.id, returnRequested: true });
      expect(await wang.send("instrument.return", { loanId, instrumentId: i.id, condition: "good" })).toMatchObject({ status: "already_in_state" });
      expect(await takeBack(custodian, loanId, i.id, { condition: "damaged", note: "scratched screen" })).toMatchObject({ status: "applied" });
      expect(await loanById(t.db, loanId)).toMatchObject({
        status: "returned",
        returnCondition: "damaged",
        returnNote: "scratched screen",
        endedBy: custodian.user.id,
        endedOn: today(),
      });
      expect(await instrumentById(t.db, i.id)).toMatchObject({
        status: "available",
        holderId: null,
        loanId: null,
        loanDueOn: null,
        faultOpen: false,
        returnRequested: false,
      });
      expect(await wang.send("instrument.return", { loanId, instrumentId: i.id, condition: "good" })).toMatchObject({ status: "already_in_state" });
      expect(await takeBack(custodian, loanId, i.id)).toMatchObject({ status: "already_in_state" });
    });

    it("the custodian takes it back at the desk (an older phone's instrument.return v1 too)", async () => {
      const i = await makeInstrument(t.db);
      const { loanId } = await lend(custodian, zhao, i.id);
      expect(await custodian.send("instrument.return", { loanId, instrumentId: i.id, condition: "good" })).toMatchObject({ status: "applied" });
      expect(await loanById(t.db, loanId)).toMatchObject({ status: "returned", endedBy: custodian.user.id, returnMissing: null });
    });

    it("returned faulty: a fault opens at once (one, not two when the custodian confirms) and nobody can borrow it until the repairer's result", async () => {
      const i = await makeInstrument(t.db);
      const { loanId } = await lend(custodian, wang, i.id);
      expect(await wang.send("instrument.return", { loanId, instrumentId: i.id, condition: "faulty", note: "laser dead" })).toMatchObject({
        status: "applied",
      });
      expect(await instrumentById(t.db, i.id)).toMatchObject({ status: "on_loan", faultOpen: true });
      expect(await takeBack(custodian, loanId, i.id, { condition: "faulty", note: "laser dead" })).toMatchObject({ status: "applied" });
      expect(await instrumentById(t.db, i.id)).toMatchObject({ status: "available", faultOpen: true });
      const faults = await t.db.select().from(instrumentFaults).where(eq(instrumentFaults.instrumentId, i.id));
      expect(faults).toMatchObject([{ status: "open", description: "laser dead", reportedBy: wang.user.id }]);
      expect(await borrow(zhao, i.id)).toMatchObject({ status: "rejected", reasonCode: "not_available", details: { reason: "fault_open" } });
    });

    it("a loan id of another instrument is not_found", async () => {
      const a = await makeInstrument(t.db);
      const b = await makeInstrument(t.db);
      const { loanId } = await lend(custodian, wang, a.id);
      expect(await wang.send("instrument.return", { loanId, instrumentId: b.id, condition: "good" })).toMatchObject({
        status: "rejected",
        reasonCode: "not_found",
      });
    });
  });

  describe("faults and care from the field", () => {
    it("a fault report opens a fault and blocks loans; a resend records it once", async () => {
      const i = await makeInstrument(t.db);
      const faultId = newId();
      expect(await opsPhone.send("instrument.reportFault", { faultId, instrumentId: i.id, description: "no display" })).toMatchObject({ status: "applied" });
      expect(await opsPhone.send("instrument.reportFault", { faultId, instrumentId: i.id, description: "no display" })).toMatchObject({
        status: "already_in_state",
      });
      expect(await t.db.select().from(instrumentFaults).where(eq(instrumentFaults.instrumentId, i.id))).toHaveLength(1);
      expect(await instrumentById(t.db, i.id)).toMatchObject({ faultOpen: true });
      expect(await borrow(wang, i.id)).toMatchObject({ status: "rejected", reasonCode: "not_available" });
      expect(await keeper.send("instrument.reportFault", { faultId: newId(), instrumentId: i.id, description: "x" })).toMatchObject({
        status: "rejected",
        reasonCode: "not_allowed",
      });
    });

    it("care: by the holder, the keeper, the custodian, or the special instrument's own department", async () => {
      const pub = await makeInstrument(t.db);
      const care = (p: Phone, instrumentId: string, entryId = newId()) =>
        p.send("instrument.recordCare", { entryId, instrumentId, care: ["power_on", "dusting"], note: "" });
      expect(await care(wang, pub.id)).toMatchObject({ status: "rejected", reasonCode: "not_allowed" });
      const entryId = newId();
      expect(await care(custodian, pub.id, entryId)).toMatchObject({ status: "applied" });
      expect(await care(custodian, pub.id, entryId)).toMatchObject({ status: "already_in_state" });
      const special = await makeInstrument(t.db, { category: "special", department: "terminal_service" });
      expect(await care(zhao, special.id)).toMatchObject({ status: "applied" });
      expect(await care(opsPhone, special.id)).toMatchObject({ status: "rejected", reasonCode: "not_allowed" });
      const entries = await t.db
        .select()
        .from(instrumentUsage)
        .where(and(eq(instrumentUsage.instrumentId, pub.id), eq(instrumentUsage.kind, "care")))
        .orderBy(asc(instrumentUsage.id));
      expect(entries).toMatchObject([{ entryId, actorId: custodian.user.id, details: { care: ["power_on", "dusting"] } }]);
    });
  });

  describe("scrapped is final", () => {
    it("a scrapped instrument is never lent; the database refuses to bring it back or lend it", async () => {
      const i = await makeInstrument(t.db, { status: "scrapped" });
      expect(await borrow(wang, i.id)).toMatchObject({ status: "rejected", reasonCode: "not_available", details: { reason: "scrapped" } });
      expect(await wang.send("instrument.borrow", { loanId: newId(), instrumentId: i.id, term: "long", purpose: "p" })).toMatchObject({
        status: "rejected",
        reasonCode: "not_available",
      });
      expect(await custodian.send("instrument.recordCare", { entryId: newId(), instrumentId: i.id, care: ["dusting"] })).toMatchObject({
        status: "rejected",
        reasonCode: "not_available",
      });
      expect(await failure(t.db.execute(sql`update instruments set status = 'available' where id = ${i.id}`))).toMatch(/scrapped: its status is final/);
      expect(await failure(t.db.execute(sql`delete from instruments where id = ${i.id}`))).toMatch(/scrapped: it cannot be deleted/);
      expect(
        await failure(
          t.db
            .insert(instrumentLoans)
            .values({ id: newId(), instrumentId: i.id, borrowerId: wang.user.id, department: "terminal_service", term: "short", status: "active" }),
        ),
      ).toMatch(/scrapped: it cannot be lent/);
      expect(await instrumentById(t.db, i.id)).toMatchObject({ status: "scrapped" });
    });

    it("the usage file is append-only: the app may not change it, and the owner meets the guard", async () => {
      const i = await makeInstrument(t.db);
      await borrow(wang, i.id);
      expect(await failure(t.db.execute(sql`update instrument_usage set note = 'x' where instrument_id = ${i.id}`))).toMatch(/permission denied/);
      expect(await failure(t.db.execute(sql`delete from instrument_usage where instrument_id = ${i.id}`))).toMatch(/permission denied/);
      await t.asOwner(async (owner) => {
        expect(await failure(owner.execute(sql`update instrument_usage set note = 'x' where instrument_id = ${i.id}`))).toMatch(/append-only/);
        expect(await failure(owner.execute(sql`delete from instrument_usage where instrument_id = ${i.id}`))).toMatch(/append-only/);
      });
    });
  });
});
