import "server-only";
import { and, asc, Column, eq, inArray, is, isNotNull, isNull, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import type { Db } from "@/db/client";
import { mutationResults, workOrders } from "@/db/schema";
import { advance, formatCursor, parseCursor, type PullCursor } from "@/domain/sync/cursor";
import { PULL_PAGE_ROWS, type TPullInput } from "@/domain/sync/protocol";
import { CUSTOMER_MODE_MUTATIONS } from "@/domain/work-orders/customer-mode";
import type { SessionUser } from "@/server/auth/session";
import { loadOwnDevice } from "./devices";
import { NO_LIMIT, type Feed } from "./contract";
import { FEEDS, type TFeedKey, type TFeedRows } from "./domains";
import { scopeKey } from "./scope";

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

/** The rows a cursor has not seen: a transaction from its horizon on, or one it had open (ADR 0042). */
function unseen(txid: SQL, c: PullCursor): SQL {
  if (c.open.length === 0) return sql`${txid} >= ${c.xmax}`;
  // One array parameter, so that every pull's statement has the same text (prepared once per connection), and a lower
  // bound an index can start from: with only the `or`, a feed read by (item_id, txid) fetched every row of each item
  // to test its txid, more with every change (ADR 0049). The bound holds every row of either side.
  const from = Math.min(c.xmax, ...c.open);
  return sql`(${txid} >= ${from} and (${txid} >= ${c.xmax} or ${txid} = any(${`{${c.open.join(",")}}`}::bigint[])))`;
}

/** The txid columns a feed's rows take their txid from, or null when the feed is never skipped (Feed.probe). */
function probeOf(f: Feed<{ txid: number }>): readonly AnyColumn[] | null {
  if (f.probe === false) return null;
  if (f.probe) return f.probe;
  return is(f.txid, Column) ? [f.txid] : null;
}

/**
 * Which of these txid columns' tables hold a transaction the cursor has not seen: one statement for a whole pull, each
 * table asked with an index on its txid (ADR 0045). A feed none of whose tables does has nothing to send.
 */
async function unseenIn(tx: Db, columns: readonly AnyColumn[], c: PullCursor): Promise<Set<AnyColumn>> {
  if (columns.length === 0) return new Set();
  // the first unseen txid in txid order, not `exists`: planned either way, an `exists` may scan a whole table that has
  // nothing unseen when the planner guesses many rows match (no statistics yet); in txid order it reads the index
  const asks = columns.map(
    (col, i) => sql`select ${i}::int as i where (select ${col} from ${col.table} where ${unseen(sql`${col}`, c)} order by ${col} limit 1) is not null`,
  );
  const rows = rowsOf<{ i: number | string }>(await tx.execute(sql.join(asks, sql` union all `)));
  return new Set(rows.map((r) => columns[Number(r.i)]!));
}

/** Rejections, and applied changes the server flagged (a reason code, e.g. recheck_changed), until resolved. */
function rejectionsOf(tx: Db, deviceId: string, customerWorkOrderId: string | null) {
  return tx
    .select()
    .from(mutationResults)
    .where(
      and(
        eq(mutationResults.deviceId, deviceId),
        or(eq(mutationResults.status, "rejected"), isNotNull(mutationResults.reasonCode)),
        isNull(mutationResults.resolvedAt),
        // in customer mode only the customer's own turn: the lineman's other refusals name orders and colleagues
        // (and of another order's customer turn, only refusals that name no order: limits, not details)
        customerWorkOrderId !== null
          ? and(
              inArray(mutationResults.name, [...CUSTOMER_MODE_MUTATIONS]),
              sql`coalesce(${mutationResults.details}->>'workOrderId', ${customerWorkOrderId}) = ${customerWorkOrderId}`,
            )
          : undefined,
      ),
    )
    .orderBy(asc(mutationResults.seq));
}

/**
 * `sync.pull`: rows changed since the cursor, in the caller's scope (each feed's `scope`, server/<domain>/sync.ts),
 * with the device's last applied seq and its unresolved rejections. The cursor is a snapshot (domain/sync/cursor.ts,
 * ADR 0042): the pull reads every row whose transaction the cursor has not seen, under its own snapshot, and answers
 * that snapshot; a transaction still open anywhere on the server stays open in the cursor and is read once it
 * commits, so none is skipped and nobody waits for it.
 *
 * While the phone is handed to a customer (`customerWorkOrderId`) only that work order's rows are sent (so the phone
 * shows the signature it sent as recorded), nothing else of the company's; the cursor then stays where it was, so
 * the lineman's next pull after customer mode still brings everything (the order's rows again: puts are idempotent).
 */
export async function pullChanges({
  db,
  user,
  input,
  customerWorkOrderId = null,
}: {
  db: Db;
  user: SessionUser;
  input: TPullInput;
  customerWorkOrderId?: string | null;
}) {
  // ZPullCursor let only a cursor parseCursor reads through
  const cursor = parseCursor(input.cursor)!;
  return db.transaction(async (tx) => {
    // Statements that do not wait for each other's answers go out together (ADR 0049): here the device and the snapshot
    // this pull answers; below the feeds, the rejections and the scope key.
    const [device, snapshot] = await Promise.all([loadOwnDevice(tx, user, input.deviceId), tx.execute(sql`select pg_current_snapshot()::text as snapshot`)]);
    const [snap] = rowsOf<{ snapshot: string }>(snapshot);
    const now = parseCursor(snap!.snapshot);
    if (now === null) throw new Error(`sync.pull: unexpected snapshot ${snap!.snapshot}`);
    const keys = Object.keys(FEEDS) as TFeedKey[];
    const customer = customerWorkOrderId !== null;
    const wanted = (f: Feed<{ txid: number }>) => f.scope.phones(user) && (!customer || f.ofWorkOrder === true);
    // most feeds have nothing new for most pulls: one statement finds the tables that do, the rest are not queried
    const probes = keys.map((key) => probeOf(FEEDS[key] as Feed<{ txid: number }>));
    const asked = [...new Set(keys.flatMap((key, i) => (wanted(FEEDS[key] as Feed<{ txid: number }>) ? (probes[i] ?? []) : [])))];
    const live = await unseenIn(tx, asked, cursor);
    /** A page of whole transactions per feed; one transaction larger than a page is delivered whole. */
    const feedPages = Promise.all(
      keys.map(async (key, i) => {
        const f = FEEDS[key] as Feed<{ txid: number }>;
        const probe = probes[i];
        const quiet = probe !== null && probe !== undefined && !probe.some((col) => live.has(col));
        if (!wanted(f) || quiet) return { rows: [] as { txid: number }[], upTo: null as number | null };
        const txid = sql`${f.txid}`;
        const scope = customer ? eq(workOrders.id, customerWorkOrderId) : undefined;
        const rows: { txid: number }[] = await f.rows(tx, user, and(unseen(txid, cursor), scope), PULL_PAGE_ROWS + 1);
        const p = completeTransactions({ rows: rows.slice(0, PULL_PAGE_ROWS), full: rows.length > PULL_PAGE_ROWS });
        if (p.partial && p.upTo !== null) return { rows: await f.rows(tx, user, and(eq(txid, p.upTo), scope), NO_LIMIT), upTo: p.upTo };
        return p;
      }),
    );
    const [pages, rejections, scope] = await Promise.all([feedPages, rejectionsOf(tx, device.deviceId, customerWorkOrderId), scopeKey(tx, user)]);
    const bounds = pages.map((p) => p.upTo).filter((b): b is number => b !== null);
    // Every feed is delivered up to the same txid, so one cursor serves all of them.
    const upTo = bounds.length > 0 ? Math.min(...bounds) : null;
    const next = customerWorkOrderId !== null ? input.cursor : formatCursor(advance(cursor, now, upTo));
    const feeds = Object.fromEntries(
      keys.map((key, i) => [key, pages[i]!.rows.filter((r) => customerWorkOrderId !== null || upTo === null || r.txid <= upTo)]),
    ) as TFeedRows;
    return {
      ...feeds,
      cursor: next,
      // customer mode never pages on: its cursor does not move, one page is all it sends
      hasMore: customerWorkOrderId === null && bounds.length > 0,
      // whom this phone's cache was filled for: a cache filled for another person, or the same person under another
      // role or at other sites, is dropped by the phone before it applies anything (client/sync/idb-store.ts applyPull)
      scope,
      lastAppliedSeq: device.lastAppliedSeq,
      rejections: rejections.map((r) => ({
        mutationId: r.mutationId,
        seq: r.seq,
        name: r.name,
        status: r.status,
        reasonCode: r.reasonCode,
        details: r.details,
        at: r.appliedAt,
      })),
    };
  });
}
