import "server-only";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { openDb } from "@/db/client";
import { verifyAll, type TVerifyResult } from "@/server/audit/verify";
import { BackupRefused, openArchive, writeArchive } from "./archive";
import { appInfo, factDifferences, PGLITE_PART, POSTGRES_PART, type TFacts, type TManifest } from "./manifest";
import { dumpPglite, factsOfPgliteDump, restorePgliteDump } from "./pglite";
import { dumpPostgres, restorePostgres } from "./postgres";

/** What to back up: an open PGlite, a PGlite dump already taken (by the running app), or a PostgreSQL database. */
export type TBackupSource =
  { kind: "pglite-client"; client: PGlite } | { kind: "pglite-dump"; dump: Uint8Array; app?: TManifest["app"] } | { kind: "postgres"; url: string };

async function inTempDir<T>(prefix: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes a backup archive to `out` (never overwriting); returns its manifest. */
export async function createBackup(source: TBackupSource, out: string): Promise<TManifest> {
  return inTempDir("tm-backup-", async (staging) => {
    const createdAt = new Date().toISOString();
    if (source.kind === "postgres") {
      const { facts, serverVersion } = await dumpPostgres(source.url, path.join(staging, POSTGRES_PART));
      const database = { kind: "postgres" as const, serverVersion, ...facts };
      return writeArchive(out, staging, { format: "tracemark-backup", formatVersion: 1, createdAt, app: appInfo(), database }, [POSTGRES_PART]);
    }
    const dump = source.kind === "pglite-client" ? await dumpPglite(source.client) : source.dump;
    await writeFile(path.join(staging, PGLITE_PART), dump);
    const { facts, serverVersion } = await factsOfPgliteDump(dump);
    const app = source.kind === "pglite-dump" && source.app ? source.app : appInfo();
    const database = { kind: "pglite" as const, serverVersion, ...facts };
    return writeArchive(out, staging, { format: "tracemark-backup", formatVersion: 1, createdAt, app, database }, [PGLITE_PART]);
  });
}

export type TRestoreTarget = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };

export interface TRestoreResult {
  ok: boolean;
  manifest: TManifest;
  /** The restored database's facts, and where they differ from the manifest's (none when ok). */
  facts: TFacts;
  differences: string[];
  /** The audit chain and evidence check (server/audit/verify.ts) on the restored database; null with verify: false. */
  verify: TVerifyResult | null;
}

/**
 * Restores `from` into `target` (a new PGlite directory or an empty PostgreSQL database): refuses a damaged archive
 * before writing anything, then compares the restored database with the manifest and runs the audit check on it.
 */
export async function restoreBackup(from: string, target: TRestoreTarget, opts: { verify?: boolean } = {}): Promise<TRestoreResult> {
  return inTempDir("tm-restore-", async (work) => {
    const { manifest, partPath } = await openArchive(from, work);
    if (manifest.database.kind !== target.kind)
      throw new BackupRefused(
        `this is a ${manifest.database.kind} backup: it restores into ${manifest.database.kind === "pglite" ? "a PGlite directory (--data-dir)" : "a PostgreSQL database (--database-url)"}`,
      );
    let facts: TFacts;
    if (target.kind === "pglite") {
      facts = await restorePgliteDump(new Uint8Array(await readFile(partPath(PGLITE_PART))), target.dataDir);
    } else {
      facts = await restorePostgres(partPath(POSTGRES_PART), target.url);
    }
    const differences = factDifferences(manifest.database, facts);
    let verify: TVerifyResult | null = null;
    if (opts.verify ?? true) {
      const handle = await openDb(target.kind === "pglite" ? { kind: "pglite", dataDir: target.dataDir } : { kind: "postgres", url: target.url, max: 2 }, {
        migrate: false,
      });
      try {
        verify = await verifyAll(handle.db);
      } finally {
        await handle.close();
      }
    }
    return { ok: differences.length === 0 && (verify?.ok ?? true), manifest, facts, differences, verify };
  });
}
