import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, maintenanceAgreements } from "@/db/schema";
import type { TMaintenanceInput } from "@/domain/property/schemas";
import { addDays } from "@/domain/time/calendar";
import { operatorDay, startOfOperatorDay } from "@/domain/time/operator";
import { scribbleSignature } from "@/server/seed/property-files";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { errorShape } from "@/tests/helpers/errors";
import { maintenanceForCustomer } from "./maintenance";
import { person, type TPerson } from "./works.fixtures";

let t: TestDb;
let service: TPerson, lineman: TPerson, head: TPerson, otherHead: TPerson, quality: TPerson, keeper: TPerson, techhead: TPerson;
const today = operatorDay(new Date());
const H = 3_600_000;

const input = (over: Partial<TMaintenanceInput> = {}): TMaintenanceInput => ({
  customerName: "恒信贸易公司 Hengxin Trading",
  customerPhone: "0571-8600 3344",
  customerAddress: "商贸城 B 座 9 楼",
  equipment: ["松下 KX-TES824CN 用户交换机", "话务台 KX-T7730 ×2"],
  appliedOn: today,
  startsOn: today,
  endsOn: addDays(today, 364),
  terms: "每季度上门巡检一次；故障 4 小时内响应。",
  offeredBy: null,
  signature: null,
  ...over,
});

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    return errorShape(err).data;
  }
  throw new Error("expected a refusal");
}

beforeAll(async () => {
  t = await createTestDb();
  service = await person(t.db, "customer_service", "customer_service");
  lineman = await person(t.db, "lineman", "terminal_service");
  head = await person(t.db, "department_head", "terminal_service");
  otherHead = await person(t.db, "department_head", "finance");
  quality = await person(t.db, "quality", "enterprise_management");
  keeper = await person(t.db, "warehouse_keeper", "finance");
  techhead = await person(t.db, "department_head", "technology_development");
});
afterAll(async () => {
  await t?.close();
});

describe("maintenance.record", () => {
  it("counter staff record an agreement: MA-YYYY-NNNN, active, the signature kept, offered by them, audited", async () => {
    const r = await service.caller.maintenance.record(input({ signature: scribbleSignature(5) }));
    expect(r.code).toMatch(/^MA-\d{4}-\d{4}$/);
    const [row] = await t.db.select().from(maintenanceAgreements).where(eq(maintenanceAgreements.id, r.id));
    expect(row).toMatchObject({ status: "active", customerPhoneDigits: "057186003344", offeredBy: service.id, createdBy: service.id, version: 1 });
    expect(row!.signatureSha256).toMatch(/^[0-9a-f]{64}$/);
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, r.id), eq(auditEvents.name, "maintenance.recorded")));
    expect(audit).toMatchObject({ actorId: service.id, subjectType: "maintenance_agreement" });
    expect(audit!.payload).toMatchObject({ code: r.code, equipment: input().equipment });
  });

  it("a lineman at the site and terminal service's head record too; the lineman may name who offered it", async () => {
    const a = await lineman.caller.maintenance.record(input({ customerName: "李娜 Li Na", customerPhone: "139 0000 1103" }));
    const b = await head.caller.maintenance.record(input({ customerName: "陈刚 Chen Gang", customerPhone: "137 0000 1105", offeredBy: lineman.id }));
    const rows = await t.db.select().from(maintenanceAgreements);
    expect(rows.find((r) => r.id === a.id)!.offeredBy).toBe(lineman.id);
    expect(rows.find((r) => r.id === b.id)!.offeredBy).toBe(lineman.id);
  });

  it("refuses another department's head, quality, Technology Development's head; a future application day; an unknown offerer", async () => {
    expect((await refusal(otherHead.caller.maintenance.record(input()))).appCode).toBe("forbidden");
    expect((await refusal(techhead.caller.maintenance.record(input()))).appCode).toBe("forbidden");
    expect((await refusal(quality.caller.maintenance.record(input()))).appCode).toBe("forbidden");
    expect((await refusal(service.caller.maintenance.record(input({ appliedOn: addDays(today, 1) })))).fieldErrors).toEqual({
      appliedOn: "property.maintenance.appliedOnFuture",
    });
    expect((await refusal(service.caller.maintenance.record(input({ offeredBy: "00000000-0000-4000-8000-000000000000" })))).fieldErrors).toEqual({
      offeredBy: "property.maintenance.offeredBy",
    });
    expect((await refusal(service.caller.maintenance.record(input({ startsOn: today, endsOn: addDays(today, -1) })))).fieldErrors).toMatchObject({
      endsOn: "property.validation.period",
    });
  });
});

describe("maintenance.list and get", () => {
  it("lists agreements in force first; searches by name, phone digits and number", async () => {
    const all = await service.caller.maintenance.list({});
    expect(all.total).toBe(3);
    expect(all.rows.every((r) => r.inForce && r.status === "active")).toBe(true);
    expect((await service.caller.maintenance.list({ q: "恒信" })).rows.map((r) => r.customerName)).toEqual(["恒信贸易公司 Hengxin Trading"]);
    expect((await service.caller.maintenance.list({ q: "8600-3344" })).total).toBe(1);
    const code = all.rows[0]!.code;
    expect((await lineman.caller.maintenance.list({ q: code.toLowerCase() })).rows.map((r) => r.code)).toEqual([code]);
    expect((await service.caller.maintenance.list({ status: "ended" })).total).toBe(0);
  });

  it("get: the terms, who offered and recorded it; whether the caller may end it", async () => {
    const [first] = (await service.caller.maintenance.list({ q: "恒信" })).rows;
    const a = await service.caller.maintenance.get({ id: first!.id });
    expect(a).toMatchObject({ terms: input().terms, offeredByName: service.displayName, createdByName: service.displayName, mayEnd: true, inForce: true });
    expect((await lineman.caller.maintenance.get({ id: first!.id })).mayEnd).toBe(false);
  });

  it("a department that neither reads cases nor offers the service sees nothing", async () => {
    expect(await keeper.caller.maintenance.list({})).toMatchObject({ rows: [], total: 0 });
    const [first] = (await service.caller.maintenance.list({})).rows;
    expect((await refusal(keeper.caller.maintenance.get({ id: first!.id }))).appCode).toBe("not_found");
    expect(await keeper.caller.maintenance.forCustomer({ phone: "0571-8600 3344" })).toBeNull();
  });
});

describe("maintenance.forCustomer: the agreement in force today, by the phone's digits", () => {
  it("matches however the phone is written", async () => {
    for (const phone of ["0571-8600 3344", "057186003344", "(0571) 8600-3344"]) {
      expect((await lineman.caller.maintenance.forCustomer({ phone }))?.customerName).toBe("恒信贸易公司 Hengxin Trading");
    }
    expect(await lineman.caller.maintenance.forCustomer({ phone: "0571-8600 3345" })).toBeNull();
    expect(await lineman.caller.maintenance.forCustomer({ phone: "3344" })).toBeNull();
  });

  it("covers its first and last day (operator time), not the day before or after", async () => {
    const startsOn = addDays(today, 10);
    const endsOn = addDays(today, 20);
    await service.caller.maintenance.record(input({ customerName: "期限测试 Period", customerPhone: "0571-1234 5678", startsOn, endsOn }));
    // 00:30 and 23:30 operator time: the operator's day, whatever the UTC date
    const on = (day: string, hour: number) => new Date(startOfOperatorDay(day).getTime() + hour * H);
    expect(await maintenanceForCustomer(t.db, "0571-1234 5678", on(addDays(startsOn, -1), 23.5))).toBeNull();
    expect((await maintenanceForCustomer(t.db, "0571-1234 5678", on(startsOn, 0.5)))?.customerName).toBe("期限测试 Period");
    expect((await maintenanceForCustomer(t.db, "0571-1234 5678", on(endsOn, 23.5)))?.endsOn).toBe(endsOn);
    expect(await maintenanceForCustomer(t.db, "0571-1234 5678", on(addDays(endsOn, 1), 0.5))).toBeNull();
    expect(await lineman.caller.maintenance.forCustomer({ phone: "0571-1234 5678" })).toBeNull();
  });
});

describe("maintenance.end", () => {
  it("ends an agreement in force (compared by version), audited; no longer found for the customer", async () => {
    const [a] = (await service.caller.maintenance.list({ q: "恒信" })).rows;
    expect((await refusal(service.caller.maintenance.end({ id: a!.id, version: 7, reason: "客户停用 PBX" }))).appCode).toBe("conflict");
    expect((await refusal(lineman.caller.maintenance.end({ id: a!.id, version: 1, reason: "x" }))).appCode).toBe("forbidden");
    expect((await refusal(techhead.caller.maintenance.end({ id: a!.id, version: 1, reason: "x" }))).appCode).toBe("forbidden");
    expect((await refusal(otherHead.caller.maintenance.end({ id: a!.id, version: 1, reason: "x" }))).appCode).toBe("not_found");
    expect(await head.caller.maintenance.end({ id: a!.id, version: 1, reason: "客户停用 PBX" })).toMatchObject({ status: "ended", version: 2 });
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, a!.id), eq(auditEvents.name, "maintenance.ended")));
    expect(audit!.payload).toEqual({ code: a!.code, reason: "客户停用 PBX", status: "ended" });
    expect(await service.caller.maintenance.forCustomer({ phone: "0571-8600 3344" })).toBeNull();
    expect((await service.caller.maintenance.get({ id: a!.id })).endReason).toBe("客户停用 PBX");
    expect((await refusal(service.caller.maintenance.end({ id: a!.id, version: 2, reason: "again" }))).appCode).toBe("invalid_transition");
  });

  it("one not yet started is cancelled", async () => {
    const [a] = (await service.caller.maintenance.list({ q: "期限测试" })).rows;
    expect(await service.caller.maintenance.end({ id: a!.id, version: 1, reason: "客户撤回申请" })).toMatchObject({ status: "cancelled" });
  });
});
