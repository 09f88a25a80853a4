import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ITEM_STATUSES, QUARANTINE_STATUSES, ZONE_KINDS, type TItemStatus, type TZoneFacts } from "@/domain/items/labels";
import {
  DIFFERENCE_KINDS,
  RESOLUTIONS,
  ZoneCount,
  checkResolution,
  countDifferences,
  labelFitsZone,
  resolutionsFor,
  type TCountItem,
  type TResolution,
} from "./count";

type TZone = Pick<TZoneFacts, "code" | "kind" | "holds">;
const zone = (code: string, kind: TZoneFacts["kind"], holds: TItemStatus | null = null): TZone => ({ code, kind, holds });

/** Every zone there can be: each kind, undesignated and designated for each quarantine label. */
const ZONES: TZone[] = ZONE_KINDS.flatMap((kind) => [zone(kind, kind), ...QUARANTINE_STATUSES.map((h) => zone(`${kind}/${h}`, kind, h))]);

/** Written out apart from count.ts: what each zone may hold. */
function fits(status: TItemStatus, z: Pick<TZoneFacts, "kind" | "holds">): boolean {
  const quarantined = ["returned", "pending_disposal", "scrapped"].includes(status);
  switch (z.kind) {
    case "stock":
      return status === "accepted" || status === "in_use";
    case "inspection":
      return status === "received" || status === "pending_inspection";
    case "quarantine":
      return quarantined && (z.holds === null || z.holds === status);
    case "site":
      return !quarantined;
  }
}

describe("labelFitsZone", () => {
  test.each(ZONES.flatMap((z) => ITEM_STATUSES.map((s) => [s, z.code, z] as const)))("%s in %s", (status, _code, z) => {
    expect(labelFitsZone(status, z)).toBe(fits(status, z));
  });

  test("an accepted tag in a quarantine area is a wrong label there, designated or not", () => {
    for (const holds of [null, ...QUARANTINE_STATUSES]) expect(labelFitsZone("accepted", { kind: "quarantine", holds })).toBe(false);
  });
});

const item = (n: number, status: TItemStatus, zoneCode: string | null): TCountItem => ({
  id: `id-${n}`,
  tag: `ST-${String(n).padStart(6, "0")}`,
  status,
  zoneCode,
});
const HERE = zone("WH1-A", "stock");
const A = item(1, "accepted", "WH1-A");
const B = item(2, "returned", "WH1-A");
const C = item(3, "accepted", "WH1-B");
const D = item(4, "in_use", null);
const E = item(5, "in_use", "WH1-A");
const F = item(6, "accepted", "WH1-A");
const byTag = (items: TCountItem[]) => new Map(items.map((i) => [i.tag, i]));
const ALL = byTag([A, B, C, D, E, F]);

describe("ZoneCount", () => {
  test("each kind of scan", () => {
    const count = new ZoneCount(HERE, ALL);
    expect(count.expectedCount).toBe(4);
    expect(count.scan(A.tag)).toEqual({ kind: "found", item: A });
    expect(count.scan(B.tag)).toEqual({ kind: "wrong_label", item: B });
    expect(count.scan(C.tag)).toEqual({ kind: "unexpected", item: C, belongsIn: "WH1-B" });
    expect(count.scan(D.tag)).toEqual({ kind: "unexpected", item: D, belongsIn: null });
    expect(count.scan("ST-999999")).toEqual({ kind: "unknown", tag: "ST-999999" });
    expect(count.scan(A.tag)).toEqual({ kind: "repeat", tag: A.tag });
    expect(count.scan(C.tag)).toEqual({ kind: "repeat", tag: C.tag });
    expect(count.scan("ST-999999")).toEqual({ kind: "repeat", tag: "ST-999999" });
    expect(count.scan(E.tag)).toEqual({ kind: "found", item: E });
    expect(count.found).toEqual([A, E]);
    expect(count.wrongLabel).toEqual([B]);
    expect(count.unexpected).toEqual([
      { item: C, belongsIn: "WH1-B" },
      { item: D, belongsIn: null },
    ]);
    expect(count.unknown).toEqual(["ST-999999"]);
    expect(count.scanned).toEqual([A.tag, B.tag, C.tag, D.tag, "ST-999999", E.tag]);
    expect(count.missing()).toEqual([F]);
  });

  test("missing: every expected tag not scanned, by tag, and fewer as they are scanned", () => {
    const count = new ZoneCount(HERE, ALL);
    expect(count.missing()).toEqual([A, B, E, F]);
    count.scan(F.tag);
    count.scan(B.tag);
    expect(count.missing()).toEqual([A, E]);
  });

  test("an empty zone, an empty copy", () => {
    expect(new ZoneCount(zone("EMPTY", "stock"), ALL).missing()).toEqual([]);
    const count = new ZoneCount(HERE, new Map());
    expect(count.expectedCount).toBe(0);
    expect(count.scan("ST-000001")).toEqual({ kind: "unknown", tag: "ST-000001" });
  });

  test("each scan asks the copy once, by tag, and never walks it (O(1) a scan; timing is bench:warehouse-scan's)", () => {
    let gets = 0;
    let walks = 0;
    class Counted<K, V> extends Map<K, V> {
      override get(key: K) {
        gets++;
        return super.get(key);
      }
      override values() {
        walks++;
        return super.values();
      }
      override entries() {
        walks++;
        return super.entries();
      }
      override keys() {
        walks++;
        return super.keys();
      }
      override forEach(...args: Parameters<Map<K, V>["forEach"]>) {
        walks++;
        super.forEach(...args);
      }
    }
    const big = new Counted<string, TCountItem>();
    for (let n = 1; n <= 5000; n++) big.set(item(n, "accepted", n % 2 ? "WH1-A" : "WH1-B").tag, item(n, "accepted", n % 2 ? "WH1-A" : "WH1-B"));
    const count = new ZoneCount(HERE, big);
    const built = walks;
    expect(built).toBeLessThanOrEqual(1);
    gets = 0;
    for (const tag of ["ST-000001", "ST-000002", "ST-999999", "ST-000001", "ST-004999"]) count.scan(tag);
    expect(walks).toBe(built);
    expect(gets).toBeLessThanOrEqual(4);
  });
});

/** The differences worked out the plain way, apart from ZoneCount. */
function naiveDifferences(z: TZone, items: TCountItem[], scans: string[]) {
  const seen = [...new Set(scans)];
  const tagged = new Map(items.map((i) => [i.tag, i]));
  const rows: { kind: (typeof DIFFERENCE_KINDS)[number]; tag: string; itemId: string | null; recordedZone: string | null; status: TItemStatus | null }[] = [];
  for (const i of items)
    if (i.zoneCode === z.code && !seen.includes(i.tag)) rows.push({ kind: "missing", tag: i.tag, itemId: i.id, recordedZone: i.zoneCode, status: i.status });
  for (const tag of seen) {
    const i = tagged.get(tag);
    if (!i) rows.push({ kind: "unknown", tag, itemId: null, recordedZone: null, status: null });
    else if (i.zoneCode !== z.code) rows.push({ kind: "unexpected", tag, itemId: i.id, recordedZone: i.zoneCode, status: i.status });
    else if (!fits(i.status, z)) rows.push({ kind: "wrong_label", tag, itemId: i.id, recordedZone: i.zoneCode, status: i.status });
  }
  const rank = (k: string) => DIFFERENCE_KINDS.indexOf(k as never);
  return rows.sort((a, b) => rank(a.kind) - rank(b.kind) || a.tag.localeCompare(b.tag));
}

describe("countDifferences", () => {
  test("kind by kind (missing, unexpected, wrong label, unknown), each by tag", () => {
    const scans = ["ST-999999", D.tag, C.tag, B.tag, A.tag, "ST-888888", A.tag];
    expect(countDifferences(HERE, ALL, scans)).toEqual([
      { kind: "missing", tag: E.tag, itemId: E.id, recordedZone: "WH1-A", status: "in_use" },
      { kind: "missing", tag: F.tag, itemId: F.id, recordedZone: "WH1-A", status: "accepted" },
      { kind: "unexpected", tag: C.tag, itemId: C.id, recordedZone: "WH1-B", status: "accepted" },
      { kind: "unexpected", tag: D.tag, itemId: D.id, recordedZone: null, status: "in_use" },
      { kind: "wrong_label", tag: B.tag, itemId: B.id, recordedZone: "WH1-A", status: "returned" },
      { kind: "unknown", tag: "ST-888888", itemId: null, recordedZone: null, status: null },
      { kind: "unknown", tag: "ST-999999", itemId: null, recordedZone: null, status: null },
    ]);
  });

  test("a count that found everything where it belongs has no differences", () => {
    expect(countDifferences(HERE, byTag([A, E, F, C]), [F.tag, A.tag, E.tag])).toEqual([]);
  });

  const ZONE_CODES = ["Z1", "Z2", "Z3"];
  const arbItems = fc
    .uniqueArray(
      fc.record({
        n: fc.integer({ min: 1, max: 400 }),
        status: fc.constantFrom(...ITEM_STATUSES),
        zoneCode: fc.constantFrom<string | null>(...ZONE_CODES, null),
      }),
      { selector: (r) => r.n, maxLength: 120, size: "medium" },
    )
    .map((rs) => rs.map((r) => item(r.n, r.status, r.zoneCode)));
  /** A copy and scans: mostly its own tags (some twice), some nobody knows. */
  const arbCase = arbItems.chain((items) =>
    fc.tuple(
      fc.constant(items),
      fc.array(
        fc.oneof(
          fc.constantFrom(...items.map((i) => i.tag), "ST-000450"),
          fc.integer({ min: 1, max: 450 }).map((n) => item(n, "accepted", null).tag),
        ),
        {
          maxLength: 200,
          size: "medium",
        },
      ),
    ),
  );
  const arbZone = fc.record({
    code: fc.constantFrom(...ZONE_CODES),
    kind: fc.constantFrom(...ZONE_KINDS),
    holds: fc.constantFrom<TItemStatus | null>(null, ...QUARANTINE_STATUSES),
  });

  test("equals the plain recomputation, for any zone, copy and scans (repeats and unknown tags included)", () => {
    fc.assert(
      fc.property(arbZone, arbCase, (z, [items, scans]) => {
        const got = countDifferences(z, byTag(items), scans);
        expect(got).toEqual(naiveDifferences(z, items, scans));
        // and the live count agrees: expected = found + wrong label + missing
        const live = new ZoneCount(z, byTag(items));
        for (const t of scans) live.scan(t);
        expect(live.found.length + live.wrongLabel.length + live.missing().length).toBe(live.expectedCount);
        expect(live.scanned.length).toBe(new Set(scans).size);
      }),
      { numRuns: 300 },
    );
  });

  test("the order does not depend on the scan order", () => {
    fc.assert(
      fc.property(arbZone, arbCase, fc.integer(), (z, [items, scans], seed) => {
        const shuffled = [...scans].sort((a, b) => ((a.charCodeAt(8) * 31 + seed) % 7) - ((b.charCodeAt(8) * 31 + seed) % 7));
        expect(countDifferences(z, byTag(items), shuffled)).toEqual(countDifferences(z, byTag(items), scans));
      }),
    );
  });
});

const ALL_RESOLUTIONS = [...new Set(Object.values(RESOLUTIONS).flat())] as TResolution[];

describe("checkResolution", () => {
  test("each kind's resolutions", () => {
    expect(resolutionsFor("missing")).toEqual(["write_off", "found_later"]);
    expect(resolutionsFor("unexpected")).toEqual(["move_here", "sent_back"]);
    expect(resolutionsFor("wrong_label")).toEqual(["relabelled", "moved_out"]);
    expect(resolutionsFor("unknown")).toEqual(["set_aside"]);
    expect(ALL_RESOLUTIONS).toHaveLength(7);
  });

  const CASES = DIFFERENCE_KINDS.flatMap((kind) =>
    ALL_RESOLUTIONS.flatMap((resolution) =>
      ZONES.flatMap((z) =>
        [null, ...ITEM_STATUSES].flatMap((status) => ["", "  ", "找到了"].map((reason) => [kind, resolution, z.code, status, reason, z] as const)),
      ),
    ),
  );
  test(`every kind × resolution × zone × label × reason (${CASES.length} cases)`, () => {
    for (const [kind, resolution, , status, reason, z] of CASES) {
      const own = (RESOLUTIONS[kind] as readonly string[]).includes(resolution);
      const needsFit = resolution === "move_here" || resolution === "relabelled";
      const expected = !own
        ? { ok: false, code: "invalid_transition" }
        : reason.trim() === ""
          ? { ok: false, code: "note_required" }
          : needsFit && (status === null || !fits(status, z))
            ? { ok: false, code: "quarantine_zone_required" }
            : { ok: true };
      expect(checkResolution({ kind, resolution, reason, zone: z, status }), `${kind} ${resolution} ${z.code} ${status} ${JSON.stringify(reason)}`).toEqual(
        expected,
      );
    }
  });

  test.each([
    ["a returned tag moved into the returned area", "returned", zone("Q", "quarantine", "returned"), true],
    ["a returned tag moved into the scrap area", "returned", zone("Q", "quarantine", "scrapped"), false],
    ["an accepted tag moved into stock", "accepted", HERE, true],
    ["an accepted tag moved into quarantine", "accepted", zone("Q", "quarantine"), false],
    ["a scrapped tag moved into stock", "scrapped", HERE, false],
  ] as const)("move_here: %s", (_what, status, z, ok) => {
    expect(checkResolution({ kind: "unexpected", resolution: "move_here", reason: "seen here", zone: z, status }).ok).toBe(ok);
  });
});
