import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, instrumentScrapRequests, users } from "@/db/schema";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { instrumentById, makeInstrument, phoneFor, type Phone } from "@/tests/helpers/instruments";

/**
 * The general manager as the leader who approves scrapping (ADR 0040, issue 16: 由技术发展部验证并报请有关领导审批报废):
 * the settings name them; the using department proposes, Technology Development verifies, the general manager decides.
 */
describe("the general manager approves scrapping when the settings name them", () => {
  let t: TestDb;
  let custodian: Phone;
  let techHead: Phone;
  let head: Phone;
  let gm: Phone;
  let wang: Phone;

  beforeAll(async () => {
    t = await createTestDb();
    custodian = await phoneFor(t.db, "instrument_custodian", "technology_development");
    techHead = await phoneFor(t.db, "department_head", "technology_development");
    head = await phoneFor(t.db, "department_head", "terminal_service");
    gm = await phoneFor(t.db, "general_manager", "enterprise_management");
    wang = await phoneFor(t.db, "lineman", "terminal_service");
  });
  afterAll(async () => t?.close());

  const nameApprover = async (approverId: string | null) => {
    const s = await custodian.caller.instruments.settings();
    return custodian.caller.instruments.saveSettings({ longLoanMonths: s.longLoanMonths, scrapApproverId: approverId, version: s.version });
  };
  /** An old special instrument of terminal service, proposed by its head and verified by Technology Development. */
  const verified = async () => {
    const old = await makeInstrument(t.db, { intakeDate: "2010-01-01", serviceLifeYears: 8, category: "special", department: "terminal_service" });
    const req = await head.caller.instruments.proposeScrap({ instrumentId: old.id, reason: "end_of_life", note: "超期使用，读数漂移" });
    const v = await custodian.caller.instruments.verifyScrap({ requestId: req.id, decision: "verify", reason: "end_of_life", note: "已超使用年限" });
    return { old, req: v };
  };
  const waiting = async (p: Phone) => (await p.caller.instruments.pendingScraps()).map((r) => r.requestId);

  it("the settings list the general manager with the department heads, with their roles; only active leaders are accepted", async () => {
    const s = await techHead.caller.instruments.settings();
    const leaders = s.leaders.map((l) => [l.id, l.role]);
    expect(leaders).toEqual(
      expect.arrayContaining([
        [gm.user.id, "general_manager"],
        [head.user.id, "department_head"],
        [techHead.user.id, "department_head"],
      ]),
    );
    expect(s.leaders[0]).toMatchObject({ role: "general_manager" });
    expect(s.leaders.map((l) => l.id)).not.toContain(wang.user.id);
    expect(s.leaders.map((l) => l.id)).not.toContain(custodian.user.id);
    for (const who of [wang, custodian]) {
      const e = await expectAppError(nameApprover(who.user.id), "rule_violation");
      expect(e.data.details).toMatchObject({ rule: "scrap_approver_invalid" });
    }
    const away = await phoneFor(t.db, "general_manager", "enterprise_management");
    await t.db.update(users).set({ active: false }).where(eq(users.id, away.user.id));
    expect((await custodian.caller.instruments.settings()).leaders.map((l) => l.id)).not.toContain(away.user.id);
    expect((await expectAppError(nameApprover(away.user.id), "rule_violation")).data.details).toMatchObject({ rule: "scrap_approver_invalid" });

    const saved = await nameApprover(gm.user.id);
    expect(saved).toMatchObject({ scrapApproverId: gm.user.id });
    expect(await custodian.caller.instruments.settings()).toMatchObject({
      scrapApproverName: "Test general_manager",
      scrapApprover: { id: gm.user.id, role: "general_manager", active: true },
    });
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.name, "instrument.settingsChanged")).orderBy(desc(auditEvents.id)).limit(1);
    expect(audit).toMatchObject({ actorId: custodian.user.id, payload: { scrapApproverId: gm.user.id } });
  });

  it("proposed by the using department, verified by Technology Development, approved by the general manager: scrapped", async () => {
    await nameApprover(gm.user.id);
    const { old, req } = await verified();
    expect(req).toMatchObject({ status: "pending", approverId: gm.user.id });
    expect(await waiting(gm)).toContain(req.id);
    // the instrument's own head and Technology Development's head are not asked
    expect(await waiting(head)).not.toContain(req.id);
    expect(await waiting(techHead)).not.toContain(req.id);
    // the general manager opens its records before deciding
    const view = await gm.caller.instruments.get({ id: old.id });
    expect(view.scrapRequest).toMatchObject({ id: req.id, status: "pending" });
    expect(view.actions).toEqual([]);
    const decided = await gm.caller.instruments.decideScrap({ requestId: req.id, decision: "approve", reason: "同意报废" });
    expect(decided).toMatchObject({ status: "approved", decidedBy: gm.user.id, decisionReason: "同意报废" });
    expect(await instrumentById(t.db, old.id)).toMatchObject({ status: "scrapped", scrapPending: false });
    expect(await waiting(gm)).not.toContain(req.id);
    const usage = (await custodian.caller.instruments.get({ id: old.id })).usage.map((u) => u.kind);
    expect(usage).toEqual(expect.arrayContaining(["scrap_proposed", "scrap_requested", "scrap_approved"]));
  });

  it("a department head who is not the named approver is refused, even the instrument's own", async () => {
    await nameApprover(gm.user.id);
    const { old, req } = await verified();
    for (const p of [head, techHead]) {
      await expectAppError(p.caller.instruments.decideScrap({ requestId: req.id, decision: "approve", reason: "同意" }), "forbidden");
    }
    expect(await instrumentById(t.db, old.id)).toMatchObject({ status: "available", scrapPending: true });
    // the general manager rejects it: kept in service
    await gm.caller.instruments.decideScrap({ requestId: req.id, decision: "reject", reason: "再用一年" });
    expect(await instrumentById(t.db, old.id)).toMatchObject({ status: "available", scrapPending: false });
  });

  it("the general manager is refused when a department head is named, and when nobody is", async () => {
    await nameApprover(head.user.id);
    const named = await verified();
    expect(named.req).toMatchObject({ approverId: head.user.id });
    expect(await waiting(gm)).not.toContain(named.req.id);
    await expectAppError(gm.caller.instruments.decideScrap({ requestId: named.req.id, decision: "approve", reason: "同意" }), "forbidden");
    expect(await instrumentById(t.db, named.old.id)).toMatchObject({ status: "available", scrapPending: true });
    await head.caller.instruments.decideScrap({ requestId: named.req.id, decision: "approve", reason: "同意报废" });
    expect(await instrumentById(t.db, named.old.id)).toMatchObject({ status: "scrapped" });

    // nobody named: the instrument's department head decides, never the general manager
    await nameApprover(null);
    const unnamed = await verified();
    expect(await waiting(gm)).not.toContain(unnamed.req.id);
    expect(await waiting(head)).toContain(unnamed.req.id);
    await expectAppError(gm.caller.instruments.decideScrap({ requestId: unnamed.req.id, decision: "approve", reason: "同意" }), "forbidden");
  });

  it("the general manager named, then disabled: the request falls to the instrument's department head", async () => {
    const leaving = await phoneFor(t.db, "general_manager", "enterprise_management");
    await nameApprover(leaving.user.id);
    const { old, req } = await verified();
    expect(req).toMatchObject({ approverId: leaving.user.id });
    expect(await waiting(head)).not.toContain(req.id);
    await t.db.update(users).set({ active: false }).where(eq(users.id, leaving.user.id));
    expect(await waiting(head)).toContain(req.id);
    const s = await custodian.caller.instruments.settings();
    expect(s.scrapApprover).toMatchObject({ id: leaving.user.id, active: false });
    await head.caller.instruments.decideScrap({ requestId: req.id, decision: "approve", reason: "同意报废" });
    expect(await instrumentById(t.db, old.id)).toMatchObject({ status: "scrapped" });
    const [row] = await t.db.select().from(instrumentScrapRequests).where(eq(instrumentScrapRequests.id, req.id));
    expect(row).toMatchObject({ status: "approved", decidedBy: head.user.id });
    await nameApprover(null);
  });
});
