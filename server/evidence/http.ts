import "server-only";
import type { Db } from "@/db/client";
import { createContext } from "@/server/trpc";
import { readableEvidence } from "./access";

/** Headers every answer carries: never sniffed into something executable, never framed, nothing else loaded. */
const SAFE = { "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; sandbox" } as const;

/**
 * GET /api/evidence/<sha256>: the image, to a signed-in user who may see it. A file's name is its content hash,
 * so its ETag never changes: the browser keeps the bytes privately but asks again every time (`no-cache`), so each
 * view is authorised — a phone shared by several users, or a user signed out, never shows a file from the HTTP
 * cache without the server's yes; the answer is then a body-less 304. 401 without a session; 404 for everything
 * else refused (no telling a file that exists from one that does not).
 */
export async function evidenceResponse(db: Db, req: Request, sha256: string): Promise<Response> {
  const ctx = await createContext({ db, req, resHeaders: new Headers() });
  if (!ctx.session) return new Response("Unauthorized", { status: 401, headers: { ...SAFE, "Cache-Control": "no-store" } });
  const file = await readableEvidence({ db, user: ctx.session.user, sha256, customerWorkOrderId: ctx.session.customerWorkOrderId });
  if (!file) return new Response("Not found", { status: 404, headers: { ...SAFE, "Cache-Control": "no-store" } });
  const headers = {
    ...SAFE,
    "Content-Type": file.mime,
    "Cache-Control": "private, no-cache",
    ETag: `"${file.sha256}"`,
    "Content-Disposition": `inline; filename="${file.sha256.slice(0, 16)}.${file.mime.split("/")[1]}"`,
  };
  if (req.headers.get("if-none-match") === headers.ETag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(file.data), { status: 200, headers: { ...headers, "Content-Length": String(file.data.length) } });
}
