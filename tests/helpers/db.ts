import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { inject } from "vitest";
import { APP_ROLE, openDb, type Db } from "@/db/client";
import { seedDemo } from "@/server/seed/demo";

export interface TestDb {
  /** Runs as the app does (APP_ROLE). */
  db: Db;
  kind: "pglite" | "postgres";
  close: () => Promise<void>;
  /** PostgreSQL only: the database's URL (as the owner). */
  url?: string;
  /** Runs `fn` with the owner's rights on the same data: for tests that play an attacker who has them. */
  asOwner: <T>(fn: (owner: Db) => Promise<T>) => Promise<T>;
}

let template: Promise<Blob> | undefined;

/**
 * A freshly migrated database of its own, for one test file (or one describe block):
 * - TEST_DB=pglite (default): an in-memory PGlite loaded from the migrated template made by global-setup-pglite.ts;
 * - TEST_DB=postgres: a new database `tm_test_…` on TEST_DATABASE_URL's server, migrated, dropped by close().
 * With `seed: true` the demo data of server/seed/demo.ts is added (DEMO_USERS can sign in).
 */
export async function createTestDb(opts: { seed?: boolean } = {}): Promise<TestDb> {
  const handle = process.env.TEST_DB === "postgres" ? await createPostgresDb() : await createPgliteDb();
  if (opts.seed) {
    try {
      await seedDemo(handle.db);
    } catch (err) {
      await handle.close();
      throw err;
    }
  }
  return handle;
}

async function createPgliteDb(): Promise<TestDb> {
  template ??= readFile(inject("pgliteTemplate")).then((buf) => new Blob([buf]));
  const handle = await openDb({ kind: "pglite", loadDataDir: await template }, { migrate: false });
  return { db: handle.db, kind: "pglite", close: handle.close, asOwner: (fn) => pgliteAsOwner(handle.db, fn) };
}

/** PGlite has one connection: the role is switched on it for the duration of `fn`. */
async function pgliteAsOwner<T>(db: Db, fn: (owner: Db) => Promise<T>): Promise<T> {
  await db.execute(sql`RESET ROLE`);
  try {
    return await fn(db);
  } finally {
    await db.execute(sql.raw(`SET ROLE ${APP_ROLE}`));
  }
}

async function postgresAsOwner<T>(url: string, fn: (owner: Db) => Promise<T>): Promise<T> {
  const owner = await openDb({ kind: "postgres", url, max: 1 }, { migrate: false, asOwner: true });
  try {
    return await fn(owner.db);
  } finally {
    await owner.close();
  }
}

async function createPostgresDb(): Promise<TestDb & { url: string; closePool: () => Promise<void>; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DB=postgres needs TEST_DATABASE_URL");
  const name = `${inject("pgDatabasePrefix")}${randomBytes(6).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const drop = async () => {
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await sql.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await sql.end();
    }
  };
  let handle;
  try {
    handle = await openDb({ kind: "postgres", url: dbUrl.toString(), max: 4 });
  } catch (err) {
    await drop();
    throw err;
  }
  return {
    db: handle.db,
    kind: "postgres",
    url: dbUrl.toString(),
    closePool: handle.close,
    drop,
    asOwner: (fn) => postgresAsOwner(dbUrl.toString(), fn),
    close: async () => {
      await handle.close();
      await drop();
    },
  };
}

/** A database that can be closed and opened again on the same data, as a server restart does. */
export interface RestartableTestDb {
  /** The open database (a new object after each restart). */
  readonly db: Db;
  kind: "pglite" | "postgres";
  /** Closes every connection and opens the same data again (PGlite: from its data directory on disk). */
  restart: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * Like createTestDb, but restartable: PGlite keeps its data in a temporary directory (an in-memory PGlite cannot
 * be reopened); PostgreSQL gets a new pool on the same database.
 */
export async function createRestartableTestDb(): Promise<RestartableTestDb> {
  if (process.env.TEST_DB === "postgres") {
    const first = await createPostgresDb();
    let closePool = first.closePool;
    let db = first.db;
    return {
      get db() {
        return db;
      },
      kind: "postgres",
      async restart() {
        await closePool();
        const next = await openDb({ kind: "postgres", url: first.url, max: 4 }, { migrate: false });
        db = next.db;
        closePool = next.close;
      },
      async close() {
        await closePool();
        await first.drop();
      },
    };
  }
  template ??= readFile(inject("pgliteTemplate")).then((buf) => new Blob([buf]));
  const { mkdtemp, rm } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const path = await import("node:path");
  const root = await mkdtemp(path.join(tmpdir(), "tm-restartable-"));
  const dataDir = path.join(root, "pglite");
  let handle = await openDb({ kind: "pglite", dataDir, loadDataDir: await template }, { migrate: false });
  return {
    get db() {
      return handle.db;
    },
    kind: "pglite",
    async restart() {
      await handle.close();
      handle = await openDb({ kind: "pglite", dataDir }, { migrate: false });
    },
    async close() {
      await handle.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
