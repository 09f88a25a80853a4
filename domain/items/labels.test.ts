import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROLES, type TRole } from "@/domain/auth/roles";
import {
  ITEM_KINDS,
  ITEM_STATUSES,
  LABEL_REASONS,
  LABEL_ROLES,
  QUARANTINE_STATUSES,
  ZONE_KINDS,
  FINAL_STATUSES,
  allowedTargets,
  checkLabelChange,
  isFinalLabel,
  zoneFits,
  zonesFor,
  isAllowedTransition,
  mayChangeLabel,
  reasonsFor,
  requiresQuarantineZone,
  statusesOf,
  type TItemKind,
  type TItemStatus,
  type TLabelReason,
} from "./labels";
import { ZChangeLabelArgs, ZChangeLabelInput } from "./mutations";

/**
 * The transition tables of Procedure 3, written out here independently of labels.ts: every pair not listed is
 * refused. Changing a table in labels.ts without changing this list fails the exhaustive test below.
 */
const MATERIAL_MOVES = [
  "received→pending_inspection",
  "pending_inspection→accepted",
  "pending_inspection→returned",
  "accepted→in_use",
  "accepted→pending_disposal",
  "in_use→accepted",
  "in_use→pending_disposal",
  "pending_disposal→scrapped",
];
const EQUIPMENT_MOVES = [
  "in_service→under_maintenance",
  "in_service→pending_disposal",
  "under_maintenance→in_service",
  "under_maintenance→pending_disposal",
  "pending_disposal→scrapped",
];
const EXPECTED_MOVES: Record<TItemKind, string[]> = {
  material: MATERIAL_MOVES,
  equipment: EQUIPMENT_MOVES,
  facility: EQUIPMENT_MOVES,
  customer_equipment: EQUIPMENT_MOVES,
};

const PAIRS = ITEM_STATUSES.flatMap((from) => ITEM_STATUSES.map((to) => [from, to] as const));

describe("label transition tables", () => {
  it("has the nine statuses and four kinds, each once", () => {
    expect(ITEM_STATUSES).toHaveLength(9);
    expect(new Set(ITEM_STATUSES).size).toBe(9);
    expect([...ITEM_KINDS]).toEqual(["material", "equipment", "facility", "customer_equipment"]);
  });

  for (const kind of ITEM_KINDS) {
    describe(kind, () => {
      it.each(PAIRS)(`%s → %s`, (from, to) => {
        const expected = EXPECTED_MOVES[kind].includes(`${from}→${to}`);
        expect(isAllowedTransition(kind, from, to)).toBe(expected);
        expect(allowedTargets(kind, from).includes(to)).toBe(expected);
      });
    });
  }

  it("no status moves to itself, for any kind", () => {
    for (const kind of ITEM_KINDS) for (const s of ITEM_STATUSES) expect(isAllowedTransition(kind, s, s)).toBe(false);
  });

  it("scrapped is final for every kind", () => {
    for (const kind of ITEM_KINDS) expect(allowedTargets(kind, "scrapped")).toEqual([]);
  });

  it("allowedTargets of a status the kind never carries is empty (not undefined)", () => {
    expect(allowedTargets("material", "in_service")).toEqual([]);
    expect(allowedTargets("equipment", "received")).toEqual([]);
  });

  it("statusesOf lists the statuses a kind carries, in ITEM_STATUSES order", () => {
    expect(statusesOf("material")).toEqual(["received", "pending_inspection", "accepted", "returned", "in_use", "pending_disposal", "scrapped"]);
    for (const kind of ["equipment", "facility", "customer_equipment"] as const) {
      expect(statusesOf(kind)).toEqual(["pending_disposal", "scrapped", "in_service", "under_maintenance"]);
    }
  });
});

describe("who changes which labels", () => {
  const EXPECTED_ROLES: Record<TItemKind, TRole[]> = {
    material: ["warehouse_keeper"],
    equipment: ["operations"],
    facility: ["operations"],
    customer_equipment: ["lineman", "operations"],
  };

  for (const kind of ITEM_KINDS) {
    it.each(ROLES.map((r) => [r]))(`${kind}: %s`, (role) => {
      expect(mayChangeLabel(role, kind)).toBe(EXPECTED_ROLES[kind].includes(role));
    });
  }

  it("LABEL_ROLES names only known roles", () => {
    for (const roles of Object.values(LABEL_ROLES)) for (const r of roles) expect(ROLES).toContain(r);
  });

  it("admin, quality, customer service, custodian and department head change no labels at all", () => {
    for (const role of ["admin", "quality", "customer_service", "instrument_custodian", "department_head"] as const) {
      for (const kind of ITEM_KINDS) expect(mayChangeLabel(role, kind)).toBe(false);
    }
  });
});

describe("reasons per target label", () => {
  const EXPECTED: Record<TItemStatus, TLabelReason[]> = {
    received: ["arrived", "other"],
    pending_inspection: ["arrived", "other"],
    accepted: ["inspection_passed", "returned_to_stock", "other"],
    returned: ["inspection_failed", "other"],
    in_use: ["issued_for_use", "other"],
    pending_disposal: ["beyond_repair", "end_of_life", "obsolete", "inspection_failed", "other"],
    scrapped: ["disposal_approved", "other"],
    in_service: ["repair_done", "inspection_passed", "other"],
    under_maintenance: ["fault_found", "routine_maintenance", "other"],
  };

  it.each(ITEM_STATUSES.map((s) => [s]))("%s", (to) => {
    expect([...reasonsFor(to)]).toEqual(EXPECTED[to]);
  });

  it("every reason is a known reason and every known reason is offered for some target", () => {
    const offered = new Set(ITEM_STATUSES.flatMap((s) => reasonsFor(s)));
    for (const r of offered) expect(LABEL_REASONS).toContain(r);
    for (const r of LABEL_REASONS) expect(offered.has(r), r).toBe(true);
  });

  it("reasonsFor does not let callers mutate the table", () => {
    const list = reasonsFor("accepted") as TLabelReason[];
    list.push("fault_found");
    expect(reasonsFor("accepted")).toEqual(["inspection_passed", "returned_to_stock", "other"]);
  });
});

describe("quarantine zone rule", () => {
  it("returned, pending disposal and scrapped (only) need a quarantine zone", () => {
    expect([...QUARANTINE_STATUSES].sort()).toEqual(["pending_disposal", "returned", "scrapped"]);
    for (const s of ITEM_STATUSES) expect(requiresQuarantineZone(s), s).toBe(["returned", "pending_disposal", "scrapped"].includes(s));
  });

  const base = { role: "warehouse_keeper", kind: "material", reason: "inspection_failed", note: "", photo: true } as const;

  it.each(ZONE_KINDS.map((k) => [k]).concat([[null as never]]))("returned with zone kind %s", (zoneKind) => {
    const check = checkLabelChange({ ...base, from: "pending_inspection", to: "returned", zoneKind });
    expect(check).toEqual(zoneKind === "quarantine" ? { ok: true } : { ok: false, code: "quarantine_zone_required" });
  });

  it("scrapped and pending disposal refuse a stock zone; equipment too", () => {
    expect(checkLabelChange({ ...base, from: "pending_disposal", to: "scrapped", reason: "disposal_approved", zoneKind: "stock" })).toEqual({
      ok: false,
      code: "quarantine_zone_required",
    });
    expect(
      checkLabelChange({
        role: "operations",
        kind: "equipment",
        from: "in_service",
        to: "pending_disposal",
        reason: "end_of_life",
        note: "",
        zoneKind: "site",
        photo: false,
      }),
    ).toEqual({ ok: false, code: "quarantine_zone_required" });
    expect(
      checkLabelChange({
        role: "operations",
        kind: "equipment",
        from: "in_service",
        to: "pending_disposal",
        reason: "end_of_life",
        note: "",
        zoneKind: "quarantine",
        photo: false,
      }),
    ).toEqual({ ok: true });
  });

  it("targets outside quarantine accept any zone kind, or none", () => {
    for (const zoneKind of [...ZONE_KINDS, null]) {
      expect(checkLabelChange({ ...base, from: "pending_inspection", to: "accepted", reason: "inspection_passed", zoneKind })).toEqual({ ok: true });
    }
  });
});

describe("checkLabelChange", () => {
  const ok = {
    role: "warehouse_keeper",
    kind: "material",
    from: "accepted",
    to: "in_use",
    reason: "issued_for_use",
    note: "",
    zoneKind: "stock",
    photo: false,
  } as const;

  it("accepts a plain allowed change", () => {
    expect(checkLabelChange(ok)).toEqual({ ok: true });
  });

  it("refuses a role that may not label the kind before anything else", () => {
    expect(checkLabelChange({ ...ok, role: "lineman" })).toEqual({ ok: false, code: "not_allowed" });
    // even when the transition, reason and zone are all wrong too
    expect(checkLabelChange({ ...ok, role: "admin", to: "received", reason: "other", zoneKind: null })).toEqual({ ok: false, code: "not_allowed" });
  });

  it("refuses a transition the table does not list", () => {
    expect(checkLabelChange({ ...ok, from: "in_use", to: "returned", reason: "inspection_failed" })).toEqual({ ok: false, code: "invalid_transition" });
  });

  it("refuses a reason that does not fit the target", () => {
    expect(checkLabelChange({ ...ok, reason: "fault_found" })).toEqual({ ok: false, code: "reason_not_allowed" });
  });

  it('"other" needs a note; whitespace is no note', () => {
    expect(checkLabelChange({ ...ok, reason: "other", note: "" })).toEqual({ ok: false, code: "note_required" });
    expect(checkLabelChange({ ...ok, reason: "other", note: "   \n\t" })).toEqual({ ok: false, code: "note_required" });
    expect(checkLabelChange({ ...ok, reason: "other", note: "issued to site 4" })).toEqual({ ok: true });
  });

  it("a note with a listed reason is fine, and not required", () => {
    expect(checkLabelChange({ ...ok, note: "for WO-2026-000101" })).toEqual({ ok: true });
  });

  /** The documented order of the checks: role, transition, reason, note, zone. The first that fails is reported. */
  function oracle(o: Parameters<typeof checkLabelChange>[0]) {
    if (!LABEL_ROLES[o.kind].includes(o.role)) return { ok: false, code: "not_allowed" };
    if (!EXPECTED_MOVES[o.kind].includes(`${o.from}→${o.to}`)) return { ok: false, code: "invalid_transition" };
    const reasons = { ...Object.fromEntries(ITEM_STATUSES.map((s) => [s, reasonsFor(s)])) } as Record<TItemStatus, readonly TLabelReason[]>;
    if (!reasons[o.to].includes(o.reason)) return { ok: false, code: "reason_not_allowed" };
    if (o.reason === "other" && o.note.trim() === "") return { ok: false, code: "note_required" };
    if (["returned", "pending_disposal", "scrapped"].includes(o.to) && o.zoneKind !== "quarantine") return { ok: false, code: "quarantine_zone_required" };
    if (["returned", "pending_disposal", "scrapped"].includes(o.to) && o.zoneHolds && o.zoneHolds !== o.to)
      return { ok: false, code: "quarantine_zone_required" };
    if (["returned", "scrapped"].includes(o.to) && !o.photo) return { ok: false, code: "photo_required" };
    return { ok: true };
  }

  it("agrees with the documented order of checks on every role × kind × from × to × reason × zone kind", () => {
    let n = 0;
    for (const role of ROLES)
      for (const kind of ITEM_KINDS)
        for (const [from, to] of PAIRS)
          for (const reason of LABEL_REASONS)
            for (const zoneKind of [...ZONE_KINDS, null]) {
              for (const note of reason === "other" ? ["", "x"] : [""])
                for (const photo of [false, true])
                  for (const zoneHolds of zoneKind === "quarantine" ? (["returned", "scrapped", "pending_disposal", null] as const) : [null]) {
                    const input = { role, kind, from, to, reason, note, zoneKind, zoneHolds, photo };
                    const got = checkLabelChange(input);
                    if (JSON.stringify(got) !== JSON.stringify(oracle(input))) {
                      expect(got, JSON.stringify(input)).toEqual(oracle(input));
                    }
                    n++;
                  }
            }
    expect(n).toBeGreaterThan(100_000);
  });

  it("random notes: only a blank note fails the note rule (fast-check)", () => {
    fc.assert(
      fc.property(fc.string(), (note) => {
        const got = checkLabelChange({ ...ok, reason: "other", note });
        expect(got.ok).toBe(note.trim().length > 0);
      }),
    );
  });
});

describe("permanent labels (issue 10, defect 5)", () => {
  it("returned and scrapped are the final labels: nothing follows them for any kind", () => {
    expect([...FINAL_STATUSES].sort()).toEqual(["returned", "scrapped"]);
    for (const s of ITEM_STATUSES) expect(isFinalLabel(s), s).toBe(s === "returned" || s === "scrapped");
  });

  it("a permanent label without a label photo is refused with photo_required; with one it is accepted", () => {
    const scrap = {
      role: "warehouse_keeper",
      kind: "material",
      from: "pending_disposal",
      to: "scrapped",
      reason: "disposal_approved",
      note: "",
      zoneKind: "quarantine",
      zoneHolds: "scrapped",
    } as const;
    expect(checkLabelChange({ ...scrap, photo: false })).toEqual({ ok: false, code: "photo_required" });
    expect(checkLabelChange({ ...scrap, photo: true })).toEqual({ ok: true });
    const ret = {
      role: "warehouse_keeper",
      kind: "material",
      from: "pending_inspection",
      to: "returned",
      reason: "inspection_failed",
      note: "",
      zoneKind: "quarantine",
      zoneHolds: "returned",
    } as const;
    expect(checkLabelChange({ ...ret, photo: false })).toEqual({ ok: false, code: "photo_required" });
    // a label that can still change needs no photo
    expect(checkLabelChange({ ...scrap, from: "accepted", to: "pending_disposal", reason: "obsolete", zoneHolds: "pending_disposal", photo: false })).toEqual({
      ok: true,
    });
  });

  it("the mutation schema a phone queues with requires the photo for permanent labels; the v1 contract stays lenient", () => {
    const args = { itemId: "0190a000-0000-7000-8000-000000000001", to: "scrapped", reason: "disposal_approved", zoneCode: "WH1-Q-SCR" };
    const parsed = ZChangeLabelInput.safeParse(args);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["photo", "validation.photoRequired"]]);
    expect(ZChangeLabelInput.safeParse({ ...args, photo: { mime: "image/jpeg", base64: "AAAA" } }).success).toBe(true);
    expect(ZChangeLabelArgs.safeParse(args).success).toBe(true);
  });
});

describe("designated quarantine areas (issue 10, defect 5)", () => {
  const Z = [
    { code: "A", kind: "stock", holds: null },
    { code: "RET", kind: "quarantine", holds: "returned" },
    { code: "SCR", kind: "quarantine", holds: "scrapped" },
    { code: "DSP", kind: "quarantine", holds: "pending_disposal" },
    { code: "Q", kind: "quarantine", holds: null },
  ] as const;
  const zone = (code: string) => Z.find((z) => z.code === code)!;

  it("scrapping refuses the pending-disposal area the item is in, and takes the scrap area", () => {
    const scrap = {
      role: "warehouse_keeper",
      kind: "material",
      from: "pending_disposal",
      to: "scrapped",
      reason: "disposal_approved",
      note: "",
      photo: true,
    } as const;
    expect(checkLabelChange({ ...scrap, zoneKind: "quarantine", zoneHolds: "pending_disposal" })).toEqual({ ok: false, code: "quarantine_zone_required" });
    expect(checkLabelChange({ ...scrap, zoneKind: "quarantine", zoneHolds: "returned" })).toEqual({ ok: false, code: "quarantine_zone_required" });
    expect(checkLabelChange({ ...scrap, zoneKind: "quarantine", zoneHolds: "scrapped" })).toEqual({ ok: true });
  });

  it("the phone offers the designated areas only, undesignated quarantine zones when none is designated", () => {
    expect(zonesFor("scrapped", Z).map((z) => z.code)).toEqual(["SCR"]);
    expect(zonesFor("returned", Z).map((z) => z.code)).toEqual(["RET"]);
    expect(zonesFor("scrapped", [zone("A"), zone("Q"), zone("DSP")]).map((z) => z.code)).toEqual(["Q"]);
    expect(zonesFor("accepted", Z)).toEqual([]);
    expect(zoneFits("accepted", zone("A"))).toBe(true);
  });
});
