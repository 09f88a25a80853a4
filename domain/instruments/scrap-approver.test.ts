import { describe, expect, test } from "vitest";
import { DEPARTMENTS, ROLES, type TRole } from "@/domain/auth/roles";
import { isScrapApproverRole, SCRAP_APPROVER_ROLES } from "./roles";
import { checkScrapDecision, mayDecideScrap } from "./scrap";
import { checkScrapApprover, mayApproveScrapping } from "./settings";
import { instrument } from "./test-facts";
import type { TActor } from "./rules";

/**
 * The leader who approves scrapping (Procedure 4: 报请有关领导审批报废, ADR 0040): the settings name a department head or
 * the general manager; with nobody named, the head of the instrument's department. Every role, written out (not
 * derived from SCRAP_APPROVER_ROLES), so a new role is given the right on purpose.
 */
const MAY_BE_NAMED: Record<TRole, boolean> = {
  lineman: false,
  warehouse_keeper: false,
  instrument_custodian: false,
  department_head: true,
  customer_service: false,
  operations: false,
  quality: false,
  general_manager: true,
  admin: false,
};
/** With nobody named: only a department head (of the instrument's department) decides. */
const DECIDES_UNNAMED: Record<TRole, boolean> = { ...MAY_BE_NAMED, general_manager: false };

const old = instrument({ department: "terminal_service", intakeDate: "2010-01-01", scrapPending: true });
const person = (role: TRole, over: Partial<TActor> = {}): TActor => ({ id: `u-${role}`, role, department: "terminal_service", active: true, ...over });

describe("who may be named to approve scrapping", () => {
  test.each(ROLES)("%s: named only when a department head or the general manager, and active", (role) => {
    expect(isScrapApproverRole(role)).toBe(MAY_BE_NAMED[role]);
    expect(mayApproveScrapping({ role })).toBe(MAY_BE_NAMED[role]);
    expect(mayApproveScrapping({ role, active: true })).toBe(MAY_BE_NAMED[role]);
    expect(mayApproveScrapping({ role, active: false })).toBe(false);
    expect(checkScrapApprover({ role, active: true })).toEqual(MAY_BE_NAMED[role] ? { ok: true } : { ok: false, code: "scrap_approver_invalid" });
    expect(checkScrapApprover({ role, active: false })).toEqual({ ok: false, code: "scrap_approver_invalid" });
  });

  test("the list of roles and an unknown person", () => {
    expect([...SCRAP_APPROVER_ROLES].sort()).toEqual(ROLES.filter((r) => MAY_BE_NAMED[r]).sort());
    expect(checkScrapApprover(null)).toEqual({ ok: false, code: "scrap_approver_invalid" });
  });
});

describe("who decides a verified request", () => {
  test.each(ROLES)("%s named in the settings: decides whatever their department, while they may approve", (role) => {
    for (const department of DEPARTMENTS) {
      const me = person(role, { department });
      const named = { approverId: me.id };
      expect(mayDecideScrap(me, named, old).ok, `${role} of ${department}`).toBe(MAY_BE_NAMED[role]);
      expect(mayDecideScrap({ ...me, active: false }, named, old)).toMatchObject({ ok: false, code: "not_allowed" });
    }
  });

  test.each(ROLES)("%s when another leader is named: never", (role) => {
    for (const department of DEPARTMENTS) {
      expect(mayDecideScrap(person(role, { department }), { approverId: "u-someone-else" }, old)).toMatchObject({ ok: false, code: "not_allowed" });
    }
  });

  test.each(ROLES)("%s with nobody named: only the head of the instrument's department", (role) => {
    for (const department of DEPARTMENTS) {
      const r = mayDecideScrap(person(role, { department }), { approverId: null }, old);
      const own = department === old.department;
      if (DECIDES_UNNAMED[role])
        expect(r, `${role} of ${department}`).toEqual(own ? { ok: true } : { ok: false, code: "wrong_department", details: { department: old.department } });
      else expect(r, `${role} of ${department}`).toMatchObject({ ok: false, code: "not_allowed" });
    }
  });

  test("the general manager named decides with a reason; not named, never (even for their own department's instrument)", () => {
    const gm = person("general_manager", { department: "enterprise_management" });
    const decide = (approverId: string | null, i = old, reason = "同意报废") =>
      checkScrapDecision({ approver: gm, request: { status: "pending", approverId }, instrument: i, reason });
    expect(decide(gm.id)).toEqual({ ok: true });
    expect(decide(gm.id, old, " ")).toMatchObject({ code: "note_required" });
    expect(decide(gm.id, { ...old, status: "scrapped" })).toMatchObject({ code: "invalid_transition" });
    expect(decide(null)).toMatchObject({ code: "not_allowed" });
    expect(decide(null, { ...old, department: "enterprise_management" })).toMatchObject({ code: "not_allowed" });
    expect(decide("u-department_head")).toMatchObject({ code: "not_allowed" });
    for (const status of ["proposed", "approved", "rejected", "declined"] as const)
      expect(checkScrapDecision({ approver: gm, request: { status, approverId: gm.id }, instrument: old, reason: "x" })).toMatchObject({
        code: "invalid_transition",
      });
  });
});
