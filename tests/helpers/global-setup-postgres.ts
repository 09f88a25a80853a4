import { randomBytes } from "node:crypto";
import postgres from "postgres";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Prefix of the databases this run creates on TEST_DATABASE_URL's server (tests/helpers/db.ts). */
    pgDatabasePrefix: string;
  }
}

/**
 * Fails the run at once, with a clear message, when the PostgreSQL named by TEST_DATABASE_URL does not answer;
 * afterwards drops any database of this run that a crashed test file left behind.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("integration-pg needs TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)");
  const prefix = `tm_test_${randomBytes(3).toString("hex")}_`;
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql`select 1`;
  } catch (err) {
    await sql.end();
    throw new Error(`PostgreSQL at TEST_DATABASE_URL does not answer: ${String(err)}`, { cause: err });
  }
  project.provide("pgDatabasePrefix", prefix);
  return async () => {
    try {
      const left = await sql<{ datname: string }[]>`
        select datname from pg_database where starts_with(datname, ${prefix})`;
      for (const { datname } of left) await sql.unsafe(`drop database if exists "${datname}" with (force)`);
    } finally {
      await sql.end();
    }
  };
}
