/**
 * Issue 10, defect 5: a permanent label (returned, scrapped) needs a label photo, and a scrapped item leaves the
 * pending-disposal area for the area designated for scrap. Decided on the server through the offline mutation
 * (item.changeLabel v2): a change without a photo, or one keeping the item where it is, is rejected with a reason (the
 * queue moves on and the phone shows why on Needs attention). A v1 change, queued by a phone before these rules, is
 * judged by the rules it was made under (an old outbox is still accepted after a deploy).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { batch, changeLabel, deviceRow, itemById, makeItem, newDevice } from "@/tests/helpers/sync";

const PHOTO = { mime: "image/jpeg", base64: Buffer.from("a label photo").toString("base64") };

describe("item.changeLabel: permanent labels", () => {
  let t: TestDb;
  let keeper: Caller;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({ caller: keeper } = await login(t.db, "keeper", "keeper-demo1"));
  });
  afterAll(async () => t?.close());

  it("a scrap label without a photo is rejected with photo_required, and the next change still applies", async () => {
    const d = await newDevice(keeper);
    const item = await makeItem(t.db, { status: "pending_disposal", zoneCode: "WH1-Q-DSP" });
    const other = await makeItem(t.db, { status: "accepted", zoneCode: "WH1-A" });
    const answer = await keeper.sync.push(
      batch(
        d,
        changeLabel(d, 1, { itemId: item.id, to: "scrapped", reason: "disposal_approved", zoneCode: "WH1-Q-SCR" }, { from: "pending_disposal", version: 1 }),
        changeLabel(d, 2, { itemId: other.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 }),
      ),
    );
    expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual([
      ["rejected", "photo_required"],
      ["applied", null],
    ]);
    expect(answer.lastAppliedSeq).toBe(2);
    expect((await deviceRow(t.db, d))?.lastAppliedSeq).toBe(2);
    expect(await itemById(t.db, item.id)).toMatchObject({ status: "pending_disposal", zoneCode: "WH1-Q-DSP", version: 1 });
  });

  it("an old outbox (v1): a scrap label queued before the photo rule, without photo or designated area, still applies", async () => {
    const d = await newDevice(keeper);
    const item = await makeItem(t.db, { status: "pending_disposal", zoneCode: "WH1-Q-DSP" });
    const answer = await keeper.sync.push(
      batch(
        d,
        changeLabel(d, 1, { itemId: item.id, to: "scrapped", reason: "disposal_approved" }, { from: "pending_disposal", version: 1 }, { schemaVersion: 1 }),
      ),
    );
    expect(answer.results[0]).toMatchObject({ status: "applied" });
    expect(await itemById(t.db, item.id)).toMatchObject({ status: "scrapped", zoneCode: "WH1-Q-DSP", version: 2 });
  });

  it("a returned label without a photo is rejected too; with one it applies", async () => {
    const d = await newDevice(keeper);
    const item = await makeItem(t.db, { status: "pending_inspection", zoneCode: "WH1-IN" });
    const args = { itemId: item.id, to: "returned" as const, reason: "inspection_failed", zoneCode: "WH1-Q-RET" };
    const first = await keeper.sync.push(batch(d, changeLabel(d, 1, args, { from: "pending_inspection", version: 1 })));
    expect(first.results[0]).toMatchObject({ status: "rejected", reasonCode: "photo_required" });
    const second = await keeper.sync.push(batch(d, changeLabel(d, 2, { ...args, photo: PHOTO }, { from: "pending_inspection", version: 1 })));
    expect(second.results[0]).toMatchObject({ status: "applied" });
    expect(await itemById(t.db, item.id)).toMatchObject({ status: "returned", zoneCode: "WH1-Q-RET" });
  });

  it("scrapping cannot keep the item in the pending-disposal area: that zone is refused, the scrap area accepted", async () => {
    const d = await newDevice(keeper);
    const item = await makeItem(t.db, { status: "pending_disposal", zoneCode: "WH1-Q-DSP" });
    const stay = await keeper.sync.push(
      batch(
        d,
        changeLabel(
          d,
          1,
          { itemId: item.id, to: "scrapped", reason: "disposal_approved", zoneCode: "WH1-Q-DSP", photo: PHOTO },
          { from: "pending_disposal", version: 1 },
        ),
      ),
    );
    expect(stay.results[0]).toMatchObject({ status: "rejected", reasonCode: "quarantine_zone_required", details: { zoneFor: "scrapped" } });
    const wrong = await keeper.sync.push(
      batch(
        d,
        changeLabel(
          d,
          2,
          { itemId: item.id, to: "scrapped", reason: "disposal_approved", zoneCode: "WH1-Q-RET", photo: PHOTO },
          { from: "pending_disposal", version: 1 },
        ),
      ),
    );
    expect(wrong.results[0]).toMatchObject({ status: "rejected", reasonCode: "quarantine_zone_required" });
    const moved = await keeper.sync.push(
      batch(
        d,
        changeLabel(
          d,
          3,
          { itemId: item.id, to: "scrapped", reason: "disposal_approved", zoneCode: "WH1-Q-SCR", photo: PHOTO },
          { from: "pending_disposal", version: 1 },
        ),
      ),
    );
    expect(moved.results[0]).toMatchObject({ status: "applied" });
    expect(await itemById(t.db, item.id)).toMatchObject({ status: "scrapped", zoneCode: "WH1-Q-SCR" });
  });

  it("a scrap change naming no zone (the item would stay in the pending-disposal area) is rejected, the queue moves on", async () => {
    const d = await newDevice(keeper);
    const item = await makeItem(t.db, { status: "pending_disposal", zoneCode: "WH1-Q-DSP" });
    const answer = await keeper.sync.push(
      batch(d, changeLabel(d, 1, { itemId: item.id, to: "scrapped", reason: "disposal_approved", photo: PHOTO }, { from: "pending_disposal", version: 1 })),
    );
    expect(answer.results[0]).toMatchObject({ status: "rejected", reasonCode: "quarantine_zone_required" });
    expect(answer.lastAppliedSeq).toBe(1);
    expect(await itemById(t.db, item.id)).toMatchObject({ status: "pending_disposal", zoneCode: "WH1-Q-DSP" });
  });

  it("the seeded quarantine areas are designated for their labels (zones feed carries holds to the phone)", async () => {
    const zones = await keeper.items.zones();
    expect(Object.fromEntries(zones.filter((z) => z.kind === "quarantine").map((z) => [z.code, z.holds]))).toEqual({
      "WH1-Q-DSP": "pending_disposal",
      "WH1-Q-RET": "returned",
      "WH1-Q-SCR": "scrapped",
    });
  });
});
