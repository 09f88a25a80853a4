/** Issue 15: `spotCheck.submit` v1 (a label walk from the phone) and the `spotChecks` feed. */
import { createHash, randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evidenceFiles, nonconformities, spotCheckMarks, spotChecks } from "@/db/schema";
import type { TCheckMark } from "@/domain/quality/schemas";
import { operatorToday } from "@/domain/time/operator";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { feedRows, pullCaughtUp } from "@/tests/helpers/sync";
import { auditNamed, LABEL_PHOTO, noticesTo, warehousePerson, type TWarehousePerson } from "@/tests/helpers/warehouse";

let t: TestDb;
let planner: TWarehousePerson, checker: TWarehousePerson, otherChecker: TWarehousePerson, keeper: TWarehousePerson;

beforeAll(async () => {
  t = await createTestDb({ seed: true });
  planner = await warehousePerson(t.db, "quality", "enterprise_management");
  checker = await warehousePerson(t.db, "quality", "enterprise_management");
  otherChecker = await warehousePerson(t.db, "quality", "enterprise_management");
  keeper = await warehousePerson(t.db, "warehouse_keeper");
});
afterAll(async () => t?.close());

const sha = (photo: { base64: string }) => createHash("sha256").update(Buffer.from(photo.base64, "base64")).digest("hex");
const PHOTO2 = { mime: "image/jpeg" as const, base64: Buffer.from("a photo of the missing label").toString("base64") };

function mark(o: Partial<TCheckMark> & Pick<TCheckMark, "labelKind" | "result">): TCheckMark {
  return { id: randomUUID(), tag: null, subject: "", expected: null, note: "", markedAt: new Date().toISOString(), ...o };
}

async function planZoneCheck(assigneeId: string, zoneCode = "HQ-EQ") {
  return planner.caller.quality.planCheck({ target: "zone", zoneCode, plannedFor: operatorToday(), assigneeId, note: "月度抽查" });
}

const ncsOf = (code: string) => t.db.select().from(nonconformities).where(eq(nonconformities.sourceRef, code)).orderBy(asc(nonconformities.code));
const checkRow = async (id: string) => (await t.db.select().from(spotChecks).where(eq(spotChecks.id, id)))[0];

describe("spotCheck.submit", () => {
  it("a planned walk: marks kept with what the phone showed, one nonconformity per finding against the label's owner, audited, noticed", async () => {
    const plan = await planZoneCheck(checker.id);
    expect(plan.code).toMatch(/^SC-\d{4}-\d{4}$/);
    // the checker's phone has it
    const feed = feedRows(await pullCaughtUp(checker.caller, checker.deviceId, t.db), "spotChecks");
    expect(feed.filter((c) => c.id === plan.id)).toMatchObject([
      { code: plan.code, target: "zone", zoneCode: "HQ-EQ", status: "planned", plannedFor: operatorToday() },
    ]);
    expect(feedRows(await pullCaughtUp(otherChecker.caller, otherChecker.deviceId, t.db), "spotChecks").some((c) => c.id === plan.id)).toBe(false);
    expect((await noticesTo(t.db, checker.id, "quality.checkAssigned")).map((n) => n.href)).toContain(`/quality/check#${plan.id}`);

    const marks = [
      mark({ tag: "EQ-000201", labelKind: "equipment", result: "correct", expected: { kind: "equipment", status: "in_service", zoneCode: "HQ-EQ" } }),
      mark({
        tag: "EQ-000202",
        labelKind: "equipment",
        result: "wrong_label",
        photo: LABEL_PHOTO,
        note: "标签写在用，实际在维修 / says in service, is under maintenance",
        expected: { kind: "equipment", status: "under_maintenance", zoneCode: "HQ-EQ" },
      }),
      mark({ tag: null, subject: "营业厅服务指南 / counter service guide", labelKind: "service_guide", result: "missing_label", photo: PHOTO2 }),
    ];
    const r = await checker.push("spotCheck.submit", { id: plan.id, planned: true, marks, note: "done" });
    expect(r).toMatchObject({ status: "applied" });

    expect(await checkRow(plan.id)).toMatchObject({ status: "submitted", submittedBy: checker.id, note: "done", planned: true, version: 2 });
    const stored = await t.db.select().from(spotCheckMarks).where(eq(spotCheckMarks.checkId, plan.id)).orderBy(asc(spotCheckMarks.markedAt));
    expect(stored).toHaveLength(3);
    const byTag = (tag: string | null) => stored.find((s) => s.tag === tag)!;
    expect(byTag("EQ-000201")).toMatchObject({ result: "correct", nonconformityId: null, photoSha256: null, expectedStatus: "in_service" });
    expect(byTag("EQ-000202")).toMatchObject({
      result: "wrong_label",
      photoSha256: sha(LABEL_PHOTO),
      expectedStatus: "under_maintenance",
      expectedZone: "HQ-EQ",
    });

    const ncs = await ncsOf(plan.code);
    expect(ncs.map((n) => [n.source, n.finding, n.labelKind, n.department, n.tag, n.status, n.raisedBy])).toEqual([
      ["spot_check", "wrong_label", "equipment", "operations", "EQ-000202", "open", checker.id],
      ["spot_check", "missing_label", "service_guide", "administration_hr", null, "open", checker.id],
    ]);
    expect(ncs[0]!.photoSha256).toBe(sha(LABEL_PHOTO));
    expect(ncs[0]!.description).toContain("EQ-000202");
    expect(ncs[1]!.description).toContain("counter service guide");
    expect(byTag("EQ-000202").nonconformityId).toBe(ncs[0]!.id);
    expect(
      await t.db
        .select({ sha256: evidenceFiles.sha256 })
        .from(evidenceFiles)
        .where(eq(evidenceFiles.sha256, sha(PHOTO2))),
    ).toHaveLength(1);

    const [audit] = await auditNamed(t.db, plan.id, "spotCheck.submitted");
    expect(audit).toMatchObject({ actorId: checker.id, subjectType: "spot_check" });
    expect(audit!.payload).toMatchObject({
      code: plan.code,
      planned: true,
      zoneCode: "HQ-EQ",
      nonconformities: ncs.map((n) => n.code),
      deviceId: checker.deviceId,
    });
    for (const n of ncs) expect(await auditNamed(t.db, n.id, "nonconformity.raised")).toHaveLength(1);
    // quality hears of the walk and of each nonconformity
    expect((await noticesTo(t.db, planner.id, "quality.checkSubmitted")).filter((n) => n.href === `/quality/checks/${plan.id}`)).toMatchObject([
      { params: { code: plan.code, findings: 2 } },
    ]);
    const raised = (await noticesTo(t.db, planner.id, "quality.nonconformityRaised")).map((n) => n.href);
    for (const n of ncs) expect(raised).toContain(`/quality/nonconformities/${n.id}`);
    // the feed tells the phone it is submitted
    const after = feedRows(await pullCaughtUp(checker.caller, checker.deviceId, t.db), "spotChecks").filter((c) => c.id === plan.id);
    expect(after.at(-1)).toMatchObject({ status: "submitted", version: 2 });

    // the office reads the walk: its marks with their photos' addresses, the nonconformities raised
    const detail = await planner.caller.quality.check({ id: plan.id });
    expect(detail).toMatchObject({ status: "submitted", submittedByName: "Test quality", nonconformityCodes: ncs.map((n) => n.code) });
    expect(detail.marks.find((m) => m.tag === "EQ-000202")).toMatchObject({ photoUrl: `/api/evidence/${sha(LABEL_PHOTO)}`, nonconformityCode: ncs[0]!.code });
    const listed = (await planner.caller.quality.checks({ status: "submitted", page: 1 })).rows.find((c) => c.id === plan.id);
    expect(listed).toMatchObject({ code: plan.code, zoneCode: "HQ-EQ", marks: 3, findings: 2, assigneeName: "Test quality" });

    // sent again (another mutation of the same walk): applies once
    const again = await checker.push("spotCheck.submit", { id: plan.id, planned: true, marks, note: "done" });
    expect(again).toMatchObject({ status: "already_in_state" });
    expect(await ncsOf(plan.code)).toHaveLength(2);
  });

  it("an unplanned walk makes its check (target zone), numbered by the server; a resend applies once", async () => {
    const id = uuidv7();
    const args = {
      id,
      planned: false,
      zoneCode: "WH1-A",
      marks: [mark({ tag: "ST-000105", labelKind: "material", result: "wrong_place", photo: LABEL_PHOTO, note: "分线盒在合格品区 / in accepted stock" })],
    };
    const mutationId = uuidv7();
    expect(await checker.push("spotCheck.submit", args, { mutationId })).toMatchObject({ status: "applied" });
    const row = await checkRow(id);
    expect(row).toMatchObject({ target: "zone", zoneCode: "WH1-A", planned: false, status: "submitted", assigneeId: checker.id, createdBy: checker.id });
    expect(row!.code).toMatch(/^SC-\d{4}-\d{4}$/);
    expect((await ncsOf(row!.code)).map((n) => [n.finding, n.department, n.tag])).toEqual([["wrong_place", "finance", "ST-000105"]]);
    expect(await checker.push("spotCheck.submit", args)).toMatchObject({ status: "already_in_state" });
    expect(await ncsOf(row!.code)).toHaveLength(1);
    // an unplanned walk is not on the phone's list of planned checks
    expect(feedRows(await pullCaughtUp(checker.caller, checker.deviceId, t.db), "spotChecks").some((c) => c.id === id)).toBe(false);
  });

  it("a large walk in parts: the first parts keep the check open, the last submits it; a part queued again records each mark once", async () => {
    const id = uuidv7();
    const m1 = mark({ tag: "EQ-000202", labelKind: "equipment", result: "wrong_label", photo: LABEL_PHOTO });
    const m2 = mark({ tag: "EQ-000203", labelKind: "facility", result: "wrong_place", photo: PHOTO2 });
    const m3 = mark({ tag: "EQ-000201", labelKind: "equipment", result: "correct" });
    const first = { id, planned: false, zoneCode: "HQ-EQ", marks: [m1], final: false };
    expect(await checker.push("spotCheck.submit", first)).toMatchObject({ status: "applied" });
    const open = await checkRow(id);
    expect(open).toMatchObject({ status: "planned", planned: false, assigneeId: checker.id, submittedAt: null });
    expect(await ncsOf(open!.code)).toHaveLength(1);
    // another checker cannot add to this unplanned walk
    expect(
      await otherChecker.push("spotCheck.submit", { ...first, marks: [mark({ tag: "EQ-000204", labelKind: "equipment", result: "correct" })] }),
    ).toMatchObject({
      status: "rejected",
      reasonCode: "invalid_transition",
    });
    // the app closed mid-way: the first part's mark comes again with the rest (a new change), and is skipped
    expect(await checker.push("spotCheck.submit", { ...first, marks: [m1, m2] })).toMatchObject({ status: "applied" });
    expect(await checker.push("spotCheck.submit", { id, planned: false, zoneCode: "HQ-EQ", marks: [m3], final: true })).toMatchObject({ status: "applied" });
    expect(await checkRow(id)).toMatchObject({ status: "submitted", submittedBy: checker.id, code: open!.code });
    const stored = await t.db.select().from(spotCheckMarks).where(eq(spotCheckMarks.checkId, id));
    expect(stored.map((m) => m.tag).sort()).toEqual(["EQ-000201", "EQ-000202", "EQ-000203"]);
    expect((await ncsOf(open!.code)).map((n) => [n.tag, n.finding, n.department])).toEqual([
      ["EQ-000202", "wrong_label", "operations"],
      ["EQ-000203", "wrong_place", "operations"],
    ]);
    // after the last part, another part is too late: the check is submitted
    expect(await checker.push("spotCheck.submit", { ...first, marks: [mark({ tag: "EQ-000204", labelKind: "equipment", result: "correct" })] })).toMatchObject({
      status: "already_in_state",
    });
  });

  it("refuses: another checker's planned check, an unknown check or zone, a role that does not walk checks, a finding without its photo", async () => {
    const plan = await planZoneCheck(checker.id);
    const ok = [mark({ tag: "EQ-000203", labelKind: "facility", result: "correct" })];
    expect(await otherChecker.push("spotCheck.submit", { id: plan.id, planned: true, marks: ok })).toMatchObject({
      status: "rejected",
      reasonCode: "not_allowed",
    });
    expect(await checker.push("spotCheck.submit", { id: randomUUID(), planned: true, marks: ok })).toMatchObject({
      status: "rejected",
      reasonCode: "not_found",
    });
    expect(await checker.push("spotCheck.submit", { id: uuidv7(), planned: false, zoneCode: "NO-SUCH-ZONE", marks: ok })).toMatchObject({
      status: "rejected",
      reasonCode: "unknown_zone",
    });
    expect(await checker.push("spotCheck.submit", { id: uuidv7(), planned: false, zoneCode: null, marks: ok })).toMatchObject({
      status: "rejected",
      reasonCode: "unknown_zone",
    });
    expect(await keeper.push("spotCheck.submit", { id: uuidv7(), planned: false, zoneCode: "WH1-A", marks: ok })).toMatchObject({
      status: "rejected",
      reasonCode: "not_allowed",
    });
    const noPhoto = [mark({ tag: "EQ-000203", labelKind: "facility", result: "wrong_label" })];
    expect(await checker.push("spotCheck.submit", { id: plan.id, planned: true, marks: noPhoto })).toMatchObject({
      status: "rejected",
      reasonCode: "bad_input",
    });
    // an unplanned walk cannot reuse a planned check's id
    expect(await checker.push("spotCheck.submit", { id: plan.id, planned: false, zoneCode: "HQ-EQ", marks: ok })).toMatchObject({
      status: "rejected",
      reasonCode: "invalid_transition",
    });
    expect(await checkRow(plan.id)).toMatchObject({ status: "planned", version: 1 });
    expect(
      await t.db
        .select()
        .from(spotCheckMarks)
        .where(and(eq(spotCheckMarks.checkId, plan.id))),
    ).toEqual([]);
  });
});
