import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/db/client";
import { parseEnv } from "@/db/env";
import { normaliseAddress, parseTrustedProxies, PEER_HEADER } from "@/server/http/proxy";
import { logEvent } from "@/server/log";
import { appInfo } from "./manifest";
import { dumpPglite, pgliteClientOf } from "./pglite";

/**
 * POST /api/admin/backup (docs/operations/backup.md): the running app's consistent copy of its PGlite data directory,
 * for `npm run backup -- --url …`. Never public. Three locks, all required:
 * 1. BACKUP_TOKEN is set (at least 32 characters); unset, the route does not exist (404);
 * 2. the request comes straight from this machine: the connection's peer is a loopback address and it carries no
 *    forwarding header (a reverse proxy on this machine forwards the public's requests from loopback, and adds them);
 * 3. `Authorization: Bearer <BACKUP_TOKEN>`, compared in constant time.
 * Every refusal is the same 404, so the route cannot be probed; refusals and copies are logged.
 */
export const ZBackupEnv = z.object({
  BACKUP_TOKEN: z.string().min(32, { error: "BACKUP_TOKEN must be at least 32 characters (e.g. openssl rand -hex 32)" }).optional(),
});

const LOOPBACK = (() => {
  const parsed = parseTrustedProxies("loopback");
  if (!parsed.ok) throw new Error(parsed.problems.join("; "));
  return parsed.value;
})();
const FORWARDING = ["x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host"];

const NO_STORE = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } as const;
const notFound = () => new Response("Not found", { status: 404, headers: { ...NO_STORE, "Content-Type": "text/plain; charset=utf-8" } });

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/** Why the request may not have a copy, or null when it may. */
export function backupRefusal(req: Request, token: string | undefined): string | null {
  if (!token) return "no_token_configured";
  const peer = normaliseAddress(req.headers.get(PEER_HEADER));
  if (!peer || !LOOPBACK.has(peer)) return "not_loopback";
  if (FORWARDING.some((h) => req.headers.has(h))) return "forwarded";
  const m = /^Bearer (\S+)$/.exec(req.headers.get("authorization") ?? "");
  if (!m || !timingSafeEqual(digest(m[1]!), digest(token))) return "bad_token";
  return null;
}

/** `db` is asked for only once the request has passed every lock. */
export async function backupResponse(req: Request, db: () => Promise<Db>, source: Record<string, string | undefined> = process.env): Promise<Response> {
  const { BACKUP_TOKEN } = parseEnv(ZBackupEnv, source);
  const refusal = backupRefusal(req, BACKUP_TOKEN);
  if (refusal) {
    logEvent("warn", "backup_refused", { reason: refusal, peer: req.headers.get(PEER_HEADER) });
    return notFound();
  }
  const client = pgliteClientOf(await db());
  if (!client) {
    return new Response("This app runs on PostgreSQL: npm run backup takes a pg_dump of DATABASE_URL itself (docs/operations/backup.md).\n", {
      status: 409,
      headers: { ...NO_STORE, "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const started = performance.now();
  const dump = await dumpPglite(client);
  logEvent("info", "backup_served", { bytes: dump.length, ms: Math.round(performance.now() - started) });
  return new Response(dump as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      ...NO_STORE,
      "Content-Type": "application/gzip",
      "Content-Length": String(dump.length),
      "Content-Disposition": 'attachment; filename="pgdata.tar.gz"',
      "X-Tracemark-App": JSON.stringify(appInfo()),
    },
  });
}
