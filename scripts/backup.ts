/**
 * `npm run backup -- --out <file> [--url http://127.0.0.1:3000]` (docs/operations/backup.md). Writes one archive: a
 * manifest and the database (evidence files are rows of it).
 * - DATABASE_URL set: pg_dump of it (DATABASE_OWNER_URL when set), in one snapshot with the manifest's facts.
 * - PGlite, app running: `--url` asks the app (POST /api/admin/backup, BACKUP_TOKEN from the environment).
 * - PGlite, app stopped: opens PGLITE_DIR itself (refused while the app holds it).
 * Prints one JSON line. Exit 0 written, 1 refused, 2 could not run.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { dbEnv } from "@/db/env";
import { BackupRefused } from "@/server/backup/archive";
import type { TManifest } from "@/server/backup/manifest";
import { pgliteInUse } from "@/server/backup/pglite";
import { createBackup } from "@/server/backup/run";

async function fromApp(base: string): Promise<{ dump: Uint8Array; app?: TManifest["app"] }> {
  const token = process.env.BACKUP_TOKEN;
  if (!token) throw new BackupRefused("--url needs BACKUP_TOKEN in the environment: the same value the app was started with");
  const url = new URL("/api/admin/backup", base);
  const res = await fetch(url, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
  if (res.status === 409) throw new BackupRefused(`${url}: ${(await res.text()).trim()} Run npm run backup without --url, with DATABASE_URL set.`);
  if (res.status !== 200)
    throw new BackupRefused(
      `${url} answered ${res.status}: the app has no BACKUP_TOKEN, a different one, or the request did not come straight from this machine (use the app's own loopback address and port, not the reverse proxy)`,
    );
  const header = res.headers.get("x-tracemark-app");
  const app = header ? (JSON.parse(header) as TManifest["app"]) : undefined;
  return { dump: new Uint8Array(await res.arrayBuffer()), app };
}

try {
  const { values } = parseArgs({ options: { out: { type: "string" }, url: { type: "string" } } });
  if (!values.out) throw new BackupRefused("--out <file> is required (a new file: a backup never overwrites one)");
  const out = path.resolve(values.out);
  const env = dbEnv();
  let manifest: TManifest;
  if (values.url) {
    manifest = await createBackup({ kind: "pglite-dump", ...(await fromApp(values.url)) }, out);
  } else if (env.DATABASE_URL) {
    manifest = await createBackup({ kind: "postgres", url: env.DATABASE_OWNER_URL ?? env.DATABASE_URL }, out);
  } else {
    const dir = path.resolve(env.PGLITE_DIR);
    if (!existsSync(path.join(dir, "PG_VERSION"))) throw new BackupRefused(`${dir} holds no PGlite database (PGLITE_DIR)`);
    if (pgliteInUse(dir))
      throw new BackupRefused(
        `${dir} is open (postmaster.pid): while the app runs, back up through it with --url http://127.0.0.1:<port>; after a crash, start and stop the app once`,
      );
    const { PGlite } = await import("@electric-sql/pglite");
    const client = new PGlite({ dataDir: dir });
    try {
      await client.waitReady;
      manifest = await createBackup({ kind: "pglite-client", client }, out);
    } finally {
      await client.close();
    }
  }
  const d = manifest.database;
  console.log(
    JSON.stringify({
      ok: true,
      out,
      kind: d.kind,
      parts: manifest.parts,
      auditHead: d.auditHead,
      evidence: { files: d.evidence.files, bytes: d.evidence.bytes },
    }),
  );
} catch (err) {
  console.log(JSON.stringify({ ok: false, error: err instanceof Error ? err.message : String(err) }));
  process.exitCode = err instanceof BackupRefused ? 1 : 2;
}
