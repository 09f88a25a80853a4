/** Issue 16: several photos per item of a round (ZRoundResult.photos), and the one `photo` older phones still send. */
import { describe, expect, test } from "vitest";
import { MAX_PHOTO_BYTES } from "@/domain/items/limits";
import { MAX_SINGLE_MUTATION_BYTES } from "@/domain/sync/limits";
import { CATALOGUES } from "@/messages/catalogue";
import { MAX_ROUND_ITEM_PHOTOS } from "./model";
import { ZRoundResult, ZRoundSubmitArgs } from "./schemas";
import { accepted, AT, ID, issues, PHOTO, refusedAt, SIGNATURE, uuid } from "./schemas.fixtures";

const photo = (n: number) => ({ mime: "image/jpeg", base64: Buffer.from(`photo ${n} of the earthing bar`).toString("base64") });
const photos = (k: number) => Array.from({ length: k }, (_, i) => photo(i + 1));
const pass = (over: Record<string, unknown> = {}) => ({ itemId: uuid(1), result: "pass", ...over });

describe("ZRoundResult photos", () => {
  test("the limit is four (model.ts says why)", () => {
    expect(MAX_ROUND_ITEM_PHOTOS).toBe(4);
  });

  test("a result as an old phone queued it, with one `photo`, is accepted and read as a list of one", () => {
    const r = accepted(ZRoundResult, pass({ photo: PHOTO }));
    expect(r).toEqual({ itemId: uuid(1), result: "pass", measurement: "", note: "", photos: [PHOTO] });
    expect(r).not.toHaveProperty("photo");
    // and without a photo, as before: none
    expect(accepted(ZRoundResult, pass()).photos).toEqual([]);
  });

  test("photos up to the limit, kept in the order taken; one more is refused (property.validation.tooManyPhotos)", () => {
    for (let k = 0; k <= MAX_ROUND_ITEM_PHOTOS; k++) expect(accepted(ZRoundResult, pass({ photos: photos(k) })).photos).toEqual(photos(k));
    expect(issues(ZRoundResult, pass({ photos: photos(MAX_ROUND_ITEM_PHOTOS + 1) }))).toEqual([
      { path: "photos", message: "property.validation.tooManyPhotos" },
    ]);
  });

  test("`photo` and photos together are refused (property.validation.photoAndPhotos); `photo` beside no photos is the old way", () => {
    expect(issues(ZRoundResult, pass({ photo: PHOTO, photos: [photo(1)] }))).toEqual([{ path: "photos", message: "property.validation.photoAndPhotos" }]);
    expect(issues(ZRoundResult, pass({ photo: PHOTO, photos: photos(2) }))).toEqual([{ path: "photos", message: "property.validation.photoAndPhotos" }]);
    expect(accepted(ZRoundResult, pass({ photo: PHOTO, photos: [] })).photos).toEqual([PHOTO]);
    // beside a fail without its note, both problems are named
    expect(issues(ZRoundResult, { itemId: uuid(1), result: "fail", photo: PHOTO, photos: [photo(1)] })).toEqual([
      { path: "note", message: "property.validation.failNote" },
      { path: "photos", message: "property.validation.photoAndPhotos" },
    ]);
  });

  test("each photo is checked like any evidence photo (type, encoding, size)", () => {
    refusedAt(ZRoundResult, pass({ photos: [photo(1), { mime: "application/pdf", base64: "AAAA" }] }), "photos.1.mime");
    refusedAt(ZRoundResult, pass({ photos: [{ mime: "image/png", base64: "%%%%" }] }), "photos.0.base64", "validation.photoEncoding");
    const largest = "A".repeat(Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 4);
    accepted(ZRoundResult, pass({ photos: [{ mime: "image/jpeg", base64: largest }] }));
    refusedAt(ZRoundResult, pass({ photos: [{ mime: "image/jpeg", base64: `${largest}AAAA` }] }), "photos.0.base64", "validation.photoTooLarge");
    refusedAt(ZRoundResult, pass({ photos: "not a list" }), "photos");
  });

  test("a submission mixing an old result and new ones parses; what the server reads has `photos` only", () => {
    const args = accepted(ZRoundSubmitArgs, {
      roundId: ID,
      results: [pass({ photo: PHOTO }), pass({ itemId: uuid(2), photos: photos(3) }), pass({ itemId: uuid(3) })],
      signatures: [{ userId: uuid(100), signature: SIGNATURE }],
      inspectedAt: AT,
    });
    expect(args.results.map((r) => r.photos.length)).toEqual([1, 3, 0]);
    expect(args.results.some((r) => "photo" in r)).toBe(false);
    // what the phone queues today (the parsed args) parses again to the same
    expect(accepted(ZRoundSubmitArgs, args)).toEqual(args);
  });

  test("the messages are in both catalogues, and say the limit", () => {
    for (const locale of ["en", "zh-CN"] as const) {
      const validation = (CATALOGUES[locale] as unknown as { property: { validation: Record<string, unknown> } }).property.validation;
      for (const key of ["tooManyPhotos", "photoAndPhotos"]) expect(typeof validation[key], `${locale} ${key}`).toBe("string");
      expect(validation.tooManyPhotos).toContain(String(MAX_ROUND_ITEM_PHOTOS));
    }
  });
});

describe("why four: an item with every photo at its largest fits one change", () => {
  const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v)).length;
  const largest = { mime: "image/jpeg", base64: "A".repeat(Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 4) };
  /** A part carrying one item alone, every text at its longest in 3-byte characters, wrapped as the phone sends it. */
  const envelope = (k: number) => {
    const args = {
      roundId: ID,
      results: [{ itemId: uuid(1), result: "fail", measurement: "字".repeat(60), note: "字".repeat(500), photos: Array.from({ length: k }, () => largest) }],
      signatures: [],
      note: "字".repeat(1000),
      inspectedAt: "2026-03-10T10:15:00.000+08:00",
      final: false,
    };
    return {
      mutationId: "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b",
      deviceId: "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2c",
      seq: Number.MAX_SAFE_INTEGER,
      name: "propertyRound.submit",
      schemaVersion: 1,
      args,
      clientTime: "2026-03-10T02:15:00.000Z",
    };
  };

  test("MAX_ROUND_ITEM_PHOTOS photos at MAX_PHOTO_BYTES fit MAX_SINGLE_MUTATION_BYTES; one more would not", () => {
    const worst = envelope(MAX_ROUND_ITEM_PHOTOS);
    // the schema accepts it (every limit at its edge), and it fits one change, with room to spare
    expect(ZRoundSubmitArgs.safeParse(worst.args).success).toBe(true);
    expect(bytes(worst)).toBeLessThanOrEqual(MAX_SINGLE_MUTATION_BYTES);
    expect(bytes(worst)).toBeLessThan(995_000);
    // the arithmetic of model.ts: 245,764 base64 characters a photo, four of them 983,056
    expect(largest.base64.length).toBe(245_764);
    expect(bytes(envelope(MAX_ROUND_ITEM_PHOTOS + 1))).toBeGreaterThan(MAX_SINGLE_MUTATION_BYTES);
  });
});
