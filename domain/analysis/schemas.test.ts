import { describe, expect, test } from "vitest";
import type { z } from "zod";
import {
  ZDateRange,
  ZDrawSurveyArgs,
  ZEnterFigureArgs,
  ZGenerateReportArgs,
  ZPeriodKey,
  ZRecordContactArgs,
  ZSaveFishboneArgs,
  ZSetTargetArgs,
  ZSetWeightsArgs,
} from "./schemas";
import { SATISFACTION_ELEMENTS } from "./satisfaction";

const ID = "0193a1b2-c3d4-7e5f-8a6b-000000000001";
const messages = (r: z.ZodSafeParseResult<unknown>) => (r.success ? [] : r.error.issues.map((i) => i.message));
const weights = (communication: number, rest: Partial<Record<string, number>> = {}) => ({
  year: 2026,
  weights: { attitude: 20, install: 25, charging: 15, acceptance: 20, communication, ...rest },
});
const noAnswers: Record<string, number | null> = Object.fromEntries(SATISFACTION_ELEMENTS.map((e) => [e, null]));

describe("ZSetWeightsArgs", () => {
  test("a sum of 100 passes, the note defaults to empty", () => {
    expect(ZSetWeightsArgs.parse(weights(20))).toEqual({ ...weights(20), note: "" });
    expect(ZSetWeightsArgs.safeParse({ year: 2026, weights: { attitude: 33.3, install: 33.3, charging: 33.4, acceptance: 0, communication: 0 } }).success).toBe(
      true,
    );
  });
  test("a sum other than 100 is analysis.validation.weights_sum, with the sum for the message", () => {
    const r = ZSetWeightsArgs.safeParse(weights(19));
    expect(messages(r)).toEqual(["analysis.validation.weights_sum"]);
    expect(!r.success && (r.error.issues[0] as { params?: unknown }).params).toEqual({ sum: 99 });
    expect(messages(ZSetWeightsArgs.safeParse(weights(20.1)))).toEqual(["analysis.validation.weights_sum"]);
  });
  test("two decimals: weights_precision", () => {
    expect(messages(ZSetWeightsArgs.safeParse(weights(19.95, { attitude: 20.05 })))).toEqual(["analysis.validation.weights_precision"]);
  });
  test("a negative or over-100 weight is a weight error", () => {
    expect(messages(ZSetWeightsArgs.safeParse(weights(60, { attitude: -20 })))).toContain("analysis.validation.weight");
    expect(messages(ZSetWeightsArgs.safeParse(weights(20, { attitude: 120 })))).toContain("analysis.validation.weight");
  });
  test("NaN and Infinity are refused", () => {
    expect(messages(ZSetWeightsArgs.safeParse(weights(Number.NaN)))).toContain("analysis.validation.weight");
    expect(messages(ZSetWeightsArgs.safeParse(weights(Number.POSITIVE_INFINITY)))).toContain("analysis.validation.weight");
  });
  test("an unknown item, a missing item, a bad year are refused", () => {
    expect(ZSetWeightsArgs.safeParse(weights(20, { price: 0 })).success).toBe(false);
    const { communication: _, ...four } = weights(20).weights;
    expect(ZSetWeightsArgs.safeParse({ year: 2026, weights: four }).success).toBe(false);
    expect(messages(ZSetWeightsArgs.safeParse({ ...weights(20), year: 1999 }))).toEqual(["analysis.validation.year"]);
    expect(messages(ZSetWeightsArgs.safeParse({ ...weights(20), year: 2026.5 }))).toEqual(["analysis.validation.year"]);
  });
});

describe("ZDrawSurveyArgs", () => {
  test("a title, a size 1–2000, an optional seed", () => {
    expect(ZDrawSurveyArgs.safeParse({ year: 2026, title: "2026 年终调查", sampleSize: 200 }).success).toBe(true);
    expect(ZDrawSurveyArgs.safeParse({ year: 2026, title: "x", sampleSize: 200, seed: 12345 }).success).toBe(true);
    expect(messages(ZDrawSurveyArgs.safeParse({ year: 2026, title: "x", sampleSize: 0 }))).toEqual(["analysis.validation.sampleSize"]);
    expect(messages(ZDrawSurveyArgs.safeParse({ year: 2026, title: "x", sampleSize: 2001 }))).toEqual(["analysis.validation.sampleSize"]);
    expect(messages(ZDrawSurveyArgs.safeParse({ year: 2026, title: "", sampleSize: 5 }))).toEqual(["validation.required"]);
    expect(ZDrawSurveyArgs.safeParse({ year: 2026, title: "x", sampleSize: 5, seed: -1 }).success).toBe(false);
  });
});

describe("ZRecordContactArgs", () => {
  const answered = (answers: Record<string, number | null>) => ({ id: ID, version: 1, status: "answered", channel: "phone", answers });
  test("answered with every element named, some 'don't know'", () => {
    const r = ZRecordContactArgs.safeParse(answered({ ...noAnswers, tariff: 4, get_through: 5 }));
    expect(r.success).toBe(true);
    expect(r.success && r.data.comment).toBe("");
  });
  test("answered without any answer is refused: noAnswers", () => {
    expect(messages(ZRecordContactArgs.safeParse(answered(noAnswers)))).toEqual(["analysis.validation.noAnswers"]);
  });
  test("an answer outside 1–5 or fractional: score", () => {
    expect(messages(ZRecordContactArgs.safeParse(answered({ ...noAnswers, tariff: 6 })))).toEqual(["analysis.validation.score"]);
    expect(messages(ZRecordContactArgs.safeParse(answered({ ...noAnswers, tariff: 0 })))).toEqual(["analysis.validation.score"]);
    expect(messages(ZRecordContactArgs.safeParse(answered({ ...noAnswers, tariff: 3.5 })))).toEqual(["analysis.validation.score"]);
  });
  test("an element left out or an unknown one is refused", () => {
    const ten: Record<string, number | null> = { ...noAnswers, pay_ease: 3 };
    delete ten.tariff;
    expect(ZRecordContactArgs.safeParse(answered(ten)).success).toBe(false);
    expect(ZRecordContactArgs.safeParse(answered({ ...noAnswers, pay_ease: 3, speed: 4 })).success).toBe(false);
  });
  test("refused, unreachable, letter sent: no answers", () => {
    for (const status of ["refused", "unreachable", "letter_sent"])
      expect(ZRecordContactArgs.safeParse({ id: ID, version: 2, status, channel: "phone" }).success).toBe(true);
    expect(ZRecordContactArgs.safeParse({ id: ID, version: 2, status: "pending", channel: "phone" }).success).toBe(false);
  });
});

describe("ZSetTargetArgs", () => {
  const t = (indicator: string, target: number, control?: number | null) => ({ year: 2026, department: "terminal_service", indicator, target, control });
  test("a control point on the lenient side, or none", () => {
    expect(ZSetTargetArgs.parse(t("install_on_time_pct", 98))).toMatchObject({ control: null });
    expect(ZSetTargetArgs.safeParse(t("install_on_time_pct", 98, 95)).success).toBe(true);
    expect(ZSetTargetArgs.safeParse(t("complaints_per_1000_lines", 1.5, 2)).success).toBe(true);
  });
  test("a control point on the wrong side: analysis.validation.control on control", () => {
    const r = ZSetTargetArgs.safeParse(t("install_on_time_pct", 95, 97));
    expect(messages(r)).toEqual(["analysis.validation.control"]);
    expect(!r.success && r.error.issues[0]!.path).toEqual(["control"]);
    expect(messages(ZSetTargetArgs.safeParse(t("complaints_per_1000_lines", 1.5, 1)))).toEqual(["analysis.validation.control"]);
    expect(messages(ZSetTargetArgs.safeParse(t("install_on_time_pct", 95, 95)))).toEqual(["analysis.validation.control"]);
  });
  test("a percentage over 100 is refused; a count over 100 is fine", () => {
    expect(messages(ZSetTargetArgs.safeParse(t("install_on_time_pct", 101)))).toEqual(["analysis.validation.pct"]);
    expect(ZSetTargetArgs.safeParse(t("lines_in_service", 12000, 11000)).success).toBe(true);
  });
  test("NaN, Infinity and negative figures are refused", () => {
    expect(messages(ZSetTargetArgs.safeParse(t("lines_in_service", Number.NaN)))).toContain("analysis.validation.figure");
    expect(messages(ZSetTargetArgs.safeParse(t("lines_in_service", Number.POSITIVE_INFINITY)))).toContain("analysis.validation.figure");
    expect(messages(ZSetTargetArgs.safeParse(t("lines_in_service", -1)))).toContain("analysis.validation.figure");
  });
});

describe("ZEnterFigureArgs", () => {
  const f = (value: number, indicator = "revenue_10k_yuan", month = 3) => ({ year: 2026, month, department: "finance", indicator, value });
  test("a finite figure for a month", () => {
    expect(ZEnterFigureArgs.parse(f(123.45))).toMatchObject({ value: 123.45, note: "" });
  });
  test("NaN and ±Infinity are refused", () => {
    expect(messages(ZEnterFigureArgs.safeParse(f(Number.NaN)))).toEqual(["analysis.validation.figure"]);
    expect(messages(ZEnterFigureArgs.safeParse(f(Number.POSITIVE_INFINITY)))).toContain("analysis.validation.figure");
    expect(messages(ZEnterFigureArgs.safeParse(f(Number.NEGATIVE_INFINITY)))).toContain("analysis.validation.figure");
  });
  test("month 0 and 13, a percentage over 100", () => {
    expect(messages(ZEnterFigureArgs.safeParse(f(1, "revenue_10k_yuan", 13)))).toEqual(["analysis.validation.month"]);
    expect(messages(ZEnterFigureArgs.safeParse(f(1, "revenue_10k_yuan", 0)))).toEqual(["analysis.validation.month"]);
    expect(messages(ZEnterFigureArgs.safeParse(f(100.5, "billing_accuracy_pct")))).toEqual(["analysis.validation.pct"]);
  });
});

describe("periods, ranges, reports, fishbones", () => {
  test("period keys", () => {
    for (const k of ["2026", "2026-01", "2026-12", "2026-W01", "2026-W53"]) expect(ZPeriodKey.safeParse(k).success, k).toBe(true);
    for (const k of ["2026-13", "2026-00", "2026-W54", "2026-W00", "1999", "2026-1"])
      expect(messages(ZPeriodKey.safeParse(k)), k).toEqual(["analysis.validation.period"]);
    expect(ZGenerateReportArgs.safeParse({ kind: "monthly", periodKey: "2026-11" }).success).toBe(true);
    expect(ZGenerateReportArgs.safeParse({ kind: "yearly", periodKey: "2026" }).success).toBe(false);
  });
  test("date ranges: from ≤ to, within 2000–2100", () => {
    expect(ZDateRange.safeParse({ from: "2026-11-01", to: "2026-11-30" }).success).toBe(true);
    expect(ZDateRange.safeParse({ from: "2026-11-01", to: "2026-11-01" }).success).toBe(true);
    expect(messages(ZDateRange.safeParse({ from: "2026-12-01", to: "2026-11-30" }))).toEqual(["analysis.validation.range"]);
    expect(messages(ZDateRange.safeParse({ from: "1999-12-31", to: "2026-11-30" }))).toEqual(["analysis.validation.range"]);
    expect(messages(ZDateRange.safeParse({ from: "2026-02-30", to: "2026-11-30" }))).toContain("analysis.validation.date");
  });
  test("a fishbone: causes per category, at most twelve a bone, no empty cause", () => {
    const causes = { man: ["新员工未培训"], machine: [], material: [], method: ["流程不清"], measurement: [], environment: [] };
    const parsed = ZSaveFishboneArgs.safeParse({ problem: "装机超时", causes });
    expect(parsed.success, JSON.stringify(!parsed.success && parsed.error.issues)).toBe(true);
    expect(parsed.success && parsed.data).toMatchObject({ nonconformityId: null, actionId: null });
    expect(messages(ZSaveFishboneArgs.safeParse({ problem: "x", causes: { ...causes, man: Array.from({ length: 13 }, (_, i) => `c${i}`) } }))).toEqual([
      "analysis.validation.tooManyCauses",
    ]);
    expect(messages(ZSaveFishboneArgs.safeParse({ problem: "x", causes: { ...causes, man: [""] } }))).toEqual(["validation.required"]);
    expect(messages(ZSaveFishboneArgs.safeParse({ problem: "", causes }))).toEqual(["validation.required"]);
  });
});
