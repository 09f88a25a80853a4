import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/**
 * The request a piece of server code runs for: its id (on every log line, server/log.ts) and, once the session is
 * read, its user. Kept in AsyncLocalStorage so that code far from the handler (a push's poison rule, a job sent by a
 * request) logs the id without passing it down. No import from the app here: server/log.ts depends on this file.
 */
export interface RequestContext {
  requestId: string;
  userId?: string;
}

export const REQUEST_ID_HEADER = "x-request-id";

const WELL_FORMED = /^[A-Za-z0-9._-]{1,64}$/;

const holder = globalThis as unknown as { __tracemarkRequests?: AsyncLocalStorage<RequestContext> };
// why globalThis: a second copy of this module (Next.js route bundles) must see the same storage as server/log.ts
const storage = (holder.__tracemarkRequests ??= new AsyncLocalStorage<RequestContext>());

/**
 * The id of a request: the caller's `x-request-id` (a proxy's or the phone's) when it is well-formed (≤ 64 of
 * [A-Za-z0-9._-]), else a new one. why check: the id goes into every log line and a response header verbatim.
 */
export function requestIdOf(headers: Headers): string {
  const given = headers.get(REQUEST_ID_HEADER);
  return given !== null && WELL_FORMED.test(given) ? given : randomUUID();
}

/** Runs `fn` as part of request `ctx` (its logs carry the id). */
export function runInRequest<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}
