import { describe, expect, test } from "vitest";
import { maySeeHoldingsOf } from "./roles";

describe("maySeeHoldingsOf", () => {
  const person = { department: "terminal_service" };
  test("the custodian and admins see anyone's; a department head their own people's; nobody else", () => {
    expect(maySeeHoldingsOf({ role: "instrument_custodian", department: "technology_development" }, person)).toBe(true);
    expect(maySeeHoldingsOf({ role: "admin", department: "enterprise_management" }, person)).toBe(true);
    expect(maySeeHoldingsOf({ role: "department_head", department: "terminal_service" }, person)).toBe(true);
    expect(maySeeHoldingsOf({ role: "department_head", department: "operations" }, person)).toBe(false);
    for (const role of ["lineman", "warehouse_keeper", "customer_service", "operations", "quality"] as const) {
      expect(maySeeHoldingsOf({ role, department: "terminal_service" }, person)).toBe(false);
    }
  });
});
