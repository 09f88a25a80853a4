/**
 * The phone's side of the sync contract (the server's: server/sync/contract.ts). A domain that keeps rows on the
 * phone declares, in `client/<domain>/stores.ts`, one IndexedDB store per pull feed (same name, its key and indexes)
 * and how a tombstone feed removes rows that left the user's scope; `client/sync/domains.ts` lists the domains, one
 * line each. Row types are inferred from the server's feeds (never copied): a field added to a feed's query reaches
 * the phone's type by itself. (docs/adding-a-domain.md, ADR 0032)
 */
import type { inferRouterOutputs } from "@trpc/server";
import type { IDBPTransaction } from "idb";
import type { AppRouter } from "@/server/root";

type PullOutput = inferRouterOutputs<AppRouter>["sync"]["pull"];
type WireValue<V> = V extends Date ? string : V;
/** A row as the phone keeps it: the server's row without its txid, times as ISO strings. */
export type Wire<T> = { [K in keyof T as K extends "txid" ? never : K]: WireValue<T[K]> };

/** Every pull feed's key. */
export type TFeedKey = { [K in keyof PullOutput]: PullOutput[K] extends readonly { txid: number }[] ? K : never }[keyof PullOutput];
/** A feed's row as cached on the phone. */
export type Cached<K extends TFeedKey> = Wire<PullOutput[K][number]>;
/** Fields a feed gained after phones had cached its rows: optional, since a phone may still hold rows without them. */
export type Legacy<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

/** A page of `sync.pull` as the phone applies it. Every feed is optional: an older server may not send it. */
export type PullPage = { [K in TFeedKey]?: Cached<K>[] } & {
  cursor: string;
  hasMore: boolean;
  lastAppliedSeq: number;
  rejections: Wire<PullOutput["rejections"][number]>[];
  /**
   * What the server filled the page for (the user's role): a cache filled for another scope is dropped and pulled
   * again from the start. Absent from an older server.
   */
  scope?: string;
};

/** The read-cache transaction a pull is applied in (every store of every domain, readwrite). */
export type CacheTx = IDBPTransaction<unknown, string[], "readwrite">;

/** One IndexedDB store of the read cache: named as its feed, keyed by one field of the row. */
export interface StoreDef {
  keyPath: string;
  indexes?: Record<string, { keyPath: string; unique?: boolean }>;
  /**
   * The IndexedDB version that first had this store. A store added later takes the next version: opening the
   * database then creates it, and every pull cursor starts again from 0 (the phone pulled past rows of the new feed).
   */
  since: number;
}

export interface ClientSyncDomain<Rows = unknown> {
  name: string;
  /** Feed key → its store; each row of the feed is put into it. */
  stores: { [K in TFeedKey]?: StoreDef };
  /** Tombstone feeds (server scope `leaves: { tombstones }`): each row names what left the phone, dropped here. */
  removals?: { [K in TFeedKey]?: (tx: CacheTx, row: Cached<K>) => Promise<void> };
  /** Meta keys (prefixes) of this domain's cached state that belong to the signed-in person: dropped at logout. */
  personalMeta?: readonly string[];
  /** Type only: the domain's cached row types by store name, for typed reads. */
  readonly rows?: Rows;
}

/** Declares a domain's stores on the phone (client/<domain>/stores.ts), with its cached row types by store. */
export function clientSyncDomain<Rows>(d: Omit<ClientSyncDomain<Rows>, "rows">): ClientSyncDomain<Rows> {
  return d;
}

/** A pulled row as the phone keeps it: without its txid, Date fields as ISO strings (superjson sends Dates). */
export function toCached<T extends object>(row: T): Wire<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (k !== "txid") out[k] = v instanceof Date ? v.toISOString() : v;
  return out as Wire<T>;
}
