import "server-only";
import { and, asc, eq, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { instrumentHandovers, instrumentLoans, instrumentSettings, instruments, users } from "@/db/schema";
import { isCustodian, keepsInstrumentsOffline } from "@/domain/instruments/roles";
import { feed } from "@/server/sync/contract";

const holder = alias(users, "holder");
const keeper = alias(users, "keeper");
const decider = alias(users, "decider");
const giver = alias(users, "giver");
const receiver = alias(users, "receiver");
const borrower = alias(users, "borrower");

/** The register row a scan needs offline: holder, due day, calibration, permit facts, open fault (docs/instruments-api.md). */
export const instrumentRow = {
  id: instruments.id,
  assetTag: instruments.assetTag,
  name: instruments.name,
  model: instruments.model,
  serial: instruments.serial,
  kind: instruments.kind,
  category: instruments.category,
  department: instruments.department,
  keeperId: instruments.keeperId,
  keeperName: keeper.displayName,
  location: instruments.location,
  intakeDate: instruments.intakeDate,
  serviceLifeYears: instruments.serviceLifeYears,
  status: instruments.status,
  calibratedOn: instruments.calibratedOn,
  calibrationDue: instruments.calibrationDue,
  calibrationResult: instruments.calibrationResult,
  holderId: instruments.holderId,
  holderName: holder.displayName,
  loanId: instruments.loanId,
  loanTerm: instruments.loanTerm,
  loanDueOn: instruments.loanDueOn,
  faultOpen: instruments.faultOpen,
  scrapPending: instruments.scrapPending,
  manual: instruments.manual,
  accessories: instruments.accessories,
  missingAccessories: instruments.missingAccessories,
  returnRequested: instruments.returnRequested,
  version: instruments.version,
  updatedAt: instruments.updatedAt,
};

/** Register rows with the holder's and keeper's names (for the feed and the office lists). */
export function selectInstrumentRows(tx: Db) {
  return tx
    .select({ ...instrumentRow, txid: instruments.txid })
    .from(instruments)
    .leftJoin(holder, eq(holder.id, instruments.holderId))
    .leftJoin(keeper, eq(keeper.id, instruments.keeperId));
}

/** Pull feeds of the instrument domain (server/instruments/sync.ts). */
export const INSTRUMENT_FEEDS = {
  /** The whole register (it is small): a scan must answer offline, whoever holds the instrument. */
  instruments: feed({
    scope: { phones: (user) => keepsInstrumentsOffline(user.role), rows: "all" },
    txid: instruments.txid,
    rows: (tx, _user, where, limit) => selectInstrumentRows(tx).where(where).orderBy(asc(instruments.txid), asc(instruments.id)).limit(limit),
  }),
  /**
   * The caller's own loans, every status (a request's decision, a return the custodian recorded); the custodian's
   * phone has every loan (the requests to hand out, the returns to confirm: ADR 0040). A loan's borrower never changes
   * and a custodian sees every loan: a loan never leaves a phone it reached.
   */
  instrumentLoans: feed({
    scope: { phones: (user) => keepsInstrumentsOffline(user.role), rows: "own", leaves: "never" },
    txid: instrumentLoans.txid,
    rows: (tx, user, where, limit) =>
      tx
        .select({
          id: instrumentLoans.id,
          instrumentId: instrumentLoans.instrumentId,
          borrowerId: instrumentLoans.borrowerId,
          department: instrumentLoans.department,
          term: instrumentLoans.term,
          status: instrumentLoans.status,
          borrowedOn: instrumentLoans.borrowedOn,
          dueOn: instrumentLoans.dueOn,
          purpose: instrumentLoans.purpose,
          requestedAt: instrumentLoans.requestedAt,
          decidedByName: decider.displayName,
          decidedAt: instrumentLoans.decidedAt,
          decisionReason: instrumentLoans.decisionReason,
          endedOn: instrumentLoans.endedOn,
          endKind: instrumentLoans.status,
          returnCondition: instrumentLoans.returnCondition,
          // issue 16: who it is for (the custodian's list), the checks at issue and return, the return request
          borrowerName: borrower.displayName,
          borrowerUsername: borrower.username,
          issuedAt: instrumentLoans.issuedAt,
          issueMissing: instrumentLoans.issueMissing,
          termMonths: instrumentLoans.termMonths,
          returnRequestedAt: instrumentLoans.returnRequestedAt,
          reportedCondition: instrumentLoans.reportedCondition,
          reportedNote: instrumentLoans.reportedNote,
          returnMissing: instrumentLoans.returnMissing,
          lostAccessories: instrumentLoans.lostAccessories,
          version: instrumentLoans.version,
          updatedAt: instrumentLoans.updatedAt,
          txid: instrumentLoans.txid,
        })
        .from(instrumentLoans)
        .leftJoin(decider, eq(decider.id, instrumentLoans.decidedBy))
        .leftJoin(borrower, eq(borrower.id, instrumentLoans.borrowerId))
        .where(and(isCustodian(user.role) ? undefined : eq(instrumentLoans.borrowerId, user.id), where))
        .orderBy(asc(instrumentLoans.txid), asc(instrumentLoans.id))
        .limit(limit),
  }),
  /**
   * Hand-overs the caller gives or receives; every hand-over on the custodian's phone (those to confirm). Its giver and
   * receiver never change and a custodian sees all: a hand-over never leaves a phone it reached.
   */
  instrumentHandovers: feed({
    scope: { phones: (user) => keepsInstrumentsOffline(user.role), rows: "own", leaves: "never" },
    txid: instrumentHandovers.txid,
    rows: (tx, user, where, limit) =>
      tx
        .select({
          id: instrumentHandovers.id,
          instrumentId: instrumentHandovers.instrumentId,
          loanId: instrumentHandovers.loanId,
          fromUserId: instrumentHandovers.fromUserId,
          fromName: giver.displayName,
          toUserId: instrumentHandovers.toUserId,
          toName: receiver.displayName,
          status: instrumentHandovers.status,
          conditionOut: instrumentHandovers.conditionOut,
          note: instrumentHandovers.note,
          conditionIn: instrumentHandovers.conditionIn,
          answerNote: instrumentHandovers.answerNote,
          newLoanId: instrumentHandovers.newLoanId,
          offeredAt: instrumentHandovers.offeredAt,
          answeredAt: instrumentHandovers.answeredAt,
          confirmedAt: instrumentHandovers.confirmedAt,
          confirmNote: instrumentHandovers.confirmNote,
          txid: instrumentHandovers.txid,
        })
        .from(instrumentHandovers)
        .leftJoin(giver, eq(giver.id, instrumentHandovers.fromUserId))
        .leftJoin(receiver, eq(receiver.id, instrumentHandovers.toUserId))
        .where(and(isCustodian(user.role) ? undefined : or(eq(instrumentHandovers.fromUserId, user.id), eq(instrumentHandovers.toUserId, user.id)), where))
        .orderBy(asc(instrumentHandovers.txid), asc(instrumentHandovers.id))
        .limit(limit),
  }),
  /** The custodian's department's settings (one row): the long-term loan's term the borrow form says (issue 16). */
  instrumentSettings: feed({
    scope: { phones: (user) => keepsInstrumentsOffline(user.role), rows: "all" },
    txid: instrumentSettings.txid,
    rows: (tx, _user, where, limit) =>
      tx
        .select({
          department: instrumentSettings.department,
          longLoanMonths: instrumentSettings.longLoanMonths,
          version: instrumentSettings.version,
          updatedAt: instrumentSettings.updatedAt,
          txid: instrumentSettings.txid,
        })
        .from(instrumentSettings)
        .where(where)
        .orderBy(asc(instrumentSettings.txid), asc(instrumentSettings.department))
        .limit(limit),
  }),
};
