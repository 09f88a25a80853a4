import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { TDepartment, TRole } from "@/domain/auth/roles";
import { changeNeedsEmptyHands } from "@/domain/instruments/handover";
import { changeNeedsNewKeeper, checkKeeperMayLeave } from "@/domain/instruments/keeper";
import { maySeeHoldingsOf } from "@/domain/instruments/roles";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { ruleViolation } from "./facts";
import { holdingsOf, keptBy } from "./reminders";

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

/**
 * Procedure 4 for a change to a person (users.update, users.setActive): `after` null = disabled. Whoever holds
 * instruments returns or hands them over first (holds_instruments); a named keeper (专人) waits until another keeper is
 * named for what they keep (rule_violation keeper_required, listing it). Call it with the user row locked FOR UPDATE.
 */
export async function assertMayChangePerson(
  tx: Db,
  before: { id: string; role: TRole; department: TDepartment },
  after: { role: TRole; department: TDepartment } | null,
): Promise<void> {
  if (changeNeedsEmptyHands(before, after)) await assertHoldsNothing(tx, before.id);
  if (!changeNeedsNewKeeper(before, after)) return;
  const kept = await keptBy(tx, before.id);
  const check = checkKeeperMayLeave(kept.map((k) => ({ id: k.instrumentId })));
  if (!check.ok)
    throw ruleViolation(check.code, {
      count: kept.length,
      kept: kept.map((k) => ({ id: k.instrumentId, assetTag: k.assetTag, name: k.name, category: k.category })),
    });
}
