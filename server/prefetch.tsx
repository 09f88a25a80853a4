import "server-only";
import { dehydrate, HydrationBoundary, QueryClient, type QueryKey } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import superjson from "superjson";
import { getDb } from "@/db";
import { appRouter } from "./root";
import { createContext } from "./trpc";

type Proxy = ReturnType<typeof createTRPCOptionsProxy<typeof appRouter>>;
type Prefetchable = { queryKey: QueryKey; queryFn?: unknown };

/**
 * Screens whose first content is a tRPC query (an office list, the approvals) get it in the HTML: the server runs
 * the same procedures the client would ask for (same session, same authorisation), and the client's react-query
 * starts from that answer instead of fetching it after hydration. The page's largest text is then painted with the
 * first paint rather than after every script has loaded and run (ADR 0023). A query that fails here is left out and
 * the client asks for it as before; these screens need the network anyway (they are not read from the phone's cache).
 */
export async function Prefetched({ queries, children }: { queries: (trpc: Proxy) => Prefetchable[]; children: ReactNode }) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 30_000 } } });
  const db = await getDb();
  const req = new Request("http://server.internal/", { headers: new Headers(await headers()) });
  const trpc = createTRPCOptionsProxy({ router: appRouter, queryClient, ctx: () => createContext({ db, req, resHeaders: new Headers() }) });
  // a refused or failed query is swallowed (as prefetchQuery did, now deprecated): it is simply not in the dehydrated state
  await Promise.all(queries(trpc).map((q) => queryClient.query(q as Parameters<QueryClient["query"]>[0]).catch(() => undefined)));
  const state = dehydrate(queryClient, { serializeData: (data: unknown) => superjson.serialize(data) });
  return <HydrationBoundary state={state}>{children}</HydrationBoundary>;
}
