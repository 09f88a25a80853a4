import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { batch, changeLabel, envelope, itemById, labelEventsOf, makeItem, newDevice, resultsOf } from "@/tests/helpers/sync";
import { makeUser } from "@/tests/helpers/users";

describe("sync.push: permanent rejections", () => {
  let t: TestDb;
  let keeper: Caller;
  let keeper2: Caller;
  let lineman: Caller;
  let ops: Caller;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({ caller: keeper } = await login(t.db, "keeper", "keeper-demo1"));
    const k2 = await makeUser(t.db, { role: "warehouse_keeper", username: "keeper-two" });
    await t.db.update(users).set({ displayName: "Keeper Two" }).where(eq(users.id, k2.id));
    ({ caller: keeper2 } = await login(t.db, k2.username, k2.password));
    ({ caller: lineman } = await login(t.db, "lineman", "lineman-demo"));
    ({ caller: ops } = await login(t.db, "ops", "ops-demo-001"));
  });
  afterAll(async () => t?.close());

  describe("permanent rejections: stored, seq advanced, the queue moves on", () => {
    type Case = {
      name: string;
      code: string;
      caller: () => Caller;
      make: (d: string, seq: number) => Promise<ReturnType<typeof envelope>>;
      details?: (ctx: { item?: { id: string } }) => unknown;
    };
    const cases: Case[] = [
      {
        name: "a transition the table does not list",
        code: "invalid_transition",
        caller: () => keeper,
        make: async (d, seq) => {
          const item = await makeItem(t.db, { status: "accepted" });
          return changeLabel(d, seq, { itemId: item.id, to: "returned", reason: "inspection_failed", zoneCode: "WH1-Q-RET" }, { from: "accepted", version: 1 });
        },
      },
      {
        name: "a lineman changing a material",
        code: "not_allowed",
        caller: () => lineman,
        make: async (d, seq) => {
          const item = await makeItem(t.db, { status: "accepted" });
          return changeLabel(d, seq, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 });
        },
      },
      {
        name: "a keeper changing equipment",
        code: "not_allowed",
        caller: () => keeper,
        make: async (d, seq) => {
          const item = await makeItem(t.db, { kind: "equipment", status: "in_service", zoneCode: "HQ-EQ" });
          return changeLabel(d, seq, { itemId: item.id, to: "under_maintenance", reason: "fault_found" }, { from: "in_service", version: 1 });
        },
      },
      {
        name: "a reason that does not fit the target",
        code: "reason_not_allowed",
        caller: () => keeper,
        make: async (d, seq) => {
          const item = await makeItem(t.db, { status: "accepted" });
          return changeLabel(d, seq, { itemId: item.id, to: "in_use", reason: "fault_found" }, { from: "accepted", version: 1 });
        },
      },
      {
        name: '"other" without a note',
        code: "note_required",
        caller: () => keeper,
        make: async (d, seq) => {
          const item = await makeItem(t.db, { status: "accepted" });
          return changeLabel(d, seq, { itemId: item.id, to: "in_use", reason: "other", note: "   " }, { from: "accepted", version: 1 });
        },
      },
      {
        name: "returned into a stock zone",
        code: "quarantine_zone_required",
        caller: () => keeper,
        make: async (d, seq) => {
          const item = await makeItem(t.db, { status: "pending_inspection", zoneCode: "WH1-IN" });
          return changeLabel(
            d,
            seq,
            { itemId: item.id, to: "returned", reason: "inspection_failed", zoneCode: "WH1-A" },
            { from: "pending_inspection", version: 1 },
          );
        },
      },
      {
        name: "returned without a zone, staying in the inspection zone",
        code: "quarantine_zone_required",
        caller: () => keeper,
        make: async (d, seq) => {
          const item = await makeItem(t.db, { status: "pending_inspection", zoneCode: "WH1-IN" });
          return changeLabel(d, seq, { itemId: item.id, to: "returned", reason: "inspection_failed" }, { from: "pending_inspection", version: 1 });
        },
      },
      {
        name: "a zone that does not exist",
        code: "unknown_zone",
        caller: () => keeper,
        make: async (d, seq) => {
          const item = await makeItem(t.db, { status: "accepted" });
          return changeLabel(d, seq, { itemId: item.id, to: "in_use", reason: "issued_for_use", zoneCode: "NOWHERE-9" }, { from: "accepted", version: 1 });
        },
      },
      {
        name: "an item that does not exist",
        code: "not_found",
        caller: () => keeper,
        make: (d, seq) =>
          Promise.resolve(
            changeLabel(d, seq, { itemId: "6f1c8d1e-2f4b-4c55-9a0e-1b2c3d4e5f60", to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 }),
          ),
      },
      {
        name: "args that are not an item change (item id not a UUID)",
        code: "bad_input",
        caller: () => keeper,
        make: (d, seq) =>
          Promise.resolve(
            envelope(
              d,
              seq,
              "item.changeLabel",
              { itemId: "ST-000101", to: "in_use", reason: "issued_for_use" },
              { expected: { from: "accepted", version: 1 } },
            ),
          ),
      },
      {
        // 36 characters of hex and dashes, not a UUID: once made PostgreSQL fail the whole batch at the lock
        name: "an item id shaped like a UUID but not one",
        code: "bad_input",
        caller: () => keeper,
        make: (d, seq) =>
          Promise.resolve(
            envelope(
              d,
              seq,
              "item.changeLabel",
              { itemId: "-".repeat(36), to: "in_use", reason: "issued_for_use" },
              { expected: { from: "accepted", version: 1 } },
            ),
          ),
      },
      {
        name: "a change without expected",
        code: "bad_input",
        caller: () => keeper,
        make: async (d, seq) => {
          const item = await makeItem(t.db, { status: "accepted" });
          return envelope(d, seq, "item.changeLabel", { itemId: item.id, to: "in_use", reason: "issued_for_use" });
        },
      },
      {
        name: "args that are not an object",
        code: "bad_input",
        caller: () => keeper,
        make: (d, seq) => Promise.resolve(envelope(d, seq, "item.changeLabel", "in_use please", { expected: 42 })),
      },
      {
        name: "a mutation name the server does not know",
        code: "unknown_mutation",
        caller: () => keeper,
        make: (d, seq) => Promise.resolve(envelope(d, seq, "item.teleport", { to: "mars" })),
      },
      {
        name: "a schema version the server does not accept",
        code: "unsupported_version",
        caller: () => keeper,
        make: async (d, seq) => {
          const item = await makeItem(t.db, { status: "accepted" });
          return envelope(
            d,
            seq,
            "item.changeLabel",
            { itemId: item.id, to: "in_use", reason: "issued_for_use" },
            { expected: { from: "accepted", version: 1 }, schemaVersion: 3 },
          );
        },
      },
    ];

    it.each(cases)("$code: $name", async ({ code, caller, make }) => {
      const c = caller();
      const d = await newDevice(c);
      const bad = await make(d, 1);
      // the next change of the same device, on an item the caller may change, applies after the rejection
      const next = await makeItem(t.db, c === lineman ? { kind: "customer_equipment", status: "in_service", zoneCode: "HQ-EQ" } : { status: "accepted" });
      const good =
        c === lineman
          ? changeLabel(d, 2, { itemId: next.id, to: "under_maintenance", reason: "fault_found" }, { from: "in_service", version: 1 })
          : changeLabel(d, 2, { itemId: next.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 });
      const before =
        bad.name === "item.changeLabel" && typeof (bad.args as { itemId?: unknown }).itemId === "string" ? (bad.args as { itemId: string }).itemId : null;
      const beforeRow = before ? await itemById(t.db, before).catch(() => undefined) : undefined;

      const answer = await c.sync.push(batch(d, bad, good));
      expect(answer.results[0]).toMatchObject({ mutationId: bad.mutationId, seq: 1, status: "rejected", reasonCode: code });
      expect(answer.results[1]).toMatchObject({ mutationId: good.mutationId, seq: 2, status: "applied", reasonCode: null });
      expect(answer).toMatchObject({ lastAppliedSeq: 2, gap: null });

      const stored = await resultsOf(t.db, d);
      expect(stored.map((r) => [r.seq, r.status, r.reasonCode])).toEqual([
        [1, "rejected", code],
        [2, "applied", null],
      ]);
      expect(stored[0]!.details).toEqual(answer.results[0]!.details);
      expect(stored[0]!.resolvedAt).toBeNull();
      // the refused change left its item as it was
      if (beforeRow) {
        expect(await itemById(t.db, beforeRow.id)).toMatchObject({ status: beforeRow.status, version: beforeRow.version, zoneCode: beforeRow.zoneCode });
        expect(await labelEventsOf(t.db, beforeRow.id)).toEqual([]);
      }
      // a resend answers the same
      expect(await c.sync.push(batch(d, bad, good))).toEqual(answer);
    });

    it("rule rejections carry the item's current state", async () => {
      const d = await newDevice(keeper);
      const item = await makeItem(t.db, { status: "accepted", zoneCode: "WH1-A" });
      const answer = await keeper.sync.push(
        batch(d, changeLabel(d, 1, { itemId: item.id, to: "returned", reason: "inspection_failed", zoneCode: "WH1-Q-RET" }, { from: "accepted", version: 1 })),
      );
      expect(answer.results[0]?.details).toEqual({ current: { status: "accepted", version: 1, zoneCode: "WH1-A" } });
    });

    it("stale: another phone changed the label first; the answer says who, when, and the current state", async () => {
      const item = await makeItem(t.db, { status: "accepted", zoneCode: "WH1-A" });
      const d2 = await newDevice(keeper2);
      await keeper2.sync.push(batch(d2, changeLabel(d2, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 })));
      const [event] = await labelEventsOf(t.db, item.id);

      const d = await newDevice(keeper);
      const late = changeLabel(d, 1, { itemId: item.id, to: "pending_disposal", reason: "obsolete", zoneCode: "WH1-Q-DSP" }, { from: "accepted", version: 1 });
      const answer = await keeper.sync.push(batch(d, late));
      expect(answer.results).toEqual([
        {
          mutationId: late.mutationId,
          seq: 1,
          status: "rejected",
          reasonCode: "stale",
          details: {
            current: { status: "in_use", version: 2, zoneCode: "WH1-A" },
            seenVersion: 1,
            changedBy: "Keeper Two",
            changedAt: event!.serverTime.toISOString(),
          },
        },
      ]);
      expect(await itemById(t.db, item.id)).toMatchObject({ status: "in_use", version: 2 });
    });

    it("a change expecting the version before the device's own earlier change in the same batch: own changes do not count", async () => {
      const item = await makeItem(t.db, { status: "accepted" });
      const d = await newDevice(keeper);
      const answer = await keeper.sync.push(
        batch(
          d,
          changeLabel(d, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 }),
          changeLabel(d, 2, { itemId: item.id, to: "pending_disposal", reason: "obsolete", zoneCode: "WH1-Q-DSP" }, { from: "accepted", version: 1 }),
        ),
      );
      expect(answer.results.map((r) => r.status)).toEqual(["applied", "applied"]);
      expect(await itemById(t.db, item.id)).toMatchObject({ status: "pending_disposal", version: 3 });
    });

    it("stale after another phone's change and an own change earlier in the same batch names the other phone's change", async () => {
      const item = await makeItem(t.db, { status: "accepted" });
      const d2 = await newDevice(keeper2);
      await keeper2.sync.push(batch(d2, changeLabel(d2, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 })));
      const [event] = await labelEventsOf(t.db, item.id);
      const d = await newDevice(keeper);
      const answer = await keeper.sync.push(
        batch(
          d,
          changeLabel(d, 1, { itemId: item.id, to: "pending_disposal", reason: "obsolete", zoneCode: "WH1-Q-DSP" }, { from: "in_use", version: 2 }),
          changeLabel(d, 2, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 }),
        ),
      );
      expect(answer.results[0]).toMatchObject({ status: "applied" });
      expect(answer.results[1]).toMatchObject({
        reasonCode: "stale",
        details: { current: { status: "pending_disposal", version: 3 }, seenVersion: 1, changedBy: "Keeper Two", changedAt: event!.serverTime.toISOString() },
      });
    });

    it("stale on an item that never had a label event: changedBy and changedAt are null", async () => {
      const item = await makeItem(t.db, { status: "in_use" });
      const d = await newDevice(keeper);
      const answer = await keeper.sync.push(
        batch(d, changeLabel(d, 1, { itemId: item.id, to: "pending_disposal", reason: "obsolete", zoneCode: "WH1-Q-DSP" }, { from: "accepted", version: 1 })),
      );
      expect(answer.results[0]).toMatchObject({
        reasonCode: "stale",
        details: { current: { status: "in_use", version: 1, zoneCode: "WH1-A" }, changedBy: null, changedAt: null },
      });
    });

    it("already_in_state: another phone already reached the target; nothing changes, the queue moves on", async () => {
      const item = await makeItem(t.db, { status: "accepted" });
      const d2 = await newDevice(keeper2);
      await keeper2.sync.push(batch(d2, changeLabel(d2, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 })));
      const d = await newDevice(keeper);
      const same = changeLabel(d, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 });
      const answer = await keeper.sync.push(batch(d, same));
      expect(answer.results).toEqual([
        {
          mutationId: same.mutationId,
          seq: 1,
          status: "already_in_state",
          reasonCode: null,
          details: { current: { status: "in_use", version: 2, zoneCode: "WH1-A" } },
        },
      ]);
      expect(answer.lastAppliedSeq).toBe(1);
      expect(await labelEventsOf(t.db, item.id)).toHaveLength(1);
      expect(await itemById(t.db, item.id)).toMatchObject({ version: 2 });
    });

    it("compare-and-set is on the version (issue 11): the same label on a newer version (A→B→A on another phone) is stale", async () => {
      const item = await makeItem(t.db, { kind: "equipment", status: "in_service", zoneCode: "HQ-EQ" });
      const d = await newDevice(ops);
      await ops.sync.push(
        batch(
          d,
          changeLabel(d, 1, { itemId: item.id, to: "under_maintenance", reason: "fault_found" }, { from: "in_service", version: 1 }),
          changeLabel(d, 2, { itemId: item.id, to: "in_service", reason: "repair_done" }, { from: "under_maintenance", version: 2 }),
        ),
      );
      const d2 = await newDevice(ops);
      const answer = await ops.sync.push(
        batch(d2, changeLabel(d2, 1, { itemId: item.id, to: "under_maintenance", reason: "routine_maintenance" }, { from: "in_service", version: 1 })),
      );
      expect(answer.results[0]).toMatchObject({
        status: "rejected",
        reasonCode: "stale",
        details: { current: { status: "in_service", version: 3 }, seenVersion: 1 },
      });
      expect(await itemById(t.db, item.id)).toMatchObject({ status: "in_service", version: 3 });
    });

    it("a role that may not change the kind gets not_allowed, whatever the item's state (no state is revealed)", async () => {
      const item = await makeItem(t.db, { status: "accepted" });
      const d2 = await newDevice(keeper2);
      await keeper2.sync.push(batch(d2, changeLabel(d2, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 })));
      const d = await newDevice(lineman);
      const answer = await lineman.sync.push(
        batch(
          d,
          // the item already is in_use: still not the lineman's to change
          changeLabel(d, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 }),
          // and a stale expected does not tell a lineman who changed the material, or when
          changeLabel(d, 2, { itemId: item.id, to: "pending_disposal", reason: "obsolete", zoneCode: "WH1-Q-DSP" }, { from: "accepted", version: 1 }),
        ),
      );
      expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual([
        ["rejected", "not_allowed"],
        ["rejected", "not_allowed"],
      ]);
      for (const r of answer.results) expect(r.details).toBeNull();
    });
  });
});
