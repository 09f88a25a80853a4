import "server-only";
import { createTranslator } from "next-intl";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { isLocale, LOCALE_COOKIE, negotiateLocale } from "@/domain/i18n/locales";
import { CATALOGUES } from "@/messages/catalogue";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";

/**
 * Per-user limits on the procedures that cost the server seconds of work (issue 11): CSV imports, PDFs, the audit
 * verification. Counted in the database like the login limits (rate-limiter-flexible's RateLimiterDrizzle), so
 * every app process shares them. Each call counts when it starts, whether it then succeeds or not: the work (or
 * the attempt to make the server do it) is what is limited.
 */
export type TExpensiveKind = "import" | "pdf" | "audit_verify";

function pointsOf(kind: TExpensiveKind): number {
  const e = env();
  if (kind === "import") return e.IMPORT_MAX_PER_MINUTE;
  if (kind === "pdf") return e.PDF_MAX_PER_MINUTE;
  return e.AUDIT_VERIFY_MAX_PER_MINUTE;
}

const byDb = new WeakMap<Db, Map<TExpensiveKind, RateLimiterDrizzle>>();

function limiter(db: Db, kind: TExpensiveKind): RateLimiterDrizzle {
  let kinds = byDb.get(db);
  if (!kinds) byDb.set(db, (kinds = new Map<TExpensiveKind, RateLimiterDrizzle>()));
  const points = pointsOf(kind);
  let l = kinds.get(kind);
  if (!l || l.points !== points) {
    l = new RateLimiterDrizzle({ storeClient: db, schema: rateLimits, keyPrefix: `expensive_${kind}`, points, duration: 60 });
    kinds.set(kind, l);
  }
  return l;
}

/** Counts one call of `kind` by this user; throws rate_limited (details.retryAfterSeconds) when the minute's are spent. */
export async function assertExpensiveAllowed(db: Db, kind: TExpensiveKind, userId: string): Promise<void> {
  try {
    await limiter(db, kind).consume(userId);
  } catch (err) {
    if (err instanceof RateLimiterRes) throw new AppError("rate_limited", { retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)), kind });
    throw err;
  }
}

function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The 429 of a plain (non-tRPC) route: Retry-After in seconds, and the catalogue's message in the user's language
 * (the locale cookie, else Accept-Language) as the body.
 */
export function tooManyRequests(req: Request, retryAfterSeconds: number): Response {
  const chosen = readCookie(req.headers.get("cookie"), LOCALE_COOKIE);
  const locale = isLocale(chosen) ? chosen : negotiateLocale(req.headers.get("accept-language"));
  const t = createTranslator({ locale, messages: CATALOGUES[locale] as never, namespace: "errors" as never });
  const text = (t as unknown as (key: string, values: Record<string, number>) => string)("rate_limited", {
    minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)),
  });
  return new Response(text, {
    status: 429,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Retry-After": String(retryAfterSeconds),
    },
  });
}
