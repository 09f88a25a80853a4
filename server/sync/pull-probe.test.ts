import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { zones } from "@/db/schema";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { batch, changeLabel, feedRows, makeItem, newDevice, pullCaughtUp } from "@/tests/helpers/sync";
import { FEEDS } from "./domains";

/**
 * ADR 0045: a pull first asks which feeds' tables hold a transaction its cursor has not seen, and queries only those
 * feeds. Spied, not replaced: each feed's own query still runs when it is asked.
 */
describe("a pull queries only the feeds with something past its cursor", () => {
  let t: TestDb;
  let keeper: Caller; // an item-handling phone
  let device: string;
  let cursor: string;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({ caller: keeper } = await login(t.db, "keeper", "keeper-demo1"));
    device = await newDevice(keeper);
    cursor = (await pullCaughtUp(keeper, device, t.db)).at(-1)!.cursor;
  });
  afterAll(async () => t?.close());
  afterEach(() => vi.restoreAllMocks());

  const spies = () => ({
    items: vi.spyOn(FEEDS.items, "rows"),
    events: vi.spyOn(FEEDS.events, "rows"),
    complaints: vi.spyOn(FEEDS.myComplaints, "rows"),
    zones: vi.spyOn(FEEDS.zones, "rows"),
    licenses: vi.spyOn(FEEDS.licenses, "rows"),
    // never skipped (its index leads with the recipient): asked on every pull
    notices: vi.spyOn(FEEDS.notices, "rows"),
  });

  it("a label change: the item feeds are queried and send it; the registries, zones and complaints are not queried", async () => {
    const item = await makeItem(t.db, { status: "accepted", zoneCode: "WH1-A" });
    const s = spies();
    const pages = await pullCaughtUp(keeper, device, t.db, cursor);
    cursor = pages.at(-1)!.cursor;
    expect(feedRows(pages, "items").map((i) => i.id)).toContain(item.id);
    expect(s.items).toHaveBeenCalled();
    expect(s.notices).toHaveBeenCalled();
    expect(s.complaints).not.toHaveBeenCalled();
    expect(s.zones).not.toHaveBeenCalled();
    expect(s.licenses).not.toHaveBeenCalled();
    vi.restoreAllMocks();

    // the change pushed from this phone: its item and its label event come back, nothing else is asked
    const s2 = spies();
    const change = changeLabel(device, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 });
    expect((await keeper.sync.push(batch(device, change))).results[0]).toMatchObject({ status: "applied" });
    const after = await pullCaughtUp(keeper, device, t.db, cursor);
    cursor = after.at(-1)!.cursor;
    expect(feedRows(after, "events").map((e) => e.itemId)).toContain(item.id);
    expect(s2.events).toHaveBeenCalled();
    expect(s2.complaints).not.toHaveBeenCalled();
  });

  it("nothing new anywhere: only the feeds that are never skipped are queried, and the pull is empty", async () => {
    const s = spies();
    const pages = await pullCaughtUp(keeper, device, t.db, cursor);
    cursor = pages.at(-1)!.cursor;
    for (const feed of ["items", "events", "complaints", "zones", "licenses"] as const) expect(s[feed]).not.toHaveBeenCalled();
    expect(feedRows(pages, "items")).toEqual([]);
    expect(feedRows(pages, "events")).toEqual([]);
  });

  it("a zone added at the office: the zones feed is asked again and sends it; the item feeds are not asked", async () => {
    const s = spies();
    await t.db.insert(zones).values({ code: "WH1-PROBE", siteCode: "WH1", kind: "stock", nameZh: "探测区", nameEn: "Probe zone" });
    const pages = await pullCaughtUp(keeper, device, t.db, cursor);
    cursor = pages.at(-1)!.cursor;
    expect(feedRows(pages, "zones").map((z) => z.code)).toEqual(["WH1-PROBE"]);
    expect(s.zones).toHaveBeenCalled();
    expect(s.items).not.toHaveBeenCalled();
    expect(s.events).not.toHaveBeenCalled();
  });
});
