import { describe, expect, test } from "vitest";
import { z } from "zod";
import { ZAuditEvent } from "@/domain/audit/events";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { QUALITY_AUDIT_EVENTS } from "./audit-events";
import { CA_STEPS, CAUSE_CATEGORIES, CHECK_TARGETS, LABEL_KINDS, LABEL_RESULTS, NC_FINDINGS, NC_SOURCES, ORDER_RESULTS } from "./model";

const phone = { mutationId: "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b", deviceId: "0193a1b2-c3d4-7e5f-8a6b-000000000001" };
const office = { mutationId: null, deviceId: null };
const USER = "0193a1b2-c3d4-7e5f-8a6b-000000000002";

const PLANNED = {
  name: "spotCheck.planned",
  payload: { code: "SC-2026-0001", target: "work_orders", zoneCode: null, department: null, assigneeId: USER, plannedFor: "2026-03-10", sampled: 10 },
};
const SUBMITTED = {
  name: "spotCheck.submitted",
  payload: {
    code: "SC-2026-0002",
    planned: false,
    zoneCode: "WH1-A",
    marks: [
      { tag: "EQ-000123", subject: "", labelKind: "equipment", result: "wrong_label", photoSha256: "ab".repeat(32) },
      { tag: null, subject: "2号台服务指南", labelKind: "service_guide", result: "correct", photoSha256: null },
    ],
    nonconformities: ["NC-2026-0001"],
    ...phone,
  },
};
const ORDER_MARKED = {
  name: "spotCheck.orderMarked",
  payload: { code: "SC-2026-0001", workOrderCode: "WO-20260301-0001", result: "missing_signature", note: "客户未签字" },
};
const RAISED = {
  name: "nonconformity.raised",
  payload: { code: "NC-2026-0001", source: "spot_check", sourceRef: "SC-2026-0002", finding: "wrong_label", department: "operations", tag: "EQ-000123" },
};
const CLOSED = { name: "nonconformity.closed", payload: { code: "NC-2026-0003", reason: "已现场纠正" } };
const STEP = {
  name: "correctiveAction.step",
  payload: { code: "CA-2026-0001", ncCode: "NC-2026-0001", round: 1, step: "planned", byName: "王主任", contentSha256: "cd".repeat(32), causeCategory: "man" },
};
const ESCALATED = { name: "correctiveAction.escalated", payload: { code: "CA-2026-0001", step: "plan", dueOn: "2026-03-20" } };
const OPENED = { name: "billing.opened", payload: { exchangeCode: "EX-01", month: "2026-03" } };
const RECORDED = {
  name: "billing.recorded",
  payload: {
    exchangeCode: "EX-01",
    month: "2026-03",
    callsPlaced: 1000,
    billedCorrectly: 998,
    accuracyPct: 99.8,
    thresholdPct: 99.9,
    passed: false,
    instrumentTag: "IN-2024-0007",
    attachments: ["ef".repeat(32)],
    ncCode: "NC-2026-0004",
  },
};
const OVERDUE = { name: "billing.overdue", payload: { exchangeCode: "EX-02", month: "2026-02" } };
const THRESHOLD = { name: "quality.thresholdSet", payload: { key: "billing.thresholdPct", from: null, to: 99.95 } };
const SERVICE = { name: "workOrder.serviceRecorded", payload: { code: "WO-20260301-0002", parts: 2, completion: "completed", ...phone } };
const CLERK = { name: "clerk.checked", payload: { record: "work_order", code: "WO-20260301-0003" } };

/** Quality's events on their own: the payload rules below are checked here, the chain's union once at the end. */
const ZQuality = z.discriminatedUnion("name", [...QUALITY_AUDIT_EVENTS]);

const SAMPLES = [
  PLANNED,
  { ...PLANNED, payload: { ...PLANNED.payload, target: "zone", zoneCode: "WH1-A", sampled: 0 } },
  { ...PLANNED, payload: { ...PLANNED.payload, target: "department", department: "switching_transmission", sampled: 0 } },
  SUBMITTED,
  { ...SUBMITTED, payload: { ...SUBMITTED.payload, planned: true, zoneCode: null, nonconformities: [], ...office } },
  ORDER_MARKED,
  { ...ORDER_MARKED, payload: { ...ORDER_MARKED.payload, result: "ok", note: "" } },
  RAISED,
  {
    ...RAISED,
    payload: {
      ...RAISED.payload,
      source: "billing_check",
      sourceRef: "EX-01 2026-03",
      finding: "billing_error",
      department: "switching_transmission",
      tag: null,
    },
  },
  CLOSED,
  STEP,
  { ...STEP, payload: { ...STEP.payload, round: 2, step: "verified_ineffective", causeCategory: null } },
  ESCALATED,
  OPENED,
  RECORDED,
  { ...RECORDED, payload: { ...RECORDED.payload, billedCorrectly: 1000, accuracyPct: 100, passed: true, attachments: [], ncCode: null } },
  OVERDUE,
  THRESHOLD,
  { ...THRESHOLD, payload: { ...THRESHOLD.payload, from: 99.95, to: 99.9 } },
  SERVICE,
  { ...SERVICE, payload: { ...SERVICE.payload, parts: 0, ...office } },
  CLERK,
  { ...CLERK, payload: { record: "complaint", code: "CP-2026-0001" } },
];

describe("quality audit events", () => {
  test("the thirteen events, each once, each with a sample here", () => {
    const names = QUALITY_AUDIT_EVENTS.map((e) => e.shape.name.value);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([
      "billing.opened",
      "billing.overdue",
      "billing.recorded",
      "clerk.checked",
      "correctiveAction.escalated",
      "correctiveAction.step",
      "nonconformity.closed",
      "nonconformity.raised",
      "quality.thresholdSet",
      "spotCheck.orderMarked",
      "spotCheck.planned",
      "spotCheck.submitted",
      "workOrder.serviceRecorded",
    ]);
    expect([...new Set(SAMPLES.map((s) => s.name))].sort()).toEqual([...names].sort());
  });

  test.each(SAMPLES.map((s, i) => [`${s.name} #${i}`, s]))("%s is accepted as it is", (_name, sample) => {
    expect(ZQuality.parse(sample)).toEqual(sample);
  });

  test("every target, label kind, result, source, finding, department, step and cause is accepted", () => {
    const ok = (e: unknown) => expect(ZQuality.safeParse(e).success, JSON.stringify(e)).toBe(true);
    for (const target of CHECK_TARGETS) ok({ ...PLANNED, payload: { ...PLANNED.payload, target } });
    for (const department of DEPARTMENTS) {
      ok({ ...PLANNED, payload: { ...PLANNED.payload, department } });
      ok({ ...RAISED, payload: { ...RAISED.payload, department } });
    }
    const m = SUBMITTED.payload.marks[0]!;
    for (const labelKind of LABEL_KINDS) ok({ ...SUBMITTED, payload: { ...SUBMITTED.payload, marks: [{ ...m, labelKind }] } });
    for (const result of LABEL_RESULTS) ok({ ...SUBMITTED, payload: { ...SUBMITTED.payload, marks: [{ ...m, result }] } });
    for (const result of ORDER_RESULTS) ok({ ...ORDER_MARKED, payload: { ...ORDER_MARKED.payload, result } });
    for (const source of NC_SOURCES) ok({ ...RAISED, payload: { ...RAISED.payload, source } });
    for (const finding of NC_FINDINGS) ok({ ...RAISED, payload: { ...RAISED.payload, finding } });
    for (const step of CA_STEPS) ok({ ...STEP, payload: { ...STEP.payload, step } });
    for (const causeCategory of CAUSE_CATEGORIES) ok({ ...STEP, payload: { ...STEP.payload, causeCategory } });
  });

  test.each([
    ["an unknown target", { ...PLANNED, payload: { ...PLANNED.payload, target: "warehouse" } }],
    ["a fractional sample", { ...PLANNED, payload: { ...PLANNED.payload, sampled: 2.5 } }],
    ["an unknown department", { ...PLANNED, payload: { ...PLANNED.payload, department: "sales" } }],
    ["a walk without its device fields", { ...SUBMITTED, payload: { ...SUBMITTED.payload, mutationId: undefined, deviceId: undefined } }],
    ["a mark with an order result", { ...SUBMITTED, payload: { ...SUBMITTED.payload, marks: [{ ...SUBMITTED.payload.marks[0]!, result: "ok" }] } }],
    [
      "a mark with an unknown label kind",
      { ...SUBMITTED, payload: { ...SUBMITTED.payload, marks: [{ ...SUBMITTED.payload.marks[0]!, labelKind: "vehicle" }] } },
    ],
    [
      "a mark without its photo field",
      { ...SUBMITTED, payload: { ...SUBMITTED.payload, marks: [{ tag: null, subject: "x", labelKind: "premises", result: "correct" }] } },
    ],
    ["an order marked with a label result", { ...ORDER_MARKED, payload: { ...ORDER_MARKED.payload, result: "correct" } }],
    ["an unknown source", { ...RAISED, payload: { ...RAISED.payload, source: "rumour" } }],
    ["an unknown finding", { ...RAISED, payload: { ...RAISED.payload, finding: "late" } }],
    ["a raise without its tag field", { ...RAISED, payload: { ...RAISED.payload, tag: undefined } }],
    ["a close without a reason", { ...CLOSED, payload: { code: "NC-2026-0003" } }],
    ["an unknown step", { ...STEP, payload: { ...STEP.payload, step: "verified" } }],
    ["a fractional round", { ...STEP, payload: { ...STEP.payload, round: 1.5 } }],
    ["an unknown cause", { ...STEP, payload: { ...STEP.payload, causeCategory: "money" } }],
    ["a step without its content hash", { ...STEP, payload: { ...STEP.payload, contentSha256: undefined } }],
    ["fractional calls", { ...RECORDED, payload: { ...RECORDED.payload, callsPlaced: 999.5 } }],
    ["a billing record without its NC field", { ...RECORDED, payload: { ...RECORDED.payload, ncCode: undefined } }],
    ["a threshold without its new value", { ...THRESHOLD, payload: { key: "billing.thresholdPct", from: 99.9 } }],
    ["a fractional parts count", { ...SERVICE, payload: { ...SERVICE.payload, parts: 1.5 } }],
    ["a clerk's check of another record", { ...CLERK, payload: { record: "receipt", code: "RC-1" } }],
    ["an unknown quality event", { name: "nonconformity.deleted", payload: { code: "NC-2026-0001" } }],
  ])("%s is refused", (_what, event) => {
    expect(ZQuality.safeParse(event).success).toBe(false);
  });

  test("keys a payload does not declare are dropped (nothing slips into the log)", () => {
    const parsed = ZQuality.parse({ ...RECORDED, payload: { ...RECORDED.payload, password: "secret" } });
    expect(parsed.payload).toEqual(RECORDED.payload);
    const mark = ZQuality.parse({ ...SUBMITTED, payload: { ...SUBMITTED.payload, marks: [{ ...SUBMITTED.payload.marks[0]!, photo: { base64: "AA==" } }] } });
    expect(mark.payload).toEqual({ ...SUBMITTED.payload, marks: [SUBMITTED.payload.marks[0]] });
  });

  test("the audit chain's union holds every quality event once and takes every sample as it is", () => {
    const names = QUALITY_AUDIT_EVENTS.map((e) => e.shape.name.value);
    const chain = ZAuditEvent.options.map((o) => o.shape.name.value as string);
    for (const name of names)
      expect(
        chain.filter((n) => n === name),
        name,
      ).toHaveLength(1);
    expect(new Set(chain).size, "an event name defined twice breaks every audit write").toBe(chain.length);
    for (const sample of SAMPLES) expect(ZAuditEvent.parse(sample)).toEqual(sample);
  });
});
