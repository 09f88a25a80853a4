/**
 * A live stock-take on the phone: the zone's compare (domain/warehouse/count.ts ZoneCount) built once from the
 * offline copy (every item by tag, with the user's own queued label changes predicted on top), the scans of the draft
 * replayed into it, then one `scan` per tag read. Each live scan's compare is marked with performance.mark/measure
 * ("count.scan"): the bench reads those measures. No React here.
 */
import { queuedLabelChanges, type QueuedLabelChange, type ReadCache } from "@/client/items/read-model";
import type { CachedItem, CachedZone } from "@/client/items/stores";
import { predictLabel } from "@/domain/items/predict";
import { ZoneCount, type TCountItem, type TScanOutcome } from "@/domain/warehouse/count";
import type { CountDraft } from "./count-store";

/** An item as the count screen lists it: the compare's fields and its name. */
export interface CountItem extends TCountItem {
  name: string;
}

export const SCAN_MEASURE = "count.scan";
const SCAN_MARK = "count.scan.start";

export interface CountFacts {
  zone: CachedZone;
  byTag: Map<string, CountItem>;
}

/** The zone and every item by tag, each at its predicted label and zone (the user's queued label changes on top). */
export async function loadCountFacts(store: ReadCache, deviceId: string, zoneCode: string): Promise<CountFacts | null> {
  const [zone, items, queue] = await Promise.all([store.get("zones", zoneCode), store.getAll("items"), queuedLabelChanges(store, deviceId)]);
  if (!zone) return null;
  return { zone, byTag: countItems(items, queue) };
}

export function countItems(items: readonly CachedItem[], queue: readonly QueuedLabelChange[]): Map<string, CountItem> {
  const queuedBy = new Map<string, QueuedLabelChange[]>();
  for (const q of queue) queuedBy.set(q.args.itemId, [...(queuedBy.get(q.args.itemId) ?? []), q]);
  const byTag = new Map<string, CountItem>();
  for (const item of items) {
    const queued = queuedBy.get(item.id);
    const state = queued ? predictLabel({ status: item.status, version: item.version, zoneCode: item.zoneCode }, queued) : item;
    byTag.set(item.tagCode, { id: item.id, tag: item.tagCode, status: state.status, zoneCode: state.zoneCode, name: item.name });
  }
  return byTag;
}

export type CountOutcome =
  | { kind: "found"; item: CountItem }
  | { kind: "unexpected"; item: CountItem; belongsIn: string | null }
  | { kind: "wrong_label"; item: CountItem }
  | { kind: "unknown"; tag: string }
  | { kind: "repeat"; tag: string };

/** The compare of one zone with the draft's scans in it; `scan` adds one and keeps the draft's scan list. */
export class CountSession {
  readonly count: ZoneCount;
  readonly draft: CountDraft;
  /** The zone's expected items in tag order, sorted once: the missing list is read off it without sorting again. */
  private readonly expectedSorted: CountItem[];
  private readonly seen = new Set<string>();

  constructor(facts: CountFacts, draft: CountDraft) {
    this.count = new ZoneCount({ code: facts.zone.code, kind: facts.zone.kind, holds: facts.zone.holds ?? null }, facts.byTag);
    this.expectedSorted = [...facts.byTag.values()].filter((i) => i.zoneCode === facts.zone.code).sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
    const replay = draft.scans;
    this.draft = { ...draft, scans: [] };
    for (const tag of replay) if (this.count.scan(tag).kind !== "repeat") this.take(tag);
  }

  private take(tag: string): void {
    this.draft.scans.push(tag);
    this.seen.add(tag);
  }

  /** One tag read (camera or typed, already normalised): compared in O(1), timed as "count.scan". */
  scan(tag: string): CountOutcome {
    performance.mark(SCAN_MARK);
    const outcome = this.count.scan(tag) as TScanOutcome & CountOutcome;
    if (outcome.kind !== "repeat") this.take(tag);
    performance.measure(SCAN_MEASURE, SCAN_MARK);
    performance.clearMarks(SCAN_MARK);
    return outcome;
  }

  get items(): {
    found: readonly CountItem[];
    unexpected: readonly { item: CountItem; belongsIn: string | null }[];
    wrongLabel: readonly CountItem[];
    unknown: readonly string[];
  } {
    const c = this.count;
    return {
      found: c.found as CountItem[],
      unexpected: c.unexpected as { item: CountItem; belongsIn: string | null }[],
      wrongLabel: c.wrongLabel as CountItem[],
      unknown: c.unknown,
    };
  }

  /** The first `limit` expected items not scanned yet, in tag order (stops early: cheap on a zone of thousands). */
  missingFirst(limit: number): CountItem[] {
    const out: CountItem[] = [];
    for (const item of this.expectedSorted) {
      if (out.length >= limit) break;
      if (!this.seen.has(item.tag)) out.push(item);
    }
    return out;
  }
}
