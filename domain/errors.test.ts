import { describe, expect, it } from "vitest";
import { ERROR_CODES, isErrorCode } from "./errors";

describe("ERROR_CODES", () => {
  it("are unique snake_case names (they are message catalogue keys)", () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it("include the codes the client relies on", () => {
    for (const code of ["unauthenticated", "session_expired", "forbidden", "csrf_rejected", "rate_limited", "bad_input", "internal"]) {
      expect(ERROR_CODES).toContain(code);
    }
  });
});

describe("isErrorCode", () => {
  it.each(ERROR_CODES)("recognises %s", (code) => {
    expect(isErrorCode(code)).toBe(true);
  });

  it.each([["FORBIDDEN"], ["Forbidden"], [" forbidden"], ["forbidden "], [""], ["toString"], ["constructor"], [null], [undefined], [0], [{}], [["forbidden"]]])(
    "rejects %j",
    (value) => {
      expect(isErrorCode(value)).toBe(false);
    },
  );
});
