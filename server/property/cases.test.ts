/** Issue 16: a PBX application recorded against the license registry, the item lists, the case list and record. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { propertyCases } from "@/db/schema";
import { operatorDay } from "@/domain/time/operator";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { catchError, expectAppError } from "@/tests/helpers/errors";
import { auditNamed } from "@/tests/helpers/warehouse";
import { nextCode } from "./counters";
import { EXPIRED_PBX, pbxInput, propertyPerson, VALID_PBX, type TPropertyPerson } from "./cases.fixtures";

let t: TestDb;
let service: TPropertyPerson, csHead: TPropertyPerson, techHead: TPropertyPerson, lineman: TPropertyPerson, keeper: TPropertyPerson, quality: TPropertyPerson;

beforeAll(async () => {
  t = await createTestDb({ seed: true });
  service = await propertyPerson(t.db, "customer_service", "customer_service");
  csHead = await propertyPerson(t.db, "department_head", "customer_service");
  techHead = await propertyPerson(t.db, "department_head", "technology_development");
  lineman = await propertyPerson(t.db, "lineman", "terminal_service");
  keeper = await propertyPerson(t.db, "warehouse_keeper", "finance");
  quality = await propertyPerson(t.db, "quality", "enterprise_management");
});
afterAll(async () => t?.close());

const casesCount = async () => (await t.db.select({ id: propertyCases.id }).from(propertyCases)).length;

describe("property.recordPbx", () => {
  it("records a valid application: PBX-YYYY-NNNN of the operator's year, the registry's entry and verdict kept, audited", async () => {
    const a = await service.caller.property.recordPbx(pbxInput());
    const b = await csHead.caller.property.recordPbx(pbxInput({ model: "kx tes 824cn" }));
    const year = operatorDay(new Date()).slice(0, 4);
    expect(a.code).toMatch(new RegExp(`^PBX-${year}-\\d{4}$`));
    expect(Number(b.code.slice(-4))).toBe(Number(a.code.slice(-4)) + 1);
    const [row] = await t.db.select().from(propertyCases).where(eq(propertyCases.id, a.id));
    expect(row).toMatchObject({ kind: "pbx", status: "recorded", rounds: 0, version: 1, customerPhoneDigits: expect.stringMatching(/^0216\d{7}$/) as unknown });
    expect(row!.details).toMatchObject({
      certificateNo: VALID_PBX.certificateNo,
      model: VALID_PBX.model,
      trunkLines: 8,
      registry: { verdict: "valid", applicant: "松下电器(中国)有限公司", equipmentName: "小型用户交换机 PBX" },
    });
    const [audit] = await auditNamed(t.db, a.id, "property.pbxRecorded");
    expect(audit!.payload).toMatchObject({ code: a.code, certificateNo: VALID_PBX.certificateNo, verdict: "valid" });
  });

  it.each([
    ["an expired certificate", EXPIRED_PBX, "license_expired"],
    ["an unknown certificate", { certificateNo: "99-Z999-999999", model: "KX-TES824CN" }, "license_unknown"],
    ["a model that is not the certificate's", { certificateNo: VALID_PBX.certificateNo, model: "JSY2000-06" }, "license_model_mismatch"],
  ])("refuses %s with the reason and records nothing", async (_label, cert, rule) => {
    const before = await casesCount();
    const shape = await expectAppError(service.caller.property.recordPbx(pbxInput(cert)), "rule_violation");
    expect(shape.data.details).toMatchObject({ rule, certificateNo: cert.certificateNo });
    expect(await casesCount()).toBe(before);
  });

  it("only customer service records (the clerk and its head; another department's head is refused)", async () => {
    await expectAppError(techHead.caller.property.recordPbx(pbxInput()), "forbidden");
    await expectAppError(lineman.caller.property.recordPbx(pbxInput()), "forbidden");
    await expectAppError(quality.caller.property.recordPbx(pbxInput()), "forbidden");
  });

  it("checks the input at the edge: certificate format, phone, trunk lines", async () => {
    const { shape } = await catchError(service.caller.property.recordPbx(pbxInput({ certificateNo: "03A511240178", customerPhone: "abc" })));
    expect(shape.data.fieldErrors).toMatchObject({ certificateNo: "validation.licenseNo", customerPhone: "property.validation.phone" });
  });
});

describe("numbering", () => {
  it("each kind counts on its own per operator year: PBX, CW, RL, MA; the year is the operator's (Shanghai)", async () => {
    const codes = await t.db.transaction(async (tx) => ({
      lateDec: await nextCode(tx, "works", new Date("2031-12-31T15:59:00Z")),
      newYear: await nextCode(tx, "works", new Date("2031-12-31T16:00:00Z")),
      again: await nextCode(tx, "works", new Date("2032-06-01T00:00:00Z")),
      letter: await nextCode(tx, "letter", new Date("2032-06-01T00:00:00Z")),
      agreement: await nextCode(tx, "maintenance", new Date("2032-06-01T00:00:00Z")),
    }));
    expect(codes).toEqual({ lateDec: "CW-2031-0001", newYear: "CW-2032-0001", again: "CW-2032-0002", letter: "RL-2032-0001", agreement: "MA-2032-0001" });
  });
});

describe("property.items / saveItem", () => {
  it("each list is read by the case readers; its organisers add and edit items, which are never deleted (made inactive)", async () => {
    const pbx = await lineman.caller.property.items({ kind: "pbx" });
    expect(pbx.length).toBeGreaterThan(0);
    expect(pbx.every((i) => i.kind === "pbx")).toBe(true);
    const works = await quality.caller.property.items({ kind: "works" });
    expect(works.length).toBeGreaterThan(0);

    const item = {
      kind: "works" as const,
      clause: "GB 50311 §9.9",
      group: "测试",
      textZh: "测试项目",
      textEn: "Test item",
      unit: "dB",
      active: true,
      sort: 999,
    };
    const { id } = await techHead.caller.property.saveItem(item);
    await techHead.caller.property.saveItem({ ...item, id, active: false, textZh: "测试项目（停用）" });
    const after = await quality.caller.property.items({ kind: "works" });
    expect(after.find((i) => i.id === id)).toMatchObject({ active: false, textZh: "测试项目（停用）", unit: "dB" });
    expect(await auditNamed(t.db, id, "property.itemSaved")).toHaveLength(2);
  });

  it("customer service keeps the PBX checklist, Technology Development the works list; not the other's", async () => {
    const item = { kind: "pbx" as const, clause: "P2-99", group: "测试", textZh: "测试", textEn: "", unit: null, active: true, sort: 999 };
    await expectAppError(techHead.caller.property.saveItem(item), "forbidden");
    const { id } = await service.caller.property.saveItem(item);
    await expectAppError(service.caller.property.saveItem({ ...item, kind: "works" }), "forbidden");
    // an item keeps its kind: the works list has no such item
    await expectAppError(techHead.caller.property.saveItem({ ...item, id, kind: "works" }), "not_found");
    await expectAppError(keeper.caller.property.saveItem(item), "forbidden");
  });

  it("a user who reads no cases cannot read the lists", async () => {
    await expectAppError(keeper.caller.property.items({ kind: "pbx" }), "forbidden");
  });
});

describe("property.list / get / people / linkable", () => {
  it("lists cases by kind, status and search (code, customer, phone digits), with the next round and open letter", async () => {
    const a = await service.caller.property.recordPbx(pbxInput({ customerName: "搜索测试 Search Test Ltd" }));
    const all = await lineman.caller.property.list({ kind: "pbx" });
    expect(all.rows.find((r) => r.id === a.id)).toMatchObject({ code: a.code, status: "recorded", rounds: 0, openLetter: null, nextRound: null });
    expect(all.total).toBeGreaterThanOrEqual(1);
    expect((await quality.caller.property.list({ q: "search test" })).rows.map((r) => r.id)).toEqual([a.id]);
    expect((await quality.caller.property.list({ q: a.code })).rows.map((r) => r.id)).toEqual([a.id]);
    const row = (await t.db.select().from(propertyCases).where(eq(propertyCases.id, a.id)))[0]!;
    expect((await quality.caller.property.list({ q: row.customerPhoneDigits.slice(-7) })).rows.map((r) => r.id)).toEqual([a.id]);
    expect((await quality.caller.property.list({ kind: "works", q: a.code })).rows).toEqual([]);
    expect((await quality.caller.property.list({ status: "passed", q: a.code })).rows).toEqual([]);
    expect((await quality.caller.property.list({ overdue: true, q: a.code })).rows).toEqual([]);
  });

  it("get: the case with its details, no rounds yet, the viewer's steps", async () => {
    const a = await service.caller.property.recordPbx(pbxInput());
    const asService = await service.caller.property.get({ id: a.id });
    expect(asService.case).toMatchObject({ id: a.id, code: a.code, kind: "pbx", status: "recorded" });
    expect(asService.rounds).toEqual([]);
    expect(asService.letters).toEqual([]);
    expect(asService.version).toBe(1);
    expect(asService.allowedSteps.sort()).toEqual(["cancel", "schedule"]);
    expect((await lineman.caller.property.get({ id: a.id })).allowedSteps).toEqual([]);
    expect((await techHead.caller.property.get({ id: a.id })).allowedSteps).toEqual([]);
  });

  it("readers by department: a keeper of finance reads no cases", async () => {
    await expectAppError(keeper.caller.property.list({}), "forbidden");
    const a = await service.caller.property.recordPbx(pbxInput());
    await expectAppError(keeper.caller.property.get({ id: a.id }), "forbidden");
    await expectAppError(service.caller.property.get({ id: "00000000-0000-4000-8000-000000000000" }), "not_found");
  });

  it("people: active users for the inspector picker, by department", async () => {
    const people = await service.caller.property.people({ department: "terminal_service" });
    expect(people.length).toBeGreaterThan(0);
    expect(people.every((p) => p.department === "terminal_service")).toBe(true);
    expect(Object.keys(people[0]!).sort()).toEqual(["department", "id", "name", "role"]);
    await expectAppError(keeper.caller.property.people({}), "forbidden");
  });

  it("linkable: open cases of a customer's phone (by digits) or a search, for the work-order desk", async () => {
    const a = await service.caller.property.recordPbx(pbxInput({ customerPhone: "(021) 6999-1234" }));
    const byPhone = await service.caller.property.linkable({ customerPhone: "02169991234" });
    expect(byPhone.map((c) => c.id)).toEqual([a.id]);
    expect((await service.caller.property.linkable({ q: a.code })).map((c) => c.code)).toEqual([a.code]);
    await service.caller.property.cancel({ caseId: a.id, version: 1, reason: "客户撤回" });
    expect(await service.caller.property.linkable({ customerPhone: "02169991234" })).toEqual([]);
  });
});
