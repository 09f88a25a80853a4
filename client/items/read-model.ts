/**
 * What the screens show from the phone's own storage: the synced read cache with the user's queued label
 * changes on top (predictLabel from domain/), so a change made offline shows at once, marked "not yet synced".
 * Plain functions over the store: no React here.
 */
import { ITEM_STATUSES } from "@/domain/items/labels";
import type { TChangeLabelArgs, TChangeLabelExpected } from "@/domain/items/mutations";
import { predictLabel, type TLabelState } from "@/domain/items/predict";
import type { CacheReader, IdbSyncStore } from "@/client/sync/idb-store";
import type { OutboxRecord } from "@/client/sync/types";
import { eventsOf, type CachedEvent, type CachedItem, type CachedZone } from "./stores";

export type ReadCache = CacheReader & Pick<IdbSyncStore, "allPending">;

/** A label change still in the outbox. */
export interface QueuedLabelChange {
  mutationId: string;
  seq: number;
  clientTime: string;
  args: TChangeLabelArgs;
  expected: TChangeLabelExpected;
}

export interface PredictedItem {
  item: CachedItem;
  /** The label, version and zone the user should see: synced state plus their queued changes. */
  predicted: TLabelState & { pending: number };
  queued: QueuedLabelChange[];
}

export interface ItemView extends PredictedItem {
  /** Synced label events, newest first. */
  events: CachedEvent[];
}

const isStatus = (v: unknown): boolean => typeof v === "string" && (ITEM_STATUSES as readonly string[]).includes(v);

/**
 * An outbox record read back as a label change. The record was checked against the domain schema when it was
 * queued (and the server checks it again), so this only guards the shape the screens rely on. No zod here:
 * it would put zod into every page's first load (see docs/decisions/0006-styling.md, the JS budget).
 */
export function asLabelChange(
  rec: Pick<OutboxRecord, "name" | "schemaVersion" | "args" | "expected">,
): { args: TChangeLabelArgs; expected: TChangeLabelExpected | null } | null {
  if (rec.name !== "item.changeLabel" || (rec.schemaVersion !== 1 && rec.schemaVersion !== 2)) return null;
  const args = rec.args as Partial<TChangeLabelArgs> | null;
  if (!args || typeof args.itemId !== "string" || !isStatus(args.to) || typeof args.reason !== "string") return null;
  const e = rec.expected as Partial<TChangeLabelExpected> | null | undefined;
  const expected = e && isStatus(e.from) && typeof e.version === "number" ? (e as TChangeLabelExpected) : null;
  return { args: { ...(args as TChangeLabelArgs), note: typeof args.note === "string" ? args.note : "" }, expected };
}

/** The user's queued label changes, in seq order. */
export async function queuedLabelChanges(store: ReadCache, deviceId: string): Promise<QueuedLabelChange[]> {
  const out: QueuedLabelChange[] = [];
  for (const rec of await store.allPending(deviceId)) {
    const change = asLabelChange(rec);
    if (!change?.expected) continue;
    out.push({ mutationId: rec.mutationId, seq: rec.seq, clientTime: rec.clientTime, args: change.args, expected: change.expected });
  }
  return out.sort((a, b) => a.seq - b.seq);
}

export function predictItem(item: CachedItem, queue: readonly QueuedLabelChange[]): PredictedItem {
  const queued = queue.filter((q) => q.args.itemId === item.id);
  const predicted = predictLabel({ status: item.status, version: item.version, zoneCode: item.zoneCode }, queued);
  return { item, predicted, queued };
}

async function viewOf(store: ReadCache, deviceId: string, item: CachedItem | undefined): Promise<ItemView | null> {
  if (!item) return null;
  const [queue, events] = await Promise.all([queuedLabelChanges(store, deviceId), eventsOf(store, item.id)]);
  return { ...predictItem(item, queue), events: [...events].reverse() };
}

export async function itemViewByTag(store: ReadCache, deviceId: string, tag: string): Promise<ItemView | null> {
  return viewOf(store, deviceId, await store.getFromIndex("items", "byTag", tag));
}

export async function itemViewById(store: ReadCache, deviceId: string, id: string): Promise<ItemView | null> {
  return viewOf(store, deviceId, await store.get("items", id));
}

export interface ZoneBoard {
  zones: CachedZone[];
  /** Items by the zone they are predicted to be in (a queued move into quarantine counts there already). */
  byZone: Map<string, PredictedItem[]>;
}

/** Every zone with its items, predicted. Items leave the zone they were synced in when a queued change moves them. */
export async function zoneBoard(store: ReadCache, deviceId: string): Promise<ZoneBoard> {
  const [zones, queue] = await Promise.all([store.getAll("zones"), queuedLabelChanges(store, deviceId)]);
  const items = new Map<string, CachedItem>();
  for (const list of await Promise.all(zones.map((z) => store.getAllFromIndex("items", "byZone", z.code)))) for (const i of list) items.set(i.id, i);
  for (const q of queue) {
    if (items.has(q.args.itemId)) continue;
    const i = await store.get("items", q.args.itemId);
    if (i) items.set(i.id, i);
  }
  const byZone = new Map<string, PredictedItem[]>();
  for (const item of items.values()) {
    const p = predictItem(item, queue);
    const code = p.predicted.zoneCode;
    if (!code) continue;
    byZone.set(code, [...(byZone.get(code) ?? []), p]);
  }
  for (const list of byZone.values()) list.sort((a, b) => a.item.tagCode.localeCompare(b.item.tagCode));
  return { zones: [...zones].sort((a, b) => a.code.localeCompare(b.code)), byZone };
}
