import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, surveyContacts, surveys } from "@/db/schema";
import { stratifiedSample } from "@/domain/analysis/sampling";
import { makeKeyCustomer } from "@/server/complaints/desk.fixtures";
import { person, type TPerson } from "@/server/quality/actions.fixtures";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { buildFrame, customerCategory, looksLikeOrganisation } from "./frame";
import { answers, order } from "./satisfaction.fixtures";

let t: TestDb;
let quality: TPerson, service: TPerson, gm: TPerson, head: TPerson, lineman: TPerson;

beforeAll(async () => {
  t = await createTestDb();
  quality = await person(t.db, "quality", "enterprise_management");
  service = await person(t.db, "customer_service", "customer_service");
  gm = await person(t.db, "general_manager", "enterprise_management");
  head = await person(t.db, "department_head", "customer_service");
  lineman = await person(t.db, "lineman", "terminal_service");
  // 2026: 20 residential customers, 6 businesses, one key-flagged order; the same customer twice (by digits);
  // a cancelled order, a contact with too few digits and a 2025 order stay out
  for (let i = 0; i < 20; i++) await order(t.db, { name: `住户${i}`, contact: `1350000${String(i).padStart(4, "0")}`, day: "2026-04-01" });
  const shops = ["城南五金店", "新华书店", "宏达电子有限公司", "Blue Sky Trading Co.", "开发区第二中学学校", "Riverside Hotel"];
  for (const [i, name] of shops.entries()) await order(t.db, { name, contact: `1360000${String(i).padStart(4, "0")}`, day: "2026-05-02" });
  await order(t.db, { name: "旧名字", contact: "135-0000-0001", day: "2026-01-03", at: new Date("2026-01-03T02:00:00Z") });
  await order(t.db, { name: "重点工厂", contact: "13700000001", day: "2026-06-01", key: true });
  await order(t.db, { name: "取消的", contact: "13700000002", day: "2026-06-01", status: "cancelled" });
  await order(t.db, { name: "短号", contact: "88123", day: "2026-06-01" });
  await order(t.db, { name: "去年的", contact: "13700000003", day: "2025-12-31" });
  // the register: the hospital (a number of its own) and the tax bureau, whose second number ordered in 2026
  await makeKeyCustomer(t.db, "市第一医院", "13900000099");
  const bureau = await makeKeyCustomer(t.db, "市税务局", "13900000088");
  await t.db.execute(sql`update key_customers set phone_digits = array['13900000088', '13600000001'] where id = ${bureau.id}`);
});
afterAll(async () => {
  await t?.close();
});

describe("the frame", () => {
  it("tells an organisation's name from a person's (small rule)", () => {
    for (const name of [
      "宏达电子有限公司",
      "城南五金店",
      "第三中学学校",
      "人民医院",
      "工商银行",
      "市税务局",
      "红星机械厂",
      "社区服务中心",
      "Acme Co., Ltd",
      "Foo Inc.",
      "Blue Sky Trading Co.",
    ])
      expect(looksLikeOrganisation(name), name).toBe(true);
    for (const name of ["张三", "李四先生", "王小明", "Vincent Cohen", "Mr Lee", "Inca Jones"]) expect(looksLikeOrganisation(name), name).toBe(false);
    expect(customerCategory({ name: "张三", key: true })).toBe("key");
    expect(customerCategory({ name: "新华书店", key: false })).toBe("business");
    expect(customerCategory({ name: "张三", key: false })).toBe("residential");
  });

  it("is the year's work-order customers by contact digits (latest order's name) and the key-customer register", async () => {
    const frame = await buildFrame(t.db, 2026);
    const byKey = new Map(frame.map((u) => [u.key, u]));
    expect(byKey.get("13500000001")?.name).toBe("住户1"); // 2026-04-01 is later than 2026-01-03's 旧名字
    expect(byKey.get("13700000001")).toMatchObject({ category: "key", name: "重点工厂" });
    expect(byKey.get("13600000000")).toMatchObject({ category: "business", name: "城南五金店" });
    // the bureau's second number ordered: one unit, the register's name, reached on the number that ordered
    expect(byKey.get("13600000001")).toMatchObject({ category: "key", name: "市税务局" });
    expect(byKey.has("13900000088")).toBe(false);
    expect(byKey.get("13900000099")).toMatchObject({ category: "key", name: "市第一医院", phone: "13900000099" });
    for (const k of ["13700000002", "88123", "13700000003"]) expect(byKey.has(k)).toBe(false);
    const count = (c: string) => frame.filter((u) => u.category === c).length;
    expect([frame.length, count("key"), count("business"), count("residential")]).toEqual([28, 3, 5, 20]);
  });
});

describe("survey.draw", () => {
  it("draws a stratified sample from a kept seed: the same seed gives the same customers; numbered SV-<year>-NN; audited", async () => {
    const a = await quality.caller.survey.draw({ year: 2026, title: "2026 年终调查", sampleSize: 10, seed: 20261206 });
    const b = await quality.caller.survey.draw({ year: 2026, title: "复核抽样", sampleSize: 10, seed: 20261206 });
    expect([a.code, b.code]).toEqual(["SV-2026-01", "SV-2026-02"]);
    expect(a).toMatchObject({ seed: 20261206, sampleSize: 10, frameSize: 28 });
    const keysOf = async (id: string) =>
      (await t.db.select().from(surveyContacts).where(eq(surveyContacts.surveyId, id)).orderBy(surveyContacts.seq)).map((c) => c.customerKey);
    const ka = await keysOf(a.id);
    expect(ka).toEqual(await keysOf(b.id));
    // the domain's draw on the same frame gives the same sample: the seed is all anyone needs to check it
    const frame = await buildFrame(t.db, 2026);
    expect(ka).toEqual(
      stratifiedSample(
        frame.map((u) => ({ id: u.key, category: u.category })),
        10,
        20261206,
      ).ids,
    );
    const detail = await service.caller.survey.get({ id: a.id });
    expect(detail.strata).toEqual([
      { category: "business", population: 5, allocated: 2, responded: 0 },
      { category: "key", population: 3, allocated: 1, responded: 0 },
      { category: "residential", population: 20, allocated: 7, responded: 0 },
    ]);
    expect(detail.contacts.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(detail.contacts.every((c) => c.status === "pending" && c.attempts === 0)).toBe(true);
    const other = await quality.caller.survey.draw({ year: 2026, title: "另一个种子", sampleSize: 10, seed: 1 });
    expect(await keysOf(other.id)).not.toEqual(ka);
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.name, "survey.drawn"));
    expect(audit[0]!.payload).toEqual({ code: "SV-2026-01", year: 2026, seed: 20261206, sampleSize: 10, frameSize: 28 });
  });

  it("keeps a seed it picked itself; a sample larger than the frame takes everyone; an empty year is refused (empty_frame)", async () => {
    const all = await quality.caller.survey.draw({ year: 2026, title: "全部", sampleSize: 2000 });
    expect(all.sampleSize).toBe(28);
    const [row] = await t.db.select().from(surveys).where(eq(surveys.id, all.id));
    expect(row!.seed).toBe(all.seed);
    // the register is in every year's frame: without it, a year without orders has nobody
    await t.db.execute(sql`update key_customers set active = false`);
    const shape = await expectAppError(quality.caller.survey.draw({ year: 2030, title: "无人", sampleSize: 5 }), "rule_violation");
    expect(shape.data.details).toMatchObject({ rule: "empty_frame" });
    await t.db.execute(sql`update key_customers set active = true`);
    expect((await quality.caller.survey.draw({ year: 2030, title: "只有重点客户", sampleSize: 5 })).frameSize).toBe(2);
    await expectAppError(quality.caller.survey.draw({ year: 2026, title: "", sampleSize: 5 }), "bad_input");
    await expectAppError(quality.caller.survey.draw({ year: 2026, title: "x", sampleSize: 0 }), "bad_input");
  });

  it("only quality draws and closes; quality and customer service work the list; nobody else", async () => {
    for (const who of [service, gm, head, lineman]) await expectAppError(who.caller.survey.draw({ year: 2026, title: "x", sampleSize: 1 }), "forbidden");
    const [s] = await quality.caller.survey.list({ year: 2026 });
    for (const who of [service, gm, head, lineman]) await expectAppError(who.caller.survey.close({ id: s!.id, version: 1 }), "forbidden");
    for (const who of [gm, head, lineman]) {
      await expectAppError(who.caller.survey.list({}), "forbidden");
      await expectAppError(who.caller.survey.get({ id: s!.id }), "forbidden");
    }
    const c = (await service.caller.survey.get({ id: s!.id })).contacts[0]!;
    await expectAppError(lineman.caller.survey.record({ id: c.id, version: c.version, status: "refused", channel: "phone" }), "forbidden");
  });
});

describe("survey.record and survey.close", () => {
  it("records answers, refusals and unreachable calls (attempts counted); a stale version is a conflict; audited", async () => {
    const [s] = (await service.caller.survey.list({ year: 2026 })).filter((x) => x.code === "SV-2026-01");
    const [c1, c2, c3] = (await service.caller.survey.get({ id: s!.id })).contacts;
    expect(await service.caller.survey.record({ id: c1!.id, version: 1, status: "unreachable", channel: "phone", comment: "无人接听" })).toMatchObject({
      version: 2,
      attempts: 1,
    });
    expect(await service.caller.survey.record({ id: c1!.id, version: 2, status: "unreachable", channel: "phone" })).toMatchObject({ attempts: 2 });
    await service.caller.survey.record({ id: c1!.id, version: 3, status: "letter_sent", channel: "letter" });
    const r = await quality.caller.survey.record({ id: c1!.id, version: 4, status: "answered", channel: "letter", answers: answers(5, { tariff: null }) });
    expect(r).toMatchObject({ version: 5, status: "answered", attempts: 2 });
    await expectAppError(service.caller.survey.record({ id: c2!.id, version: 2, status: "refused", channel: "phone" }), "conflict");
    await service.caller.survey.record({ id: c2!.id, version: 1, status: "refused", channel: "phone" });
    // an answered contact names all eleven elements, at least one answered
    await expectAppError(service.caller.survey.record({ id: c3!.id, version: 1, status: "answered", channel: "phone", answers: answers(null) }), "bad_input");
    await expectAppError(service.caller.survey.record({ id: c3!.id, version: 1, status: "answered", channel: "phone", answers: answers(6) }), "bad_input");

    const detail = await service.caller.survey.get({ id: s!.id });
    const first = detail.contacts[0]!;
    expect(first).toMatchObject({ status: "answered", channel: "letter", attempts: 2, answeredByName: quality.displayName, version: 5 });
    expect(first.answers).toMatchObject({ tariff: null, voice_clarity: 5 });
    expect(detail).toMatchObject({ responded: 1, responseRatePct: 10, byStatus: { answered: 1, refused: 1, pending: 8 } });
    expect(detail.strata.reduce((a, x) => a + x.responded, 0)).toBe(1);
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.name, "survey.recorded"));
    // each version's answers are in the chain (the row keeps only the last)
    expect(audit.map((a) => a.payload)).toContainEqual(
      expect.objectContaining({ code: "SV-2026-01", seq: 1, status: "answered", channel: "letter", version: 5 }),
    );
    const answered = audit.map((a) => a.payload as { version: number; answers: Record<string, number | null> | null }).find((p) => p.version === 5)!;
    expect(answered.answers).toMatchObject({ tariff: null, voice_clarity: 5 });
  });

  it("closing: quality only, version checked; a closed survey takes no more answers (survey_closed)", async () => {
    const [s] = (await quality.caller.survey.list({ year: 2026 })).filter((x) => x.code === "SV-2026-01");
    await expectAppError(quality.caller.survey.close({ id: s!.id, version: 9 }), "conflict");
    expect(await quality.caller.survey.close({ id: s!.id, version: 1 })).toMatchObject({ version: 2, responded: 1, sampleSize: 10 });
    const c3 = (await service.caller.survey.get({ id: s!.id })).contacts[2]!;
    const shape = await expectAppError(service.caller.survey.record({ id: c3.id, version: c3.version, status: "refused", channel: "phone" }), "rule_violation");
    expect(shape.data.details).toMatchObject({ rule: "survey_closed" });
    const again = await expectAppError(quality.caller.survey.close({ id: s!.id, version: 2 }), "rule_violation");
    expect(again.data.details).toMatchObject({ rule: "survey_closed" });
    const [closed] = await quality.caller.survey.list({ year: 2026 }).then((l) => l.filter((x) => x.code === "SV-2026-01"));
    expect(closed).toMatchObject({ status: "closed", responded: 1, responseRatePct: 10 });
    expect(closed!.closedAt).toBeInstanceOf(Date);
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.name, "survey.closed"));
    expect(audit.map((a) => a.payload)).toEqual([{ code: "SV-2026-01", responded: 1, sampleSize: 10 }]);
  });
});
