import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getDb } from "@/db";
import { isExpected } from "@/server/errors";
import { logEvent } from "@/server/log";
import { boundedRequest, tooLarge } from "@/server/http/body-limit";
import { appRouter } from "@/server/root";
import { createContext } from "@/server/trpc";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

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
