import "server-only";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";

/**
 * Login brute-force protection, counted in the database (so every app process shares it):
 * failures per username (from any address), per client IP (server/http/proxy.ts: the connection's address, or the
 * right-most untrusted hop behind a listed proxy), and from all addresses together per minute (a backstop that no
 * choice of address gets round: an attacker with many real addresses still meets it); a success clears the
 * username's counter. A locked username stays locked for LOGIN_LOCK_MINUTES (docs/decisions/0002, 0024).
 */
interface LoginLimiters {
  perUser: RateLimiterDrizzle;
  perIp: RateLimiterDrizzle;
  global: RateLimiterDrizzle;
  /** The settings they were made with (tests change them). */
  config: string;
}

const byDb = new WeakMap<Db, LoginLimiters>();
/** The global counter's one key. */
const ALL = "all";

function limiters(db: Db): LoginLimiters {
  const e = env();
  const config = [e.LOGIN_LOCK_MINUTES, e.LOGIN_MAX_FAILURES_PER_USER, e.LOGIN_MAX_FAILURES_PER_IP, e.LOGIN_MAX_FAILURES_GLOBAL_PER_MINUTE].join();
  let l = byDb.get(db);
  if (!l || l.config !== config) {
    const duration = e.LOGIN_LOCK_MINUTES * 60;
    l = {
      config,
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
      global: new RateLimiterDrizzle({
        storeClient: db,
        schema: rateLimits,
        keyPrefix: "login_global",
        points: e.LOGIN_MAX_FAILURES_GLOBAL_PER_MINUTE,
        duration: 60,
      }),
    };
    byDb.set(db, l);
  }
  return l;
}

const userKey = (username: string, _ip: string) => username;

/**
 * The per-address counter's key: an IPv4 address as it is, an IPv6 address by its /64 (one host or home network
 * holds a whole /64, so counting single IPv6 addresses would give it millions of allowances).
 */
export function addressKey(ip: string): string {
  if (!ip.includes(":") || /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip)) return ip.replace(/^::ffff:/i, "");
  const [head = "", tail = ""] = ip.toLowerCase().split("%")[0]!.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

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
  ip = addressKey(ip);
  const [u, i, g] = await Promise.all([take(l.perUser, key), take(l.perIp, ip), take(l.global, ALL)]);
  if (!u && !i && !g) return;
  // A refused attempt checks no password: it costs nothing on the counters that did not refuse it.
  if (!u) await l.perUser.reward(key);
  if (!i) await l.perIp.reward(ip);
  if (!g) await l.global.reward(ALL);
  const blocked = [u, i, g].filter((r): r is RateLimiterRes => r !== null);
  const retryAfterSeconds = Math.ceil(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000);
  throw new AppError("rate_limited", { retryAfterSeconds });
}

/** Gives back an attempt reserved by reserveLoginAttempt that was not a wrong password (e.g. a disabled user). */
export async function refundLoginAttempt(db: Db, username: string, ip: string): Promise<void> {
  const l = limiters(db);
  await Promise.all([l.perUser.reward(userKey(username, ip)), l.perIp.reward(addressKey(ip)), l.global.reward(ALL)]);
}

/** A success clears the username's counter and does not count against the address or the global counter. */
export async function recordLoginSuccess(db: Db, username: string, ip: string): Promise<void> {
  const l = limiters(db);
  await Promise.all([l.perUser.delete(userKey(username, ip)), l.perIp.reward(addressKey(ip)), l.global.reward(ALL)]);
}
