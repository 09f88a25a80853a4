import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DEPARTMENTS, ROLES, type TDepartment, type TRole } from "@/domain/auth/roles";
import { ITEM_KINDS } from "@/domain/items/labels";
import {
  LABEL_KIND_OWNER,
  LABEL_KINDS,
  LABEL_RESULTS,
  NC_FINDINGS,
  ORDER_RESULTS,
  findingOfMark,
  labelKindOfItem,
  markNeedsPhoto,
  markProblem,
  mayReadAction,
  mayReadAllQuality,
  mayRecordBilling,
  mayRunQuality,
  mayWalkCheck,
  responsibleDepartment,
  sampleOrders,
  type TLabelResult,
} from "./model";

describe("label kinds and the department that owns each (P3 标识实施由各部门负责)", () => {
  const OWNERS: [string, TDepartment][] = [
    ["work_order", "customer_service"],
    ["customer_category", "customer_service"],
    ["install_repair", "terminal_service"],
    ["equipment", "operations"],
    ["facility", "operations"],
    ["material", "finance"],
    ["computer", "computer_network"],
    ["premises", "administration_hr"],
    ["service_guide", "administration_hr"],
    ["instrument", "technology_development"],
  ];

  test("the table lists every kind once, each with its owner", () => {
    expect(OWNERS.map(([k]) => k)).toEqual([...LABEL_KINDS]);
    expect(Object.keys(LABEL_KIND_OWNER).sort()).toEqual([...LABEL_KINDS].sort());
    expect(new Set(LABEL_KINDS).size).toBe(LABEL_KINDS.length);
  });

  test.each(OWNERS)("%s is owned by %s, and a finding on it goes there", (kind, department) => {
    expect(LABEL_KIND_OWNER[kind as (typeof LABEL_KINDS)[number]]).toBe(department);
    expect(responsibleDepartment(kind as (typeof LABEL_KINDS)[number])).toBe(department);
    expect(DEPARTMENTS).toContain(department);
  });

  test("quality itself and the switching office own no label", () => {
    const owners = new Set(Object.values(LABEL_KIND_OWNER));
    expect(owners.has("enterprise_management")).toBe(false);
    expect(owners.has("switching_transmission")).toBe(false);
  });

  test("a scanned item's label kind, for every item kind", () => {
    const expected = { material: "material", equipment: "equipment", facility: "facility", customer_equipment: "install_repair" } as const;
    expect(Object.keys(expected).sort()).toEqual([...ITEM_KINDS].sort());
    for (const kind of ITEM_KINDS) expect(labelKindOfItem(kind)).toBe(expected[kind]);
    // stock → finance, equipment and facilities → operations, customer equipment on site → terminal service
    expect(ITEM_KINDS.map((k) => responsibleDepartment(labelKindOfItem(k)))).toEqual(["finance", "operations", "operations", "terminal_service"]);
  });
});

describe("marks and findings", () => {
  test("a correct label and an ok order raise nothing; every other mark is the finding of its name", () => {
    expect(findingOfMark("correct")).toBeNull();
    expect(findingOfMark("ok")).toBeNull();
    for (const r of [...LABEL_RESULTS, ...ORDER_RESULTS].filter((x) => x !== "correct" && x !== "ok")) {
      expect(findingOfMark(r)).toBe(r);
      expect(NC_FINDINGS).toContain(findingOfMark(r));
    }
  });

  test("only a finding needs a photo", () => {
    expect(LABEL_RESULTS.map((r) => [r, markNeedsPhoto(r)])).toEqual([
      ["correct", false],
      ["wrong_label", true],
      ["missing_label", true],
      ["wrong_place", true],
    ]);
  });

  const none = new Set<string>();
  const mark = (over: Partial<{ tag: string | null; subject: string; result: TLabelResult; photo: boolean }>) => ({
    tag: "EQ-000123",
    subject: "",
    result: "correct" as TLabelResult,
    photo: false,
    ...over,
  });

  test("a tagged correct mark without a photo or subject is fine", () => {
    expect(markProblem(mark({}), none)).toBeNull();
  });

  test("no tag: a subject in words is required (blank is not one)", () => {
    expect(markProblem(mark({ tag: null }), none)).toBe("subject_required");
    expect(markProblem(mark({ tag: null, subject: "  \t " }), none)).toBe("subject_required");
    expect(markProblem(mark({ tag: null, subject: "counter 2 service guide 营业厅2号台服务指南" }), none)).toBeNull();
  });

  test.each(["wrong_label", "missing_label", "wrong_place"] as const)("%s needs its photo", (result) => {
    expect(markProblem(mark({ result }), none)).toBe("photo_required");
    expect(markProblem(mark({ result, photo: true }), none)).toBeNull();
    expect(markProblem(mark({ tag: null, subject: "premises", result }), none)).toBe("photo_required");
    expect(markProblem(mark({ tag: null, subject: "premises", result, photo: true }), none)).toBeNull();
  });

  test("a tag marked twice is refused; untagged subjects may repeat", () => {
    const seen = new Set(["EQ-000123"]);
    expect(markProblem(mark({}), seen)).toBe("tag_twice");
    expect(markProblem(mark({ tag: "EQ-000124" }), seen)).toBeNull();
    expect(markProblem(mark({ tag: null, subject: "premises" }), new Set(["premises"]))).toBeNull();
  });

  test("which problem is named first: subject, then photo, then the repeat", () => {
    expect(markProblem(mark({ tag: null, result: "wrong_label" }), none)).toBe("subject_required");
    expect(markProblem(mark({ result: "wrong_label" }), new Set(["EQ-000123"]))).toBe("photo_required");
    expect(markProblem(mark({ result: "wrong_label", photo: true }), new Set(["EQ-000123"]))).toBe("tag_twice");
  });
});

describe("sampleOrders (reproducible sample without replacement)", () => {
  const ids = "abcdefghij".split("").map((c) => `wo-${c}`);

  test("pinned: the same ids, size and seed give this sample on every machine and in every later build", () => {
    expect(sampleOrders(ids, 3, 42)).toEqual(["wo-g", "wo-f", "wo-i"]);
    expect(sampleOrders(ids, 4, 0)).toEqual(["wo-c", "wo-b", "wo-d", "wo-e"]);
    expect(sampleOrders(ids, 10, 7)).toEqual(["wo-a", "wo-b", "wo-j", "wo-h", "wo-d", "wo-e", "wo-f", "wo-g", "wo-c", "wo-i"]);
  });

  test("the order the ids come in does not matter", () => {
    expect(sampleOrders([...ids].reverse(), 3, 42)).toEqual(sampleOrders(ids, 3, 42));
  });

  test("size capped by the pool, nothing for 0 or a negative size, nothing from an empty pool", () => {
    expect(sampleOrders(ids, 50, 1)).toHaveLength(10);
    expect([...sampleOrders(ids, 50, 1)].sort()).toEqual(ids);
    expect(sampleOrders(ids, 0, 1)).toEqual([]);
    expect(sampleOrders(ids, -3, 1)).toEqual([]);
    expect(sampleOrders([], 10, 1)).toEqual([]);
    expect(sampleOrders(["only"], 10, 1)).toEqual(["only"]);
  });

  test("an id listed twice is drawn at most once (spot_check_orders' key is check + order)", () => {
    const twice = ["wo-a", "wo-a", "wo-b", "wo-b", "wo-c"];
    const all = sampleOrders(twice, 5, 3);
    expect([...all].sort()).toEqual(["wo-a", "wo-b", "wo-c"]);
    expect(sampleOrders(twice, 2, 3)).toEqual(sampleOrders(["wo-c", "wo-b", "wo-a"], 2, 3));
  });

  test("the seed is taken as an unsigned 32-bit number", () => {
    expect(sampleOrders(ids, 5, 2 ** 32)).toEqual(sampleOrders(ids, 5, 0));
    expect(sampleOrders(ids, 5, -1)).toEqual(sampleOrders(ids, 5, 2 ** 32 - 1));
  });

  test("different seeds give different samples (not a fixed prefix)", () => {
    const pool = Array.from({ length: 100 }, (_, i) => `wo-${String(i).padStart(3, "0")}`);
    const samples = new Set([1, 2, 3, 4, 5].map((s) => sampleOrders(pool, 10, s).join(",")));
    expect(samples.size).toBe(5);
    expect(sampleOrders(pool, 10, 1)).not.toEqual(pool.slice(0, 10));
  });

  test("every id is drawn about as often as the others (no id is favoured)", () => {
    const pool = ["a", "b", "c", "d", "e"];
    const hits = new Map(pool.map((p) => [p, 0]));
    for (let seed = 0; seed < 5000; seed++) for (const id of sampleOrders(pool, 2, seed)) hits.set(id, hits.get(id)! + 1);
    for (const n of hits.values()) expect(Math.abs(n - 2000)).toBeLessThan(200);
  });

  const pools = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 60 });
  const seeds = fc.integer({ min: 0, max: 2 ** 32 - 1 });

  test("property: min(size, pool) distinct ids, all from the pool", () => {
    fc.assert(
      fc.property(pools, fc.integer({ min: -5, max: 80 }), seeds, (pool, size, seed) => {
        const s = sampleOrders(pool, size, seed);
        expect(s).toHaveLength(Math.max(0, Math.min(size, pool.length)));
        expect(new Set(s).size).toBe(s.length);
        for (const id of s) expect(pool).toContain(id);
      }),
    );
  });

  test("property: reproducible and independent of the input order", () => {
    fc.assert(
      fc.property(
        pools.chain((pool) => fc.tuple(fc.constant(pool), fc.shuffledSubarray(pool, { minLength: pool.length, maxLength: pool.length }))),
        fc.integer({ min: 0, max: 80 }),
        seeds,
        ([pool, shuffled], size, seed) => {
          expect(sampleOrders(pool, size, seed)).toEqual(sampleOrders(pool, size, seed));
          expect(sampleOrders(shuffled, size, seed)).toEqual(sampleOrders(pool, size, seed));
        },
      ),
    );
  });

  test("property: a smaller sample is the start of a larger one (same seed)", () => {
    fc.assert(
      fc.property(pools, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), seeds, (pool, a, b, seed) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        expect(sampleOrders(pool, large, seed).slice(0, Math.min(small, pool.length))).toEqual(sampleOrders(pool, small, seed));
      }),
    );
  });

  test("the input is not changed", () => {
    const input = ["wo-c", "wo-a", "wo-b"];
    sampleOrders(input, 2, 9);
    expect(input).toEqual(["wo-c", "wo-a", "wo-b"]);
  });
});

describe("who may do what", () => {
  test("only quality runs quality and walks a check; quality and the GM read all", () => {
    for (const role of ROLES) {
      expect(mayRunQuality(role), role).toBe(role === "quality");
      expect(mayWalkCheck(role), role).toBe(role === "quality");
      expect(mayReadAllQuality(role), role).toBe(role === "quality" || role === "general_manager");
    }
  });

  test("billing is recorded by the switching office's people (not a lineman), whatever their role", () => {
    for (const role of ROLES)
      for (const department of [...DEPARTMENTS, null]) {
        const expected = department === "switching_transmission" && role !== "lineman";
        expect(mayRecordBilling({ role, department }), `${role}/${department}`).toBe(expected);
      }
    expect(mayRecordBilling({ role: "quality", department: "enterprise_management" })).toBe(false);
    expect(mayRecordBilling({ role: "operations", department: "switching_transmission" })).toBe(true);
  });

  describe("mayReadAction", () => {
    const OWNER = "0193a1b2-c3d4-7e5f-8a6b-000000000001";
    const OTHER = "0193a1b2-c3d4-7e5f-8a6b-000000000002";
    const action = (ownerId: string | null) => ({ department: "terminal_service" as TDepartment, ownerId });
    const user = (role: TRole, department: TDepartment | null, id = OTHER) => ({ id, role, department });

    test("every role × department × owner", () => {
      for (const role of ROLES)
        for (const department of [...DEPARTMENTS, null])
          for (const ownerId of [OWNER, null]) {
            const all = role === "quality" || role === "general_manager";
            const ownDept = department === "terminal_service" && role !== "lineman";
            expect(mayReadAction(user(role, department), action(ownerId)), `${role}/${department}/${ownerId}`).toBe(all || ownDept);
            expect(mayReadAction(user(role, department, OWNER), action(OWNER)), `owner ${role}/${department}`).toBe(true);
          }
    });

    test("concrete cases", () => {
      expect(mayReadAction(user("department_head", "terminal_service"), action(null))).toBe(true);
      expect(mayReadAction(user("department_head", "operations"), action(null))).toBe(false);
      expect(mayReadAction(user("customer_service", "terminal_service"), action(null))).toBe(true);
      expect(mayReadAction(user("lineman", "terminal_service"), action(null))).toBe(false);
      expect(mayReadAction(user("lineman", "terminal_service", OWNER), action(OWNER))).toBe(true);
      expect(mayReadAction(user("lineman", "operations", OWNER), action(OWNER))).toBe(true);
      expect(mayReadAction(user("admin", null), action(null))).toBe(false);
      expect(mayReadAction(user("general_manager", null), action(null))).toBe(true);
    });
  });
});
