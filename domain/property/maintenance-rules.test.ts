import { describe, expect, test } from "vitest";
import { DEPARTMENTS, ROLES, type TDepartment, type TRole } from "@/domain/auth/roles";
import { mayEndMaintenance, mayReadMaintenance, mayRecordMaintenance } from "./model";

const actor = (role: TRole, department: TDepartment | null) => ({ id: "u", role, department });

/** Expected by hand (ADR 0039 §9): counter staff and linemen offer the service; the office ends it early. */
function expectedRecord(role: TRole, department: TDepartment | null): boolean {
  if (role === "customer_service" || role === "lineman") return true;
  return role === "department_head" && (department === "customer_service" || department === "terminal_service");
}
function expectedEnd(role: TRole, department: TDepartment | null): boolean {
  if (role === "customer_service") return true;
  return role === "department_head" && (department === "customer_service" || department === "terminal_service");
}

describe("maintenance agreements: who may record, end and read (every role × department)", () => {
  const cases = ROLES.flatMap((role) => [null, ...DEPARTMENTS].map((department) => [role, department] as const));
  test.each(cases)("%s of %s", (role, department) => {
    const a = actor(role, department);
    expect(mayRecordMaintenance(a)).toBe(expectedRecord(role, department));
    expect(mayEndMaintenance(a)).toBe(expectedEnd(role, department));
    // whoever may end an agreement may read it; linemen read the agreements they see on work orders
    if (mayEndMaintenance(a) || role === "lineman") expect(mayReadMaintenance(a)).toBe(true);
  });
  test("a warehouse keeper of finance reads none", () => {
    expect(mayReadMaintenance(actor("warehouse_keeper", "finance"))).toBe(false);
  });
});
