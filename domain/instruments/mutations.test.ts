import { describe, expect, test } from "vitest";
import { MUTATION_VERSIONS } from "@/domain/sync/protocol";
import {
  INSTRUMENT_MUTATION_ARGS,
  ZBorrowArgs,
  ZCloseRequestArgs,
  ZConfirmHandOverArgs,
  ZConfirmReturnArgs,
  ZHandOverArgs,
  ZIssueArgs,
  ZRecordCareArgs,
  ZReturnArgs,
} from "./mutations";
import { ZCreateInstrumentInput, ZDecideScrapInput, ZRecordCalibrationInput, ZSettingsInput, ZVerifyScrapInput } from "./schemas";

const id = "0190f3b6-4d2a-7c1e-8f00-000000000001";
const signature = { mime: "image/png" as const, base64: "iVBORw0KGgo=", strokes: [] };

describe("offline mutation schemas (public contract)", () => {
  test("every instrument mutation is registered with version 1", () => {
    for (const name of Object.keys(INSTRUMENT_MUTATION_ARGS)) expect(MUTATION_VERSIONS).toHaveProperty(name, [1]);
  });

  test("borrow: a due day only for short loans; a purpose for long ones", () => {
    expect(ZBorrowArgs.safeParse({ loanId: id, instrumentId: id, term: "short" }).success).toBe(true);
    expect(ZBorrowArgs.safeParse({ loanId: id, instrumentId: id, term: "short", dueOn: "2026-02-29" }).success).toBe(false);
    expect(ZBorrowArgs.safeParse({ loanId: id, instrumentId: id, term: "long", purpose: "project" }).success).toBe(true);
    expect(ZBorrowArgs.safeParse({ loanId: id, instrumentId: id, term: "long", purpose: "  " }).success).toBe(false);
    expect(ZBorrowArgs.safeParse({ loanId: id, instrumentId: id, term: "long", purpose: "p", dueOn: "2026-03-01" }).success).toBe(false);
    expect(ZBorrowArgs.safeParse({ loanId: "x", instrumentId: id, term: "short" }).success).toBe(false);
  });

  test("return, hand-over, care", () => {
    expect(ZReturnArgs.parse({ loanId: id, instrumentId: id, condition: "good" })).toEqual({ loanId: id, instrumentId: id, condition: "good", note: "" });
    expect(ZReturnArgs.safeParse({ loanId: id, instrumentId: id, condition: "broken" }).success).toBe(false);
    expect(ZHandOverArgs.parse({ handoverId: id, instrumentId: id, loanId: id, toUsername: " Lineman2 ", condition: "good", signature }).toUsername).toBe(
      "lineman2",
    );
    expect(ZHandOverArgs.safeParse({ handoverId: id, instrumentId: id, loanId: id, toUsername: "x", condition: "good" }).success).toBe(false);
    expect(ZRecordCareArgs.safeParse({ entryId: id, instrumentId: id, care: [] }).success).toBe(false);
    expect(ZRecordCareArgs.safeParse({ entryId: id, instrumentId: id, care: ["dusting", "dusting"] }).success).toBe(false);
    expect(ZRecordCareArgs.safeParse({ entryId: id, instrumentId: id, care: ["power_on", "dusting"] }).success).toBe(true);
  });
});

describe("issue 16: the custodian's steps (v1)", () => {
  const check = { missing: [] as string[] };
  test("issue: a borrower named, the check required; the due day optional", () => {
    expect(ZIssueArgs.parse({ loanId: id, instrumentId: id, borrowerUsername: " Lineman ", check })).toEqual({
      loanId: id,
      instrumentId: id,
      borrowerUsername: "lineman",
      purpose: "",
      check,
    });
    expect(ZIssueArgs.safeParse({ loanId: id, instrumentId: id, borrowerUsername: "x" }).success).toBe(false);
    expect(ZIssueArgs.safeParse({ loanId: id, instrumentId: id, borrowerUsername: "", check }).success).toBe(false);
    expect(ZIssueArgs.safeParse({ loanId: id, instrumentId: id, borrowerUsername: "x", check: { missing: ["a", "a"] } }).success).toBe(false);
    expect(ZIssueArgs.safeParse({ loanId: id, instrumentId: id, borrowerUsername: "x", check: { missing: [""] } }).success).toBe(false);
  });
  test("close a request, confirm a return, confirm or refuse a hand-over", () => {
    expect(ZCloseRequestArgs.parse({ loanId: id })).toEqual({ loanId: id, note: "" });
    expect(ZConfirmReturnArgs.safeParse({ loanId: id, instrumentId: id, condition: "good", check: { missing: ["光纤跳线"] } }).success).toBe(true);
    expect(ZConfirmReturnArgs.safeParse({ loanId: id, instrumentId: id, condition: "good" }).success).toBe(false);
    expect(ZConfirmHandOverArgs.safeParse({ handoverId: id, decision: "confirm" }).success).toBe(true);
    expect(ZConfirmHandOverArgs.safeParse({ handoverId: id, decision: "maybe" }).success).toBe(false);
  });
  test("settings and verification inputs", () => {
    expect(ZSettingsInput.safeParse({ longLoanMonths: null, scrapApproverId: null, version: 0 }).success).toBe(true);
    expect(ZSettingsInput.safeParse({ longLoanMonths: 0, scrapApproverId: null, version: 0 }).success).toBe(false);
    expect(ZSettingsInput.safeParse({ longLoanMonths: 121, scrapApproverId: null, version: 0 }).success).toBe(false);
    expect(ZVerifyScrapInput.safeParse({ requestId: id, decision: "verify", reason: "end_of_life", note: "" }).success).toBe(false);
  });
});

describe("online inputs", () => {
  const base = {
    assetTag: " in-000123 ",
    name: "OTDR",
    model: "AQ7280",
    serial: "1",
    kind: "OTDR",
    category: "public",
    department: "technology_development",
    location: "room",
    intakeDate: "2024-01-01",
    serviceLifeYears: 8,
  };
  test("an instrument: tag normalised to IN-NNNNNN, kind folded", () => {
    expect(ZCreateInstrumentInput.parse(base)).toMatchObject({ assetTag: "IN-000123", kind: "otdr", keeperId: null, manual: "", accessories: [] });
    expect(ZCreateInstrumentInput.safeParse({ ...base, accessories: ["电源", "电源"] }).success).toBe(false);
    expect(ZCreateInstrumentInput.safeParse({ ...base, accessories: Array.from({ length: 21 }, (_, i) => `a${i}`) }).success).toBe(false);
    expect(ZCreateInstrumentInput.safeParse({ ...base, assetTag: "ST-000123" }).success).toBe(false);
    expect(ZCreateInstrumentInput.safeParse({ ...base, intakeDate: "2024-02-30" }).success).toBe(false);
  });
  test("calibration and scrap decisions", () => {
    const cal = { instrumentId: id, certificateNo: "C-1", lab: "站", calibratedOn: "2025-01-01", result: "passed" };
    expect(ZRecordCalibrationInput.safeParse(cal).success).toBe(true);
    expect(ZRecordCalibrationInput.safeParse({ ...cal, result: "ok" }).success).toBe(false);
    expect(ZRecordCalibrationInput.safeParse({ ...cal, file: { mime: "application/zip", base64: "AA==" } }).success).toBe(false);
    expect(ZDecideScrapInput.safeParse({ requestId: id, decision: "approve", reason: "" }).success).toBe(false);
  });
});
