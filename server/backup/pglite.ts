import "server-only";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { Db } from "@/db/client";
import { BackupRefused } from "./archive";
import { readFacts, type TFacts } from "./manifest";

/**
 * PGlite's side (docs/operations/backup.md). PGlite runs inside the app's process on one connection: no second
 * process may open its directory while the app runs, so the running app makes the copy itself.
 *
 * Consistency: dumpDataDir() copies PGDATA while holding PGlite's query lock, and we hold its transaction lock around
 * it, so no statement runs and no transaction is open during the copy. The copy is the directory exactly as a crash at
 * that instant would leave it: opening it replays the WAL (PostgreSQL's crash recovery) and every transaction committed
 * before the copy is there, nothing after it.
 */

/** What a copy needs of a PGlite client. */
export type TDumpable = Pick<PGlite, "dumpDataDir" | "_runExclusiveTransaction">;

/** The PGlite client under a drizzle database (drizzle keeps it as `$client`), or null on PostgreSQL. */
export function pgliteClientOf(db: Db): TDumpable | null {
  const client = (db as unknown as { $client?: Partial<TDumpable> }).$client;
  return typeof client?.dumpDataDir === "function" && typeof client._runExclusiveTransaction === "function" ? (client as TDumpable) : null;
}

/** A consistent copy of the open PGlite's data directory: a gzipped tar, as PGlite writes it. */
export async function dumpPglite(client: TDumpable): Promise<Uint8Array> {
  const blob = await client._runExclusiveTransaction(() => client.dumpDataDir("gzip"));
  return new Uint8Array(await blob.arrayBuffer());
}

const queryOf = (client: PGlite) => async (text: string) => (await client.query<Record<string, unknown>>(text)).rows;

/**
 * The facts of a dump, read from the dump itself: it is opened in memory (nobody else writes to it), which also proves
 * it opens. Costs the database's size in memory for a moment: PGlite databases are small (the demo, one site).
 */
export async function factsOfPgliteDump(dump: Uint8Array): Promise<{ facts: TFacts; serverVersion: string }> {
  const { PGlite } = await import("@electric-sql/pglite");
  const copy = new PGlite({ loadDataDir: new Blob([dump as Uint8Array<ArrayBuffer>]) });
  try {
    await copy.waitReady;
    const [v] = (await copy.query<{ v: string }>("SHOW server_version")).rows;
    return { facts: await readFacts(queryOf(copy)), serverVersion: `PGlite ${v?.v ?? "?"}` };
  } finally {
    await copy.close();
  }
}

/** A directory a restore may write into: absent, or empty. */
export function assertEmptyTarget(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new BackupRefused(`${dir} is not empty: a restore writes only into a new or empty directory`);
}

/**
 * Unpacks a dump into `dataDir` (PGlite loads the tar itself), opens it once — the WAL is replayed and PGlite's
 * lock file from the running copy is cleared on close — and returns its facts.
 */
export async function restorePgliteDump(dump: Uint8Array, dataDir: string): Promise<TFacts> {
  assertEmptyTarget(dataDir);
  const { PGlite } = await import("@electric-sql/pglite");
  const db = new PGlite({ dataDir: path.resolve(dataDir), loadDataDir: new Blob([dump as Uint8Array<ArrayBuffer>]) });
  try {
    await db.waitReady;
    return await readFacts(queryOf(db));
  } finally {
    await db.close();
  }
}

/** The app is using this directory (PGlite writes postmaster.pid while open and removes it on close). */
export function pgliteInUse(dataDir: string): boolean {
  return existsSync(path.join(dataDir, "postmaster.pid"));
}
