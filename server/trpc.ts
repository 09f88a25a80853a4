import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Db } from "@/db/client";
import type { TRole } from "@/domain/auth/roles";
import { isErrorCode, type TErrorCode } from "@/domain/errors";
import { inputProblem } from "@/domain/text/input";
import { customerModeAllowsProcedure } from "@/domain/work-orders/customer-mode";
import { validateSession, type ValidSession, SESSION_COOKIE } from "./auth/session";
import { env } from "./env";
import { AppError, toTRPCError } from "./errors";
import { assertExpensiveAllowed, type TExpensiveKind } from "./http/expensive";
import { clientOrigin, PEER_HEADER, PEER_PROTO_HEADER } from "./http/proxy";
import { logEvent } from "./log";
import { currentRequest, requestIdOf } from "./observability/request-context";

// ── 1. Context ────────────────────────────────────────────────────────────────────────────────
export interface RequestInfo {
  ip: string;
  userAgent: string | null;
  /** The request came over https (cookies get Secure). */
  secure: boolean;
  /** Custom header present and Origin is ours: mutations are allowed. */
  csrfOk: boolean;
}

export interface Context {
  db: Db;
  session: ValidSession | null;
  sessionProblem: "missing" | "expired" | "disabled" | null;
  req: RequestInfo;
  /** Response headers (Set-Cookie); the route handler sends them. */
  resHeaders: Headers;
  /** The request's id (x-request-id, server/observability/request-context.ts): on its log lines and its answer. */
  requestId: string;
}

/** The custom header every mutation must carry; a cross-site form or beacon cannot set it. */
export const CSRF_HEADER = "x-tracemark-csrf";

function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function requestInfo(req: Request): RequestInfo {
  const e = env();
  const url = new URL(req.url);
  const h = req.headers;
  // Who is the client (server/http/proxy.ts, ADR 0024): the connection's peer, which Next writes into a header
  // no client can set (scripts/patch-next.mjs); X-Forwarded-* count only when that peer is a listed proxy.
  const origin0 = clientOrigin(h, e.TRUST_PROXY);
  const first = (name: string) => h.get(name)?.split(",")[0]?.trim() || undefined;
  const peerProto = h.get(PEER_PROTO_HEADER) === "https" ? "https" : h.has(PEER_HEADER) ? "http" : undefined;
  const proto = (origin0.viaTrustedProxy ? first("x-forwarded-proto") : undefined) ?? peerProto ?? url.protocol.replace(":", "");
  const host = (origin0.viaTrustedProxy ? first("x-forwarded-host") : undefined) ?? h.get("host") ?? url.host;
  // why not url.origin: Next builds the URL's scheme from X-Forwarded-Proto, whoever sent it.
  const allowed = new Set([
    `${proto}://${host}`,
    ...e.ALLOWED_ORIGINS.split(",")
      .map((o) => o.trim())
      .filter(Boolean),
  ]);
  const origin = h.get("origin");
  const csrfOk = h.get(CSRF_HEADER) === "1" && origin !== null && allowed.has(origin);
  const secure = e.COOKIE_SECURE === "always" || (e.COOKIE_SECURE === "auto" && proto === "https");
  return { ip: origin0.ip, userAgent: h.get("user-agent"), secure, csrfOk };
}

export async function createContext(opts: { db: Db; req: Request; resHeaders: Headers }): Promise<Context> {
  const token = readCookie(opts.req.headers.get("cookie"), SESSION_COOKIE);
  const check = await validateSession(opts.db, token);
  // the request being served (server/http/trpc-handler.ts) learns its user here, for its one log line
  const current = currentRequest();
  if (current && check.ok) current.userId = check.session.user.id;
  return {
    db: opts.db,
    session: check.ok ? check.session : null,
    sessionProblem: check.ok ? null : token ? check.reason : "missing",
    req: requestInfo(opts.req),
    resHeaders: opts.resHeaders,
    requestId: current?.requestId ?? requestIdOf(opts.req.headers),
  };
}

// ── 2. Initialisation and error shape ─────────────────────────────────────────────────────────
/** Every procedure declares who may call it: "public" or a list of roles. A procedure without it is refused. */
export interface Meta {
  roles: "public" | readonly TRole[];
  /**
   * Top-level input fields that carry a whole file as text (e.g. a CSV), which the procedure reads with its own,
   * stricter rules and never stores as typed: the input backstop bounds their size but leaves their characters to
   * the file parser, so that a binary file gets the parser's precise answer (e.g. "not_text").
   */
  files?: readonly string[];
}

const CODE_FROM_TRPC: Partial<Record<TRPCError["code"], TErrorCode>> = {
  UNAUTHORIZED: "unauthenticated",
  FORBIDDEN: "forbidden",
  NOT_FOUND: "not_found",
  BAD_REQUEST: "bad_input",
  PARSE_ERROR: "bad_input",
  TOO_MANY_REQUESTS: "rate_limited",
  CONFLICT: "conflict",
  UNSUPPORTED_MEDIA_TYPE: "unsupported_media_type",
  METHOD_NOT_SUPPORTED: "method_not_allowed",
};

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const appCode: TErrorCode =
        cause instanceof AppError ? cause.code : isErrorCode(error.message) ? error.message : (CODE_FROM_TRPC[error.code] ?? "internal");
      // zod messages are catalogue keys (e.g. "validation.passwordLength"); the client translates them.
      // A refusal by the input backstop names its field the same way (validation.text.<reason>).
      const fieldErrors =
        cause instanceof ZodError
          ? Object.fromEntries(cause.issues.map((i) => [i.path.join(".") || "_", i.message]))
          : cause instanceof AppError && cause.code === "bad_input" && typeof cause.details?.field === "string" && typeof cause.details.reason === "string"
            ? { [cause.details.field || "_"]: `validation.text.${cause.details.reason}` }
            : undefined;
      return {
        ...shape,
        message: appCode === "internal" ? "internal" : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          appCode,
          details: cause instanceof AppError ? (cause.details ?? null) : null,
          fieldErrors: fieldErrors ?? null,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

// ── 3. Middleware: application errors, CSRF, authorisation ─────────────────────────────────────
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) throw toTRPCError(result.error.cause);
  return result;
});

const csrf = t.middleware(async ({ ctx, type, path, next }) => {
  if (type === "mutation" && !ctx.req.csrfOk) {
    logEvent("warn", "security.csrf_rejected", { path, ip: ctx.req.ip });
    throw new AppError("csrf_rejected");
  }
  return next();
});

const authorise = t.middleware(async ({ ctx, meta, path, next }) => {
  const roles = meta?.roles;
  if (roles === "public") return next({ ctx: { ...ctx, session: ctx.session } });
  if (!ctx.session) {
    logEvent("warn", "security.unauthenticated", { path, ip: ctx.req.ip, reason: ctx.sessionProblem });
    throw new AppError(ctx.sessionProblem === "expired" ? "session_expired" : ctx.sessionProblem === "disabled" ? "user_disabled" : "unauthenticated");
  }
  const { user } = ctx.session;
  if (!roles || !roles.includes(user.role)) {
    logEvent("warn", "security.forbidden", { path, userId: user.id, role: user.role, ip: ctx.req.ip });
    throw new AppError("forbidden");
  }
  // Customer mode (domain/work-orders/customer-mode.ts): the phone is in a customer's hands; only the allow-list
  // passes (sync.push then takes only that customer's signature or refusal, server/sync/push.ts).
  if (ctx.session.customerWorkOrderId && !customerModeAllowsProcedure(path)) {
    logEvent("warn", "security.customer_mode", { path, userId: user.id, workOrderId: ctx.session.customerWorkOrderId, ip: ctx.req.ip });
    throw new AppError("customer_mode");
  }
  return next({ ctx: { ...ctx, session: ctx.session } });
});

/**
 * The input backstop (domain/text/input.ts) before any schema: nesting bounded, no NUL or lone surrogate anywhere,
 * refused as bad_input naming the field. `sync.push` checks each mutation itself (server/sync/push.ts): one bad
 * mutation is rejected alone there, so it can never refuse the whole batch and jam a phone's queue.
 */
const inputGuard = t.middleware(async ({ path, meta, getRawInput, next }) => {
  if (path !== "sync.push") {
    const raw = await getRawInput();
    const files = meta?.files ?? [];
    const checked =
      files.length > 0 && raw && typeof raw === "object" && !Array.isArray(raw)
        ? Object.fromEntries(Object.entries(raw).filter(([k]) => !files.includes(k)))
        : raw;
    const problem = inputProblem(checked);
    if (problem) throw new AppError("bad_input", { field: problem.field, reason: problem.reason });
  }
  return next();
});

// ── 4. Procedures ─────────────────────────────────────────────────────────────────────────────
const base = t.procedure.use(appErrors).use(csrf).use(inputGuard);

/** Open to anyone (login, health). */
export const publicProcedure = base.meta({ roles: "public" }).use(authorise);

/** Only for signed-in users whose role is listed. */
export function roleProcedure(roles: readonly TRole[]) {
  return base
    .meta({ roles })
    .use(authorise)
    .use(({ ctx, next }) => {
      // authorise has refused every call without a session; this narrows the type for handlers.
      if (!ctx.session) throw new AppError("unauthenticated");
      return next({ ctx: { ...ctx, session: ctx.session } });
    });
}

/**
 * Per-user rate limit of an expensive procedure (server/http/expensive.ts): use it after roleProcedure and before
 * .input(), so that every call counts, bad input included, before any parsing or work.
 */
export function rateLimit(kind: TExpensiveKind) {
  return t.middleware(async ({ ctx, next }) => {
    if (ctx.session) await assertExpensiveAllowed(ctx.db, kind, ctx.session.user.id);
    return next();
  });
}
