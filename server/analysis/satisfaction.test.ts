import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, surveyContacts } from "@/db/schema";
import { yearPeriod } from "@/domain/analysis/periods";
import { meanWithCi, mergeSums, satisfactionIndex, sumAnswers, type TWeights } from "@/domain/analysis/satisfaction";
import { CATALOGUES } from "@/messages/catalogue";
import { makeKeyCustomer } from "@/server/complaints/desk.fixtures";
import { person, type TPerson } from "@/server/quality/actions.fixtures";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { satisfactionBlocks } from "./satisfaction";
import { answers, callback, order, signed } from "./satisfaction.fixtures";

let t: TestDb;
let quality: TPerson, gm: TPerson, head: TPerson, service: TPerson, lineman: TPerson;
const W: TWeights = { attitude: 30, install: 30, charging: 10, acceptance: 20, communication: 10 };
const EVEN: TWeights = { attitude: 20, install: 20, charging: 20, acceptance: 20, communication: 20 };

const lookup = (messages: unknown, key: string): unknown =>
  key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);

beforeAll(async () => {
  t = await createTestDb();
  quality = await person(t.db, "quality", "enterprise_management");
  gm = await person(t.db, "general_manager", "enterprise_management");
  head = await person(t.db, "department_head", "terminal_service");
  service = await person(t.db, "customer_service", "customer_service");
  lineman = await person(t.db, "lineman", "terminal_service");
  const hospital = await makeKeyCustomer(t.db, "市第一医院", "139-0000-0099");
  // 2025: a key customer's order rated 5/4 in March, a residential one rated 3 (on time not rated) in June
  await signed(t.db, await order(t.db, { name: "城东机械厂", contact: "13800000001", day: "2025-03-05", key: true }), "2025-03-10T02:00:00Z", 5, 4);
  await signed(t.db, await order(t.db, { name: "张三", contact: "138 0000 0002", day: "2025-05-20" }), "2025-06-01T02:00:00Z", 3, null);
  await order(t.db, { name: "李四", contact: "13800000004", day: "2025-07-01" });
  await order(t.db, { name: "Acme Co., Ltd", contact: "13800000005", day: "2025-08-01" });
  // 2024: one order rated 1/1
  await signed(t.db, await order(t.db, { name: "王五", contact: "13800000003", day: "2024-11-02" }), "2024-11-03T02:00:00Z", 1, 1);
  // callbacks: 5 in March; 2 for the key customer at 00:30 on 1 April Beijing time; one without a score
  await callback(t.db, service.id, "2025-03-15T02:00:00Z", 5);
  await callback(t.db, service.id, "2025-03-31T16:30:00Z", 2, hospital.id);
  await callback(t.db, service.id, "2025-05-01T02:00:00Z", null);
});
afterAll(async () => {
  await t?.close();
});

describe("satisfaction weights (versions per year)", () => {
  it("quality sets a year's weights as versions; readers see the current one and the history; audited", async () => {
    expect(await quality.caller.satisfaction.setWeights({ year: 2025, weights: EVEN, note: "初稿" })).toEqual({ year: 2025, version: 1 });
    expect(await quality.caller.satisfaction.setWeights({ year: 2025, weights: W })).toEqual({ year: 2025, version: 2 });
    const r = await gm.caller.satisfaction.weights({ year: 2025 });
    expect(r.current).toMatchObject({ year: 2025, version: 2, weights: W, setByName: quality.displayName });
    expect(r.history.map((h) => [h.version, h.note])).toEqual([
      [2, ""],
      [1, "初稿"],
    ]);
    expect((await head.caller.satisfaction.weights({ year: 2023 })).current).toBeNull();
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.name, "satisfaction.weightsSet"));
    expect(audit.map((a) => a.payload)).toEqual([
      { year: 2025, version: 1, weights: EVEN, note: "初稿" },
      { year: 2025, version: 2, weights: W, note: "" },
    ]);
  });

  it("refuses weights not adding up to 100 % (or with two decimals) with a translated key; nothing is stored", async () => {
    const shape = await expectAppError(quality.caller.satisfaction.setWeights({ year: 2025, weights: { ...W, charging: 11 } }), "bad_input");
    expect(shape.data.fieldErrors).toEqual({ weights: "analysis.validation.weights_sum" });
    const precise = await expectAppError(
      quality.caller.satisfaction.setWeights({ year: 2025, weights: { ...W, charging: 9.95, acceptance: 20.05 } }),
      "bad_input",
    );
    expect(precise.data.fieldErrors).toEqual({ weights: "analysis.validation.weights_precision" });
    for (const locale of ["en", "zh-CN"] as const) {
      expect(typeof lookup(CATALOGUES[locale], "analysis.validation.weights_sum")).toBe("string");
      expect(typeof lookup(CATALOGUES[locale], "analysis.validation.weights_precision")).toBe("string");
    }
    expect((await gm.caller.satisfaction.weights({ year: 2025 })).current?.version).toBe(2);
    // a form opened on version 1 (or on none) does not overwrite version 2: a conflict, nothing saved
    await expectAppError(quality.caller.satisfaction.setWeights({ year: 2025, weights: EVEN, basedOn: 1 }), "conflict");
    await expectAppError(quality.caller.satisfaction.setWeights({ year: 2025, weights: EVEN, basedOn: 0 }), "conflict");
    expect((await gm.caller.satisfaction.weights({ year: 2025 })).current?.version).toBe(2);
  });

  it("only quality sets weights; only readers read them and the results", async () => {
    for (const who of [gm, head, service, lineman]) await expectAppError(who.caller.satisfaction.setWeights({ year: 2025, weights: W }), "forbidden");
    for (const who of [service, lineman]) {
      await expectAppError(who.caller.satisfaction.weights({ year: 2025 }), "forbidden");
      await expectAppError(who.caller.satisfaction.results({ year: 2025 }), "forbidden");
    }
  });
});

describe("satisfaction.results", () => {
  it("without the year's weights: no index (weights null), the element scores still given", async () => {
    const r = await gm.caller.satisfaction.results({ year: 2024 });
    expect(r.weights).toBeNull();
    expect(r.overall.index).toBeNull();
    expect(r.overall.coveragePct).toBe(0);
    const install = r.overall.items.find((i) => i.item === "install")!;
    expect(install.elements.find((e) => e.element === "install_on_time")).toMatchObject({ n: 1, mean: 1, score: 0 });
  });

  it("sign-off ratings and callbacks of the year, each source and together; items nobody answered are left out (partial)", async () => {
    const r = await head.caller.satisfaction.results({ year: 2025 });
    expect(r.weights).toEqual({ year: 2025, version: 2, weights: W });
    const so = r.bySource.sign_off;
    expect(so.n).toBe(2);
    const elementsOf = (x: typeof so) => Object.fromEntries(x.items.flatMap((i) => i.elements).map((e) => [e.element, [e.n, e.score]]));
    expect(elementsOf(so)).toMatchObject({ attitude_install: [2, 75], install_on_time: [1, 75], attitude_counter: [0, null] });
    expect(so).toMatchObject({ index: 75, coveragePct: 60, missingItems: ["charging", "acceptance", "communication"] });
    expect(r.bySource.callback).toMatchObject({ n: 2, index: 62.5, coveragePct: 20 });
    expect(elementsOf(r.bySource.callback).complaint_handling).toEqual([2, 62.5]);
    expect(r.bySource.survey).toMatchObject({ n: 0, index: null });
    // (75 × 30 + 75 × 30 + 62.5 × 20) / 80
    expect(r.overall).toMatchObject({ n: 4, index: 71.9, coveragePct: 80, missingItems: ["charging", "communication"] });
    // key: the key customer's order (5, 4) and the hospital's callback (2); residential: 张三's 3 and the callback's 5
    expect(r.byCategory.key).toMatchObject({ n: 2, index: 71.9 });
    expect(r.byCategory.residential).toMatchObject({ n: 2, index: 70 });
    expect(r.byCategory.business).toMatchObject({ n: 0, index: null });
    const dept = Object.fromEntries(r.byDepartment.map((d) => [d.department, d.score]));
    expect(dept).toMatchObject({ terminal_service: 75, customer_service: 62.5, finance: null, operations: null });
    expect(r.survey).toBeNull();
    expect(r.previousYear).toMatchObject({ year: 2024, index: null, weights: null });
  });

  it("a period in operator days: a callback at 00:30 on 1 April Beijing time is April's", async () => {
    const r = await gm.caller.satisfaction.results({ year: 2025, from: "2025-03-01", to: "2025-03-31" });
    expect(r).toMatchObject({ from: "2025-03-01", to: "2025-03-31" });
    expect(r.bySource.sign_off.n).toBe(1);
    expect(r.bySource.callback).toMatchObject({ n: 1, index: 100 });
    await expectAppError(gm.caller.satisfaction.results({ year: 2025, from: "2025-04-01", to: "2025-03-01" }), "bad_input");
  });

  it("the previous year's index over that year's own weights, for the trend", async () => {
    await quality.caller.satisfaction.setWeights({ year: 2024, weights: W });
    const r = await gm.caller.satisfaction.results({ year: 2025 });
    expect(r.previousYear).toMatchObject({ year: 2024, from: "2024-01-01", to: "2024-12-31", index: 0, weights: { year: 2024, version: 1 } });
  });

  it("the year's survey: its answers count (all eleven), with the response rate and the 95 % interval of respondents' own indexes", async () => {
    const drawn = await quality.caller.survey.draw({ year: 2025, title: "2025 年终满意度调查", sampleSize: 50, seed: 7 });
    expect(drawn.frameSize).toBe(5); // four customers of the year's orders (王五's is 2024's) and the hospital
    const { contacts } = await service.caller.survey.get({ id: drawn.id });
    const by = (name: string) => contacts.find((c) => c.name === name)!;
    expect(Object.fromEntries(contacts.map((c) => [c.name, c.category]))).toEqual({
      城东机械厂: "key",
      张三: "residential",
      李四: "residential",
      "Acme Co., Ltd": "business",
      市第一医院: "key",
    });
    const all4 = answers(4);
    const some = answers(null, { attitude_counter: 5, tariff: 2 });
    await service.caller.survey.record({ id: by("张三").id, version: 1, status: "answered", channel: "phone", answers: all4 });
    await service.caller.survey.record({ id: by("Acme Co., Ltd").id, version: 1, status: "answered", channel: "letter", answers: some });
    await service.caller.survey.record({ id: by("市第一医院").id, version: 1, status: "refused", channel: "phone" });

    const r = await gm.caller.satisfaction.results({ year: 2025 });
    expect(r.bySource.survey.n).toBe(2);
    expect(r.byCategory.business?.n).toBe(1);
    const signOff = { attitude_install: { n: 2, sum: 8 }, install_on_time: { n: 1, sum: 4 } };
    const calls = { complaint_handling: { n: 2, sum: 7 } };
    const expected = satisfactionIndex(mergeSums(signOff, calls, sumAnswers([all4, some])), W);
    expect(r.overall.index).toBe(expected.index);
    expect(r.overall.missingItems).toEqual([]);
    expect(r.overall.n).toBe(6);
    // respondents' own indexes, exact (rounded once, in the interval): 75 and (100 × 30 + 25 × 10) / 40 = 81.25, over a frame of 5
    expect(r.survey).toMatchObject({ code: drawn.code, sampleSize: 5, responded: 2, responseRatePct: 40, ci: meanWithCi([75, 81.25], 5) });
    expect(r.survey!.ci).toMatchObject({ n: 2, mean: 78.1 });

    // a month's results count only the answers recorded in it
    const march = await gm.caller.satisfaction.results({ year: 2025, from: "2025-03-01", to: "2025-03-31" });
    expect(march.bySource.survey.n).toBe(0);
  });

  it("report blocks: the figures (index, n, coverage, previous year, response rate) and the items' table", async () => {
    const r = await gm.caller.satisfaction.results({ year: 2025 });
    const blocks = await satisfactionBlocks(t.db, yearPeriod(2025));
    const figures = blocks.find((b) => b.id === "satisfaction");
    expect(figures?.type).toBe("figures");
    if (figures?.type !== "figures") return;
    expect(Object.fromEntries(figures.figures.map((f) => [f.key, [f.value, f.unit, f.previous ?? null]]))).toEqual({
      satisfaction_index: [r.overall.index, "score", 0],
      satisfaction_n: [6, "count", null],
      satisfaction_coverage: [100, "pct", null],
      survey_response_rate: [40, "pct", null],
    });
    const table = blocks.find((b) => b.id === "satisfaction_items");
    if (table?.type !== "table") throw new Error("no items table");
    expect(table.columns).toEqual(["weight_pct", "score", "n", "sign_off", "callback", "survey"]);
    expect(table.rows).toHaveLength(16);
    expect(table.rows[0]).toMatchObject({ key: "item.attitude", label: { "zh-CN": "① 服务态度", en: "① Staff attitude" } });
    expect(table.rows[0]!.cells[0]).toBe(30);
    const onTime = table.rows.find((row) => row.key === "element.install_on_time")!;
    // together: 4 (sign-off) and 4 (survey) → 75; sign-off 75, no callback score, survey 75
    expect(onTime.cells).toEqual([null, 75, 2, 75, null, 75]);
    const stored = await t.db.select().from(surveyContacts);
    expect(stored).toHaveLength(5);
  });

  it("a second draw in the year becomes the year's survey: the first one's answers are kept but no longer counted (never twice)", async () => {
    const before = await gm.caller.satisfaction.results({ year: 2025 });
    expect(before.bySource.survey.n).toBe(2);
    const again = await quality.caller.survey.draw({ year: 2025, title: "2025 年终满意度调查（重抽）", sampleSize: 50, seed: 7 });
    const after = await gm.caller.satisfaction.results({ year: 2025 });
    expect(after.survey).toMatchObject({ code: again.code, responded: 0 });
    expect(after.bySource.survey.n).toBe(0);
    const { contacts } = await service.caller.survey.get({ id: again.id });
    const zhang = contacts.find((c) => c.name === "张三")!;
    await service.caller.survey.record({ id: zhang.id, version: 1, status: "answered", channel: "phone", answers: answers(4) });
    expect((await gm.caller.satisfaction.results({ year: 2025 })).bySource.survey.n).toBe(1);
  });
});
