/** Issue 16: inspection rounds scheduled and cancelled at the office; the items of a first round and a re-inspection. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { propertyItems } from "@/db/schema";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { catchError, expectAppError } from "@/tests/helpers/errors";
import { makeUser } from "@/tests/helpers/users";
import { auditNamed, noticesTo } from "@/tests/helpers/warehouse";
import { caseRow, inDays, inspect, lastRound, pbxInput, propertyPerson, schedule, today, versionOf, worksCase, type TPropertyPerson } from "./cases.fixtures";

let t: TestDb;
let service: TPropertyPerson, techHead: TPropertyPerson, custodian: TPropertyPerson, lineman: TPropertyPerson, lineman2: TPropertyPerson;
let quality: TPropertyPerson;

beforeAll(async () => {
  t = await createTestDb({ seed: true });
  service = await propertyPerson(t.db, "customer_service", "customer_service");
  techHead = await propertyPerson(t.db, "department_head", "technology_development");
  custodian = await propertyPerson(t.db, "instrument_custodian", "technology_development");
  lineman = await propertyPerson(t.db, "lineman", "terminal_service");
  lineman2 = await propertyPerson(t.db, "lineman", "terminal_service");
  quality = await propertyPerson(t.db, "quality", "enterprise_management");
});
afterAll(async () => t?.close());

const activeItemIds = async (kind: "pbx" | "works") => (await quality.caller.property.items({ kind })).filter((i) => i.active).map((i) => i.id);

describe("property.schedule", () => {
  it("a first round: every active item of the list (text snapshot), the inspectors as they are now, noticed; the case scheduled", async () => {
    const a = await service.caller.property.recordPbx(pbxInput());
    const r = await schedule(service, a.id, [lineman.id, service.id]);
    expect(r).toMatchObject({ roundNo: 1, version: 2 });
    const c = await service.caller.property.get({ id: a.id });
    expect(c.case).toMatchObject({ status: "scheduled", rounds: 1 });
    const round = c.rounds[0]!;
    expect(round).toMatchObject({
      id: r.roundId,
      roundNo: 1,
      status: "scheduled",
      scheduledFor: today(),
      departments: ["terminal_service", "customer_service"],
    });
    expect(round.items.map((i) => i.itemId)).toEqual(await activeItemIds("pbx"));
    expect(round.items.every((i) => i.result === null && i.textZh.length > 0)).toBe(true);
    // by name
    expect(round.inspectors.map((i) => [i.userId, i.name, i.department, i.signedAt])).toEqual([
      [service.id, "Test customer_service", "customer_service", null],
      [lineman.id, "Test lineman", "terminal_service", null],
    ]);
    for (const who of [lineman, service]) {
      const [n] = await noticesTo(t.db, who.id, "property.roundAssigned");
      expect(n).toMatchObject({ href: `/property/rounds#${r.roundId}` });
      expect(n!.params).toMatchObject({ code: a.code, round: 1, date: today() });
    }
    const [audit] = await auditNamed(t.db, a.id, "property.roundScheduled");
    expect(audit!.payload).toMatchObject({ code: a.code, roundNo: 1, scheduledFor: today(), inspectors: [{ userId: lineman.id }, { userId: service.id }] });

    // a later edit of the list never changes the round
    const first = round.items[0]!;
    await service.caller.property.saveItem({
      id: first.itemId,
      kind: "pbx",
      clause: first.clause,
      group: first.group,
      textZh: "改过的文字",
      textEn: "",
      unit: null,
      active: true,
      sort: 10,
    });
    expect((await lastRound(service.caller, a.id)).items[0]!.textZh).toBe(first.textZh);
    await t.db.update(propertyItems).set({ textZh: first.textZh }).where(eq(propertyItems.id, first.itemId));
  });

  it("the day is today or later, at most 180 days ahead; the inspectors are active people", async () => {
    const a = await service.caller.property.recordPbx(pbxInput());
    const base = { caseId: a.id, version: 1, inspectorIds: [lineman.id], departments: ["terminal_service" as const], extraItemIds: [], note: "" };
    for (const day of [inDays(-1), inDays(181)]) {
      const { shape } = await catchError(service.caller.property.schedule({ ...base, scheduledFor: day }));
      expect(shape.data.fieldErrors).toEqual({ scheduledFor: "property.validation.scheduleDate" });
    }
    const gone = await makeUser(t.db, { role: "lineman", active: false });
    const { shape } = await catchError(service.caller.property.schedule({ ...base, scheduledFor: inDays(180), inspectorIds: [lineman.id, gone.id] }));
    expect(shape.data.fieldErrors).toEqual({ inspectorIds: "property.validation.inspectors" });
    const dup = await catchError(service.caller.property.schedule({ ...base, scheduledFor: today(), inspectorIds: [lineman.id, lineman.id] }));
    expect(dup.shape.data.fieldErrors).toMatchObject({ inspectorIds: "property.validation.inspectors" });
    await service.caller.property.schedule({ ...base, scheduledFor: inDays(180) });
    expect((await caseRow(t.db, a.id)).status).toBe("scheduled");
  });

  it("a stale version is a conflict with the current state; nothing changes", async () => {
    const a = await service.caller.property.recordPbx(pbxInput());
    await schedule(service, a.id, [lineman.id]);
    const shape = await expectAppError(service.caller.property.cancelRound({ caseId: a.id, version: 1, note: "" }), "conflict");
    expect(shape.data.details).toEqual({ status: "scheduled", version: 2 });
    expect((await caseRow(t.db, a.id)).status).toBe("scheduled");
  });

  it("who and when: customer service organises a PBX, Technology Development works; not while scheduled", async () => {
    const a = await service.caller.property.recordPbx(pbxInput());
    await expectAppError(schedule(techHead, a.id, [lineman.id]), "forbidden");
    await expectAppError(schedule(lineman, a.id, [lineman.id]), "forbidden");
    await expectAppError(schedule(quality, a.id, [lineman.id]), "forbidden");
    await schedule(service, a.id, [lineman.id]);
    await expectAppError(schedule(service, a.id, [lineman.id]), "invalid_transition");

    const w = await worksCase(t.db, service.id);
    await expectAppError(schedule(service, w.id, [lineman.id]), "forbidden");
    const r = await schedule(custodian, w.id, [custodian.id, lineman.id]);
    expect((await lastRound(techHead.caller, w.id)).items.map((i) => i.itemId)).toEqual(await activeItemIds("works"));
    expect(r.roundNo).toBe(1);
  });

  it("works need the design documents and the constructor's test report first (documents_required)", async () => {
    const w = await worksCase(t.db, service.id, ["design"]);
    const shape = await expectAppError(schedule(techHead, w.id, [custodian.id]), "rule_violation");
    expect(shape.data.details).toMatchObject({ rule: "documents_required" });
  });
});

describe("property.cancelRound", () => {
  it("back to recorded when nothing was inspected; the round is kept cancelled and the next one takes the next number", async () => {
    const a = await service.caller.property.recordPbx(pbxInput());
    await schedule(service, a.id, [lineman.id]);
    await expectAppError(lineman.caller.property.cancelRound({ caseId: a.id, version: 2, note: "" }), "forbidden");
    await expectAppError(techHead.caller.property.cancelRound({ caseId: a.id, version: 2, note: "" }), "forbidden");
    expect(await service.caller.property.cancelRound({ caseId: a.id, version: 2, note: "客户改期" })).toEqual({ status: "recorded", version: 3 });
    await expectAppError(service.caller.property.cancelRound({ caseId: a.id, version: 3, note: "" }), "invalid_transition");
    const r2 = await schedule(service, a.id, [lineman.id]);
    expect(r2.roundNo).toBe(2);
    const c = await service.caller.property.get({ id: a.id });
    expect(c.rounds.map((r) => [r.roundNo, r.status])).toEqual([
      [1, "cancelled"],
      [2, "scheduled"],
    ]);
    // nothing inspected yet: round 2 is a whole first inspection
    expect(c.rounds[1]!.items.map((i) => i.itemId)).toEqual(await activeItemIds("pbx"));
    expect(await auditNamed(t.db, a.id, "property.roundCancelled")).toHaveLength(1);
  });

  it("back to rectified when a round was inspected before", async () => {
    const a = await service.caller.property.recordPbx(pbxInput());
    await schedule(service, a.id, [lineman.id]);
    await inspect(lineman, service.caller, a.id, { failed: [0], signers: [lineman.id] });
    await service.caller.property.reportRectified({ caseId: a.id, version: await versionOf(service.caller, a.id), note: "" });
    await schedule(service, a.id, [lineman.id]);
    const { status } = await service.caller.property.cancelRound({ caseId: a.id, version: await versionOf(service.caller, a.id), note: "" });
    expect(status).toBe("rectified");
  });
});

describe("re-inspection", () => {
  it("inspects the previous round's failed items and the extra ones chosen, in the list's order; extra items must be active items of the list", async () => {
    const a = await service.caller.property.recordPbx(pbxInput());
    await schedule(service, a.id, [lineman.id, lineman2.id]);
    const { round, failed } = await inspect(lineman, service.caller, a.id, { failed: [1, 3], signers: [lineman.id, lineman2.id] });
    expect((await caseRow(t.db, a.id)).status).toBe("failed");
    await service.caller.property.issueLetter({ caseId: a.id, version: await versionOf(service.caller, a.id), deadline: inDays(30), note: "" });
    await service.caller.property.reportRectified({ caseId: a.id, version: await versionOf(service.caller, a.id), note: "客户来电已整改" });

    const all = round.items.map((i) => i.itemId);
    const extra = all[0]!;
    const [inactive] = await t.db
      .insert(propertyItems)
      .values({ id: crypto.randomUUID(), kind: "pbx", clause: "P2-X", group: "测试", textZh: "停用项目", active: false, sort: 5 })
      .returning();
    const works = (await activeItemIds("works"))[0]!;
    for (const bad of [inactive!.id, works]) {
      const { shape } = await catchError(schedule(service, a.id, [lineman.id], { extraItemIds: [bad] }));
      expect(shape.data.fieldErrors).toEqual({ extraItemIds: "property.validation.items" });
    }
    const r2 = await schedule(service, a.id, [lineman.id], { extraItemIds: [extra] });
    expect(r2.roundNo).toBe(2);
    const second = await lastRound(service.caller, a.id);
    expect(second.items.map((i) => i.itemId)).toEqual(all.filter((id) => id === extra || failed.includes(id)));

    // a failed item made inactive since is inspected again all the same
    await inspect(lineman, service.caller, a.id, { failed: [2], signers: [lineman.id] });
    await t.db.update(propertyItems).set({ active: false }).where(eq(propertyItems.id, failed[1]!));
    await service.caller.property.reportRectified({ caseId: a.id, version: await versionOf(service.caller, a.id), note: "" });
    await schedule(service, a.id, [lineman.id]);
    expect((await lastRound(service.caller, a.id)).items.map((i) => i.itemId)).toEqual([failed[1]]);
    await t.db.update(propertyItems).set({ active: true }).where(eq(propertyItems.id, failed[1]!));
  });
});
