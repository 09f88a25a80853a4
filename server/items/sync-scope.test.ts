import "fake-indexeddb/auto";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IdbSyncStore } from "@/client/sync/idb-store";
import type { PullPage } from "@/client/sync/contract";
import { acceptanceForms, acceptanceLines, itemLabelEvents, items, receiptLines, receipts, sites, stockEvents, zones } from "@/db/schema";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { feedRows, makeItem, newDevice, pullCaughtUp } from "@/tests/helpers/sync";
import { makeUser } from "@/tests/helpers/users";

/** Scoped pulls (ADR 0042): a phone keeps its user's sites' items and the items they hold; what leaves is tombstoned. */
describe("item feeds scoped by the user's sites, with tombstones", () => {
  let t: TestDb;
  let admin: Caller;
  const phone: Record<"a" | "b" | "all" | "lineman", { caller: Caller; id: string }> = {} as never;

  const label = (itemId: string, note: string) =>
    t.db.insert(itemLabelEvents).values({ itemId, fromStatus: "accepted", toStatus: "accepted", reason: "relabel", note, versionAfter: 1 } as never);
  const stock = (itemId: string) => t.db.insert(stockEvents).values({ itemId, kind: "issued", quantity: 1, at: new Date() } as never);
  const moveTo = (itemId: string, zoneCode: string) => t.db.update(items).set({ zoneCode }).where(eq(items.id, itemId));

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({ caller: admin } = await login(t.db, "admin", "admin-demo-1"));
    for (const s of ["SA", "SB", "SC"]) {
      await t.db.insert(sites).values({ code: s, nameZh: s, nameEn: s, address: s });
      await t.db.insert(zones).values({ code: `${s}-1`, siteCode: s, kind: "stock", nameZh: s, nameEn: s });
    }
    const mk = async (role: "warehouse_keeper" | "lineman", siteCodes: string[]) => {
      const u = await makeUser(t.db, { role, password: "scope-test-pw-1" });
      if (siteCodes.length > 0) await admin.users.setSites({ userId: u.id, siteCodes });
      return { caller: (await login(t.db, u.username, "scope-test-pw-1")).caller, id: u.id };
    };
    phone.a = await mk("warehouse_keeper", ["SA"]);
    phone.b = await mk("warehouse_keeper", ["SB"]);
    phone.all = await mk("warehouse_keeper", []);
    phone.lineman = await mk("lineman", ["SC"]);
  });
  afterAll(async () => t?.close());

  it("a user at site A pulls site A's items and their events only; a user with no site gets every site's", async () => {
    const inA = await makeItem(t.db, { zoneCode: "SA-1" });
    const inB = await makeItem(t.db, { zoneCode: "SB-1" });
    await label(inA.id, "a");
    await label(inB.id, "b");
    await stock(inA.id);
    await stock(inB.id);
    const pages = await pullCaughtUp(phone.a.caller, await newDevice(phone.a.caller), t.db);
    const ids = feedRows(pages, "items").map((i) => i.id);
    expect(ids).toContain(inA.id);
    expect(ids).not.toContain(inB.id);
    expect(ids).not.toContain((await makeItemIn("WH1-A")).id);
    expect(new Set(feedRows(pages, "events").map((e) => e.itemId))).toEqual(new Set([inA.id]));
    expect(new Set(feedRows(pages, "stockEvents").map((e) => e.itemId))).toEqual(new Set([inA.id]));
    const everything = await pullCaughtUp(phone.all.caller, await newDevice(phone.all.caller), t.db);
    expect(feedRows(everything, "items").map((i) => i.id)).toEqual(expect.arrayContaining([inA.id, inB.id]));
    expect(feedRows(everything, "itemsLeft")).toEqual([]);
  });

  async function makeItemIn(zoneCode: string) {
    return makeItem(t.db, { zoneCode });
  }

  it("an item moved A → B reaches B's phone with its history and is tombstoned on A's, also after A → B → C", async () => {
    const devA = await newDevice(phone.a.caller);
    const devB = await newDevice(phone.b.caller);
    const once = await makeItemIn("SA-1");
    const twice = await makeItemIn("SA-1");
    await label(once.id, "before the move");
    await stock(twice.id);
    const a0 = await pullCaughtUp(phone.a.caller, devA, t.db);
    const b0 = await pullCaughtUp(phone.b.caller, devB, t.db);
    expect(feedRows(a0, "items").map((i) => i.id)).toEqual(expect.arrayContaining([once.id, twice.id]));
    expect(feedRows(b0, "items").map((i) => i.id)).not.toContain(once.id);

    await moveTo(once.id, "SB-1");
    await moveTo(twice.id, "SB-1");
    await moveTo(twice.id, "SC-1");
    const a1 = await pullCaughtUp(phone.a.caller, devA, t.db, a0.at(-1)!.cursor);
    expect(
      feedRows(a1, "itemsLeft")
        .map((r) => r.itemId)
        .sort(),
    ).toEqual([once.id, twice.id].sort());
    expect(feedRows(a1, "items").map((i) => i.id)).not.toContain(once.id);
    const b1 = await pullCaughtUp(phone.b.caller, devB, t.db, b0.at(-1)!.cursor);
    expect(feedRows(b1, "items").map((i) => i.id)).toContain(once.id);
    expect(feedRows(b1, "items").map((i) => i.id)).not.toContain(twice.id);
    // the label event written before the move is below B's cursor by its own txid: it comes with the move
    expect(feedRows(b1, "events").map((e) => e.note)).toContain("before the move");
    // B held `twice` for a moment only: nothing of it stays (it never came, its tombstone drops nothing)
    expect(feedRows(b1, "stockEvents").map((e) => e.itemId)).not.toContain(twice.id);

    // a move that came back before A pulled is no tombstone
    const back = await makeItemIn("SA-1");
    const a2from = (await pullCaughtUp(phone.a.caller, devA, t.db, a1.at(-1)!.cursor)).at(-1)!.cursor;
    await moveTo(back.id, "SB-1");
    await moveTo(back.id, "SA-1");
    const a2 = await pullCaughtUp(phone.a.caller, devA, t.db, a2from);
    expect(feedRows(a2, "itemsLeft").map((r) => r.itemId)).not.toContain(back.id);
    expect(feedRows(a2, "items").map((i) => i.id)).toContain(back.id);
  });

  it("receipts, their lines and Quality Acceptance Forms reach the keepers of the receipt's site only", async () => {
    const receive = async (zone: string) => {
      const item = await makeItemIn(zone);
      const [r] = await t.db
        .insert(receipts)
        .values({
          id: randomUUID(),
          code: `RC-${zone}-${item.id.slice(0, 8)}`,
          purchaseRequest: "PR-1",
          department: "terminal_service",
          supplier: "S",
          deliveryNote: "DN-1",
          inspectionZone: zone,
          status: "pending_inspection",
          receivedBy: phone.all.id,
          receivedAt: new Date(),
        } as never)
        .returning();
      await t.db
        .insert(receiptLines)
        .values({ id: randomUUID(), receiptId: r!.id, lineNo: 1, materialCode: "MAT-ONU-HG8245", quantity: 1, unit: "piece", serialised: true } as never);
      const [f] = await t.db
        .insert(acceptanceForms)
        .values({
          receiptId: r!.id,
          code: `QA-${zone}-${item.id.slice(0, 8)}`,
          department: "terminal_service",
          inspectorId: phone.all.id,
          signatureSha256: "0".repeat(64),
        } as never)
        .returning();
      await t.db.insert(acceptanceLines).values({ formId: f!.id, itemId: item.id, accepted: 1, rejected: 0 } as never);
      return { receipt: r!.id, form: f!.id };
    };
    const a = await receive("SA-1");
    const b = await receive("SB-1");
    const pages = await pullCaughtUp(phone.a.caller, await newDevice(phone.a.caller), t.db);
    expect(feedRows(pages, "receipts").map((r) => r.id)).toEqual([a.receipt]);
    expect(feedRows(pages, "receiptLines").map((l) => l.receiptId)).toEqual([a.receipt]);
    expect(feedRows(pages, "acceptanceForms").map((f) => f.id)).toEqual([a.form]);
    expect(feedRows(pages, "acceptanceLines").map((l) => l.formId)).toEqual([a.form]);
    const everything = await pullCaughtUp(phone.all.caller, await newDevice(phone.all.caller), t.db);
    expect(feedRows(everything, "receipts").map((r) => r.id)).toEqual(expect.arrayContaining([a.receipt, b.receipt]));
    expect(feedRows(everything, "acceptanceLines").map((l) => l.formId)).toEqual(expect.arrayContaining([a.form, b.form]));
  });

  it("an item issued to a lineman reaches them and leaves when returned; the phone drops it and its events", async () => {
    const dev = await newDevice(phone.lineman.caller);
    const item = await makeItemIn("SA-1");
    const p0 = await pullCaughtUp(phone.lineman.caller, dev, t.db);
    expect(feedRows(p0, "items").map((i) => i.id)).not.toContain(item.id);
    await label(item.id, "before the issue");
    await t.db.update(items).set({ holderId: phone.lineman.id }).where(eq(items.id, item.id));
    const p1 = await pullCaughtUp(phone.lineman.caller, dev, t.db, p0.at(-1)!.cursor);
    expect(feedRows(p1, "items").map((i) => i.id)).toContain(item.id);
    expect(feedRows(p1, "events").map((e) => e.note)).toContain("before the issue");

    // through the phone's own store: the return's tombstone deletes the item and its events in the pull's transaction
    const store = await IdbSyncStore.open(`scope-${Date.now()}`);
    for (const page of [...p0, ...p1]) await store.applyPull(dev, page as unknown as PullPage);
    expect(await store.get("items", item.id)).toBeDefined();
    expect((await store.getAllFromIndex("events", "byItem", item.id)).length).toBeGreaterThan(0);
    await t.db.update(items).set({ holderId: null }).where(eq(items.id, item.id));
    const p2 = await pullCaughtUp(phone.lineman.caller, dev, t.db, p1.at(-1)!.cursor);
    expect(feedRows(p2, "itemsLeft").map((r) => r.itemId)).toContain(item.id);
    for (const page of p2) await store.applyPull(dev, page as unknown as PullPage);
    expect(await store.get("items", item.id)).toBeUndefined();
    expect(await store.getAllFromIndex("events", "byItem", item.id)).toEqual([]);
    store.close();
  });

  it("adding or removing a site changes the scope key: the phone drops its cache and pulls again", async () => {
    const dev = await newDevice(phone.b.caller);
    const store = await IdbSyncStore.open(`scope-key-${Date.now()}`);
    const first = await phone.b.caller.sync.pull({ deviceId: dev, cursor: "0" });
    expect(first.scope).toBe(`${phone.b.id}:warehouse_keeper:SB`);
    expect(await store.applyPull(dev, first as unknown as PullPage)).toBe("applied");
    await admin.users.setSites({ userId: phone.b.id, siteCodes: ["SB", "SC"] });
    const second = await phone.b.caller.sync.pull({ deviceId: dev, cursor: first.cursor });
    expect(second.scope).toBe(`${phone.b.id}:warehouse_keeper:SB,SC`);
    expect(await store.applyPull(dev, second as unknown as PullPage)).toBe("restart");
    expect(await store.count("items")).toBe(0);
    expect(await store.cursor(dev)).toBe("0");
    await admin.users.setSites({ userId: phone.b.id, siteCodes: [] });
    expect((await phone.b.caller.sync.pull({ deviceId: dev, cursor: "0" })).scope).toBe(`${phone.b.id}:warehouse_keeper`);
    await expect(admin.users.setSites({ userId: phone.b.id, siteCodes: ["NOPE"] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await admin.users.setSites({ userId: phone.b.id, siteCodes: ["SB"] });
    store.close();
  });
});
