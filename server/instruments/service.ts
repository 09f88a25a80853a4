import "server-only";
import { and, asc, desc, eq, gte, ilike, inArray, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "@/db/client";
import {
  instrumentCalibrations,
  instrumentFaults,
  instrumentHandovers,
  instrumentLoans,
  instrumentScrapRequests,
  instrumentUsage,
  instruments,
  users,
} from "@/db/schema";
import { allowedActions } from "@/domain/instruments/actions";
import { calibrationCondition, calibrationState, permitValidFor, type TCalibrationState } from "@/domain/instruments/calibration";
import { operatorToday } from "@/domain/time/operator";
import { BORROWER_ROLES } from "@/domain/instruments/roles";
import { endOfLifeOn } from "@/domain/instruments/rules";
import type { TInstrumentRef, TListInput, TRegisterPageInput } from "@/domain/instruments/schemas";
import { INSTRUMENT_TAG_PATTERN, normalizeTag } from "@/domain/items/tags";
import { checkScrapReason, scrapReasonsFor } from "@/domain/instruments/scrap";
import { SCRAP_REASONS } from "@/domain/instruments/names";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { actorOf, factsOf, loadSettings, otherLendableOfKind } from "./facts";
import { OPEN_REQUEST_STATUSES, OUT_LOAN_STATUSES } from "@/domain/instruments/names";
import { selectInstrumentRows } from "./feeds";

type Row = Awaited<ReturnType<typeof selectInstrumentRows>>[number];

/** A register row with its calibration state and permit on the operator's today. */
export function withState(row: Row, today = operatorToday()) {
  const state = calibrationState(row, today);
  const { txid: _txid, ...rest } = row;
  return { ...rest, calibrationState: state, permitValid: permitValidFor(state) };
}

/** calibrationCondition (the domain's meaning, unit-tested against calibrationState) written in SQL. */
function calibrationWhere(state: TCalibrationState, today: string): SQL | undefined {
  const c = calibrationCondition(state, today);
  if (c.never) return or(isNull(instruments.calibrationResult), isNull(instruments.calibrationDue));
  return and(
    eq(instruments.calibrationResult, c.result),
    c.dueFrom === null ? sql`${instruments.calibrationDue} is not null` : gte(instruments.calibrationDue, c.dueFrom),
    c.dueTo === null ? undefined : lte(instruments.calibrationDue, c.dueTo),
  );
}

export function listFilters(f: TListInput, today = operatorToday()): SQL | undefined {
  const q = f.q?.trim();
  // a whole asset tag (scanned or typed, any case or dash) is looked up by the tag's unique index, not searched for
  const tag = q ? normalizeTag(q) : "";
  return and(
    f.category ? eq(instruments.category, f.category) : undefined,
    f.department ? eq(instruments.department, f.department) : undefined,
    f.status ? eq(instruments.status, f.status) : undefined,
    f.kind ? eq(instruments.kind, f.kind) : undefined,
    f.calibration ? calibrationWhere(f.calibration, today) : undefined,
    q && INSTRUMENT_TAG_PATTERN.test(tag)
      ? eq(instruments.assetTag, tag)
      : q
        ? or(
            ilike(instruments.assetTag, `%${q}%`),
            ilike(instruments.name, `%${q}%`),
            ilike(instruments.model, `%${q}%`),
            ilike(instruments.serial, `%${q}%`),
            ilike(instruments.kind, `%${q}%`),
          )
        : undefined,
  );
}

/**
 * The register's order: calibration due first (what needs attention), then by tag; no due day last. One expression,
 * indexed as written (instruments_register_idx, migration 0027), so a page walks the index.
 */
const REGISTER_DUE = sql<string>`coalesce(${instruments.calibrationDue}, 'infinity'::date)`;

const ZRegisterCursor = z.tuple([z.union([z.iso.date(), z.literal("infinity")]), z.string().regex(INSTRUMENT_TAG_PATTERN)]);

function decodeRegisterCursor(cursor: string): [string, string] {
  try {
    const parsed = ZRegisterCursor.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (parsed.success) return parsed.data;
  } catch {
    // falls through to the refusal
  }
  throw new AppError("bad_input", { issues: [{ path: ["cursor"], message: "validation.invalid" }] });
}

/** The office register a page at a time: filtered in the database, keyset after the cursor, never OFFSET. */
export async function registerPage({ db, input, today = operatorToday() }: { db: Db; input: TRegisterPageInput; today?: string }) {
  const { cursor, limit, ...filters } = input;
  const after = cursor ? decodeRegisterCursor(cursor) : null;
  const rows = await selectInstrumentRows(db)
    .where(and(listFilters(filters, today), after ? sql`(${REGISTER_DUE}, ${instruments.assetTag}) > (${after[0]}::date, ${after[1]})` : undefined))
    .orderBy(asc(REGISTER_DUE), asc(instruments.assetTag))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page.map((r) => withState(r, today)),
    nextCursor:
      rows.length > limit && last ? Buffer.from(JSON.stringify([last.calibrationDue ?? "infinity", last.assetTag]), "utf8").toString("base64url") : null,
  };
}

/** The register for the office: calibration due first (what needs attention), then by tag. */
export async function listInstruments({ db, filters = {} }: { db: Db; filters?: TListInput }) {
  const today = operatorToday();
  const rows = await selectInstrumentRows(db).where(listFilters(filters, today)).orderBy(asc(REGISTER_DUE), asc(instruments.assetTag));
  return rows.map((r) => withState(r, today));
}

const borrower = alias(users, "borrower");
const actor = alias(users, "actor");

/**
 * "One scan tells everything": the instrument with its holder, due day, calibration and permit, open faults, the
 * open hand-over, pending requests and scrapping, its calibrations and usage file, the actions this user may
 * take now (domain/instruments/actions.ts) and the scrap reasons they may confirm now (domain/instruments/scrap.ts).
 */
export async function getInstrument({ db, user, ref }: { db: Db; user: SessionUser; ref: TInstrumentRef }) {
  const where = "id" in ref ? eq(instruments.id, ref.id) : eq(instruments.assetTag, ref.assetTag);
  const [row] = await selectInstrumentRows(db).where(where);
  if (!row) throw new AppError("not_found");
  const today = operatorToday();
  const id = row.id;
  const [loans, handovers, faults, scraps, calibrations, usage] = await Promise.all([
    db
      .select({
        id: instrumentLoans.id,
        borrowerId: instrumentLoans.borrowerId,
        borrowerName: borrower.displayName,
        department: instrumentLoans.department,
        term: instrumentLoans.term,
        status: instrumentLoans.status,
        borrowedOn: instrumentLoans.borrowedOn,
        dueOn: instrumentLoans.dueOn,
        purpose: instrumentLoans.purpose,
        requestedAt: instrumentLoans.requestedAt,
        borrowerUsername: borrower.username,
        issuedAt: instrumentLoans.issuedAt,
        issueMissing: instrumentLoans.issueMissing,
        termMonths: instrumentLoans.termMonths,
        returnRequestedAt: instrumentLoans.returnRequestedAt,
        reportedCondition: instrumentLoans.reportedCondition,
        reportedNote: instrumentLoans.reportedNote,
      })
      .from(instrumentLoans)
      .leftJoin(borrower, eq(borrower.id, instrumentLoans.borrowerId))
      .where(and(eq(instrumentLoans.instrumentId, id), inArray(instrumentLoans.status, [...OUT_LOAN_STATUSES, ...OPEN_REQUEST_STATUSES])))
      .orderBy(asc(instrumentLoans.requestedAt)),
    db
      .select({
        id: instrumentHandovers.id,
        loanId: instrumentHandovers.loanId,
        fromUserId: instrumentHandovers.fromUserId,
        toUserId: instrumentHandovers.toUserId,
        toName: borrower.displayName,
        status: instrumentHandovers.status,
        conditionOut: instrumentHandovers.conditionOut,
        note: instrumentHandovers.note,
        offeredAt: instrumentHandovers.offeredAt,
        conditionIn: instrumentHandovers.conditionIn,
        answerNote: instrumentHandovers.answerNote,
      })
      .from(instrumentHandovers)
      .leftJoin(borrower, eq(borrower.id, instrumentHandovers.toUserId))
      .where(and(eq(instrumentHandovers.instrumentId, id), inArray(instrumentHandovers.status, ["offered", "accepted"]))),
    db
      .select()
      .from(instrumentFaults)
      .where(and(eq(instrumentFaults.instrumentId, id), inArray(instrumentFaults.status, ["open", "at_repair", "beyond_repair"])))
      .orderBy(asc(instrumentFaults.reportedAt)),
    db
      .select({ request: instrumentScrapRequests, requestedByName: actor.displayName })
      .from(instrumentScrapRequests)
      .leftJoin(actor, eq(actor.id, instrumentScrapRequests.requestedBy))
      .where(and(eq(instrumentScrapRequests.instrumentId, id), inArray(instrumentScrapRequests.status, ["proposed", "pending"]))),
    db
      .select()
      .from(instrumentCalibrations)
      .where(eq(instrumentCalibrations.instrumentId, id))
      .orderBy(desc(instrumentCalibrations.calibratedOn), desc(instrumentCalibrations.id)),
    db
      .select({
        id: instrumentUsage.id,
        kind: instrumentUsage.kind,
        onDate: instrumentUsage.onDate,
        actorName: actor.displayName,
        holderName: borrower.displayName,
        condition: instrumentUsage.condition,
        note: instrumentUsage.note,
        details: instrumentUsage.details,
        serverTime: instrumentUsage.serverTime,
      })
      .from(instrumentUsage)
      .leftJoin(actor, eq(actor.id, instrumentUsage.actorId))
      .leftJoin(borrower, eq(borrower.id, instrumentUsage.holderId))
      .where(eq(instrumentUsage.instrumentId, id))
      .orderBy(desc(instrumentUsage.id))
      .limit(50),
  ]);
  const facts = factsOf(row);
  const handover = handovers[0] ?? null;
  const requests = loans.filter((l) => l.status === "requested" || l.status === "approved");
  const settings = await loadSettings(db);
  const scrap = scraps[0] ? { ...scraps[0].request, requestedByName: scraps[0].requestedByName } : null;
  const reserve = row.category === "public" ? await otherLendableOfKind(db, row, today) : null;
  const view = withState(row, today);
  return {
    instrument: view,
    calibrationState: view.calibrationState,
    permitValid: view.permitValid,
    endOfLifeOn: endOfLifeOn(row),
    loan: loans.find((l) => l.status === "active" || l.status === "return_requested") ?? null,
    pendingRequests: requests,
    handover,
    faults,
    scrapRequest: scrap,
    longLoanMonths: settings.longLoanMonths,
    calibrations: calibrations.map(({ fileSha256, ...c }) => ({ ...c, hasFile: fileSha256 !== null })),
    usage,
    // what requestScrap checks: the instrument's own faults, one judged beyond repair by the repairer
    scrapReasons: scrapReasonsFor({ user: actorOf(user), instrument: facts, beyondRepair: faults.some((f) => f.status === "beyond_repair"), today }),
    // the reasons that hold now, whoever asks: what the custodian may verify a proposal with
    reasonsHolding: SCRAP_REASONS.filter(
      (reason) => checkScrapReason({ instrument: facts, reason, beyondRepair: faults.some((f) => f.status === "beyond_repair"), today }).ok,
    ),
    actions: allowedActions({
      user: actorOf(user),
      instrument: facts,
      handover,
      requestPending: requests.some((r) => r.borrowerId === user.id),
      returnRequested: row.returnRequested,
      otherLendableOfKind: reserve,
      today,
    }),
  };
}

/** Active people who may hold instruments: the named colleagues a hand-over can go to. */
export function listColleagues({ db }: { db: Db }) {
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName, department: users.department, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, [...BORROWER_ROLES])))
    .orderBy(asc(users.department), asc(users.displayName));
}

/** Active people who may be named keeper (专人): anyone active but admins; the rules check the department (keeper.ts). */
export function listKeeperCandidates({ db }: { db: Db }) {
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName, department: users.department, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), ne(users.role, "admin")))
    .orderBy(asc(users.department), asc(users.displayName));
}
