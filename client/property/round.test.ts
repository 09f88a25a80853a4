import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { uuidv7 } from "uuidv7";
import { IdbSyncStore } from "@/client/sync/idb-store";
import type { Rejected } from "@/client/sync/types";
import { ZRoundSubmitArgs } from "@/domain/property/schemas";
import { MAX_SINGLE_MUTATION_BYTES } from "@/domain/sync/limits";
import {
  EMPTY_RESULT,
  groupedItems,
  newRoundDraft,
  putResult,
  putSignature,
  roundIdOf,
  roundParts,
  roundProgress,
  ROUND_PART_BYTES,
  sendState,
  settledDraft,
  signBlocker,
  submitArgsOf,
  submitBlocker,
  type DraftSignature,
  type RoundDraft,
  type TRoundFacts,
  type TRoundItemFacts,
} from "./round";
import { loadRound, openRound, queuedRoundParts, refusalOf, reopenRound, RoundWriter, submitRound, SUBMIT_ROUND } from "./round-store";
import { DEVICE, USER as LINEMAN } from "@/client/sync/idb-store.fixtures";

const SERVICE = "5c9f3f71-2d2f-4a7b-8e8f-3b4c5d6e7f80";
const lineman = { id: LINEMAN, role: "lineman" as const, department: "terminal_service" as const };
let n = 0;
const open = () => IdbSyncStore.open(`property-round-${Date.now()}-${n++}`);

const item = (clause: string, group: string, sort: number, unit: string | null = null): TRoundItemFacts => ({
  itemId: uuidv7(),
  clause,
  group,
  textZh: `项目 ${clause}`,
  textEn: `Item ${clause}`,
  unit,
  sort,
  previous: null,
});

function round(items = [item("1.2", "设备", 2), item("1.1", "设备", 1), item("2.1", "接地", 3, "Ω")]): TRoundFacts {
  return {
    id: uuidv7(),
    status: "scheduled",
    inspectors: [
      { userId: LINEMAN, name: "Li Lineman", department: "terminal_service" },
      { userId: SERVICE, name: "Sun Service", department: "customer_service" },
    ],
    items,
  };
}

/** A base64 string of about `kb` KB (valid characters only). */
const blob = (kb: number) => "A".repeat(kb * 1024);
const photo = (kb = 4) => ({ mime: "image/jpeg" as const, base64: blob(kb), bytes: kb * 768, takenAt: new Date().toISOString() });
const sig = (kb = 2): DraftSignature => ({
  mime: "image/png",
  base64: blob(kb),
  strokes: [{ points: [{ x: 1, y: 2, time: 3 }] }],
  sha256: "0".repeat(64),
  signedAt: new Date().toISOString(),
});

function fill(r: TRoundFacts, d: RoundDraft, fail: string | null = null, photoKb = 0): RoundDraft {
  let draft = d;
  for (const i of r.items) {
    const failed = i.itemId === fail;
    draft = putResult(draft, i.itemId, {
      result: failed ? "fail" : "pass",
      note: failed ? "trunk cable not labelled" : "",
      measurement: i.unit ? "3.2" : "",
      photos: photoKb > 0 ? [photo(photoKb)] : [],
    }).draft;
  }
  return draft;
}
const signAll = (r: TRoundFacts, d: RoundDraft) => r.inspectors.reduce((acc, i) => putSignature(acc, i.userId, sig()), d);

describe("the checklist", () => {
  it("is grouped by group, in the list's order", () => {
    const r = round();
    expect(groupedItems(r.items).map((g) => [g.group, g.items.map((i) => i.clause)])).toEqual([
      ["设备", ["1.1", "1.2"]],
      ["接地", ["2.1"]],
    ]);
  });

  it("the hash names a round by its id, nothing else", () => {
    const id = uuidv7();
    expect(roundIdOf(id.toUpperCase())).toBe(id);
    expect(roundIdOf("")).toBeNull();
    expect(roundIdOf("PBX-2026-0001")).toBeNull();
  });
});

describe("the draft", () => {
  it("counts the progress and gives the verdict of the domain (passed only when every item passed)", () => {
    const r = round();
    let d = newRoundDraft(r.id);
    expect(roundProgress(r, d)).toEqual({ total: 3, done: 0, failed: 0, verdict: null });
    d = putResult(d, r.items[0]!.itemId, { result: "fail" }).draft;
    expect(roundProgress(r, d)).toEqual({ total: 3, done: 1, failed: 1, verdict: null });
    expect(roundProgress(r, fill(r, newRoundDraft(r.id))).verdict).toBe("passed");
    expect(roundProgress(r, fill(r, newRoundDraft(r.id), r.items[2]!.itemId)).verdict).toBe("failed");
  });

  it("a result changed after someone signed takes the signatures away", () => {
    const r = round();
    const d = signAll(r, fill(r, newRoundDraft(r.id)));
    expect(Object.keys(d.signatures)).toHaveLength(2);
    // the same value again changes nothing
    expect(putResult(d, r.items[0]!.itemId, { result: "pass" })).toEqual({ draft: d, unsigned: false });
    const changed = putResult(d, r.items[0]!.itemId, { measurement: "4" });
    expect(changed.unsigned).toBe(true);
    expect(changed.draft.signatures).toEqual({});
    expect(putSignature(d, SERVICE, null).signatures[SERVICE]).toBeUndefined();
  });

  it("signing waits for every result, and a fail's note (the domain's schema requires it)", () => {
    const r = round();
    const failed = r.items[1]!.itemId;
    let d = newRoundDraft(r.id);
    expect(signBlocker(r, d)).toEqual({ kind: "results", left: 3 });
    d = fill(r, d, failed);
    expect(signBlocker(r, d)).toBeNull();
    d = putResult(d, failed, { note: "  " }).draft;
    expect(signBlocker(r, d)).toEqual({ kind: "failNote", itemId: failed });
  });

  it("submit waits for the results, then every named inspector's signature; only a named inspector submits", () => {
    const r = round();
    let d = newRoundDraft(r.id);
    expect(submitBlocker(r, d, lineman)).toEqual({ kind: "results", left: 3 });
    expect(submitBlocker(r, d, { id: uuidv7(), role: "lineman", department: "terminal_service" })).toEqual({ kind: "notAllowed" });
    expect(submitBlocker({ ...r, status: "cancelled" }, d, lineman)).toEqual({ kind: "notScheduled" });
    d = fill(r, d);
    expect(submitBlocker(r, d, lineman)).toEqual({ kind: "signatures", missing: [LINEMAN, SERVICE] });
    d = putSignature(d, LINEMAN, sig());
    expect(submitBlocker(r, d, lineman)).toEqual({ kind: "signatures", missing: [SERVICE] });
    d = putSignature(d, SERVICE, sig());
    expect(submitBlocker(r, d, lineman)).toBeNull();
    expect(submitBlocker(r, { ...d, submittedAt: new Date().toISOString() }, lineman)).toEqual({ kind: "submitted" });
  });

  it("gives the mutation's args: every result in checklist order, each inspector's signature, valid for the schema", () => {
    const r = round();
    const failed = r.items[2]!.itemId;
    const d = signAll(r, fill(r, newRoundDraft(r.id), failed, 2));
    const args = submitArgsOf(r, d);
    expect(args.results.map((x) => [x.result, x.measurement])).toEqual([
      ["pass", ""],
      ["pass", ""],
      ["fail", "3.2"],
    ]);
    expect(args.signatures.map((s) => s.userId)).toEqual([LINEMAN, SERVICE]);
    expect(args.results[0]!.photos).toEqual([{ mime: "image/jpeg", base64: blob(2) }]);
    expect(ZRoundSubmitArgs.safeParse(args).success).toBe(true);
  });
});

describe("parts", () => {
  it("one part when it fits; with many photos, parts under one change's size, the last with the signatures", () => {
    const small = round();
    const one = roundParts(submitArgsOf(small, signAll(small, fill(small, newRoundDraft(small.id)))));
    expect(one).toHaveLength(1);
    expect(one[0]!.final).toBe(true);

    const items = Array.from({ length: 8 }, (_, i) => item(`${i + 1}.1`, "G", i));
    const big = round(items);
    const args = submitArgsOf(big, signAll(big, fill(big, newRoundDraft(big.id), items[3]!.itemId, 170)));
    const parts = roundParts(args);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) {
      expect(new TextEncoder().encode(JSON.stringify(p)).length).toBeLessThan(MAX_SINGLE_MUTATION_BYTES);
      expect(ZRoundSubmitArgs.safeParse(p).success).toBe(true);
    }
    expect(parts.map((p) => p.final)).toEqual([...parts.slice(1).map(() => false), true]);
    expect(parts.slice(0, -1).every((p) => p.signatures.length === 0)).toBe(true);
    expect(parts.at(-1)!.signatures).toHaveLength(2);
    expect(parts.flatMap((p) => p.results.map((x) => x.itemId))).toEqual(args.results.map((x) => x.itemId));
  });

  it("signatures that do not fit with the last results go alone in the last part", () => {
    const r = round([item("1", "G", 1)]);
    const d = fill(r, newRoundDraft(r.id), null, 100);
    const args = submitArgsOf(r, { ...d, signatures: { [LINEMAN]: sig(60), [SERVICE]: sig(60) } });
    const parts = roundParts(args, 200 * 1024);
    expect(parts.map((p) => [p.results.length, p.signatures.length, p.final])).toEqual([
      [1, 0, false],
      [0, 2, true],
    ]);
    expect(ROUND_PART_BYTES).toBeLessThan(MAX_SINGLE_MUTATION_BYTES);
  });
});

describe("kept on the phone", () => {
  it("the draft is written in order and read back after the app was closed", async () => {
    const store = await open();
    const r = round();
    const w = new RoundWriter(store, DEVICE, r.id);
    const d1 = putResult(newRoundDraft(r.id), r.items[0]!.itemId, { result: "pass" }).draft;
    const d2 = putResult(d1, r.items[1]!.itemId, { result: "fail", note: "x", photos: [photo()] }).draft;
    void w.save(d1);
    await w.save(d2);
    await w.flush();
    expect(await loadRound(store, DEVICE, r.id)).toEqual(d2);
    expect(await loadRound(store, DEVICE, uuidv7())).toBeNull();
  });

  it("submit queues once (a second tap queues nothing) and keeps the draft marked submitted", async () => {
    const store = await open();
    const r = round();
    const d = signAll(r, fill(r, newRoundDraft(r.id), r.items[0]!.itemId, 3));
    const ctx = { store, userId: LINEMAN, deviceId: DEVICE };
    const first = await submitRound(ctx, r, d);
    expect(first).toMatchObject({ ok: true, parts: 1, again: false });
    const again = await submitRound(ctx, r, d);
    expect(again).toMatchObject({ ok: true, parts: 0, again: true });
    const queued = await queuedRoundParts(store, DEVICE, r.id);
    expect(queued.map((q) => [q.name, q.schemaVersion])).toEqual([[SUBMIT_ROUND, 1]]);
    expect((await loadRound(store, DEVICE, r.id))?.submittedAt).toMatch(/^\d{4}-/);
  });

  it("after the app closed between parts, only what is not queued yet goes, then the final part", async () => {
    const store = await open();
    const items = Array.from({ length: 6 }, (_, i) => item(`${i + 1}`, "G", i));
    const r = round(items);
    const d = signAll(r, fill(r, newRoundDraft(r.id), null, 170));
    const parts = roundParts(submitArgsOf(r, d));
    expect(parts.length).toBeGreaterThan(1);
    // the first part made it to the outbox, then the app was closed
    await store.enqueue({ userId: LINEMAN, deviceId: DEVICE, name: SUBMIT_ROUND, schemaVersion: 1, args: parts[0]! });
    const res = await submitRound({ store, userId: LINEMAN, deviceId: DEVICE }, r, d);
    expect(res.ok).toBe(true);
    const queued = await queuedRoundParts(store, DEVICE, r.id);
    const ids = queued.flatMap((q) => (q.args as { results: { itemId: string }[] }).results.map((x) => x.itemId));
    expect(ids).toEqual(items.map((i) => i.itemId));
    expect(queued.filter((q) => (q.args as { final: boolean }).final)).toHaveLength(1);
  });

  it("a draft the schema refuses names the item (a fail without its note), queues nothing", async () => {
    const store = await open();
    const r = round();
    const failed = r.items[1]!.itemId;
    let d = signAll(r, fill(r, newRoundDraft(r.id), failed));
    d = { ...d, results: { ...d.results, [failed]: { ...d.results[failed]!, note: "" } } };
    const res = await submitRound({ store, userId: LINEMAN, deviceId: DEVICE }, r, d);
    expect(res).toMatchObject({ ok: false, problem: "property.validation.failNote", itemId: failed });
    expect(await queuedRoundParts(store, DEVICE, r.id)).toEqual([]);
  });

  it("a refusal of this round is found among the phone's rejections, and the round reopens to change it", async () => {
    const store = await open();
    const r = round();
    const rej = (seq: number, roundId: string): Rejected => ({
      mutationId: uuidv7(),
      deviceId: DEVICE,
      seq,
      name: SUBMIT_ROUND,
      reasonCode: "signatures_required",
      details: null,
      original: { mutationId: "m", userId: LINEMAN, deviceId: DEVICE, seq, name: SUBMIT_ROUND, schemaVersion: 1, args: { roundId }, clientTime: "" },
      at: new Date().toISOString(),
    });
    expect(refusalOf([rej(1, r.id), rej(3, r.id), rej(2, uuidv7())], r.id)?.seq).toBe(3);
    expect(refusalOf([rej(2, uuidv7())], r.id)).toBeNull();
    const d = { ...newRoundDraft(r.id), submittedAt: new Date().toISOString() };
    const reopened = await reopenRound(store, DEVICE, d);
    expect(reopened.submittedAt).toBeNull();
    expect((await loadRound(store, DEVICE, r.id))?.submittedAt).toBeNull();
  });
});

describe("where a round stands", () => {
  const at = "2026-12-06T10:00:00.000Z";
  const base = { status: "scheduled" as const, draft: null, queuedSeqs: [], ackedSeq: 0, refusedMadeAt: null };
  const submitted = { submittedAt: at, results: {} };
  it("the server's verdict first, then this phone's submission, then its draft", () => {
    expect(sendState({ ...base, status: "failed", draft: submitted, queuedSeqs: [3] })).toBe("failed");
    expect(sendState({ ...base, status: "cancelled" })).toBe("cancelled");
    expect(sendState({ ...base, draft: submitted, queuedSeqs: [3, 4], ackedSeq: 3 })).toBe("queued");
    expect(sendState({ ...base, draft: submitted, queuedSeqs: [3, 4], ackedSeq: 4 })).toBe("sent");
    expect(sendState({ ...base, draft: submitted })).toBe("sent");
    expect(sendState({ ...base, draft: submitted, refusedMadeAt: "2026-12-06T10:00:00.002Z" })).toBe("refused");
    // a refusal of an earlier submission, before it was changed and submitted again
    expect(sendState({ ...base, draft: submitted, refusedMadeAt: "2026-12-06T09:00:00.000Z" })).toBe("sent");
    expect(sendState({ ...base, draft: { submittedAt: null, results: { a: { ...EMPTY_RESULT, result: "pass" } } } })).toBe("draft");
    expect(sendState({ ...base, draft: { submittedAt: null, results: {} } })).toBe("none");
  });
});

describe("opening a round", () => {
  it("a new draft when none; a draft whose final part is queued counts as submitted", async () => {
    const store = await open();
    const r = round();
    expect(await openRound(store, DEVICE, r.id)).toMatchObject({ roundId: r.id, submittedAt: null, results: {} });
    const d = signAll(r, fill(r, newRoundDraft(r.id)));
    await new RoundWriter(store, DEVICE, r.id).save(d);
    const rec = await store.enqueue({ userId: LINEMAN, deviceId: DEVICE, name: SUBMIT_ROUND, schemaVersion: 1, args: roundParts(submitArgsOf(r, d))[0]! });
    expect((await openRound(store, DEVICE, r.id)).submittedAt).toBe(rec.clientTime);
  });
});

describe("a decided round's draft", () => {
  it("drops its photos and signature images, keeps the results, notes and who signed", () => {
    const r = round();
    const d = { ...signAll(r, fill(r, newRoundDraft(r.id), r.items[0]!.itemId, 2)), submittedAt: new Date().toISOString() };
    const s = settledDraft(d)!;
    expect(Object.values(s.results).every((x) => x.photos.length === 0)).toBe(true);
    expect(s.results[r.items[0]!.itemId]).toMatchObject({ result: "fail", note: "trunk cable not labelled" });
    expect(Object.keys(s.signatures)).toEqual([LINEMAN, SERVICE]);
    expect(Object.values(s.signatures).every((x) => x.base64 === "" && x.strokes.length === 0)).toBe(true);
    expect(roundProgress(r, s)).toEqual(roundProgress(r, d));
    expect(settledDraft(s)).toBeNull();
  });
});
