/**
 * The delivery being received on the phone, before it is saved: its lines and each line's tag slots (a serialised
 * line one per unit, a bulk line one lot tag). Empty slots are filled from the phone's leased numbers; a printed tag
 * scanned off a roll takes the first slot not already holding a printed one. Plain functions, no React.
 */
import { MAX_SERIALISED_QUANTITY } from "@/domain/warehouse/model";
import type { TRecordReceiptForm } from "@/domain/warehouse/schemas";
import { peekTags, type TLeaseState } from "./tag-lease";

export interface TTagSlot {
  tag: string | null;
  /** Scanned off a printed roll (kept when the quantity changes); otherwise the phone's next leased number. */
  printed: boolean;
}

export interface TDraftLine {
  id: string;
  materialCode: string;
  serialised: boolean;
  /** As typed (the schema refuses what is not a whole number from 1). */
  quantity: string;
  slots: TTagSlot[];
  supplierCode?: string;
}

export interface TDraftHead {
  department: string;
  purchaseRequest: string;
  supplier: string;
  deliveryNote: string;
  inspectionZone: string;
  note: string;
}

export function parseQuantity(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{1,7}$/.test(t)) return t === "" ? undefined : Number.NaN;
  return Number(t);
}

/** How many tags a line needs: one per unit when serialised (within the most one line may hold), else one lot tag. */
export function slotsWanted(line: Pick<TDraftLine, "serialised" | "quantity">): number {
  if (!line.serialised) return 1;
  const q = parseQuantity(line.quantity);
  return q !== undefined && Number.isInteger(q) && q >= 1 ? Math.min(q, MAX_SERIALISED_QUANTITY) : 1;
}

export function draftTags(lines: readonly TDraftLine[]): string[] {
  return lines.flatMap((l) => l.slots.map((s) => s.tag).filter((t): t is string => t !== null));
}

/** Each line with as many slots as it needs (printed tags kept first), the empty ones filled from the leases. */
export function fillDraft(lines: readonly TDraftLine[], lease: TLeaseState): TDraftLine[] {
  const sized = lines.map((line) => {
    const want = slotsWanted(line);
    const printed = line.slots.filter((s) => s.printed);
    const leased = line.slots.filter((s) => !s.printed && s.tag !== null);
    const slots = [...printed, ...leased].slice(0, want);
    while (slots.length < want) slots.push({ tag: null, printed: false });
    return { ...line, slots };
  });
  const empty = sized.reduce((n, l) => n + l.slots.filter((s) => s.tag === null).length, 0);
  if (empty === 0) return sized;
  // as many as the leases still hold, in order, never one already shown on this draft
  let fresh = peekTags(lease, empty, draftTags(sized));
  for (let n = empty - 1; fresh === null && n > 0; n--) fresh = peekTags(lease, n, draftTags(sized));
  const queue = [...(fresh ?? [])];
  return sized.map((line) => ({ ...line, slots: line.slots.map((s) => (s.tag === null && queue.length > 0 ? { tag: queue.shift()!, printed: false } : s)) }));
}

/** Empty slots left (the leases ran out): the keeper attaches printed tags for these. */
export function missingTags(lines: readonly TDraftLine[]): number {
  return lines.reduce((n, l) => n + l.slots.filter((s) => s.tag === null).length, 0);
}

export type TAttach = { ok: true; lines: TDraftLine[] } | { ok: false; code: "tagTwice" | "full" };

/** A printed tag scanned for a line: it takes an empty slot, else the first one holding a leased number. */
export function attachPrinted(lines: readonly TDraftLine[], lineId: string, tag: string): TAttach {
  if (draftTags(lines.filter((l) => l.id !== lineId)).includes(tag)) return { ok: false, code: "tagTwice" };
  const line = lines.find((l) => l.id === lineId);
  if (!line) return { ok: false, code: "full" };
  if (line.slots.some((s) => s.tag === tag && s.printed)) return { ok: false, code: "tagTwice" };
  const slots = line.slots.filter((s) => s.tag !== tag || s.printed);
  while (slots.length < line.slots.length) slots.push({ tag: null, printed: false });
  let at = slots.findIndex((s) => s.tag === null);
  if (at < 0) at = slots.findIndex((s) => !s.printed);
  if (at < 0) return { ok: false, code: "full" };
  slots[at] = { tag, printed: true };
  return { ok: true, lines: lines.map((l) => (l.id === lineId ? { ...l, slots } : l)) };
}

/** The form the mutation's schema checks (domain ZRecordReceiptArgs): an empty slot leaves the line short of tags. */
export function draftForm(id: string, head: TDraftHead, lines: readonly TDraftLine[]): TRecordReceiptForm {
  return {
    id,
    department: head.department as TRecordReceiptForm["department"],
    purchaseRequest: head.purchaseRequest,
    supplier: head.supplier,
    deliveryNote: head.deliveryNote,
    inspectionZone: head.inspectionZone,
    note: head.note,
    lines: lines.map((l) => ({
      id: l.id,
      materialCode: l.materialCode,
      serialised: l.serialised,
      quantity: parseQuantity(l.quantity) as number,
      tags: l.slots.map((s) => s.tag).filter((t): t is string => t !== null),
      ...(l.supplierCode ? { supplierCode: l.supplierCode } : {}),
    })),
  };
}
