import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { REQUEST_TYPES } from "@/domain/complaints/model";
import { decodeDeskCursor, encodeDeskCursor } from "./desk-cursor";
import { WORK_ORDER_REQUEST_TYPE, ZAssignWorkOrderInput, ZCancelWorkOrderInput, ZCreateWorkOrderInput, ZDeskFilter } from "./schemas";
import { WORK_ORDER_KINDS } from "./status";

const ID = "0190f3a2-7c1e-7d3a-9b2c-1a2b3c4d5e6f";

const valid = {
  kind: "install",
  customerName: "  张伟 Zhang Wei ",
  address: "幸福小区 5 栋 302",
  contact: "138 0000 1101",
  service: "宽带 300M",
  scheduledFor: "2026-05-10",
};

/** Field path → message key of every issue (as the server's error formatter sends them). */
function issues(schema: z.ZodType, input: unknown): Record<string, string> {
  const r = schema.safeParse(input);
  if (r.success) return {};
  return Object.fromEntries(r.error.issues.map((i) => [i.path.join(".") || "_", i.message]));
}

describe("ZCreateWorkOrderInput", () => {
  test("trims, defaults to no key customer, no notes and no assignee", () => {
    expect(ZCreateWorkOrderInput.parse(valid)).toEqual({
      ...valid,
      customerName: "张伟 Zhang Wei",
      keyCustomer: false,
      dueAt: null,
      notes: "",
      assigneeId: null,
      // the clerk's self-check (营业员自检) is false unless confirmed: the server then refuses (clerk_check_required)
      clerkCheck: false,
      propertyCaseId: null,
    });
  });

  test("a PBX application or works case is linked to an install or move order only (ADR 0039 §6)", () => {
    for (const kind of WORK_ORDER_KINDS) {
      const r = issues(ZCreateWorkOrderInput, { ...valid, kind, propertyCaseId: ID });
      expect(r).toEqual(kind === "install" || kind === "move" ? {} : { propertyCaseId: "desk.validation.caseKind" });
    }
    expect(issues(ZCreateWorkOrderInput, { ...valid, propertyCaseId: "PBX-2026-0001" })).toHaveProperty("propertyCaseId");
  });

  test("every required text field must have content", () => {
    expect(issues(ZCreateWorkOrderInput, { ...valid, customerName: " ", address: "", service: "  " })).toEqual({
      customerName: "validation.required",
      address: "validation.required",
      service: "validation.required",
    });
    expect(issues(ZCreateWorkOrderInput, { ...valid, kind: "demolish" })).toEqual({ kind: "validation.required" });
    expect(issues(ZCreateWorkOrderInput, { ...valid, customerName: "x".repeat(121) })).toEqual({ customerName: "validation.tooLong" });
    expect(issues(ZCreateWorkOrderInput, { ...valid, notes: "x".repeat(1001) })).toEqual({ notes: "validation.tooLong" });
  });

  test.each([
    ["138 0000 1101", true],
    ["0571-8800 1200", true],
    ["王先生 1380000", true],
    ["王先生", false],
    ["12-34-56", false],
    ["", false],
  ])("contact %j valid: %s", (contact, ok) => {
    expect(ZCreateWorkOrderInput.safeParse({ ...valid, contact }).success).toBe(ok);
  });

  test.each(["2026-02-30", "26-05-10", "1999-12-31", "2100-01-01", "tomorrow"])("refuses scheduled day %j", (scheduledFor) => {
    expect(issues(ZCreateWorkOrderInput, { ...valid, scheduledFor })).toEqual({ scheduledFor: "desk.validation.date" });
  });

  test("a key customer's deadline may be left to the policy (the server sets it); typed, not before the scheduled day (Shanghai time)", () => {
    expect(ZCreateWorkOrderInput.parse({ ...valid, keyCustomer: true })).toMatchObject({ keyCustomer: true, dueAt: null });
    // 2026-05-09 23:00 Shanghai is the day before the scheduled day
    expect(issues(ZCreateWorkOrderInput, { ...valid, keyCustomer: true, dueAt: new Date("2026-05-09T15:00:00Z") })).toEqual({
      dueAt: "desk.validation.deadlineBeforeSchedule",
    });
    // 2026-05-10 00:30 Shanghai is the scheduled day itself
    const dueAt = new Date("2026-05-09T16:30:00Z");
    expect(ZCreateWorkOrderInput.parse({ ...valid, keyCustomer: true, dueAt })).toMatchObject({ keyCustomer: true, dueAt });
    expect(issues(ZCreateWorkOrderInput, { ...valid, keyCustomer: true, dueAt: new Date("nope") })).toEqual({ dueAt: "desk.validation.deadline" });
    expect(issues(ZCreateWorkOrderInput, { ...valid, keyCustomer: true, dueAt: "2026-05-10T10:00:00Z" })).toEqual({ dueAt: "desk.validation.deadline" });
  });

  test("a deadline without the key-customer flag is dropped", () => {
    expect(ZCreateWorkOrderInput.parse({ ...valid, dueAt: new Date("2026-05-10T10:00:00Z") }).dueAt).toBeNull();
  });

  test("the assignee is an id", () => {
    expect(ZCreateWorkOrderInput.parse({ ...valid, assigneeId: ID }).assigneeId).toBe(ID);
    expect(issues(ZCreateWorkOrderInput, { ...valid, assigneeId: "lineman" })).toEqual({ assigneeId: "validation.required" });
  });
});

describe("ZAssignWorkOrderInput and ZCancelWorkOrderInput", () => {
  test("assign needs the order, the lineman and the version seen", () => {
    expect(ZAssignWorkOrderInput.safeParse({ workOrderId: ID, assigneeId: ID, version: 3 }).success).toBe(true);
    expect(Object.keys(issues(ZAssignWorkOrderInput, { workOrderId: ID, assigneeId: ID, version: 0 }))).toEqual(["version"]);
    expect(Object.keys(issues(ZAssignWorkOrderInput, { workOrderId: ID, assigneeId: ID }))).toEqual(["version"]);
    expect(Object.keys(issues(ZAssignWorkOrderInput, { workOrderId: "x", assigneeId: ID, version: 1 }))).toEqual(["workOrderId"]);
  });

  test("cancel needs a reason in words", () => {
    expect(ZCancelWorkOrderInput.parse({ workOrderId: ID, version: 1, reason: "  customer moved away " }).reason).toBe("customer moved away");
    expect(issues(ZCancelWorkOrderInput, { workOrderId: ID, version: 1, reason: "   " })).toEqual({ reason: "validation.required" });
    expect(issues(ZCancelWorkOrderInput, { workOrderId: ID, version: 1, reason: "x".repeat(501) })).toEqual({ reason: "validation.tooLong" });
  });
});

describe("ZDeskFilter", () => {
  test("defaults: open orders of everyone, first page of 20", () => {
    expect(ZDeskFilter.parse({})).toEqual({
      group: "open",
      assignee: null,
      keyOnly: false,
      overdueOnly: false,
      from: null,
      to: null,
      q: "",
      pageSize: 20,
    });
  });

  test("assignee is a lineman's id or unassigned", () => {
    expect(ZDeskFilter.parse({ assignee: "unassigned" }).assignee).toBe("unassigned");
    expect(ZDeskFilter.parse({ assignee: ID }).assignee).toBe(ID);
    expect(ZDeskFilter.safeParse({ assignee: "someone" }).success).toBe(false);
  });

  test("the date range must not be reversed; one end alone is fine", () => {
    expect(issues(ZDeskFilter, { from: "2026-05-10", to: "2026-05-09" })).toEqual({ to: "desk.validation.dateRange" });
    expect(ZDeskFilter.safeParse({ from: "2026-05-10", to: "2026-05-10" }).success).toBe(true);
    expect(ZDeskFilter.safeParse({ from: "2026-05-10" }).success).toBe(true);
  });

  test("bounded paging and search", () => {
    const cursor = encodeDeskCursor({ n: "2026-05-10T02:00:00.000Z", r: 3, d: null, s: "2026-05-10", k: true, c: "WO-2026-000001", i: ID });
    expect(decodeDeskCursor(cursor)).toEqual({ n: "2026-05-10T02:00:00.000Z", r: 3, d: null, s: "2026-05-10", k: true, c: "WO-2026-000001", i: ID });
    expect(ZDeskFilter.parse({ cursor }).cursor).toBe(cursor);
    expect(issues(ZDeskFilter, { cursor: "WO-2026-000001" })).toEqual({ cursor: "desk.validation.cursor" });
    expect(issues(ZDeskFilter, { cursor: cursor.slice(0, -4) })).toEqual({ cursor: "desk.validation.cursor" });
    expect(ZDeskFilter.safeParse({ pageSize: 101 }).success).toBe(false);
    expect(ZDeskFilter.safeParse({ group: "everything" }).success).toBe(false);
    expect(ZDeskFilter.parse({ q: "  WO-2026 " }).q).toBe("WO-2026");
    expect(ZDeskFilter.safeParse({ q: "x".repeat(61) }).success).toBe(false);
  });
});

describe("WORK_ORDER_REQUEST_TYPE", () => {
  test("every work-order kind takes the limit of a green-channel request type", () => {
    for (const kind of WORK_ORDER_KINDS) expect(REQUEST_TYPES).toContain(WORK_ORDER_REQUEST_TYPE[kind]);
    expect(WORK_ORDER_REQUEST_TYPE.terminal_maintenance).toBe("maintenance");
  });
});
