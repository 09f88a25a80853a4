import { describe, expect, it } from "vitest";
import { badgeCode } from "@/domain/auth/badge";
import { classifyScan } from "@/domain/scan/classify";
import { borrowerFromBadge } from "./borrower-badge";
import { instrument } from "./test-facts";

const wang = { id: "u-wang", username: "wang.jianguo", role: "lineman", department: "terminal_service", displayName: "王建国" } as const;
const sun = { id: "u-sun", username: "sun_q", role: "operations", department: "operations", displayName: "孙强" } as const;
const people = [wang, sun];
const publicOne = instrument();
const specialOfTerminal = instrument({ category: "special", department: "terminal_service" });

const scan = (text: string) => classifyScan(text);

describe("borrowerFromBadge", () => {
  it("a badge of someone on the list who may hold it picks them", () => {
    expect(borrowerFromBadge(scan(badgeCode("wang.jianguo")!), people, publicOne)).toEqual({ ok: true, person: wang });
    expect(borrowerFromBadge(scan("TMU-sun_q"), people, publicOne)).toEqual({ ok: true, person: sun });
    expect(borrowerFromBadge(scan("TMU-wang.jianguo"), people, specialOfTerminal)).toEqual({ ok: true, person: wang });
  });

  it("a special instrument of another department: on the list, but may not hold it", () => {
    expect(borrowerFromBadge(scan("TMU-sun_q"), people, specialOfTerminal)).toEqual({
      ok: false,
      why: "may_not_hold",
      person: sun,
      rule: "wrong_department",
      department: "terminal_service",
    });
  });

  it("someone whose job does not hold instruments (were they on the list) may not hold it", () => {
    const keeper = { id: "u-keeper", username: "keeper", role: "warehouse_keeper", department: "finance" } as const;
    expect(borrowerFromBadge(scan("TMU-keeper"), [keeper], publicOne)).toEqual({ ok: false, why: "may_not_hold", person: keeper, rule: "not_allowed" });
  });

  it.each([
    ["TMU-keeper", "keeper"],
    ["TMU-wang.jianguo2", "wang.jianguo2"],
    ["TMU-sun-q", "sun-q"], // `_` and `-` are two people
  ])("%s: nobody on the list", (text, username) => {
    expect(borrowerFromBadge(scan(text), people, publicOne)).toEqual({ ok: false, why: "unknown_person", username });
  });

  it("an empty list (never fetched on this phone) knows nobody", () => {
    expect(borrowerFromBadge(scan("TMU-wang.jianguo"), [], publicOne)).toMatchObject({ why: "unknown_person" });
  });

  it.each([
    ["IN-000301", "asset_tag", undefined],
    ["ST-000101", "stock_tag", undefined],
    ["WO-2026-000101", "work_order", undefined],
    ["00-D710-208870", "license_old", undefined],
    ["9781558604971", "ean13", undefined],
    ["TMU-WANG.JIANGUO", "unknown", "lookalike"],
    ["wang.jianguo", "unknown", "unrecognised"],
    ["ＴＭＵ－ｗａｎｇ．ｊｉａｎｇｕｏ", "unknown", "not_ascii"],
  ])("%s is not a badge (%s)", (text, kind, reason) => {
    expect(borrowerFromBadge(scan(text), people, publicOne)).toEqual({ ok: false, why: "not_badge", kind, ...(reason ? { reason } : {}) });
  });
});
