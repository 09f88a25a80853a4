import { CASE_STATUSES } from "@/domain/property/model";
import { describe, expect, it } from "vitest";
import { MANUAL_CHECKLIST } from "./checklist";
import {
  checkChangeDecision,
  customerRefuseDecision,
  customerSignDecision,
  fieldWorkDecision,
  selfCheckDecision,
  statusReasonAfter,
  transitionDecision,
  workOrderActor,
  changeNeedsOrdersReassigned,
} from "./preconditions";
import type { TCheckForRules } from "./rules";
import { FIELD_WORK_STATUSES, WORK_ORDER_STATUSES } from "./status";

const ticked = Object.fromEntries(MANUAL_CHECKLIST.install.map((id) => [id, true]));
const check = (over: Partial<TCheckForRules & { id: string }> = {}) => ({
  id: "c1",
  equipmentType: "telephone" as const,
  verdict: "valid" as const,
  outcome: "connected" as const,
  pbx: null,
  ...over,
});

describe("workOrderActor", () => {
  const wo = { assignedTo: "u1" };
  it("the assigned lineman is the assignee; another lineman is nobody; office roles are the office", () => {
    expect(workOrderActor({ id: "u1", role: "lineman" }, wo)).toBe("assignee");
    expect(workOrderActor({ id: "u2", role: "lineman" }, wo)).toBeNull();
    expect(workOrderActor({ id: "u3", role: "customer_service" }, wo)).toBe("office");
    expect(workOrderActor({ id: "u4", role: "admin" }, wo)).toBe("office");
    for (const role of ["warehouse_keeper", "instrument_custodian", "department_head", "operations", "quality"] as const) {
      expect(workOrderActor({ id: "u5", role }, wo)).toBeNull();
    }
    expect(workOrderActor({ id: "u1", role: "lineman" }, { assignedTo: null })).toBeNull();
  });
  it("an order still assigned to someone who is no longer a lineman gives them nothing", () => {
    expect(workOrderActor({ id: "u1", role: "warehouse_keeper" }, wo)).toBeNull();
    // an office role keeps its office powers, never the assignee's
    expect(workOrderActor({ id: "u1", role: "customer_service" }, wo)).toBe("office");
  });
});

describe("changeNeedsOrdersReassigned", () => {
  const lineman = { role: "lineman" as const, active: true };
  it("a lineman leaving the role or being disabled; nobody else, and no other change", () => {
    expect(changeNeedsOrdersReassigned(lineman, { role: "quality", active: true })).toBe(true);
    expect(changeNeedsOrdersReassigned(lineman, { role: "lineman", active: false })).toBe(true);
    expect(changeNeedsOrdersReassigned(lineman, { role: "lineman", active: true })).toBe(false);
    expect(changeNeedsOrdersReassigned({ role: "quality", active: true }, { role: "quality", active: false })).toBe(false);
    expect(changeNeedsOrdersReassigned({ role: "quality", active: true }, { role: "lineman", active: true })).toBe(false);
  });
});

describe("transitionDecision (compare-and-set)", () => {
  it("applies an allowed change from the status the phone saw", () => {
    expect(transitionDecision({ status: "assigned", expectedFrom: "assigned", to: "en_route", actor: "assignee", reason: "" })).toEqual({ kind: "apply" });
  });
  it("already at the target: already; elsewhere: stale", () => {
    expect(transitionDecision({ status: "en_route", expectedFrom: "assigned", to: "en_route", actor: "assignee", reason: "" })).toEqual({ kind: "already" });
    expect(transitionDecision({ status: "cancelled", expectedFrom: "assigned", to: "en_route", actor: "assignee", reason: "" })).toEqual({ kind: "stale" });
  });
  it("not in the table for this actor: invalid_transition", () => {
    expect(transitionDecision({ status: "assigned", expectedFrom: "assigned", to: "cancelled", actor: "assignee", reason: "x" })).toMatchObject({
      kind: "reject",
      code: "invalid_transition",
    });
    expect(transitionDecision({ status: "on_site", expectedFrom: "on_site", to: "work_done", actor: "assignee", reason: "" })).toMatchObject({
      kind: "reject",
      code: "invalid_transition",
    });
  });
  it("cancelling needs a reason in words", () => {
    expect(transitionDecision({ status: "assigned", expectedFrom: "assigned", to: "cancelled", actor: "office", reason: "  " })).toMatchObject({
      kind: "reject",
      code: "bad_input",
    });
    expect(transitionDecision({ status: "assigned", expectedFrom: "assigned", to: "cancelled", actor: "office", reason: "客户取消" })).toEqual({
      kind: "apply",
    });
  });
  it("the status reason: set by cancel and refusal, kept by close, cleared otherwise", () => {
    expect(statusReasonAfter("cancelled", " moved away ", "")).toBe("moved away");
    expect(statusReasonAfter("refused_to_sign", "price", "")).toBe("price");
    expect(statusReasonAfter("closed", "", "price")).toBe("price");
    expect(statusReasonAfter("work_done", "", "price")).toBe("");
  });
});

describe("fieldWorkDecision", () => {
  it.each(WORK_ORDER_STATUSES)("%s", (status) => {
    expect(fieldWorkDecision(status).kind).toBe(FIELD_WORK_STATUSES.includes(status) ? "apply" : "reject");
  });
});

describe("selfCheckDecision", () => {
  const base = { kind: "install" as const, ticked, checks: [check()], linkedCase: null };
  it("on site, checks resolved, list ticked: apply", () => {
    expect(selfCheckDecision({ ...base, status: "on_site" })).toEqual({ kind: "apply" });
    expect(selfCheckDecision({ ...base, status: "on_site", checks: [] })).toEqual({ kind: "apply" });
  });
  it("already work done: already", () => expect(selfCheckDecision({ ...base, status: "work_done" })).toEqual({ kind: "already" }));
  it("not on site yet: precondition_failed; past it: invalid_transition", () => {
    for (const status of ["assigned", "en_route"] as const)
      expect(selfCheckDecision({ ...base, status })).toMatchObject({ kind: "reject", code: "precondition_failed" });
    for (const status of ["signed", "closed", "cancelled", "refused_to_sign"] as const)
      expect(selfCheckDecision({ ...base, status })).toMatchObject({ kind: "reject", code: "invalid_transition" });
  });
  it("failed equipment connected, or a PBX connected without a passed inspection, blocks it (naming the checks)", () => {
    expect(selfCheckDecision({ ...base, status: "on_site", checks: [check(), check({ id: "c2", verdict: "expired" })] })).toEqual({
      kind: "reject",
      code: "check_failed_cannot_connect",
      details: { checkIds: ["c2"] },
    });
    expect(selfCheckDecision({ ...base, status: "on_site", checks: [check({ id: "p", equipmentType: "pbx" })] })).toEqual({
      kind: "reject",
      code: "pbx_inspection_required",
      details: { checkIds: ["p"] },
    });
    expect(selfCheckDecision({ ...base, status: "on_site", checks: [check({ verdict: "unknown", outcome: "customer_informed" })] })).toEqual({ kind: "apply" });
  });
  it("a connected PBX: the order's linked PBX application passed its inspection (ADR 0039 §6)", () => {
    const pbx = [check({ id: "p", equipmentType: "pbx" })];
    for (const status of CASE_STATUSES) {
      const d = selfCheckDecision({ ...base, status: "on_site", checks: pbx, linkedCase: { kind: "pbx", status } });
      if (status === "passed" || status === "connected") expect(d).toEqual({ kind: "apply" });
      else expect(d).toEqual({ kind: "reject", code: "pbx_inspection_required", details: { checkIds: ["p"] } });
    }
  });
  it("an order opening a works project's service: refused until the acceptance passed (works_not_accepted)", () => {
    for (const status of CASE_STATUSES) {
      const d = selfCheckDecision({ ...base, status: "on_site", linkedCase: { kind: "works", status } });
      if (status === "passed" || status === "connected") expect(d).toEqual({ kind: "apply" });
      else expect(d).toEqual({ kind: "reject", code: "works_not_accepted", details: { caseStatus: status } });
    }
    // a works link does not let a PBX connect
    expect(
      selfCheckDecision({ ...base, status: "on_site", checks: [check({ id: "p", equipmentType: "pbx" })], linkedCase: { kind: "works", status: "passed" } }),
    ).toMatchObject({
      code: "pbx_inspection_required",
    });
  });
  it("an unticked item blocks it, naming the item", () => {
    expect(selfCheckDecision({ ...base, status: "on_site", ticked: { ...ticked, site_tidy: false } })).toEqual({
      kind: "reject",
      code: "precondition_failed",
      details: { checklist: { missing: ["site_tidy"], unknown: [] } },
    });
  });
});

describe("the customer's turn", () => {
  it.each(WORK_ORDER_STATUSES)("sign from %s", (status) => {
    const withSelf = customerSignDecision({ status, hasSelfCheck: true });
    if (status === "work_done") expect(withSelf).toEqual({ kind: "apply" });
    else if (["assigned", "en_route", "on_site"].includes(status)) expect(withSelf).toMatchObject({ kind: "reject", code: "self_check_required" });
    else expect(withSelf).toMatchObject({ kind: "reject", code: "invalid_transition" });
  });
  it.each(WORK_ORDER_STATUSES)("refuse from %s", (status) => {
    const d = customerRefuseDecision({ status, hasSelfCheck: true });
    if (status === "work_done") expect(d).toEqual({ kind: "apply" });
    else if (status === "refused_to_sign") expect(d).toEqual({ kind: "already" });
    else if (["assigned", "en_route", "on_site"].includes(status)) expect(d).toMatchObject({ kind: "reject", code: "self_check_required" });
    else expect(d).toMatchObject({ kind: "reject", code: "invalid_transition" });
  });
  it("work done without a self-check on record: self_check_required", () => {
    expect(customerSignDecision({ status: "work_done", hasSelfCheck: false })).toMatchObject({ kind: "reject", code: "self_check_required" });
    expect(customerRefuseDecision({ status: "work_done", hasSelfCheck: false })).toMatchObject({ kind: "reject", code: "self_check_required" });
  });
});

describe("correcting or withdrawing a saved check (ADR 0021)", () => {
  const mine = { workOrderId: "wo", withdrawn: false };
  it("applies to a check of this order in force, until the self-check", () => {
    for (const status of ["assigned", "en_route", "on_site"] as const) {
      expect(checkChangeDecision({ status, check: mine, workOrderId: "wo", change: "withdraw" })).toEqual({ kind: "apply" });
      expect(checkChangeDecision({ status, check: mine, workOrderId: "wo", change: "correct" })).toEqual({ kind: "apply" });
    }
    for (const status of ["work_done", "signed", "refused_to_sign", "closed", "cancelled"] as const) {
      expect(checkChangeDecision({ status, check: mine, workOrderId: "wo", change: "withdraw" })).toMatchObject({
        kind: "reject",
        code: "precondition_failed",
      });
    }
  });
  it("another order's check or none is bad input; an already withdrawn check: withdrawal already, correction stale", () => {
    expect(checkChangeDecision({ status: "on_site", check: null, workOrderId: "wo", change: "withdraw" })).toMatchObject({ kind: "reject", code: "bad_input" });
    expect(checkChangeDecision({ status: "on_site", check: { ...mine, workOrderId: "other" }, workOrderId: "wo", change: "correct" })).toMatchObject({
      kind: "reject",
      code: "bad_input",
    });
    expect(checkChangeDecision({ status: "on_site", check: { ...mine, withdrawn: true }, workOrderId: "wo", change: "withdraw" })).toEqual({ kind: "already" });
    expect(checkChangeDecision({ status: "on_site", check: { ...mine, withdrawn: true }, workOrderId: "wo", change: "correct" })).toEqual({ kind: "stale" });
  });
});
