import "server-only";
import { createRequire } from "node:module";

/**
 * The job runner's tables (pg-boss, ADR 0029) live in their own schema. Like drizzle's migrations they are installed
 * and upgraded by the owner at start-up (inside openDb's migrate step); the app role only gets rows and EXECUTE, so
 * the runner starts with `migrate: false` and never runs DDL (ADR 0018).
 */
export const JOBS_SCHEMA = "pgboss";

/** What the owner's connection must offer: one statement returning rows, and a multi-statement script. */
export interface TOwnerSql {
  rows: (text: string) => Promise<Record<string, unknown>[]>;
  exec: (text: string) => Promise<void>;
}

/** The schema version this pg-boss release expects (package.json `pgboss.schema`; 46 for 12.38.0). */
export function jobsSchemaVersion(): number {
  const pkg = createRequire(`${process.cwd()}/package.json`)("pg-boss/package.json") as { pgboss: { schema: number } };
  return pkg.pgboss.schema;
}

/**
 * Installs pg-boss's schema when absent, migrates it when older (pg-boss's own plans, index builds inline), and
 * grants the app role what the runner needs. Idempotent; run under the migration lock on PostgreSQL.
 */
export async function installJobsSchema(owner: TOwnerSql, appRole: string): Promise<void> {
  const { getConstructionPlans, getMigrationPlans } = await import("pg-boss");
  const [present] = await owner.rows(`select to_regclass('${JOBS_SCHEMA}.version') is not null as present`);
  const target = jobsSchemaVersion();
  if (!present?.present) {
    await owner.exec(getConstructionPlans(JOBS_SCHEMA));
  } else {
    const [row] = await owner.rows(`select version from ${JOBS_SCHEMA}.version`);
    const installed = Number(row?.version);
    if (installed > target) throw new Error(`The job tables are at schema version ${installed}, newer than pg-boss here expects (${target}): upgrade the app.`);
    if (installed < target) await owner.exec(getMigrationPlans(JOBS_SCHEMA, installed));
  }
  await owner.exec(`
    GRANT USAGE ON SCHEMA ${JOBS_SCHEMA} TO ${appRole};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOBS_SCHEMA} TO ${appRole};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${JOBS_SCHEMA} TO ${appRole};
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${JOBS_SCHEMA} TO ${appRole};
    ALTER DEFAULT PRIVILEGES IN SCHEMA ${JOBS_SCHEMA} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${appRole};
  `);
}
