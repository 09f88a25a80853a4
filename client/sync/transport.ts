import { TRPCClientError, type TRPCClient } from "@trpc/client";
import type { AppRouter } from "@/server/root";
import { TransportError, type Transport, type TransportFailure } from "./engine";
import type { PullPage } from "./types";

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
        return {
          ...page,
          items: page.items.map(({ txid: _t, updatedBy: _u, ...i }) => ({ ...i, updatedAt: i.updatedAt.toISOString() })),
          zones: page.zones.map(({ txid: _t, ...z }) => z),
          events: page.events.map(({ txid: _t, ...e }) => ({
            ...e,
            clientTime: e.clientTime?.toISOString() ?? null,
            serverTime: e.serverTime.toISOString(),
          })),
          workOrders: page.workOrders.map(({ txid: _t, ...w }) => ({ ...w, dueAt: w.dueAt?.toISOString() ?? null })),
          licenses: page.licenses?.map(({ txid: _t, ...l }) => ({ ...l, updatedAt: l.updatedAt.toISOString() })),
          licenseImports: page.licenseImports?.map(({ txid: _t, ...i }) => ({ ...i, importedAt: i.importedAt.toISOString() })),
          equipmentChecks: page.equipmentChecks?.map(({ txid: _t, ...c }) => ({ ...c, clientTime: c.clientTime?.toISOString() ?? null, serverTime: c.serverTime.toISOString() })),
          signoffs: page.signoffs?.map(({ txid: _t, ...s }) => ({ ...s, clientTime: s.clientTime?.toISOString() ?? null, serverTime: s.serverTime.toISOString() })),
          workOrderEvents: page.workOrderEvents?.map(({ txid: _t, ...e }) => ({ ...e, clientTime: e.clientTime?.toISOString() ?? null, serverTime: e.serverTime.toISOString() })),
          instruments: page.instruments?.map(({ txid: _t, ...i }) => ({ ...i, updatedAt: i.updatedAt.toISOString() })),
          instrumentLoans: page.instrumentLoans?.map(({ txid: _t, ...l }) => ({
            ...l,
            requestedAt: l.requestedAt.toISOString(),
            decidedAt: l.decidedAt?.toISOString() ?? null,
            updatedAt: l.updatedAt.toISOString(),
          })),
          instrumentHandovers: page.instrumentHandovers?.map(({ txid: _t, ...h }) => ({ ...h, offeredAt: h.offeredAt.toISOString(), answeredAt: h.answeredAt?.toISOString() ?? null })),
          withdrawnWorkOrders: page.withdrawnWorkOrders?.map((w) => w.workOrderId),
          rejections: page.rejections.map((r) => ({ ...r, at: r.at.toISOString() })),
        } satisfies PullPage;
      }),
  };
}
