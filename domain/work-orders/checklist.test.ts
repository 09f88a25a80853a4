import { describe, expect, it, test } from "vitest";
import {
  checklistProblem,
  initialTicks,
  manualChecklist,
  DERIVED_CHECKLIST_ITEMS,
  derivedChecklist,
  MANUAL_CHECKLIST,
  MANUAL_CHECKLIST_V1,
  MANUAL_CHECKLIST_ITEMS,
  shownDerivedItems,
  signedChecklist,
  storedChecklist,
} from "./checklist";
import { WORK_ORDER_KINDS } from "./status";

const all = (kind: keyof typeof MANUAL_CHECKLIST) => Object.fromEntries(MANUAL_CHECKLIST[kind].map((id) => [id, true]));

describe("the self-check checklist", () => {
  it.each(WORK_ORDER_KINDS)("%s: 1 to 3 manual items, distinct ids, none named like a derived item", (kind) => {
    const items: readonly string[] = MANUAL_CHECKLIST[kind];
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items.length).toBeLessThanOrEqual(3);
    expect(new Set(items).size).toBe(items.length);
    for (const id of items) {
      expect(id).toMatch(/^[a-z_]{1,40}$/);
      expect(DERIVED_CHECKLIST_ITEMS as readonly string[]).not.toContain(id);
    }
  });

  it("lists every manual id once", () => {
    expect([...MANUAL_CHECKLIST_ITEMS].sort()).toEqual([...new Set(Object.values(MANUAL_CHECKLIST_V1).flat())].sort());
  });

  it.each(WORK_ORDER_KINDS)("%s: complete only when every manual item is ticked true", (kind) => {
    expect(checklistProblem(kind, all(kind))).toBeNull();
    for (const id of MANUAL_CHECKLIST[kind]) {
      expect(checklistProblem(kind, { ...all(kind), [id]: false })).toEqual({ missing: [id], unknown: [] });
      const { [id]: _dropped, ...rest } = all(kind);
      expect(checklistProblem(kind, rest)).toEqual({ missing: [id], unknown: [] });
    }
  });

  it("another kind's items or made-up ids are refused; derived ids sent by a phone are ignored", () => {
    expect(checklistProblem("install", { ...all("install"), fault_cleared: true })).toEqual({ missing: [], unknown: ["fault_cleared"] });
    expect(checklistProblem("repair", { ...all("repair"), bogus: true })).toEqual({ missing: [], unknown: ["bogus"] });
    expect(checklistProblem("repair", { ...all("repair"), equipment_resolved: false })).toBeNull();
  });

  it("derived items follow the recorded checks", () => {
    expect(derivedChecklist([], null)).toEqual({ equipment_resolved: true, pbx_inspected: true });
    expect(derivedChecklist([{ equipmentType: "telephone", verdict: "expired", outcome: "refused", pbx: null }], null)).toEqual({
      equipment_resolved: true,
      pbx_inspected: true,
    });
    expect(derivedChecklist([{ equipmentType: "telephone", verdict: "expired", outcome: "connected", pbx: null }], null)).toEqual({
      equipment_resolved: false,
      pbx_inspected: true,
    });
    expect(derivedChecklist([{ equipmentType: "pbx", verdict: "valid", outcome: "connected", pbx: null }], null)).toEqual({
      equipment_resolved: true,
      pbx_inspected: false,
    });
    // pbx_inspected: the order's linked PBX application passed its inspection (ADR 0039 §6)
    const connectedPbx = [{ equipmentType: "pbx" as const, verdict: "valid" as const, outcome: "connected" as const, pbx: null }];
    expect(derivedChecklist(connectedPbx, { kind: "pbx", status: "passed" }).pbx_inspected).toBe(true);
    expect(derivedChecklist(connectedPbx, { kind: "pbx", status: "rectifying" }).pbx_inspected).toBe(false);
  });

  it("stored: the kind's manual items as ticked plus the derived items shown, as computed (a phone's own derived values are not kept)", () => {
    expect(
      storedChecklist(
        "install",
        { line_tested: true, service_working: true, site_tidy: false, equipment_resolved: true, pbx_inspected: true, junk: true },
        [{ equipmentType: "fax", verdict: "unknown", outcome: "connected", pbx: null }],
        null,
      ),
    ).toEqual({ line_tested: true, service_working: true, site_tidy: false, equipment_resolved: false });
  });

  it("shown: the PBX line only when a PBX was connected", () => {
    expect(shownDerivedItems([])).toEqual(["equipment_resolved"]);
    expect(shownDerivedItems([{ equipmentType: "telephone", outcome: "connected" }])).toEqual(["equipment_resolved"]);
    expect(shownDerivedItems([{ equipmentType: "pbx", outcome: "refused" }])).toEqual(["equipment_resolved"]);
    expect(
      shownDerivedItems([
        { equipmentType: "telephone", outcome: "connected" },
        { equipmentType: "pbx", outcome: "connected" },
      ]),
    ).toEqual(["equipment_resolved", "pbx_inspected"]);
    const pbx = { equipmentType: "pbx" as const, verdict: "valid" as const, outcome: "connected" as const, pbx: null };
    expect(storedChecklist("repair", all("repair"), [pbx], null)).toEqual({ ...all("repair"), equipment_resolved: true, pbx_inspected: false });
    expect(storedChecklist("install", all("install"), [pbx], { kind: "pbx", status: "passed" })).toEqual({
      ...all("install"),
      equipment_resolved: true,
      pbx_inspected: true,
    });
  });

  it("signed: a telephone install's record lists the 3 ticked items and the equipment line, never the PBX line it did not show", () => {
    const phone = [{ equipmentType: "telephone" as const, outcome: "connected" as const }];
    // as stored before the fix: every derived item, shown or not
    const old = { line_tested: true, service_working: true, site_tidy: true, equipment_resolved: true, pbx_inspected: true };
    const items = signedChecklist("install", old, phone);
    expect(items).toEqual([
      { id: "line_tested", on: true, derived: false },
      { id: "service_working", on: true, derived: false },
      { id: "site_tidy", on: true, derived: false },
      { id: "equipment_resolved", on: true, derived: true },
    ]);
    // as stored now: the same
    expect(
      signedChecklist(
        "install",
        storedChecklist(
          "install",
          all("install"),
          phone.map((c) => ({ ...c, verdict: "valid" as const, pbx: null })),
          null,
        ),
        phone,
      ),
    ).toEqual(items);
    // with a connected PBX the PBX line was shown and is printed; nothing stored is never invented
    expect(signedChecklist("install", old, [...phone, { equipmentType: "pbx", outcome: "connected" }]).map((i) => i.id)).toContain("pbx_inspected");
    expect(signedChecklist("install", { line_tested: true }, [])).toEqual([{ id: "line_tested", on: true, derived: false }]);
    expect(signedChecklist("install", null, [])).toEqual([]);
  });
});

describe("initialTicks: exceptions only", () => {
  test("every manual item of the kind is shown ticked, and as shown it is complete", () => {
    for (const kind of ["install", "move", "repair", "terminal_maintenance"] as const) {
      const ticks = initialTicks(kind);
      expect(Object.keys(ticks)).toEqual([...manualChecklist(kind)]);
      expect(Object.values(ticks).every((v) => v)).toBe(true);
      expect(checklistProblem(kind, ticks)).toBeNull();
    }
  });
  test("an item unticked by the lineman is stored unticked (what was shown is what is signed)", () => {
    const ticks = { ...initialTicks("install"), site_tidy: false };
    expect(storedChecklist("install", ticks, [], null)).toMatchObject({ line_tested: true, service_working: true, site_tidy: false });
    expect(checklistProblem("install", ticks)).toEqual({ missing: ["site_tidy"], unknown: [] });
  });
});
