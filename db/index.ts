import "server-only";
import { dbEnv } from "./env";
import { configFromEnv, openDb, type Db, type DbHandle } from "./client";

// why globalThis: Next.js may load this module once per route bundle; the process must hold one database.
const holder = globalThis as unknown as { __tracemarkDb?: Promise<DbHandle> };

/** The process-wide database, opened (and migrated) on first use. */
export async function getDb(): Promise<Db> {
  holder.__tracemarkDb ??= openDb(configFromEnv(dbEnv())).catch((err: unknown) => {
    holder.__tracemarkDb = undefined;
    throw err;
  });
  return (await holder.__tracemarkDb).db;
}
