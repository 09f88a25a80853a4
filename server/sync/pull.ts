import "server-only";
import { and, asc, eq, gt, isNull, lt, sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { itemLabelEvents, items, mutationResults, users, workOrders, zones } from "@/db/schema";
import { handlesItems } from "@/domain/items/labels";
import { PULL_PAGE_ROWS, type TPullInput } from "@/domain/sync/protocol";
import type { SessionUser } from "@/server/auth/session";
import { workOrderCard } from "@/server/work-orders/service";
import { loadOwnDevice } from "./devices";


type Paged<T extends { txid: number }> = { rows: T[]; full: boolean };

/**
 * Keeps whole transactions only: when a page is full, rows of its last txid may continue on the next page,
 * so they are left for it. A page that holds one transaction only is `partial`: the caller reads the rest of
 * that transaction (the cursor cannot point inside a transaction, so its rows must all go in one page).
 */
function completeTransactions<T extends { txid: number }>(page: Paged<T>): { rows: T[]; upTo: number | null; partial: boolean } {
  if (!page.full || page.rows.length === 0) return { rows: page.rows, upTo: null, partial: false };
  const lastTxid = page.rows.at(-1)!.txid;
  const whole = page.rows.filter((r) => r.txid < lastTxid);
  return whole.length > 0 ? { rows: whole, upTo: lastTxid - 1, partial: false } : { rows: page.rows, upTo: lastTxid, partial: true };
}

/**
 * `sync.pull`: rows changed since the cursor (a transaction id), in the caller's scope, with the device's
 * last applied seq and its unresolved rejections. Only transactions below the snapshot's xmin are read, so
 * a transaction that commits late can never be skipped by a cursor that already passed it.
 */
export async function pullChanges({ db, user, input }: { db: Db; user: SessionUser; input: TPullInput }) {
  const device = await loadOwnDevice(db, user, input.deviceId);
  const cursor = Number(input.cursor);
  return db.transaction(async (tx) => {
    const [snap] = rowsOf<{ xmin: string }>(await tx.execute(sql`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`));
    const xmin = Number(snap!.xmin);
    const window = <C extends typeof items.txid | typeof zones.txid | typeof itemLabelEvents.txid | typeof workOrders.txid>(col: C) =>
      and(gt(col, cursor), lt(col, xmin));
    const limit = PULL_PAGE_ROWS + 1;
    const inScope = handlesItems(user.role);
    const zoneQuery = (where: SQL | undefined) => tx.select().from(zones).where(where).orderBy(asc(zones.txid));
    const itemQuery = (where: SQL | undefined) => tx.select().from(items).where(where).orderBy(asc(items.txid));
    // A lineman's own work orders (every state, so a cancellation or closure reaches the phone too).
    const ownsWork = user.role === "lineman";
    const workOrderQuery = (where: SQL | undefined) =>
      tx
        .select({ ...workOrderCard, txid: workOrders.txid })
        .from(workOrders)
        .where(and(eq(workOrders.assignedTo, user.id), where))
        .orderBy(asc(workOrders.txid));
    const eventQuery = (where: SQL | undefined) =>
      tx
        .select({
          id: itemLabelEvents.id,
          itemId: itemLabelEvents.itemId,
          fromStatus: itemLabelEvents.fromStatus,
          toStatus: itemLabelEvents.toStatus,
          reason: itemLabelEvents.reason,
          note: itemLabelEvents.note,
          fromZone: itemLabelEvents.fromZone,
          toZone: itemLabelEvents.toZone,
          actorName: users.displayName,
          deviceId: itemLabelEvents.deviceId,
          clientTime: itemLabelEvents.clientTime,
          serverTime: itemLabelEvents.serverTime,
          versionAfter: itemLabelEvents.versionAfter,
          txid: itemLabelEvents.txid,
        })
        .from(itemLabelEvents)
        .leftJoin(users, eq(users.id, itemLabelEvents.actorId))
        .where(where)
        .orderBy(asc(itemLabelEvents.txid), asc(itemLabelEvents.id));
    const [zoneRows, itemRows, eventRows, workOrderRows] = await Promise.all([
      zoneQuery(window(zones.txid)).limit(limit),
      inScope ? itemQuery(window(items.txid)).limit(limit) : Promise.resolve([]),
      inScope ? eventQuery(window(itemLabelEvents.txid)).limit(limit) : Promise.resolve([]),
      ownsWork ? workOrderQuery(window(workOrders.txid)).limit(limit) : Promise.resolve([]),
    ]);
    /** A page of whole transactions; one transaction larger than a page is delivered whole, beyond the page size. */
    const page = async <T extends { txid: number }>(rows: T[], wholeTx: (txid: number) => Promise<T[]>) => {
      const p = completeTransactions({ rows: rows.slice(0, PULL_PAGE_ROWS), full: rows.length > PULL_PAGE_ROWS });
      return p.partial && p.upTo !== null ? { rows: await wholeTx(p.upTo), upTo: p.upTo } : p;
    };
    const zonePage = await page(zoneRows, (id) => zoneQuery(eq(zones.txid, id)));
    const itemPage = await page(itemRows, (id) => itemQuery(eq(items.txid, id)));
    const eventPage = await page(eventRows, (id) => eventQuery(eq(itemLabelEvents.txid, id)));
    const workOrderPage = await page(workOrderRows, (id) => workOrderQuery(eq(workOrders.txid, id)));
    const bounds = [zonePage.upTo, itemPage.upTo, eventPage.upTo, workOrderPage.upTo].filter((b): b is number => b !== null);
    // Every table is delivered up to the same txid, so one cursor serves all of them.
    const upTo = bounds.length > 0 ? Math.min(...bounds) : xmin - 1;
    const clip = <T extends { txid: number }>(rows: T[]) => rows.filter((r) => r.txid <= upTo);
    const rejections = await tx
      .select()
      .from(mutationResults)
      .where(and(eq(mutationResults.deviceId, device.deviceId), eq(mutationResults.status, "rejected"), isNull(mutationResults.resolvedAt)))
      .orderBy(asc(mutationResults.seq));
    return {
      zones: clip(zonePage.rows),
      items: clip(itemPage.rows),
      events: clip(eventPage.rows),
      workOrders: clip(workOrderPage.rows),
      cursor: String(Math.max(upTo, cursor)),
      hasMore: bounds.length > 0,
      lastAppliedSeq: device.lastAppliedSeq,
      rejections: rejections.map((r) => ({ mutationId: r.mutationId, seq: r.seq, name: r.name, reasonCode: r.reasonCode, details: r.details, at: r.appliedAt })),
    };
  });
}
