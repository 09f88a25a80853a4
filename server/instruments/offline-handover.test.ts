import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instrumentHandovers, users } from "@/db/schema";
import { handoverLoanId } from "@/domain/instruments/handover";
import { addDays } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { instrumentById, lend, loanById, makeInstrument, newId, phoneFor, SIGNATURE, takeBack, type Phone } from "@/tests/helpers/instruments";

/**
 * Hand-over of an instrument on loan to a named colleague, both sign, the custodian confirms (issue 16), forged straight
 * to sync.push (as offline.test.ts).
 */
describe("instrument hand-over on sync.push", () => {
  let t: TestDb;
  let wang: Phone;
  let zhao: Phone;
  let opsPhone: Phone;
  let custodian: Phone;
  const today = () => operatorToday();

  beforeAll(async () => {
    t = await createTestDb();
    wang = await phoneFor(t.db, "lineman", "terminal_service");
    zhao = await phoneFor(t.db, "lineman", "terminal_service");
    opsPhone = await phoneFor(t.db, "operations", "operations");
    custodian = await phoneFor(t.db, "instrument_custodian", "technology_development");
    await t.db.update(users).set({ displayName: "王建国" }).where(eq(users.id, wang.user.id));
    await t.db.update(users).set({ displayName: "赵磊" }).where(eq(users.id, zhao.user.id));
  });
  afterAll(async () => t?.close());

  describe("hand-over to a named colleague, both sign", () => {
    async function lent(p: Phone, over: Parameters<typeof makeInstrument>[1] = {}) {
      const i = await makeInstrument(t.db, over);
      const { loanId, result } = await lend(custodian, p, i.id);
      expect(result).toMatchObject({ status: "applied" });
      return { i, loanId };
    }
    const offer = (p: Phone, i: { id: string }, loanId: string, toUsername: string, extra: Record<string, unknown> = {}) =>
      p.send("instrument.handOver", { handoverId: newId(), instrumentId: i.id, loanId, toUsername, condition: "good", signature: SIGNATURE, ...extra });

    it("offer, accept, the custodian confirms: the loan moves to the receiver with the same due day, under the id the phone can compute", async () => {
      const { i, loanId } = await lent(wang);
      const handoverId = newId();
      expect(
        await wang.send("instrument.handOver", {
          handoverId,
          instrumentId: i.id,
          loanId,
          toUsername: zhao.user.username.toUpperCase(),
          condition: "good",
          signature: SIGNATURE,
        }),
      ).toMatchObject({ status: "applied" });
      expect(await opsPhone.send("instrument.acceptHandOver", { handoverId, condition: "good", signature: SIGNATURE })).toMatchObject({
        status: "rejected",
        reasonCode: "not_allowed",
      });
      // not yet signed by the receiver: nothing for the custodian to confirm
      expect(await custodian.send("instrument.confirmHandOver", { handoverId, decision: "confirm" })).toMatchObject({
        status: "rejected",
        reasonCode: "invalid_transition",
      });
      expect(await zhao.send("instrument.acceptHandOver", { handoverId, condition: "good", note: "", signature: SIGNATURE })).toMatchObject({
        status: "applied",
      });
      // both signed: still the giver's until Technology Development confirms (移交手续, ADR 0040)
      expect(await instrumentById(t.db, i.id)).toMatchObject({ holderId: wang.user.id, loanId });
      expect(await loanById(t.db, loanId)).toMatchObject({ status: "active" });
      expect(await wang.send("instrument.cancelHandOver", { handoverId })).toMatchObject({ status: "rejected", reasonCode: "invalid_transition" });
      expect(await zhao.send("instrument.confirmHandOver", { handoverId, decision: "confirm" })).toMatchObject({
        status: "rejected",
        reasonCode: "not_allowed",
      });
      expect(await custodian.send("instrument.confirmHandOver", { handoverId, decision: "confirm", note: "" })).toMatchObject({ status: "applied" });
      const newLoanId = handoverLoanId(handoverId);
      const old = await loanById(t.db, loanId);
      expect(old).toMatchObject({ status: "handed_over", endedBy: custodian.user.id });
      expect(await loanById(t.db, newLoanId)).toMatchObject({
        status: "active",
        borrowerId: zhao.user.id,
        dueOn: old!.dueOn,
        term: "short",
        fromLoanId: loanId,
        issuedBy: custodian.user.id,
      });
      expect(await instrumentById(t.db, i.id)).toMatchObject({ status: "on_loan", holderId: zhao.user.id, loanId: newLoanId, loanDueOn: old!.dueOn });
      const [h] = await t.db.select().from(instrumentHandovers).where(eq(instrumentHandovers.id, handoverId));
      expect(h).toMatchObject({ status: "confirmed", newLoanId, conditionIn: "good", confirmedBy: custodian.user.id });
      expect(h!.fromSignatureSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(h!.toSignatureSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(await zhao.send("instrument.acceptHandOver", { handoverId, condition: "good", signature: SIGNATURE })).toMatchObject({
        status: "already_in_state",
      });
      expect(await custodian.send("instrument.confirmHandOver", { handoverId, decision: "confirm" })).toMatchObject({ status: "already_in_state" });
      // The receiver returns it with the loan id computed offline; the custodian confirms.
      expect(await zhao.send("instrument.return", { loanId: newLoanId, instrumentId: i.id, condition: "good" })).toMatchObject({ status: "applied" });
      expect(await takeBack(custodian, newLoanId, i.id)).toMatchObject({ status: "applied" });
    });

    it("the custodian refuses a signed hand-over, with a reason: the loan stays with the giver, who may offer again", async () => {
      const { i, loanId } = await lent(wang);
      const handoverId = newId();
      await wang.send("instrument.handOver", {
        handoverId,
        instrumentId: i.id,
        loanId,
        toUsername: zhao.user.username,
        condition: "good",
        signature: SIGNATURE,
      });
      await zhao.send("instrument.acceptHandOver", { handoverId, condition: "good", signature: SIGNATURE });
      expect(await custodian.send("instrument.confirmHandOver", { handoverId, decision: "refuse", note: "" })).toMatchObject({
        status: "rejected",
        reasonCode: "note_required",
      });
      expect(await custodian.send("instrument.confirmHandOver", { handoverId, decision: "refuse", note: "先归还检定" })).toMatchObject({ status: "applied" });
      expect(await custodian.send("instrument.confirmHandOver", { handoverId, decision: "refuse", note: "先归还检定" })).toMatchObject({
        status: "already_in_state",
      });
      expect(await instrumentById(t.db, i.id)).toMatchObject({ holderId: wang.user.id, loanId });
      expect(await offer(wang, i, loanId, opsPhone.user.username)).toMatchObject({ status: "applied" });
    });

    it("only the holder offers; the receiver must exist, be eligible, be someone else; one open offer", async () => {
      const { i, loanId } = await lent(wang);
      expect(await offer(zhao, i, loanId, wang.user.username)).toMatchObject({ status: "rejected", reasonCode: "not_holder" });
      expect(await offer(wang, i, loanId, "nobody-here")).toMatchObject({ status: "rejected", reasonCode: "not_found", details: { username: "nobody-here" } });
      expect(await offer(wang, i, loanId, wang.user.username)).toMatchObject({ status: "rejected", reasonCode: "invalid_transition" });
      expect(await offer(wang, i, loanId, custodian.user.username)).toMatchObject({ status: "rejected", reasonCode: "not_allowed" });
      expect(await offer(wang, i, loanId, zhao.user.username)).toMatchObject({ status: "applied" });
      expect(await offer(wang, i, loanId, opsPhone.user.username)).toMatchObject({
        status: "rejected",
        reasonCode: "invalid_transition",
        details: { reason: "offer_open" },
      });
      const special = await lent(zhao, { category: "special", department: "terminal_service" });
      expect(await offer(zhao, special.i, special.loanId, opsPhone.user.username)).toMatchObject({ status: "rejected", reasonCode: "wrong_department" });
    });

    it("a signature that is not a PNG is refused", async () => {
      const { i, loanId } = await lent(wang);
      expect(
        await offer(wang, i, loanId, zhao.user.username, { signature: { ...SIGNATURE, base64: Buffer.from("GIF89a-not-a-png").toString("base64") } }),
      ).toMatchObject({ status: "rejected", reasonCode: "bad_input" });
    });

    it("decline and cancel close the offer; the loan stays with the giver", async () => {
      const { i, loanId } = await lent(wang);
      const h1 = newId();
      await wang.send("instrument.handOver", {
        handoverId: h1,
        instrumentId: i.id,
        loanId,
        toUsername: zhao.user.username,
        condition: "good",
        signature: SIGNATURE,
      });
      expect(await wang.send("instrument.declineHandOver", { handoverId: h1 })).toMatchObject({ status: "rejected", reasonCode: "not_allowed" });
      expect(await zhao.send("instrument.declineHandOver", { handoverId: h1, note: "not my area" })).toMatchObject({ status: "applied" });
      expect(await zhao.send("instrument.acceptHandOver", { handoverId: h1, condition: "good", signature: SIGNATURE })).toMatchObject({
        status: "rejected",
        reasonCode: "invalid_transition",
      });
      const h2 = newId();
      await wang.send("instrument.handOver", {
        handoverId: h2,
        instrumentId: i.id,
        loanId,
        toUsername: zhao.user.username,
        condition: "good",
        signature: SIGNATURE,
      });
      expect(await zhao.send("instrument.cancelHandOver", { handoverId: h2 })).toMatchObject({ status: "rejected", reasonCode: "not_allowed" });
      expect(await wang.send("instrument.cancelHandOver", { handoverId: h2 })).toMatchObject({ status: "applied" });
      expect(await wang.send("instrument.cancelHandOver", { handoverId: h2 })).toMatchObject({ status: "already_in_state" });
      expect(await instrumentById(t.db, i.id)).toMatchObject({ holderId: wang.user.id, loanId });
    });

    it("returned meanwhile: the open offer lapses and cannot be accepted", async () => {
      const { i, loanId } = await lent(wang);
      const handoverId = newId();
      await wang.send("instrument.handOver", {
        handoverId,
        instrumentId: i.id,
        loanId,
        toUsername: zhao.user.username,
        condition: "good",
        signature: SIGNATURE,
      });
      await takeBack(custodian, loanId, i.id);
      expect(await zhao.send("instrument.acceptHandOver", { handoverId, condition: "good", signature: SIGNATURE })).toMatchObject({
        status: "rejected",
        reasonCode: "invalid_transition",
      });
      const [h] = await t.db.select().from(instrumentHandovers).where(eq(instrumentHandovers.id, handoverId));
      expect(h!.status).toBe("cancelled");
    });

    it("a permit that lapsed while out on loan: no hand-over, it goes back for calibration", async () => {
      const { i, loanId } = await lent(wang);
      await t.db.execute(sql`update instruments set calibration_due = ${addDays(today(), -1)} where id = ${i.id}`);
      expect(await offer(wang, i, loanId, zhao.user.username)).toMatchObject({ status: "rejected", reasonCode: "permit_invalid" });
    });
  });
});
