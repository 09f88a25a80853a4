import "server-only";
import { and, asc, eq, inArray, ne, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { instrumentHandovers, instrumentLoans, instruments, users } from "@/db/schema";
import { operatorToday } from "@/domain/time/operator";
import { noticesFor, type TNotice } from "@/domain/instruments/notices";
import { OUT_LOAN_STATUSES } from "@/domain/instruments/names";
import { isCustodian } from "@/domain/instruments/roles";
import type { SessionUser } from "@/server/auth/session";
import { actorOf, factsOf } from "./facts";
import { selectInstrumentRows } from "./feeds";

const giver = alias(users, "giver");

/**
 * The caller's reminders and flags, derived from state on read (no timers): loans due soon or overdue, permits
 * lapsed while out on loan, calibrations due (custodian and keepers), hand-overs offered to them.
 */
export async function noticesOf({ db, user, now = new Date() }: { db: Db; user: SessionUser; now?: Date }): Promise<TNotice[]> {
  const mine = isCustodian(user.role) ? undefined : or(eq(instruments.holderId, user.id), eq(instruments.keeperId, user.id));
  const [rows, offers] = await Promise.all([
    selectInstrumentRows(db).where(mine),
    db
      .select({ instrumentId: instrumentHandovers.instrumentId, fromName: giver.displayName })
      .from(instrumentHandovers)
      .leftJoin(giver, eq(giver.id, instrumentHandovers.fromUserId))
      .where(and(eq(instrumentHandovers.toUserId, user.id), eq(instrumentHandovers.status, "offered"))),
  ]);
  let offered = rows;
  if (offers.length > 0 && mine) {
    const ids = new Set(rows.map((r) => r.id));
    const extra = await Promise.all(
      offers.filter((o) => !ids.has(o.instrumentId)).map((o) => selectInstrumentRows(db).where(eq(instruments.id, o.instrumentId))),
    );
    offered = [...rows, ...extra.flat()];
  }
  return noticesFor({
    viewer: actorOf(user),
    instruments: offered.map((r) => ({ ...factsOf(r), assetTag: r.assetTag, name: r.name, holderName: r.holderName, returnRequested: r.returnRequested })),
    offersToViewer: offers,
    today: operatorToday(now),
  });
}

/** The custodian's lists: overdue and due-soon loans, permits lapsed on loan, calibrations due soon or overdue. */
export async function overdueLists({ db, user, now = new Date() }: { db: Db; user: SessionUser; now?: Date }) {
  const custodianView = { ...user, role: "instrument_custodian" as const };
  const all = await noticesOf({ db, user: custodianView, now });
  const of = (...kinds: TNotice["kind"][]) => all.filter((n) => kinds.includes(n.kind));
  return {
    today: operatorToday(now),
    overdue: of("loan_overdue"),
    dueSoon: of("loan_due_soon"),
    permitLapsedOnLoan: of("permit_lapsed_on_loan"),
    calibrationDueSoon: of("calibration_due_soon"),
    calibrationOverdue: of("calibration_overdue", "calibration_failed"),
  };
}

/**
 * What a person holds now (loans out, a return not yet confirmed by the custodian included): to return or hand over
 * at Technology Development before a transfer or being disabled.
 */
export function holdingsOf(db: Db, userId: string) {
  return db
    .select({
      instrumentId: instruments.id,
      assetTag: instruments.assetTag,
      name: instruments.name,
      model: instruments.model,
      loanId: instrumentLoans.id,
      term: instrumentLoans.term,
      borrowedOn: instrumentLoans.borrowedOn,
      dueOn: instrumentLoans.dueOn,
      status: instrumentLoans.status,
    })
    .from(instrumentLoans)
    .innerJoin(instruments, eq(instruments.id, instrumentLoans.instrumentId))
    .where(and(eq(instrumentLoans.borrowerId, userId), inArray(instrumentLoans.status, [...OUT_LOAN_STATUSES])))
    .orderBy(asc(instruments.assetTag));
}

/** The instruments (not scrapped) naming a person as their keeper: another keeper is named before they move or leave. */
export function keptBy(db: Db, userId: string) {
  return db
    .select({ instrumentId: instruments.id, assetTag: instruments.assetTag, name: instruments.name, category: instruments.category })
    .from(instruments)
    .where(and(eq(instruments.keeperId, userId), ne(instruments.status, "scrapped")))
    .orderBy(asc(instruments.assetTag));
}
