import { randomBytes } from "node:crypto";
import postgres from "postgres";

/** The names of cluster-mode databases: `tm_cluster_<run>_<random>` (tests/e2e/support/cluster.ts). */
export const CLUSTER_DB_PREFIX = "tm_cluster_";

/**
 * The e2e project's global setup: names this run (TM_E2E_RUN, inherited by the test processes) and, at the end, drops
 * the throwaway cluster databases this run left (tests/e2e/support/cluster.ts names them after the run). A test
 * process's own `beforeExit` drop does not run when the pool ends it, so the run cleans up after itself here.
 */
export default function setup(): () => Promise<void> {
  const run = randomBytes(4).toString("hex");
  process.env.TM_E2E_RUN = run;
  return async () => {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) return;
    const sql = postgres(base, { max: 1, onnotice: () => {} });
    try {
      const left = await sql<{ datname: string }[]>`select datname from pg_database where starts_with(datname, ${`${CLUSTER_DB_PREFIX}${run}_`})`;
      for (const { datname } of left) await sql.unsafe(`drop database if exists "${datname}" with (force)`);
    } finally {
      await sql.end();
    }
  };
}
