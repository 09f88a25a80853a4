import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import {
  acceptanceForms,
  acceptanceLines,
  countDifferences,
  itemLabelEvents,
  items,
  materials,
  receiptLines,
  receipts,
  stockEvents,
  users,
  zones,
} from "@/db/schema";
import { normalizeTag } from "@/domain/items/tags";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { readsRegisters } from "./registers";

const holder = alias(users, "holder");
const responsible = alias(users, "responsible");
const actor = alias(users, "actor");
const person = alias(users, "person");

/** One line of an item's history: a label change (item_label_events) or a warehouse step (stock_events). */
export interface THistoryEntry {
  at: Date;
  source: "label" | "stock";
  /** A stock event's kind (received, inspected, split, issued, returned, counted, adjusted, responsible), or "labelled". */
  kind: string;
  actorName: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  fromZone: string | null;
  toZone: string | null;
  /** The label change's reason (label events). */
  reason: string | null;
  quantity: number | null;
  personName: string | null;
  department: string | null;
  /** The receipt, form, move or count it came from. */
  ref: string | null;
  /** An adjustment's resolution (write_off, move_here…). */
  resolution: string | null;
  note: string;
}

/**
 * `warehouse.item`: an item by its tag with its material, receipt and form line, who holds it and who is responsible,
 * and its whole history, label events and stock events merged in time order (oldest first). The registers' readers
 * read any item; anyone else only one they hold or are responsible for (not_found otherwise).
 */
export async function itemDetail(db: Db, user: SessionUser, tagInput: string) {
  const tag = normalizeTag(tagInput);
  const [row] = await db
    .select({ item: items, holderName: holder.displayName, responsibleName: responsible.displayName, zoneNameZh: zones.nameZh, zoneNameEn: zones.nameEn })
    .from(items)
    .leftJoin(holder, eq(holder.id, items.holderId))
    .leftJoin(responsible, eq(responsible.id, items.responsibleId))
    .leftJoin(zones, eq(zones.code, items.zoneCode))
    .where(eq(items.tagCode, tag));
  if (!row) throw new AppError("not_found");
  const item = row.item;
  if (!readsRegisters(user) && item.responsibleId !== user.id && item.holderId !== user.id) throw new AppError("not_found");

  // one round of queries, all keyed by the item (the page's time is their slowest, not their sum)
  // a lot split off by the form carries its parent's line
  const formItemIds = [item.id, ...(item.splitFrom ? [item.splitFrom] : [])];
  const [[material], [receipt], formRows, labels, stock, adjustments] = await Promise.all([
    item.materialCode ? db.select().from(materials).where(eq(materials.code, item.materialCode)) : Promise.resolve([]),
    item.receiptLineId
      ? db
          .select({
            id: receipts.id,
            code: receipts.code,
            deliveryNote: receipts.deliveryNote,
            supplier: receipts.supplier,
            department: receipts.department,
            status: receipts.status,
            receivedAt: receipts.receivedAt,
            lineNo: receiptLines.lineNo,
          })
          .from(receiptLines)
          .innerJoin(receipts, eq(receipts.id, receiptLines.receiptId))
          .where(eq(receiptLines.id, item.receiptLineId))
      : Promise.resolve([]),
    db
      .select({
        itemId: acceptanceLines.itemId,
        formId: acceptanceForms.id,
        formCode: acceptanceForms.code,
        inspectorName: users.displayName,
        signedAt: acceptanceForms.signedAt,
        accepted: acceptanceLines.accepted,
        rejected: acceptanceLines.rejected,
        rejectTo: acceptanceLines.rejectTo,
        reason: acceptanceLines.reason,
      })
      .from(acceptanceLines)
      .innerJoin(acceptanceForms, eq(acceptanceForms.id, acceptanceLines.formId))
      .innerJoin(users, eq(users.id, acceptanceForms.inspectorId))
      .where(inArray(acceptanceLines.itemId, formItemIds)),
    db
      .select({ e: itemLabelEvents, actorName: actor.displayName })
      .from(itemLabelEvents)
      .leftJoin(actor, eq(actor.id, itemLabelEvents.actorId))
      .where(eq(itemLabelEvents.itemId, item.id))
      .orderBy(asc(itemLabelEvents.id)),
    db
      .select({ e: stockEvents, actorName: actor.displayName, personName: person.displayName })
      .from(stockEvents)
      .leftJoin(actor, eq(actor.id, stockEvents.actorId))
      .leftJoin(person, eq(person.id, stockEvents.personId))
      .where(eq(stockEvents.itemId, item.id))
      .orderBy(asc(stockEvents.id)),
    db
      .select({ countId: countDifferences.countId, resolution: countDifferences.resolution })
      .from(countDifferences)
      .where(eq(countDifferences.itemId, item.id)),
  ]);
  const formLine = formRows.find((f) => f.itemId === item.id) ?? formRows[0] ?? null;
  const resolutionOf = new Map(adjustments.map((a) => [a.countId, a.resolution]));
  const history: THistoryEntry[] = [
    ...labels.map(({ e, actorName }) => ({
      at: e.serverTime,
      source: "label" as const,
      kind: "labelled",
      actorName,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      fromZone: e.fromZone,
      toZone: e.toZone,
      reason: e.reason,
      quantity: null,
      personName: null,
      department: null,
      ref: null,
      resolution: null,
      note: e.note,
    })),
    ...stock.map(({ e, actorName, personName }) => ({
      at: e.at,
      source: "stock" as const,
      kind: e.kind,
      actorName,
      fromStatus: null,
      toStatus: null,
      fromZone: null,
      toZone: e.zoneCode,
      reason: null,
      quantity: e.quantity,
      personName,
      department: e.department,
      ref: e.ref,
      resolution: e.kind === "adjusted" && e.ref ? (resolutionOf.get(e.ref) ?? null) : null,
      note: e.note,
    })),
  ];
  // time order; at the same instant a stock step (received) before the label it led to
  history.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.source === b.source ? 0 : a.source === "stock" ? -1 : 1));
  return {
    item: { ...item, holderName: row.holderName, responsibleName: row.responsibleName, zoneNameZh: row.zoneNameZh, zoneNameEn: row.zoneNameEn },
    material: material ?? null,
    receipt: receipt ?? null,
    formLine,
    history,
  };
}
