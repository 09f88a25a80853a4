import "fake-indexeddb/auto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { inArray } from "drizzle-orm";
import { openDB } from "idb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SyncEngine } from "@/client/sync/engine";
import { IdbSyncStore } from "@/client/sync/idb-store";
import type { OutboxRecord } from "@/client/sync/types";
import { items, mutationResults } from "@/db/schema";
import type { TItemKind, TItemStatus } from "@/domain/items/labels";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { labelEventsOf } from "@/tests/helpers/sync";
import { callerTransport } from "@/tests/helpers/sync-transport";

interface Fixture {
  deviceId: string;
  items: { id: string; tagCode: string; kind: TItemKind; status: TItemStatus; zoneCode: string }[];
  sent: OutboxRecord[];
  outbox: OutboxRecord[];
  expect: {
    results: { seq: number; status: string; reasonCode: string | null }[];
    items: { id: string; status: TItemStatus; version: number; zoneCode: string }[];
  };
}

const fixture = JSON.parse(readFileSync(path.join(process.cwd(), "tests/fixtures/sync/outbox-v1.json"), "utf8")) as Fixture;
const envelope = ({ userId: _u, ...m }: OutboxRecord) => m;

describe("an outbox written by an old build (schema version 1) is still accepted", () => {
  let t: TestDb;
  let keeper: Caller;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({ caller: keeper } = await login(t.db, "keeper", "keeper-demo1"));
    await t.db.insert(items).values(fixture.items.map((i) => ({ ...i, name: `fixture ${i.tagCode}` })));
  });
  afterAll(async () => t?.close());

  it("the fixture is what it says: v1 of known names, consecutive seqs, one device", () => {
    const all = [...fixture.sent, ...fixture.outbox];
    expect(all.map((m) => m.seq)).toEqual(all.map((_, i) => i + 1));
    for (const m of all) {
      expect(m.schemaVersion).toBe(1);
      expect(["item.changeLabel", "rejection.resolve"]).toContain(m.name);
      expect(m.deviceId).toBe(fixture.deviceId);
    }
  });

  it("the real engine sends the stored outbox as it is; every mutation is answered as before the deploy", async () => {
    await keeper.sync.registerDevice({ deviceId: fixture.deviceId, label: "old build" });
    // what the old build had already sent: a rejected change, which the queued seq 4 resolves
    const sent = await keeper.sync.push({ deviceId: fixture.deviceId, mutations: fixture.sent.map(envelope) });
    expect(sent.results.map((r) => [r.seq, r.status, r.reasonCode])).toEqual([[1, "rejected", "invalid_transition"]]);

    // the phone's IndexedDB as the old build left it: database version 1, its stores frozen here
    const name = `contract-v1-${Date.now()}`;
    const raw = await openDB(name, 1, {
      upgrade(d) {
        d.createObjectStore("meta", { keyPath: "key" });
        d.createObjectStore("outbox", { keyPath: "mutationId" }).createIndex("byDeviceSeq", ["deviceId", "seq"], { unique: true });
        const items = d.createObjectStore("items", { keyPath: "id" });
        items.createIndex("byTag", "tagCode", { unique: true });
        items.createIndex("byZone", "zoneCode");
        d.createObjectStore("zones", { keyPath: "code" });
        d.createObjectStore("events", { keyPath: "id" }).createIndex("byItem", "itemId");
        d.createObjectStore("rejections", { keyPath: "mutationId" }).createIndex("byDevice", "deviceId");
      },
    });
    for (const rec of fixture.outbox) await raw.put("outbox", rec);
    await raw.put("meta", { key: `seq:${fixture.deviceId}`, value: fixture.outbox.at(-1)!.seq });
    await raw.put("meta", { key: `registered:${fixture.deviceId}`, value: true });
    raw.close();
    // the new build opens (and upgrades) it: the outbox must survive the upgrade untouched
    const store = await IdbSyncStore.open(name);
    expect(await store.pendingCount(fixture.deviceId)).toBe(fixture.outbox.length);

    const engine = new SyncEngine({ store, transport: callerTransport(keeper), deviceId: fixture.deviceId, lock: async (_n, fn) => fn() });
    const outcome = await engine.flush();
    expect(outcome).toEqual({ ok: true, pushed: fixture.outbox.length, pulled: true });
    expect(await store.pendingCount(fixture.deviceId)).toBe(0);

    const stored = await t.db
      .select()
      .from(mutationResults)
      .where(
        inArray(
          mutationResults.mutationId,
          fixture.outbox.map((m) => m.mutationId),
        ),
      );
    expect(stored.sort((a, b) => a.seq - b.seq).map((r) => ({ seq: r.seq, status: r.status, reasonCode: r.reasonCode }))).toEqual(fixture.expect.results);
    for (const want of fixture.expect.items) {
      const row = (
        await t.db
          .select()
          .from(items)
          .where(inArray(items.id, [want.id]))
      )[0];
      expect(row).toMatchObject(want);
    }
    const first = await labelEventsOf(t.db, fixture.items[0]!.id);
    expect(first.map((e) => [e.toStatus, e.note, e.lat, e.clientTime?.toISOString()])).toEqual([
      ["accepted", "", 30.2741, "2026-03-02T01:20:11.482Z"],
      ["in_use", "领用 WO-2026-000101", null, "2026-03-02T01:21:40.005Z"],
    ]);
    // the resolved rejection is not waiting for attention any more, neither on the server nor on the phone
    expect(await store.rejections(fixture.deviceId)).toEqual([]);
    const [resolved] = await t.db
      .select()
      .from(mutationResults)
      .where(inArray(mutationResults.mutationId, [fixture.sent[0]!.mutationId]));
    expect(resolved).toMatchObject({ resolution: "reissued" });
    store.close();
  });
});
