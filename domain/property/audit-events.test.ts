import { describe, expect, test } from "vitest";
import { z } from "zod";
import { ZAuditEvent } from "@/domain/audit/events";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { PROPERTY_AUDIT_EVENTS } from "./audit-events";
import { AGREEMENT_KINDS, CASE_KINDS, DOCUMENT_KINDS, ITEM_RESULTS, ROUND_STATUSES } from "./model";

const phone = { mutationId: "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b", deviceId: "0193a1b2-c3d4-7e5f-8a6b-000000000001" };
const office = { mutationId: null, deviceId: null };
const U1 = "0193a1b2-c3d4-7e5f-8a6b-000000000011";
const U2 = "0193a1b2-c3d4-7e5f-8a6b-000000000012";
const SHA = (c: string) => c.repeat(64);

const PBX = {
  name: "property.pbxRecorded",
  payload: { code: "PBX-2026-0001", customerName: "杭州某某贸易有限公司", certificateNo: "00-D710-208870", model: "HJD-256", verdict: "valid" },
};
const WORKS = {
  name: "property.worksRecorded",
  payload: {
    code: "CW-2026-0001",
    customerName: "杭州某某贸易有限公司",
    projectName: "文三路大楼综合布线工程",
    agreementKind: "acceptance",
    signatureSha256: SHA("a"),
  },
};
const DOCUMENT = {
  name: "property.documentAdded",
  payload: { code: "CW-2026-0001", kind: "design", fileName: "设计文件.pdf", sha256: SHA("b"), bytes: 1_048_576 },
};
const SCHEDULED = {
  name: "property.roundScheduled",
  payload: {
    code: "PBX-2026-0001",
    kind: "pbx",
    note: "",
    roundNo: 1,
    scheduledFor: "2026-03-12",
    inspectors: [
      { userId: U1, department: "customer_service" },
      { userId: U2, department: "terminal_service" },
    ],
    departments: ["customer_service", "terminal_service"],
    items: ["1 外观检查", "2 进网许可证标志", "3 接地电阻"],
  },
};
const CANCELLED_ROUND = { name: "property.roundCancelled", payload: { code: "PBX-2026-0001", kind: "pbx", note: "客户改期", roundNo: 1 } };
const SUBMITTED = {
  name: "property.roundSubmitted",
  payload: {
    code: "CW-2026-0001",
    kind: "works",
    note: "",
    roundNo: 2,
    verdict: "failed",
    results: [
      // since several photos (issue 16) every photo of the item, the first also as before
      { clause: "YD/T 926.3 5.2", result: "fail", measurement: "-38.5 dB", photoSha256: SHA("c"), photoSha256s: [SHA("c"), SHA("f")] },
      { clause: "GB 50312 7.1", result: "pass", measurement: "", photoSha256: null, photoSha256s: [] },
      // an event written before several photos
      { clause: "GB 50312 7.2", result: "pass", measurement: "", photoSha256: SHA("a") },
    ],
    signatures: [
      { userId: U1, sha256: SHA("d") },
      { userId: U2, sha256: SHA("e") },
    ],
    inspectedAt: "2026-03-12T02:30:00.000Z",
    final: true,
    ...phone,
  },
};
const LETTER = {
  name: "property.letterIssued",
  payload: { code: "CW-2026-0001", kind: "works", note: "请于期限内整改", letterCode: "RL-2026-0001", deadline: "2026-04-11", items: ["YD/T 926.3 5.2"] },
};
const RECTIFIED = {
  name: "property.rectificationReported",
  payload: { code: "CW-2026-0001", kind: "works", note: "客户来电告知已整改", letterCode: "RL-2026-0001" },
};
const CONNECTED = { name: "property.connected", payload: { code: "PBX-2026-0001", kind: "pbx", note: "", workOrderCode: "WO-20260315-0003" } };
const CANCELLED = { name: "property.cancelled", payload: { code: "PBX-2026-0002", kind: "pbx", note: "客户撤回申请" } };
const ITEM = { name: "property.itemSaved", payload: { kind: "works", clause: "YD/T 926.3 5.2", textZh: "近端串音衰减", active: true } };
const MA_RECORDED = {
  name: "maintenance.recorded",
  payload: {
    code: "MA-2026-0001",
    customerName: "杭州某某贸易有限公司",
    startsOn: "2026-03-10",
    endsOn: "2027-03-09",
    equipment: ["HJD-256 用户交换机", "UPS 电源 3kVA"],
  },
};
const MA_ENDED = { name: "maintenance.ended", payload: { code: "MA-2026-0001", reason: "客户不再续约", status: "ended" } };

/** Property's events on their own: the payload rules are checked here, the chain's union once at the end. */
const ZProperty = z.discriminatedUnion("name", [...PROPERTY_AUDIT_EVENTS]);

const SAMPLES = [
  PBX,
  WORKS,
  { ...WORKS, payload: { ...WORKS.payload, agreementKind: "maintenance", signatureSha256: null } },
  DOCUMENT,
  SCHEDULED,
  // a works re-inspection by Technology Development with terminal service and an inspector without a department
  {
    ...SCHEDULED,
    payload: {
      ...SCHEDULED.payload,
      code: "CW-2026-0001",
      kind: "works",
      note: "复验",
      roundNo: 2,
      inspectors: [{ userId: U1, department: null }],
      items: ["YD/T 926.3 5.2"],
    },
  },
  CANCELLED_ROUND,
  SUBMITTED,
  // a part of a large round before its last: no verdict yet, no signatures
  { ...SUBMITTED, payload: { ...SUBMITTED.payload, verdict: null, signatures: [], final: false } },
  { ...SUBMITTED, payload: { ...SUBMITTED.payload, verdict: "passed", results: [{ ...SUBMITTED.payload.results[1]! }], ...office } },
  LETTER,
  RECTIFIED,
  // reported straight after the failed round, before a letter
  { ...RECTIFIED, payload: { ...RECTIFIED.payload, letterCode: null } },
  CONNECTED,
  // works: customer service opening the service, no work order
  { ...CONNECTED, payload: { ...CONNECTED.payload, code: "CW-2026-0001", kind: "works", workOrderCode: null } },
  CANCELLED,
  ITEM,
  { ...ITEM, payload: { kind: "pbx", clause: "3", textZh: "接地电阻", active: false } },
  MA_RECORDED,
  MA_ENDED,
  { ...MA_ENDED, payload: { ...MA_ENDED.payload, status: "cancelled", reason: "录入错误" } },
];

describe("property audit events", () => {
  test("the thirteen events, each once, each with a sample here", () => {
    const names = PROPERTY_AUDIT_EVENTS.map((e) => e.shape.name.value);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([
      "maintenance.ended",
      "maintenance.recorded",
      "property.cancelled",
      "property.connected",
      "property.documentAdded",
      "property.itemSaved",
      "property.letterIssued",
      "property.pbxRecorded",
      "property.rectificationReported",
      "property.roundCancelled",
      "property.roundScheduled",
      "property.roundSubmitted",
      "property.worksRecorded",
    ]);
    expect([...new Set(SAMPLES.map((s) => s.name))].sort()).toEqual([...names].sort());
  });

  test.each(SAMPLES.map((s, i) => [`${s.name} #${i}`, s]))("%s is accepted as it is", (_name, sample) => {
    expect(ZProperty.parse(sample)).toEqual(sample);
  });

  test("every kind, agreement, document kind, department, result and verdict is accepted", () => {
    const ok = (e: unknown) => expect(ZProperty.safeParse(e).success, JSON.stringify(e)).toBe(true);
    for (const kind of CASE_KINDS) {
      for (const s of [SCHEDULED, CANCELLED_ROUND, SUBMITTED, LETTER, RECTIFIED, CONNECTED, CANCELLED, ITEM]) ok({ ...s, payload: { ...s.payload, kind } });
    }
    for (const agreementKind of AGREEMENT_KINDS) ok({ ...WORKS, payload: { ...WORKS.payload, agreementKind } });
    for (const kind of DOCUMENT_KINDS) ok({ ...DOCUMENT, payload: { ...DOCUMENT.payload, kind } });
    for (const department of DEPARTMENTS) {
      ok({ ...SCHEDULED, payload: { ...SCHEDULED.payload, inspectors: [{ userId: U1, department }], departments: [department] } });
    }
    const r = SUBMITTED.payload.results[0]!;
    for (const result of ITEM_RESULTS) ok({ ...SUBMITTED, payload: { ...SUBMITTED.payload, results: [{ ...r, result }] } });
    for (const verdict of ROUND_STATUSES) ok({ ...SUBMITTED, payload: { ...SUBMITTED.payload, verdict } });
  });

  test.each([
    ["an unknown kind", { ...CANCELLED, payload: { ...CANCELLED.payload, kind: "maintenance" } }],
    ["an unknown agreement kind", { ...WORKS, payload: { ...WORKS.payload, agreementKind: "rental" } }],
    ["works without its signature field", { ...WORKS, payload: { ...WORKS.payload, signatureSha256: undefined } }],
    ["an unknown document kind", { ...DOCUMENT, payload: { ...DOCUMENT.payload, kind: "invoice" } }],
    ["a fractional document size", { ...DOCUMENT, payload: { ...DOCUMENT.payload, bytes: 10.5 } }],
    ["an unknown department", { ...SCHEDULED, payload: { ...SCHEDULED.payload, departments: ["sales"] } }],
    ["a fractional round number", { ...CANCELLED_ROUND, payload: { ...CANCELLED_ROUND.payload, roundNo: 1.5 } }],
    ["a step without its note", { ...CANCELLED, payload: { code: "PBX-2026-0002", kind: "pbx" } }],
    ["an unknown verdict", { ...SUBMITTED, payload: { ...SUBMITTED.payload, verdict: "ok" } }],
    ["a result other than pass or fail", { ...SUBMITTED, payload: { ...SUBMITTED.payload, results: [{ ...SUBMITTED.payload.results[0]!, result: "na" }] } }],
    ["a submitted round without its device fields", { ...SUBMITTED, payload: { ...SUBMITTED.payload, mutationId: undefined, deviceId: undefined } }],
    ["a submitted round without final", { ...SUBMITTED, payload: { ...SUBMITTED.payload, final: undefined } }],
    ["a connection without its work order field", { ...CONNECTED, payload: { ...CONNECTED.payload, workOrderCode: undefined } }],
    ["a rectification without its letter field", { ...RECTIFIED, payload: { ...RECTIFIED.payload, letterCode: undefined } }],
    ["a letter without its deadline", { ...LETTER, payload: { ...LETTER.payload, deadline: undefined } }],
    ["an item without active", { ...ITEM, payload: { kind: "works", clause: "1", textZh: "x" } }],
    ["an agreement without its equipment", { ...MA_RECORDED, payload: { ...MA_RECORDED.payload, equipment: undefined } }],
    ["an unknown property event", { name: "property.deleted", payload: { code: "PBX-2026-0001" } }],
  ])("%s is refused", (_what, event) => {
    expect(ZProperty.safeParse(event).success).toBe(false);
  });

  test("keys a payload does not declare are dropped (nothing slips into the log)", () => {
    const parsed = ZProperty.parse({ ...DOCUMENT, payload: { ...DOCUMENT.payload, base64: "JVBERi0xLjQK" } });
    expect(parsed.payload).toEqual(DOCUMENT.payload);
    const round = ZProperty.parse({
      ...SUBMITTED,
      payload: {
        ...SUBMITTED.payload,
        results: [{ ...SUBMITTED.payload.results[0]!, photo: { base64: "AA==" } }],
        signatures: [{ userId: U1, sha256: SHA("d"), signature: { base64: "AA==" } }],
      },
    });
    expect(round.payload).toEqual({ ...SUBMITTED.payload, results: [SUBMITTED.payload.results[0]], signatures: [SUBMITTED.payload.signatures[0]] });
  });

  test("the audit chain's union holds every property event once and takes every sample as it is", () => {
    const names = PROPERTY_AUDIT_EVENTS.map((e) => e.shape.name.value);
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
