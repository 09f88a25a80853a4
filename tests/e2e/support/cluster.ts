import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDb, type Db } from "@/db/client";
import { findNginx } from "@/scripts/cluster-nginx";
import { seedDemo } from "@/server/seed/demo";
import { CLUSTER_DB_PREFIX } from "./drop-cluster-databases";

/**
 * Several app processes behind nginx on one PostgreSQL (scripts/cluster.ts) for e2e: tests/e2e/cluster.test.ts and
 * the harness's cluster mode (E2E_CLUSTER=2, tests/e2e/support/server.ts). Needs TEST_DATABASE_URL and nginx.
 */

/** Why a cluster test cannot run here, or null. REQUIRE_E2E=1 (CI) makes a missing nginx a failure, not a skip. */
export function clusterUnavailable(): string | null {
  if (!findNginx()) {
    if (process.env.REQUIRE_E2E === "1") throw new Error("REQUIRE_E2E=1 but nginx is not installed (apt-get install -y nginx)");
    return "nginx is not installed (apt-get install -y nginx)";
  }
  if (!process.env.TEST_DATABASE_URL) return "TEST_DATABASE_URL is not set (a cluster needs PostgreSQL: PGlite is one process)";
  return null;
}

export function warnSkipped(what: string, reason: string): void {
  console.warn(`\n*** ${what} SKIPPED: ${reason} ***\n`);
}

export interface ClusterDatabase {
  url: string;
  /** The app role's view (as the app runs), for checks after the run. */
  db: Db;
  /** Closes the pool and drops the database. */
  drop: () => Promise<void>;
}

/** A throwaway database on TEST_DATABASE_URL's server: created, migrated, demo-seeded; drop() removes it. */
export async function createClusterDatabase(): Promise<ClusterDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  // named after the e2e run (its global teardown drops what is left: tests/e2e/support/drop-cluster-databases.ts)
  const name = `${CLUSTER_DB_PREFIX}${process.env.TM_E2E_RUN ?? "x"}_${randomBytes(5).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(base);
  u.pathname = `/${name}`;
  const url = u.toString();
  const dropDb = async () => {
    const sql = postgres(base, { max: 1, onnotice: () => {} });
    try {
      await sql.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await sql.end();
    }
  };
  try {
    const handle = await openDb({ kind: "postgres", url, max: 4 });
    await seedDemo(handle.db);
    return {
      url,
      db: handle.db,
      drop: async () => {
        await handle.close().catch(() => {});
        await dropDb();
      },
    };
  } catch (err) {
    await dropDb();
    throw err;
  }
}
