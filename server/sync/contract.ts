import "server-only";
import { getTableName, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import type { TMutationEnvelope, TRejectionCode } from "@/domain/sync/protocol";
import type { SessionUser } from "@/server/auth/session";

/**
 * The contract between the sync hub (server/sync: push, pull) and the domains that sync. A domain exports one
 * `syncDomain({...})` from `server/<domain>/sync.ts`: its offline mutations (name → versions and handler), the rows a
 * batch locks up front, and its pull feeds, each declaring its scope. `server/sync/domains.ts` lists the domains, one
 * line each; nothing under server/sync imports a domain anywhere else. (docs/adding-a-domain.md, ADR 0032)
 */

export interface MutationContext {
  tx: Db;
  user: SessionUser;
  mutation: TMutationEnvelope;
  /** Append-only rows (events, audit) written once per batch, in order, in the same transaction. */
  append: Appender;
  /** Rows the batch's locks read (BatchLock), for the first mutation naming each; absent outside a push. */
  locked?: LockedRows;
}

/**
 * Rows a batch lock read `FOR UPDATE`, each kept for the first mutation of the batch that names it: that mutation
 * decides on the row as locked instead of reading it again (one statement less per change). It is handed out once;
 * a later mutation naming the same row reads it itself, since an earlier one may have changed it. Sound while only
 * mutations that name a row change it within a batch (the lock's own list of mutations).
 */
export class LockedRows {
  private readonly rows = new Map<string, { row: unknown; firstMutationId: string }>();
  put<T extends PgTable>(table: T, id: string, firstMutationId: string, row: T["$inferSelect"]): void {
    this.rows.set(`${getTableName(table)}:${id.toLowerCase()}`, { row, firstMutationId });
  }
  take<T extends PgTable>(table: T, id: string, mutationId: string): T["$inferSelect"] | undefined {
    const key = `${getTableName(table)}:${id.toLowerCase()}`;
    const e = this.rows.get(key);
    if (!e || e.firstMutationId !== mutationId) return undefined;
    this.rows.delete(key);
    return e.row as T["$inferSelect"];
  }
}

/** Collects append-only inserts of a batch; push writes them (one statement per table) before it commits. */
export class Appender {
  private readonly rows = new Map<PgTable, Record<string, unknown>[]>();
  add<T extends PgTable>(table: T, row: T["$inferInsert"]): void {
    const list = this.rows.get(table) ?? [];
    list.push(row);
    this.rows.set(table, list);
  }
  /**
   * Writes the rows collected, table by table in the order first added. The inserts go out together: the transaction's
   * connection runs them in that order, with no round trip between them (ADR 0049).
   */
  async flush(tx: Db): Promise<void> {
    const inserts = [...this.rows].flatMap(([table, rows]) =>
      Array.from({ length: Math.ceil(rows.length / 500) }, (_, i) => tx.insert(table).values(rows.slice(i * 500, i * 500 + 500))),
    );
    this.rows.clear();
    await Promise.all(inserts);
  }
}

/**
 * A handler first decides, reading (and locking) current state: it throws a Rejection, answers
 * already_in_state, or returns the writes to make. Writes never reject: the two phases keep a refused
 * mutation free of partial writes without a savepoint per mutation. An applied mutation may carry a flag: stored
 * with its result (reason code and details) and listed by sync.pull under "Needs attention" until resolved.
 */
export type Decision =
  | { status: "already_in_state"; details?: Record<string, unknown> }
  | { status: "applied"; write: () => Promise<void>; flag?: { code: TRejectionCode; details: Record<string, unknown> } };

/**
 * Decides one mutation. It parses `mutation.args` with its domain's zod schema for that version
 * (domain/<domain>/mutations.ts) and throws `badInput(issues)` (./rejection.ts) when they fail.
 */
export type Handler = (ctx: MutationContext) => Promise<Decision>;

/** One offline mutation of a domain: the schema versions the server still accepts (public contract) and its handler. */
export interface SyncMutation {
  versions: readonly number[];
  handler: Handler;
}

/**
 * Locks, in id order, the rows of one table that a batch's mutations of this domain will change, before any is
 * decided. The hub calls each domain's lock in the order of the domain list, so concurrent batches never deadlock.
 */
export type BatchLock = (tx: Db, mutations: readonly TMutationEnvelope[], locked: LockedRows) => Promise<void>;

/**
 * Which rows of a feed a user's phone receives, and how a row that leaves that scope leaves the phone.
 * - `all`: every row goes to every phone that receives the feed (a registry, the zones); rows change in place and
 *   never leave.
 * - `own`: the feed's query keeps the user's rows only (their orders, their loans, their notices). `leaves` says how
 *   a row that stops being theirs is removed from the phone: a tombstone feed (rows naming what left), with its
 *   parent feed's row (a work order's checks go with the order), or `never` (what makes a row theirs cannot change:
 *   a loan's borrower, a notice's recipient).
 */
export type FeedScope =
  | { phones: (user: SessionUser) => boolean; rows: "all" }
  | { phones: (user: SessionUser) => boolean; rows: "own"; leaves: { tombstones: string } | { withParent: string } | "never" };

/**
 * What `sync.pull` sends, one feed per table: its scope, the txid column it is paged by, and the rows in the
 * caller's scope matching a txid window, ordered by txid.
 */
export interface Feed<T extends { txid: number }> {
  scope: FeedScope;
  /** The column (or expression) the feed is paged by: a transaction id. */
  txid: AnyPgColumn | SQL;
  rows: (tx: Db, user: SessionUser, where: SQL | undefined, limit: number) => Promise<T[]>;
  /** Rows of one work order each (the query joins work_orders): sent, for that order only, in customer mode. */
  ofWorkOrder?: true;
  /**
   * The txid columns a row of this feed takes its txid from (ADR 0045): a pull first asks, in one statement, which of
   * these tables hold a transaction its cursor has not seen, and skips the feed when none does. Sound only if every
   * row the feed returns for a window has its txid from one of these columns in that window: `greatest(a, b)` takes
   * it from a or b; a subquery shadowing the table (SHADOWED, server/items/scope.ts) from its own source, which must
   * be listed. Default: `txid` when it is a plain column, else never skipped. `false`: never skipped (a large table
   * whose txid no index leads, where asking would cost a scan).
   */
  probe?: readonly AnyPgColumn[] | false;
}

/** A feed, with its row type inferred from its query. */
export const feed = <T extends { txid: number }>(f: Feed<T>): Feed<T> => f;

export interface SyncDomain<M extends string = string, F extends Record<string, Feed<{ txid: number }>> = Record<string, Feed<{ txid: number }>>> {
  /** The domain's folder name (server/<name>/sync.ts). */
  name: string;
  mutations: Record<M, SyncMutation>;
  lock?: BatchLock;
  feeds: F;
}

/** Declares a domain's part of sync (server/<domain>/sync.ts); types stay exact so the phone's rows are inferred. */
export function syncDomain<const M extends string, const F extends Record<string, Feed<{ txid: number }>>>(d: SyncDomain<M, F>): SyncDomain<M, F> {
  return d;
}

/** No limit: a whole transaction that is larger than a page is still delivered in one page. */
export const NO_LIMIT = 2_147_483_647;
