import { describe, expect, it } from "vitest";
import { checkLicense } from "./check";
import { licenseStanding } from "./standing";

const entry = { issueDate: "2024-03-01", expiryDate: "2027-02-28" };

describe("licenseStanding", () => {
  it.each([
    ["2024-02-29", "not_yet_valid"],
    ["2024-03-01", "in_force"],
    ["2026-11-25", "in_force"],
    ["2027-02-28", "in_force"],
    ["2027-03-01", "expired"],
  ])("%s → %s", (today, standing) => {
    expect(licenseStanding(entry, today)).toBe(standing);
  });

  it("in force exactly when the phone's check does not find it expired", () => {
    const full = { ...entry, licenseNo: "00-D710-208870", markCode: null, applicant: "A", equipmentName: "B", model: "M" };
    for (const today of ["2024-02-29", "2024-03-01", "2027-02-28", "2027-03-01"]) {
      const check = checkLicense({ entry: full, label: { kind: "license_old", licenseNo: full.licenseNo, model: null }, equipmentModel: "", today });
      expect(licenseStanding(entry, today) === "in_force").toBe(check === "valid");
    }
  });
});
