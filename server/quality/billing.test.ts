import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, billingChecks, exchanges, nonconformities, notices } from "@/db/schema";
import { monthOf } from "@/domain/quality/model";
import { operatorToday } from "@/domain/time/operator";
import { readableEvidence } from "@/server/evidence/access";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { makeInstrument, PNG_BASE64 } from "@/tests/helpers/instruments";
import { person, type TPerson } from "./actions.fixtures";

let t: TestDb;
let quality: TPerson, recorder: TPerson, switchHead: TPerson, switchLineman: TPerson, otherOps: TPerson, gm: TPerson;
let good: string, expired: string, atRepair: string;
const month = monthOf(operatorToday());

beforeAll(async () => {
  t = await createTestDb();
  quality = await person(t.db, "quality", "enterprise_management");
  recorder = await person(t.db, "operations", "switching_transmission");
  switchHead = await person(t.db, "department_head", "switching_transmission");
  switchLineman = await person(t.db, "lineman", "switching_transmission");
  otherOps = await person(t.db, "operations", "operations");
  gm = await person(t.db, "general_manager", "enterprise_management");
  await t.db.insert(exchanges).values([
    { code: "EX-01", nameZh: "城区交换局", nameEn: "City exchange" },
    { code: "EX-02", nameZh: "开发区交换局", nameEn: "Industrial zone exchange" },
    { code: "EX-09", nameZh: "旧局", nameEn: "Old exchange", active: false },
  ]);
  good = (await makeInstrument(t.db, { name: "PCM 话路特性测试仪", calibratedDaysAgo: 100 })).assetTag;
  expired = (await makeInstrument(t.db, { calibratedDaysAgo: 760 })).assetTag;
  atRepair = (await makeInstrument(t.db, { status: "at_repair" })).assetTag;
});
afterAll(async () => {
  await t?.close();
});

const checkOf = async (exchangeCode: string) => {
  const [row] = await t.db
    .select()
    .from(billingChecks)
    .where(and(eq(billingChecks.exchangeCode, exchangeCode), eq(billingChecks.month, month)));
  return row!;
};
const record = (checkId: string, version: number, over: Record<string, unknown> = {}) => ({
  checkId,
  version,
  callsPlaced: 1000,
  billedCorrectly: 1000,
  instrumentTag: good,
  ...over,
});

describe("billing.openMonth and the threshold (quality)", () => {
  it("opens the month for every active exchange, once; the switching and transmission office is told", async () => {
    expect(await quality.caller.billing.openMonth({ month })).toEqual({ opened: 2 });
    expect(await quality.caller.billing.openMonth({ month })).toEqual({ opened: 0 });
    const ex1 = await checkOf("EX-01");
    expect(ex1).toMatchObject({ status: "open", version: 1 });
    expect(ex1.dueOn.slice(0, 7)).toBe(month);
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.name, "billing.opened"));
    expect(audit.map((a) => a.payload)).toEqual(
      expect.arrayContaining([
        { exchangeCode: "EX-01", month },
        { exchangeCode: "EX-02", month },
      ]),
    );
    expect(audit).toHaveLength(2);
    const told = await t.db
      .select({ userId: notices.userId })
      .from(notices)
      .where(eq(notices.key, `quality.billingOpened:${ex1.id}`));
    // recorders of the office (its head too), not its lineman, not another department's operations
    expect(told.map((n) => n.userId).sort()).toEqual([recorder.id, switchHead.id].sort());
  });

  it("sets the threshold (90–100), audited from → to; the months show it", async () => {
    expect((await gm.caller.billing.months({})).thresholdPct).toBe(99.9);
    await expectAppError(quality.caller.billing.setThreshold({ thresholdPct: 80 }), "bad_input");
    await quality.caller.billing.setThreshold({ thresholdPct: 99.5 });
    await quality.caller.billing.setThreshold({ thresholdPct: 99.9 });
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.name, "quality.thresholdSet"));
    expect(audit.map((a) => a.payload)).toEqual([
      { key: "billing_threshold_pct", from: null, to: 99.5 },
      { key: "billing_threshold_pct", from: 99.5, to: 99.9 },
    ]);
  });
});

describe("billing.record (the switching and transmission office)", () => {
  it("only the office records: another department's operations and the office's lineman are refused", async () => {
    const c = await checkOf("EX-01");
    await expectAppError(otherOps.caller.billing.record(record(c.id, 1)), "forbidden");
    await expectAppError(quality.caller.billing.record(record(c.id, 1)), "forbidden");
    await expectAppError(switchLineman.caller.billing.record(record(c.id, 1)), "forbidden");
  });

  it("refuses an instrument without a valid permit, at repair, or unknown (instrument_not_usable); nothing is saved", async () => {
    const c = await checkOf("EX-01");
    for (const tag of [expired, atRepair, "IN-999999"]) {
      const shape = await expectAppError(recorder.caller.billing.record(record(c.id, 1, { instrumentTag: tag })), "instrument_not_usable");
      expect(shape.data.details).toMatchObject({ tag });
    }
    expect(await checkOf("EX-01")).toMatchObject({ status: "open", version: 1 });
    await expectAppError(recorder.caller.billing.record(record(c.id, 1, { billedCorrectly: 1001 })), "bad_input");
  });

  it("all billed right: passed, judged by today's threshold, attachments kept, audited; no nonconformity", async () => {
    const c = await checkOf("EX-01");
    const r = await recorder.caller.billing.record(
      record(c.id, 1, { instrumentTag: good.toLowerCase(), attachments: [{ mime: "image/png", base64: PNG_BASE64 }], note: "拨测 1000 次" }),
    );
    expect(r).toMatchObject({ passed: true, accuracyPct: 100, errors: 0, thresholdPct: 99.9, ncCode: null, version: 2 });
    const row = await checkOf("EX-01");
    expect(row).toMatchObject({ status: "recorded", instrumentTag: good, passed: true, recordedBy: recorder.id });
    expect(row.attachments).toHaveLength(1);
    await expectAppError(recorder.caller.billing.record(record(c.id, 2)), "invalid_transition");
    await expectAppError(recorder.caller.billing.record(record(c.id, 1)), "conflict");
  });

  it("an attachment is served to those who read the months and to the office, not to others", async () => {
    const [sha] = (await checkOf("EX-01")).attachments;
    const lineman = await person(t.db, "lineman", "terminal_service");
    const custodian = await person(t.db, "instrument_custodian", "technology_development");
    for (const who of [recorder, switchHead, otherOps, quality, gm])
      expect(await readableEvidence({ db: t.db, user: who.user, sha256: sha! }), who.user.role).not.toBeNull();
    for (const who of [lineman, custodian]) expect(await readableEvidence({ db: t.db, user: who.user, sha256: sha! }), who.user.role).toBeNull();
  });

  it("998 of 1000 billed right fails (below 99.9 %): a nonconformity against the office for quality to trace", async () => {
    const c = await checkOf("EX-02");
    const r = await switchHead.caller.billing.record(record(c.id, 1, { billedCorrectly: 998 }));
    expect(r).toMatchObject({ passed: false, accuracyPct: 99.8, errors: 2 });
    expect(r.ncCode).toMatch(/^NC-\d{4}-\d{4}$/);
    const [nc] = await t.db.select().from(nonconformities).where(eq(nonconformities.id, r.ncId!));
    expect(nc).toMatchObject({
      source: "billing_check",
      sourceRef: `EX-02 ${month}`,
      finding: "billing_below_threshold",
      labelKind: null,
      department: "switching_transmission",
      status: "open",
    });
    const told = await t.db
      .select({ userId: notices.userId })
      .from(notices)
      .where(eq(notices.key, `quality.nonconformityRaised:${r.ncId}`));
    expect(told.map((n) => n.userId)).toEqual([quality.id]);
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.name, "billing.recorded"), eq(auditEvents.subjectId, c.id)));
    expect(audit!.payload).toMatchObject({ passed: false, accuracyPct: 99.8, ncCode: r.ncCode, instrumentTag: good });
  });

  it("billing.months: every exchange and its months with the verdict and the nonconformity's code", async () => {
    const m = await otherOps.caller.billing.months({});
    expect(m.exchanges.map((e) => e.code)).toEqual(["EX-01", "EX-02", "EX-09"]);
    expect(m.rows.map((r) => [r.exchangeCode, r.month, r.status, r.passed, r.overdue])).toEqual([
      ["EX-01", month, "recorded", true, false],
      ["EX-02", month, "recorded", false, false],
    ]);
    expect(m.rows[1]).toMatchObject({ accuracyPct: 99.8, thresholdPct: 99.9, recordedByName: switchHead.displayName });
    expect(m.rows[1]!.ncCode).toMatch(/^NC-/);
    expect((await quality.caller.billing.months({ exchangeCode: "EX-02" })).rows).toHaveLength(1);
  });
});
