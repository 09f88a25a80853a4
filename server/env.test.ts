import { afterEach, describe, expect, it, vi } from "vitest";
import { env, resetEnvForTests } from "./env";

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});

const withEnv = (vars: Record<string, string>) => {
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  resetEnvForTests();
  return env;
};

describe("environment (server/env.ts)", () => {
  it("refuses TRUST_PROXY=1 at start with a message naming the new form", () => {
    expect(withEnv({ TRUST_PROXY: "1" })).toThrow(/TRUST_PROXY: TRUST_PROXY=1 .*no longer accepted.*list the addresses of your reverse proxies/);
  });
  it("refuses a TRUST_PROXY entry that is not an address or CIDR", () => {
    expect(withEnv({ TRUST_PROXY: "10.0.0.0/8,proxy.local" })).toThrow(/"proxy\.local" is not an IP address or CIDR/);
  });
  it("takes 0 and unset as no trusted proxy, and a list as given", () => {
    expect(withEnv({ TRUST_PROXY: "0" })().TRUST_PROXY.entries).toEqual([]);
    expect(withEnv({ TRUST_PROXY: "10.0.0.0/8, ::1" })().TRUST_PROXY.entries).toEqual(["10.0.0.0/8", "::1"]);
  });
  it("has defaults for the new limits", () => {
    // vitest.config.ts raises them for the integration tests: unset them here
    for (const k of ["LOGIN_MAX_FAILURES_GLOBAL_PER_MINUTE", "IMPORT_MAX_PER_MINUTE", "PDF_MAX_PER_MINUTE", "AUDIT_VERIFY_MAX_PER_MINUTE"])
      vi.stubEnv(k, undefined);
    const e = withEnv({})();
    expect([e.LOGIN_MAX_FAILURES_GLOBAL_PER_MINUTE, e.IMPORT_MAX_PER_MINUTE, e.PDF_MAX_PER_MINUTE, e.AUDIT_VERIFY_MAX_PER_MINUTE]).toEqual([100, 6, 30, 2]);
  });
});
