import { describe, expect, test } from "vitest";
import { checkCsvHeader, csvCell, parseCsvRow, toCsv, INSTRUMENT_CSV_COLUMNS } from "./csv";

const good = {
  asset_tag: "in-000401",
  name: "光功率计",
  model: "JW3208",
  serial: "S-1",
  kind: " Optical  Power Meter ",
  category: "Public",
  department: "technology_development",
  keeper_username: "Custodian",
  location: "仪表室",
  intake_date: "2024-02-29",
  service_life_years: "8",
  calibrated_on: "2025-01-31",
  calibration_result: "passed",
  certificate_no: "JL-2025-001",
  lab: "市通信计量站",
};

describe("CSV header", () => {
  test("all columns known and present", () => {
    expect(checkCsvHeader([...INSTRUMENT_CSV_COLUMNS])).toEqual([]);
    expect(
      checkCsvHeader(["Asset_Tag ", "name", "model", "serial", "kind", "category", "department", "location", "intake_date", "service_life_years"]),
    ).toEqual([]);
  });
  test("missing, unknown and repeated columns are reported", () => {
    const errors = checkCsvHeader(["asset_tag", "name", "name", "colour"]);
    expect(errors).toContainEqual({ line: 1, column: "name", code: "instruments.csv.repeatedColumn" });
    expect(errors).toContainEqual({ line: 1, column: null, code: "instruments.csv.unknownColumn" });
    expect(errors.filter((e) => e.code === "instruments.csv.missingColumn").map((e) => e.column)).toEqual([
      "model",
      "serial",
      "kind",
      "category",
      "department",
      "location",
      "intake_date",
      "service_life_years",
    ]);
  });
});

describe("CSV rows", () => {
  test("a good row is normalised: tag upper-case, kind folded, keeper username lower-case, first calibration kept", () => {
    const r = parseCsvRow(good, 2);
    expect(r).toEqual({
      ok: true,
      row: {
        line: 2,
        fields: {
          assetTag: "IN-000401",
          name: "光功率计",
          model: "JW3208",
          serial: "S-1",
          kind: "optical power meter",
          category: "public",
          department: "technology_development",
          location: "仪表室",
          intakeDate: "2024-02-29",
          serviceLifeYears: 8,
          manual: "",
          accessories: [],
        },
        keeperUsername: "custodian",
        calibration: { calibratedOn: "2025-01-31", result: "passed", certificateNo: "JL-2025-001", lab: "市通信计量站" },
      },
    });
  });

  test("issue 16: the manual and the accessories (separated by ; or ；, repeats dropped) are on the register", () => {
    const r = parseCsvRow({ ...good, manual: "《JW3208 使用说明书》", accessories: "电源适配器; 光纤跳线 ×2；便携箱;电源适配器" }, 3);
    expect(r.ok && r.row.fields).toMatchObject({ manual: "《JW3208 使用说明书》", accessories: ["电源适配器", "光纤跳线 ×2", "便携箱"] });
  });

  test("every bad cell of a row is reported with its column and a message key", () => {
    const r = parseCsvRow(
      { ...good, asset_tag: "X-1", name: "", category: "private", intake_date: "2023-02-29", service_life_years: "eight", calibration_result: "ok" },
      7,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { line: 7, column: "asset_tag", code: "instruments.validation.assetTag" },
        { line: 7, column: "name", code: "validation.required" },
        { line: 7, column: "category", code: "instruments.csv.unknownValue" },
        { line: 7, column: "intake_date", code: "instruments.validation.date" },
        { line: 7, column: "service_life_years", code: "instruments.csv.badNumber" },
        { line: 7, column: "calibration_result", code: "instruments.csv.unknownValue" },
      ]),
    );
    expect(r.errors).toHaveLength(6);
  });

  test("calibration columns are optional together; half of them is an error", () => {
    expect(parseCsvRow({ ...good, calibrated_on: "", calibration_result: "" }, 3)).toMatchObject({ ok: true, row: { calibration: null } });
    expect(parseCsvRow({ ...good, calibration_result: "" }, 3)).toMatchObject({
      ok: false,
      errors: [{ column: "calibration_result", code: "validation.required" }],
    });
    expect(parseCsvRow({ ...good, calibrated_on: "" }, 3)).toMatchObject({ ok: false, errors: [{ column: "calibrated_on", code: "validation.required" }] });
    expect(parseCsvRow({ ...good, keeper_username: "" }, 3)).toMatchObject({ ok: true, row: { keeperUsername: null } });
  });

  test("service life: whole years 1–50", () => {
    expect(parseCsvRow({ ...good, service_life_years: "0" }, 2)).toMatchObject({ ok: false, errors: [{ column: "service_life_years" }] });
    expect(parseCsvRow({ ...good, service_life_years: "8.5" }, 2)).toMatchObject({
      ok: false,
      errors: [{ column: "service_life_years", code: "instruments.csv.badNumber" }],
    });
    expect(parseCsvRow({ ...good, service_life_years: "51" }, 2).ok).toBe(false);
  });
});

describe("CSV writing", () => {
  test("quotes what needs quoting, defuses formulas, CRLF lines", () => {
    expect(csvCell('say "hi", then')).toBe('"say ""hi"", then"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell(null)).toBe("");
    expect(csvCell(8)).toBe("8");
    expect(toCsv(["a", "b"], [["1", "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});
