import { describe, expect, it } from "vitest";
import { canonicalJson, evidenceHash, sha256Hex } from "@/domain/evidence/canonical";
import { buildCustomerSnapshot, snapshotDifferences, snapshotMismatch, ZCustomerSnapshot, type TSnapshotInput } from "./snapshot";

const input: TSnapshotInput = {
  workOrder: {
    id: "0193a0b0-0000-7000-8000-000000000001",
    code: "WO-2026-000101",
    kind: "install",
    customerName: "张伟",
    address: "幸福小区 5 栋 302",
    service: "宽带 300M + 固话",
  },
  checks: [
    {
      id: "0193a0b0-0000-7000-8000-00000000000b",
      equipmentType: "fax",
      licenseNo: null,
      markCode: "20231234567890123456",
      labelModel: null,
      equipmentModel: "FAX-2890",
      serial: "SN2",
      verdict: "expired",
      outcome: "refused",
    },
    {
      id: "0193a0b0-0000-7000-8000-00000000000a",
      equipmentType: "telephone",
      licenseNo: "00-D710-208870",
      markCode: null,
      labelModel: "HWCD868",
      equipmentModel: " ",
      serial: "SN1",
      verdict: "valid",
      outcome: "connected",
    },
  ],
  linemanName: "王建国",
  ratings: { attitude: 5, onTime: 4 },
  comment: "很好",
  // 23:30 UTC is the next day in Beijing
  at: "2026-11-25T23:30:00.000Z",
};

describe("buildCustomerSnapshot", () => {
  it("summarises the order, the equipment (in check order), the lineman, the operator's day and the evaluation", () => {
    const s = buildCustomerSnapshot(input);
    expect(s).toEqual({
      v: 1,
      workOrderId: input.workOrder.id,
      code: "WO-2026-000101",
      kind: "install",
      customerName: "张伟",
      address: "幸福小区 5 栋 302",
      service: "宽带 300M + 固话",
      lineman: "王建国",
      date: "2026-11-26",
      equipment: [
        {
          checkId: input.checks[1]!.id,
          equipmentType: "telephone",
          label: "00-D710-208870",
          model: "HWCD868",
          serial: "SN1",
          verdict: "valid",
          outcome: "connected",
        },
        {
          checkId: input.checks[0]!.id,
          equipmentType: "fax",
          label: "20231234567890123456",
          model: "FAX-2890",
          serial: "SN2",
          verdict: "expired",
          outcome: "refused",
        },
      ],
      evaluation: { attitude: 5, onTime: 4, comment: "很好" },
    });
    expect(ZCustomerSnapshot.safeParse(s).success).toBe(true);
  });

  it("the same facts in another order give the same canonical text", () => {
    const a = buildCustomerSnapshot(input);
    const b = buildCustomerSnapshot({ ...input, checks: [...input.checks].reverse(), at: new Date(input.at) });
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });
});

describe("snapshotMismatch", () => {
  const s = buildCustomerSnapshot(input);
  const expected = { workOrderId: input.workOrder.id, code: "WO-2026-000101", ratings: { attitude: 5, onTime: 4 }, comment: "很好" };
  it("null when it belongs to the work order and the evaluation sent beside it", () => {
    expect(snapshotMismatch(s, expected)).toBeNull();
    expect(snapshotMismatch({ ...s, evaluation: { ...s.evaluation, comment: " 很好 " } }, expected)).toBeNull();
  });
  it("names what does not fit", () => {
    expect(snapshotMismatch({ ...s, workOrderId: "other" }, expected)).toBe("workOrderId");
    expect(snapshotMismatch({ ...s, code: "WO-2026-000102" }, expected)).toBe("code");
    expect(snapshotMismatch({ ...s, evaluation: { ...s.evaluation, attitude: 1 } }, expected)).toBe("evaluation");
    expect(snapshotMismatch({ ...s, evaluation: { ...s.evaluation, comment: "差" } }, expected)).toBe("evaluation");
    expect(snapshotMismatch({ ...s, extra: 1 }, expected)).toBe("snapshot");
    expect(snapshotMismatch({ hello: "world" }, expected)).toBe("snapshot");
  });
});

describe("the evidence hash over a snapshot", () => {
  const evidence = {
    snapshot: buildCustomerSnapshot(input) as Record<string, unknown>,
    signatureSha256: sha256Hex(new Uint8Array([137, 80, 78, 71])),
    signerName: "张伟",
    userId: "0193a0b0-0000-7000-8000-0000000000aa",
    deviceId: "0193a0b0-0000-7000-8000-0000000000dd",
    clientTime: "2026-11-25T23:30:00.000Z",
  };
  it("changes when anything the customer saw changes", () => {
    const h = evidenceHash(evidence);
    const snap = evidence.snapshot as ReturnType<typeof buildCustomerSnapshot>;
    const variants = [
      { ...snap, address: "幸福小区 5 栋 303" },
      { ...snap, lineman: "赵磊" },
      { ...snap, date: "2026-11-27" },
      { ...snap, equipment: snap.equipment.slice(1) },
      { ...snap, equipment: [{ ...snap.equipment[0]!, outcome: "refused" }, snap.equipment[1]] },
      { ...snap, evaluation: { ...snap.evaluation, onTime: 5 } },
    ];
    for (const v of variants) expect(evidenceHash({ ...evidence, snapshot: v })).not.toBe(h);
  });
});

describe("snapshotDifferences", () => {
  const signed = buildCustomerSnapshot(input).equipment;
  const [fax, phone] = input.checks as [TSnapshotInput["checks"][number], TSnapshotInput["checks"][number]];

  it("empty when the customer saw exactly the checks on record, in any order", () => {
    expect(snapshotDifferences(signed, [phone, fax])).toEqual([]);
    expect(snapshotDifferences([], [])).toEqual([]);
  });

  it("a check shown to the customer that the record lacks (refused by the server, or never arrived)", () => {
    expect(snapshotDifferences(signed, [phone])).toEqual([{ checkId: fax.id, kind: "not_recorded" }]);
  });

  it("a check on record that the customer was not shown", () => {
    expect(
      snapshotDifferences(
        signed.filter((c) => c.checkId === phone.id),
        [phone, fax],
      ),
    ).toEqual([{ checkId: fax.id, kind: "not_shown" }]);
  });

  it("names each field told differently: verdict, outcome, label, model, serial, type", () => {
    expect(snapshotDifferences(signed, [phone, { ...fax, verdict: "unknown" }])).toEqual([{ checkId: fax.id, kind: "changed", fields: ["verdict"] }]);
    expect(
      snapshotDifferences(signed, [
        { ...phone, outcome: "refused", serial: "SN9", equipmentModel: "X1", licenseNo: "00-D710-208871", equipmentType: "fax" },
        fax,
      ]),
    ).toEqual([{ checkId: phone.id, kind: "changed", fields: ["equipmentType", "label", "model", "serial", "outcome"] }]);
  });

  it("reports every difference, in check order", () => {
    const stranger = { ...fax, id: "0193a0b0-0000-7000-8000-000000000009" };
    expect(snapshotDifferences(signed, [stranger, { ...phone, verdict: "expired" }])).toEqual([
      { checkId: stranger.id, kind: "not_shown" },
      { checkId: phone.id, kind: "changed", fields: ["verdict"] },
      { checkId: fax.id, kind: "not_recorded" },
    ]);
  });
});
