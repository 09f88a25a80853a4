import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, complaintCategories, workOrders } from "@/db/schema";
import { deadlineFrom, DEFAULT_POLICY, type TPolicyLimits } from "@/domain/complaints/deadlines";
import type { TCreateWorkOrderForm } from "@/domain/work-orders/schemas";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { currentPolicy } from "./policy";
import { auditOf, eventsOf, formById, noticesOf, person, type TPerson } from "./steps.fixtures";

let t: TestDb;
let cs: TPerson, quality: TPerson, admin: TPerson, headTs: TPerson, linemanTs: TPerson, headOps: TPerson, headFin: TPerson, gm: TPerson;

beforeAll(async () => {
  t = await createTestDb();
  cs = await person(t.db, "customer_service", "customer_service");
  quality = await person(t.db, "quality", "enterprise_management");
  admin = await person(t.db, "admin", "customer_service");
  headTs = await person(t.db, "department_head", "terminal_service");
  linemanTs = await person(t.db, "lineman", "terminal_service");
  headOps = await person(t.db, "department_head", "operations");
  headFin = await person(t.db, "department_head", "finance");
  gm = await person(t.db, "general_manager", "enterprise_management");
});
afterAll(async () => {
  await t?.close();
});

const limits = (change: (p: TPolicyLimits) => void = () => {}): TPolicyLimits => {
  const p = structuredClone(DEFAULT_POLICY);
  change(p);
  return p;
};

// ordered: the policy's versions build on each other
describe("the green-channel policy", () => {
  it("starts as version 1 = the default policy, inserted on first use", async () => {
    const p = await cs.caller.complaints.policy();
    expect(p.current).toMatchObject({ version: 1, limits: DEFAULT_POLICY, setBy: null });
    expect(p.history).toHaveLength(1);
    expect(await currentPolicy(t.db)).toEqual({ version: 1, limits: DEFAULT_POLICY });
  });

  it("quality sets a new version from the one it saw; the audit chain keeps what changed", async () => {
    const next = limits((p) => {
      p.key.repair = { unit: "hours", value: 2 };
    });
    expect(await quality.caller.complaints.setPolicy({ ...next, note: "医院要求两小时内修复", basedOn: 1 })).toEqual({ version: 2 });
    const p = await gm.caller.complaints.policy();
    expect(p.current).toMatchObject({ version: 2, note: "医院要求两小时内修复", setBy: "Test quality" });
    expect(p.current.limits.key.repair).toEqual({ unit: "hours", value: 2 });
    expect(p.history.map((h) => h.version)).toEqual([2, 1]);
    const audit = await auditOf(t.db, "2");
    expect(audit).toMatchObject([
      { name: "complaint.policySet", actorId: quality.id, payload: { version: 2, changed: [{ tier: "key", type: "repair", from: "4 hours", to: "2 hours" }] } },
    ]);
  });

  it("two editors: the second, based on an old version, is a conflict", async () => {
    const shape = await expectAppError(admin.caller.complaints.setPolicy({ ...limits(), note: "旧版本上修改", basedOn: 1 }), "conflict");
    expect(shape.data.details).toMatchObject({ version: 2 });
    expect((await currentPolicy(t.db)).version).toBe(2);
  });

  it("refuses a key customer's limit longer than everyone else's (policy_invalid), writing nothing", async () => {
    const bad = limits((p) => {
      p.key.install = { unit: "days", value: 9 };
    });
    const shape = await expectAppError(quality.caller.complaints.setPolicy({ ...bad, note: "错误", basedOn: 2 }), "rule_violation");
    expect(shape.data.details).toMatchObject({ rule: "policy_invalid", problems: [{ tier: "key", type: "install", problem: "key_longer" }] });
    expect((await currentPolicy(t.db)).version).toBe(2);
  });

  it("only quality and admins set it", async () => {
    for (const p of [cs, headTs, gm]) await expectAppError(p.caller.complaints.setPolicy({ ...limits(), note: "x", basedOn: 2 }), "forbidden");
  });
});

describe("categories and the key-customer register", () => {
  it("quality adds and changes a category (audit complaint.categorySaved); customer service may not", async () => {
    await quality.caller.complaints.saveCategory({ code: "number_porting", nameZh: "携号转网", nameEn: "Number porting", department: "customer_service" });
    expect((await cs.caller.complaints.categories()).find((c) => c.code === "number_porting")).toMatchObject({ nameZh: "携号转网", active: true });
    await quality.caller.complaints.saveCategory({
      code: "number_porting",
      nameZh: "携号转网",
      nameEn: "Number porting",
      department: "operations",
      active: false,
    });
    const [row] = await t.db.select().from(complaintCategories).where(eq(complaintCategories.code, "number_porting"));
    expect(row).toMatchObject({ department: "operations", active: false });
    expect((await auditOf(t.db, "number_porting")).map((a) => a.payload)).toMatchObject([{ created: true }, { created: false, active: false }]);
    await expectAppError(cs.caller.complaints.saveCategory({ code: "x_y", nameZh: "x", nameEn: "x", department: "finance" }), "forbidden");
  });

  it("customer service keeps the register: create, change by version, search by name or phone, inactive hidden", async () => {
    const created = await cs.caller.complaints.saveKeyCustomer({
      name: "市第一人民医院",
      category: "medical",
      contacts: [
        { name: "信息科", phone: "0571-8700 1234" },
        { name: "院办", phone: "138 0000 9999" },
      ],
    });
    expect(created.version).toBe(1);
    expect((await cs.caller.complaints.keyCustomers({ search: "87001234" })).map((k) => k.id)).toEqual([created.id]);
    expect((await cs.caller.complaints.keyCustomers({ search: "人民医院" })).map((k) => k.id)).toEqual([created.id]);
    await expectAppError(
      cs.caller.complaints.saveKeyCustomer({
        id: created.id,
        version: 5,
        name: "市第一人民医院",
        category: "medical",
        contacts: [{ name: "x", phone: "13800009999" }],
      }),
      "conflict",
    );
    const changed = await quality.caller.complaints.saveKeyCustomer({
      id: created.id,
      version: 1,
      name: "市第一人民医院",
      category: "medical",
      contacts: [{ name: "院办", phone: "138 0000 9999" }],
      active: false,
    });
    expect(changed).toEqual({ id: created.id, version: 2 });
    expect(await cs.caller.complaints.keyCustomers({})).not.toContainEqual(expect.objectContaining({ id: created.id }));
    expect((await cs.caller.complaints.keyCustomers({ includeInactive: true })).find((k) => k.id === created.id)).toMatchObject({ active: false, version: 2 });
    // a second customer of the same name is refused
    await expectAppError(
      cs.caller.complaints.saveKeyCustomer({ name: "市第一人民医院", category: "x", contacts: [{ name: "x", phone: "13800001111" }] }),
      "conflict",
    );
    expect((await auditOf(t.db, created.id)).map((a) => a.name)).toEqual(["complaint.keyCustomerSaved", "complaint.keyCustomerSaved"]);
    await expectAppError(
      headTs.caller.complaints.saveKeyCustomer({ name: "别的", category: "x", contacts: [{ name: "x", phone: "13800001111" }] }),
      "forbidden",
    );
  });
});

describe("a key customer's service request", () => {
  it("numbered, classified at once to the first department, due by the key tier; every department concerned told in writing", async () => {
    const kc = await cs.caller.complaints.saveKeyCustomer({ name: "市政府", category: "government", contacts: [{ name: "办公室", phone: "0571-8705 0000" }] });
    const before = new Date();
    const out = await cs.caller.complaints.createServiceRequest({
      keyCustomerId: kc.id,
      serviceType: "repair",
      channel: "line_189",
      contact: "办公室 0571-8705 0000",
      words: "会议室专线中断",
      departments: ["operations", "terminal_service"],
      clerkCheck: true,
    });
    expect(out).toMatchObject({ status: "classified", version: 1 });
    const f = await formById(t.db, out.id);
    const policy = await currentPolicy(t.db);
    expect(f).toMatchObject({
      code: out.code,
      kind: "service_request",
      serviceType: "repair",
      customerName: "市政府",
      keyCustomerId: kc.id,
      department: "operations",
      departmentsConcerned: ["operations", "terminal_service"],
      policyVersion: policy.version,
      recordedBy: cs.id,
    });
    expect(f.dueAt).toEqual(deadlineFrom(f.receivedAt, policy.limits.key.repair));
    expect(f.receivedAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(await eventsOf(t.db, f.id)).toMatchObject([{ action: "recorded", toStatus: "classified" }]);
    const told = async (p: TPerson) => (await noticesOf(t.db, p.id)).some((n) => n.kind === "complaint.serviceRequest" && n.href.endsWith(f.id));
    expect(await told(headOps)).toBe(true);
    expect(await told(headTs)).toBe(true);
    // a lineman gets the work order, not the office's record (which he may not open)
    expect(await told(linemanTs)).toBe(false);
    expect(await told(headFin)).toBe(false);
    // the departments concerned read it
    expect(await headTs.caller.complaints.get({ id: f.id })).toMatchObject({ id: f.id, keyCustomer: { id: kc.id, name: "市政府" } });
    await expectAppError(headFin.caller.complaints.get({ id: f.id }), "not_found");
  });
});

describe("key customers' work orders take their deadline from the policy", () => {
  const order = (o: Partial<TCreateWorkOrderForm> = {}): TCreateWorkOrderForm => ({
    kind: "repair",
    customerName: "市第一人民医院",
    address: "解放路 1 号",
    contact: "0571-8700 1234",
    service: "专线",
    scheduledFor: new Date().toISOString().slice(0, 10),
    clerkCheck: true,
    keyCustomer: true,
    ...o,
  });
  const dueOf = async (id: string) => (await t.db.select({ dueAt: workOrders.dueAt }).from(workOrders).where(eq(workOrders.id, id)))[0]!.dueAt;

  it("left empty: the key tier's limit of the order's kind (terminal maintenance → maintenance)", async () => {
    const policy = await currentPolicy(t.db);
    const before = Date.now();
    const repair = await cs.caller.workOrders.create(order());
    const due = (await dueOf(repair.id))!;
    const expected = (at: number) => deadlineFrom(new Date(at), policy.limits.key.repair).getTime();
    expect(due.getTime()).toBeGreaterThanOrEqual(expected(before));
    expect(due.getTime()).toBeLessThanOrEqual(expected(Date.now()));
    const maint = await cs.caller.workOrders.create(order({ kind: "terminal_maintenance" }));
    expect((await dueOf(maint.id))!.getTime()).toBeLessThanOrEqual(deadlineFrom(new Date(), policy.limits.key.maintenance).getTime());
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, repair.id));
    expect(audit!.payload).toMatchObject({ dueAt: due.toISOString() });
  });

  it("typed: allowed when earlier than the policy's, refused when later (desk.validation.deadlineAfterPolicy)", async () => {
    const soon = new Date(Date.now() + 30 * 60_000);
    const ok = await cs.caller.workOrders.create(order({ dueAt: soon }));
    expect(await dueOf(ok.id)).toEqual(soon);
    const late = new Date(Date.now() + 3 * 86_400_000);
    const shape = await expectAppError(cs.caller.workOrders.create(order({ dueAt: late, customerName: "太晚的承诺" })), "bad_input");
    expect(shape.data.fieldErrors).toEqual({ dueAt: "desk.validation.deadlineAfterPolicy" });
    expect(await t.db.select().from(workOrders).where(eq(workOrders.customerName, "太晚的承诺"))).toEqual([]);
  });

  it("not a key customer: no deadline", async () => {
    const plain = await cs.caller.workOrders.create(order({ keyCustomer: false, dueAt: new Date() }));
    expect(await dueOf(plain.id)).toBeNull();
  });
});
