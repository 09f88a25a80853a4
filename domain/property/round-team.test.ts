import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DEPARTMENTS, type TDepartment } from "@/domain/auth/roles";
import { CASE_KINDS, type TCaseKind } from "./model";
import { departmentsAfterToggle, initialRoundDepartments, roundTeamDecision, roundTeamGaps, VERIFYING_DEPARTMENT } from "./round-team";

const TS: TDepartment = "terminal_service";
const CS: TDepartment = "customer_service";
const TD: TDepartment = "technology_development";
const OPS: TDepartment = "operations";

/** Inspectors by department (null: a person of no department). */
const team = (kind: TCaseKind, departments: TDepartment[], inspectors: (TDepartment | null)[]) => ({
  kind,
  departments,
  inspectors: inspectors.map((department) => ({ department })),
});

describe("the verifying department (P2: terminal service verifies a PBX)", () => {
  test("a PBX: terminal service; works: none named by the procedure", () => {
    expect(VERIFYING_DEPARTMENT).toEqual({ pbx: TS, works: null });
    expect(initialRoundDepartments("pbx")).toEqual([TS]);
    expect(initialRoundDepartments("works")).toEqual([]);
  });
});

/**
 * [what, kind, departments listed, inspectors' departments, expected decision], written by hand from P2 ("由客户服务部组织
 * 有关部门进行现场检验（终端服务部负责验证）") and the paper form signed by each department present.
 */
type Row = [string, TCaseKind, TDepartment[], (TDepartment | null)[], ReturnType<typeof roundTeamDecision>];
const ok = { ok: true } as const;
const verifier: ReturnType<typeof roundTeamDecision> = { ok: false, code: "verifier_required", departments: [TS] };
const uncovered = (...departments: TDepartment[]): ReturnType<typeof roundTeamDecision> => ({ ok: false, code: "department_inspector_required", departments });

const ROWS: Row[] = [
  // PBX
  ["pbx: terminal service listed and named", "pbx", [TS], [TS], ok],
  ["pbx: terminal service and customer service, both named", "pbx", [TS, CS], [TS, CS], ok],
  ["pbx: two terminal-service inspectors", "pbx", [TS], [TS, TS], ok],
  ["pbx: an inspector of no department beside terminal service", "pbx", [TS], [TS, null], ok],
  ["pbx: an inspector of a department not listed (the list is not refused for it)", "pbx", [TS], [TS, OPS], ok],
  ["pbx: a department listed twice, named once", "pbx", [TS, TS], [TS], ok],
  ["pbx: only customer service named", "pbx", [TS, CS], [CS], verifier],
  ["pbx: terminal service not listed, not named", "pbx", [CS], [CS], verifier],
  ["pbx: terminal service named but not listed", "pbx", [CS], [CS, TS], verifier],
  ["pbx: nobody of a department", "pbx", [TS], [null], verifier],
  ["pbx: nobody at all", "pbx", [TS], [], verifier],
  ["pbx: the verifier first, before an uncovered department", "pbx", [TS, OPS], [CS], verifier],
  ["pbx: terminal service named, customer service listed without anyone", "pbx", [TS, CS], [TS], uncovered(CS)],
  ["pbx: two departments without anyone, in the listed order", "pbx", [OPS, TS, CS], [TS], uncovered(OPS, CS)],
  // works
  ["works: Technology Development listed and named", "works", [TD], [TD], ok],
  ["works: no terminal service needed", "works", [TD, CS], [TD, CS], ok],
  ["works: terminal service alone", "works", [TS], [TS], ok],
  ["works: an inspector of a department not listed", "works", [TD], [TD, CS], ok],
  ["works: customer service listed without anyone", "works", [TD, CS], [TD, TD], uncovered(CS)],
  ["works: nobody of the listed department", "works", [TD], [null], uncovered(TD)],
  ["works: a department listed twice without anyone, once in the answer", "works", [TD, CS, CS], [TD], uncovered(CS)],
];

describe("roundTeamDecision: every listed department names an inspector; a PBX names terminal service", () => {
  test.each(ROWS)("%s", (_what, kind, departments, inspectors, expected) => {
    expect(roundTeamDecision(team(kind, departments, inspectors))).toEqual(expected);
  });

  test.each(ROWS)("gaps agree with the decision: %s", (_what, kind, departments, inspectors, expected) => {
    const gaps = roundTeamGaps(team(kind, departments, inspectors));
    if (expected.ok) expect(gaps).toEqual({ verifier: null, uncovered: [] });
    else if (expected.code === "verifier_required") expect(gaps.verifier).toBe(TS);
    else expect(gaps).toEqual({ verifier: null, uncovered: expected.departments });
  });

  test("every kind × department: a round of that one department with one of its people", () => {
    for (const kind of CASE_KINDS)
      for (const d of DEPARTMENTS) {
        const decision = roundTeamDecision(team(kind, [d], [d]));
        expect(decision.ok, `${kind} ${d}`).toBe(kind !== "pbx" || d === TS);
      }
  });

  test("property: a team whose departments are exactly its inspectors' (with terminal service on a PBX) is accepted", () => {
    const dept = fc.constantFrom(...DEPARTMENTS);
    fc.assert(
      fc.property(fc.constantFrom(...CASE_KINDS), fc.array(dept, { minLength: 1, maxLength: 8 }), (kind, people) => {
        const inspectors = kind === "pbx" ? [...people, TS] : people;
        const departments = [...new Set(inspectors)];
        expect(roundTeamDecision(team(kind, departments, inspectors))).toEqual(ok);
        // and dropping every inspector of a listed department leaves that department uncovered (or the verifier missing)
        const gone = departments[0]!;
        const left = roundTeamDecision(
          team(
            kind,
            departments,
            inspectors.filter((i) => i !== gone),
          ),
        );
        expect(left.ok).toBe(false);
        if (!left.ok) expect(left.departments).toContain(gone);
      }),
    );
  });
});

describe("departmentsAfterToggle: the form's departments follow the inspectors chosen", () => {
  type ToggleRow = [string, TCaseKind, TDepartment[], (TDepartment | null)[], TDepartment | null, boolean, TDepartment[]];
  const TOGGLES: ToggleRow[] = [
    ["choosing adds the department, at the end", "pbx", [TS], [TS, CS], CS, true, [TS, CS]],
    ["choosing a second of a listed department changes nothing", "pbx", [TS, CS], [TS, CS, CS], CS, true, [TS, CS]],
    ["choosing a person of no department changes nothing", "works", [TD], [TD, null], null, true, [TD]],
    ["removing the last of a department drops it", "pbx", [TS, CS], [TS], CS, false, [TS]],
    ["removing one of two of a department keeps it", "pbx", [TS, CS], [TS, CS], CS, false, [TS, CS]],
    ["removing the last terminal-service inspector of a PBX keeps terminal service (it verifies)", "pbx", [TS, CS], [CS], TS, false, [TS, CS]],
    ["removing the last terminal-service inspector of works drops it", "works", [TD, TS], [TD], TS, false, [TD]],
    ["removing a person of no department changes nothing", "works", [TD], [TD], null, false, [TD]],
    ["a department listed by hand stays until its last inspector goes", "works", [TD, OPS], [TD], CS, false, [TD, OPS]],
  ];
  test.each(TOGGLES)("%s", (_what, kind, departments, inspectors, toggled, chosen, expected) => {
    expect(departmentsAfterToggle({ kind, departments, inspectors: inspectors.map((department) => ({ department })), toggled, chosen })).toEqual(expected);
  });
});
