/**
 * An inspection round on the phone (P2, ADR 0039 §5), without React: the draft of the round (each item's result,
 * measurement, note and photos; each named inspector's signature), the progress, what still stops the submission (the
 * rules are the domain's: roundVerdict, roundSubmitDecision and the fail note of ZRoundResult), the
 * `propertyRound.submit` v1 args and their parts when photos make one change too large (like the quality walk's).
 */
import { MAX_ROUND_ITEM_PHOTOS, roundSubmitDecision, roundVerdict, type TActor, type TItemResult, type TRoundStatus } from "@/domain/property/model";
import type { TRoundSubmitArgs } from "@/domain/property/schemas";
import type { TPhoto } from "@/domain/items/mutations";
import type { TDepartment } from "@/domain/auth/roles";
import type { TSignature } from "@/domain/work-orders/mutations";

/** What the logic needs of a round as the feed `propertyRounds` brings it (the cached row has more). */
export interface TRoundFacts {
  id: string;
  status: TRoundStatus;
  inspectors: readonly { userId: string; name: string; department: TDepartment | null }[];
  items: readonly TRoundItemFacts[];
}

export interface TRoundItemFacts {
  itemId: string;
  clause: string;
  group: string;
  textZh: string;
  textEn: string;
  unit: string | null;
  sort: number;
  previous: { result: TItemResult | null; measurement: string; note: string } | null;
}

/** A photo kept in the draft (the bytes travel with the submission; shown again from them after the app was closed). */
export interface DraftPhoto extends TPhoto {
  bytes: number;
  takenAt: string;
}

export interface DraftResult {
  result: TItemResult | null;
  measurement: string;
  note: string;
  /** In the order taken, at most MAX_ROUND_ITEM_PHOTOS (drafts saved before several photos: draft-store.ts reads them). */
  photos: DraftPhoto[];
}

/** An inspector's signature drawn on this phone. */
export interface DraftSignature extends TSignature {
  sha256: string;
  signedAt: string;
}

export interface RoundDraft {
  roundId: string;
  startedAt: string;
  /** By item id. */
  results: Record<string, DraftResult>;
  /** By inspector's user id. */
  signatures: Record<string, DraftSignature>;
  note: string;
  /** When it was queued (the draft stays, so a refused submission can be changed and sent again). */
  submittedAt: string | null;
}

export function newRoundDraft(roundId: string, now: Date = new Date()): RoundDraft {
  return { roundId, startedAt: now.toISOString(), results: {}, signatures: {}, note: "", submittedAt: null };
}

export const EMPTY_RESULT: DraftResult = { result: null, measurement: "", note: "", photos: [] };

export function resultOf(draft: RoundDraft, itemId: string): DraftResult {
  return draft.results[itemId] ?? EMPTY_RESULT;
}

/** A change of an item's result: the fields to set, or made from the result as it is then (a photo added after it was shrunk). */
export type TResultPatch = Partial<DraftResult> | ((current: DraftResult) => Partial<DraftResult>);

/**
 * Changes an item's result. The signatures attest the results as shown: a change after anyone signed takes the
 * signatures away (`unsigned` says so, to tell the inspectors to sign again).
 */
export function putResult(draft: RoundDraft, itemId: string, patch: TResultPatch): { draft: RoundDraft; unsigned: boolean } {
  const before = resultOf(draft, itemId);
  const after = { ...before, ...(typeof patch === "function" ? patch(before) : patch) };
  const changed = (Object.keys(after) as (keyof DraftResult)[]).some((k) => after[k] !== before[k]);
  if (!changed) return { draft, unsigned: false };
  const unsigned = Object.keys(draft.signatures).length > 0;
  return { draft: { ...draft, results: { ...draft.results, [itemId]: after }, signatures: unsigned ? {} : draft.signatures }, unsigned };
}

/** Whether the item may take another photo (MAX_ROUND_ITEM_PHOTOS: why four, domain/property/model.ts). */
export function canAddPhoto(r: Pick<DraftResult, "photos">): boolean {
  return r.photos.length < MAX_ROUND_ITEM_PHOTOS;
}

/** The item's photos with one more at the end; the same list when it has as many as it may (nothing changed). */
export function withPhoto(photos: DraftPhoto[], photo: DraftPhoto): DraftPhoto[] {
  return canAddPhoto({ photos }) ? [...photos, photo] : photos;
}

/** The item's photos without the one at `index`; the same list when there is none there (nothing changed). */
export function withoutPhoto(photos: DraftPhoto[], index: number): DraftPhoto[] {
  return index >= 0 && index < photos.length ? photos.filter((_, i) => i !== index) : photos;
}

export function putSignature(draft: RoundDraft, userId: string, signature: DraftSignature | null): RoundDraft {
  const others = Object.fromEntries(Object.entries(draft.signatures).filter(([id]) => id !== userId));
  return { ...draft, signatures: signature ? { ...others, [userId]: signature } : others };
}

/** The round's items in checklist order (by sort, then clause). */
export function orderedItems<I extends TRoundItemFacts>(items: readonly I[]): I[] {
  return [...items].sort((a, b) => a.sort - b.sort || a.clause.localeCompare(b.clause, "en", { numeric: true }));
}

/** The checklist grouped by `group`, groups in the order of their first item. */
export function groupedItems<I extends TRoundItemFacts>(items: readonly I[]): { group: string; items: I[] }[] {
  const out: { group: string; items: I[] }[] = [];
  for (const item of orderedItems(items)) {
    const g = out.find((x) => x.group === item.group);
    if (g) g.items.push(item);
    else out.push({ group: item.group, items: [item] });
  }
  return out;
}

const needsNote = (r: DraftResult) => r.result === "fail" && r.note.trim().length === 0;

export interface TRoundProgress {
  total: number;
  done: number;
  failed: number;
  /** Passed when every item passed, failed when every item has a result and one failed; null while incomplete. */
  verdict: "passed" | "failed" | null;
}

export function roundProgress(round: Pick<TRoundFacts, "items">, draft: RoundDraft): TRoundProgress {
  const results = orderedItems(round.items).map((i) => resultOf(draft, i.itemId).result);
  return {
    total: results.length,
    done: results.filter((r) => r !== null).length,
    failed: results.filter((r) => r === "fail").length,
    verdict: roundVerdict(results),
  };
}

/** Why the inspectors may not sign yet (every item needs its result, a failed one its note), or null. */
export type TSignBlocker = { kind: "results"; left: number } | { kind: "failNote"; itemId: string };

export function signBlocker(round: Pick<TRoundFacts, "items">, draft: RoundDraft): TSignBlocker | null {
  const items = orderedItems(round.items);
  const p = roundProgress(round, draft);
  if (p.verdict === null) return { kind: "results", left: p.total - p.done };
  const unexplained = items.find((i) => needsNote(resultOf(draft, i.itemId)));
  return unexplained ? { kind: "failNote", itemId: unexplained.itemId } : null;
}

/** Why the round may not be submitted yet, or null: the domain's decision, after the results' own. */
export type TSubmitBlocker =
  TSignBlocker | { kind: "signatures"; missing: string[] } | { kind: "notAllowed" } | { kind: "notScheduled" } | { kind: "submitted" };

export function submitBlocker(round: TRoundFacts, draft: RoundDraft, actor: TActor): TSubmitBlocker | null {
  if (draft.submittedAt !== null) return { kind: "submitted" };
  const decision = roundSubmitDecision({
    actor,
    roundStatus: round.status,
    inspectors: round.inspectors,
    signedBy: Object.keys(draft.signatures),
  });
  if (!decision.ok && decision.code === "not_allowed") return { kind: "notAllowed" };
  if (!decision.ok && decision.code === "invalid_transition") return { kind: "notScheduled" };
  const sign = signBlocker(round, draft);
  if (sign) return sign;
  if (!decision.ok) return { kind: "signatures", missing: decision.missing ?? [] };
  return null;
}

/** The mutation's args (checked with its schema when queued): the round's items only, in checklist order. */
export function submitArgsOf(round: Pick<TRoundFacts, "id" | "items" | "inspectors">, draft: RoundDraft): TRoundSubmitArgs {
  const results: TRoundSubmitArgs["results"] = [];
  for (const item of orderedItems(round.items)) {
    const r = resultOf(draft, item.itemId);
    if (r.result === null) continue;
    results.push({
      itemId: item.itemId,
      result: r.result,
      measurement: r.measurement.trim(),
      note: r.note.trim(),
      photos: r.photos.map((p) => ({ mime: p.mime, base64: p.base64 })),
    });
  }
  const signatures = round.inspectors.flatMap((i) => {
    const s = draft.signatures[i.userId];
    return s ? [{ userId: i.userId, signature: { mime: s.mime, base64: s.base64, strokes: s.strokes } }] : [];
  });
  const signedAt = Object.values(draft.signatures).map((s) => s.signedAt);
  // the inspection was done when the last inspector signed (the phone's clock; the server clamps it)
  const inspectedAt = signedAt.length > 0 ? signedAt.sort().at(-1)! : new Date().toISOString();
  return { roundId: round.id, results, signatures, note: draft.note.trim(), inspectedAt, final: true };
}

/**
 * The bytes one part may hold. A change must stay under MAX_SINGLE_MUTATION_BYTES (1 MB); a photo travels as up to
 * ~240 KB of base64 and each signature some tens of KB (the walk's budget, ADR 0038). An item's result is never split:
 * one larger than the budget (3 or 4 photos near their size limit) goes alone in its part, and MAX_ROUND_ITEM_PHOTOS
 * is chosen so that such a part, every photo at its largest, still fits one change (the arithmetic: model.ts).
 */
export const ROUND_PART_BYTES = 600 * 1024;

/**
 * The round as the changes to queue, in order: the results packed greedily into parts of at most `budget` bytes,
 * counting each result whole with every photo's bytes as it travels (a result larger than the budget alone in its part); the last part carries the signatures and submits (`final`), every
 * other says `final: false` and carries no signature. One part when it fits.
 */
export function roundParts(args: TRoundSubmitArgs, budget = ROUND_PART_BYTES): TRoundSubmitArgs[] {
  const size = (v: unknown) => new TextEncoder().encode(JSON.stringify(v)).length;
  const base = size({ ...args, results: [], signatures: [] });
  const signatures = size(args.signatures);
  const groups: TRoundSubmitArgs["results"][] = [];
  let current: TRoundSubmitArgs["results"] = [];
  let bytes = base;
  for (const r of args.results) {
    const s = size(r) + 1;
    if (current.length > 0 && bytes + s > budget) {
      groups.push(current);
      current = [];
      bytes = base;
    }
    current.push(r);
    bytes += s;
  }
  // the signatures go with the last results when they fit, else alone in a last part
  if (current.length > 0 && bytes + signatures > budget) {
    groups.push(current);
    current = [];
  }
  groups.push(current);
  return groups.map((results, i) => {
    const last = i === groups.length - 1;
    return { ...args, results, signatures: last ? args.signatures : [], final: last };
  });
}

/** A photo kept in the draft, shown again from its bytes. */
export function photoUrl(photo: TPhoto): string {
  return `data:${photo.mime};base64,${photo.base64}`;
}

/** The item's text in the reader's language (the English text may be empty: then the Chinese). */
export function itemText(item: Pick<TRoundItemFacts, "textZh" | "textEn">, locale: string): string {
  return locale.startsWith("en") && item.textEn.trim() ? item.textEn : item.textZh;
}

/** What the screen's hash names: a round (its id), or nothing (my rounds). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function roundIdOf(hash: string): string | null {
  const h = hash.trim();
  return UUID.test(h) ? h.toLowerCase() : null;
}

/**
 * Where a round stands on this phone: the server's verdict once the feed brings it (or cancelled); else this phone's
 * submission: refused (a refusal newer than the submission), queued (a part not yet answered by the server), sent
 * (waiting for the pull that brings the verdict); else a draft in progress, or nothing recorded yet.
 */
export type TSendState = "none" | "draft" | "queued" | "sent" | "refused" | "passed" | "failed" | "cancelled";

export function sendState(opts: {
  status: TRoundStatus;
  draft: Pick<RoundDraft, "submittedAt" | "results"> | null;
  /** The seqs of this round's parts still in the outbox. */
  queuedSeqs: readonly number[];
  /** The highest seq the server has answered for this device. */
  ackedSeq: number;
  /** When the newest refusal of this round's submission was made on the phone (its clientTime), if any. */
  refusedMadeAt: string | null;
}): TSendState {
  if (opts.status !== "scheduled") return opts.status;
  const d = opts.draft;
  if (d?.submittedAt) {
    if (opts.queuedSeqs.some((s) => s > opts.ackedSeq)) return "queued";
    if (opts.refusedMadeAt !== null && opts.refusedMadeAt >= d.submittedAt) return "refused";
    return "sent";
  }
  return d && Object.values(d.results).some((r) => r.result !== null) ? "draft" : "none";
}

/**
 * A draft once the server has decided its round (or the round was cancelled): without its photos and signature
 * images, which the server keeps; the results, notes and who signed stay to be shown. Null when already slim.
 */
export function settledDraft(draft: RoundDraft): RoundDraft | null {
  const photos = Object.values(draft.results).some((r) => r.photos.length > 0);
  const images = Object.values(draft.signatures).some((s) => s.base64 !== "" || s.strokes.length > 0);
  if (!photos && !images) return null;
  return {
    ...draft,
    results: Object.fromEntries(Object.entries(draft.results).map(([id, r]) => [id, { ...r, photos: [] }])),
    signatures: Object.fromEntries(Object.entries(draft.signatures).map(([id, s]) => [id, { ...s, base64: "", strokes: [] }])),
  };
}
