import { describe, expect, test } from "vitest";
import { CATALOGUES } from "@/messages/catalogue";
import { INSTRUMENT_ACTIONS } from "./actions";
import { CALIBRATION_STATES } from "./calibration";
import { CONDITIONS, LOAN_STATUSES, USAGE_KINDS } from "./names";
import { NOTICE_KINDS } from "./notices";
import { RULE_CODES, ruleMessageKey } from "@/domain/rules/codes";
import { REJECTION_CODES } from "@/domain/sync/protocol";

function at(catalogue: Record<string, unknown>, key: string): unknown {
  return key.split(".").reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], catalogue);
}

describe("every instrument name has its words, in both languages", () => {
  const keys = [
    ...RULE_CODES.map(ruleMessageKey),
    ...INSTRUMENT_ACTIONS.map((a) => `instruments.action.${a}`),
    ...USAGE_KINDS.map((k) => `instruments.usageKind.${k}`),
    ...CALIBRATION_STATES.map((s) => `instruments.calibrationState.${s}`),
    ...LOAN_STATUSES.map((s) => `instruments.loanStatus.${s}`),
    ...CONDITIONS.map((c) => `instruments.condition.${c}`),
    ...NOTICE_KINDS.map((n) => `instruments.notice.${n}`),
  ];
  test.each(["en", "zh-CN"] as const)("%s", (locale) => {
    const missing = keys.filter((k) => typeof at(CATALOGUES[locale], k) !== "string");
    expect(missing).toEqual([]);
  });
  test("the instrument rule codes that travel offline are rejection codes", () => {
    for (const c of ["not_available", "permit_invalid", "wrong_department", "loan_too_long", "dispatch_reserve", "not_holder"]) {
      expect(REJECTION_CODES).toContain(c);
    }
  });
});
