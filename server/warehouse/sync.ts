import "server-only";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { acceptanceForms, acceptanceLines, items, itemScopeMoves, materials, receiptLines, receipts, stockEvents, users } from "@/db/schema";
import { handlesItems } from "@/domain/items/labels";
import { mayReceive } from "@/domain/warehouse/model";
import { WAREHOUSE_MUTATION_VERSIONS as V } from "@/domain/warehouse/schemas";
import { inItemScope, itemKeyedRows, itemScopeOf, SHADOWED, zoneInScope, type ItemScope } from "@/server/items/scope";
import { feed, syncDomain } from "@/server/sync/contract";
import { applySubmitCount } from "./count-submit";
import { applyLabelByForm } from "./label-by-form";
import { applyStockMove } from "./move";
import { applyRecordReceipt } from "./receive";

const stockEventFields = {
  id: stockEvents.id,
  itemId: stockEvents.itemId,
  kind: stockEvents.kind,
  quantity: stockEvents.quantity,
  zoneCode: stockEvents.zoneCode,
  personName: users.displayName,
  department: stockEvents.department,
  ref: stockEvents.ref,
  note: stockEvents.note,
  at: stockEvents.at,
};

/**
 * `receiptId` names a receipt of the keeper's sites (by its inspection zone); `undefined` for a keeper of every site.
 * A receipt's lines and Quality Acceptance Forms go with it.
 */
async function ofReceiptInScope(tx: Db, user: { id: string }, receiptId: AnyPgColumn): Promise<SQL | undefined> {
  const inZones = zoneInScope(await itemScopeOf(tx, user), receipts.inspectionZone);
  return inZones && inArray(receiptId, tx.select({ id: receipts.id }).from(receipts).where(inZones));
}

/** Stock events of the items in scope, paged by their own txid. */
function ownStockEvents(tx: Db, scope: ItemScope, where: SQL | undefined, limit: number) {
  const fields = { ...stockEventFields, txid: stockEvents.txid };
  const inScope = inItemScope(scope, items.zoneCode, items.holderId);
  const base =
    inScope === undefined ? tx.select(fields).from(stockEvents) : tx.select(fields).from(stockEvents).innerJoin(items, eq(items.id, stockEvents.itemId));
  return base.leftJoin(users, eq(users.id, stockEvents.personId)).where(and(inScope, where)).orderBy(asc(stockEvents.txid), asc(stockEvents.id)).limit(limit);
}

/** Every stock event of the items that entered the scope in the window, paged by the move's txid (SHADOWED). */
function enteredStockEvents(tx: Db, moves: SQL, where: SQL | undefined, limit: number) {
  const shadow = tx
    .select({ ...stockEventFields, txid: sql<number>`${itemScopeMoves.txid}`.mapWith(Number).as("txid") })
    .from(itemScopeMoves)
    .innerJoin(items, eq(items.id, itemScopeMoves.itemId))
    .innerJoin(stockEvents, eq(stockEvents.itemId, itemScopeMoves.itemId))
    .leftJoin(users, eq(users.id, stockEvents.personId))
    .where(moves)
    .as(SHADOWED(stockEvents));
  return tx.select().from(shadow).where(where).orderBy(asc(shadow.txid), asc(shadow.id)).limit(limit);
}

const keeper = (user: { role: Parameters<typeof mayReceive>[0] }) => mayReceive(user.role);

/**
 * The warehouse on the keeper's phone (ADR 0035): the catalogue, receipts with their lines and forms (to label by
 * the form offline), and the stock history of every item (to the roles that keep items offline). The keeper's offline
 * steps: receive, label by the form, issue/return, submit a count. The items that label-by-form and moves change are
 * locked up front by the items domain's lock (server/items/change-label.ts lockItemsOf: one sorted pass for every
 * mutation that changes an item, so batches never deadlock); receipts and counts are serialised by their own id.
 */
export const warehouseSync = syncDomain({
  name: "warehouse",
  mutations: {
    "receipt.record": { versions: V["receipt.record"], handler: applyRecordReceipt },
    "receipt.label": { versions: V["receipt.label"], handler: applyLabelByForm },
    "stock.move": { versions: V["stock.move"], handler: applyStockMove },
    "count.submit": { versions: V["count.submit"], handler: applySubmitCount },
  },
  feeds: {
    materials: feed({
      scope: { phones: (user) => handlesItems(user.role), rows: "all" },
      txid: materials.txid,
      rows: (tx, _user, where, limit) => tx.select().from(materials).where(where).orderBy(asc(materials.txid), asc(materials.code)).limit(limit),
    }),
    receipts: feed({
      scope: { phones: keeper, rows: "own", leaves: "never" },
      txid: receipts.txid,
      rows: async (tx, user, where, limit) =>
        tx
          .select({
            id: receipts.id,
            code: receipts.code,
            purchaseRequest: receipts.purchaseRequest,
            department: receipts.department,
            supplier: receipts.supplier,
            deliveryNote: receipts.deliveryNote,
            inspectionZone: receipts.inspectionZone,
            status: receipts.status,
            receivedAt: receipts.receivedAt,
            receivedBy: receipts.receivedBy,
            version: receipts.version,
            txid: receipts.txid,
          })
          .from(receipts)
          .where(and(where, zoneInScope(await itemScopeOf(tx, user), receipts.inspectionZone)))
          .orderBy(asc(receipts.txid), asc(receipts.id))
          .limit(limit),
    }),
    receiptLines: feed({
      scope: { phones: keeper, rows: "own", leaves: "never" },
      txid: receiptLines.txid,
      rows: async (tx, user, where, limit) => {
        const mine = await ofReceiptInScope(tx, user, receiptLines.receiptId);
        return tx.select().from(receiptLines).where(and(where, mine)).orderBy(asc(receiptLines.txid), asc(receiptLines.id)).limit(limit);
      },
    }),
    acceptanceForms: feed({
      scope: { phones: keeper, rows: "own", leaves: "never" },
      txid: acceptanceForms.txid,
      rows: async (tx, user, where, limit) => {
        const mine = await ofReceiptInScope(tx, user, acceptanceForms.receiptId);
        return tx
          .select({
            id: acceptanceForms.id,
            receiptId: acceptanceForms.receiptId,
            code: acceptanceForms.code,
            department: acceptanceForms.department,
            inspectorName: users.displayName,
            signedAt: acceptanceForms.signedAt,
            note: acceptanceForms.note,
            txid: acceptanceForms.txid,
          })
          .from(acceptanceForms)
          .leftJoin(users, eq(users.id, acceptanceForms.inspectorId))
          .where(and(where, mine))
          .orderBy(asc(acceptanceForms.txid), asc(acceptanceForms.id))
          .limit(limit);
      },
    }),
    acceptanceLines: feed({
      scope: { phones: keeper, rows: "own", leaves: "never" },
      txid: acceptanceLines.txid,
      rows: async (tx, user, where, limit) => {
        const mine = await ofReceiptInScope(tx, user, acceptanceForms.receiptId);
        return tx
          .select()
          .from(acceptanceLines)
          .where(and(where, mine && inArray(acceptanceLines.formId, tx.select({ id: acceptanceForms.id }).from(acceptanceForms).where(mine))))
          .orderBy(asc(acceptanceLines.txid), asc(acceptanceLines.formId), asc(acceptanceLines.itemId))
          .limit(limit);
      },
    }),
    /** Stock events of the items in the user's scope (server/items/scope.ts); an item that enters it brings its history. */
    stockEvents: feed({
      scope: { phones: (user) => handlesItems(user.role), rows: "own", leaves: { withParent: "items" } },
      txid: stockEvents.txid,
      // an item that entered the scope sends its events again, paged by its move (SHADOWED)
      probe: [stockEvents.txid, itemScopeMoves.txid],
      rows: async (tx, user, where, limit) => {
        const scope = await itemScopeOf(tx, user);
        return itemKeyedRows(
          scope,
          () => ownStockEvents(tx, scope, where, limit),
          (moves) => enteredStockEvents(tx, moves, where, limit),
          limit,
        );
      },
    }),
  },
});
