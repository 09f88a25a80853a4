import "server-only";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Db } from "@/db/client";
import { MAX_DOCUMENT_BYTES } from "@/domain/property/model";
import { isExpected } from "@/server/errors";
import { logEvent } from "@/server/log";
import { observeHttp } from "@/server/observability/http";
import { appRouter } from "@/server/root";
import { createContext } from "@/server/trpc";
import { boundedRequest, MAX_BODY_BYTES, tooLarge } from "./body-limit";

/**
 * A case's document (works.addDocument) is up to 8 MB decoded (ADR 0039), about 10.7 MB as base64 in JSON: its
 * request alone gets that much room, every other call keeps the usual limit.
 */
const DOCUMENT_BODY_BYTES = Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 64 * 1024;
const bodyLimit = (req: Request) =>
  new URL(req.url).pathname === "/api/trpc/works.addDocument" ? Math.max(MAX_BODY_BYTES, DOCUMENT_BODY_BYTES) : MAX_BODY_BYTES;

/**
 * The procedure a request calls, as a metric label from a fixed set: its name when it is one of the router's, "(batch)"
 * for several known ones in one request (httpBatchLink), "(unknown)" otherwise (a made-up path must not add a series).
 */
export function routeLabel(url: string): string {
  let names: string[];
  try {
    names = decodeURIComponent(new URL(url).pathname.replace(/^\/api\/trpc\/?/, "")).split(",");
  } catch {
    return "(unknown)"; // a malformed %-escape
  }
  const procedures = appRouter._def.procedures as Record<string, unknown>;
  if (!names.every((n) => Object.hasOwn(procedures, n))) return "(unknown)";
  return names.length === 1 ? names[0]! : "(batch)";
}

/**
 * The whole of /api/trpc (app/api/trpc/[trpc]/route.ts): a request id and one log line (server/observability/http.ts),
 * the body limit, then tRPC's fetch adapter.
 */
export async function handleTrpc(db: Db, incoming: Request): Promise<Response> {
  return observeHttp(incoming, routeLabel(incoming.url), () => serveTrpc(db, incoming));
}

async function serveTrpc(db: Db, incoming: Request): Promise<Response> {
  const req = await boundedRequest(incoming, bodyLimit(incoming));
  if (!req) return tooLarge();
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
