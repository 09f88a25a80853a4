import { describe, expect, it } from "vitest";
import { DATE_MAX, DATE_MIN, parseLicenseCsv, utf8Length } from "./csv";
import { LICENSE_CSV_MAX_BYTES, LICENSE_CSV_MAX_ROWS, FILE_ERRORS, type TBadRow } from "./csv-format";
import { EN, GOOD, GOOD2, line, ok, reasonsOf, ZH } from "./csv.fixtures";

describe("a good file", () => {
  it("English header: every field read, dates and mark code normalised, line numbers kept", () => {
    const r = ok(parseLicenseCsv(`${EN}\n${GOOD}\n${GOOD2}\n`));
    expect(r.bad).toEqual([]);
    expect(r.ignoredColumns).toEqual([]);
    expect(r.rows).toEqual([
      {
        line: 2,
        licenseNo: "00-D710-208870",
        markCode: null,
        applicant: "深圳市中兴通讯股份有限公司",
        equipmentName: "数字无绳电话机",
        model: "HWCD868",
        issueDate: "2024-03-01",
        expiryDate: "2027-03-01",
      },
      {
        line: 3,
        licenseNo: "02-C124-211345",
        markCode: "2023123456789012",
        applicant: "华为技术有限公司",
        equipmentName: "GPON 光网络单元 ONU",
        model: "HG8245H",
        issueDate: "2022-05-10",
        expiryDate: "2025-05-10",
      },
    ]);
  });

  it("Chinese header, the same rows", () => {
    const en = ok(parseLicenseCsv(`${EN}\n${GOOD}\n${GOOD2}`));
    const zh = ok(parseLicenseCsv(`${ZH}\n${GOOD}\n${GOOD2}`));
    expect(zh.rows).toEqual(en.rows);
  });

  it("header names in any case, with spaces, dots, stars, colons and brackets; columns in any order", () => {
    const header = "Expiry Date*, APPLICANT ,Model,License No.,Equipment-Name,（发证日期）,标志编码：";
    const r = ok(parseLicenseCsv(`${header}\n2027-03-01,Acme,KX-T7730,00-D710-208870,电话机,2024-03-01,1234567890123456\n`));
    expect(r.rows).toEqual([
      {
        line: 2,
        licenseNo: "00-D710-208870",
        markCode: "1234567890123456",
        applicant: "Acme",
        equipmentName: "电话机",
        model: "KX-T7730",
        issueDate: "2024-03-01",
        expiryDate: "2027-03-01",
      },
    ]);
  });

  it.each([
    ["进网许可证编号", "许可证号", "申请人", "规格型号", "签发日期", "有效期"],
    ["license_number", "license", "applicant", "model", "issued", "valid_until"],
  ])("accepts the alias headers %s …", (no, _no2, app, model, issue, expiry) => {
    const r = ok(parseLicenseCsv(`${no},${app},设备名称,${model},${issue},${expiry}\n00-D710-208870,A,B,C,2024-03-01,2027-03-01`));
    expect(r.rows).toHaveLength(1);
  });

  it("the mark code column is optional", () => {
    const r = ok(parseLicenseCsv("license_no,applicant,equipment_name,model,issue_date,expiry_date\n00-D710-208870,A,B,C,2024-03-01,2027-03-01"));
    expect(r.rows[0]).toMatchObject({ licenseNo: "00-D710-208870", markCode: null });
  });

  it("drops a UTF-8 byte-order mark (Excel's 'CSV UTF-8'), so the first header still counts", () => {
    const r = ok(parseLicenseCsv(`\uFEFF${ZH}\r\n${GOOD}\r\n`));
    expect(r.rows).toHaveLength(1);
    expect(r.ignoredColumns).toEqual([]);
  });

  it.each([
    ["CRLF", "\r\n"],
    ["LF", "\n"],
    ["CR (old Mac)", "\r"],
  ])("line ends %s", (_name, eol) => {
    const r = ok(parseLicenseCsv([EN, GOOD, GOOD2].join(eol) + eol));
    expect(r.rows.map((x) => x.line)).toEqual([2, 3]);
  });

  it("mixed line ends in one file", () => {
    const r = ok(parseLicenseCsv(`${EN}\n${GOOD}\r\n${GOOD2}\r`));
    expect(r.rows.map((x) => [x.line, x.expiryDate])).toEqual([
      [2, "2027-03-01"],
      [3, "2025-05-10"],
    ]);
  });

  it("quoted cells: commas, doubled quotes, spaces around the quotes", () => {
    const r = ok(parseLicenseCsv(`${EN}\n00-D710-208870,,"Acme, ""Best"" Telecom", "电话机, 有绳" ,"KX-T7730",2024-03-01,"2027-03-01"\n`));
    expect(r.rows[0]).toMatchObject({ applicant: 'Acme, "Best" Telecom', equipmentName: "电话机, 有绳", model: "KX-T7730" });
  });

  it("a quote inside an unquoted cell is a character", () => {
    const r = ok(parseLicenseCsv(`${EN}\n${line({ eq: '15" monitor' })}`));
    expect(r.rows[0]!.equipmentName).toBe('15" monitor');
  });

  it("trims Unicode spaces and a stray BOM at a cell's edges (no-break, ideographic, line separator)", () => {
    const r = ok(parseLicenseCsv(`${EN}\n${line({ app: "\u00A0Acme\uFEFF", eq: "\u2028电话机\u3000" })}`));
    expect(r.rows[0]).toMatchObject({ applicant: "Acme", equipmentName: "电话机" });
  });

  it("trims every cell", () => {
    const r = ok(parseLicenseCsv(`${EN}\n  00-D710-208870 , ,  Acme  ,\u3000电话机\u3000, KX-T7730 , 2024-03-01 , 2027-03-01 `));
    expect(r.rows[0]).toMatchObject({ licenseNo: "00-D710-208870", markCode: null, applicant: "Acme", equipmentName: "电话机", model: "KX-T7730" });
  });

  it("skips blank lines (also before the header and of only commas) and keeps counting lines", () => {
    const r = ok(parseLicenseCsv(`\n\n${EN}\n\n${GOOD}\n ,, ,\n\n${line({ no: "bad" })}\n\n`));
    expect(r.rows.map((x) => x.line)).toEqual([5]);
    expect(r.bad.map((x) => x.line)).toEqual([8]);
  });

  it("tab-separated text (cells pasted from a spreadsheet)", () => {
    const r = ok(parseLicenseCsv(`${ZH.replaceAll(",", "\t")}\n${GOOD.replaceAll(",", "\t")}\n${GOOD2.replaceAll(",", "\t")}`));
    expect(r.rows.map((x) => x.licenseNo)).toEqual(["00-D710-208870", "02-C124-211345"]);
  });

  it("a tab inside a comma-separated cell is refused", () => {
    const r = ok(parseLicenseCsv(`${EN}\n${line({ app: "A\tB" })}`));
    expect(r.bad[0]!.reasons).toEqual([{ code: "control_char", field: "applicant" }]);
  });

  it("unknown columns are ignored and named; their cells are not checked", () => {
    const r = ok(parseLicenseCsv(`${EN},备注,Remarks\n${GOOD},=HYPERLINK("x"),\u0007\n`));
    expect(r.ignoredColumns).toEqual(["备注", "Remarks"]);
    expect(r.rows).toHaveLength(1);
  });

  it("empty cells after the last column are padding; a value there is an extra field", () => {
    const r = ok(parseLicenseCsv(`${EN},,\n${GOOD},,,\n${GOOD2},,x\n`));
    expect(r.rows.map((x) => x.line)).toEqual([2]);
    expect(r.bad).toEqual([{ line: 3, licenseNo: "02-C124-211345", reasons: [{ code: "too_many_fields" }] }]);
  });

  it("a short row: the missing cells are required", () => {
    expect(reasonsOf("00-D710-208870,,Acme,电话机")).toEqual(["model:required", "issueDate:required", "expiryDate:required"]);
  });
});

describe("whole-file refusals", () => {
  it.each([
    ["nothing", ""],
    ["blank lines", "\n \r\n\t\n"],
    ["a lone BOM", "\uFEFF"],
    ["only commas", ",,,\n,,"],
  ])("empty: %s", (_name, text) => {
    expect(parseLicenseCsv(text)).toEqual({ ok: false, error: { code: "empty" } });
  });

  it("a header and no rows", () => {
    expect(parseLicenseCsv(`${EN}\n\n`)).toEqual({ ok: false, error: { code: "no_rows" } });
  });

  it("missing required columns are named", () => {
    expect(parseLicenseCsv("license_no,model\n00-D710-208870,X")).toEqual({
      ok: false,
      error: { code: "missing_columns", fields: ["applicant", "equipmentName", "issueDate", "expiryDate"] },
    });
  });

  it("a header that is really a data row: every required column missing", () => {
    const r = parseLicenseCsv(`${GOOD}\n${GOOD2}`);
    expect(r).toMatchObject({ ok: false, error: { code: "missing_columns" } });
  });

  it("two headers for one field (English and Chinese names)", () => {
    expect(parseLicenseCsv(`${EN},型号\n${GOOD},X`)).toEqual({ ok: false, error: { code: "duplicate_columns", fields: ["model"] } });
  });

  it("over 2 MB (UTF-8 bytes, not characters)", () => {
    const row = `${line({ app: "中".repeat(150) })}\n`;
    const chinese = `${EN}\n${row.repeat(Math.ceil(LICENSE_CSV_MAX_BYTES / utf8Length(row)))}`;
    expect(chinese.length).toBeLessThan(LICENSE_CSV_MAX_BYTES); // fewer characters than the limit…
    expect(parseLicenseCsv(chinese)).toEqual({ ok: false, error: { code: "too_large", max: LICENSE_CSV_MAX_BYTES } }); // …but too many bytes
    expect(parseLicenseCsv("a".repeat(LICENSE_CSV_MAX_BYTES + 1))).toMatchObject({ ok: false, error: { code: "too_large" } });
  });

  it(`over ${LICENSE_CSV_MAX_ROWS} data rows; exactly that many pass (all kept)`, () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `00-D710-${String(i).padStart(6, "0")},,A,B,C,2024-03-01,2027-03-01`).join("\n");
    const full = ok(parseLicenseCsv(`${EN}\n${rows(LICENSE_CSV_MAX_ROWS)}`));
    expect(full.rows).toHaveLength(LICENSE_CSV_MAX_ROWS);
    expect(full.bad).toEqual([]);
    expect(parseLicenseCsv(`${EN}\n${rows(LICENSE_CSV_MAX_ROWS + 1)}`)).toEqual({ ok: false, error: { code: "too_many_rows", max: LICENSE_CSV_MAX_ROWS } });
    // heavy (40,000 rows parsed): an explicit budget, so a busy 2-core machine does not fail it on the 5 s default
  }, 60_000);

  it.each([
    ["an .xlsx workbook (zip)", "PK\u0003\u0004\u0014\u0000\u0006\u0000"],
    ["NUL bytes (UTF-16 read as UTF-8, binary)", `${EN}\n00-D710-2088\u000070,,A,B,C,2024-03-01,2027-03-01`],
  ])("not text: %s", (_name, text) => {
    expect(parseLicenseCsv(text)).toEqual({ ok: false, error: { code: "not_text" } });
  });

  it("an unclosed quote: refused at the line where the broken row begins, nothing before it kept", () => {
    expect(parseLicenseCsv(`${EN}\n${GOOD}\n00-D710-208871,,"Acme,电话机,X,2024-03-01,2027-03-01\n${GOOD2}\n`)).toEqual({
      ok: false,
      error: { code: "malformed", line: 3 },
    });
  });

  it("text after a closing quote", () => {
    expect(parseLicenseCsv(`${EN}\n\n${GOOD}\n00-D710-208871,,"Acme"x,电话机,X,2024-03-01,2027-03-01\n`)).toEqual({
      ok: false,
      error: { code: "malformed", line: 4 },
    });
  });

  it("every file error code is one of FILE_ERRORS", () => {
    for (const text of ["", EN, "a", "PK\u0003\u0004", `${EN}\n"`]) {
      const r = parseLicenseCsv(text);
      if (!r.ok) expect(FILE_ERRORS).toContain(r.error.code);
    }
  });
});

describe("bad rows: each reason", () => {
  it.each([
    ["empty license number", { no: "" }, ["licenseNo:required"]],
    ["license number lower-case", { no: "00-d710-208870" }, ["licenseNo:license_no_format"]],
    ["license number short", { no: "00-D710-20887" }, ["licenseNo:license_no_format"]],
    ["license number full-width digits", { no: "００-D710-208870" }, ["licenseNo:license_no_format"]],
    ["license number with a space inside", { no: "00-D710 -208870" }, ["licenseNo:license_no_format"]],
    ["mark code 15 digits", { mark: "123456789012345" }, ["markCode:mark_code_format"]],
    ["mark code 33 digits", { mark: "1".repeat(33) }, ["markCode:mark_code_format"]],
    ["mark code with a letter", { mark: "123456789012345A" }, ["markCode:mark_code_format"]],
    ["no applicant", { app: "  " }, ["applicant:required"]],
    ["applicant of 201 characters", { app: "中".repeat(201) }, ["applicant:too_long"]],
    ["equipment name of 101 characters", { eq: "x".repeat(101) }, ["equipmentName:too_long"]],
    ["model of 65 characters", { model: "M".repeat(65) }, ["model:too_long"]],
    ["a 10 KB cell", { app: "A".repeat(10_240) }, ["applicant:too_long"]],
    ["a 10 KB cell of control characters", { eq: "\u0007".repeat(10_240) }, ["equipmentName:too_long"]],
    ["formula =", { app: "=cmd|' /C calc'!A0" }, ["applicant:formula"]],
    ["formula + after spaces", { model: "  +1+1" }, ["model:formula"]],
    ["formula -", { eq: "-2+3" }, ["equipmentName:formula"]],
    ["formula @", { app: "@SUM(A1:A2)" }, ["applicant:formula"]],
    ["bell character", { app: "Acme\u0007" }, ["applicant:control_char"]],
    ["escape sequence", { eq: "\u001b[2J电话机" }, ["equipmentName:control_char"]],
    ["right-to-left override", { app: "Acme\u202Eevil" }, ["applicant:control_char"]],
    ["zero-width space", { model: "KX\u200BT7730" }, ["model:control_char"]],
    ["a BOM inside a cell", { app: "Ac\uFEFFme" }, ["applicant:control_char"]],
    ["a replacement character (broken decoding)", { app: "Ac\uFFFDme" }, ["applicant:control_char"]],
    ["C1 control", { app: "Acme\u0085" }, ["applicant:control_char"]],
    ["private use", { model: "KX\uE000" }, ["model:control_char"]],
    ["lone surrogate", { app: "A\uD800B" }, ["applicant:control_char"]],
    ["date day-first (ambiguous)", { issue: "01/03/2024" }, ["issueDate:date_format"]],
    ["February 30", { issue: "2024-02-30" }, ["issueDate:date_format"]],
    ["29 Feb in a common year", { expiry: "2027-02-29" }, ["expiryDate:date_format"]],
    ["month 13", { expiry: "2027-13-01" }, ["expiryDate:date_format"]],
    ["mixed separators", { expiry: "2027-03/01" }, ["expiryDate:date_format"]],
    ["a time after the date", { expiry: "2027-03-01 00:00" }, ["expiryDate:date_format"]],
    ["missing date", { expiry: "" }, ["expiryDate:required"]],
    ["before 1990", { issue: "1989-12-31" }, ["issueDate:date_range"]],
    ["after 2099", { expiry: "2100-01-01" }, ["expiryDate:date_range"]],
    ["expiry before issue", { issue: "2024-03-02", expiry: "2024-03-01" }, ["expiryDate:expiry_before_issue"]],
  ])("%s", (_name, over, expected) => {
    expect(reasonsOf(line(over))).toEqual(expected);
  });

  it("a line break inside a quoted cell: refused, and the following lines keep their numbers", () => {
    const r = ok(parseLicenseCsv(`${EN}\n00-D710-208870,,"Acme\nTelecom",电话机,X,2024-03-01,2027-03-01\n${GOOD2}`));
    expect(r.bad).toEqual([{ line: 2, licenseNo: "00-D710-208870", reasons: [{ code: "control_char", field: "applicant" }] }]);
    expect(r.rows.map((x) => x.line)).toEqual([4]);
  });

  it("every reason of a row at once, one per field, in field order", () => {
    expect(reasonsOf(line({ no: "x", mark: "12", app: "", eq: "=1", model: "a\u200B", issue: "2024-3-1", expiry: "2020-01-01" }))).toEqual([
      "licenseNo:license_no_format",
      "markCode:mark_code_format",
      "applicant:required",
      "equipmentName:formula",
      "model:control_char",
      "expiryDate:expiry_before_issue",
    ]);
  });

  it("the row's license number is shown as written, cleaned and cut to 40 characters", () => {
    const long = ok(parseLicenseCsv(`${EN}\n${line({ no: "X".repeat(60) })}`));
    expect(long.bad[0]!.licenseNo).toBe("X".repeat(40));
    const evil = ok(parseLicenseCsv(`${EN}\n${line({ no: "00\u202E-D710" })}`));
    expect(evil.bad[0]!.licenseNo).toBe("00-D710");
    const huge = ok(parseLicenseCsv(`${EN}\n${line({ no: "9".repeat(5000) })}`));
    expect(huge.bad[0]).toEqual({ line: 2, licenseNo: "", reasons: [{ code: "too_long", field: "licenseNo" }] });
  });

  it("bad rows do not stop good rows: the good ones are kept in order", () => {
    const r = ok(parseLicenseCsv([EN, GOOD, line({ no: "bad" }), GOOD2, line({ no: "01-B233-190021", issue: "x" })].join("\n")));
    expect(r.rows.map((x) => [x.line, x.licenseNo])).toEqual([
      [2, "00-D710-208870"],
      [4, "02-C124-211345"],
    ]);
    expect(r.bad.map((x) => x.line)).toEqual([3, 5]);
  });
});

describe("duplicates inside the file", () => {
  it("a license number on three lines: all three refused, each naming the others", () => {
    const r = ok(parseLicenseCsv([EN, GOOD, GOOD2, line({ app: "Other" }), line({ model: "Y" })].join("\n")));
    expect(r.rows.map((x) => x.line)).toEqual([3]);
    const dup = (b: TBadRow) => b.reasons.find((x) => x.code === "duplicate_license_no");
    expect(r.bad.map((b) => [b.line, dup(b)?.lines])).toEqual([
      [2, [4, 5]],
      [4, [2, 5]],
      [5, [2, 4]],
    ]);
  });

  it("identical rows count as duplicates too", () => {
    const r = ok(parseLicenseCsv([EN, GOOD, GOOD].join("\n")));
    expect(r.rows).toEqual([]);
    expect(r.bad).toHaveLength(2);
  });

  it("a duplicate with another fault on one line still marks both lines", () => {
    const r = ok(parseLicenseCsv([EN, line(), line({ issue: "bad" })].join("\n")));
    expect(r.bad.map((b) => b.reasons.map((x) => x.code))).toEqual([["duplicate_license_no"], ["date_format", "duplicate_license_no"]]);
  });

  it("one mark code on two licenses", () => {
    const r = ok(parseLicenseCsv([EN, line({ mark: "1234567890123456" }), line({ no: "01-B233-190021", mark: "1234567890123456" })].join("\n")));
    expect(r.bad.map((b) => b.reasons)).toEqual([
      [{ code: "duplicate_mark_code", field: "markCode", lines: [3] }],
      [{ code: "duplicate_mark_code", field: "markCode", lines: [2] }],
    ]);
  });

  it("empty mark codes and malformed license numbers are not duplicates of each other", () => {
    const r = ok(parseLicenseCsv([EN, line(), line({ no: "01-B233-190021" }), line({ no: "x" }), line({ no: "x" })].join("\n")));
    expect(r.rows).toHaveLength(2);
    expect(r.bad.map((b) => b.reasons.map((x) => x.code))).toEqual([["license_no_format"], ["license_no_format"]]);
  });
});

describe("dates at the edges of the accepted range", () => {
  it("a row issued on the first and expiring on the last accepted day is good", () => {
    expect(DATE_MIN < DATE_MAX).toBe(true);
    expect(reasonsOf(line({ issue: DATE_MIN, expiry: DATE_MAX }))).toEqual([]);
  });
});
