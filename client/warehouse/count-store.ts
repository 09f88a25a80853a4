/**
 * A stock-take in progress, kept on the phone as it goes (ADR 0035 §7): the draft of a zone's count lives in the sync
 * store's meta under `count:<deviceId>:<zoneCode>` (not a read-cache key, so a logout keeps it), rewritten after every
 * scan, so a closed app reopens the same count with the same scans. Submitting queues `count.submit` v1 once (the id
 * was made when the count opened: a resent count applies once on the server) and clears the draft.
 * No zod on the first load: the mutation's schema is loaded when the count is submitted.
 */
import { uuidv7 } from "uuidv7";
import type { IdbSyncStore } from "@/client/sync/idb-store";
import type { OutboxRecord, SyncStore } from "@/client/sync/types";
import type { TSubmitCountArgs } from "@/domain/warehouse/schemas";

export const SUBMIT_COUNT = "count.submit" satisfies OutboxRecord["name"];
export const SUBMIT_COUNT_VERSION = 1;

export interface CountDraft {
  id: string;
  zoneCode: string;
  startedAt: string;
  /** Every distinct tag read, in scan order. */
  scans: string[];
}

/** A count submitted from this phone (queued or sent): where its differences are confirmed at the office. */
export interface SubmittedCount {
  id: string;
  zoneCode: string;
  submittedAt: string;
  scans: number;
}

export type CountMetaStore = Pick<IdbSyncStore, "getMeta" | "setMeta">;
export type CountQueueStore = CountMetaStore & Pick<SyncStore, "enqueue"> & Pick<IdbSyncStore, "allPending">;

export const draftKey = (deviceId: string, zoneCode: string): string => `count:${deviceId}:${zoneCode}`;
export const submittedKey = (deviceId: string, zoneCode: string): string => `countSubmitted:${deviceId}:${zoneCode}`;

function isDraft(v: unknown): v is CountDraft {
  const d = v as Partial<CountDraft> | null | undefined;
  return !!d && typeof d.id === "string" && typeof d.zoneCode === "string" && typeof d.startedAt === "string" && Array.isArray(d.scans);
}

export function newDraft(zoneCode: string, now: Date = new Date()): CountDraft {
  return { id: uuidv7(), zoneCode, startedAt: now.toISOString(), scans: [] };
}

export async function loadDraft(store: CountMetaStore, deviceId: string, zoneCode: string): Promise<CountDraft | null> {
  const v = await store.getMeta<unknown>(draftKey(deviceId, zoneCode));
  return isDraft(v) && v.zoneCode === zoneCode ? { ...v, scans: v.scans.filter((s): s is string => typeof s === "string") } : null;
}

export async function loadSubmitted(store: CountMetaStore, deviceId: string, zoneCode: string): Promise<SubmittedCount | null> {
  const v = await store.getMeta<SubmittedCount | null>(submittedKey(deviceId, zoneCode));
  return v && typeof v.id === "string" ? v : null;
}

/**
 * Writes drafts one after another (a later scan's write never lands before an earlier one's): each call replaces
 * the pending state, and `flush` resolves once the last state given is stored.
 */
export class DraftWriter {
  private chain: Promise<void> = Promise.resolve();
  private latest: CountDraft | null = null;
  private scheduled = false;

  constructor(
    private readonly store: CountMetaStore,
    private readonly deviceId: string,
  ) {}

  save(draft: CountDraft): Promise<void> {
    this.latest = { ...draft, scans: [...draft.scans] };
    if (!this.scheduled) {
      this.scheduled = true;
      this.chain = this.chain.then(async () => {
        this.scheduled = false;
        const d = this.latest;
        if (d) await this.store.setMeta(draftKey(this.deviceId, d.zoneCode), d);
      });
    }
    return this.chain;
  }

  flush(): Promise<void> {
    return this.chain;
  }
}

/** Drops a count without submitting it (the keeper confirmed). */
export async function abandonDraft(store: CountMetaStore, deviceId: string, zoneCode: string): Promise<void> {
  await store.setMeta(draftKey(deviceId, zoneCode), null);
}

/** The `count.submit` of this count id still in the outbox, if any. */
export async function queuedSubmitOf(store: Pick<IdbSyncStore, "allPending">, deviceId: string, id: string): Promise<OutboxRecord | null> {
  const pending = await store.allPending(deviceId);
  return pending.find((r) => r.name === SUBMIT_COUNT && (r.args as { id?: unknown } | null)?.id === id) ?? null;
}

export type TSubmitCountResult = { ok: true; submitted: SubmittedCount; again: boolean } | { ok: false; problem: string };

/**
 * Queues the count once (a second tap, or a retry after the app closed between queueing and clearing, finds it in the
 * outbox and queues nothing more), then records it as submitted and clears the draft.
 */
export async function submitDraft(ctx: { store: CountQueueStore; userId: string; deviceId: string }, draft: CountDraft): Promise<TSubmitCountResult> {
  const { ZSubmitCountArgs } = await import("@/domain/warehouse/schemas");
  const parsed = ZSubmitCountArgs.safeParse({ id: draft.id, zoneCode: draft.zoneCode, startedAt: draft.startedAt, scans: draft.scans });
  if (!parsed.success) return { ok: false, problem: parsed.error.issues[0]?.message ?? "validation.invalid" };
  const args: TSubmitCountArgs = parsed.data;
  const again = (await queuedSubmitOf(ctx.store, ctx.deviceId, args.id)) !== null;
  if (!again) await ctx.store.enqueue({ userId: ctx.userId, deviceId: ctx.deviceId, name: SUBMIT_COUNT, schemaVersion: SUBMIT_COUNT_VERSION, args });
  const submitted: SubmittedCount = { id: args.id, zoneCode: args.zoneCode, submittedAt: new Date().toISOString(), scans: args.scans.length };
  await ctx.store.setMeta(submittedKey(ctx.deviceId, draft.zoneCode), submitted);
  await ctx.store.setMeta(draftKey(ctx.deviceId, draft.zoneCode), null);
  return { ok: true, submitted, again };
}
