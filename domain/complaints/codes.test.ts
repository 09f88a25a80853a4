import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { fromEpochDay, toEpochDay } from "@/domain/time/calendar";
import { operatorDay } from "@/domain/time/operator";
import { COMPLAINT_CODE_RE, complaintCode, phoneDigits } from "./codes";

describe("complaintCode: TS-YYYYMMDD-NNNN", () => {
  test.each([
    ["2026-03-02", 1, "TS-20260302-0001"],
    ["2026-03-02", 42, "TS-20260302-0042"],
    ["2026-12-31", 999, "TS-20261231-0999"],
    ["2028-02-29", 9999, "TS-20280229-9999"],
    // past 9999 the number grows a digit rather than wrapping or failing
    ["2026-03-02", 10_000, "TS-20260302-10000"],
    ["2026-03-02", 123_456, "TS-20260302-123456"],
  ])("%s no. %i → %s", (day, n, code) => {
    expect(complaintCode(day, n)).toBe(code);
    expect(COMPLAINT_CODE_RE.test(code)).toBe(true);
  });

  test("the day is the operator's: 23:30 in Shanghai on Mar 2 (15:30 UTC) and 00:30 on Mar 3 (16:30 UTC on Mar 2) number on different days", () => {
    expect(complaintCode(operatorDay("2026-03-02T15:30:00Z"), 1)).toBe("TS-20260302-0001");
    expect(complaintCode(operatorDay("2026-03-02T16:30:00Z"), 1)).toBe("TS-20260303-0001");
  });

  test.each(["2026-3-2", "20260302", "1999-12-31", "2026-02-29", "2026-13-01", "2026-04-31", "2026-00-10", "", "2026-03-02T00:00"])(
    "%j is not a day",
    (day) => {
      expect(() => complaintCode(day, 1)).toThrow(RangeError);
    },
  );

  test.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("%d is not a sequence number", (n) => {
    expect(() => complaintCode("2026-03-02", n)).toThrow(RangeError);
  });

  test("property: the code reads back its day and number, and codes of one day sort by number up to 9999", () => {
    const day = fc.integer({ min: toEpochDay("2000-01-01"), max: toEpochDay("2099-12-31") }).map(fromEpochDay);
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 1_000_000 }), (d, n) => {
        const m = COMPLAINT_CODE_RE.exec(complaintCode(d, n));
        expect(m).not.toBeNull();
        expect(`${m![1]}-${m![2]}-${m![3]}`).toBe(d);
        expect(Number(m![4])).toBe(n);
        expect(m![4]!.length).toBe(Math.max(4, String(n).length));
      }),
    );
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 9999 }), (d, a, b) => {
        expect(Math.sign(complaintCode(d, a).localeCompare(complaintCode(d, b)))).toBe(Math.sign(a - b));
      }),
    );
  });

  test("the pattern refuses what is not a form number", () => {
    for (const bad of [
      "TS-20260302-001",
      "TS-2026032-0001",
      "ts-20260302-0001",
      "WO-20260302-0001",
      "TS-19990302-0001",
      "TS-20260302-0001 ",
      "TS-20260302-00a1",
    ]) {
      expect(COMPLAINT_CODE_RE.test(bad), bad).toBe(false);
    }
  });
});

describe("phoneDigits", () => {
  test.each([
    ["138-0013 8000 王先生", "13800138000"],
    ["(0571) 8888-1234 ext. 5", "0571888812345"],
    ["+86 138 0013 8000", "8613800138000"],
    ["王先生", ""],
    ["", ""],
  ])("%j → %j", (text, digits) => {
    expect(phoneDigits(text)).toBe(digits);
  });

  test("full-width digits (a Chinese input method) count as the digits they are; other scripts' digits do not", () => {
    expect(phoneDigits("１３８－００１３ ８０００")).toBe("13800138000");
    expect(phoneDigits("王先生１３８0013８000")).toBe("13800138000");
    expect(phoneDigits("٠١٢٣")).toBe(""); // Arabic-Indic
  });

  test("property: keeps exactly the digits (ASCII and full-width), in order, as ASCII; idempotent", () => {
    fc.assert(
      fc.property(
        fc.string({
          maxLength: 60,
          unit: fc.oneof(
            fc.constantFrom(..."0 1 2 3 4 5 6 7 8 9 ０ １ ２ ３ ４ ５ ６ ７ ８ ９ - ( ) 王".split(" ")),
            fc.string({ minLength: 1, maxLength: 1, unit: "binary" }),
          ),
        }),
        (s) => {
          const d = phoneDigits(s);
          expect(d).toMatch(/^[0-9]*$/);
          expect(d).toBe(
            Array.from(s, (c) => c)
              .filter((c) => (c >= "0" && c <= "9") || (c >= "０" && c <= "９"))
              .map((c) => (c >= "０" ? String(c.charCodeAt(0) - 0xff10) : c))
              .join(""),
          );
          expect(phoneDigits(d)).toBe(d);
        },
      ),
    );
  });
});
