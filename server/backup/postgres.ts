import "server-only";
import { spawn } from "node:child_process";
import path from "node:path";
import postgres from "postgres";
import { APP_ROLE } from "@/db/client";
import { BackupRefused } from "./archive";
import { readFacts, type TFacts } from "./manifest";

/**
 * PostgreSQL's side (docs/operations/backup.md): pg_dump in custom format, taken in a snapshot we export from a
 * REPEATABLE READ transaction, in which we also read the manifest's facts — so the facts are exactly the dump's.
 * Restore: pg_restore into a new, empty database, in one transaction, stopping at the first error.
 */

/** Where pg_dump / pg_restore live: PG_BIN when set (e.g. /usr/lib/postgresql/15/bin), else the PATH. */
export const pgTool = (name: "pg_dump" | "pg_restore") => (process.env.PG_BIN ? path.join(process.env.PG_BIN, name) : name);

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 8_000) stderr += chunk.toString();
    });
    child.on("error", (err) => reject(new Error(`${cmd} could not start: ${err.message} (set PG_BIN to PostgreSQL's bin directory)`)));
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}: ${stderr.trim()}`))));
  });
}

const client = (url: string) => postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });

/** pg_dump -Fc of `url` into `file`; the facts are read in the same snapshot. */
export async function dumpPostgres(url: string, file: string): Promise<{ facts: TFacts; serverVersion: string }> {
  const sql = client(url);
  try {
    const conn = await sql.reserve();
    try {
      await conn.unsafe("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const [snap] = await conn.unsafe<{ id: string }[]>("SELECT pg_export_snapshot() AS id");
      const [v] = await conn.unsafe<{ server_version: string }[]>("SHOW server_version");
      const facts = await readFacts((text) => conn.unsafe(text));
      // the exported snapshot lives as long as this transaction: pg_dump must finish before we commit
      await run(pgTool("pg_dump"), ["--format=custom", `--snapshot=${snap!.id}`, `--file=${file}`, `--dbname=${url}`]);
      await conn.unsafe("COMMIT");
      return { facts, serverVersion: `PostgreSQL ${v?.server_version ?? "?"}` };
    } finally {
      conn.release();
    }
  } finally {
    await sql.end();
  }
}

/** What a database holds besides PostgreSQL's own schemas and an empty `public`. */
async function occupied(sql: postgres.Sql): Promise<string[]> {
  const rows = await sql<{ what: string }[]>`
    SELECT n.nspname || '.' || c.relname AS what FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
    UNION ALL
    SELECT 'schema ' || nspname FROM pg_namespace
      WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'public') AND nspname NOT LIKE 'pg\_%'
    LIMIT 5`;
  return rows.map((r) => r.what);
}

/**
 * pg_restore of `file` into `url`, which must name an existing database that holds nothing yet (CREATE DATABASE …
 * first). The app's role is created when missing and granted to the restoring user, as migration 0009 does (roles
 * are server-wide: a dump does not carry them). Returns the facts of the restored database.
 */
export async function restorePostgres(file: string, url: string): Promise<TFacts> {
  const sql = client(url);
  try {
    const found = await occupied(sql);
    if (found.length > 0) throw new BackupRefused(`the target database is not empty (${found.join(", ")}): restore into a new database`);
    await sql.unsafe(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN CREATE ROLE ${APP_ROLE} NOLOGIN; END IF;
      IF NOT pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') THEN EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user); END IF;
    END $$`);
    // --no-owner: the restoring user owns everything (ownership names a role of the old server); the grants to the
    // app's role and the revokes on the records (ADR 0018) are kept (no --no-acl).
    await run(pgTool("pg_restore"), ["--no-owner", "--exit-on-error", "--single-transaction", `--dbname=${url}`, file]);
    return await sql.begin("ISOLATION LEVEL REPEATABLE READ READ ONLY", (tx) => readFacts((text) => tx.unsafe(text)));
  } finally {
    await sql.end();
  }
}
