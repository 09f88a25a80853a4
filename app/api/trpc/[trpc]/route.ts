import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getDb } from "@/db";
import { isExpected } from "@/server/errors";
import { logEvent } from "@/server/log";
import { appRouter } from "@/server/root";
import { createContext } from "@/server/trpc";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The largest request body accepted, checked before tRPC parses anything: above the biggest legitimate body (a
 * 2 MB registry CSV as JSON, a push of one 1 MB mutation) with room for escaping.
 */
const MAX_BODY_BYTES = 6 * 1024 * 1024;

const tooLarge = () =>
  new Response(JSON.stringify({ error: { message: "Request body too large", code: "PAYLOAD_TOO_LARGE" } }), {
    status: 413,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });

/** The request with its body read under the limit (a missing or false Content-Length cannot get past it). */
async function boundedRequest(req: Request): Promise<Request | null> {
  if (req.method !== "POST" || !req.body) return req;
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) return null;
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) (body.set(c, offset), (offset += c.byteLength));
  return new Request(req.url, { method: req.method, headers: req.headers, body });
}

async function handler(incoming: Request) {
  const req = await boundedRequest(incoming);
  if (!req) return tooLarge();
  const db = await getDb();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createContext({ db, req, resHeaders }),
    onError({ error, path }) {
      if (isExpected(error.cause) || error.code !== "INTERNAL_SERVER_ERROR") return;
      logEvent("error", "trpc.internal", { path, message: error.message, cause: String(error.cause?.stack ?? error.cause) });
    },
    responseMeta() {
      return { headers: { "Cache-Control": "no-store" } };
    },
  });
}

export { handler as GET, handler as POST };
