import { TRPCClientError, type TRPCClient } from "@trpc/client";
import type { AppRouter } from "@/server/root";
import { TransportError, type Transport, type TransportFailure } from "./engine";
import { toCached, type PullPage } from "./contract";

function failure(err: unknown): TransportError {
  if (err instanceof TRPCClientError) {
    const data = err.data as { httpStatus?: number; appCode?: string } | undefined;
    const status = data?.httpStatus;
    if (status === undefined) return new TransportError("network");
    const kind: TransportFailure =
      status === 401 ? "auth" : status === 403 ? "forbidden" : status === 429 ? "rate_limited" : status >= 500 ? "server" : "bad_request";
    return new TransportError(kind, data?.appCode);
  }
  return new TransportError("network");
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw failure(err);
  }
}

/**
 * A request that neither answers nor fails (a connection dropped mid-flight as a phone changes network) would hold
 * the device's send lock for ever: each call gives up after a while and counts as a network failure (back-off, retry).
 */
const PULL_TIMEOUT_MS = 30_000;
const PUSH_TIMEOUT_MS = 90_000;
const timeout = (ms: number) => ({ signal: AbortSignal.timeout(ms) });

/** The engine's network: the app's own tRPC client (same cookie, same CSRF header). */
export function trpcTransport(client: TRPCClient<AppRouter>): Transport {
  return {
    register: (input) => call(() => client.sync.registerDevice.mutate(input, timeout(PULL_TIMEOUT_MS))),
    push: (input) => call(() => client.sync.push.mutate(input, timeout(PUSH_TIMEOUT_MS))),
    pull: (input) =>
      call(async () => {
        const page = await client.sync.pull.mutate(input, timeout(PULL_TIMEOUT_MS));
        // every feed's rows, and the rejections, as the phone keeps them (./contract.ts toCached)
        const cached = Object.fromEntries(
          Object.entries(page).map(([key, value]) => [key, Array.isArray(value) ? value.map((row: object) => toCached(row)) : value]),
        );
        return cached as PullPage;
      }),
  };
}
