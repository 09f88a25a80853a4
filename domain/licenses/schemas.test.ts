import { describe, expect, it } from "vitest";
import { LICENSE_CSV_MAX_BYTES } from "./csv-format";
import { ZLicenseImportInput, ZLicenseLookupInput } from "./schemas";

describe("ZLicenseImportInput", () => {
  it("takes the text and a cleaned file name (one printable line, at most 120 characters, empty → null)", () => {
    expect(ZLicenseImportInput.parse({ csv: "a" })).toEqual({ csv: "a", fileName: null });
    expect(ZLicenseImportInput.parse({ csv: "a", fileName: "  reg\u202Eistry\n.csv " })).toEqual({ csv: "a", fileName: "registry.csv" });
    expect(ZLicenseImportInput.parse({ csv: "a", fileName: "x".repeat(200) }).fileName).toHaveLength(120);
    expect(ZLicenseImportInput.parse({ csv: "a", fileName: "" }).fileName).toBeNull();
    expect(ZLicenseImportInput.safeParse({ csv: "a", fileName: "x".repeat(256) }).success).toBe(false);
  });

  it("refuses over 2 MB, counted in UTF-8 bytes", () => {
    expect(ZLicenseImportInput.safeParse({ csv: "a".repeat(LICENSE_CSV_MAX_BYTES) }).success).toBe(true);
    const tooBig = ZLicenseImportInput.safeParse({ csv: "a".repeat(LICENSE_CSV_MAX_BYTES + 1) });
    expect(tooBig.error?.issues.map((i) => i.message)).toEqual(["licenses.file.too_large"]);
    const chinese = ZLicenseImportInput.safeParse({ csv: "中".repeat(Math.ceil(LICENSE_CSV_MAX_BYTES / 3) + 1) });
    expect(chinese.error?.issues.map((i) => i.message)).toEqual(["licenses.file.too_large"]);
    expect(ZLicenseImportInput.safeParse({}).success).toBe(false);
    expect(ZLicenseImportInput.safeParse({ csv: 5 }).success).toBe(false);
  });
});

describe("ZLicenseLookupInput", () => {
  it("a license number or a mark code, trimmed, of the right shape", () => {
    expect(ZLicenseLookupInput.parse({ licenseNo: " 00-D710-208870 " })).toEqual({ licenseNo: "00-D710-208870" });
    expect(ZLicenseLookupInput.parse({ markCode: "1234567890123456" })).toEqual({ markCode: "1234567890123456" });
    for (const bad of [{}, { licenseNo: "00-d710-208870" }, { markCode: "123" }, { licenseNo: 1 }, { other: "x" }]) {
      expect(ZLicenseLookupInput.safeParse(bad).success).toBe(false);
    }
  });
});
