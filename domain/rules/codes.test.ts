import { describe, expect, test } from "vitest";
import { ERROR_CODES, errorMessageKey } from "@/domain/errors";
import { PROTOCOL_REJECTION_CODES, REJECTION_CODES, rejectionMessageKey } from "@/domain/sync/protocol";
import { CATALOGUES } from "@/messages/catalogue";
import { isRuleCode, RULE_CODES, ruleMessageKey } from "./codes";

function at(catalogue: Record<string, unknown>, key: string): unknown {
  return key.split(".").reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], catalogue);
}

describe("one list of rule codes, one message each (issue 12)", () => {
  test("each code once; protocol codes are not rule codes", () => {
    expect(new Set(RULE_CODES).size).toBe(RULE_CODES.length);
    for (const c of PROTOCOL_REJECTION_CODES) expect(isRuleCode(c)).toBe(false);
    expect(new Set(REJECTION_CODES).size).toBe(REJECTION_CODES.length);
  });

  test("every rule code can travel offline, and shows the same message online and offline", () => {
    for (const c of RULE_CODES) {
      expect(REJECTION_CODES).toContain(c);
      expect(rejectionMessageKey(c)).toBe(ruleMessageKey(c));
      if ((ERROR_CODES as readonly string[]).includes(c)) expect(errorMessageKey(c as (typeof ERROR_CODES)[number])).toBe(ruleMessageKey(c));
    }
  });

  test("the rule the phone and the office worded differently: invalid_transition reads the same online (work order, instrument) and offline", () => {
    expect(errorMessageKey("invalid_transition")).toBe("rules.invalid_transition");
    expect(rejectionMessageKey("invalid_transition")).toBe("rules.invalid_transition");
  });

  test.each(["en", "zh-CN"] as const)("%s: one message per code, none left under the old names", (locale) => {
    const c = CATALOGUES[locale];
    expect(RULE_CODES.filter((code) => typeof at(c, ruleMessageKey(code)) !== "string")).toEqual([]);
    expect(Object.keys(at(c, "rules") as object).sort()).toEqual([...RULE_CODES].sort());
    expect(Object.keys(at(c, "sync.reason") as object).sort()).toEqual([...PROTOCOL_REJECTION_CODES].sort());
    expect(at(c, "instruments.rule")).toBeUndefined();
    for (const code of RULE_CODES) expect(at(c, `errors.${code}`), `errors.${code}`).toBeUndefined();
  });
});
