import "server-only";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Db } from "@/db/client";
import { isExpected } from "@/server/errors";
import { logEvent } from "@/server/log";
import { appRouter } from "@/server/root";
import { createContext } from "@/server/trpc";
import { boundedRequest, tooLarge } from "./body-limit";

/** The whole of /api/trpc (app/api/trpc/[trpc]/route.ts): the body limit, then tRPC's fetch adapter. */
export async function handleTrpc(db: Db, incoming: Request): Promise<Response> {
  const req = await boundedRequest(incoming);
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
