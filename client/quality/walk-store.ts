/**
 * A walk in progress, kept on the phone as it goes (like the stock-take's draft, client/warehouse/count-store.ts): the
 * draft lives in the sync store's meta under `qualityWalk:<deviceId>:<check id | zone:code>` (not a read-cache key,
 * so a logout keeps it), rewritten after every mark, photos included, so a closed app reopens the same walk. Submitting
 * queues `spotCheck.submit` v1 once (the id is the check's, or made when the walk opened: a resend applies once on the
 * server), remembers it as submitted and clears the draft. The mutation's schema is loaded when the walk is submitted.
 */
import type { IdbSyncStore } from "@/client/sync/idb-store";
import type { OutboxRecord, SyncStore } from "@/client/sync/types";
import { submitArgsOf, walkParts, walkTally, type WalkDraft } from "./walk";

export const SUBMIT_CHECK = "spotCheck.submit" satisfies OutboxRecord["name"];
export const SUBMIT_CHECK_VERSION = 1;

/** A walk submitted from this phone (queued or sent). */
export interface SubmittedWalk {
  id: string;
  planned: boolean;
  code: string | null;
  zoneCode: string | null;
  submittedAt: string;
  marks: number;
  findings: number;
}

export type WalkMetaStore = Pick<IdbSyncStore, "getMeta" | "setMeta">;
export type WalkQueueStore = WalkMetaStore & Pick<SyncStore, "enqueue"> & Pick<IdbSyncStore, "allPending">;

export const walkDraftKey = (deviceId: string, key: string): string => `qualityWalk:${deviceId}:${key}`;
export const walkSubmittedKey = (deviceId: string, key: string): string => `qualityWalkSubmitted:${deviceId}:${key}`;

function isDraft(v: unknown): v is WalkDraft {
  const d = v as Partial<WalkDraft> | null | undefined;
  return !!d && typeof d.id === "string" && typeof d.planned === "boolean" && typeof d.startedAt === "string" && Array.isArray(d.marks);
}

export async function loadWalk(store: WalkMetaStore, deviceId: string, key: string): Promise<WalkDraft | null> {
  const v = await store.getMeta<unknown>(walkDraftKey(deviceId, key));
  return isDraft(v) ? { ...v, note: typeof v.note === "string" ? v.note : "" } : null;
}

export async function loadSubmittedWalk(store: WalkMetaStore, deviceId: string, key: string): Promise<SubmittedWalk | null> {
  const v = await store.getMeta<SubmittedWalk | null>(walkSubmittedKey(deviceId, key));
  return v && typeof v.id === "string" ? v : null;
}

/** Writes drafts one after another: a later mark's write never lands before an earlier one's. */
export class WalkWriter {
  private chain: Promise<void> = Promise.resolve();
  private latest: WalkDraft | null = null;
  private scheduled = false;

  constructor(
    private readonly store: WalkMetaStore,
    private readonly deviceId: string,
    private readonly key: string,
  ) {}

  save(draft: WalkDraft): Promise<void> {
    this.latest = draft;
    if (!this.scheduled) {
      this.scheduled = true;
      this.chain = this.chain.then(async () => {
        this.scheduled = false;
        const d = this.latest;
        if (d) await this.store.setMeta(walkDraftKey(this.deviceId, this.key), d);
      });
    }
    return this.chain;
  }

  flush(): Promise<void> {
    return this.chain;
  }
}

/** Drops a walk without submitting it (the checker confirmed). */
export async function abandonWalk(store: WalkMetaStore, deviceId: string, key: string): Promise<void> {
  await store.setMeta(walkDraftKey(deviceId, key), null);
}

/** Forgets a submitted walk (to walk the same zone again). */
export async function forgetSubmitted(store: WalkMetaStore, deviceId: string, key: string): Promise<void> {
  await store.setMeta(walkSubmittedKey(deviceId, key), null);
}

/** The `spotCheck.submit` of this check id still in the outbox, if any. */
export async function queuedCheckOf(store: Pick<IdbSyncStore, "allPending">, deviceId: string, id: string): Promise<OutboxRecord | null> {
  const pending = await store.allPending(deviceId);
  return pending.find((r) => r.name === SUBMIT_CHECK && (r.args as { id?: unknown } | null)?.id === id) ?? null;
}

export type TSubmitWalkResult = { ok: true; submitted: SubmittedWalk; again: boolean } | { ok: false; problem: string; path: string; markId: string | null };

/**
 * Queues the walk once (a second tap, or a retry after the app closed between queueing and clearing, finds it in the
 * outbox and queues nothing more), then records it as submitted and clears the draft. A refusal names the field and,
 * for a mark's field, the mark.
 */
export async function submitWalk(ctx: { store: WalkQueueStore; userId: string; deviceId: string }, key: string, draft: WalkDraft): Promise<TSubmitWalkResult> {
  const { ZSubmitCheckArgs } = await import("@/domain/quality/schemas");
  const parsed = ZSubmitCheckArgs.safeParse(submitArgsOf(draft));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path ?? [];
    const markId = path[0] === "marks" && typeof path[1] === "number" ? (draft.marks[path[1]]?.id ?? null) : null;
    return { ok: false, problem: issue?.message ?? "validation.invalid", path: path.map(String).join("."), markId };
  }
  const args = parsed.data;
  // a large walk goes in parts (walkParts); after the app was closed mid-way, only the marks not queued yet go again
  // (the server skips a mark it already has, by its id)
  const queued = new Set(
    (await ctx.store.allPending(ctx.deviceId))
      .filter((r) => r.name === SUBMIT_CHECK && (r.args as { id?: unknown } | null)?.id === args.id)
      .flatMap((r) => ((r.args as { marks?: { id: string }[] }).marks ?? []).map((m) => m.id)),
  );
  const rest = args.marks.filter((m) => !queued.has(m.id));
  const again = rest.length === 0;
  if (!again) {
    for (const part of walkParts({ ...args, marks: rest })) {
      await ctx.store.enqueue({ userId: ctx.userId, deviceId: ctx.deviceId, name: SUBMIT_CHECK, schemaVersion: SUBMIT_CHECK_VERSION, args: part });
    }
  }
  const tally = walkTally(draft);
  const submitted: SubmittedWalk = {
    id: args.id,
    planned: args.planned,
    code: draft.code,
    zoneCode: args.zoneCode,
    submittedAt: new Date().toISOString(),
    marks: tally.marks,
    findings: tally.findings,
  };
  await ctx.store.setMeta(walkSubmittedKey(ctx.deviceId, key), submitted);
  await ctx.store.setMeta(walkDraftKey(ctx.deviceId, key), null);
  return { ok: true, submitted, again };
}
