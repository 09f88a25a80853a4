/** Issue 16 on the phone: several photos per item — the drafts saved before, the photo rules, and the parts. */
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { uuidv7 } from "uuidv7";
import { IdbSyncStore } from "@/client/sync/idb-store";
import { MAX_PHOTO_BYTES } from "@/domain/items/limits";
import { MAX_ROUND_ITEM_PHOTOS } from "@/domain/property/model";
import { ZRoundSubmitArgs } from "@/domain/property/schemas";
import { MAX_SINGLE_MUTATION_BYTES } from "@/domain/sync/limits";
import { loadRound, normaliseDraft, normaliseResult, roundDraftKey } from "./draft-store";
import {
  canAddPhoto,
  newRoundDraft,
  putResult,
  putSignature,
  roundParts,
  ROUND_PART_BYTES,
  submitArgsOf,
  withoutPhoto,
  withPhoto,
  type DraftPhoto,
  type DraftSignature,
  type TRoundFacts,
} from "./round";
import { queuedRoundParts, submitRound } from "./round-store";
import { DEVICE, USER as LINEMAN } from "@/client/sync/idb-store.fixtures";

const SERVICE = "5c9f3f71-2d2f-4a7b-8e8f-3b4c5d6e7f80";
let n = 0;
const open = () => IdbSyncStore.open(`property-round-photos-${Date.now()}-${n++}`);

/** A photo whose base64 is `chars` long (the largest the schema takes: LARGEST). */
const LARGEST = Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 4;
const photo = (chars = 4096, tag = "A"): DraftPhoto => ({
  mime: "image/jpeg",
  base64: tag.repeat(chars),
  bytes: Math.floor((chars * 3) / 4),
  takenAt: "2026-12-06T10:00:00.000Z",
});
const sig = (): DraftSignature => ({
  mime: "image/png",
  base64: "B".repeat(40 * 1024),
  strokes: [{ points: [{ x: 1, y: 2, time: 3 }] }],
  sha256: "0".repeat(64),
  signedAt: "2026-12-06T10:30:00.000Z",
});

function round(items: number): TRoundFacts {
  return {
    id: uuidv7(),
    status: "scheduled",
    inspectors: [
      { userId: LINEMAN, name: "Li Lineman", department: "terminal_service" },
      { userId: SERVICE, name: "Sun Service", department: "customer_service" },
    ],
    items: Array.from({ length: items }, (_, i) => ({
      itemId: uuidv7(),
      clause: `${i + 1}`,
      group: "G",
      textZh: `项目 ${i + 1}`,
      textEn: `Item ${i + 1}`,
      unit: null,
      sort: i,
      previous: null,
    })),
  };
}

/** Every item failed with the longest note, `k` photos of `chars` each; both inspectors signed. */
function recorded(r: TRoundFacts, k: number, chars: number) {
  let d = newRoundDraft(r.id);
  for (const i of r.items) {
    d = putResult(d, i.itemId, {
      result: "fail",
      note: "字".repeat(500),
      measurement: "字".repeat(60),
      photos: Array.from({ length: k }, (_, j) => photo(chars, "ABCD"[j])),
    }).draft;
  }
  return putSignature(putSignature({ ...d, note: "字".repeat(1000) }, LINEMAN, sig()), SERVICE, sig());
}

const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v)).length;

describe("a draft saved before several photos", () => {
  const old = {
    roundId: "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b",
    startedAt: "2026-12-01T08:00:00.000Z",
    results: {
      a: { result: "fail", measurement: "12", note: "接地电阻超标", photo: photo(8) },
      b: { result: "pass", measurement: "", note: "", photo: null },
    },
    signatures: {},
  };

  it("reads its one photo as photos [photo], none as []; the note and submittedAt it lacked are filled in", () => {
    const d = normaliseDraft(old)!;
    expect(d.results.a).toEqual({ result: "fail", measurement: "12", note: "接地电阻超标", photos: [photo(8)] });
    expect(d.results.b).toEqual({ result: "pass", measurement: "", note: "", photos: [] });
    expect(d.results.a).not.toHaveProperty("photo");
    expect(d).toMatchObject({ note: "", submittedAt: null });
  });

  it("is read back so from the phone's IndexedDB, and submits its photo as photos", async () => {
    const store = await open();
    const r = round(1);
    await store.setMeta(roundDraftKey(DEVICE, r.id), { ...old, roundId: r.id, results: { [r.items[0]!.itemId]: old.results.a } });
    const d = (await loadRound(store, DEVICE, r.id))!;
    expect(d.results[r.items[0]!.itemId]!.photos).toEqual([photo(8)]);
    const args = submitArgsOf(r, d);
    expect(args.results[0]).toMatchObject({ photos: [{ mime: "image/jpeg", base64: photo(8).base64 }] });
    expect(args.results[0]).not.toHaveProperty("photo");
  });

  it("today's drafts read back unchanged; what is not a photo is dropped; never more than the limit; not a draft: null", () => {
    const today = { ...old, note: "n", submittedAt: null, results: { a: { result: "pass", measurement: "", note: "", photos: [photo(1), photo(2)] } } };
    expect(normaliseDraft(today)).toEqual(today);
    expect(
      normaliseResult({ result: "pass", photos: [photo(1), null, { mime: "image/gif", base64: "AAAA" }, { mime: "image/png" }, photo(2)] }).photos,
    ).toEqual([photo(1), photo(2)]);
    expect(normaliseResult({ result: "pass", photos: Array.from({ length: 6 }, (_, i) => photo(i + 1)) }).photos).toHaveLength(MAX_ROUND_ITEM_PHOTOS);
    // a photo saved without its size or time still shows and goes
    expect(normaliseResult({ photo: { mime: "image/png", base64: "AAAA" } })).toEqual({
      result: null,
      measurement: "",
      note: "",
      photos: [{ mime: "image/png", base64: "AAAA", bytes: 3, takenAt: "" }],
    });
    expect(normaliseResult(null)).toEqual({ result: null, measurement: "", note: "", photos: [] });
    for (const v of [null, undefined, "draft", { roundId: 1 }, { ...old, results: undefined }]) expect(normaliseDraft(v)).toBeNull();
  });
});

describe("an item's photos", () => {
  it("up to MAX_ROUND_ITEM_PHOTOS, in the order taken; each removable", () => {
    let photos: DraftPhoto[] = [];
    for (let i = 1; i <= MAX_ROUND_ITEM_PHOTOS + 2; i++) photos = withPhoto(photos, photo(i));
    expect(photos).toEqual(Array.from({ length: MAX_ROUND_ITEM_PHOTOS }, (_, i) => photo(i + 1)));
    expect(canAddPhoto({ photos })).toBe(false);
    // nothing changed is the same list (so a result is not changed, and nobody's signature taken away, for nothing)
    expect(withPhoto(photos, photo(9))).toBe(photos);
    const fewer = withoutPhoto(photos, 1);
    expect(fewer).toEqual([photo(1), photo(3), photo(4)]);
    expect(canAddPhoto({ photos: fewer })).toBe(true);
    expect(withoutPhoto(fewer, 9)).toBe(fewer);
    expect(withoutPhoto(fewer, -1)).toBe(fewer);
  });

  it("added to the photos as they are when it is ready (a change made from the result), taking the signatures away", () => {
    const r = round(1);
    const id = r.items[0]!.itemId;
    let d = putResult(newRoundDraft(r.id), id, { result: "pass", photos: [photo(1), photo(2)] }).draft;
    d = putSignature(d, LINEMAN, sig());
    // a photo removed while another was being shrunk: the new one joins what is left
    d = putResult(d, id, (cur) => ({ photos: withoutPhoto(cur.photos, 0) })).draft;
    const added = putResult(d, id, (cur) => ({ photos: withPhoto(cur.photos, photo(3)) }));
    expect(added.draft.results[id]!.photos).toEqual([photo(2), photo(3)]);
    expect(added.draft.signatures).toEqual({});
    expect(putResult(added.draft, id, (cur) => ({ photos: cur.photos }))).toEqual({ draft: added.draft, unsigned: false });
  });
});

describe("parts with several photos per item", () => {
  it("counts every photo's bytes: items with several photos each are split where one photo each would fit together", () => {
    const r = round(3);
    // three photos of 100 KB each an item: ~300 KB an item, two items pass the budget
    const args = submitArgsOf(r, recorded(r, 3, 100 * 1024));
    expect(ZRoundSubmitArgs.safeParse(args).success).toBe(true);
    const parts = roundParts(args);
    // (one photo of each would be ~100 KB an item: all three in one part)
    expect(parts.map((p) => [p.results.length, p.final])).toEqual([
      [1, false],
      [1, false],
      [1, true],
    ]);
    for (const p of parts) expect(bytes(p)).toBeLessThanOrEqual(ROUND_PART_BYTES);
    expect(parts.flatMap((p) => p.results.flatMap((x) => x.photos))).toHaveLength(9);
  });

  it("an item with every photo at its largest goes alone, and every part still fits one change as it is sent", async () => {
    const store = await open();
    const r = round(3);
    const d = recorded(r, MAX_ROUND_ITEM_PHOTOS, LARGEST);
    const res = await submitRound({ store, userId: LINEMAN, deviceId: DEVICE }, r, d);
    expect(res).toMatchObject({ ok: true, parts: 4 });
    const queued = await queuedRoundParts(store, DEVICE, r.id);
    const parts = queued.map((q) => q.args as ReturnType<typeof submitArgsOf>);
    expect(parts.map((p) => [p.results.length, p.signatures.length, p.final])).toEqual([
      [1, 0, false],
      [1, 0, false],
      [1, 0, false],
      [0, 2, true],
    ]);
    for (const q of queued) {
      // what the server measures: the envelope as it travels
      const { mutationId, deviceId, seq, name, schemaVersion, args, clientTime } = q;
      expect(bytes({ mutationId, deviceId, seq, name, schemaVersion, args, clientTime })).toBeLessThanOrEqual(MAX_SINGLE_MUTATION_BYTES);
      expect(ZRoundSubmitArgs.safeParse(args).success).toBe(true);
    }
    expect(parts.flatMap((p) => p.results.map((x) => x.photos.length))).toEqual([4, 4, 4]);
  });
});
