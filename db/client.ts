import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { installJobsSchema } from "./jobs-schema";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = "pglite" | "postgres";

export interface DbHandle {
  db: Db;
  kind: DbKind;
  close: () => Promise<void>;
}

export type DbConfig = { kind: "pglite"; dataDir?: string; loadDataDir?: Blob } | { kind: "postgres"; url: string; max?: number; ownerUrl?: string };

/** The role the app's queries run as (migration 0009): rows only, and no UPDATE/DELETE on records and evidence. */
export const APP_ROLE = "tracemark_app";

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");
/** Arbitrary but fixed: serialises migrations when several app processes start against one PostgreSQL. */
const MIGRATION_LOCK = 727_274;

/**
 * Opens a database (PGlite when dataDir is given or in memory; PostgreSQL by URL) and applies migrations as the
 * connecting user (the owner); every query after that runs as APP_ROLE. `asOwner` keeps the owner's rights: for
 * migrations and for tests that play an attacker who has them, never for the app.
 */
export async function openDb(config: DbConfig, opts: { migrate?: boolean; asOwner?: boolean } = {}): Promise<DbHandle> {
  const migrate = opts.migrate ?? true;
  const asOwner = opts.asOwner ?? false;
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
      // the job runner's tables (ADR 0029), installed by the owner like a migration
      await installJobsSchema(
        {
          rows: async (q) => (await client.query<Record<string, unknown>>(q)).rows,
          exec: async (q) => {
            await client.exec(q);
          },
        },
        APP_ROLE,
      );
    }
    if (!asOwner) await client.exec(`SET ROLE ${APP_ROLE}`);
    return { db: db as unknown as Db, kind: "pglite", close: () => client.close() };
  }
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  (await import("./prepared")).prepareEveryStatement();
  if (migrate) {
    const admin = postgres(config.ownerUrl ?? config.url, { max: 1, onnotice: () => {} });
    try {
      await admin`select pg_advisory_lock(${MIGRATION_LOCK})`;
      const { migrate: run } = await import("drizzle-orm/postgres-js/migrator");
      await run(drizzle({ client: admin }), { migrationsFolder: MIGRATIONS });
      await installJobsSchema(
        {
          rows: (q) => admin.unsafe(q),
          exec: async (q) => {
            await admin.unsafe(q).simple();
          },
        },
        APP_ROLE,
      );
      await admin`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    } finally {
      await admin.end();
    }
  }
  // `role` as a start-up parameter: each pooled connection begins as APP_ROLE, before its first query. Statements are
  // prepared once per connection (./prepared.ts) and planned for each execution's values (ADR 0049): a pull from
  // cursor 0 and one from a minute ago want different plans, and a plan kept from when a table was small goes stale.
  const client = postgres(asOwner ? (config.ownerUrl ?? config.url) : config.url, {
    max: config.max ?? 10,
    onnotice: () => {},
    connection: { plan_cache_mode: "force_custom_plan", ...(asOwner ? {} : { role: APP_ROLE }) },
  });
  const db = drizzle({ client, schema });
  return { db: db as unknown as Db, kind: "postgres", close: () => client.end() };
}

export function configFromEnv(e: { DATABASE_URL?: string; DATABASE_OWNER_URL?: string; DATABASE_POOL_MAX?: number; PGLITE_DIR: string }): DbConfig {
  if (!e.DATABASE_URL) return { kind: "pglite", dataDir: e.PGLITE_DIR };
  return {
    kind: "postgres",
    url: e.DATABASE_URL,
    ...(e.DATABASE_OWNER_URL ? { ownerUrl: e.DATABASE_OWNER_URL } : {}),
    ...(e.DATABASE_POOL_MAX ? { max: e.DATABASE_POOL_MAX } : {}),
  };
}

/** Rows of `db.execute(sql…)`, which postgres-js returns as an array and PGlite as `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return (result as { rows?: T[] }).rows ?? [];
}
