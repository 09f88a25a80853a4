import { describe, expect, it } from "vitest";
import { CHECK_OUTCOMES, EQUIPMENT_TYPES, LICENSE_CHECK_RESULTS, type TPbxDetails } from "./equipment";
import { CASE_STATUSES } from "@/domain/property/model";
import { allowedOutcomes, checkOutcomeProblem, governingVerdict, isOlderRegistry } from "./rules";

const pbx = (inspection: "passed" | "failed"): TPbxDetails => ({
  capacity: "8/24",
  standard: "GB/T 15279",
  connection: "中继 2 路",
  power: "AC 220V + UPS",
  trunkLines: 2,
  inspection,
  inspectionNote: "",
});

describe("isOlderRegistry", () => {
  it("compares instants, not strings (offsets and precision differ between writers)", () => {
    expect(isOlderRegistry("2026-11-01T08:00:00.000+08:00", "2026-11-01T00:00:00Z")).toBe(false);
    expect(isOlderRegistry("2026-10-31T23:59:59.999Z", "2026-11-01T00:00:00Z")).toBe(true);
    expect(isOlderRegistry("2026-11-02T00:00:00Z", "2026-11-01T00:00:00Z")).toBe(false);
  });
  it("no registry on the phone is older than any; no registry on the server is older than none", () => {
    expect(isOlderRegistry(null, "2026-11-01T00:00:00Z")).toBe(true);
    expect(isOlderRegistry(null, null)).toBe(false);
    expect(isOlderRegistry("2026-11-01T00:00:00Z", null)).toBe(false);
  });
});

describe("governingVerdict", () => {
  const OLD = "2026-10-01T00:00:00.000Z";
  const NEW = "2026-11-01T00:00:00.000Z";
  it("same verdict: it governs, no flag, whatever the registries", () => {
    for (const r of LICENSE_CHECK_RESULTS) {
      expect(governingVerdict({ clientResult: r, clientRegistryVersion: OLD, serverResult: r, serverRegistryVersion: NEW })).toEqual({
        verdict: r,
        recheckChanged: false,
      });
    }
  });
  it("different verdict, phone's registry older: the phone's verdict governs and the change is flagged", () => {
    for (const c of LICENSE_CHECK_RESULTS) {
      for (const s of LICENSE_CHECK_RESULTS.filter((x) => x !== c)) {
        expect(governingVerdict({ clientResult: c, clientRegistryVersion: OLD, serverResult: s, serverRegistryVersion: NEW })).toEqual({
          verdict: c,
          recheckChanged: true,
        });
        expect(governingVerdict({ clientResult: c, clientRegistryVersion: null, serverResult: s, serverRegistryVersion: NEW })).toEqual({
          verdict: c,
          recheckChanged: true,
        });
      }
    }
  });
  it("different verdict against the same or a newer registry: the server's verdict governs, no flag", () => {
    expect(governingVerdict({ clientResult: "valid", clientRegistryVersion: NEW, serverResult: "expired", serverRegistryVersion: NEW })).toEqual({
      verdict: "expired",
      recheckChanged: false,
    });
    expect(governingVerdict({ clientResult: "valid", clientRegistryVersion: NEW, serverResult: "unknown", serverRegistryVersion: OLD })).toEqual({
      verdict: "unknown",
      recheckChanged: false,
    });
    expect(governingVerdict({ clientResult: "unknown", clientRegistryVersion: null, serverResult: "valid", serverRegistryVersion: null })).toEqual({
      verdict: "valid",
      recheckChanged: false,
    });
  });
});

const passedPbx = { kind: "pbx" as const, status: "passed" as const };

describe("checkOutcomeProblem: every equipment type × verdict × outcome", () => {
  const combos = EQUIPMENT_TYPES.flatMap((equipmentType) =>
    LICENSE_CHECK_RESULTS.flatMap((verdict) => CHECK_OUTCOMES.map((outcome) => ({ equipmentType, verdict, outcome }))),
  );
  it.each(combos)("$equipmentType $verdict $outcome", ({ equipmentType, verdict, outcome }) => {
    const linkedPassed = checkOutcomeProblem({ equipmentType, verdict, outcome, pbx: null }, passedPbx);
    const typedPassed = checkOutcomeProblem({ equipmentType, verdict, outcome, pbx: pbx("passed") }, null);
    const unlinked = checkOutcomeProblem({ equipmentType, verdict, outcome, pbx: null }, null);
    if (outcome !== "connected") {
      expect([linkedPassed, typedPassed, unlinked]).toEqual([null, null, null]);
    } else if (verdict !== "valid") {
      expect([linkedPassed, typedPassed, unlinked]).toEqual(Array(3).fill("check_failed_cannot_connect"));
    } else {
      expect(linkedPassed).toBeNull();
      expect(typedPassed).toBeNull();
      expect(unlinked).toBe(equipmentType === "pbx" ? "pbx_inspection_required" : null);
    }
  });
  it("a PBX connects only when the order's linked PBX application passed its inspection (or this order connected it)", () => {
    const c = { equipmentType: "pbx" as const, verdict: "valid" as const, outcome: "connected" as const, pbx: null };
    for (const status of CASE_STATUSES) {
      expect(checkOutcomeProblem(c, { kind: "pbx", status })).toBe(status === "passed" || status === "connected" ? null : "pbx_inspection_required");
      // a works case is not a PBX application
      expect(checkOutcomeProblem(c, { kind: "works", status })).toBe("pbx_inspection_required");
    }
    expect(checkOutcomeProblem({ ...c, outcome: "refused" }, { kind: "pbx", status: "failed" })).toBeNull();
  });
  it("an older build's check with typed PBX details (v1/v2) is judged as then: the typed inspection passed", () => {
    expect(checkOutcomeProblem({ equipmentType: "pbx", verdict: "valid", outcome: "connected", pbx: pbx("failed") }, null)).toBe("pbx_details_required");
    expect(checkOutcomeProblem({ equipmentType: "pbx", verdict: "valid", outcome: "connected", pbx: pbx("failed") }, passedPbx)).toBe("pbx_details_required");
    expect(checkOutcomeProblem({ equipmentType: "pbx", verdict: "valid", outcome: "refused", pbx: pbx("failed") }, null)).toBeNull();
  });
});

describe("allowedOutcomes", () => {
  it("offers connect only when it would be accepted", () => {
    expect(allowedOutcomes({ equipmentType: "telephone", verdict: "valid", pbx: null }, null)).toEqual(["connected", "refused", "customer_informed"]);
    expect(allowedOutcomes({ equipmentType: "fax", verdict: "model_mismatch", pbx: null }, null)).toEqual(["refused", "customer_informed"]);
    expect(allowedOutcomes({ equipmentType: "pbx", verdict: "valid", pbx: null }, null)).toEqual(["refused", "customer_informed"]);
    expect(allowedOutcomes({ equipmentType: "pbx", verdict: "valid", pbx: null }, { kind: "pbx", status: "scheduled" })).toEqual([
      "refused",
      "customer_informed",
    ]);
    expect(allowedOutcomes({ equipmentType: "pbx", verdict: "valid", pbx: null }, passedPbx)).toEqual(["connected", "refused", "customer_informed"]);
  });
});
