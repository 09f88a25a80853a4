/**
 * Search of stock on the phone (offline copy): by tag, material (code or name, the `materials` store), lot (a lot tag,
 * and the lots split from it), zone (code or name), label, and the receipt an item came in on (delivery note, receipt
 * number, purchase request, supplier: the `receipts` and `receiptLines` stores, which only keepers' phones hold; other
 * roles search what they have). The index is read once per sync; each query is a pass over it, in memory.
 */
import { queuedLabelChanges, type ReadCache } from "@/client/items/read-model";
import type { CachedItem } from "@/client/items/stores";
import { predictLabel } from "@/domain/items/predict";
import type { TItemStatus } from "@/domain/items/labels";

export interface SearchRow {
  item: CachedItem;
  /** The label and zone the user should see (their queued label changes on top). */
  status: TItemStatus;
  zoneCode: string | null;
  materialName: { zh: string; en: string } | null;
  receipt: { code: string; deliveryNote: string } | null;
  /** The lot this one was split from (its tag), if any. */
  lotTag: string | null;
  /** Every searchable text but the label's name, lower case, joined. */
  text: string;
}

export interface SearchIndex {
  rows: SearchRow[];
}

const lower = (s: string | null | undefined): string => (s ?? "").toLowerCase();

export async function loadSearchIndex(store: ReadCache, deviceId: string): Promise<SearchIndex> {
  const [items, materials, zones, receipts, lines, queue] = await Promise.all([
    store.getAll("items"),
    store.getAll("materials"),
    store.getAll("zones"),
    store.getAll("receipts"),
    store.getAll("receiptLines"),
    queuedLabelChanges(store, deviceId),
  ]);
  const material = new Map(materials.map((m) => [m.code, m]));
  const zone = new Map(zones.map((z) => [z.code, z]));
  const receipt = new Map(receipts.map((r) => [r.id, r]));
  const receiptOfLine = new Map(lines.map((l) => [l.id, receipt.get(l.receiptId) ?? null]));
  const tagOf = new Map(items.map((i) => [i.id, i.tagCode]));
  const queuedBy = new Map<string, typeof queue>();
  for (const q of queue) queuedBy.set(q.args.itemId, [...(queuedBy.get(q.args.itemId) ?? []), q]);
  const rows = items.map((item): SearchRow => {
    const queued = queuedBy.get(item.id);
    const state = queued ? predictLabel({ status: item.status, version: item.version, zoneCode: item.zoneCode }, queued) : item;
    const m = item.materialCode ? material.get(item.materialCode) : undefined;
    const r = item.receiptLineId ? (receiptOfLine.get(item.receiptLineId) ?? null) : null;
    const z = state.zoneCode ? zone.get(state.zoneCode) : undefined;
    const lotTag = item.splitFrom ? (tagOf.get(item.splitFrom) ?? null) : null;
    const text = [
      item.tagCode,
      item.name,
      item.materialCode,
      m?.nameZh,
      m?.nameEn,
      ...(m?.barcodes ?? []),
      state.zoneCode,
      z?.nameZh,
      z?.nameEn,
      lotTag,
      r?.code,
      r?.deliveryNote,
      r?.purchaseRequest,
      r?.supplier,
    ]
      .map(lower)
      .filter(Boolean)
      .join("\n");
    return {
      item,
      status: state.status,
      zoneCode: state.zoneCode,
      materialName: m ? { zh: m.nameZh, en: m.nameEn } : null,
      receipt: r ? { code: r.code, deliveryNote: r.deliveryNote } : null,
      lotTag,
      text,
    };
  });
  rows.sort((a, b) => (a.item.tagCode < b.item.tagCode ? -1 : a.item.tagCode > b.item.tagCode ? 1 : 0));
  return { rows };
}

export interface SearchResult {
  hits: SearchRow[];
  /** All that matched (more than shown when over the limit). */
  total: number;
}

/**
 * Every word of the query must be found in the item's texts or in its label's name (`labelNames`: the names of each
 * label in the user's language, and its key). An exact tag comes first, then tags that start with the query.
 */
export function searchStock(index: SearchIndex, query: string, labelNames: (status: TItemStatus) => readonly string[], limit = 50): SearchResult {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { hits: [], total: 0 };
  const labelText = new Map<TItemStatus, string>();
  const labelOf = (s: TItemStatus): string => {
    let v = labelText.get(s);
    if (v === undefined) {
      v = [s, ...labelNames(s)].map(lower).join("\n");
      labelText.set(s, v);
    }
    return v;
  };
  const q = query.trim().toUpperCase();
  const exact: SearchRow[] = [];
  const prefix: SearchRow[] = [];
  const rest: SearchRow[] = [];
  for (const row of index.rows) {
    if (!words.every((w) => row.text.includes(w) || labelOf(row.status).includes(w))) continue;
    const tag = row.item.tagCode;
    if (tag === q) exact.push(row);
    else if (tag.startsWith(q)) prefix.push(row);
    else rest.push(row);
  }
  const all = [...exact, ...prefix, ...rest];
  return { hits: all.slice(0, limit), total: all.length };
}
