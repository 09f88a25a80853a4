"use client";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/root";
import { isErrorCode, type TErrorCode } from "@/domain/errors";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** The custom header that marks our own requests; mutations without it are refused (CSRF). */
const CSRF_HEADERS = { "x-tracemark-csrf": "1" } as const;

/** The application error code of any tRPC error (for `errors.<code>` in the catalogue). */
export function errorCode(error: unknown): TErrorCode {
  if (error instanceof TRPCClientError) {
    const code: unknown = (error.data as { appCode?: unknown } | undefined)?.appCode;
    if (isErrorCode(code)) return code;
    return "internal";
  }
  return "internal";
}

/** Field-level messages (catalogue keys) of a bad_input error, by field path. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (error instanceof TRPCClientError) {
    const f: unknown = (error.data as { fieldErrors?: unknown } | undefined)?.fieldErrors;
    if (f && typeof f === "object") return f as Record<string, string>;
  }
  return {};
}

function onAuthLost(error: unknown) {
  const code = errorCode(error);
  if ((code === "unauthenticated" || code === "session_expired" || code === "user_disabled") && location.pathname !== "/login") {
    location.assign(`/login?reason=${code}`);
  }
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({ onError: onAuthLost }),
        mutationCache: new MutationCache({ onError: onAuthLost }),
        defaultOptions: {
          // answers the server prefetched into the page (server/prefetch.tsx) arrive as superjson, like the API's
          hydrate: { deserializeData: (data): unknown => superjson.deserialize(data as Parameters<typeof superjson.deserialize>[0]) },
          queries: {
            staleTime: 30_000,
            retry: (count, error) => count < 2 && errorCode(error) === "internal",
          },
        },
      }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: "/api/trpc", transformer: superjson, headers: () => CSRF_HEADERS })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
