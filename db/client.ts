import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = "pglite" | "postgres";

export interface DbHandle {
  db: Db;
  kind: DbKind;
  close: () => Promise<void>;
}

export type DbConfig =
  | { kind: "pglite"; dataDir?: string; loadDataDir?: Blob }
  | { kind: "postgres"; url: string; max?: number };

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");
/** Arbitrary but fixed: serialises migrations when several app processes start against one PostgreSQL. */
const MIGRATION_LOCK = 727_274;

/** Opens a database (PGlite when dataDir is given or in memory; PostgreSQL by URL) and applies migrations. */
export async function openDb(config: DbConfig, opts: { migrate?: boolean } = {}): Promise<DbHandle> {
  const migrate = opts.migrate ?? true;
  if (config.kind === "pglite") {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    if (config.dataDir) mkdirSync(path.dirname(path.resolve(config.dataDir)), { recursive: true });
    const client = new PGlite({ dataDir: config.dataDir, loadDataDir: config.loadDataDir });
    await client.waitReady;
    const db = drizzle({ client, schema });
    if (migrate) {
      const { migrate: run } = await import("drizzle-orm/pglite/migrator");
      await run(db, { migrationsFolder: MIGRATIONS });
    }
    return { db: db as unknown as Db, kind: "pglite", close: () => client.close() };
  }
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  if (migrate) {
    const admin = postgres(config.url, { max: 1, onnotice: () => {} });
    try {
      await admin`select pg_advisory_lock(${MIGRATION_LOCK})`;
      const { migrate: run } = await import("drizzle-orm/postgres-js/migrator");
      await run(drizzle({ client: admin }), { migrationsFolder: MIGRATIONS });
      await admin`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    } finally {
      await admin.end();
    }
  }
  const client = postgres(config.url, { max: config.max ?? 10, onnotice: () => {} });
  const db = drizzle({ client, schema });
  return { db: db as unknown as Db, kind: "postgres", close: () => client.end() };
}

export function configFromEnv(e: { DATABASE_URL?: string; PGLITE_DIR: string }): DbConfig {
  return e.DATABASE_URL ? { kind: "postgres", url: e.DATABASE_URL } : { kind: "pglite", dataDir: e.PGLITE_DIR };
}

/** Rows of `db.execute(sql…)`, which postgres-js returns as an array and PGlite as `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
