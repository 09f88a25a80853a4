import { TRPCClientError, type TRPCClient } from "@trpc/client";
import { TRPCError } from "@trpc/server";
import superjson from "superjson";
import type { Transport } from "@/client/sync/engine";
import { trpcTransport } from "@/client/sync/transport";
import type { AppRouter } from "@/server/root";
import type { Caller } from "./context";
import { errorShape } from "./errors";

/** One request to the server: which procedure, with what input. */
export type SyncProcedure = "registerDevice" | "push" | "pull";

/**
 * Delivers one request to the server and returns its answer as it travels (superjson on the wire), or throws a
 * TRPCClientError as the browser's tRPC client would: with the server's error shape (httpStatus, appCode), or
 * without data for a network failure.
 */
export type Deliver = (procedure: SyncProcedure, input: unknown) => Promise<unknown>;

/** Runs the call on a caller and turns what comes back into what a browser would receive. */
export async function overTheWire(caller: Caller, procedure: SyncProcedure, input: unknown): Promise<unknown> {
  // why superjson both ways: the real request and answer are serialised; the server must not share objects with
  // the client (and Dates arrive as Dates, as with the app's superjson transformer)
  const sent = superjson.parse(superjson.stringify(input));
  try {
    const answer = await (caller.sync[procedure] as (i: unknown) => Promise<unknown>)(sent);
    return superjson.parse(superjson.stringify(answer));
  } catch (err) {
    if (err instanceof TRPCError) throw serverError(err);
    throw err;
  }
}

/** A server answer that is an error, as the client receives it. */
export function serverError(err: TRPCError): TRPCClientError<AppRouter> {
  const shape = errorShape(err);
  // the server's own error rides along as the cause (a browser would not see it; tests use it to tell failures apart)
  return TRPCClientError.from<AppRouter>({ error: shape }, { cause: err });
}

/** An answer with this HTTP status and no body the client can read (a proxy's 500/429 page). */
export function httpError(httpStatus: number, appCode: string): TRPCClientError<AppRouter> {
  return TRPCClientError.from<AppRouter>({ error: { code: -32603, message: appCode, data: { httpStatus, appCode } } });
}

/** The connection broke: no answer at all. */
export function networkError(): TRPCClientError<AppRouter> {
  return new TRPCClientError("fetch failed", { cause: new TypeError("fetch failed") });
}

/**
 * The app's real transport (client/sync/transport.ts: error classification, pull page mapping) over `deliver`
 * instead of HTTP.
 */
export function transportOver(deliver: Deliver): Transport {
  const client = {
    sync: {
      registerDevice: { mutate: (input: unknown) => deliver("registerDevice", input) },
      push: { mutate: (input: unknown) => deliver("push", input) },
      pull: { mutate: (input: unknown) => deliver("pull", input) },
    },
  };
  return trpcTransport(client as unknown as TRPCClient<AppRouter>);
}

/** The simplest transport: every request reaches this caller (a tRPC caller is itself a function: no factory here). */
export function callerTransport(caller: Caller): Transport {
  return transportOver((procedure, input) => overTheWire(caller, procedure, input));
}
