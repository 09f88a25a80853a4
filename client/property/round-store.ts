/**
 * A round submitted from the phone (the draft itself: ./draft-store.ts). Submitting queues `propertyRound.submit` v1
 * once, in parts when photos make it large (roundParts, like the quality walk's), and marks the draft submitted; the
 * draft stays, so a refused submission can be changed and sent again. The mutation's schema is loaded when the round
 * is submitted. Where a round stands on this phone: roundStateOf.
 */
import type { IdbSyncStore } from "@/client/sync/idb-store";
import type { OutboxRecord, Rejected, SyncStore } from "@/client/sync/types";
import { loadRound, roundDraftKey, type RoundMetaStore } from "./draft-store";
import {
  newRoundDraft,
  roundParts,
  roundProgress,
  sendState,
  submitArgsOf,
  type RoundDraft,
  type TRoundFacts,
  type TRoundProgress,
  type TSendState,
} from "./round";

export const SUBMIT_ROUND = "propertyRound.submit" satisfies OutboxRecord["name"];
export const SUBMIT_ROUND_VERSION = 1;

export { loadRound, RoundWriter, roundDraftKey, type RoundMetaStore } from "./draft-store";
export type RoundQueueStore = RoundMetaStore & Pick<SyncStore, "enqueue"> & Pick<IdbSyncStore, "allPending">;

const argsOf = (r: { args: unknown }) => r.args as { roundId?: unknown; final?: unknown; results?: { itemId: string }[] } | null;
/** A result as queued, to tell whether the same result is already in the outbox. */
const same = (r: { itemId: string }) => `${r.itemId}:${JSON.stringify(r)}`;

/** The parts of this round's submission still in the outbox (queued, or sent and waiting for the pull). */
export async function queuedRoundParts(store: Pick<IdbSyncStore, "allPending">, deviceId: string, roundId: string): Promise<OutboxRecord[]> {
  const pending = await store.allPending(deviceId);
  return pending.filter((r) => r.name === SUBMIT_ROUND && argsOf(r)?.roundId === roundId);
}

/** The refusal of this round's submission kept on this phone, newest first, if any. */
export function refusalOf(rejections: readonly Rejected[], roundId: string): Rejected | null {
  const mine = rejections.filter((r) => r.name === SUBMIT_ROUND && r.original !== null && argsOf(r.original)?.roundId === roundId);
  return mine.sort((a, b) => b.seq - a.seq)[0] ?? null;
}

export type TSubmitRoundResult =
  { ok: true; draft: RoundDraft; parts: number; again: boolean } | { ok: false; problem: string; path: string; itemId: string | null };

/**
 * Queues the round once (a second tap, or a retry after the app closed between queueing and marking, finds the final
 * part in the outbox and queues nothing more; results already queued in earlier parts are not queued again), then
 * marks the draft submitted. A refusal of the schema names the field and, for a result's field, the item.
 */
export async function submitRound(
  ctx: { store: RoundQueueStore; userId: string; deviceId: string },
  round: Pick<TRoundFacts, "id" | "items" | "inspectors">,
  draft: RoundDraft,
  now: Date = new Date(),
): Promise<TSubmitRoundResult> {
  const { ZRoundSubmitArgs } = await import("@/domain/property/schemas");
  const raw = submitArgsOf(round, draft);
  const parsed = ZRoundSubmitArgs.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path ?? [];
    const itemId = path[0] === "results" && typeof path[1] === "number" ? (raw.results[path[1]]?.itemId ?? null) : null;
    return { ok: false, problem: issue?.message ?? "validation.invalid", path: path.map(String).join("."), itemId };
  }
  const args = parsed.data;
  const queued = await queuedRoundParts(ctx.store, ctx.deviceId, round.id);
  const again = queued.some((r) => argsOf(r)?.final === true);
  let parts = 0;
  if (!again) {
    // after the app closed mid-way, only what is not queued yet (the same result) goes again
    const sent = new Set(queued.flatMap((r) => (argsOf(r)?.results ?? []).map(same)));
    for (const part of roundParts({ ...args, results: args.results.filter((r) => !sent.has(same(r))) })) {
      await ctx.store.enqueue({ userId: ctx.userId, deviceId: ctx.deviceId, name: SUBMIT_ROUND, schemaVersion: SUBMIT_ROUND_VERSION, args: part });
      parts += 1;
    }
  }
  const submitted: RoundDraft = { ...draft, submittedAt: draft.submittedAt ?? now.toISOString() };
  await ctx.store.setMeta(roundDraftKey(ctx.deviceId, round.id), submitted);
  return { ok: true, draft: submitted, parts, again };
}

/** A refused submission opened again to change it: no longer submitted (the signatures stay until a result changes). */
export async function reopenRound(store: RoundMetaStore, deviceId: string, draft: RoundDraft): Promise<RoundDraft> {
  const open = { ...draft, submittedAt: null };
  await store.setMeta(roundDraftKey(deviceId, draft.roundId), open);
  return open;
}

/** Drops a round's draft (the round is no longer this phone's to do). */
export async function dropRound(store: RoundMetaStore, deviceId: string, roundId: string): Promise<void> {
  await store.setMeta(roundDraftKey(deviceId, roundId), null);
}

/**
 * The round's draft as this phone has it (a new one when none). A submission whose final part is already queued
 * while the draft does not say so (the app closed in between) counts as submitted then.
 */
export async function openRound(store: RoundMetaStore & Pick<IdbSyncStore, "allPending">, deviceId: string, roundId: string): Promise<RoundDraft> {
  const d = (await loadRound(store, deviceId, roundId)) ?? newRoundDraft(roundId);
  if (d.submittedAt) return d;
  const final = (await queuedRoundParts(store, deviceId, roundId)).find((r) => argsOf(r)?.final === true);
  return final ? { ...d, submittedAt: final.clientTime } : d;
}

/** Where a round stands on this phone (sendState), from the draft, the outbox and the refusals kept here. */
export async function roundStateOf(
  store: RoundMetaStore & Pick<IdbSyncStore, "allPending" | "ackedSeq">,
  deviceId: string,
  row: Pick<TRoundFacts, "id" | "status" | "items">,
  rejections: readonly Rejected[],
): Promise<{ draft: RoundDraft; state: TSendState; progress: TRoundProgress; refusal: Rejected | null }> {
  const [draft, queued, ackedSeq] = await Promise.all([
    openRound(store, deviceId, row.id),
    queuedRoundParts(store, deviceId, row.id),
    store.ackedSeq(deviceId),
  ]);
  const refusal = refusalOf(rejections, row.id);
  const state = sendState({
    status: row.status,
    draft,
    queuedSeqs: queued.map((q) => q.seq),
    ackedSeq,
    refusedMadeAt: refusal?.original?.clientTime ?? null,
  });
  return { draft, state, progress: roundProgress(row, draft), refusal };
}
