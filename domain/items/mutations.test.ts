import { describe, expect, it } from "vitest";
import { MAX_BATCH_BYTES, ZPushInput } from "@/domain/sync/protocol";
import { MAX_PHOTO_BYTES, ZChangeLabelArgs, ZChangeLabelExpected, ZPhoto } from "./mutations";

const ITEM = "6f1c8d1e-2f4b-4c55-9a0e-1b2c3d4e5f60";

describe("item.changeLabel v1 arguments", () => {
  it("trims the note and defaults it to empty; trims the zone code", () => {
    expect(ZChangeLabelArgs.parse({ itemId: ITEM, to: "accepted", reason: "inspection_passed" }).note).toBe("");
    const a = ZChangeLabelArgs.parse({ itemId: ITEM, to: "accepted", reason: "other", note: "  ok  ", zoneCode: " WH1-A " });
    expect(a).toMatchObject({ note: "ok", zoneCode: "WH1-A" });
  });

  it("refuses unknown statuses, reasons, a non-uuid item, a blank or long zone code, a long note", () => {
    const ok = { itemId: ITEM, to: "accepted", reason: "inspection_passed" };
    expect(ZChangeLabelArgs.safeParse(ok).success).toBe(true);
    for (const bad of [
      { ...ok, to: "lost" },
      { ...ok, reason: "because" },
      { ...ok, itemId: "ST-000101" },
      { ...ok, zoneCode: "   " },
      { ...ok, zoneCode: "Z".repeat(41) },
      { ...ok, note: "n".repeat(501) },
      { ...ok, geo: { lat: 91, lng: 0 } },
      { ...ok, geo: { lat: 0, lng: 181 } },
      { ...ok, geo: { lat: 0, lng: 0, accuracy: -1 } },
    ]) {
      expect(ZChangeLabelArgs.safeParse(bad).success, JSON.stringify(bad).slice(0, 120)).toBe(false);
    }
  });

  it("a person responsible for a quarantine label is optional (v1 and v2 outboxes lack it) and must be a uuid", () => {
    const ok = { itemId: ITEM, to: "pending_disposal", reason: "obsolete", zoneCode: "WH1-Q-DSP" };
    expect(ZChangeLabelArgs.parse(ok).responsibleId).toBeUndefined();
    expect(ZChangeLabelArgs.parse({ ...ok, responsibleId: ITEM }).responsibleId).toBe(ITEM);
    expect(ZChangeLabelArgs.safeParse({ ...ok, responsibleId: "keeper" }).success).toBe(false);
  });

  it("expected is a known status and a positive integer version", () => {
    expect(ZChangeLabelExpected.safeParse({ from: "accepted", version: 1 }).success).toBe(true);
    expect(ZChangeLabelExpected.safeParse({ from: "accepted", version: 0 }).success).toBe(false);
    expect(ZChangeLabelExpected.safeParse({ from: "accepted", version: 1.5 }).success).toBe(false);
    expect(ZChangeLabelExpected.safeParse({ from: "gone", version: 1 }).success).toBe(false);
    expect(ZChangeLabelExpected.safeParse(undefined).success).toBe(false);
  });
});

describe("evidence photo", () => {
  const base64Of = (bytes: number) => Buffer.alloc(bytes, 0xab).toString("base64");

  it("accepts a photo of MAX_PHOTO_BYTES and refuses a larger one", () => {
    expect(ZPhoto.safeParse({ mime: "image/jpeg", base64: base64Of(MAX_PHOTO_BYTES) }).success).toBe(true);
    const tooBig = ZPhoto.safeParse({ mime: "image/jpeg", base64: base64Of(MAX_PHOTO_BYTES + 4) });
    expect(tooBig.success).toBe(false);
    expect(tooBig.error?.issues[0]?.message).toBe("validation.photoTooLarge");
  });

  it("refuses other types and text that is not base64", () => {
    expect(ZPhoto.safeParse({ mime: "image/gif", base64: "AAAA" }).success).toBe(false);
    expect(ZPhoto.safeParse({ mime: "image/png", base64: "not base64!" }).success).toBe(false);
    expect(ZPhoto.safeParse({ mime: "image/png", base64: "data:image/png;base64,AAAA" }).success).toBe(false);
  });

  /**
   * A queued change is sent in a batch of at most MAX_BATCH_BYTES; the server refuses a larger batch as a whole.
   * If one valid change could be larger than that, it could never be sent and would block its device's outbox
   * for ever. So the largest change the schema accepts must fit in a batch on its own.
   */
  it("the largest valid change (photo, note, zone, geo at their limits) fits in one push batch", () => {
    // Control characters (six bytes each in JSON) are refused now (domain/text/rules.ts); the worst that passes is
    // three UTF-8 bytes per UTF-16 unit (CJK).
    const worst = (n: number) => "中".repeat(n);
    const args = ZChangeLabelArgs.parse({
      itemId: ITEM,
      to: "under_maintenance",
      reason: "routine_maintenance",
      note: worst(500),
      zoneCode: worst(40),
      geo: { lat: -89.12345678901235, lng: -179.12345678901235, accuracy: 99_999.123456789 }, // as many digits as a double holds
      photo: { mime: "image/jpeg", base64: base64Of(MAX_PHOTO_BYTES) },
    });
    const batch = ZPushInput.parse({
      deviceId: "0b6e1c2a-8c0f-4a61-9d53-7f1f8a0b4c21",
      mutations: [
        {
          mutationId: "01920000-0000-7000-8000-000000000001",
          deviceId: "0b6e1c2a-8c0f-4a61-9d53-7f1f8a0b4c21",
          seq: 2_147_483_647,
          name: "item.changeLabel",
          schemaVersion: 1,
          args,
          expected: { from: "under_maintenance", version: 2_147_483_647 },
          clientTime: "2026-11-25T20:28:22.123456+08:00",
        },
      ],
    });
    const bytes = new TextEncoder().encode(JSON.stringify(batch)).length;
    expect(bytes).toBeLessThanOrEqual(MAX_BATCH_BYTES);
  });
});
