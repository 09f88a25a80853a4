import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ean13CheckDigit, isValidEan13 } from "./ean13";

describe("EAN-13", () => {
  it.each(["9781558604971", "5000213101025", "4006381333931", "6901234567892", "0000000000000"])("accepts %s", (code) => {
    expect(isValidEan13(code)).toBe(true);
  });

  it.each([
    ["wrong check digit", "9781558604972"],
    ["12 digits", "978155860497"],
    ["14 digits", "97815586049710"],
    ["a letter O", "978155860497O"],
    ["full-width digits", "９７８１５５８６０４９７１"],
    ["spaces", "978 1558 60497 1"],
    ["empty", ""],
  ])("refuses %s", (_name, code) => {
    expect(isValidEan13(code)).toBe(false);
  });

  it("computes the check digit", () => {
    expect(ean13CheckDigit("978155860497")).toBe(1);
    expect(ean13CheckDigit("400638133393")).toBe(1);
    expect(() => ean13CheckDigit("12345")).toThrow(RangeError);
  });

  it("detects every single-digit error and every adjacent transposition of unequal digits not 5 apart", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 }),
        fc.nat(12),
        fc.integer({ min: 1, max: 9 }),
        (digits, pos, delta) => {
          const body = digits.join("");
          const code = body + String(ean13CheckDigit(body));
          expect(isValidEan13(code)).toBe(true);
          const wrong = code.slice(0, pos) + String((Number(code[pos]) + delta) % 10) + code.slice(pos + 1);
          expect(isValidEan13(wrong)).toBe(false);
          if (pos < 12) {
            const a = Number(code[pos]);
            const b = Number(code[pos + 1]);
            if (a !== b && Math.abs(a - b) !== 5) {
              const swapped = code.slice(0, pos) + code[pos + 1]! + code[pos]! + code.slice(pos + 2);
              expect(isValidEan13(swapped)).toBe(false);
            }
          }
        },
      ),
    );
  });
});
