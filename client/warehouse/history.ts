/**
 * An item's whole history on the phone (ADR 0035 §8): its label events (the `events` store) merged with its stock
 * events (`stockEvents`: received, inspected, split, issued, returned, counted, adjusted, person responsible), newest
 * first, and what the item page shows besides its label: material, quantity on hand, who holds it, who is responsible
 * for it in quarantine and for how long. Names of people come from the events that named them (the phone keeps no
 * list of people); the signed-in person is known by name.
 */
import type { ReadCache } from "@/client/items/read-model";
import type { CachedEvent, CachedItem } from "@/client/items/stores";
import type { TDepartment } from "@/domain/auth/roles";
import type { CachedMaterial, CachedStockEvent } from "./stores";

export type HistoryEntry =
  { source: "label"; at: string; key: string; event: CachedEvent } | { source: "stock"; at: string; key: string; event: CachedStockEvent };

export async function stockEventsOf(store: ReadCache, itemId: string): Promise<CachedStockEvent[]> {
  return (await store.getAllFromIndex("stockEvents", "byItem", itemId)).sort((a, b) => a.id - b.id);
}

/** Label and stock events in one list, newest first (by the server's time; ties: stock after label of the same instant). */
export function mergeHistory(labels: readonly CachedEvent[], stock: readonly CachedStockEvent[]): HistoryEntry[] {
  const all: HistoryEntry[] = [
    ...labels.map((event) => ({ source: "label" as const, at: event.serverTime, key: `l${event.id}`, event })),
    ...stock.map((event) => ({ source: "stock" as const, at: event.at, key: `s${event.id}`, event })),
  ];
  const time = (e: HistoryEntry) => Date.parse(e.at) || 0;
  const seq = (e: HistoryEntry) => (e.source === "label" ? 0 : 1) * 1e12 + e.event.id;
  return all.sort((a, b) => time(b) - time(a) || seq(b) - seq(a));
}

export interface StockFacts {
  material: CachedMaterial | null;
  stockEvents: CachedStockEvent[];
  /** Who holds it (issued), by name or department; null when nobody does. */
  holder: { name: string | null; department: string | null } | null;
  /** Who deals with it in quarantine; the name when an event named them. */
  responsible: { id: string; name: string | null } | null;
  /** 待检 on a receipt not yet inspected: the receipt's number and the department that inspects it; null otherwise. */
  inspection: AwaitingInspection | null;
}

export interface AwaitingInspection {
  receiptCode: string;
  department: TDepartment;
}

/**
 * The receipt an item waits on for its inspection: 待检 (pending_inspection), received (the latest received event
 * names the receipt's number and the requesting department) and not inspected since (no inspected event after it).
 * The phone of anyone who handles items holds the stock events, not the receipts: the receipt is known by number.
 */
export function awaitingInspection(item: Pick<CachedItem, "status">, events: readonly CachedStockEvent[]): AwaitingInspection | null {
  if (item.status !== "pending_inspection") return null;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.kind === "inspected") return null;
    if (e.kind === "received") return e.ref && e.department ? { receiptCode: e.ref, department: e.department } : null;
  }
  return null;
}

/** The latest event of a kind with a person's name (events are oldest first). */
function lastNamed(events: readonly CachedStockEvent[], kinds: readonly CachedStockEvent["kind"][]): CachedStockEvent | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (kinds.includes(e.kind) && (e.personName || e.department)) return e;
  }
  return null;
}

export async function stockFactsOf(store: ReadCache, item: CachedItem, me: { id: string; displayName: string }): Promise<StockFacts> {
  const [material, stockEvents] = await Promise.all([
    item.materialCode ? store.get("materials", item.materialCode) : Promise.resolve(undefined),
    stockEventsOf(store, item.id),
  ]);
  let holder: StockFacts["holder"] = null;
  if (item.holderId || item.holderDepartment) {
    const issued = lastNamed(stockEvents, ["issued"]);
    holder = {
      name: item.holderId === me.id ? me.displayName : (issued?.personName ?? null),
      department: item.holderDepartment ?? issued?.department ?? null,
    };
  }
  let responsible: StockFacts["responsible"] = null;
  if (item.responsibleId) {
    const named = lastNamed(stockEvents, ["responsible"]);
    responsible = { id: item.responsibleId, name: item.responsibleId === me.id ? me.displayName : (named?.personName ?? null) };
  }
  return { material: material ?? null, stockEvents, holder, responsible, inspection: awaitingInspection(item, stockEvents) };
}
