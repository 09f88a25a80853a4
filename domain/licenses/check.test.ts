import { describe, expect, it } from "vitest";
import { checkLicense, findEntry, normalizeModel, type TLicenseEntry } from "./check";

const entry: TLicenseEntry = {
  licenseNo: "00-D710-208870",
  markCode: "2023123456789012",
  applicant: "Acme Telecom",
  equipmentName: "电话机",
  model: "KX-T7730",
  issueDate: "2022-03-01",
  expiryDate: "2027-02-28",
};
const old = (model: string | null = "KX-T7730") => ({ kind: "license_old" as const, licenseNo: entry.licenseNo, model });

describe("checkLicense", () => {
  it("valid: known, in date, models match (case, spaces and dashes ignored)", () => {
    expect(checkLicense({ entry, label: old(), equipmentModel: "", today: "2026-11-25" })).toBe("valid");
    expect(checkLicense({ entry, label: old("kx t7730"), equipmentModel: "KXT7730", today: "2026-11-25" })).toBe("valid");
    expect(checkLicense({ entry, label: { kind: "license_mark", markCode: entry.markCode! }, equipmentModel: "", today: "2026-11-25" })).toBe("valid");
  });
  it("valid on the issue and the expiry day; expired the day after and before issue", () => {
    expect(checkLicense({ entry, label: old(), equipmentModel: "", today: "2027-02-28" })).toBe("valid");
    expect(checkLicense({ entry, label: old(), equipmentModel: "", today: "2022-03-01" })).toBe("valid");
    expect(checkLicense({ entry, label: old(), equipmentModel: "", today: "2027-03-01" })).toBe("expired");
    expect(checkLicense({ entry, label: old(), equipmentModel: "", today: "2022-02-28" })).toBe("expired");
  });
  it("unknown: not in the registry, or no label at all", () => {
    expect(checkLicense({ entry: undefined, label: old(), equipmentModel: "", today: "2026-11-25" })).toBe("unknown");
    expect(checkLicense({ entry, label: { kind: "none" }, equipmentModel: "KX-T7730", today: "2026-11-25" })).toBe("unknown");
  });
  it("model mismatch: the label's or the equipment's model differs from the registry's", () => {
    expect(checkLicense({ entry, label: old("KX-T7731"), equipmentModel: "", today: "2026-11-25" })).toBe("model_mismatch");
    expect(checkLicense({ entry, label: old(null), equipmentModel: "HA-8000", today: "2026-11-25" })).toBe("model_mismatch");
  });
  it("expiry is reported before a model mismatch (the license itself is not in force)", () => {
    expect(checkLicense({ entry, label: old("OTHER"), equipmentModel: "", today: "2030-01-01" })).toBe("expired");
  });
});

describe("findEntry / normalizeModel", () => {
  const lookup = {
    byLicenseNo: (no: string) => (no === entry.licenseNo ? entry : undefined),
    byMarkCode: (c: string) => (c === entry.markCode ? entry : undefined),
  };
  it("finds by license number or by mark code, nothing for no label", () => {
    expect(findEntry(old(), lookup)).toBe(entry);
    expect(findEntry({ kind: "license_mark", markCode: entry.markCode! }, lookup)).toBe(entry);
    expect(findEntry({ kind: "license_mark", markCode: "9999999999999999" }, lookup)).toBeUndefined();
    expect(findEntry({ kind: "none" }, lookup)).toBeUndefined();
  });
  it("normalises only separators and case: lookalike letters stay different", () => {
    expect(normalizeModel("kx-t 77.30")).toBe("KXT7730");
    expect(normalizeModel("KX-T773O")).not.toBe(normalizeModel("KX-T7730"));
  });
});
