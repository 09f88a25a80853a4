import { describe, expect, test } from "vitest";
import { ZAuditEvent } from "@/domain/audit/events";
import { WAREHOUSE_AUDIT_EVENTS } from "./audit-events";
import { DIFFERENCE_KINDS } from "./count";
import { REJECT_TARGETS } from "./model";
import { MOVE_KINDS } from "./stock";

const phone = { mutationId: "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b", deviceId: "0193a1b2-c3d4-7e5f-8a6b-000000000001" };
const office = { mutationId: null, deviceId: null };

const RECORDED = {
  name: "receipt.recorded",
  payload: {
    code: "RC-20260301-0001",
    purchaseRequest: "PR-2026-0042",
    department: "operations",
    supplier: "华为技术有限公司",
    deliveryNote: "DN-88123",
    lines: [
      { materialCode: "MAT-ONU-HG8245", quantity: 2, tags: ["ST-001001", "ST-001002"] },
      { materialCode: "MAT-CAT6-305", quantity: 20, tags: ["ST-001003"] },
    ],
    ...phone,
  },
};
const INSPECTED = {
  name: "receipt.inspected",
  payload: {
    code: "RC-20260301-0001",
    formCode: "QA-20260302-0001",
    signatureSha256: "ab".repeat(32),
    lines: [
      { tag: "ST-001001", accepted: 1, rejected: 0, rejectTo: null, reason: "" },
      { tag: "ST-001003", accepted: 17, rejected: 3, rejectTo: "returned", reason: "3 卷外皮破损" },
    ],
  },
};
const LABELLED = {
  name: "receipt.labelled",
  payload: {
    formCode: "QA-20260302-0001",
    tag: "ST-001003",
    status: "accepted",
    zoneCode: "WH1-A",
    quantity: 17,
    split: { tag: "ST-001201", status: "returned", zoneCode: "WH1-Q-RET", quantity: 3 },
    responsibleId: "0193a1b2-c3d4-7e5f-8a6b-000000000002",
    ...phone,
  },
};
const MOVED = {
  name: "stock.moved",
  payload: { tag: "ST-001003", kind: "issue", quantity: 5, toUserId: null, toDepartment: "operations", onHandAfter: 12, ...phone },
};
const SUBMITTED = {
  name: "count.submitted",
  payload: { zoneCode: "WH1-A", scans: 120, expected: 118, found: 115, differences: { missing: 3, unexpected: 4, wrong_label: 1, unknown: 0 }, ...phone },
};
const ADJUSTED = {
  name: "count.adjusted",
  payload: { countId: "0193a1b2-c3d4-7e5f-8a6b-000000000003", tag: "ST-001002", kind: "missing", resolution: "write_off", reason: "盘点未见" },
};
const LEASED = { name: "tags.leased", payload: { first: 1201, last: 1400, deviceId: phone.deviceId } };

const RESPONSIBLE = {
  name: "quarantine.responsibleSet",
  payload: { tag: "ST-001003", status: "returned", zoneCode: "WH1-Q-RET", from: null, to: "0193a1b2-c3d4-7e5f-8a6b-000000000004" },
};

const SAMPLES = [
  RECORDED,
  { ...RECORDED, payload: { ...RECORDED.payload, ...office } },
  INSPECTED,
  LABELLED,
  { ...LABELLED, payload: { ...LABELLED.payload, split: null, responsibleId: null, ...office } },
  MOVED,
  { ...MOVED, payload: { ...MOVED.payload, kind: "return", toUserId: "0193a1b2-c3d4-7e5f-8a6b-000000000004", toDepartment: null } },
  SUBMITTED,
  { ...SUBMITTED, payload: { ...SUBMITTED.payload, differences: { missing: 0, unexpected: 0, wrong_label: 0, unknown: 0 } } },
  ADJUSTED,
  LEASED,
  { ...LEASED, payload: { ...LEASED.payload, deviceId: null } },
  RESPONSIBLE,
  { ...RESPONSIBLE, payload: { ...RESPONSIBLE.payload, from: "0193a1b2-c3d4-7e5f-8a6b-000000000005", zoneCode: null } },
];

describe("warehouse audit events", () => {
  test("the eight events, each once, each with a sample here", () => {
    const names = WAREHOUSE_AUDIT_EVENTS.map((e) => e.shape.name.value);
    expect([...names].sort()).toEqual([
      "count.adjusted",
      "count.submitted",
      "quarantine.responsibleSet",
      "receipt.inspected",
      "receipt.labelled",
      "receipt.recorded",
      "stock.moved",
      "tags.leased",
    ]);
    expect([...new Set(SAMPLES.map((s) => s.name))].sort()).toEqual([...names].sort());
  });

  test.each(SAMPLES.map((s, i) => [`${s.name} #${i}`, s]))("%s is accepted by the audit chain's union as it is", (_name, sample) => {
    expect(ZAuditEvent.parse(sample)).toEqual(sample);
  });

  test("every reject target, move kind and difference kind is accepted", () => {
    for (const rejectTo of REJECT_TARGETS)
      expect(ZAuditEvent.safeParse({ ...INSPECTED, payload: { ...INSPECTED.payload, lines: [{ ...INSPECTED.payload.lines[1], rejectTo }] } }).success).toBe(
        true,
      );
    for (const kind of MOVE_KINDS) expect(ZAuditEvent.safeParse({ ...MOVED, payload: { ...MOVED.payload, kind } }).success).toBe(true);
    for (const kind of DIFFERENCE_KINDS) expect(ZAuditEvent.safeParse({ ...ADJUSTED, payload: { ...ADJUSTED.payload, kind } }).success).toBe(true);
  });

  test.each([
    ["an unknown department", { ...RECORDED, payload: { ...RECORDED.payload, department: "warehouse" } }],
    ["a fractional line quantity", { ...RECORDED, payload: { ...RECORDED.payload, lines: [{ materialCode: "M", quantity: 1.5, tags: [] }] } }],
    [
      "a reject target that is no quarantine of the form",
      { ...INSPECTED, payload: { ...INSPECTED.payload, lines: [{ ...INSPECTED.payload.lines[1], rejectTo: "scrapped" }] } },
    ],
    ["an unknown label", { ...LABELLED, payload: { ...LABELLED.payload, status: "lost" } }],
    ["a split without its quantity", { ...LABELLED, payload: { ...LABELLED.payload, split: { tag: "ST-001201", status: "returned", zoneCode: "Q" } } }],
    ["an unknown move", { ...MOVED, payload: { ...MOVED.payload, kind: "transfer" } }],
    ["a fractional on-hand", { ...MOVED, payload: { ...MOVED.payload, onHandAfter: 0.5 } }],
    ["an unknown difference kind", { ...SUBMITTED, payload: { ...SUBMITTED.payload, differences: { stolen: 1 } } }],
    [
      "a count whose differences leave a kind out (every kind is counted, zeros too)",
      { ...SUBMITTED, payload: { ...SUBMITTED.payload, differences: { missing: 1 } } },
    ],
    ["a count without its device fields", { ...SUBMITTED, payload: { ...SUBMITTED.payload, mutationId: undefined, deviceId: undefined } }],
    ["a fractional lease", { ...LEASED, payload: { ...LEASED.payload, first: 1.5 } }],
    ["an unknown warehouse event", { name: "receipt.deleted", payload: {} }],
  ])("%s is refused", (_what, event) => {
    expect(ZAuditEvent.safeParse(event).success).toBe(false);
  });

  test("keys a payload does not declare are dropped (nothing slips into the log)", () => {
    const parsed = ZAuditEvent.parse({ ...LEASED, payload: { ...LEASED.payload, token: "secret" } });
    expect(parsed.payload).toEqual(LEASED.payload);
  });
});
