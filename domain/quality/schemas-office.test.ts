import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { CATALOGUES } from "@/messages/catalogue";
import { CA_STATUSES, CAUSE_CATEGORIES, CHECK_TARGETS, NC_FINDINGS, NC_SOURCES, NC_STATUSES, ORDER_RESULTS } from "./model";
import {
  ZActionFilter,
  ZDecideNcInput,
  ZFinishOrderCheckInput,
  ZImplementActionInput,
  ZMarkOrderInput,
  ZNcFilter,
  ZPlanActionInput,
  ZPlanCheckInput,
  ZRaiseNcInput,
  ZRecordBillingInput,
  ZSetThresholdInput,
  ZVerifyActionInput,
} from "./schemas";

const ID = "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";
const OTHER = "0193a1b2-c3d4-7e5f-8a6b-000000000001";
const PHOTO = { mime: "image/png", base64: "iVBORw0KGgo=" };

const seen = new Set<string>();
function issues(schema: z.ZodType, input: unknown): { path: string; message: string }[] {
  const r = schema.safeParse(input);
  const out = r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  for (const i of out) seen.add(i.message);
  return out;
}
function refusedAt(schema: z.ZodType, input: unknown, path: string, message?: string) {
  const found = issues(schema, input);
  expect(
    found.map((i) => i.path),
    JSON.stringify(found),
  ).toContain(path);
  if (message)
    expect(
      found.filter((i) => i.path === path).map((i) => i.message),
      JSON.stringify(found),
    ).toContain(message);
}
function accepted<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  expect(r.success, r.success ? "" : JSON.stringify(r.error.issues)).toBe(true);
  return r.data as z.infer<S>;
}

describe("ZPlanCheckInput: what each target needs", () => {
  const base = { plannedFor: "2026-03-10", assigneeId: ID };

  test("a zone check needs its zone; defaults", () => {
    expect(accepted(ZPlanCheckInput, { ...base, target: "zone", zoneCode: "WH1-A" })).toEqual({
      ...base,
      target: "zone",
      zoneCode: "WH1-A",
      department: null,
      from: null,
      to: null,
      sampleSize: 10,
      note: "",
    });
    refusedAt(ZPlanCheckInput, { ...base, target: "zone" }, "zoneCode", "validation.required");
    refusedAt(ZPlanCheckInput, { ...base, target: "zone", zoneCode: "  " }, "zoneCode", "validation.required");
  });

  test("a department check needs its department (any of them)", () => {
    for (const department of DEPARTMENTS) accepted(ZPlanCheckInput, { ...base, target: "department", department });
    refusedAt(ZPlanCheckInput, { ...base, target: "department" }, "department", "validation.required");
    refusedAt(ZPlanCheckInput, { ...base, target: "department", department: "sales" }, "department");
    expect(issues(ZPlanCheckInput, { ...base, target: "department", department: "finance" })).toEqual([]);
  });

  test("a work-order check needs its range, start not after end (one day is a range)", () => {
    accepted(ZPlanCheckInput, { ...base, target: "work_orders", from: "2026-02-01", to: "2026-02-28", sampleSize: 20 });
    accepted(ZPlanCheckInput, { ...base, target: "work_orders", from: "2026-02-28", to: "2026-02-28" });
    refusedAt(ZPlanCheckInput, { ...base, target: "work_orders", to: "2026-02-28" }, "from", "validation.required");
    refusedAt(ZPlanCheckInput, { ...base, target: "work_orders", from: "2026-02-01" }, "to", "validation.required");
    expect(issues(ZPlanCheckInput, { ...base, target: "work_orders" })).toEqual([
      { path: "from", message: "validation.required" },
      { path: "to", message: "validation.required" },
    ]);
    expect(issues(ZPlanCheckInput, { ...base, target: "work_orders", from: "2026-03-01", to: "2026-02-28" })).toEqual([
      { path: "to", message: "desk.validation.dateRange" },
    ]);
    refusedAt(ZPlanCheckInput, { ...base, target: "work_orders", from: "2026-02-29", to: "2026-03-01" }, "from", "desk.validation.date");
    accepted(ZPlanCheckInput, { ...base, target: "work_orders", from: "2024-02-29", to: "2024-03-01" });
  });

  test("a zone or department check does not need a range", () => {
    for (const target of CHECK_TARGETS) {
      const r = issues(ZPlanCheckInput, { ...base, target, zoneCode: "WH1-A", department: "operations", from: "2026-01-01", to: "2026-01-31" });
      expect(r, target).toEqual([]);
    }
    refusedAt(ZPlanCheckInput, { ...base, target: "warehouse", zoneCode: "WH1-A" }, "target");
  });

  test("sample size 1–200 whole; assignee; planned day; note", () => {
    const wo = { ...base, target: "work_orders", from: "2026-02-01", to: "2026-02-28" };
    for (const sampleSize of [1, 200]) accepted(ZPlanCheckInput, { ...wo, sampleSize });
    for (const sampleSize of [0, 201, 2.5, -1]) refusedAt(ZPlanCheckInput, { ...wo, sampleSize }, "sampleSize");
    refusedAt(ZPlanCheckInput, { ...wo, assigneeId: undefined }, "assigneeId", "validation.required");
    refusedAt(ZPlanCheckInput, { ...wo, assigneeId: "someone" }, "assigneeId", "validation.required");
    refusedAt(ZPlanCheckInput, { ...wo, plannedFor: "2026-02-30" }, "plannedFor", "desk.validation.date");
    refusedAt(ZPlanCheckInput, { ...wo, plannedFor: "1999-12-31" }, "plannedFor", "desk.validation.date");
    refusedAt(ZPlanCheckInput, { ...wo, plannedFor: undefined }, "plannedFor");
    refusedAt(ZPlanCheckInput, { ...wo, note: "n".repeat(501) }, "note", "validation.tooLong");
  });
});

describe("ZMarkOrderInput and ZFinishOrderCheckInput", () => {
  const m = (result: string, note?: string) => ({ checkId: ID, workOrderId: OTHER, result, ...(note === undefined ? {} : { note }) });

  test("ok needs no note", () => {
    expect(accepted(ZMarkOrderInput, m("ok"))).toEqual({ checkId: ID, workOrderId: OTHER, result: "ok", note: "" });
  });

  test.each(ORDER_RESULTS.filter((r) => r !== "ok"))("%s needs a note saying what is wrong (quality.validation.noteForFinding)", (result) => {
    refusedAt(ZMarkOrderInput, m(result), "note", "quality.validation.noteForFinding");
    refusedAt(ZMarkOrderInput, m(result, "  \n "), "note", "quality.validation.noteForFinding");
    expect(accepted(ZMarkOrderInput, m(result, " 客户未签字 ")).note).toBe("客户未签字");
  });

  test("ids and result", () => {
    refusedAt(ZMarkOrderInput, { ...m("ok"), checkId: "SC-2026-0001" }, "checkId");
    refusedAt(ZMarkOrderInput, { ...m("ok"), workOrderId: "WO-1" }, "workOrderId");
    refusedAt(ZMarkOrderInput, m("correct"), "result");
    refusedAt(ZMarkOrderInput, m("missing_signature", "n".repeat(501)), "note", "validation.tooLong");
    accepted(ZFinishOrderCheckInput, { checkId: ID });
    refusedAt(ZFinishOrderCheckInput, {}, "checkId");
  });
});

describe("ZRaiseNcInput", () => {
  const nc = { source: "complaint", finding: "complaint", department: "terminal_service", description: "客户投诉装机迟到" };

  test("defaults; every source and finding", () => {
    expect(accepted(ZRaiseNcInput, nc)).toEqual({ ...nc, sourceRef: "", labelKind: null });
    for (const source of NC_SOURCES) accepted(ZRaiseNcInput, { ...nc, source });
    for (const finding of NC_FINDINGS) accepted(ZRaiseNcInput, { ...nc, finding });
    expect(accepted(ZRaiseNcInput, { ...nc, labelKind: "instrument", sourceRef: "IN-2024-0007" }).labelKind).toBe("instrument");
  });

  test("refused", () => {
    refusedAt(ZRaiseNcInput, { ...nc, department: undefined }, "department", "validation.required");
    refusedAt(ZRaiseNcInput, { ...nc, department: "sales" }, "department", "validation.required");
    refusedAt(ZRaiseNcInput, { ...nc, description: "" }, "description", "validation.required");
    refusedAt(ZRaiseNcInput, { ...nc, description: "   " }, "description", "validation.required");
    refusedAt(ZRaiseNcInput, { ...nc, description: "d".repeat(2001) }, "description", "validation.tooLong");
    refusedAt(ZRaiseNcInput, { ...nc, source: "rumour" }, "source");
    refusedAt(ZRaiseNcInput, { ...nc, finding: "late" }, "finding");
    refusedAt(ZRaiseNcInput, { ...nc, labelKind: "vehicle" }, "labelKind");
    refusedAt(ZRaiseNcInput, { ...nc, sourceRef: "r".repeat(61) }, "sourceRef", "validation.tooLong");
  });
});

describe("ZDecideNcInput (discriminated by decision)", () => {
  const send = { decision: "send", ncId: ID, version: 1, description: "标签与实物不符", requiredBy: "2026-03-20" };
  const close = { decision: "close", ncId: ID, version: 3, reason: "已现场纠正" };

  test("send: description and required-by day", () => {
    expect(accepted(ZDecideNcInput, send)).toEqual(send);
    refusedAt(ZDecideNcInput, { ...send, requiredBy: undefined }, "requiredBy");
    refusedAt(ZDecideNcInput, { ...send, requiredBy: "2026-02-30" }, "requiredBy", "desk.validation.date");
    refusedAt(ZDecideNcInput, { ...send, description: "" }, "description", "validation.required");
    refusedAt(ZDecideNcInput, { ...send, reason: "x", description: undefined }, "description");
  });

  test("close: a reason; what belongs to send is dropped", () => {
    expect(accepted(ZDecideNcInput, close)).toEqual(close);
    expect(accepted(ZDecideNcInput, { ...close, requiredBy: "2026-03-20", description: "x" })).toEqual(close);
    refusedAt(ZDecideNcInput, { ...close, reason: "" }, "reason", "validation.required");
    refusedAt(ZDecideNcInput, { ...close, reason: undefined, description: "x" }, "reason");
  });

  test("the decision, the id and the version", () => {
    refusedAt(ZDecideNcInput, { ...close, decision: "maybe" }, "decision");
    refusedAt(ZDecideNcInput, { ...close, decision: undefined }, "decision");
    for (const version of [0, 1.5, -1, "1"]) refusedAt(ZDecideNcInput, { ...close, version }, "version");
    refusedAt(ZDecideNcInput, { ...send, ncId: "NC-2026-0001" }, "ncId");
  });
});

describe("the record's signed steps", () => {
  const signed = { sign: true, version: 2, actionId: ID };
  const plan = {
    ...signed,
    causeAnalysis: "新员工不熟悉标识规定",
    causeCategory: "man",
    correction: "当场更换标签",
    correctiveAction: "组织标识培训",
    ownerId: OTHER,
    dueOn: "2026-03-31",
  };
  const implement = { ...signed, note: "培训已完成" };
  const verify = { ...signed, effective: true, note: "抽查10处均正确" };
  const STEPS: [string, z.ZodType, Record<string, unknown>][] = [
    ["plan", ZPlanActionInput, plan],
    ["implement", ZImplementActionInput, implement],
    ["verify", ZVerifyActionInput, verify],
  ];

  test.each(STEPS)("%s must be signed: sign is exactly true (quality.validation.sign)", (_, schema, input) => {
    accepted(schema, input);
    for (const sign of [false, undefined, "true", 1, null]) refusedAt(schema, { ...input, sign }, "sign", "quality.validation.sign");
    for (const version of [0, 1.5, undefined]) refusedAt(schema, { ...input, version }, "version");
    refusedAt(schema, { ...input, actionId: "CA-2026-0001" }, "actionId");
  });

  test("plan: every field, defaults, every cause category", () => {
    expect(accepted(ZPlanActionInput, plan)).toEqual({ ...plan, preventiveAction: "" });
    for (const causeCategory of CAUSE_CATEGORIES) accepted(ZPlanActionInput, { ...plan, causeCategory });
    refusedAt(ZPlanActionInput, { ...plan, causeCategory: undefined }, "causeCategory", "validation.required");
    refusedAt(ZPlanActionInput, { ...plan, causeCategory: "money" }, "causeCategory", "validation.required");
    for (const field of ["causeAnalysis", "correction", "correctiveAction"]) {
      refusedAt(ZPlanActionInput, { ...plan, [field]: "" }, field, "validation.required");
      refusedAt(ZPlanActionInput, { ...plan, [field]: "x".repeat(2001) }, field, "validation.tooLong");
    }
    refusedAt(ZPlanActionInput, { ...plan, ownerId: undefined }, "ownerId", "validation.required");
    refusedAt(ZPlanActionInput, { ...plan, ownerId: "张三" }, "ownerId", "validation.required");
    refusedAt(ZPlanActionInput, { ...plan, dueOn: "2026-04-31" }, "dueOn", "desk.validation.date");
    refusedAt(ZPlanActionInput, { ...plan, preventiveAction: "p".repeat(2001) }, "preventiveAction", "validation.tooLong");
  });

  test("implement: a note", () => {
    refusedAt(ZImplementActionInput, { ...implement, note: " " }, "note", "validation.required");
  });

  test("verify: effective or not, with a note; a new date and a follow-up check optional", () => {
    expect(accepted(ZVerifyActionInput, verify)).toEqual({ ...verify, followUpCheckId: null, requiredBy: null });
    const again = accepted(ZVerifyActionInput, { ...verify, effective: false, requiredBy: "2026-04-15", followUpCheckId: OTHER });
    expect(again).toMatchObject({ effective: false, requiredBy: "2026-04-15", followUpCheckId: OTHER });
    refusedAt(ZVerifyActionInput, { ...verify, effective: undefined }, "effective");
    refusedAt(ZVerifyActionInput, { ...verify, effective: "no" }, "effective");
    refusedAt(ZVerifyActionInput, { ...verify, note: "" }, "note", "validation.required");
    refusedAt(ZVerifyActionInput, { ...verify, requiredBy: "2026-13-01" }, "requiredBy", "desk.validation.date");
    refusedAt(ZVerifyActionInput, { ...verify, followUpCheckId: "SC-1" }, "followUpCheckId");
  });
});

describe("filters", () => {
  test("ZNcFilter", () => {
    expect(accepted(ZNcFilter, {})).toEqual({ status: null, department: null, source: null, page: 1 });
    for (const status of NC_STATUSES) accepted(ZNcFilter, { status });
    refusedAt(ZNcFilter, { status: "sent" }, "status");
    for (const page of [0, 10_001, 1.5]) refusedAt(ZNcFilter, { page }, "page");
    accepted(ZNcFilter, { page: 10_000, department: "switching_transmission", source: "billing_check" });
  });

  test("ZActionFilter", () => {
    expect(accepted(ZActionFilter, {})).toEqual({ status: null, department: null, overdueOnly: false, page: 1 });
    for (const status of CA_STATUSES) accepted(ZActionFilter, { status });
    refusedAt(ZActionFilter, { status: "open" }, "status");
    refusedAt(ZActionFilter, { overdueOnly: "yes" }, "overdueOnly");
  });
});

describe("the billing check", () => {
  const rec = { checkId: ID, version: 1, callsPlaced: 1000, billedCorrectly: 998, instrumentTag: "IN-2024-0007" };

  test("the operator's month, and its defaults", () => {
    expect(accepted(ZRecordBillingInput, rec)).toEqual({ ...rec, note: "", attachments: [] });
    accepted(ZRecordBillingInput, { ...rec, billedCorrectly: 1000 });
    accepted(ZRecordBillingInput, { ...rec, billedCorrectly: 0 });
    accepted(ZRecordBillingInput, { ...rec, callsPlaced: 1, billedCorrectly: 1 });
    accepted(ZRecordBillingInput, { ...rec, callsPlaced: 1_000_000, billedCorrectly: 1_000_000, attachments: Array(5).fill(PHOTO) });
  });

  test("billed right ≤ placed (quality.validation.billedMoreThanPlaced)", () => {
    expect(issues(ZRecordBillingInput, { ...rec, billedCorrectly: 1001 })).toEqual([
      { path: "billedCorrectly", message: "quality.validation.billedMoreThanPlaced" },
    ]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (callsPlaced, billedCorrectly) => {
        const r = issues(ZRecordBillingInput, { ...rec, callsPlaced, billedCorrectly });
        expect(r).toEqual(billedCorrectly <= callsPlaced ? [] : [{ path: "billedCorrectly", message: "quality.validation.billedMoreThanPlaced" }]);
      }),
    );
  });

  test("calls placed: at least one, whole, at most a million; billed right whole and not negative", () => {
    refusedAt(ZRecordBillingInput, { ...rec, callsPlaced: 0, billedCorrectly: 0 }, "callsPlaced", "quality.validation.calls");
    refusedAt(ZRecordBillingInput, { ...rec, callsPlaced: undefined }, "callsPlaced", "validation.required");
    refusedAt(ZRecordBillingInput, { ...rec, callsPlaced: "1000" }, "callsPlaced", "validation.required");
    refusedAt(ZRecordBillingInput, { ...rec, billedCorrectly: undefined }, "billedCorrectly", "validation.required");
    refusedAt(ZRecordBillingInput, { ...rec, callsPlaced: 1000.5 }, "callsPlaced");
    refusedAt(ZRecordBillingInput, { ...rec, callsPlaced: 1_000_001, billedCorrectly: 0 }, "callsPlaced");
    refusedAt(ZRecordBillingInput, { ...rec, billedCorrectly: -1 }, "billedCorrectly");
    refusedAt(ZRecordBillingInput, { ...rec, billedCorrectly: 2.5 }, "billedCorrectly");
  });

  test("the instrument, the note and the attachments", () => {
    refusedAt(ZRecordBillingInput, { ...rec, instrumentTag: "" }, "instrumentTag", "validation.required");
    refusedAt(ZRecordBillingInput, { ...rec, instrumentTag: "  " }, "instrumentTag", "validation.required");
    refusedAt(ZRecordBillingInput, { ...rec, instrumentTag: "I".repeat(41) }, "instrumentTag", "validation.tooLong");
    expect(accepted(ZRecordBillingInput, { ...rec, instrumentTag: " IN-2024-0007 " }).instrumentTag).toBe("IN-2024-0007");
    refusedAt(ZRecordBillingInput, { ...rec, attachments: Array(6).fill(PHOTO) }, "attachments");
    refusedAt(ZRecordBillingInput, { ...rec, attachments: [{ mime: "application/pdf", base64: "AA==" }] }, "attachments.0.mime");
    refusedAt(ZRecordBillingInput, { ...rec, note: "n".repeat(1001) }, "note", "validation.tooLong");
    refusedAt(ZRecordBillingInput, { ...rec, version: 0 }, "version");
    refusedAt(ZRecordBillingInput, { ...rec, checkId: "EX-01 2026-03" }, "checkId");
  });

  test("the threshold: 90–100 % inclusive (quality.validation.threshold)", () => {
    for (const thresholdPct of [90, 95.5, 99.9, 99.99, 100]) expect(accepted(ZSetThresholdInput, { thresholdPct })).toEqual({ thresholdPct });
    for (const thresholdPct of [89.99, 100.01, 0, -1, 1000]) refusedAt(ZSetThresholdInput, { thresholdPct }, "thresholdPct", "quality.validation.threshold");
    for (const thresholdPct of [undefined, "99.9", null, Number.NaN]) refusedAt(ZSetThresholdInput, { thresholdPct }, "thresholdPct", "validation.required");
    refusedAt(ZSetThresholdInput, { thresholdPct: Number.POSITIVE_INFINITY }, "thresholdPct");
  });
});

describe("messages", () => {
  test("every message the tests above met is in both catalogues", () => {
    const has = (catalogue: Record<string, unknown>, key: string) =>
      typeof key.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), catalogue) === "string";
    const keys = [...seen].filter((m) => /^(quality\.|desk\.)?validation\./.test(m));
    expect(keys).toContain("quality.validation.threshold");
    for (const key of keys) {
      expect(has(CATALOGUES.en, key), `en: ${key}`).toBe(true);
      expect(has(CATALOGUES["zh-CN"], key), `zh-CN: ${key}`).toBe(true);
    }
  });
});
