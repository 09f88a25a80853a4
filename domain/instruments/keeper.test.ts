import { describe, expect, test } from "vitest";
import { checklistOf, foundOnLoan, lostOnLoan, missingOf, parseAccessories } from "./accessories";
import { changeNeedsNewKeeper, checkKeeper, checkKeeperMayLeave } from "./keeper";
import { DEFAULT_SETTINGS, longLoanDue, mayApproveScrapping, mayEditSettings } from "./settings";

describe("the named keeper (专人负责管理)", () => {
  const keeper = { id: "k", department: "terminal_service" as const, active: true };
  test("a special instrument needs one, of its using department, active", () => {
    expect(checkKeeper({ category: "special", department: "terminal_service", keeper })).toEqual({ ok: true });
    expect(checkKeeper({ category: "special", department: "terminal_service", keeper: null })).toMatchObject({ ok: false, code: "keeper_required" });
    expect(checkKeeper({ category: "special", department: "operations", keeper })).toMatchObject({ ok: false, code: "keeper_required" });
    expect(checkKeeper({ category: "special", department: "terminal_service", keeper: { ...keeper, active: false } })).toMatchObject({
      ok: false,
      code: "keeper_required",
    });
  });
  test("a public one may name one (any department) or none", () => {
    expect(checkKeeper({ category: "public", department: "technology_development", keeper: null })).toEqual({ ok: true });
    expect(checkKeeper({ category: "public", department: "technology_development", keeper })).toEqual({ ok: true });
    expect(checkKeeper({ category: "public", department: "technology_development", keeper: { ...keeper, active: false } }).ok).toBe(false);
  });
  test("another job, another department or disabling ends the keeping; a new name does not", () => {
    const before = { role: "lineman" as const, department: "terminal_service" as const };
    expect(changeNeedsNewKeeper(before, null)).toBe(true);
    expect(changeNeedsNewKeeper(before, { ...before, department: "operations" })).toBe(true);
    expect(changeNeedsNewKeeper(before, { ...before, role: "department_head" })).toBe(true);
    expect(changeNeedsNewKeeper(before, { ...before })).toBe(false);
  });
  test("a keeper leaves once nothing names them", () => {
    expect(checkKeeperMayLeave([])).toEqual({ ok: true });
    expect(checkKeeperMayLeave([{ id: "a" }, { id: "b" }])).toEqual({ ok: false, code: "keeper_required", details: { kept: 2 } });
  });
});

describe("manuals and accessories (说明书, 附件)", () => {
  test("the checklist: the manual first, then each accessory, no blanks or repeats", () => {
    expect(checklistOf({ manual: " 《OTDR 说明书》 ", accessories: ["电源适配器", " ", "电源适配器", "跳线"] })).toEqual([
      "《OTDR 说明书》",
      "电源适配器",
      "跳线",
    ]);
    expect(checklistOf({ manual: "", accessories: [] })).toEqual([]);
  });
  test("typed one per line (or separated by ;)", () => {
    expect(parseAccessories("电源适配器\n  光纤跳线   ×2 \n\n便携箱;便携箱；充电器")).toEqual(["电源适配器", "光纤跳线 ×2", "便携箱", "充电器"]);
  });
  test("a check's missing list in checklist order; a name the register no longer lists is kept", () => {
    expect(missingOf(["说明书", "电源", "跳线"], ["跳线", "说明书"])).toEqual(["说明书", "跳线"]);
    expect(missingOf(["说明书"], ["旧附件"])).toEqual(["旧附件"]);
  });
  test("lost on a loan: missing on return but there at issue; found: the other way round", () => {
    expect(lostOnLoan(["说明书"], ["说明书", "跳线"])).toEqual(["跳线"]);
    expect(lostOnLoan(null, ["跳线"])).toEqual(["跳线"]);
    expect(foundOnLoan(["说明书", "跳线"], ["跳线"])).toEqual(["说明书"]);
    expect(foundOnLoan(null, [])).toEqual([]);
  });
});

describe("the custodian's department's settings", () => {
  test("no term by default; a term counts from the issue day, month ends clamped", () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ department: "technology_development", longLoanMonths: null, scrapApproverId: null });
    expect(longLoanDue("2026-03-10", null)).toBeNull();
    expect(longLoanDue("2026-01-31", 1)).toBe("2026-02-28");
    expect(longLoanDue("2026-03-10", 12)).toBe("2027-03-10");
  });
  test("the custodian, Technology Development's head and admins keep them; a department head or the general manager may be named to approve", () => {
    expect(mayEditSettings({ role: "instrument_custodian", department: "technology_development" })).toBe(true);
    expect(mayEditSettings({ role: "department_head", department: "technology_development" })).toBe(true);
    expect(mayEditSettings({ role: "admin", department: "enterprise_management" })).toBe(true);
    expect(mayEditSettings({ role: "department_head", department: "terminal_service" })).toBe(false);
    expect(mayEditSettings({ role: "lineman", department: "technology_development" })).toBe(false);
    expect(mayApproveScrapping({ role: "department_head" })).toBe(true);
    expect(mayApproveScrapping({ role: "department_head", active: false })).toBe(false);
    expect(mayApproveScrapping({ role: "general_manager" })).toBe(true);
    expect(mayApproveScrapping({ role: "general_manager", active: false })).toBe(false);
    expect(mayApproveScrapping({ role: "instrument_custodian" })).toBe(false);
  });
});
