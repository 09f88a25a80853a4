/**
 * `npm run restore -- --from <file> (--data-dir <new dir> | --database-url <url of an empty database>) [--skip-verify]`
 * (docs/operations/backup.md). Checks the archive (every part's size and SHA-256) before writing anything, refuses a
 * target that is not empty, restores, compares the result with the manifest (migrations, audit head, evidence, row
 * counts) and runs the audit chain and evidence check on it. Prints one JSON line. Exit 0 restored and checked,
 * 1 refused or a check failed (do not use that copy), 2 could not run.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { BackupRefused } from "@/server/backup/archive";
import { restoreBackup, type TRestoreTarget } from "@/server/backup/run";

try {
  const { values } = parseArgs({
    options: {
      from: { type: "string" },
      "data-dir": { type: "string" },
      "database-url": { type: "string" },
      "skip-verify": { type: "boolean", default: false },
    },
  });
  if (!values.from) throw new BackupRefused("--from <archive> is required");
  const dir = values["data-dir"];
  const url = values["database-url"];
  if (!dir === !url) throw new BackupRefused("name one target: --data-dir <new PGlite directory> or --database-url <postgres://… of an empty database>");
  if (url && !/^postgres(ql)?:\/\//.test(url)) throw new BackupRefused("--database-url must be a postgres:// or postgresql:// URL");
  const target: TRestoreTarget = dir ? { kind: "pglite", dataDir: path.resolve(dir) } : { kind: "postgres", url: url! };
  const r = await restoreBackup(path.resolve(values.from), target, { verify: !values["skip-verify"] });
  console.log(
    JSON.stringify({
      ok: r.ok,
      target: target.kind === "pglite" ? target.dataDir : "database-url",
      backupCreatedAt: r.manifest.createdAt,
      app: r.manifest.app,
      auditHead: r.facts.auditHead,
      evidence: { files: r.facts.evidence.files, bytes: r.facts.evidence.bytes },
      differences: r.differences,
      verify: r.verify && {
        ok: r.verify.ok,
        chain: { ok: r.verify.chain.ok, count: r.verify.chain.count, firstBreak: r.verify.chain.firstBreak },
        evidence: r.verify.evidence,
      },
    }),
  );
  process.exitCode = r.ok ? 0 : 1;
} catch (err) {
  console.log(JSON.stringify({ ok: false, error: err instanceof Error ? err.message : String(err) }));
  process.exitCode = err instanceof BackupRefused ? 1 : 2;
}
