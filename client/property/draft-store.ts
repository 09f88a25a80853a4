/**
 * A round's draft kept on the phone (like the quality walk's, client/quality/walk-store.ts): in the sync store's meta
 * under `propertyRound:<deviceId>:<round id>` (not a read-cache key, so a logout keeps it), rewritten after every
 * result and signature, photos and signatures included, so a closed app reopens the same round. Without the round's
 * schema (the home's pill reads drafts too; the schema is loaded when a round is submitted, ./round-store.ts).
 */
import type { IdbSyncStore } from "@/client/sync/idb-store";
import type { RoundDraft } from "./round";

export type RoundMetaStore = Pick<IdbSyncStore, "getMeta" | "setMeta">;
export const roundDraftKey = (deviceId: string, roundId: string): string => `propertyRound:${deviceId}:${roundId}`;

function isDraft(v: unknown): v is RoundDraft {
  const d = v as Partial<RoundDraft> | null | undefined;
  return !!d && typeof d.roundId === "string" && typeof d.startedAt === "string" && typeof d.results === "object" && typeof d.signatures === "object";
}

export async function loadRound(store: RoundMetaStore, deviceId: string, roundId: string): Promise<RoundDraft | null> {
  const v = await store.getMeta<unknown>(roundDraftKey(deviceId, roundId));
  return isDraft(v) ? { ...v, note: typeof v.note === "string" ? v.note : "", submittedAt: v.submittedAt ?? null } : null;
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
