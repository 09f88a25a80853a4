import "server-only";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";

/**
 * Pushes per user per minute, counted in the database (shared by every app process). A phone sends one batch
 * per round trip, so the default (PUSH_MAX_PER_MINUTE, 1,200) only stops a runaway or hostile client; the
 * engine backs off on the 429 and loses nothing.
 */
const byDb = new WeakMap<Db, RateLimiterDrizzle>();

export async function assertPushAllowed(db: Db, userId: string, points = env().PUSH_MAX_PER_MINUTE): Promise<void> {
  let limiter = byDb.get(db);
  if (!limiter || limiter.points !== points) {
    limiter = new RateLimiterDrizzle({ storeClient: db, schema: rateLimits, keyPrefix: "push_user", points, duration: 60 });
    byDb.set(db, limiter);
  }
  try {
    await limiter.consume(userId);
  } catch (err) {
    if (err instanceof RateLimiterRes) throw new AppError("rate_limited", { retryAfterSeconds: Math.ceil(err.msBeforeNext / 1000) });
    throw err;
  }
}
