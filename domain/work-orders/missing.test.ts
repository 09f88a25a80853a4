import { describe, expect, it } from "vitest";
import { MANUAL_CHECKLIST } from "./checklist";
import { checkFormProblems, customerRefuseMissing, customerSignMissing, handOverMissing, untickedItems } from "./missing";
import { selfCheckDecision } from "./preconditions";
import type { TCheckForRules } from "./rules";

const ok: TCheckForRules & { id: string } = { id: "c1", equipmentType: "telephone", verdict: "valid", outcome: "connected", pbx: null };
const all = Object.fromEntries(MANUAL_CHECKLIST.install.map((i) => [i, true]));

describe("what is missing before the phone is handed to the customer", () => {
  it("nothing when every item is ticked, the checks fit and the lineman signed", () => {
    expect(handOverMissing({ kind: "install", ticked: all, checks: [ok], signed: true, linkedCase: null })).toEqual([]);
  });

  it("names each unticked item in the kind's order, then the signature", () => {
    const missing = handOverMissing({ kind: "install", ticked: { service_working: true }, checks: [], signed: false, linkedCase: null });
    expect(missing).toEqual([{ what: "checklist", item: "line_tested" }, { what: "checklist", item: "site_tidy" }, { what: "signature" }]);
    expect(untickedItems(missing)).toEqual(["line_tested", "site_tidy"]);
  });

  it("an item ticked then unticked (false) is missing; ticks of another kind do not count", () => {
    expect(untickedItems(handOverMissing({ kind: "repair", ticked: { ...all, fault_cleared: false }, checks: [], signed: true, linkedCase: null }))).toEqual([
      "fault_cleared",
    ]);
  });

  it("checks that block come first (they are above the checklist), each by id", () => {
    const failed = { ...ok, id: "c2", verdict: "expired" as const };
    const pbx = { ...ok, id: "c3", equipmentType: "pbx" as const };
    expect(handOverMissing({ kind: "install", ticked: {}, checks: [ok, failed, pbx], signed: true, linkedCase: null }).slice(0, 2)).toEqual([
      { what: "check", checkId: "c2", problem: "check_failed_cannot_connect" },
      { what: "check", checkId: "c3", problem: "pbx_inspection_required" },
    ]);
    // the order's PBX application passed: the PBX may be connected
    expect(handOverMissing({ kind: "install", ticked: all, checks: [ok, pbx], signed: true, linkedCase: { kind: "pbx", status: "passed" } })).toEqual([]);
  });

  it("an order opening a customer-built works project's service: the works accepted first, named above everything", () => {
    for (const status of ["recorded", "scheduled", "failed", "rectifying", "rectified", "cancelled"] as const) {
      expect(handOverMissing({ kind: "install", ticked: all, checks: [], signed: true, linkedCase: { kind: "works", status } })).toEqual([
        { what: "case", problem: "works_not_accepted" },
      ]);
    }
    expect(handOverMissing({ kind: "install", ticked: all, checks: [], signed: true, linkedCase: { kind: "works", status: "passed" } })).toEqual([]);
  });

  it("agrees with the self-check decision the server takes: nothing missing but the signature ⇔ applied", () => {
    const pbx = { ...ok, id: "p", equipmentType: "pbx" as const };
    for (const ticked of [{}, { line_tested: true }, all]) {
      for (const checks of [[ok], [{ ...ok, verdict: "unknown" as const }], [pbx]]) {
        for (const linkedCase of [null, { kind: "pbx" as const, status: "passed" as const }, { kind: "works" as const, status: "failed" as const }]) {
          const missing = handOverMissing({ kind: "install", ticked, checks, signed: true, linkedCase });
          expect(missing.length === 0).toBe(selfCheckDecision({ status: "on_site", kind: "install", ticked, checks, linkedCase }).kind === "apply");
        }
      }
    }
  });
});

describe("what the customer still has to give", () => {
  it("both ratings, the name (not only spaces) and the signature, in screen order", () => {
    expect(customerSignMissing({ attitude: null, onTime: null, signerName: " ", signed: false })).toEqual(["attitude", "onTime", "signerName", "signature"]);
    expect(customerSignMissing({ attitude: 5, onTime: null, signerName: "张伟", signed: true })).toEqual(["onTime"]);
    expect(customerSignMissing({ attitude: 1, onTime: 1, signerName: "张伟", signed: true })).toEqual([]);
  });

  it("a refusal needs its reason", () => {
    expect(customerRefuseMissing({ reason: "  " })).toEqual(["reason"]);
    expect(customerRefuseMissing({ reason: "价格不对" })).toEqual([]);
  });
});

describe("the equipment check form's required fields (workOrder.checkEquipment v3)", () => {
  const base = {
    checkId: "0190f3b6-0000-7000-8000-0000000000c1",
    workOrderId: "0190f3b6-0000-7000-8000-0000000000a1",
    equipmentType: "telephone",
    label: { kind: "license_old", licenseNo: "00-D710-208870", model: null, scrambleCode: null },
    entry: "typed",
    clientResult: "valid",
    clientRegistryVersion: null,
    outcome: "connected",
  };
  const typedPbx = { capacity: "8/24", standard: "GB/T 15279", connection: "中继", power: "AC 220V", trunkLines: 2, inspection: "passed", inspectionNote: "" };
  const fieldsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

  it("the serial is required in v2 and v3, optional in v1 (an old outbox is still accepted)", async () => {
    const { ZCheckEquipmentArgs, ZCheckEquipmentArgsV1, ZCheckEquipmentArgsV2, CHECK_EQUIPMENT_SCHEMAS, CHECK_EQUIPMENT_VERSION } = await import("./mutations");
    expect(CHECK_EQUIPMENT_VERSION).toBe(3);
    expect(CHECK_EQUIPMENT_SCHEMAS[3]).toBe(ZCheckEquipmentArgs);
    expect(CHECK_EQUIPMENT_SCHEMAS[2]).toBe(ZCheckEquipmentArgsV2);
    const v3 = ZCheckEquipmentArgs.safeParse({ ...base, serial: "  " });
    expect(checkFormProblems(fieldsOf(v3))).toEqual(["serial"]);
    expect(fieldsOf(v3).serial).toBe("validation.required");
    expect(ZCheckEquipmentArgsV1.safeParse({ ...base, serial: "" }).success).toBe(true);
    expect(ZCheckEquipmentArgs.safeParse({ ...base, serial: "SN-1" }).success).toBe(true);
  });

  it("v3: a PBX is checked without typed details (the order's linked application has them); details sent anyway are dropped", async () => {
    const { ZCheckEquipmentArgs } = await import("./mutations");
    const r = ZCheckEquipmentArgs.safeParse({ ...base, equipmentType: "pbx", serial: "PBX-1" });
    expect(r.success).toBe(true);
    const withDetails = ZCheckEquipmentArgs.parse({ ...base, equipmentType: "pbx", serial: "PBX-1", pbx: typedPbx });
    expect(withDetails).not.toHaveProperty("pbx");
  });

  it("v2 (an older build's outbox): a PBX still needs every typed detail but the note", async () => {
    const { ZCheckEquipmentArgsV2 } = await import("./mutations");
    const empty = { capacity: "", standard: " ", connection: "", power: "", trunkLines: Number.NaN, inspection: null, inspectionNote: "" };
    const r = ZCheckEquipmentArgsV2.safeParse({ ...base, equipmentType: "pbx", outcome: "refused", serial: "", pbx: empty });
    expect(Object.keys(fieldsOf(r)).sort()).toEqual(
      ["serial", "pbx.capacity", "pbx.standard", "pbx.connection", "pbx.power", "pbx.trunkLines", "pbx.inspection"].sort(),
    );
    expect(fieldsOf(ZCheckEquipmentArgsV2.safeParse({ ...base, equipmentType: "pbx", outcome: "refused", serial: "S" }))).toEqual({
      pbx: "validation.required",
    });
    expect(ZCheckEquipmentArgsV2.safeParse({ ...base, equipmentType: "pbx", serial: "S", pbx: typedPbx }).success).toBe(true);
  });
});
