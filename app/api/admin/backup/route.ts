import { getDb } from "@/db";
import { backupResponse } from "@/server/backup/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The running app's PGlite copy for `npm run backup -- --url …`: loopback and BACKUP_TOKEN only (server/backup/http.ts). */
export async function POST(req: Request): Promise<Response> {
  return backupResponse(req, getDb);
}
