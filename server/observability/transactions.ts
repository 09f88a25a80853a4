import "server-only";
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";

/**
 * Transactions open on the database server, every database of it (pg_stat_activity). A transaction left open holds
 * back the server-wide oldest xmin (and VACUUM everywhere); the sync change feed once waited on it (ADR 0042). The
 * admin sees these on /admin/jobs and Prometheus as tracemark_db_oldest_transaction_seconds.
 *
 * Visibility: the app role sees other roles' sessions only with pg_read_all_stats
 * (`GRANT pg_read_all_stats TO tracemark_app;`, docs/operations/observability.md); without it they are counted in
 * `hidden`, their ages unknown.
 */
export interface TOpenTransaction {
  pid: number;
  database: string | null;
  user: string | null;
  application: string | null;
  state: string | null;
  /** Seconds since the transaction began. */
  ageSeconds: number;
  /** Seconds since its state last changed (how long it has been idle in transaction, for that state). */
  stateSeconds: number | null;
  backendXid: string | null;
  backendXmin: string | null;
  waitEvent: string | null;
  /** The last statement, when the app role may see it (cut at 500 characters). */
  query: string | null;
}

export type TOpenTransactions =
  | { applicable: false }
  | {
      applicable: true;
      /** Transactions at least `olderThanSeconds` old, oldest first (at most 50). */
      transactions: TOpenTransaction[];
      /** The oldest open transaction's age, whatever the threshold (0 when none). */
      oldestSeconds: number;
      /** Open transactions, whatever their age (this query's own excepted). */
      open: number;
      /** Sessions of other roles the app role may not look into. */
      hidden: number;
    };

const LIST_LIMIT = 50;

/** PGlite is one embedded backend: no other session can hold a transaction open beside the app's. */
export function isPglite(db: Db): boolean {
  const client = (db as unknown as { $client?: { dumpDataDir?: unknown } }).$client;
  return typeof client?.dumpDataDir === "function";
}

export async function openTransactions(db: Db, opts: { olderThanSeconds?: number } = {}): Promise<TOpenTransactions> {
  if (isPglite(db)) return { applicable: false };
  const older = Math.max(0, opts.olderThanSeconds ?? 0);
  const [summary] = rowsOf<{ oldest: number | string | null; open: number | string; hidden: number | string }>(
    await db.execute(sql`
      select
        coalesce(extract(epoch from max(now() - xact_start)), 0) as oldest,
        count(*) filter (where xact_start is not null) as open,
        count(*) filter (where query = '<insufficient privilege>') as hidden
      from pg_stat_activity
      where pid <> pg_backend_pid()`),
  );
  const rows = rowsOf<{
    pid: number | string;
    datname: string | null;
    usename: string | null;
    application_name: string | null;
    state: string | null;
    age: number | string;
    state_age: number | string | null;
    backend_xid: string | null;
    backend_xmin: string | null;
    wait_event_type: string | null;
    wait_event: string | null;
    query: string | null;
  }>(
    await db.execute(sql`
      select pid, datname, usename, application_name, state,
        extract(epoch from now() - xact_start) as age,
        extract(epoch from now() - state_change) as state_age,
        backend_xid::text as backend_xid, backend_xmin::text as backend_xmin,
        wait_event_type, wait_event, left(query, 500) as query
      from pg_stat_activity
      where pid <> pg_backend_pid() and xact_start is not null and extract(epoch from now() - xact_start) >= ${older}::float8
      order by xact_start
      limit ${LIST_LIMIT}`),
  );
  return {
    applicable: true,
    oldestSeconds: Number(summary?.oldest ?? 0),
    open: Number(summary?.open ?? 0),
    hidden: Number(summary?.hidden ?? 0),
    transactions: rows.map((r) => ({
      pid: Number(r.pid),
      database: r.datname,
      user: r.usename,
      application: r.application_name || null,
      state: r.state,
      ageSeconds: Number(r.age),
      stateSeconds: r.state_age === null ? null : Number(r.state_age),
      backendXid: r.backend_xid,
      backendXmin: r.backend_xmin,
      waitEvent: r.wait_event ? `${r.wait_event_type ?? ""}:${r.wait_event}` : null,
      query: r.query && r.query !== "<insufficient privilege>" ? r.query : null,
    })),
  };
}
