import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { maySeeHoldingsOf } from "@/domain/instruments/roles";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { holdingsOf } from "./reminders";

/** `instruments.holdings`: what a person holds, for a viewer allowed to see it (another department's: not_found). */
export async function holdingsFor({ db, viewer, userId }: { db: Db; viewer: SessionUser; userId: string }) {
  const [person] = await db.select({ department: users.department }).from(users).where(eq(users.id, userId));
  if (!person || !maySeeHoldingsOf(viewer, person)) throw new AppError("not_found");
  return holdingsOf(db, userId);
}

/**
 * Procedure 4: a holder who transfers (department change), is disabled, or takes a role that may not hold
 * instruments must first return or hand over every instrument (domain changeNeedsEmptyHands says when). Call it
 * with the user row locked FOR UPDATE: a borrow in flight holds that row shared, so it finishes first and is
 * counted here. The error lists what is held, for the office screen.
 */
export async function assertHoldsNothing(tx: Db, userId: string): Promise<void> {
  const held = await holdingsOf(tx, userId);
  if (held.length === 0) return;
  throw new AppError("holds_instruments", {
    count: held.length,
    instruments: held.map((h) => ({ id: h.instrumentId, assetTag: h.assetTag, name: h.name, loanId: h.loanId, dueOn: h.dueOn })),
  });
}
