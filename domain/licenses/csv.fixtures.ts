/** Shared lines and helpers of the license CSV tests (csv.test.ts, csv-properties.test.ts). */
import { expect } from "vitest";
import { parseLicenseCsv, type TParsedLicenseCsv } from "./csv";

export const EN = "license_no,mark_code,applicant,equipment_name,model,issue_date,expiry_date";
export const ZH = "进网许可证号,标志编码,申请单位,设备名称,型号,发证日期,有效期至";
export const GOOD = "00-D710-208870,,深圳市中兴通讯股份有限公司,数字无绳电话机,HWCD868,2024-03-01,2027-03-01";
export const GOOD2 = "02-C124-211345,2023123456789012,华为技术有限公司,GPON 光网络单元 ONU,HG8245H,2022-05-10,2025-05-10";

/** A data line with one field replaced (fields in EN order). */
export function line(over: Partial<Record<"no" | "mark" | "app" | "eq" | "model" | "issue" | "expiry", string>> = {}): string {
  return [
    over.no ?? "00-D710-208870",
    over.mark ?? "",
    over.app ?? "Acme Telecom",
    over.eq ?? "电话机",
    over.model ?? "KX-T7730",
    over.issue ?? "2024-03-01",
    over.expiry ?? "2027-03-01",
  ].join(",");
}

export function ok(result: TParsedLicenseCsv) {
  if (!result.ok) throw new Error(`expected rows, got file error ${JSON.stringify(result.error)}`);
  return result;
}
/** The reasons of a file with one data row, as "field:code" strings. */
export function reasonsOf(dataLine: string, header = EN): string[] {
  const r = ok(parseLicenseCsv(`${header}\n${dataLine}\n`));
  expect(r.rows.length + r.bad.length).toBe(1);
  return (r.bad[0]?.reasons ?? []).map((x) => `${x.field ?? ""}:${x.code}`);
}
