import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instrumentLoans } from "@/db/schema";
import { addDays } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { instrumentById, makeInstrument, newId, phoneFor, type Phone } from "@/tests/helpers/instruments";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF").toString("base64");

describe("calibration, permit, repair, scrapping, transfer", () => {
  let t: TestDb;
  let custodian: Phone;
  let wang: Phone;
  let zhao: Phone;
  let head: Phone;
  let techHead: Phone;
  let admin: Phone;
  const today = () => operatorToday();

  beforeAll(async () => {
    t = await createTestDb();
    custodian = await phoneFor(t.db, "instrument_custodian", "technology_development");
    wang = await phoneFor(t.db, "lineman", "terminal_service");
    zhao = await phoneFor(t.db, "lineman", "terminal_service");
    head = await phoneFor(t.db, "department_head", "terminal_service");
    techHead = await phoneFor(t.db, "department_head", "technology_development");
    admin = await phoneFor(t.db, "admin", "enterprise_management");
  });
  afterAll(async () => t?.close());

  /** A short loan as issue 16 makes it: asked by scan, handed out by the custodian (the first refusal is returned). */
  const borrow = async (p: Phone, instrumentId: string, loanId = newId()) => {
    const asked = await p.send("instrument.borrow", { loanId, instrumentId, term: "short" });
    if (asked.status !== "applied") return asked;
    return custodian.send("instrument.issue", { loanId, instrumentId, borrowerUsername: p.user.username, check: { missing: [] } });
  };
  const calibrate = (instrumentId: string, over: Record<string, unknown> = {}) =>
    custodian.caller.instruments.recordCalibration({
      instrumentId,
      certificateNo: `JL-${newId().slice(-6)}`,
      lab: "市通信计量站",
      calibratedOn: today(),
      result: "passed",
      note: "",
      ...over,
    });

  describe("calibration and the permit-to-use", () => {
    it("a failed calibration removes the permit and blocks loans; a passed one restores it, due in 24 months", async () => {
      const i = await makeInstrument(t.db);
      await calibrate(i.id, { result: "failed", note: "drift beyond tolerance" });
      expect(await instrumentById(t.db, i.id)).toMatchObject({ calibrationResult: "failed", calibratedOn: today() });
      expect(await borrow(wang, i.id)).toMatchObject({ status: "rejected", reasonCode: "permit_invalid" });
      const r = await calibrate(i.id, { file: { mime: "application/pdf", base64: PDF } });
      expect(r).toMatchObject({ calibrationResult: "passed", current: true });
      expect(await borrow(wang, i.id)).toMatchObject({ status: "applied" });
      const file = await custodian.caller.instruments.calibrationFile({ calibrationId: r.calibrationId });
      expect(file).toEqual({ mime: "application/pdf", base64: PDF });
    });

    it("an older certificate entered late is kept in the history but does not replace the state", async () => {
      const i = await makeInstrument(t.db, { calibratedDaysAgo: 10 });
      const before = await instrumentById(t.db, i.id);
      const r = await calibrate(i.id, { calibratedOn: addDays(today(), -400), result: "failed" });
      expect(r.current).toBe(false);
      expect(await instrumentById(t.db, i.id)).toMatchObject({ calibratedOn: before.calibratedOn, calibrationResult: "passed" });
      const view = await custodian.caller.instruments.get({ id: i.id });
      expect(view.calibrations.map((c) => c.result)).toEqual(["failed"]);
    });

    it("refused: a date in the future, a file that is not what it says, a scrapped instrument, a lineman", async () => {
      const i = await makeInstrument(t.db);
      const s = await expectAppError(calibrate(i.id, { calibratedOn: addDays(today(), 1) }), "rule_violation");
      expect(s.data.details).toMatchObject({ rule: "date_in_future" });
      await expectAppError(calibrate(i.id, { file: { mime: "application/pdf", base64: Buffer.from("not a pdf").toString("base64") } }), "bad_input");
      await expectAppError(
        wang.caller.instruments.recordCalibration({ instrumentId: i.id, certificateNo: "x", lab: "y", calibratedOn: today(), result: "passed" }),
        "forbidden",
      );
      const scrapped = await makeInstrument(t.db, { status: "scrapped" });
      await expectAppError(calibrate(scrapped.id), "rule_violation");
    });

    it("a permit that lapses while out on loan is flagged to its holder and to the custodian", async () => {
      const i = await makeInstrument(t.db);
      await borrow(wang, i.id);
      await t.db.execute(sql`update instruments set calibration_due = ${addDays(today(), -1)} where id = ${i.id}`);
      const mine = await wang.caller.instruments.notices();
      expect(mine.find((n) => n.instrumentId === i.id)).toMatchObject({ kind: "permit_lapsed_on_loan", holderId: wang.user.id });
      expect((await zhao.caller.instruments.notices()).find((n) => n.instrumentId === i.id)).toBeUndefined();
      const lists = await custodian.caller.instruments.overdue();
      expect(lists.permitLapsedOnLoan.find((n) => n.instrumentId === i.id)).toBeTruthy();
      // Still returnable; then it shows as a calibration overdue, not on loan.
      const view = await wang.caller.instruments.get({ id: i.id });
      expect(view.actions).toEqual(["return", "report_fault", "record_care"]);
    });

    it("overdue and due-soon loans reach the holder's notices and the custodian's lists", async () => {
      const late = await makeInstrument(t.db);
      const soon = await makeInstrument(t.db);
      const lateLoan = newId();
      await borrow(zhao, late.id, lateLoan);
      await borrow(zhao, soon.id);
      await t.db
        .update(instrumentLoans)
        .set({ dueOn: addDays(today(), -2) })
        .where(eq(instrumentLoans.id, lateLoan));
      await t.db.execute(sql`update instruments set loan_due_on = ${addDays(today(), -2)} where id = ${late.id}`);
      await t.db.execute(sql`update instruments set loan_due_on = ${addDays(today(), 2)} where id = ${soon.id}`);
      const kinds = (await zhao.caller.instruments.notices()).map((n) => [n.kind, n.instrumentId]);
      expect(kinds).toContainEqual(["loan_overdue", late.id]);
      expect(kinds).toContainEqual(["loan_due_soon", soon.id]);
      const lists = await admin.caller.instruments.overdue();
      expect(lists.overdue.map((n) => n.instrumentId)).toContain(late.id);
      expect(lists.dueSoon.map((n) => n.instrumentId)).toContain(soon.id);
      await expectAppError(wang.caller.instruments.overdue(), "forbidden");
    });
  });

  describe("faults go to the designated repairer", () => {
    it("no open fault, no repair; at the repairer nobody borrows it; the custodian records the result", async () => {
      const i = await makeInstrument(t.db);
      const s = await expectAppError(custodian.caller.instruments.sendToRepair({ instrumentId: i.id, repairer: "计量站维修部" }), "rule_violation");
      expect(s.data.details).toMatchObject({ rule: "no_open_fault" });
      await wang.send("instrument.reportFault", { faultId: newId(), instrumentId: i.id, description: "no laser" });
      expect(await custodian.caller.instruments.sendToRepair({ instrumentId: i.id, repairer: "计量站维修部", note: "" })).toMatchObject({
        faultIds: [expect.any(String)],
      });
      expect(await instrumentById(t.db, i.id)).toMatchObject({ status: "at_repair" });
      expect(await borrow(zhao, i.id)).toMatchObject({ status: "rejected", reasonCode: "not_available", details: { reason: "at_repair" } });
      await expectAppError(wang.caller.instruments.completeRepair({ instrumentId: i.id, outcome: "repaired" }), "forbidden");
      expect(await custodian.caller.instruments.completeRepair({ instrumentId: i.id, outcome: "repaired", note: "laser replaced" })).toEqual({
        status: "available",
      });
      expect(await instrumentById(t.db, i.id)).toMatchObject({ status: "available", faultOpen: false });
      expect(await borrow(zhao, i.id)).toMatchObject({ status: "applied" });
    });

    it("an instrument out on loan goes to the repairer only once returned", async () => {
      const i = await makeInstrument(t.db);
      await borrow(wang, i.id);
      await wang.send("instrument.reportFault", { faultId: newId(), instrumentId: i.id, description: "cracked" });
      const s = await expectAppError(custodian.caller.instruments.sendToRepair({ instrumentId: i.id, repairer: "x" }), "rule_violation");
      expect(s.data.details).toMatchObject({ rule: "invalid_transition" });
    });
  });

  describe("scrapping: the custodian confirms, the instrument department's head decides, final", () => {
    it("not before the end of its service life, nor without the repairer's verdict", async () => {
      const young = await makeInstrument(t.db, { intakeDate: addDays(today(), -100) });
      const s = await expectAppError(
        custodian.caller.instruments.requestScrap({ instrumentId: young.id, reason: "end_of_life", note: "old" }),
        "rule_violation",
      );
      expect(s.data.details).toMatchObject({ rule: "scrap_reason_unmet" });
      const s2 = await expectAppError(
        custodian.caller.instruments.requestScrap({ instrumentId: young.id, reason: "beyond_repair", note: "broken" }),
        "rule_violation",
      );
      expect(s2.data.details).toMatchObject({ rule: "scrap_reason_unmet" });
      // the detail offers neither reason, as the server refuses both
      expect((await custodian.caller.instruments.get({ id: young.id })).scrapReasons).toEqual([]);
    });

    it("beyond repair → confirmed → approved by the right head → scrapped, and nothing brings it back", async () => {
      const i = await makeInstrument(t.db);
      await wang.send("instrument.reportFault", { faultId: newId(), instrumentId: i.id, description: "burnt" });
      await custodian.caller.instruments.sendToRepair({ instrumentId: i.id, repairer: "计量站维修部" });
      // at the repairer, no verdict yet: scrapping may be opened, but no reason holds
      const waiting = await custodian.caller.instruments.get({ id: i.id });
      expect(waiting.actions).toContain("request_scrap");
      expect(waiting.scrapReasons).toEqual([]);
      await custodian.caller.instruments.completeRepair({ instrumentId: i.id, outcome: "beyond_repair", note: "board burnt, no parts" });
      expect((await custodian.caller.instruments.get({ id: i.id })).scrapReasons).toEqual(["beyond_repair"]);
      expect((await wang.caller.instruments.get({ id: i.id })).scrapReasons).toEqual([]);
      await expectAppError(wang.caller.instruments.requestScrap({ instrumentId: i.id, reason: "beyond_repair", note: "x" }), "forbidden");
      const req = await custodian.caller.instruments.requestScrap({ instrumentId: i.id, reason: "beyond_repair", note: "repairer's verdict" });
      expect(await instrumentById(t.db, i.id)).toMatchObject({ scrapPending: true, status: "at_repair" });
      expect((await custodian.caller.instruments.get({ id: i.id })).scrapReasons).toEqual([]);
      const again = await expectAppError(
        custodian.caller.instruments.requestScrap({ instrumentId: i.id, reason: "beyond_repair", note: "x" }),
        "rule_violation",
      );
      expect(again.data.details).toMatchObject({ rule: "invalid_transition" });
      expect((await techHead.caller.instruments.pendingScraps()).map((p) => p.requestId)).toContain(req.id);
      expect((await head.caller.instruments.pendingScraps()).map((p) => p.requestId)).not.toContain(req.id);
      await expectAppError(head.caller.instruments.decideScrap({ requestId: req.id, decision: "approve", reason: "ok" }), "forbidden");
      await expectAppError(custodian.caller.instruments.decideScrap({ requestId: req.id, decision: "approve", reason: "ok" }), "forbidden");
      await expectAppError(techHead.caller.instruments.decideScrap({ requestId: req.id, decision: "approve", reason: "" }), "bad_input");
      expect(await techHead.caller.instruments.decideScrap({ requestId: req.id, decision: "approve", reason: "beyond repair, confirmed" })).toMatchObject({
        status: "approved",
        decidedBy: techHead.user.id,
      });
      expect(await instrumentById(t.db, i.id)).toMatchObject({ status: "scrapped", scrapPending: false });

      // Final: no loan, no repair, no edit, no second decision, no care.
      expect(await borrow(zhao, i.id)).toMatchObject({ status: "rejected", reasonCode: "not_available", details: { reason: "scrapped" } });
      expect(
        (await expectAppError(techHead.caller.instruments.decideScrap({ requestId: req.id, decision: "reject", reason: "undo" }), "rule_violation")).data
          .details,
      ).toMatchObject({ rule: "invalid_transition" });
      await expectAppError(custodian.caller.instruments.completeRepair({ instrumentId: i.id, outcome: "repaired" }), "rule_violation");
      await expectAppError(custodian.caller.instruments.requestScrap({ instrumentId: i.id, reason: "beyond_repair", note: "x" }), "rule_violation");
      expect((await wang.caller.instruments.get({ id: i.id })).actions).toEqual([]);
    });

    it("a rejected scrapping frees the instrument again (still faulty at the repairer)", async () => {
      const old = await makeInstrument(t.db, { intakeDate: "2010-01-01", serviceLifeYears: 8 });
      expect((await custodian.caller.instruments.get({ id: old.id })).scrapReasons).toEqual(["end_of_life"]);
      const req = await custodian.caller.instruments.requestScrap({ instrumentId: old.id, reason: "end_of_life", note: "16 years old" });
      expect(await borrow(wang, old.id)).toMatchObject({ status: "rejected", reasonCode: "not_available", details: { reason: "scrap_pending" } });
      await techHead.caller.instruments.decideScrap({ requestId: req.id, decision: "reject", reason: "still accurate; keep a year" });
      expect(await instrumentById(t.db, old.id)).toMatchObject({ status: "available", scrapPending: false });
      expect(await borrow(wang, old.id)).toMatchObject({ status: "applied" });
    });
  });

  describe("transfer hand-over: nobody leaves holding instruments", () => {
    it("disabling or transferring a holder is refused with what they hold; after the return it goes through", async () => {
      const mover = await phoneFor(t.db, "lineman", "terminal_service");
      const i = await makeInstrument(t.db);
      const loanId = newId();
      await borrow(mover, i.id, loanId);
      const held = await custodian.caller.instruments.holdings({ userId: mover.user.id });
      expect(held).toMatchObject([{ instrumentId: i.id, assetTag: i.assetTag, loanId }]);
      // the mover's own department head sees it too; another department's head is told nothing
      expect(await head.caller.instruments.holdings({ userId: mover.user.id })).toEqual(held);
      await expectAppError(techHead.caller.instruments.holdings({ userId: mover.user.id }), "not_found");
      const s = await expectAppError(admin.caller.users.setActive({ userId: mover.user.id, active: false }), "holds_instruments");
      expect(s.data.details).toMatchObject({ count: 1, instruments: [{ assetTag: i.assetTag, loanId }] });
      const profile = { userId: mover.user.id, displayName: "Mover", role: "lineman" as const };
      await expectAppError(admin.caller.users.update({ ...profile, department: "operations" }), "holds_instruments");
      await expectAppError(admin.caller.users.update({ ...profile, role: "admin", department: "terminal_service" }), "holds_instruments");
      // Same department, another borrower role: not a transfer (the role change signs the mover out).
      await admin.caller.users.update({ ...profile, role: "quality", department: "terminal_service" });
      // They bring it back to the desk; the custodian records the return.
      await custodian.send("instrument.return", { loanId, instrumentId: i.id, condition: "good" });
      expect(await custodian.caller.instruments.holdings({ userId: mover.user.id })).toEqual([]);
      await admin.caller.users.update({ ...profile, role: "lineman", department: "operations" });
      await admin.caller.users.setActive({ userId: mover.user.id, active: false });
    });

    it("brought back but not yet confirmed still counts: the custodian's confirmation ends the holding", async () => {
      const mover = await phoneFor(t.db, "lineman", "terminal_service");
      const i = await makeInstrument(t.db);
      const loanId = newId();
      await borrow(mover, i.id, loanId);
      await mover.send("instrument.return", { loanId, instrumentId: i.id, condition: "good" });
      expect(await custodian.caller.instruments.holdings({ userId: mover.user.id })).toMatchObject([{ loanId, status: "return_requested" }]);
      await expectAppError(admin.caller.users.setActive({ userId: mover.user.id, active: false }), "holds_instruments");
      await custodian.send("instrument.confirmReturn", { loanId, instrumentId: i.id, condition: "good", check: { missing: [] } });
      await admin.caller.users.setActive({ userId: mover.user.id, active: false });
    });

    it("a named keeper (专人) moves, changes job or leaves only once another keeper is named", async () => {
      const keeper = await phoneFor(t.db, "lineman", "terminal_service");
      const successor = await phoneFor(t.db, "lineman", "terminal_service");
      const i = await makeInstrument(t.db, { category: "special", department: "terminal_service", keeperId: keeper.user.id });
      const profile = { userId: keeper.user.id, displayName: "Keeper", role: "lineman" as const, department: "terminal_service" as const };
      // thunks, one at a time: promises made together would reject before they are awaited (unhandled)
      for (const change of [
        () => admin.caller.users.update({ ...profile, department: "operations" }),
        () => admin.caller.users.update({ ...profile, role: "quality" }),
        () => admin.caller.users.setActive({ userId: keeper.user.id, active: false }),
      ]) {
        const s = await expectAppError(change(), "rule_violation");
        expect(s.data.details).toMatchObject({ rule: "keeper_required", count: 1, kept: [{ assetTag: i.assetTag, category: "special" }] });
      }
      // a new display name is no transfer
      await admin.caller.users.update({ ...profile, displayName: "Keeper Li" });
      // the register names another keeper; then the transfer goes through
      const row = await instrumentById(t.db, i.id);
      const fields = {
        id: i.id,
        version: row.version,
        assetTag: row.assetTag,
        name: row.name,
        model: row.model,
        serial: row.serial,
        kind: row.kind,
        category: row.category,
        department: row.department,
        location: row.location,
        intakeDate: row.intakeDate,
        serviceLifeYears: row.serviceLifeYears,
      };
      const none = await expectAppError(custodian.caller.instruments.update({ ...fields, keeperId: null }), "rule_violation");
      expect(none.data.details).toMatchObject({ rule: "keeper_required" });
      const outsider = await phoneFor(t.db, "operations", "operations");
      await expectAppError(custodian.caller.instruments.update({ ...fields, keeperId: outsider.user.id }), "rule_violation");
      await custodian.caller.instruments.update({ ...fields, keeperId: successor.user.id });
      await admin.caller.users.update({ ...profile, department: "operations" });
      // the database refuses a special instrument without a keeper, whatever writes it
      await expect(t.db.execute(sql`update instruments set keeper_id = null where id = ${i.id}`)).rejects.toThrow();
    });
  });
});
