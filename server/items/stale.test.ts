/**
 * Issue 11, item 5: a label change is decided on the version the phone saw, not on the label alone. Before, the
 * server compared the label and ignored `expected.version`: a change made on A was applied after A→B→A by someone
 * else, and under 30 concurrent clients most changes landed on a newer version than the phone had seen. A phone's
 * own earlier queued changes never make its later change stale (docs/sync-protocol.md "Stale decisions").
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { itemLabelEvents } from "@/db/schema";
import type { TItemStatus } from "@/domain/items/labels";
import { expectedFrom, predictLabel, type TPendingLabelChange } from "@/domain/items/predict";
import { login, type Caller } from "@/tests/helpers/context";
import { prng } from "@/tests/helpers/prng";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { batch, changeLabel, itemById, makeItem, newDevice } from "@/tests/helpers/sync";
import { makeUser } from "@/tests/helpers/users";

describe("item.changeLabel: stale is the version the phone saw", () => {
  let t: TestDb;
  let ops: Caller;
  let otherOps: Caller;
  let keeper: Caller;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({ caller: ops } = await login(t.db, "ops", "ops-demo-001"));
    const other = await makeUser(t.db, { role: "operations", username: "ops-stale-other" });
    ({ caller: otherOps } = await login(t.db, other.username, other.password));
    ({ caller: keeper } = await login(t.db, "keeper", "keeper-demo1"));
  }, 60_000);
  afterAll(async () => t?.close());

  const toggle = (itemId: string, to: TItemStatus) => ({ itemId, to, reason: to === "under_maintenance" ? "fault_found" : "repair_done" });

  it("A→B→A by someone else in between: the change made on A is refused as stale, naming who changed it", async () => {
    const item = await makeItem(t.db, { kind: "equipment", status: "in_service", zoneCode: "WH1-A" });
    const phone = await newDevice(ops, "phone that saw in_service v1");
    const other = await newDevice(otherOps, "the other engineer's phone");
    const ab = await otherOps.sync.push(
      batch(
        other,
        changeLabel(other, 1, toggle(item.id, "under_maintenance"), { from: "in_service", version: 1 }),
        changeLabel(other, 2, toggle(item.id, "in_service"), { from: "under_maintenance", version: 2 }),
      ),
    );
    expect(ab.results.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect(await itemById(t.db, item.id)).toMatchObject({ status: "in_service", version: 3 });

    const answer = await ops.sync.push(batch(phone, changeLabel(phone, 1, toggle(item.id, "under_maintenance"), { from: "in_service", version: 1 })));
    expect(answer.results[0]).toMatchObject({
      status: "rejected",
      reasonCode: "stale",
      details: { current: { status: "in_service", version: 3 }, seenVersion: 1, changedBy: "Test operations" },
    });
    expect(answer.lastAppliedSeq).toBe(1);
    expect(await itemById(t.db, item.id)).toMatchObject({ status: "in_service", version: 3 });
  });

  it("someone else already made the very change (after A→B→A→B): already_in_state, nothing written", async () => {
    const item = await makeItem(t.db, { kind: "equipment", status: "in_service", zoneCode: "WH1-A" });
    const phone = await newDevice(ops);
    const other = await newDevice(otherOps);
    await otherOps.sync.push(
      batch(
        other,
        changeLabel(other, 1, toggle(item.id, "under_maintenance"), { from: "in_service", version: 1 }),
        changeLabel(other, 2, toggle(item.id, "in_service"), { from: "under_maintenance", version: 2 }),
        changeLabel(other, 3, toggle(item.id, "under_maintenance"), { from: "in_service", version: 3 }),
      ),
    );
    const answer = await ops.sync.push(batch(phone, changeLabel(phone, 1, toggle(item.id, "under_maintenance"), { from: "in_service", version: 1 })));
    expect(answer.results[0]).toMatchObject({ status: "already_in_state" });
    expect(await itemById(t.db, item.id)).toMatchObject({ status: "under_maintenance", version: 4 });
  });

  /** Two changes of one item queued offline in a row, `expected` filled as the phone fills it (its predicted state). */
  function queueTwo(d: string, itemId: string, synced: { status: TItemStatus; version: number; zoneCode: string | null }) {
    const queue: TPendingLabelChange[] = [];
    const b = { itemId, to: "in_use" as const, reason: "issued_for_use" as const, note: "" };
    queue.push({ seq: 1, args: b, expected: expectedFrom(predictLabel(synced, queue)) });
    const c = { itemId, to: "pending_disposal" as const, reason: "beyond_repair" as const, note: "", zoneCode: "WH1-Q-DSP" };
    queue.push({ seq: 2, args: c, expected: expectedFrom(predictLabel(synced, queue)) });
    return queue.map((q) => changeLabel(d, q.seq, q.args, q.expected));
  }

  it("a keeper's two offline changes of one item (B then C), sent in one batch: the first never makes the second stale", async () => {
    const item = await makeItem(t.db, { status: "accepted", zoneCode: "WH1-A" });
    const d = await newDevice(keeper);
    const [b, c] = queueTwo(d, item.id, { status: "accepted", version: 1, zoneCode: "WH1-A" });
    expect(c!.expected).toEqual({ from: "in_use", version: 2 });
    const answer = await keeper.sync.push(batch(d, b!, c!));
    expect(answer.results.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect(await itemById(t.db, item.id)).toMatchObject({ status: "pending_disposal", version: 3, zoneCode: "WH1-Q-DSP" });
  });

  it("… and sent in two batches (the second after a flaky network), still both applied", async () => {
    const item = await makeItem(t.db, { status: "accepted", zoneCode: "WH1-A" });
    const d = await newDevice(keeper);
    const [b, c] = queueTwo(d, item.id, { status: "accepted", version: 1, zoneCode: "WH1-A" });
    expect((await keeper.sync.push(batch(d, b!))).results[0]).toMatchObject({ status: "applied" });
    expect((await keeper.sync.push(batch(d, c!))).results[0]).toMatchObject({ status: "applied" });
    expect(await itemById(t.db, item.id)).toMatchObject({ status: "pending_disposal", version: 3 });
  });

  it("an outbox that sent the version of its last sync for both changes (old client): its own first change does not count", async () => {
    const item = await makeItem(t.db, { status: "accepted", zoneCode: "WH1-A" });
    const d = await newDevice(keeper);
    const seen = { from: "accepted" as const, version: 1 };
    const answer = await keeper.sync.push(
      batch(
        d,
        changeLabel(d, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, seen, { schemaVersion: 1 }),
        changeLabel(d, 2, { itemId: item.id, to: "pending_disposal", reason: "beyond_repair", zoneCode: "WH1-Q-DSP" }, seen, { schemaVersion: 1 }),
      ),
    );
    expect(answer.results.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect(await itemById(t.db, item.id)).toMatchObject({ status: "pending_disposal", version: 3 });
  });

  it("own changes excuse only a phone that names the label the item had at the version it sent", async () => {
    const item = await makeItem(t.db, { kind: "equipment", status: "in_service", zoneCode: "WH1-A" });
    const phone = await newDevice(ops);
    expect(
      (await ops.sync.push(batch(phone, changeLabel(phone, 1, toggle(item.id, "under_maintenance"), { from: "in_service", version: 1 })))).results[0],
    ).toMatchObject({ status: "applied" });
    // v1 was in service, never under maintenance: a state nobody saw
    const answer = await ops.sync.push(batch(phone, changeLabel(phone, 2, toggle(item.id, "in_service"), { from: "under_maintenance", version: 1 })));
    expect(answer.results[0]).toMatchObject({ status: "rejected", reasonCode: "stale" });
  });

  it("own first change, then someone else's, then the own second change: stale (the user never saw the other change)", async () => {
    const item = await makeItem(t.db, { kind: "equipment", status: "in_service", zoneCode: "WH1-A" });
    const phone = await newDevice(ops);
    const other = await newDevice(otherOps);
    const first = changeLabel(phone, 1, toggle(item.id, "under_maintenance"), { from: "in_service", version: 1 });
    const second = changeLabel(phone, 2, toggle(item.id, "in_service"), { from: "under_maintenance", version: 2 });
    expect((await ops.sync.push(batch(phone, first))).results[0]).toMatchObject({ status: "applied" });
    await otherOps.sync.push(
      batch(
        other,
        changeLabel(other, 1, toggle(item.id, "in_service"), { from: "under_maintenance", version: 2 }),
        changeLabel(other, 2, toggle(item.id, "under_maintenance"), { from: "in_service", version: 3 }),
      ),
    );
    const answer = await ops.sync.push(batch(phone, second));
    expect(answer.results[0]).toMatchObject({ status: "rejected", reasonCode: "stale", details: { current: { version: 4 }, changedBy: "Test operations" } });
  });

  it("an earlier own change refused: the next one, made on the state it predicted, is stale (the user sees both)", async () => {
    const item = await makeItem(t.db, { status: "pending_disposal", zoneCode: "WH1-Q-DSP" });
    const d = await newDevice(keeper);
    const answer = await keeper.sync.push(
      batch(
        d,
        // a v2 scrap label without its photo: photo_required
        changeLabel(d, 1, { itemId: item.id, to: "scrapped", reason: "disposal_approved", zoneCode: "WH1-Q-SCR" }, { from: "pending_disposal", version: 1 }),
        changeLabel(d, 2, { itemId: item.id, to: "pending_disposal", reason: "beyond_repair", zoneCode: "WH1-Q-DSP" }, { from: "scrapped", version: 2 }),
      ),
    );
    expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual([
      ["rejected", "photo_required"],
      ["already_in_state", null],
    ]);
    const third = await keeper.sync.push(
      batch(
        d,
        changeLabel(
          d,
          3,
          { itemId: item.id, to: "scrapped", reason: "disposal_approved", zoneCode: "WH1-Q-SCR", photo: { mime: "image/jpeg", base64: "AAAA" } },
          { from: "pending_disposal", version: 3 },
        ),
      ),
    );
    expect(third.results[0]).toMatchObject({ status: "rejected", reasonCode: "stale", details: { current: { version: 1 }, seenVersion: 3 } });
  });

  it("concurrent phones, each with its own queue of changes made offline: every applied change was applied on the version its phone had seen", async () => {
    const item = await makeItem(t.db, { kind: "equipment", status: "in_service", zoneCode: "WH1-A" });
    const phones = await Promise.all(Array.from({ length: 6 }, (_, i) => newDevice(i % 2 ? ops : otherOps, `phone ${i}`)));
    const seen = await itemById(t.db, item.id); // every phone's last pull
    const sent = new Map<string, number>();
    const outcomes: string[] = [];
    await Promise.all(
      phones.map(async (d, i) => {
        const caller = i % 2 ? ops : otherOps;
        // five toggles queued offline on top of each other, `expected` as the phone fills it (its predicted state)
        const queue: TPendingLabelChange[] = [];
        for (let seq = 1; seq <= 5; seq++) {
          const p = predictLabel(seen, queue);
          queue.push({
            seq,
            args: { ...toggle(item.id, p.status === "in_service" ? "under_maintenance" : "in_service"), note: "" } as TPendingLabelChange["args"],
            expected: expectedFrom(p),
          });
        }
        const rng = prng(11 + i);
        for (const q of queue) {
          // phones answer out of step with one another (a seeded number of turns of the event loop)
          for (let k = rng.int(40); k > 0; k--) await new Promise(setImmediate);
          const m = changeLabel(d, q.seq, q.args, q.expected);
          sent.set(m.mutationId, q.expected.version);
          const r = (await caller.sync.push(batch(d, m))).results[0]!;
          outcomes.push(r.reasonCode ?? r.status);
        }
      }),
    );
    expect(outcomes.every((o) => o === "applied" || o === "already_in_state" || o === "stale")).toBe(true);
    const events = await t.db.select().from(itemLabelEvents).where(eq(itemLabelEvents.itemId, item.id));
    expect(events.length).toBeGreaterThan(0);
    const onNewer = events
      .filter((e) => e.versionAfter !== sent.get(e.mutationId!)! + 1)
      .map((e) => `v${e.versionAfter - 1}, phone saw v${sent.get(e.mutationId!)}`);
    expect(onNewer).toEqual([]);
  }, 60_000);
});
