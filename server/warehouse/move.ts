import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, itemLabelEvents, items, materials, receiptLines, stockEvents, stockMoves, users, zones } from "@/db/schema";
import { mayReceive } from "@/domain/warehouse/model";
import { ZStockMoveArgs, type TStockMoveArgs } from "@/domain/warehouse/schemas";
import { checkMove } from "@/domain/warehouse/stock";
import { auditRow } from "@/server/audit/service";
import { now as serverNow } from "@/server/clock";
import type { Decision, MutationContext } from "@/server/sync/contract";
import { badInput, Rejection } from "@/server/sync/rejection";

type TItem = typeof items.$inferSelect;

/** Whether each unit of this item has its own tag: its receipt line's word, else the catalogue's; without either, a single unit is. */
async function isSerialised(tx: Db, item: TItem): Promise<boolean> {
  if (item.receiptLineId) {
    const [line] = await tx.select({ serialised: receiptLines.serialised }).from(receiptLines).where(eq(receiptLines.id, item.receiptLineId));
    if (line) return line.serialised;
  }
  if (item.materialCode) {
    const [m] = await tx.select({ serialised: materials.serialised }).from(materials).where(eq(materials.code, item.materialCode));
    if (m) return m.serialised;
  }
  return item.quantity <= 1;
}

/** What this holder (a person or a department) has been issued of this item and not yet returned. */
async function outstandingOf(tx: Db, itemId: string, a: TStockMoveArgs): Promise<number> {
  const holder = a.toUserId !== undefined ? eq(stockMoves.toUserId, a.toUserId) : eq(stockMoves.toDepartment, a.toDepartment!);
  const [row] = await tx
    .select({ n: sql<number>`coalesce(sum(case when ${stockMoves.kind} = 'issue' then ${stockMoves.quantity} else -${stockMoves.quantity} end), 0)::int` })
    .from(stockMoves)
    .where(and(eq(stockMoves.itemId, itemId), holder));
  return row?.n ?? 0;
}

/**
 * `stock.move` v1: the keeper issues stock to a person or a department, or takes a return (scan tag → person), maybe
 * offline. The id is the phone's: a resend moves once. Quantities on hand never go negative and a return never brings
 * back more than that holder has outstanding (domain/warehouse/stock.ts checkMove); a serialised item is 在用 while
 * issued (it stays recorded in its zone, with its holder) and 合格 again when back.
 */
export async function applyStockMove({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const parsed = ZStockMoveArgs.safeParse(mutation.args);
  if (!parsed.success) throw badInput(parsed.error.issues);
  const a = parsed.data;
  if (!mayReceive(user.role)) throw new Rejection("not_allowed");
  // the item is locked up front for the batch (server/items/change-label.ts lockItemsOf): a resend waits here
  const [item] = await tx.select().from(items).where(eq(items.id, a.itemId)).for("update");
  const [done] = await tx.select({ id: stockMoves.id, kind: stockMoves.kind, quantity: stockMoves.quantity }).from(stockMoves).where(eq(stockMoves.id, a.id));
  if (done) return { status: "already_in_state", details: { current: { ...done, onHand: item?.quantity ?? null } } };
  if (!item) throw new Rejection("not_found", { itemId: a.itemId });
  if (a.toUserId !== undefined) {
    const [person] = await tx.select({ id: users.id }).from(users).where(eq(users.id, a.toUserId));
    if (!person) throw new Rejection("not_found", { userId: a.toUserId });
  }
  let zoneCode = item.zoneCode;
  if (a.kind === "return" && a.zoneCode !== undefined && a.zoneCode !== item.zoneCode) {
    const [zone] = await tx.select({ kind: zones.kind }).from(zones).where(eq(zones.code, a.zoneCode));
    if (!zone) throw new Rejection("unknown_zone", { zoneCode: a.zoneCode });
    if (zone.kind !== "stock") throw new Rejection("stock_zone_required", { zoneCode: a.zoneCode });
    zoneCode = a.zoneCode;
  }
  const serialised = await isSerialised(tx, item);
  const outstanding = a.kind === "return" ? await outstandingOf(tx, item.id, a) : 0;
  const check = checkMove({ kind: a.kind, status: item.status, onHand: item.quantity, serialised, quantity: a.quantity, outstanding });
  const current = { status: item.status, version: item.version, quantity: item.quantity, zoneCode: item.zoneCode };
  if (!check.ok) throw new Rejection(check.code, { current, outstanding, serialised });
  return { status: "applied", write: () => writeMove({ tx, user, mutation, append }, a, item, check, serialised, zoneCode) };
}

async function writeMove(
  { tx, user, mutation, append }: MutationContext,
  a: TStockMoveArgs,
  item: TItem,
  check: { onHandAfter: number; statusAfter: TItem["status"] },
  serialised: boolean,
  zoneCode: string | null,
): Promise<void> {
  const now = serverNow();
  const toUserId = a.toUserId ?? null;
  const toDepartment = a.toDepartment ?? null;
  // written now (not appended): a return later in the same batch counts this issue as outstanding
  await tx.insert(stockMoves).values({
    id: a.id,
    itemId: item.id,
    kind: a.kind,
    quantity: a.quantity,
    toUserId,
    toDepartment,
    zoneCode,
    note: a.note,
    actorId: user.id,
    at: now,
    mutationId: mutation.mutationId,
  });
  // versions follow label events (domain/sync/stale.ts counts a phone's own versions by them): a lot's quantity on
  // hand changes without one, an issued or returned serialised item changes its label and its version
  const relabelled = check.statusAfter !== item.status;
  const version = relabelled ? item.version + 1 : item.version;
  // a serialised item is with its holder while issued; a lot stays on the shelf, its quantity on hand changes
  const holder = serialised ? (a.kind === "issue" ? { holderId: toUserId, holderDepartment: toDepartment } : { holderId: null, holderDepartment: null }) : {};
  await tx
    .update(items)
    .set({ quantity: check.onHandAfter, status: check.statusAfter, zoneCode, version, updatedAt: now, updatedBy: user.id, ...holder })
    .where(eq(items.id, item.id));
  append.add(stockEvents, {
    itemId: item.id,
    kind: a.kind === "issue" ? "issued" : "returned",
    quantity: a.quantity,
    zoneCode,
    personId: toUserId,
    department: toDepartment,
    ref: a.id,
    note: a.note,
    actorId: user.id,
    at: now,
    mutationId: mutation.mutationId,
  });
  if (relabelled) {
    append.add(itemLabelEvents, {
      itemId: item.id,
      fromStatus: item.status,
      toStatus: check.statusAfter,
      reason: a.kind === "issue" ? "issued_for_use" : "returned_to_stock",
      note: a.note,
      fromZone: item.zoneCode,
      toZone: zoneCode,
      actorId: user.id,
      deviceId: mutation.deviceId,
      mutationId: mutation.mutationId,
      clientTime: new Date(mutation.clientTime),
      serverTime: now,
      versionAfter: version,
    });
  }
  append.add(
    auditEvents,
    auditRow({
      actorId: user.id,
      subjectType: "item",
      subjectId: item.id,
      at: now,
      event: {
        name: "stock.moved",
        payload: {
          tag: item.tagCode,
          kind: a.kind,
          quantity: a.quantity,
          toUserId,
          toDepartment,
          onHandAfter: check.onHandAfter,
          mutationId: mutation.mutationId,
          deviceId: mutation.deviceId,
        },
      },
    }),
  );
}
