/**
 * The keeper's receipts as the phone shows them: the server's rows (feeds receipts, receiptLines, items,
 * acceptanceForms, acceptanceLines) with this phone's own queued steps on top — a delivery received with no signal
 * is listed at once, unnumbered ("number on sync"), with its tags; a tag labelled by the form shows its predicted
 * label and zone (domain planLabelByForm), marked not yet synced. No zod here (first load).
 */
import type { CacheReader, IdbSyncStore } from "@/client/sync/idb-store";
import type { OutboxRecord } from "@/client/sync/types";
import type { CachedItem } from "@/client/items/stores";
import type { TDepartment } from "@/domain/auth/roles";
import type { TItemStatus, TZoneFacts } from "@/domain/items/labels";
import {
  formVerdict,
  planLabelByForm,
  type TFormVerdict,
  type TInspectionLine,
  type TReceiptStatus,
  type TRejectTarget,
  type TUnit,
} from "@/domain/warehouse/model";
import type { TLabelByFormArgs, TRecordReceiptArgs } from "@/domain/warehouse/schemas";
import { LABEL_BY_FORM, RECORD_RECEIPT } from "./queue";
import type { CachedMaterial } from "./stores";

export type WarehouseReader = CacheReader & Pick<IdbSyncStore, "allPending" | "rejections">;

export interface ReceiptRow {
  id: string;
  /** RC-YYYYMMDD-NNNN, or null while only on this phone. */
  code: string | null;
  department: TDepartment;
  purchaseRequest: string;
  supplier: string;
  deliveryNote: string;
  status: TReceiptStatus;
  receivedAt: string;
  lineCount: number;
  queued: boolean;
  /** Refused by the server (its reason code, "" when none): kept in Needs attention. */
  refused: string | null;
}

/** The form's word on one tag. */
export interface FormLineView extends TInspectionLine {
  verdict: TFormVerdict;
  rejectTo: TRejectTarget | null;
}

export interface ReceiptTagView {
  itemId: string | null;
  tag: string;
  quantity: number;
  status: TItemStatus;
  zoneCode: string | null;
  version: number;
  /** The lot this tag was split from (the rejected part of a lot accepted in part). */
  splitFrom: string | null;
  form: FormLineView | null;
  /** Labelled on this phone, not yet synced: the predicted label, zone and quantity are shown. */
  labelQueued: boolean;
  /** The predicted new lot of a queued split. */
  split: { tag: string; status: TItemStatus; zoneCode: string; quantity: number } | null;
}

export interface ReceiptLineView {
  id: string;
  lineNo: number;
  materialCode: string;
  nameZh: string;
  nameEn: string;
  unit: TUnit | null;
  serialised: boolean;
  quantity: number;
  tags: ReceiptTagView[];
}

export interface ReceiptView extends ReceiptRow {
  inspectionZone: string;
  lines: ReceiptLineView[];
  form: { id: string; code: string; inspectorName: string | null; signedAt: string; note: string } | null;
  /** Tags labelled on this phone and not yet synced. */
  pendingLabels: number;
}

const str = (v: unknown): v is string => typeof v === "string";

/** An outbox record read back as a receipt recorded here (checked with the schema when queued), or null. */
export function asQueuedReceipt(rec: Pick<OutboxRecord, "name" | "schemaVersion" | "args">): TRecordReceiptArgs | null {
  if (rec.name !== RECORD_RECEIPT || rec.schemaVersion !== 1) return null;
  const a = rec.args as Partial<TRecordReceiptArgs> | null;
  if (!a || !str(a.id) || !str(a.department) || !Array.isArray(a.lines)) return null;
  return a as TRecordReceiptArgs;
}

function asQueuedLabel(rec: Pick<OutboxRecord, "name" | "schemaVersion" | "args">): TLabelByFormArgs | null {
  if (rec.name !== LABEL_BY_FORM || rec.schemaVersion !== 1) return null;
  const a = rec.args as Partial<TLabelByFormArgs> | null;
  return a && str(a.itemId) ? (a as TLabelByFormArgs) : null;
}

function queuedRow(a: TRecordReceiptArgs, clientTime: string, refused: string | null): ReceiptRow {
  return {
    id: a.id,
    code: null,
    department: a.department,
    purchaseRequest: a.purchaseRequest,
    supplier: a.supplier,
    deliveryNote: a.deliveryNote,
    status: "awaiting_inspection",
    receivedAt: clientTime,
    lineCount: a.lines.length,
    queued: refused === null,
    refused,
  };
}

/** Receipts newest first: the server's (the last `limit`), this phone's queued ones, and refused ones. */
export async function recentReceipts(store: WarehouseReader, deviceId: string, limit = 30): Promise<ReceiptRow[]> {
  const [rows, pending, rejected] = await Promise.all([store.getAll("receipts"), store.allPending(deviceId), store.rejections(deviceId)]);
  const newest = [...rows].sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : -1)).slice(0, limit);
  const out = new Map<string, ReceiptRow>();
  const labelled = new Set(pending.map(asQueuedLabel).flatMap((l) => (l ? [l.itemId] : [])));
  for (const r of newest) {
    const lines = await store.getAllFromIndex("receiptLines", "byReceipt", r.id);
    out.set(r.id, {
      id: r.id,
      code: r.code,
      department: r.department,
      purchaseRequest: r.purchaseRequest,
      supplier: r.supplier,
      deliveryNote: r.deliveryNote,
      status: r.status === "inspected" && labelled.size > 0 ? await predictedStatus(store, r.id, lines, labelled) : r.status,
      receivedAt: r.receivedAt,
      lineCount: lines.length,
      queued: false,
      refused: null,
    });
  }
  for (const rec of pending) {
    const a = asQueuedReceipt(rec);
    if (a && !out.has(a.id)) out.set(a.id, queuedRow(a, rec.clientTime, null));
  }
  for (const r of rejected) {
    const a = r.original ? asQueuedReceipt(r.original) : null;
    if (a && !out.has(a.id)) out.set(a.id, queuedRow(a, r.original!.clientTime, r.reasonCode ?? ""));
  }
  return [...out.values()].sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : a.id < b.id ? 1 : -1));
}

/** An inspected receipt whose every tag still 待检 is labelled in this phone's queue counts as labelled (not yet synced). */
async function predictedStatus(store: WarehouseReader, receiptId: string, lines: { id: string }[], labelled: Set<string>): Promise<TReceiptStatus> {
  const form = await store.getFromIndex("acceptanceForms", "byReceipt", receiptId);
  if (!form) return "inspected";
  const formLines = await store.getAllFromIndex("acceptanceLines", "byForm", form.id);
  const items = await Promise.all(formLines.map((l) => store.get("items", l.itemId)));
  const open = items.filter((i) => i && i.status === "pending_inspection" && !labelled.has(i.id));
  return open.length === 0 && lines.length > 0 ? "labelled" : "inspected";
}

const zoneFacts = (z: { code: string; kind: TZoneFacts["kind"]; holds?: TItemStatus | null }) => ({ code: z.code, kind: z.kind, holds: z.holds ?? null });

function tagView(item: CachedItem, form: FormLineView | null, queued: TLabelByFormArgs | undefined, zones: Map<string, TZoneFacts>): ReceiptTagView {
  const base: ReceiptTagView = {
    itemId: item.id,
    tag: item.tagCode,
    quantity: item.quantity,
    status: item.status,
    zoneCode: item.zoneCode,
    version: item.version,
    splitFrom: item.splitFrom,
    form,
    labelQueued: false,
    split: null,
  };
  if (!queued) return base;
  const plan = planLabelByForm(item, form, {
    stockZone: queued.stockZone ? (zones.get(queued.stockZone) ?? null) : null,
    quarantineZone: queued.quarantineZone ? (zones.get(queued.quarantineZone) ?? null) : null,
    splitTag: queued.splitTag ?? null,
    responsibleId: queued.responsibleId ?? null,
  });
  if (!plan.ok) return { ...base, labelQueued: true };
  return { ...base, labelQueued: true, status: plan.keep.status, zoneCode: plan.keep.zoneCode, quantity: plan.keep.quantity, split: plan.split };
}

/** One receipt with its lines, tags, form and this phone's queued labelling; null when the phone has no such receipt. */
export async function receiptView(store: WarehouseReader, deviceId: string, id: string): Promise<ReceiptView | null> {
  const [row, pending, rejected, materials, zoneRows] = await Promise.all([
    store.get("receipts", id),
    store.allPending(deviceId),
    store.rejections(deviceId),
    store.getAll("materials"),
    store.getAll("zones"),
  ]);
  const material = new Map<string, CachedMaterial>(materials.map((m) => [m.code, m]));
  const named = (code: string) => ({
    nameZh: material.get(code)?.nameZh ?? code,
    nameEn: material.get(code)?.nameEn ?? code,
    unit: material.get(code)?.unit ?? null,
  });
  if (!row) {
    const rec = pending.find((r) => asQueuedReceipt(r)?.id === id);
    const refused = rec ? null : rejected.find((r) => r.original && asQueuedReceipt(r.original)?.id === id);
    const source = rec ?? refused?.original;
    const a = source ? asQueuedReceipt(source) : null;
    if (!a || !source) return null;
    return {
      ...queuedRow(a, source.clientTime, refused ? (refused.reasonCode ?? "") : null),
      inspectionZone: a.inspectionZone,
      form: null,
      pendingLabels: 0,
      lines: a.lines.map((l, i) => ({
        id: l.id,
        lineNo: i + 1,
        materialCode: l.materialCode,
        ...named(l.materialCode),
        serialised: l.serialised,
        quantity: l.quantity,
        tags: l.tags.map((tag) => ({
          itemId: null,
          tag,
          quantity: l.serialised ? 1 : l.quantity,
          status: "pending_inspection",
          zoneCode: a.inspectionZone,
          version: 1,
          splitFrom: null,
          form: null,
          labelQueued: false,
          split: null,
        })),
      })),
    };
  }
  const zones = new Map(zoneRows.map((z) => [z.code, zoneFacts(z)]));
  const lines = (await store.getAllFromIndex("receiptLines", "byReceipt", id)).sort((a, b) => a.lineNo - b.lineNo);
  const form = (await store.getFromIndex("acceptanceForms", "byReceipt", id)) ?? null;
  const formLines = new Map((form ? await store.getAllFromIndex("acceptanceLines", "byForm", form.id) : []).map((l) => [l.itemId, l]));
  const lineIds = new Set(lines.map((l) => l.id));
  const all = await store.getAll("items");
  const own = all.filter((i) => i.receiptLineId !== null && lineIds.has(i.receiptLineId));
  const ownIds = new Set(own.map((i) => i.id));
  const splits = all.filter((i) => i.splitFrom !== null && ownIds.has(i.splitFrom) && !ownIds.has(i.id));
  const queued = new Map<string, TLabelByFormArgs>();
  for (const rec of pending) {
    const l = asQueuedLabel(rec);
    if (l && ownIds.has(l.itemId)) queued.set(l.itemId, l);
  }
  const formOf = (itemId: string): FormLineView | null => {
    const l = formLines.get(itemId);
    return l ? { accepted: l.accepted, rejected: l.rejected, rejectTo: l.rejectTo, reason: l.reason, verdict: formVerdict(l) } : null;
  };
  const views = lines.map((l) => {
    const mine = own.filter((i) => i.receiptLineId === l.id).sort((a, b) => a.tagCode.localeCompare(b.tagCode));
    const tags: ReceiptTagView[] = [];
    for (const item of mine) {
      const view = tagView(item, formOf(item.id), queued.get(item.id), zones);
      tags.push(view);
      for (const s of [...splits, ...own].filter((x) => x.splitFrom === item.id)) {
        // the synced split: the new lot the rejected part went to
        view.split ??= { tag: s.tagCode, status: s.status, zoneCode: s.zoneCode ?? "", quantity: s.quantity };
        if (!ownIds.has(s.id)) tags.push(tagView(s, null, undefined, zones));
      }
    }
    return {
      id: l.id,
      lineNo: l.lineNo,
      materialCode: l.materialCode,
      ...named(l.materialCode),
      unit: l.unit,
      serialised: l.serialised,
      quantity: l.quantity,
      tags,
    };
  });
  const open = views.flatMap((l) => l.tags).filter((t) => t.form !== null && t.status === "pending_inspection");
  return {
    id: row.id,
    code: row.code,
    department: row.department,
    purchaseRequest: row.purchaseRequest,
    supplier: row.supplier,
    deliveryNote: row.deliveryNote,
    inspectionZone: row.inspectionZone,
    status: row.status === "inspected" && queued.size > 0 && open.length === 0 ? "labelled" : row.status,
    receivedAt: row.receivedAt,
    lineCount: lines.length,
    queued: false,
    refused: null,
    lines: views,
    form: form ? { id: form.id, code: form.code, inspectorName: form.inspectorName, signedAt: form.signedAt, note: form.note } : null,
    pendingLabels: queued.size,
  };
}

/** Tags already on an item in the phone's copy (a printed tag scanned twice, or one used before). */
export async function tagInUse(store: Pick<CacheReader, "getFromIndex">, tag: string): Promise<boolean> {
  return (await store.getFromIndex("items", "byTag", tag)) !== undefined;
}

/** The catalogue, active materials, by name. */
export async function catalogue(store: Pick<CacheReader, "getAll">): Promise<CachedMaterial[]> {
  return (await store.getAll("materials")).filter((m) => m.active).sort((a, b) => a.code.localeCompare(b.code));
}

/** The material a supplier's barcode names (as read: EAN-13 digits, Code 128 or QR text), or null. */
export function materialByBarcode(materials: readonly CachedMaterial[], code: string): CachedMaterial | null {
  const read = code.trim();
  return materials.find((m) => m.barcodes.includes(read)) ?? null;
}
