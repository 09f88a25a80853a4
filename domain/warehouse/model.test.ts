import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DEPARTMENTS, ROLES, type TDepartment, type TRole } from "@/domain/auth/roles";
import { ITEM_STATUSES, QUARANTINE_STATUSES, ZONE_KINDS, type TItemStatus, type TZoneFacts } from "@/domain/items/labels";
import {
  REJECT_TARGETS,
  formVerdict,
  inspectionLineProblem,
  isQuarantined,
  mayInspect,
  mayReadRegisters,
  mayReceive,
  planLabelByForm,
  type TInspectionLine,
  type TLabelByForm,
} from "./model";

const DEPTS: (TDepartment | null)[] = [...DEPARTMENTS, null];

describe("who receives, inspects and reads", () => {
  test.each(ROLES.map((r) => [r]))("%s receives only as the keeper", (role) => {
    expect(mayReceive(role)).toBe(role === "warehouse_keeper");
  });

  // every role × own department (or none) × the receipt's department
  const CASES = ROLES.flatMap((role) => DEPTS.flatMap((department) => DEPARTMENTS.map((receiptDept) => [role, department, receiptDept] as const)));
  test.each(CASES)("%s of %s inspecting a receipt of %s", (role, department, receiptDept) => {
    const expected = role !== "warehouse_keeper" && role !== "admin" && department !== null && department === receiptDept;
    expect(mayInspect({ role, department }, { department: receiptDept })).toBe(expected);
  });

  test("a keeper never inspects, not even one of the requesting department; nor the admin", () => {
    for (const d of DEPARTMENTS) {
      expect(mayInspect({ role: "warehouse_keeper", department: d }, { department: d })).toBe(false);
      expect(mayInspect({ role: "admin", department: d }, { department: d })).toBe(false);
    }
  });

  test("a person of another department never inspects; one with no department never", () => {
    for (const d of DEPARTMENTS)
      for (const other of DEPARTMENTS.filter((x) => x !== d)) expect(mayInspect({ role: "operations", department: other }, { department: d })).toBe(false);
    for (const d of DEPARTMENTS) expect(mayInspect({ role: "lineman", department: null }, { department: d })).toBe(false);
  });

  test.each(ROLES.flatMap((role) => DEPTS.map((department) => [role, department] as const)))("%s of %s reads the registers?", (role, department) => {
    const office: TRole[] = ["warehouse_keeper", "quality", "department_head", "general_manager", "admin"];
    expect(mayReadRegisters({ role, department })).toBe(office.includes(role) || department === "finance");
  });
});

const line = (accepted: number, rejected: number, rejectTo: TInspectionLine["rejectTo"] = null, reason = ""): TInspectionLine => ({
  accepted,
  rejected,
  rejectTo,
  reason,
});

describe("inspectionLineProblem", () => {
  test.each([
    ["all accepted", line(10, 0), 10, null],
    ["all rejected, returned", line(0, 10, "returned", "破损"), 10, null],
    ["all rejected, pending disposal", line(0, 1, "pending_disposal", "Dented"), 1, null],
    ["a split", line(7, 3, "returned", "3 broken"), 10, null],
    ["one unit accepted", line(1, 0), 1, null],
    ["the largest line, all accepted", line(100_000, 0), 100_000, null],
    ["a zero line of a zero lot", line(0, 0), 0, null],
    ["one too few", line(9, 0), 10, "quantity_mismatch"],
    ["one too many", line(10, 1, "returned", "x"), 10, "quantity_mismatch"],
    ["a split one too few", line(6, 3, "returned", "x"), 10, "quantity_mismatch"],
    ["negative accepted", line(-1, 11, "returned", "x"), 10, "quantity_mismatch"],
    ["negative rejected", line(11, -1), 10, "quantity_mismatch"],
    ["fractional accepted", line(9.5, 0.5, "returned", "x"), 10, "quantity_mismatch"],
    ["fractional rejected", line(9, 1.0000001, "returned", "x"), 10, "quantity_mismatch"],
    ["NaN", line(Number.NaN, 0), 0, "quantity_mismatch"],
    ["Infinity", line(Number.POSITIVE_INFINITY, 0), Number.POSITIVE_INFINITY, "quantity_mismatch"],
    ["a rejection going nowhere", line(5, 5, null, "broken"), 10, "reject_target_required"],
    ["a rejection going nowhere, without reason (target first)", line(5, 5, null, ""), 10, "reject_target_required"],
    ["a target with nothing rejected", line(10, 0, "returned", ""), 10, "reject_target_unused"],
    ["a rejection without reason", line(5, 5, "returned", ""), 10, "reason_required"],
    ["a rejection with a blank reason", line(0, 10, "pending_disposal", " \n\t "), 10, "reason_required"],
  ] as const)("%s", (_what, l, quantity, expected) => {
    expect(inspectionLineProblem(l, quantity)).toBe(expected);
  });

  test("a whole, explained line of any lot passes; any other sum fails", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(...REJECT_TARGETS),
        fc.integer({ min: -5, max: 5 }),
        (q, share, target, off) => {
          const rejected = Math.round(q * share);
          const good = line(q - rejected, rejected, rejected > 0 ? target : null, rejected > 0 ? "reason" : "");
          expect(inspectionLineProblem(good, q)).toBeNull();
          if (off !== 0) expect(inspectionLineProblem(good, q + off)).toBe("quantity_mismatch");
        },
      ),
    );
  });
});

describe("formVerdict", () => {
  test.each([
    [10, 0, "accepted"],
    [1, 0, "accepted"],
    [0, 0, "accepted"],
    [0, 1, "rejected"],
    [0, 10, "rejected"],
    [1, 1, "split"],
    [9, 1, "split"],
    [1, 99_999, "split"],
  ] as const)("accepted %i, rejected %i → %s", (accepted, rejected, expected) => {
    expect(formVerdict({ accepted, rejected })).toBe(expected);
  });
});

const z = (code: string, kind: TZoneFacts["kind"], holds: TItemStatus | null = null): TZoneFacts => ({ code, kind, holds });
const STOCK = z("WH1-A", "stock");
const Q = { returned: z("Q-RET", "quarantine", "returned"), pending_disposal: z("Q-DSP", "quarantine", "pending_disposal") } as const;
const KEEPER = "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";
const NONE: TLabelByForm = { stockZone: null, quarantineZone: null, splitTag: null, responsibleId: null };
const FULL = (to: "returned" | "pending_disposal"): TLabelByForm => ({ stockZone: STOCK, quarantineZone: Q[to], splitTag: "ST-001201", responsibleId: KEEPER });
const PENDING = { status: "pending_inspection" as const, quantity: 10 };

/** Every zone a keeper could pick: each kind, undesignated and designated for each quarantine label. */
const ALL_ZONES: TZoneFacts[] = ZONE_KINDS.flatMap((kind) => [z(`${kind}-any`, kind), ...QUARANTINE_STATUSES.map((h) => z(`${kind}-${h}`, kind, h))]);

describe("planLabelByForm: refusals, in their order", () => {
  test("no form line: not inspected, whatever else is wrong", () => {
    for (const status of ITEM_STATUSES) expect(planLabelByForm({ status, quantity: 10 }, null, NONE)).toEqual({ ok: false, code: "not_inspected" });
  });

  test.each(ITEM_STATUSES.filter((s) => s !== "pending_inspection").map((s) => [s]))("an item labelled %s is not labelled by the form again", (status) => {
    for (const l of [line(10, 0), line(0, 10, "returned", "x"), line(5, 5, "returned", "x")])
      expect(planLabelByForm({ status, quantity: 10 }, l, FULL("returned"))).toEqual({ ok: false, code: "invalid_transition" });
  });

  test("all accepted: a stock zone is needed, nothing else", () => {
    expect(planLabelByForm(PENDING, line(10, 0), NONE)).toEqual({ ok: false, code: "stock_zone_required" });
  });

  test.each(REJECT_TARGETS.map((t) => [t]))("all rejected to %s: its designated zone, then a person responsible", (to) => {
    const l = line(0, 10, to, "broken");
    expect(planLabelByForm(PENDING, l, NONE)).toEqual({ ok: false, code: "quarantine_zone_required" });
    expect(planLabelByForm(PENDING, l, { ...NONE, quarantineZone: Q[to] })).toEqual({ ok: false, code: "responsible_required" });
    expect(planLabelByForm(PENDING, l, { ...NONE, quarantineZone: Q[to], responsibleId: KEEPER }).ok).toBe(true);
  });

  test.each(REJECT_TARGETS.map((t) => [t]))("a split to %s: quarantine zone, person, stock zone, then the new lot's tag", (to) => {
    const l = line(6, 4, to, "4 dented");
    const steps: [TLabelByForm, string][] = [
      [NONE, "quarantine_zone_required"],
      [{ ...NONE, quarantineZone: Q[to] }, "responsible_required"],
      [{ ...NONE, quarantineZone: Q[to], responsibleId: KEEPER }, "stock_zone_required"],
      [{ ...NONE, quarantineZone: Q[to], responsibleId: KEEPER, stockZone: STOCK }, "split_tag_required"],
    ];
    for (const [choice, code] of steps) expect(planLabelByForm(PENDING, l, choice)).toEqual({ ok: false, code });
    expect(planLabelByForm(PENDING, l, FULL(to)).ok).toBe(true);
  });
});

describe("planLabelByForm: zones", () => {
  test.each(ALL_ZONES.map((zone) => [zone.code, zone]))("accepted into %s only when it is a stock zone", (_code, zone) => {
    const plan = planLabelByForm(PENDING, line(10, 0), { ...FULL("returned"), stockZone: zone });
    if (zone.kind === "stock")
      expect(plan).toEqual({ ok: true, keep: { status: "accepted", zoneCode: zone.code, quantity: 10 }, split: null, responsibleId: null });
    else expect(plan).toEqual({ ok: false, code: "stock_zone_required" });
  });

  const REJECT_CASES = REJECT_TARGETS.flatMap((to) => ALL_ZONES.map((zone) => [to, zone.code, zone] as const));
  test.each(REJECT_CASES)("rejected to %s into %s only when designated for exactly that label", (to, _code, zone) => {
    const fits = zone.kind === "quarantine" && zone.holds === to;
    const plan = planLabelByForm(PENDING, line(0, 10, to, "broken"), { ...FULL(to), quarantineZone: zone });
    if (fits) expect(plan).toEqual({ ok: true, keep: { status: to, zoneCode: zone.code, quantity: 10 }, split: null, responsibleId: KEEPER });
    else expect(plan).toEqual({ ok: false, code: "quarantine_zone_required" });
    // the split's rejected part obeys the same rule
    const split = planLabelByForm(PENDING, line(3, 7, to, "broken"), { ...FULL(to), quarantineZone: zone });
    expect(split.ok).toBe(fits);
  });

  test("a split's stock zone must be a stock zone too", () => {
    for (const zone of ALL_ZONES.filter((x) => x.kind !== "stock"))
      expect(planLabelByForm(PENDING, line(3, 7, "returned", "x"), { ...FULL("returned"), stockZone: zone })).toEqual({
        ok: false,
        code: "stock_zone_required",
      });
  });

  test("an accepted tag names no person responsible, even when one is chosen; a rejected one keeps the chosen one", () => {
    const accepted = planLabelByForm(PENDING, line(10, 0), FULL("returned"));
    expect(accepted.ok && accepted.responsibleId).toBeNull();
    const rejected = planLabelByForm(PENDING, line(0, 10, "returned", "x"), FULL("returned"));
    expect(rejected.ok && rejected.responsibleId).toBe(KEEPER);
  });
});

describe("planLabelByForm: a split lot", () => {
  test("the tag keeps the accepted part in stock, the new tag takes the rejected part into quarantine", () => {
    expect(planLabelByForm(PENDING, line(6, 4, "pending_disposal", "x"), FULL("pending_disposal"))).toEqual({
      ok: true,
      keep: { status: "accepted", zoneCode: "WH1-A", quantity: 6 },
      split: { tag: "ST-001201", status: "pending_disposal", zoneCode: "Q-DSP", quantity: 4 },
      responsibleId: KEEPER,
    });
  });

  test("the parts always add up to the line (and to the lot, for a whole line)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 100_000 }), fc.nat(), fc.constantFrom(...REJECT_TARGETS), (q, r, to) => {
        const accepted = 1 + (r % (q - 1));
        const l = line(accepted, q - accepted, to, "reason");
        expect(inspectionLineProblem(l, q)).toBeNull();
        const plan = planLabelByForm({ status: "pending_inspection", quantity: q }, l, FULL(to));
        if (!plan.ok || !plan.split) throw new Error("expected a split");
        expect(plan.keep.quantity + plan.split.quantity).toBe(q);
        expect(plan.keep.quantity).toBe(l.accepted);
        expect(plan.split.quantity).toBe(l.rejected);
        expect(plan.keep.quantity).toBeGreaterThan(0);
        expect(plan.split.quantity).toBeGreaterThan(0);
        expect(plan.keep.status).toBe("accepted");
        expect(plan.split.status).toBe(to);
        expect(plan.responsibleId).toBe(KEEPER);
      }),
    );
  });

  test("every ok plan labels only accepted into stock, and only the form's reject label into quarantine", () => {
    const zones = [...ALL_ZONES, null];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.nat(),
        fc.constantFrom(...REJECT_TARGETS),
        fc.constantFrom(...zones),
        fc.constantFrom(...zones),
        fc.option(fc.constant("ST-009999"), { nil: null }),
        fc.option(fc.constant(KEEPER), { nil: null }),
        (q, r, to, stockZone, quarantineZone, splitTag, responsibleId) => {
          const rejected = r % (q + 1);
          const l = line(q - rejected, rejected, rejected > 0 ? to : null, "reason");
          const plan = planLabelByForm({ status: "pending_inspection", quantity: q }, l, { stockZone, quarantineZone, splitTag, responsibleId });
          if (!plan.ok) return;
          for (const part of [plan.keep, ...(plan.split ? [plan.split] : [])]) {
            if (part.status === "accepted") expect(part.zoneCode).toBe(stockZone?.code);
            else {
              expect(part.status).toBe(to);
              expect(quarantineZone).toMatchObject({ kind: "quarantine", holds: to, code: part.zoneCode });
              expect(plan.responsibleId).toBe(KEEPER);
            }
          }
        },
      ),
    );
  });
});

describe("isQuarantined", () => {
  test.each(ITEM_STATUSES.map((s) => [s]))("%s", (s) => {
    expect(isQuarantined(s)).toBe(["returned", "pending_disposal", "scrapped"].includes(s));
  });
});
