import { describe, expect, it } from "vitest";
import { MUTATION_NAMES, MUTATION_VERSIONS, type TMutationEnvelope } from "@/domain/sync/protocol";
import { ROLES } from "@/domain/auth/roles";
import type { SessionUser } from "@/server/auth/session";
import { FEEDS, handlerFor, SYNC_DOMAINS } from "./domains";
import { Rejection } from "./rejection";

/** The composition root of sync (server/sync/domains.ts) and the scopes its feeds declare (ADR 0032). */
describe("sync domains", () => {
  it("each mutation of the public contract has exactly one handler, for exactly its versions", () => {
    const declared = SYNC_DOMAINS.flatMap((d) => Object.entries(d.mutations).map(([name, m]) => ({ name, versions: m.versions })));
    expect(declared.map((d) => d.name).sort()).toEqual([...MUTATION_NAMES].sort());
    for (const d of declared) expect(d.versions, d.name).toEqual(MUTATION_VERSIONS[d.name as keyof typeof MUTATION_VERSIONS]);
  });

  it("refuses a name no domain handles and a version no longer accepted, by the stored reason codes", () => {
    const m = (name: string, schemaVersion: number) => ({ name, schemaVersion }) as TMutationEnvelope;
    expect(() => handlerFor(m("item.paint", 1))).toThrow(expect.objectContaining({ code: "unknown_mutation" }) as Rejection);
    // an inherited property of a plain object is no mutation either
    expect(() => handlerFor(m("toString", 1))).toThrow(expect.objectContaining({ code: "unknown_mutation" }) as Rejection);
    expect(() => handlerFor(m("item.changeLabel", 9))).toThrow(expect.objectContaining({ code: "unsupported_version" }) as Rejection);
    expect(typeof handlerFor(m("item.changeLabel", 2))).toBe("function");
  });

  it("every feed key is declared by one domain and every scope names how a row leaves a phone", () => {
    const keys = SYNC_DOMAINS.flatMap((d) => Object.keys(d.feeds));
    expect(new Set(keys).size).toBe(keys.length);
    expect(Object.keys(FEEDS).sort()).toEqual([...keys].sort());
    for (const d of SYNC_DOMAINS) {
      for (const [key, f] of Object.entries(d.feeds)) {
        if (f.scope.rows === "all" || f.scope.leaves === "never") continue;
        const named = "tombstones" in f.scope.leaves ? f.scope.leaves.tombstones : f.scope.leaves.withParent;
        // the feed that carries the removal reaches the same phones: a tombstone feed is the same domain's; a parent
        // may be another domain's (a warehouse stock event goes with its item, ADR 0042)
        const pool: Record<string, unknown> = "tombstones" in f.scope.leaves ? d.feeds : FEEDS;
        expect(Object.keys(pool), `${key} → ${named}`).toContain(named);
        const other = pool[named] as (typeof d.feeds)[string];
        for (const role of ROLES) {
          const user = { id: "00000000-0000-4000-8000-000000000000", role } as SessionUser;
          expect(other.scope.phones(user), `${key} → ${named} for ${role}`).toBe(f.scope.phones(user));
        }
      }
    }
  });
});

describe("the phone's stores match the server's feeds (client/sync/domains.ts)", () => {
  it("every feed has a store on the phone, except tombstone feeds, which each have a removal; and nothing else", async () => {
    const { CLIENT_SYNC_DOMAINS } = await import("@/client/sync/domains");
    const tombstones = SYNC_DOMAINS.flatMap((d) =>
      Object.values(d.feeds).flatMap((f) =>
        f.scope.rows === "own" && f.scope.leaves !== "never" && "tombstones" in f.scope.leaves ? [f.scope.leaves.tombstones] : [],
      ),
    );
    const stores = CLIENT_SYNC_DOMAINS.flatMap((d) => Object.keys(d.stores));
    const removals = CLIENT_SYNC_DOMAINS.flatMap((d) => Object.keys(d.removals ?? {}));
    expect([...stores].sort()).toEqual(
      Object.keys(FEEDS)
        .filter((k) => !tombstones.includes(k))
        .sort(),
    );
    expect([...removals].sort()).toEqual([...new Set(tombstones)].sort());
  });

  it("the IndexedDB layout is pinned: a store or index added without a new `since` version fails here", async () => {
    const { CLIENT_SYNC_DOMAINS } = await import("@/client/sync/domains");
    // why pinned: a phone opens the database only at a higher version to create what is new; a store added at an
    // existing version never reaches phones already on it, and every pull then fails on the missing store.
    // Changing this list means raising `since` on what is new (the version is the highest `since`).
    const layout = Object.fromEntries(
      CLIENT_SYNC_DOMAINS.flatMap((d) =>
        Object.entries(d.stores).map(([name, s]) => [
          name,
          `${s.since} ${s.keyPath} [${Object.keys(s.indexes ?? {})
            .sort()
            .join(",")}]`,
        ]),
      ),
    );
    expect(layout).toEqual({
      items: "1 id [byTag,byZone]",
      zones: "1 code []",
      events: "1 id [byItem]",
      workOrders: "2 id []",
      licenses: "3 licenseNo [byMark]",
      licenseImports: "3 id []",
      equipmentChecks: "3 id [byWorkOrder]",
      signoffs: "3 id [byWorkOrder]",
      workOrderEvents: "3 id [byWorkOrder]",
      instruments: "4 id [byHolder,byTag]",
      instrumentLoans: "4 id [byInstrument]",
      instrumentHandovers: "4 id [byInstrument]",
      instrumentSettings: "9 department []",
      notices: "5 id []",
      myComplaints: "6 id []",
      materials: "7 code []",
      receipts: "7 id []",
      receiptLines: "7 id [byReceipt]",
      acceptanceForms: "7 id [byReceipt]",
      acceptanceLines: "7 itemId [byForm]",
      stockEvents: "7 id [byItem]",
      serviceRecords: "8 workOrderId []",
      spotChecks: "8 id []",
      // issue 16: the inspector's rounds (with instrumentSettings above, one new version for both)
      propertyRounds: "9 id []",
    });
  });
});
