import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DEPARTMENTS, ROLES } from "@/domain/auth/roles";
import {
  ANALYSIS_READER_ROLES,
  controlIsValid,
  INDICATOR_DEFS,
  INDICATORS,
  mayEnterFigure,
  pct,
  per1000,
  SURVEY_ROLES,
  targetStatus,
  type TTarget,
  billingPct,
  displayValue,
  enteredIndicatorsFor,
  exactPct,
  exactPer1000,
} from "./targets";

const up = (target: number, control: number | null = null): TTarget => ({ target, control, direction: "at_least" });
const down = (target: number, control: number | null = null): TTarget => ({ target, control, direction: "at_most" });

describe("targetStatus", () => {
  test("at least, with a control point: met at the target, watch down to the control, missed below", () => {
    const t = up(98, 95);
    expect(targetStatus(t, 100)).toBe("met");
    expect(targetStatus(t, 98)).toBe("met");
    expect(targetStatus(t, 97.9)).toBe("watch");
    expect(targetStatus(t, 95)).toBe("watch");
    expect(targetStatus(t, 94.9)).toBe("missed");
    expect(targetStatus(t, 0)).toBe("missed");
  });
  test("at least, without a control point: no amber band", () => {
    expect(targetStatus(up(98), 98)).toBe("met");
    expect(targetStatus(up(98), 97.99)).toBe("missed");
  });
  test("at most, with a control point: met at or under the target, watch up to the control, missed above", () => {
    const t = down(1.5, 2);
    expect(targetStatus(t, 0)).toBe("met");
    expect(targetStatus(t, 1.5)).toBe("met");
    expect(targetStatus(t, 1.51)).toBe("watch");
    expect(targetStatus(t, 2)).toBe("watch");
    expect(targetStatus(t, 2.01)).toBe("missed");
  });
  test("at most, without a control point", () => {
    expect(targetStatus(down(1.5), 1.5)).toBe("met");
    expect(targetStatus(down(1.5), 1.6)).toBe("missed");
  });
  test("a control point on the wrong side is ignored", () => {
    expect(targetStatus(up(95, 98), 96)).toBe("met");
    expect(targetStatus(up(95, 98), 94)).toBe("missed");
    expect(targetStatus(up(95, 95), 94)).toBe("missed");
    expect(targetStatus(down(2, 1), 1.5)).toBe("met");
    expect(targetStatus(down(2, 1), 2.5)).toBe("missed");
    expect(targetStatus(down(2, 2), 2.5)).toBe("missed");
  });
  test("no figure, NaN or infinity is no data", () => {
    for (const t of [up(98, 95), down(1.5, 2), up(98)]) {
      expect(targetStatus(t, null)).toBe("no_data");
      expect(targetStatus(t, Number.NaN)).toBe("no_data");
      expect(targetStatus(t, Number.POSITIVE_INFINITY)).toBe("no_data");
    }
  });
  test("property: at_most is at_least mirrored", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.option(fc.integer({ min: -1000, max: 1000 })),
        fc.integer({ min: -1000, max: 1000 }),
        (target, control, actual) => {
          expect(targetStatus(down(target, control), actual)).toBe(targetStatus(up(-target, control === null ? null : -control), -actual));
        },
      ),
    );
  });
  test("property: a valid control point only turns some misses into watch", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: -10, max: 110 }), (target, gap, actual) => {
        const withC = targetStatus(up(target, target - gap), actual);
        const without = targetStatus(up(target), actual);
        if (without === "met") expect(withC).toBe("met");
        else expect(withC).toBe(actual >= target - gap ? "watch" : "missed");
      }),
    );
  });
});

describe("controlIsValid", () => {
  test("below the target for at least, above it for at most, none is fine", () => {
    expect(controlIsValid(up(98, 95))).toBe(true);
    expect(controlIsValid(up(98, 98))).toBe(false);
    expect(controlIsValid(up(98, 99))).toBe(false);
    expect(controlIsValid(down(1.5, 2))).toBe(true);
    expect(controlIsValid(down(1.5, 1.5))).toBe(false);
    expect(controlIsValid(down(1.5, 1))).toBe(false);
    expect(controlIsValid(up(98))).toBe(true);
    expect(controlIsValid(down(1.5))).toBe(true);
  });
});

describe("pct and per1000", () => {
  test("a share in per cent, one decimal, half away from zero; no denominator, no share", () => {
    expect(pct(1, 3)).toBe(33.3);
    expect(pct(2, 3)).toBe(66.7);
    expect(pct(201, 400)).toBe(50.3);
    expect(pct(0, 5)).toBe(0);
    expect(pct(5, 5)).toBe(100);
    expect(pct(0, 0)).toBeNull();
    expect(pct(3, 0)).toBeNull();
    expect(pct(3, -1)).toBeNull();
  });
  test("per 1,000, two decimals; no base (null, zero, negative) gives null", () => {
    expect(per1000(3, 12000)).toBe(0.25);
    expect(per1000(7, 3000)).toBe(2.33);
    expect(per1000(0, 5000)).toBe(0);
    expect(per1000(3, null)).toBeNull();
    expect(per1000(3, 0)).toBeNull();
    expect(per1000(3, -10)).toBeNull();
  });
});

describe("the indicators", () => {
  test("every indicator defined; entered ones are counts and amounts, per 1,000 is at most", () => {
    expect(Object.keys(INDICATOR_DEFS).sort()).toEqual([...INDICATORS].sort());
    expect(INDICATORS.filter((i) => INDICATOR_DEFS[i].source === "entered")).toEqual(["lines_in_service", "revenue_10k_yuan"]);
    expect(INDICATOR_DEFS.complaints_per_1000_lines.direction).toBe("at_most");
    for (const i of INDICATORS) if (INDICATOR_DEFS[i].unit === "pct") expect(INDICATOR_DEFS[i].direction).toBe("at_least");
    for (const i of INDICATORS) expect(DEPARTMENTS).toContain(INDICATOR_DEFS[i].owner);
  });
});

describe("who may do what", () => {
  test("readers and survey roles", () => {
    expect([...ANALYSIS_READER_ROLES].sort()).toEqual(["department_head", "general_manager", "quality"]);
    expect([...SURVEY_ROLES].sort()).toEqual(["customer_service", "quality"]);
  });
  test("mayEnterFigure: quality for anyone, a head for their own department only, nobody else", () => {
    for (const role of ROLES)
      for (const own of [...DEPARTMENTS, null])
        for (const department of DEPARTMENTS) {
          const expected = role === "quality" || (role === "department_head" && own === department);
          expect(mayEnterFigure({ role, department: own }, department), `${role}/${own} → ${department}`).toBe(expected);
          // lines in service: operations' figure only, whoever enters it
          expect(mayEnterFigure({ role, department: own }, department, "lines_in_service")).toBe(expected && department === "operations");
          expect(mayEnterFigure({ role, department: own }, department, "revenue_10k_yuan")).toBe(expected);
        }
  });
});

describe("billingPct (the exchange's check: hundredths, rounded down)", () => {
  test("99.86 % stays under a 99.9 % target; none placed is no data", () => {
    expect(billingPct(9986, 10000)).toBe(99.86);
    expect(targetStatus({ target: 99.9, control: null, direction: "at_least" }, billingPct(9986, 10000))).toBe("missed");
    expect(billingPct(9999, 9999)).toBe(100);
    expect(billingPct(57, 100)).toBe(57);
    expect(billingPct(0, 0)).toBeNull();
  });
});

describe("judged exact, shown rounded (exactPct, exactPer1000, displayValue)", () => {
  test("1,999 of 2,000 shows as 100 % but does not meet a 100 % target; 18 complaints on 11,999 lines is over 1.5 ‰", () => {
    const share = exactPct(1999, 2000);
    expect(displayValue("pct", share)).toBe(100);
    expect(targetStatus({ target: 100, control: 99, direction: "at_least" }, share)).toBe("watch");
    const rate = exactPer1000(18, 11_999);
    expect(displayValue("per_1000", rate)).toBe(1.5);
    expect(targetStatus({ target: 1.5, control: null, direction: "at_most" }, rate)).toBe("missed");
  });
  test("no denominator is no data; counts and amounts as they are", () => {
    expect(exactPct(1, 0)).toBeNull();
    expect(exactPer1000(3, null)).toBeNull();
    expect(exactPer1000(3, 0)).toBeNull();
    expect(displayValue("pct", null)).toBeNull();
    expect(displayValue("count", 12345)).toBe(12345);
    expect(displayValue("amount", 12.345)).toBe(12.345);
    expect(displayValue("pct", 72.25)).toBe(72.3);
  });
});

describe("enteredIndicatorsFor", () => {
  test("only indicators the app does not compute; lines in service for operations alone", () => {
    expect(enteredIndicatorsFor("operations")).toEqual(["lines_in_service", "revenue_10k_yuan"]);
    expect(enteredIndicatorsFor("finance")).toEqual(["revenue_10k_yuan"]);
    for (const d of DEPARTMENTS) for (const i of enteredIndicatorsFor(d)) expect(INDICATOR_DEFS[i].source).toBe("entered");
  });
});
