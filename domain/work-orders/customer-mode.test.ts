import { describe, expect, it } from "vitest";
import { MUTATION_NAMES } from "@/domain/sync/protocol";
import { customerModeAllowsMutation, customerModeAllowsProcedure } from "./customer-mode";

const WO = "0193a0b0-0000-7000-8000-000000000001";
const OTHER = "0193a0b0-0000-7000-8000-000000000002";

describe("customer mode", () => {
  it("allows only the customer's turn on its own work order", () => {
    for (const name of MUTATION_NAMES) {
      const allowed = name === "workOrder.customerSign" || name === "workOrder.customerRefuse";
      expect(customerModeAllowsMutation({ name, args: { workOrderId: WO } }, WO)).toBe(allowed);
      expect(customerModeAllowsMutation({ name, args: { workOrderId: OTHER } }, WO)).toBe(false);
    }
    expect(customerModeAllowsMutation({ name: "workOrder.customerSign", args: { workOrderId: WO.toUpperCase() } }, WO)).toBe(true);
    expect(customerModeAllowsMutation({ name: "workOrder.customerSign", args: null }, WO)).toBe(false);
    expect(customerModeAllowsMutation({ name: "workOrder.customerSign", args: { workOrderId: 7 } }, WO)).toBe(false);
  });
  it("allows who-am-I, leaving, push and pull; nothing else", () => {
    for (const p of ["auth.me", "auth.leaveCustomerMode", "sync.push", "sync.pull", "auth.login"]) expect(customerModeAllowsProcedure(p)).toBe(true);
    for (const p of ["auth.logout", "auth.enterCustomerMode", "workOrders.get", "workOrders.listMine", "sync.registerDevice", "users.list"]) {
      expect(customerModeAllowsProcedure(p)).toBe(false);
    }
  });
});
