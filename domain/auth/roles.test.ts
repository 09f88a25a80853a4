import { describe, expect, it } from "vitest";
import { FIELD_ROLES, ROLE_GROUPS, ROLES, isFieldRole } from "./roles";
import { ZDepartment, ZRole } from "./schemas";

describe("roles", () => {
  it("has the nine roles of the operator (the general manager since issue 13), each once", () => {
    expect(ROLES).toHaveLength(9);
    expect(new Set(ROLES).size).toBe(9);
    expect(ROLES).toContain("general_manager");
  });

  it("every role group lists only known roles; everyone is all of them", () => {
    for (const group of Object.values(ROLE_GROUPS)) for (const r of group) expect(ROLES).toContain(r);
    expect([...ROLE_GROUPS.everyone].sort()).toEqual([...ROLES].sort());
    expect(ROLE_GROUPS.admins).toEqual(["admin"]);
  });

  it("field roles get the Scan action; office roles do not", () => {
    for (const r of FIELD_ROLES) expect(isFieldRole(r)).toBe(true);
    expect(isFieldRole("lineman")).toBe(true);
    expect(isFieldRole("admin")).toBe(false);
    expect(isFieldRole("customer_service")).toBe(false);
    expect(isFieldRole("department_head")).toBe(false);
  });

  it("ZRole and ZDepartment accept exactly the listed names", () => {
    for (const r of ROLES) expect(ZRole.parse(r)).toBe(r);
    expect(ZRole.safeParse("ADMIN").success).toBe(false);
    expect(ZDepartment.parse("finance")).toBe("finance");
    expect(ZDepartment.safeParse("sales").success).toBe(false);
  });
});
