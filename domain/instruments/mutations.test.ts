import { describe, expect, test } from "vitest";
import { MUTATION_VERSIONS } from "@/domain/sync/protocol";
import { INSTRUMENT_MUTATION_ARGS, ZBorrowArgs, ZHandOverArgs, ZRecordCareArgs, ZReturnArgs } from "./mutations";
import { ZCreateInstrumentInput, ZDecideScrapInput, ZRecordCalibrationInput } from "./schemas";

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
    expect(ZCreateInstrumentInput.parse(base)).toMatchObject({ assetTag: "IN-000123", kind: "otdr", keeperId: null });
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
