import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DEPARTMENTS, ROLES, type TDepartment, type TRole } from "@/domain/auth/roles";
import { addDays, fromEpochDay, toEpochDay } from "@/domain/time/calendar";
import {
  CA_STATUSES,
  CA_STEPS,
  VERIFY_WITHIN_DAYS,
  ageDays,
  caNextStatus,
  caStepDecision,
  dueStep,
  isOverdue,
  pareto as paretoBars,
  type TCaState,
  type TCaStatus,
  type TCaStep,
} from "./model";

const OWNER = "0193a1b2-c3d4-7e5f-8a6b-000000000001";
const SOMEONE = "0193a1b2-c3d4-7e5f-8a6b-000000000002";
const HEAD = { id: SOMEONE, role: "department_head" as TRole, department: "terminal_service" as TDepartment };
const QUALITY = { id: SOMEONE, role: "quality" as TRole, department: "enterprise_management" as TDepartment };
const state = (status: TCaStatus, ownerId: string | null = OWNER): TCaState => ({ status, department: "terminal_service", ownerId });
const ok = { ok: true };
const forbidden = { ok: false, reason: "forbidden" };
const invalid = { ok: false, reason: "invalid_transition" };

describe("caStepDecision: every step × status × role × department × owner", () => {
  const STEPS = CA_STEPS.filter((s): s is Exclude<TCaStep, "sent"> => s !== "sent");
  /** The step's status it may be taken from, and who may take it (written out here, not derived from the code). */
  const FROM: Record<(typeof STEPS)[number], TCaStatus> = {
    planned: "sent",
    implemented: "planned",
    verified_effective: "implemented",
    verified_ineffective: "implemented",
  };
  const allowed = (step: (typeof STEPS)[number], u: { id: string; role: TRole; department: TDepartment | null }, s: TCaState) => {
    const head = u.role === "department_head" && u.department === s.department;
    if (step === "planned") return head;
    if (step === "implemented") return head || (s.ownerId !== null && s.ownerId === u.id);
    return u.role === "quality";
  };

  test("the full table", () => {
    let cases = 0;
    for (const step of STEPS)
      for (const status of CA_STATUSES)
        for (const role of ROLES)
          for (const department of [...DEPARTMENTS, null])
            for (const [id, ownerId] of [
              [OWNER, OWNER],
              [SOMEONE, OWNER],
              [SOMEONE, null],
            ] as const) {
              const s = state(status, ownerId);
              const u = { id, role, department };
              const expected = !allowed(step, u, s) ? forbidden : status === FROM[step] ? ok : invalid;
              expect(caStepDecision(step, s, u), `${step} ${status} ${role}/${department} ${id === ownerId ? "owner" : "not owner"}`).toEqual(expected);
              cases++;
            }
    expect(cases).toBe(4 * 4 * ROLES.length * (DEPARTMENTS.length + 1) * 3);
  });

  test("the head of the department plans; a head of another department, quality and the owner do not", () => {
    expect(caStepDecision("planned", state("sent", null), HEAD)).toEqual(ok);
    expect(caStepDecision("planned", state("sent"), { ...HEAD, department: "operations" })).toEqual(forbidden);
    expect(caStepDecision("planned", state("sent"), { ...HEAD, department: null })).toEqual(forbidden);
    expect(caStepDecision("planned", state("sent"), QUALITY)).toEqual(forbidden);
    expect(caStepDecision("planned", state("sent"), { id: OWNER, role: "lineman", department: "terminal_service" })).toEqual(forbidden);
    expect(caStepDecision("planned", state("sent"), { ...HEAD, role: "general_manager" })).toEqual(forbidden);
  });

  test("a plan twice, or after the report, is an invalid transition (not forbidden)", () => {
    for (const status of ["planned", "implemented", "closed"] as const) expect(caStepDecision("planned", state(status), HEAD)).toEqual(invalid);
  });

  test("the owner (any role, any department) or the head reports it implemented", () => {
    expect(caStepDecision("implemented", state("planned"), HEAD)).toEqual(ok);
    expect(caStepDecision("implemented", state("planned"), { id: OWNER, role: "lineman", department: "terminal_service" })).toEqual(ok);
    expect(caStepDecision("implemented", state("planned"), { id: OWNER, role: "operations", department: "operations" })).toEqual(ok);
    expect(caStepDecision("implemented", state("planned"), { id: SOMEONE, role: "lineman", department: "terminal_service" })).toEqual(forbidden);
    expect(caStepDecision("implemented", state("planned"), QUALITY)).toEqual(forbidden);
    expect(caStepDecision("implemented", state("sent"), { id: OWNER, role: "lineman", department: null })).toEqual(invalid);
    expect(caStepDecision("implemented", state("closed"), HEAD)).toEqual(invalid);
  });

  test("no owner yet: nobody but the head passes as the owner", () => {
    expect(caStepDecision("implemented", state("planned", null), { id: "", role: "lineman", department: null })).toEqual(forbidden);
  });

  test("only quality verifies, and only what is implemented", () => {
    for (const step of ["verified_effective", "verified_ineffective"] as const) {
      expect(caStepDecision(step, state("implemented"), QUALITY)).toEqual(ok);
      expect(caStepDecision(step, state("implemented"), { ...QUALITY, department: null })).toEqual(ok);
      expect(caStepDecision(step, state("implemented"), HEAD)).toEqual(forbidden);
      expect(caStepDecision(step, state("implemented"), { id: OWNER, role: "lineman", department: "terminal_service" })).toEqual(forbidden);
      expect(caStepDecision(step, state("implemented"), { ...QUALITY, role: "general_manager" })).toEqual(forbidden);
      expect(caStepDecision(step, state("implemented"), { ...QUALITY, role: "department_head" })).toEqual(forbidden);
      for (const status of ["sent", "planned", "closed"] as const) expect(caStepDecision(step, state(status), QUALITY)).toEqual(invalid);
    }
  });
});

describe("caNextStatus and the record's rounds", () => {
  test("every step's status", () => {
    expect(CA_STEPS.map((s) => [s, caNextStatus(s)])).toEqual([
      ["sent", "sent"],
      ["planned", "planned"],
      ["implemented", "implemented"],
      ["verified_effective", "closed"],
      ["verified_ineffective", "sent"],
    ]);
    for (const s of CA_STEPS) expect(CA_STATUSES).toContain(caNextStatus(s));
  });

  test("a record walked through: not effective starts a new round, effective closes; nothing after closed", () => {
    const owner = { id: OWNER, role: "lineman" as TRole, department: "terminal_service" as TDepartment };
    let s = state(caNextStatus("sent"), null);
    const take = (step: Exclude<TCaStep, "sent">, u: typeof HEAD) => {
      expect(caStepDecision(step, s, u), `${step} from ${s.status}`).toEqual(ok);
      s = { ...s, status: caNextStatus(step), ownerId: step === "planned" ? OWNER : s.ownerId };
    };
    take("planned", HEAD);
    take("implemented", owner);
    take("verified_ineffective", QUALITY);
    expect(s.status).toBe("sent");
    take("planned", HEAD);
    take("implemented", HEAD);
    take("verified_effective", QUALITY);
    expect(s.status).toBe("closed");
    for (const step of ["planned", "implemented", "verified_effective", "verified_ineffective"] as const)
      for (const u of [HEAD, QUALITY, owner]) expect(caStepDecision(step, s, u).ok).toBe(false);
  });
});

describe("dueStep", () => {
  const a = (status: TCaStatus, over: Partial<{ requiredBy: string; actionDueOn: string | null; implementedOn: string | null }> = {}) => ({
    status,
    requiredBy: "2026-03-10",
    actionDueOn: "2026-04-30",
    implementedOn: "2026-04-20",
    ...over,
  });

  test("sent: the plan by requiredBy", () => {
    expect(dueStep(a("sent"))).toEqual({ step: "plan", dueOn: "2026-03-10" });
    expect(dueStep(a("sent", { actionDueOn: null, implementedOn: null }))).toEqual({ step: "plan", dueOn: "2026-03-10" });
  });

  test("planned: the action by its own date, or requiredBy when none", () => {
    expect(dueStep(a("planned"))).toEqual({ step: "implement", dueOn: "2026-04-30" });
    expect(dueStep(a("planned", { actionDueOn: null }))).toEqual({ step: "implement", dueOn: "2026-03-10" });
  });

  test("implemented: the verification within 14 days of the report (month and year ends, leap years)", () => {
    expect(VERIFY_WITHIN_DAYS).toBe(14);
    expect(dueStep(a("implemented"))).toEqual({ step: "verify", dueOn: "2026-05-04" });
    expect(dueStep(a("implemented", { implementedOn: "2024-02-20" }))?.dueOn).toBe("2024-03-05");
    expect(dueStep(a("implemented", { implementedOn: "2023-02-20" }))?.dueOn).toBe("2023-03-06");
    expect(dueStep(a("implemented", { implementedOn: "2024-02-15" }))?.dueOn).toBe("2024-02-29");
    expect(dueStep(a("implemented", { implementedOn: "2026-12-25" }))?.dueOn).toBe("2027-01-08");
    expect(dueStep(a("implemented", { implementedOn: "2026-01-31" }))?.dueOn).toBe("2026-02-14");
    expect(dueStep(a("implemented", { implementedOn: null }))).toEqual({ step: "verify", dueOn: "2026-03-24" });
  });

  test("closed: nothing is due, never overdue", () => {
    expect(dueStep(a("closed"))).toBeNull();
    expect(isOverdue(dueStep(a("closed")), "2099-12-31")).toBe(false);
  });
});

describe("isOverdue: the due day itself is still in time, the day after is late", () => {
  test.each([
    ["2026-03-10", "2026-03-09", false],
    ["2026-03-10", "2026-03-10", false],
    ["2026-03-10", "2026-03-11", true],
    ["2024-02-29", "2024-02-29", false],
    ["2024-02-29", "2024-03-01", true],
    ["2023-02-28", "2023-03-01", true],
    ["2024-02-28", "2024-02-29", true],
    ["2026-01-31", "2026-02-01", true],
    ["2026-04-30", "2026-04-30", false],
    ["2026-04-30", "2026-05-01", true],
    ["2026-12-31", "2026-12-31", false],
    ["2026-12-31", "2027-01-01", true],
    ["2027-01-01", "2026-12-31", false],
  ])("due %s, today %s → %s", (dueOn, today, late) => {
    expect(isOverdue({ dueOn }, today)).toBe(late);
  });

  test("nothing due is never overdue", () => {
    expect(isOverdue(null, "2026-01-01")).toBe(false);
  });

  test("property: overdue exactly when today is after the due day", () => {
    const day = fc.integer({ min: toEpochDay("2000-01-01"), max: toEpochDay("2099-12-31") });
    fc.assert(
      fc.property(day, fc.integer({ min: -400, max: 400 }), (d, k) => {
        const dueOn = fromEpochDay(d);
        expect(isOverdue({ dueOn }, addDays(dueOn, k))).toBe(k > 0);
      }),
    );
  });

  test("the plan due at a leap-day deadline, checked the day itself and the day after", () => {
    const due = dueStep({ status: "sent", requiredBy: "2028-02-29", actionDueOn: null, implementedOn: null });
    expect(isOverdue(due, "2028-02-29")).toBe(false);
    expect(isOverdue(due, "2028-03-01")).toBe(true);
  });
});

describe("ageDays", () => {
  test.each([
    ["2026-03-10", "2026-03-10", 0],
    ["2026-03-10", "2026-03-11", 1],
    ["2026-03-10", "2026-03-09", 0],
    ["2024-02-28", "2024-03-01", 2],
    ["2023-02-28", "2023-03-01", 1],
    ["2024-01-01", "2025-01-01", 366],
    ["2023-01-01", "2024-01-01", 365],
    ["2026-12-31", "2027-01-01", 1],
    ["2000-02-28", "2000-03-01", 2],
  ])("opened %s, today %s → %i days", (opened, today, days) => {
    expect(ageDays(opened, today)).toBe(days);
  });
});

describe("pareto", () => {
  // the shape quality's screens read; the analysis module's own tests cover sharePct and the vital few
  const pareto = (keys: string[]) => paretoBars(keys).map(({ key, count, cumulativePct }) => ({ key, count, cumulativePct }));

  test("empty: no bars", () => {
    expect(pareto([])).toEqual([]);
  });

  test("largest first, with the cumulative share in per cent, one decimal, ending at 100", () => {
    expect(pareto(["b", "a", "b", "c", "b", "a", "d"])).toEqual([
      { key: "b", count: 3, cumulativePct: 42.9 },
      { key: "a", count: 2, cumulativePct: 71.4 },
      { key: "c", count: 1, cumulativePct: 85.7 },
      { key: "d", count: 1, cumulativePct: 100 },
    ]);
  });

  test("ties by key (code-unit order), whatever order they came in", () => {
    expect(pareto(["z", "m", "a"]).map((r) => r.key)).toEqual(["a", "m", "z"]);
    expect(pareto(["wrong_place", "missing_label", "wrong_label", "missing_label"]).map((r) => r.key)).toEqual(["missing_label", "wrong_label", "wrong_place"]);
    expect(pareto(["a", "a", "b", "b"])).toEqual([
      { key: "a", count: 2, cumulativePct: 50 },
      { key: "b", count: 2, cumulativePct: 100 },
    ]);
  });

  test("one key: one bar at 100 %; thirds round to one decimal", () => {
    expect(pareto(["x", "x"])).toEqual([{ key: "x", count: 2, cumulativePct: 100 }]);
    expect(pareto(["a", "b", "c"]).map((r) => r.cumulativePct)).toEqual([33.3, 66.7, 100]);
  });

  test("property: counts add up, never rise, cumulative never falls and ends at 100, independent of order", () => {
    const keys = fc.array(fc.constantFrom("man", "machine", "material", "method", "environment", "measurement"), { maxLength: 200 });
    fc.assert(
      fc.property(keys, fc.integer(), (ks, seed) => {
        const rows = pareto(ks);
        expect(rows.reduce((n, r) => n + r.count, 0)).toBe(ks.length);
        expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
        for (let i = 1; i < rows.length; i++) {
          expect(rows[i]!.count).toBeLessThanOrEqual(rows[i - 1]!.count);
          if (rows[i]!.count === rows[i - 1]!.count) expect(rows[i - 1]!.key < rows[i]!.key).toBe(true);
          expect(rows[i]!.cumulativePct).toBeGreaterThanOrEqual(rows[i - 1]!.cumulativePct);
        }
        if (rows.length > 0) expect(rows.at(-1)!.cumulativePct).toBe(100);
        for (const r of rows) expect(Math.round(r.cumulativePct * 10)).toBeCloseTo(r.cumulativePct * 10, 9);
        const shuffled = [...ks].sort((x, y) => ((x.charCodeAt(0) * 31 + seed) % 7) - ((y.charCodeAt(0) * 31 + seed) % 7));
        expect(pareto(shuffled)).toEqual(rows);
      }),
    );
  });
});
