import { describe, expect, test } from "vitest";
import { ZAuditEvent } from "@/domain/audit/events";
import { COMPLAINT_AUDIT_EVENTS, limitText } from "./audit-events";
import { COMPLAINT_ACTIONS, ESCALATION_CAUSES, ESCALATION_LEVELS } from "./model";

const STEP = {
  name: "complaint.step",
  payload: {
    code: "TS-20260302-0001",
    action: "classified",
    from: "recorded",
    to: "classified",
    versionAfter: 2,
    set: { category: "billing", severity: "serious", keyCustomer: false, satisfaction: 4, letter: null, departments: ["finance", "operations"] },
    mutationId: null,
    deviceId: null,
  },
};

const SAMPLES = [
  STEP,
  { ...STEP, payload: { ...STEP.payload, action: "recorded", from: null, to: "recorded", versionAfter: 1, set: {}, mutationId: "m-1", deviceId: "d-1" } },
  {
    name: "complaint.escalated",
    payload: { code: "TS-20260302-0001", level: "quality", cause: "deadline_passed", reason: "", dueAt: "2026-03-02T16:00:00.000Z", automatic: true },
  },
  { name: "complaint.keyCustomerSaved", payload: { name: "市政府办公室", category: "government", active: true, created: true } },
  { name: "complaint.policySet", payload: { version: 2, note: "Faster repairs.", changed: [{ tier: "key", type: "repair", from: "4 hours", to: "2 hours" }] } },
  { name: "complaint.policySet", payload: { version: 1, note: "First policy.", changed: [{ tier: "key", type: "repair", from: null, to: "4 hours" }] } },
  { name: "complaint.categorySaved", payload: { code: "billing", department: "finance", active: true, created: false } },
  { name: "complaint.summaryProduced", payload: { month: "2026-02", forms: 120, automatic: true } },
];

describe("complaint audit events", () => {
  test("every event is named complaint.*, once, and has a sample here", () => {
    const names = COMPLAINT_AUDIT_EVENTS.map((e) => e.shape.name.value);
    expect(names.every((n) => n.startsWith("complaint."))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    expect([...new Set(SAMPLES.map((s) => s.name))].sort()).toEqual([...names].sort());
  });

  test.each(SAMPLES.map((s) => [s.name, s]))("%s is accepted by the audit chain's union as it is", (_name, sample) => {
    expect(ZAuditEvent.parse(sample)).toEqual(sample);
  });

  test.each(COMPLAINT_ACTIONS.map((a) => [a]))("a step of action %s is accepted", (action) => {
    expect(ZAuditEvent.safeParse({ ...STEP, payload: { ...STEP.payload, action } }).success).toBe(true);
  });

  test.each(ESCALATION_LEVELS.flatMap((level) => ESCALATION_CAUSES.map((cause) => [level, cause] as const)))(
    "an escalation to %s for %s is accepted",
    (level, cause) => {
      expect(ZAuditEvent.safeParse({ ...SAMPLES[2], payload: { ...SAMPLES[2]!.payload, level, cause } }).success).toBe(true);
    },
  );

  test.each([
    ["an unknown action", { ...STEP, payload: { ...STEP.payload, action: "deleted" } }],
    ["an unknown status", { ...STEP, payload: { ...STEP.payload, to: "archived" } }],
    ["a fractional version", { ...STEP, payload: { ...STEP.payload, versionAfter: 1.5 } }],
    ["a nested object among the facts set", { ...STEP, payload: { ...STEP.payload, set: { result: { text: "x" } } } }],
    ["an array of numbers among the facts set", { ...STEP, payload: { ...STEP.payload, set: { departments: [1, 2] } } }],
    ["an unknown escalation level", { ...SAMPLES[2], payload: { ...SAMPLES[2]!.payload, level: "board" } }],
    ["an unknown escalation cause", { ...SAMPLES[2], payload: { ...SAMPLES[2]!.payload, cause: "mood" } }],
    ["an unknown department", { ...SAMPLES[6], payload: { ...SAMPLES[6]!.payload, department: "quality" } }],
    ["an unknown complaint event", { name: "complaint.deleted", payload: {} }],
  ])("%s is refused", (_what, event) => {
    expect(ZAuditEvent.safeParse(event).success).toBe(false);
  });

  test("keys a payload does not declare are dropped (nothing slips into the log)", () => {
    const parsed = ZAuditEvent.parse({ name: "complaint.keyCustomerSaved", payload: { ...SAMPLES[3]!.payload, contacts: [{ phone: "13800138000" }] } });
    expect(parsed.payload).toEqual(SAMPLES[3]!.payload);
  });
});

describe("limitText", () => {
  test.each([
    [{ unit: "hours", value: 4 }, "4 hours"],
    [{ unit: "days", value: 0 }, "0 days"],
    [{ unit: "days", value: 1 }, "1 days"],
  ] as const)("%j → %s", (l, text) => {
    expect(limitText(l)).toBe(text);
  });
});
