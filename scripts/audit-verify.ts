/**
 * `npm run audit:verify [-- --anchor <seq>:<hash> ...]`: checks the audit chain and the evidence of the configured
 * database (DATABASE_URL, else the PGlite directory PGLITE_DIR — stop the app first: PGlite opens one process at a
 * time). Prints one JSON line; exit code 0 when intact, 1 when something is broken, 2 when the check could not run.
 * An anchor is a (chain_seq, hash) pair printed by an earlier run and kept somewhere else: it must still match.
 */
import { parseArgs } from "node:util";
import { configFromEnv, openDb } from "@/db/client";
import { env } from "@/server/env";
import { verifyAll, type TAnchor } from "@/server/audit/verify";

function anchorsFrom(values: string[]): TAnchor[] {
  return values.map((v) => {
    const m = /^(\d+):([0-9a-fA-F]{64})$/.exec(v.trim());
    if (!m) throw new Error(`--anchor ${v}: expected <chain_seq>:<64 hex digits>`);
    return { seq: Number(m[1]), hash: m[2]!.toLowerCase() };
  });
}

try {
  const { values } = parseArgs({ options: { anchor: { type: "string", multiple: true, default: [] } } });
  const anchors = anchorsFrom(values.anchor);
  // No migrations: a check must not change the database it checks.
  const handle = await openDb(configFromEnv(env()), { migrate: false });
  try {
    const result = await verifyAll(handle.db, { anchors });
    console.log(JSON.stringify({ database: handle.kind, ...result }));
    process.exitCode = result.ok ? 0 : 1;
  } finally {
    await handle.close();
  }
} catch (err) {
  console.log(JSON.stringify({ ok: false, error: err instanceof Error ? err.message : String(err) }));
  process.exitCode = 2;
}
