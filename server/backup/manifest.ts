import "server-only";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * What a backup archive says about itself (docs/operations/backup.md). Every fact under `database` is read from the
 * snapshot that was dumped — never from the live database a moment before or after — so a restore can compare the
 * restored database with it exactly.
 */
export const MANIFEST_NAME = "manifest.json";
/** The PGlite data directory, as PGlite's own dumpDataDir() writes it (a gzipped tar of PGDATA). */
export const PGLITE_PART = "pgdata.tar.gz";
/** A pg_dump in custom format (-Fc), restored with pg_restore. */
export const POSTGRES_PART = "database.pgdump";

const ZSha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const ZFacts = z.object({
  /** Drizzle's journal of applied migrations: how many, and the last one's hash and time (ms since 1970). */
  migrations: z.object({ count: z.number().int().min(0), lastHash: z.string().nullable(), lastCreatedAt: z.number().nullable() }),
  /** The audit chain's head (ADR 0011): the restored chain must end at the same row with the same hash. */
  auditHead: z.object({ seq: z.number().int().min(0), hash: z.string() }).nullable(),
  /** Evidence files (photos, signatures) are rows of evidence_files (bytea): they travel inside the database part. */
  evidence: z.object({ files: z.number().int().min(0), bytes: z.number().int().min(0), listSha256: ZSha256 }),
  /** Exact row counts of every table of the public schema at the snapshot. */
  rows: z.record(z.string(), z.number().int().min(0)),
});
export type TFacts = z.infer<typeof ZFacts>;

export const ZManifest = z.object({
  format: z.literal("tracemark-backup"),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  app: z.object({ version: z.string(), commit: z.string().nullable() }),
  database: z.object({ kind: z.enum(["pglite", "postgres"]), serverVersion: z.string() }).and(ZFacts),
  parts: z.array(z.object({ name: z.enum([PGLITE_PART, POSTGRES_PART]), bytes: z.number().int().min(0), sha256: ZSha256 })).min(1),
});
export type TManifest = z.infer<typeof ZManifest>;

export const sha256Hex = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");

/** The app's version (package.json) and commit (git, when run from a checkout; TRACEMARK_COMMIT otherwise). */
export function appInfo(): TManifest["app"] {
  const pkg = JSON.parse(readFileSync(path.join(process.cwd(), "package.json"), "utf8")) as { version?: string };
  let commit: string | null = process.env.TRACEMARK_COMMIT ?? null;
  if (!commit) {
    try {
      commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: process.cwd(), stdio: ["ignore", "pipe", "ignore"] })
        .toString()
        .trim();
    } catch {
      commit = null;
    }
  }
  return { version: pkg.version ?? "unknown", commit };
}

/** One SQL text in, rows out: over PGlite's client or postgres-js's `unsafe`. */
export type TQuery = (text: string) => Promise<Record<string, unknown>[]>;

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Reads the facts through `q`, which must see one snapshot (a REPEATABLE READ transaction, or a copy nobody writes). */
export async function readFacts(q: TQuery): Promise<TFacts> {
  const [journal] = await q(`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`);
  let migrations: TFacts["migrations"] = { count: 0, lastHash: null, lastCreatedAt: null };
  if (journal?.present === true) {
    const [m] = await q(`SELECT count(*) AS n,
        (SELECT hash FROM drizzle.__drizzle_migrations ORDER BY created_at DESC, id DESC LIMIT 1) AS hash,
        max(created_at) AS created_at FROM drizzle.__drizzle_migrations`);
    migrations = { count: num(m?.n), lastHash: (m?.hash as string | null) ?? null, lastCreatedAt: m?.created_at == null ? null : Number(m.created_at) };
  }
  const [head] = await q(`SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1`);
  const [ev] = await q(`SELECT count(*) AS n, coalesce(sum(size), 0) AS bytes,
      coalesce(string_agg(sha256, ',' ORDER BY sha256), '') AS list FROM evidence_files`);
  const tables = await q(`SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`);
  const rows: Record<string, number> = {};
  for (const t of tables) {
    const name = String(t.table_name);
    const [c] = await q(`SELECT count(*) AS n FROM public.${quoteIdent(name)}`);
    rows[name] = num(c?.n);
  }
  return {
    migrations,
    auditHead: head ? { seq: num(head.last_seq), hash: String(head.last_hash) } : null,
    evidence: { files: num(ev?.n), bytes: num(ev?.bytes), listSha256: sha256Hex(typeof ev?.list === "string" ? ev.list : "") },
    rows,
  };
}

/** Where two sets of facts differ, as readable lines (empty when they are the same). */
export function factDifferences(expected: TFacts, actual: TFacts): string[] {
  const out: string[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(expected.migrations, actual.migrations))
    out.push(`migrations: expected ${JSON.stringify(expected.migrations)}, found ${JSON.stringify(actual.migrations)}`);
  if (!same(expected.auditHead, actual.auditHead))
    out.push(`audit head: expected ${JSON.stringify(expected.auditHead)}, found ${JSON.stringify(actual.auditHead)}`);
  if (!same(expected.evidence, actual.evidence)) out.push(`evidence: expected ${JSON.stringify(expected.evidence)}, found ${JSON.stringify(actual.evidence)}`);
  for (const name of new Set([...Object.keys(expected.rows), ...Object.keys(actual.rows)])) {
    if (expected.rows[name] !== actual.rows[name])
      out.push(`rows of ${name}: expected ${expected.rows[name] ?? "no table"}, found ${actual.rows[name] ?? "no table"}`);
  }
  return out;
}
