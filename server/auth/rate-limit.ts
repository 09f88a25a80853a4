import "server-only";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";

/**
 * Login brute-force protection, counted in the database (so every app process shares it):
 * failures per username (from any address) and per client IP; a success clears the username's counter.
 * A locked username stays locked for LOGIN_LOCK_MINUTES (documented in docs/decisions/0002).
 */
interface LoginLimiters {
  perUser: RateLimiterDrizzle;
  perIp: RateLimiterDrizzle;
}

const byDb = new WeakMap<Db, LoginLimiters>();

function limiters(db: Db): LoginLimiters {
  let l = byDb.get(db);
  if (!l) {
    const e = env();
    const duration = e.LOGIN_LOCK_MINUTES * 60;
    l = {
      perUser: new RateLimiterDrizzle({
        storeClient: db,
        schema: rateLimits,
        keyPrefix: "login_user",
        points: e.LOGIN_MAX_FAILURES_PER_USER,
        duration,
      }),
      perIp: new RateLimiterDrizzle({
        storeClient: db,
        schema: rateLimits,
        keyPrefix: "login_ip",
        points: e.LOGIN_MAX_FAILURES_PER_IP,
        duration,
      }),
    };
    byDb.set(db, l);
  }
  return l;
}

const userKey = (username: string, _ip: string) => username;

/** Throws rate_limited (with seconds to wait) when either counter is exhausted. */
export async function assertLoginAllowed(db: Db, username: string, ip: string): Promise<void> {
  const l = limiters(db);
  const [u, i] = await Promise.all([l.perUser.get(userKey(username, ip)), l.perIp.get(ip)]);
  const e = env();
  const blocked = [
    u && u.consumedPoints >= e.LOGIN_MAX_FAILURES_PER_USER ? u : null,
    i && i.consumedPoints >= e.LOGIN_MAX_FAILURES_PER_IP ? i : null,
  ].filter((r): r is RateLimiterRes => r !== null);
  if (blocked.length > 0) {
    const retryAfterSeconds = Math.ceil(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000);
    throw new AppError("rate_limited", { retryAfterSeconds });
  }
}

export async function recordLoginFailure(db: Db, username: string, ip: string): Promise<void> {
  const l = limiters(db);
  // why the catch: consume() rejects (by design) once points run out; the counter is still written.
  await Promise.all([
    l.perUser.consume(userKey(username, ip)).catch(() => undefined),
    l.perIp.consume(ip).catch(() => undefined),
  ]);
}

export async function recordLoginSuccess(db: Db, username: string, ip: string): Promise<void> {
  await limiters(db).perUser.delete(userKey(username, ip));
}
