import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import * as tar from "tar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { seedDemo } from "@/server/seed/demo";
import { BackupRefused } from "./archive";
import { backupResponse } from "./http";
import { MANIFEST_NAME, PGLITE_PART, type TManifest } from "./manifest";
import { createBackup, restoreBackup } from "./run";
import { addSignedWork, startWriteLoop } from "./testing";

/**
 * PGlite backups (docs/operations/backup.md): the running app's copy through its route while writes continue, the
 * restore into a fresh directory, the audit check on it, and refusals. Runs once (the PGlite project): the database
 * here is a PGlite on disk whatever TEST_DB says.
 */
const TOKEN = "t".repeat(16) + "0123456789abcdef0123";
const ENV = { BACKUP_TOKEN: TOKEN };
const run = promisify(execFile);

const request = (headers: Record<string, string>) => new Request("http://127.0.0.1:3000/api/admin/backup", { method: "POST", headers });
const GOOD = { "x-tracemark-peer": "127.0.0.1", authorization: `Bearer ${TOKEN}` };

describe.skipIf(process.env.TEST_DB === "postgres")("PGlite backup and restore", () => {
  let dir: string;
  let live: DbHandle;
  let archive: string;
  let manifest: TManifest;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "tm-backup-test-"));
    live = await openDb({ kind: "pglite", dataDir: path.join(dir, "live") });
    await seedDemo(live.db);
    await addSignedWork(live.db);
  }, 240_000);

  afterAll(async () => {
    await live?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("copies a consistent snapshot while writes go on; the copy restores into a fresh directory and verifies", { timeout: 240_000 }, async () => {
    const base = await openCount(live);
    const loop = startWriteLoop(live.db);
    try {
      await loop.moreWrites(5);
      const before = loop.written();
      const res = await backupResponse(request(GOOD), () => Promise.resolve(live.db), ENV);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/gzip");
      const dump = new Uint8Array(await res.arrayBuffer());
      const atCopy = loop.written();
      // writes go on after the copy: the copy must not see them
      await loop.moreWrites(5);
      archive = path.join(dir, "backup.tar");
      manifest = await createBackup({ kind: "pglite-dump", dump }, archive);
      await loop.stop();
      const loopRows = (m: TManifest) => m.database.rows.audit_events!;
      // the copy holds every write committed before it was asked for, none committed after it was answered
      expect(loopRows(manifest) - base).toBeGreaterThanOrEqual(before);
      expect(loopRows(manifest) - base).toBeLessThanOrEqual(atCopy);
      const final = await restoreBackup(archive, { kind: "pglite", dataDir: path.join(dir, "restored") });
      expect(final.differences).toEqual([]);
      expect(final.ok).toBe(true);
      expect(final.verify?.ok).toBe(true);
      expect(final.verify?.chain.head).toEqual(manifest.database.auditHead);
      expect(final.facts.rows.audit_events).toBe(loopRows(manifest));
      // the evidence travels with the database: photos and signatures, and the customer's signed sign-off
      expect(manifest.database.evidence.files).toBeGreaterThanOrEqual(4 + 4);
      expect(final.verify?.evidence.files).toBe(manifest.database.evidence.files);
      expect(final.verify?.evidence.signoffs).toBeGreaterThanOrEqual(1);
      // the live database went on: the copy is the snapshot, not the end
      const liveAfter = await openCount(live);
      expect(liveAfter).toBeGreaterThanOrEqual(loopRows(manifest) + 5);
    } finally {
      await loop.stop().catch(() => {});
    }
    await expect(restoreBackup(archive, { kind: "pglite", dataDir: path.join(dir, "restored") })).rejects.toThrow(/not empty/);
  });

  it("refuses a damaged archive before writing anything, and reports a manifest that does not match", { timeout: 240_000 }, async () => {
    expect(manifest).toBeDefined();
    const unpacked = path.join(dir, "unpacked");
    await mkdir(unpacked);
    await tar.x({ file: archive, cwd: unpacked });
    const pack = async (name: string, entries: string[]) => {
      const file = path.join(dir, name);
      await tar.c({ file, cwd: unpacked }, entries);
      return file;
    };
    // one byte of the database changed
    const part = await readFile(path.join(unpacked, PGLITE_PART));
    const flipped = Buffer.from(part);
    flipped[Math.floor(flipped.length / 2)]! ^= 0xff;
    await writeFile(path.join(unpacked, PGLITE_PART), flipped);
    const damaged = await pack("damaged.tar", [MANIFEST_NAME, PGLITE_PART]);
    await expect(restoreBackup(damaged, { kind: "pglite", dataDir: path.join(dir, "r-damaged") })).rejects.toThrow(BackupRefused);
    await expect(restoreBackup(damaged, { kind: "pglite", dataDir: path.join(dir, "r-damaged") })).rejects.toThrow(/hashes to/);
    expect(existsSync(path.join(dir, "r-damaged"))).toBe(false);
    await writeFile(path.join(unpacked, PGLITE_PART), part);

    // something else slipped in
    await writeFile(path.join(unpacked, "extra.sql"), "DROP TABLE audit_events;");
    const extra = await pack("extra.tar", [MANIFEST_NAME, PGLITE_PART, "extra.sql"]);
    await expect(restoreBackup(extra, { kind: "pglite", dataDir: path.join(dir, "r-extra") })).rejects.toThrow(/entries no backup writes/);

    // the part is intact but the manifest claims another chain head: restored, and reported as not matching
    const lying = { ...manifest, database: { ...manifest.database, auditHead: { seq: manifest.database.auditHead!.seq, hash: "0".repeat(64) } } };
    await writeFile(path.join(unpacked, MANIFEST_NAME), JSON.stringify(lying));
    const liar = await pack("liar.tar", [MANIFEST_NAME, PGLITE_PART]);
    const r = await restoreBackup(liar, { kind: "pglite", dataDir: path.join(dir, "r-liar") }, { verify: false });
    expect(r.ok).toBe(false);
    expect(r.differences.join("\n")).toMatch(/audit head/);

    // a PGlite backup is not restored into PostgreSQL
    await expect(restoreBackup(archive, { kind: "postgres", url: "postgres://nobody@127.0.0.1:1/none" })).rejects.toThrow(/PGlite directory/);
  });

  it("the route answers only a loopback request without forwarding headers carrying the token; anything else is 404", async () => {
    const never = () => Promise.reject(new Error("the database must not be touched for a refused request"));
    const cases: [Record<string, string>, Record<string, string | undefined>][] = [
      [GOOD, {}], // no BACKUP_TOKEN configured: the route does not exist
      [{ ...GOOD, "x-tracemark-peer": "10.0.0.5" }, ENV],
      [{ ...GOOD, "x-tracemark-peer": "::ffff:192.168.1.9" }, ENV],
      [{ authorization: GOOD.authorization }, ENV], // no peer: an internal request we cannot place
      [{ ...GOOD, "x-forwarded-for": "203.0.113.7" }, ENV], // the reverse proxy on this machine passing the public's request
      [{ ...GOOD, forwarded: "for=203.0.113.7" }, ENV],
      [{ ...GOOD, authorization: `Bearer ${TOKEN}x` }, ENV],
      [{ ...GOOD, authorization: TOKEN }, ENV],
      [{ "x-tracemark-peer": "127.0.0.1" }, ENV],
    ];
    for (const [headers, env] of cases) {
      const res = await backupResponse(request(headers), never, env);
      expect(res.status, JSON.stringify(headers)).toBe(404);
    }
    await expect(backupResponse(request(GOOD), never, { BACKUP_TOKEN: "short" })).rejects.toThrow(/BACKUP_TOKEN/);
  });

  it("the CLIs: backup refuses an open directory; restore and audit:verify pass on the restored copy", { timeout: 300_000 }, async () => {
    expect(manifest).toBeDefined();
    // PGlite: no PostgreSQL URL may leak in from the test run's environment
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !["DATABASE_URL", "DATABASE_OWNER_URL", "TEST_DB"].includes(k)));
    const tsx = (script: string, args: string[], extra: Record<string, string>) =>
      run("npx", ["tsx", "--conditions=react-server", script, ...args], {
        env: { ...env, ...extra } as NodeJS.ProcessEnv,
        cwd: process.cwd(),
        encoding: "utf8",
      }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: unknown) => {
          const failed = e as { code?: number; stdout?: string };
          return { code: failed.code ?? -1, out: failed.stdout ?? "" };
        },
      );
    const open = await tsx("scripts/backup.ts", ["--out", path.join(dir, "cli.tar")], { PGLITE_DIR: path.join(dir, "live") });
    expect(open.code).toBe(1);
    expect(open.out).toMatch(/is open/);
    expect(existsSync(path.join(dir, "cli.tar"))).toBe(false);

    const target = path.join(dir, "restored-cli");
    const restored = await tsx("scripts/restore.ts", ["--from", archive, "--data-dir", target], {});
    expect(restored.code, restored.out).toBe(0);
    expect(JSON.parse(restored.out)).toMatchObject({ ok: true, differences: [], auditHead: manifest.database.auditHead });
    const verified = await tsx("scripts/audit-verify.ts", [], { PGLITE_DIR: target });
    expect(verified.code, verified.out).toBe(0);
    expect(JSON.parse(verified.out)).toMatchObject({ ok: true, database: "pglite", chain: { head: manifest.database.auditHead } });
  });
});

async function openCount(h: DbHandle): Promise<number> {
  const { auditEvents } = await import("@/db/schema");
  return h.db.$count(auditEvents);
}
