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

/** consume() rejects with a RateLimiterRes once the points are spent, and with an Error when the store fails. */
async function take(limiter: RateLimiterDrizzle, key: string): Promise<RateLimiterRes | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (err) {
    if (err instanceof RateLimiterRes) return err;
    throw err;
  }
}

/**
 * Counts this attempt as a failure before the password is checked, and throws rate_limited (with seconds to wait)
 * when either counter was already spent. why count first: checking first and counting after the (slow) password
 * check let any number of parallel guesses pass the check. A success or a refusal for another reason gives the
 * attempt back (recordLoginSuccess, refundLoginAttempt).
 */
export async function reserveLoginAttempt(db: Db, username: string, ip: string): Promise<void> {
  const l = limiters(db);
  const key = userKey(username, ip);
  const [u, i] = await Promise.all([take(l.perUser, key), take(l.perIp, ip)]);
  if (!u && !i) return;
  // A refused attempt checks no password: it costs nothing on the counter that did not refuse it.
  if (!u) await l.perUser.reward(key);
  if (!i) await l.perIp.reward(ip);
  const blocked = [u, i].filter((r): r is RateLimiterRes => r !== null);
  const retryAfterSeconds = Math.ceil(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000);
  throw new AppError("rate_limited", { retryAfterSeconds });
}

/** Gives back an attempt reserved by reserveLoginAttempt that was not a wrong password (e.g. a disabled user). */
export async function refundLoginAttempt(db: Db, username: string, ip: string): Promise<void> {
  const l = limiters(db);
  await Promise.all([l.perUser.reward(userKey(username, ip)), l.perIp.reward(ip)]);
}

/** A success clears the username's counter and does not count against the address. */
export async function recordLoginSuccess(db: Db, username: string, ip: string): Promise<void> {
  const l = limiters(db);
  await Promise.all([l.perUser.delete(userKey(username, ip)), l.perIp.reward(ip)]);
}
