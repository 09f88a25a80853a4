import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { createBackup, restoreBackup } from "./run";
import { addSignedWork, startWriteLoop } from "./testing";

/**
 * PostgreSQL backups (docs/operations/backup.md), only where TEST_DATABASE_URL names a server (the integration-pg
 * project): pg_dump of a throwaway database while writes go on, pg_restore into a fresh one, facts equal, audit
 * check passes, and the app's role still may not rewrite a record there (the grants travelled).
 */
describe.runIf(process.env.TEST_DB === "postgres")("PostgreSQL backup and restore", () => {
  let t: TestDb;
  let dir: string;
  let restoredUrl: string;
  let dropRestored: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    await addSignedWork(t.db);
    dir = await mkdtemp(path.join(tmpdir(), "tm-backup-pg-"));
    const target = new URL(t.url!);
    const name = `${target.pathname.slice(1)}_restored`; // the run's prefix: dropped by the global teardown if left
    target.pathname = `/${name}`;
    restoredUrl = target.toString();
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database "${name}"`);
    } finally {
      await admin.end();
    }
    dropRestored = async () => {
      const sql = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await sql.end();
      }
    };
  }, 240_000);

  afterAll(async () => {
    await dropRestored?.();
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("dumps one snapshot while writes go on; restores into a fresh database that verifies", { timeout: 240_000 }, async () => {
    const loop = startWriteLoop(t.db);
    const archive = path.join(dir, "backup.tar");
    let manifest;
    try {
      await loop.moreWrites(5);
      manifest = await createBackup({ kind: "postgres", url: t.url! }, archive);
      await loop.moreWrites(5);
    } finally {
      await loop.stop();
    }
    expect(manifest.parts.map((p) => p.name)).toEqual(["database.pgdump"]);
    expect(manifest.database.evidence.files).toBeGreaterThanOrEqual(8);
    const r = await restoreBackup(archive, { kind: "postgres", url: restoredUrl });
    expect(r.differences).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.verify?.chain.head).toEqual(manifest.database.auditHead);
    expect(r.verify?.evidence.files).toBe(manifest.database.evidence.files);
    expect(r.verify?.evidence.signoffs).toBeGreaterThanOrEqual(1);
    // the live database went on past the snapshot
    const live = postgres(t.url!, { max: 1, onnotice: () => {} });
    try {
      const n = (await live<{ n: string }[]>`select count(*) as n from audit_events`)[0]!.n;
      expect(Number(n)).toBeGreaterThan(manifest.database.rows.audit_events!);
    } finally {
      await live.end();
    }
    // the grants travelled: as the app's role, a record cannot be rewritten on the restored database
    const app = await openDb({ kind: "postgres", url: restoredUrl, max: 1 }, { migrate: false });
    try {
      const { sql } = await import("drizzle-orm");
      const refused = await app.db.execute(sql`update audit_events set name = name`).then(
        () => "allowed",
        (e: unknown) => String((e as { cause?: unknown }).cause ?? e),
      );
      expect(refused).toMatch(/permission denied/);
    } finally {
      await app.close();
    }
    // a second restore into the same (now full) database is refused
    await expect(restoreBackup(archive, { kind: "postgres", url: restoredUrl })).rejects.toThrow(/not empty/);
  });
});
