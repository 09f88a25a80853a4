/**
 * A round's draft kept on the phone (like the quality walk's, client/quality/walk-store.ts): in the sync store's meta
 * under `propertyRound:<deviceId>:<round id>` (not a read-cache key, so a logout keeps it), rewritten after every
 * result and signature, photos and signatures included, so a closed app reopens the same round. Without the round's
 * schema (the home's pill reads drafts too; the schema is loaded when a round is submitted, ./round-store.ts). A draft
 * saved by an earlier build is read in today's shape (normaliseDraft).
 */
import type { IdbSyncStore } from "@/client/sync/idb-store";
import { MAX_ROUND_ITEM_PHOTOS } from "@/domain/property/model";
import type { DraftPhoto, DraftResult, RoundDraft } from "./round";

export type RoundMetaStore = Pick<IdbSyncStore, "getMeta" | "setMeta">;
export const roundDraftKey = (deviceId: string, roundId: string): string => `propertyRound:${deviceId}:${roundId}`;

function isDraft(v: unknown): v is RoundDraft {
  const d = v as Partial<RoundDraft> | null | undefined;
  return !!d && typeof d.roundId === "string" && typeof d.startedAt === "string" && typeof d.results === "object" && typeof d.signatures === "object";
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function draftPhoto(v: unknown): DraftPhoto | null {
  if (!isObject(v) || typeof v.base64 !== "string" || v.base64 === "" || (v.mime !== "image/jpeg" && v.mime !== "image/png" && v.mime !== "image/webp"))
    return null;
  return {
    mime: v.mime,
    base64: v.base64,
    bytes: typeof v.bytes === "number" ? v.bytes : Math.floor((v.base64.length * 3) / 4),
    takenAt: typeof v.takenAt === "string" ? v.takenAt : "",
  };
}

/**
 * One item's result as saved: today's `photos`, or the one `photo` a draft saved before several photos (issue 16) has,
 * read as `photos: [photo]` (none when it was null). At most MAX_ROUND_ITEM_PHOTOS, the first ones.
 */
export function normaliseResult(v: unknown): DraftResult {
  const r = isObject(v) ? v : {};
  const saved = Array.isArray(r.photos) ? r.photos : r.photo ? [r.photo] : [];
  return {
    result: r.result === "pass" || r.result === "fail" ? r.result : null,
    measurement: typeof r.measurement === "string" ? r.measurement : "",
    note: typeof r.note === "string" ? r.note : "",
    photos: saved
      .map(draftPhoto)
      .filter((p): p is DraftPhoto => p !== null)
      .slice(0, MAX_ROUND_ITEM_PHOTOS),
  };
}

/**
 * A draft as IndexedDB gives it back, whichever build saved it: null when it is not a round's draft; otherwise with
 * today's fields (the note and submittedAt drafts lacked once; each result's photos: normaliseResult).
 */
export function normaliseDraft(v: unknown): RoundDraft | null {
  if (!isDraft(v)) return null;
  const results = Object.fromEntries(Object.entries(v.results as Record<string, unknown>).map(([id, r]) => [id, normaliseResult(r)]));
  return { ...v, results, note: typeof v.note === "string" ? v.note : "", submittedAt: v.submittedAt ?? null };
}

export async function loadRound(store: RoundMetaStore, deviceId: string, roundId: string): Promise<RoundDraft | null> {
  return normaliseDraft(await store.getMeta<unknown>(roundDraftKey(deviceId, roundId)));
}

/** Writes drafts one after another: a later change's write never lands before an earlier one's. */
export class RoundWriter {
  private chain: Promise<void> = Promise.resolve();
  private latest: RoundDraft | null = null;
  private scheduled = false;

  constructor(
    private readonly store: RoundMetaStore,
    private readonly deviceId: string,
    private readonly roundId: string,
  ) {}

  save(draft: RoundDraft): Promise<void> {
    this.latest = draft;
    if (!this.scheduled) {
      this.scheduled = true;
      this.chain = this.chain.then(async () => {
        this.scheduled = false;
        const d = this.latest;
        if (d) await this.store.setMeta(roundDraftKey(this.deviceId, this.roundId), d);
      });
    }
    return this.chain;
  }

  flush(): Promise<void> {
    return this.chain;
  }
}

/** Keeps the settled copy of a decided round's draft (settledDraft): the phone does not hold its photos for ever. */
export async function settleRound(store: RoundMetaStore, deviceId: string, draft: RoundDraft, settled: RoundDraft | null): Promise<void> {
  if (settled) await store.setMeta(roundDraftKey(deviceId, draft.roundId), settled);
}
