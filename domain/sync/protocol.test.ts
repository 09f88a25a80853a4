import { uuidv7 } from "uuidv7";
import { describe, expect, it } from "vitest";
import {
  MAX_BATCH_BYTES,
  MAX_BATCH_MUTATIONS,
  MUTATION_NAMES,
  MUTATION_VERSIONS,
  PULL_PAGE_ROWS,
  REJECTION_CODES,
  ZMutationEnvelope,
  ZPullInput,
  ZPushInput,
  ZRegisterDeviceInput,
  ZResolveRejectionArgs,
} from "./protocol";

const DEVICE = "0b6e1c2a-8c0f-4a61-9d53-7f1f8a0b4c21";

function envelope(over: Record<string, unknown> = {}) {
  return {
    mutationId: uuidv7(),
    deviceId: DEVICE,
    seq: 1,
    name: "item.changeLabel",
    schemaVersion: 1,
    args: { anything: true },
    expected: { from: "accepted", version: 1 },
    clientTime: "2026-11-25T12:00:00.000Z",
    ...over,
  };
}

describe("protocol constants (a public contract)", () => {
  it("batch and page limits", () => {
    expect(MAX_BATCH_MUTATIONS).toBe(50);
    expect(MAX_BATCH_BYTES).toBe(256 * 1024);
    expect(PULL_PAGE_ROWS).toBe(500);
  });

  it("mutation names and the schema versions still accepted: removing one breaks queued outboxes", () => {
    const v1 = [
      "item.changeLabel",
      "rejection.resolve",
      "workOrder.transition",
      "workOrder.checkEquipment",
      "workOrder.selfCheck",
      "workOrder.customerSign",
      "workOrder.customerRefuse",
      "workOrder.addPhoto",
      "workOrder.withdrawCheck",
      "instrument.borrow",
      "instrument.return",
      "instrument.handOver",
      "instrument.acceptHandOver",
      "instrument.declineHandOver",
      "instrument.cancelHandOver",
      "instrument.reportFault",
      "instrument.recordCare",
      // issue 16: issue and return at Technology Development (the custodian's steps)
      "instrument.issue",
      "instrument.closeRequest",
      "instrument.confirmReturn",
      "instrument.confirmHandOver",
      // issue 12: the notice inbox
      "notice.markRead",
      // issue 13: a complaint or inquiry recorded by whoever was asked first
      "complaint.record",
      // issue 14: the warehouse keeper's offline steps
      "receipt.record",
      "receipt.label",
      "stock.move",
      "count.submit",
      // issue 15: the quality checker's label walk (标识检查)
      "spotCheck.submit",
      // issue 15: the terminal-maintenance service record (服务记录表)
      "workOrder.serviceRecord",
      // issue 16: a customer-property inspection round (PBX inspection, works acceptance) done on the phone
      "propertyRound.submit",
    ];
    // issue 10: workOrder.checkEquipment v2 requires the serial and a PBX's details, item.changeLabel v2 a final
    // label's photo and its designated area; v1 of both stays accepted under its old rules
    // issue 15: workOrder.selfCheck v2 has no service-record tick (the record itself is required); v1 keeps it
    // issue 16: workOrder.checkEquipment v3 has no typed PBX details (the order's linked application decides)
    expect(MUTATION_VERSIONS).toEqual({
      ...Object.fromEntries(v1.map((name) => [name, [1]])),
      "workOrder.checkEquipment": [1, 2, 3],
      "item.changeLabel": [1, 2],
      "workOrder.selfCheck": [1, 2],
      "complaint.record": [1, 2],
    });
    expect([...MUTATION_NAMES].sort()).toEqual([...v1].sort());
  });

  it("rejection codes cover every refusal of checkLabelChange", () => {
    for (const code of ["not_allowed", "invalid_transition", "reason_not_allowed", "note_required", "quarantine_zone_required", "photo_required"]) {
      expect(REJECTION_CODES).toContain(code);
    }
    expect(new Set(REJECTION_CODES).size).toBe(REJECTION_CODES.length);
  });
});

describe("ZMutationEnvelope", () => {
  it("accepts a well-formed envelope with a UUIDv7 id", () => {
    expect(ZMutationEnvelope.safeParse(envelope()).success).toBe(true);
    // upper case is the same UUID
    expect(ZMutationEnvelope.safeParse(envelope({ mutationId: uuidv7().toUpperCase() })).success).toBe(true);
    // expected is optional (rejection.resolve has none)
    const { expected: _e, ...noExpected } = envelope();
    expect(ZMutationEnvelope.safeParse(noExpected).success).toBe(true);
  });

  it.each([
    ["a UUIDv4", "6f1c8d1e-2f4b-4c55-9a0e-1b2c3d4e5f60"],
    ["a UUIDv1", "c232ab00-9414-11ec-b3c8-9e6bdeced846"],
    ["the nil UUID", "00000000-0000-0000-0000-000000000000"],
    ["a v7 with a wrong variant", "01920000-0000-7000-c000-000000000001"],
    ["no dashes", "0192000000007000800000000000001"],
    ["a v7 with a trailing character", "01920000-0000-7000-8000-0000000000011"],
    ["braces", "{01920000-0000-7000-8000-000000000001}"],
    ["empty", ""],
  ])("refuses %s as mutationId", (_what, id) => {
    const r = ZMutationEnvelope.safeParse(envelope({ mutationId: id }));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("mutationId must be a UUIDv7");
  });

  it("refuses a bad seq, device id, client time, empty name or version 0", () => {
    for (const over of [
      { seq: 0 },
      { seq: -1 },
      { seq: 1.5 },
      { seq: "1" },
      { deviceId: "phone-1" },
      { clientTime: "2026-11-25 12:00" },
      { clientTime: "yesterday" },
      { name: "" },
      { name: "x".repeat(61) },
      { schemaVersion: 0 },
    ]) {
      expect(ZMutationEnvelope.safeParse(envelope(over)).success, JSON.stringify(over)).toBe(false);
    }
  });

  it("accepts client times with an offset (phones in UTC+8)", () => {
    expect(ZMutationEnvelope.safeParse(envelope({ clientTime: "2026-11-25T20:00:00+08:00" })).success).toBe(true);
  });
});

describe("ZPushInput", () => {
  const batch = (n: number) => ({ deviceId: DEVICE, mutations: Array.from({ length: n }, (_, i) => envelope({ seq: i + 1 })) });

  it("takes 1 to 50 mutations", () => {
    expect(ZPushInput.safeParse(batch(1)).success).toBe(true);
    expect(ZPushInput.safeParse(batch(50)).success).toBe(true);
    expect(ZPushInput.safeParse(batch(51)).success).toBe(false);
    expect(ZPushInput.safeParse(batch(0)).success).toBe(false);
  });

  it("needs a UUID device id", () => {
    expect(ZPushInput.safeParse({ ...batch(1), deviceId: "x" }).success).toBe(false);
  });
});

describe("ZPullInput cursor", () => {
  it("defaults to 0", () => {
    expect(ZPullInput.parse({ deviceId: DEVICE }).cursor).toBe("0");
  });

  it.each(["0", "1", "9007199254740990", "748:748:", "740:760:740,745,759"])("accepts %s", (cursor) => {
    expect(ZPullInput.parse({ deviceId: DEVICE, cursor }).cursor).toBe(cursor);
  });

  it.each(["", "-1", "1.5", "1e9", "abc", " 1", "123456789012345678901", "12345678901234567890", "0x10", "760:740:", "740:760:761"])("refuses %j", (cursor) => {
    expect(ZPullInput.safeParse({ deviceId: DEVICE, cursor }).success).toBe(false);
  });

  it("refuses a number (cursors travel as strings: a txid may exceed 2^53)", () => {
    expect(ZPullInput.safeParse({ deviceId: DEVICE, cursor: 5 }).success).toBe(false);
  });
});

describe("ZRegisterDeviceInput and ZResolveRejectionArgs", () => {
  it("register: a UUID and an optional label up to 120 characters", () => {
    expect(ZRegisterDeviceInput.parse({ deviceId: DEVICE })).toEqual({ deviceId: DEVICE, label: "" });
    expect(ZRegisterDeviceInput.safeParse({ deviceId: DEVICE, label: "x".repeat(121) }).success).toBe(false);
    expect(ZRegisterDeviceInput.safeParse({ deviceId: "phone" }).success).toBe(false);
  });

  it("resolve: a UUIDv7 and dismissed or reissued", () => {
    const id = uuidv7();
    expect(ZResolveRejectionArgs.parse({ mutationId: id, resolution: "dismissed" })).toEqual({ mutationId: id, resolution: "dismissed" });
    expect(ZResolveRejectionArgs.safeParse({ mutationId: id, resolution: "reissued" }).success).toBe(true);
    expect(ZResolveRejectionArgs.safeParse({ mutationId: id, resolution: "ignored" }).success).toBe(false);
    expect(ZResolveRejectionArgs.safeParse({ mutationId: "6f1c8d1e-2f4b-4c55-9a0e-1b2c3d4e5f60", resolution: "dismissed" }).success).toBe(false);
  });
});
