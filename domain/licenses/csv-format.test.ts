import { describe, expect, it } from "vitest";
import { parseLicenseCsv } from "./csv";
import { fieldOfHeader, LICENSE_FIELDS, licenseCsvTemplate, normalizeHeader, TEMPLATE_HEADER } from "./csv-format";

describe("header names", () => {
  it.each(LICENSE_FIELDS)("%s: its English and Chinese template names map to it", (field) => {
    expect(fieldOfHeader(TEMPLATE_HEADER[field].en)).toBe(field);
    expect(fieldOfHeader(TEMPLATE_HEADER[field].zh)).toBe(field);
  });

  it("ignores case, spaces, separators and brackets, not letters", () => {
    expect(normalizeHeader(" License No. * ")).toBe("licenseno");
    expect(normalizeHeader("（型号）：")).toBe("型号");
    expect(normalizeHeader("【有效期至】")).toBe("有效期至");
    expect(fieldOfHeader("LICENSE-NO")).toBe("licenseNo");
    expect(fieldOfHeader("licenseno")).toBe("licenseNo");
    expect(fieldOfHeader("licence")).toBeUndefined();
    expect(fieldOfHeader("型")).toBeUndefined();
    expect(fieldOfHeader("")).toBeUndefined();
  });

  it("no alias names two fields", () => {
    const names = LICENSE_FIELDS.flatMap((f) => [TEMPLATE_HEADER[f].en, TEMPLATE_HEADER[f].zh]);
    expect(new Set(names.map(normalizeHeader)).size).toBe(names.length);
  });
});

describe("the template", () => {
  it.each(["zh", "en"] as const)("%s: a BOM, every column, CRLF; read back it is a header with no rows", (lang) => {
    const text = licenseCsvTemplate(lang);
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.slice(1, -2).split(",")).toEqual(LICENSE_FIELDS.map((f) => TEMPLATE_HEADER[f][lang]));
    expect(parseLicenseCsv(text)).toEqual({ ok: false, error: { code: "no_rows" } });
    const filled = `${text}00-D710-208870,,A,B,C,2024-03-01,2027-03-01\r\n`;
    expect(parseLicenseCsv(filled)).toMatchObject({ ok: true, bad: [], ignoredColumns: [] });
  });
});
