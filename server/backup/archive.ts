import "server-only";
import { createReadStream, existsSync } from "node:fs";
import { readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createHash } from "node:crypto";
import * as tar from "tar";
import { MANIFEST_NAME, PGLITE_PART, POSTGRES_PART, ZManifest, type TManifest } from "./manifest";

/**
 * The archive: a plain tar holding manifest.json and the parts it lists (each part is compressed on its own: PGlite's
 * dump is gzip, pg_dump's custom format compresses itself). The manifest names every part's size and SHA-256; a
 * restore refuses an archive where any of them differs, where a listed part is missing, or where anything else is
 * inside.
 */

const ALLOWED = new Set([MANIFEST_NAME, PGLITE_PART, POSTGRES_PART]);

export class BackupRefused extends Error {
  override name = "BackupRefused";
}

export async function fileSha256(file: string): Promise<string> {
  const h = createHash("sha256");
  await pipeline(createReadStream(file), h);
  return h.digest("hex");
}

/**
 * Writes `out` from the parts already in `staging` (named like their part) and the manifest without its `parts`,
 * which this fills in. Refuses to overwrite `out`; writes beside it and renames, so a half-written archive never has
 * the final name.
 */
export async function writeArchive(
  out: string,
  staging: string,
  manifest: Omit<TManifest, "parts">,
  partNames: TManifest["parts"][number]["name"][],
): Promise<TManifest> {
  if (existsSync(out)) throw new BackupRefused(`${out} exists: choose a new file name (a backup never overwrites one)`);
  const parts: TManifest["parts"] = [];
  for (const name of partNames) {
    const file = path.join(staging, name);
    parts.push({ name, bytes: (await stat(file)).size, sha256: await fileSha256(file) });
  }
  const full = ZManifest.parse({ ...manifest, parts });
  await writeFile(path.join(staging, MANIFEST_NAME), JSON.stringify(full, null, 2) + "\n", { flag: "wx" });
  const partial = `${out}.partial`;
  await rm(partial, { force: true });
  await tar.c({ file: partial, cwd: staging, portable: true }, [MANIFEST_NAME, ...partNames]);
  await rename(partial, out);
  return full;
}

/**
 * Unpacks `file` into `into` (an empty directory) and checks it: the manifest parses, every listed part is there with
 * its size and hash, nothing unlisted is inside. Returns the manifest and each part's path.
 */
export async function openArchive(file: string, into: string): Promise<{ manifest: TManifest; partPath: (name: string) => string }> {
  if (!existsSync(file)) throw new BackupRefused(`${file}: no such file`);
  const unexpected: string[] = [];
  try {
    await tar.x({
      file,
      cwd: into,
      strict: true,
      filter: (p, entry) => {
        const ok = ALLOWED.has(p) && "type" in entry && entry.type === "File";
        if (!ok) unexpected.push(p);
        return ok;
      },
    });
  } catch (err) {
    throw new BackupRefused(`${file} is not a readable backup archive: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (unexpected.length > 0) throw new BackupRefused(`${file} holds entries no backup writes: ${unexpected.slice(0, 5).join(", ")}`);
  let manifest: TManifest;
  try {
    manifest = ZManifest.parse(JSON.parse(await readFile(path.join(into, MANIFEST_NAME), "utf8")));
  } catch (err) {
    throw new BackupRefused(`${file}: the manifest is missing or malformed (${err instanceof Error ? err.message : String(err)})`);
  }
  for (const part of manifest.parts) {
    const p = path.join(into, part.name);
    if (!existsSync(p)) throw new BackupRefused(`${file}: the part ${part.name} listed in the manifest is missing`);
    const size = (await stat(p)).size;
    if (size !== part.bytes) throw new BackupRefused(`${file}: ${part.name} is ${size} bytes, the manifest says ${part.bytes}`);
    const sha = await fileSha256(p);
    if (sha !== part.sha256) throw new BackupRefused(`${file}: ${part.name} hashes to ${sha}, the manifest says ${part.sha256}`);
  }
  return { manifest, partPath: (name) => path.join(into, name) };
}
