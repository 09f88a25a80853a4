import type { Db } from "@/db/client";
import { createCaller } from "@/server/root";
import { CSRF_HEADER, createContext, type Context } from "@/server/trpc";
import { SESSION_COOKIE, type SessionUser } from "@/server/auth/session";
import { PEER_HEADER } from "@/server/http/proxy";

export type Caller = ReturnType<typeof createCaller>;

/** The app's own origin in tests: requests go to http://localhost:3000, so this Origin passes the CSRF check. */
export const APP_ORIGIN = "http://localhost:3000";

export interface RequestOptions {
  /** Raw Cookie header, e.g. `tm_session=…`. */
  cookie?: string;
  /** Origin header; `null` sends none. Default: the app's own origin. */
  origin?: string | null;
  /** Send the custom CSRF header (`x-tracemark-csrf: 1`). Default true. */
  csrf?: boolean;
  /**
   * The connection's address, sent as x-tracemark-peer exactly as the patched Next.js writes it from the socket
   * (scripts/patch-next.mjs, server/http/proxy.ts); keeps the per-IP login counters of different tests apart.
   */
  ip?: string;
  userAgent?: string;
  /** Any other request headers as a client or proxy would send them (X-Forwarded-For, X-Forwarded-Proto…). */
  headers?: Record<string, string>;
}

/** A real Request as the route handler would see it, turned into a context by server/trpc.ts's createContext. */
export async function contextFor(db: Db, opts: RequestOptions = {}): Promise<Context> {
  const headers = new Headers({ "content-type": "application/json" });
  const origin = opts.origin === undefined ? APP_ORIGIN : opts.origin;
  if (origin !== null) headers.set("origin", origin);
  if (opts.csrf ?? true) headers.set(CSRF_HEADER, "1");
  if (opts.cookie) headers.set("cookie", opts.cookie);
  for (const [name, value] of Object.entries(opts.headers ?? {})) headers.set(name, value);
  if (opts.ip) headers.set(PEER_HEADER, opts.ip);
  if (opts.userAgent) headers.set("user-agent", opts.userAgent);
  const req = new Request(`${APP_ORIGIN}/api/trpc/x`, { method: "POST", headers });
  return createContext({ db, req, resHeaders: new Headers() });
}

/** A server-side caller of the whole router for one request with these headers. */
export async function callerFor(db: Db, opts: RequestOptions = {}): Promise<Caller> {
  return createCaller(await contextFor(db, opts));
}

export interface LoggedIn {
  caller: Caller;
  /** `tm_session=<token>`, ready for a Cookie header. */
  cookie: string;
  token: string;
  /** The Set-Cookie header login sent. */
  setCookie: string;
  user: SessionUser;
}

/** Signs in through auth.login (as the browser would) and returns a caller that carries the session cookie. */
export async function login(db: Db, username: string, password: string, opts: Omit<RequestOptions, "cookie"> = {}): Promise<LoggedIn> {
  const ctx = await contextFor(db, opts);
  const { user } = await createCaller(ctx).auth.login({ username, password });
  const setCookie = ctx.resHeaders.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!setCookie) throw new Error(`auth.login sent no ${SESSION_COOKIE} cookie`);
  const token = setCookie.slice(SESSION_COOKIE.length + 1).split(";")[0]!;
  const cookie = `${SESSION_COOKIE}=${token}`;
  return { caller: await callerFor(db, { ...opts, cookie }), cookie, token, setCookie, user };
}

/** An authenticated caller for this user. */
export async function loginAs(db: Db, username: string, password: string, opts: Omit<RequestOptions, "cookie"> = {}) {
  return (await login(db, username, password, opts)).caller;
}
