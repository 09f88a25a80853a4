import { sql } from "drizzle-orm";
import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { TDepartment } from "@/domain/auth/roles";
import type { TCalibrationResult } from "@/domain/instruments/calibration";
import type { TCondition, TFaultStatus, THandoverStatus, TLoanStatus, TLoanTerm, TScrapReason, TScrapStatus, TUsageKind } from "@/domain/instruments/names";
import type { TInstrumentCategory, TInstrumentStatus } from "@/domain/instruments/status";
import { departments, users } from "./auth";

/** The writing transaction's id: the sync.pull cursor (see db/schema/items.ts). */
const txid = () =>
  bigint("txid", { mode: "number" })
    .notNull()
    .default(sql`(pg_current_xact_id()::text::bigint)`);

/**
 * The instrument register (Procedure 4, 《仪器、仪表入库登记表》). Holder, loan, fault and scrap columns are the
 * projection of the loan, fault and scrap tables, written in the same transaction, so that one row (pulled by
 * every phone that may borrow) answers a scan offline. A trigger (migration) keeps `scrapped` final.
 */
export const instruments = pgTable(
  "instruments",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    assetTag: text("asset_tag").notNull().unique(),
    name: text("name").notNull(),
    model: text("model").notNull(),
    serial: text("serial").notNull(),
    /** Interchangeable instruments share a kind (normalised text): the dispatch reserve counts by kind. */
    kind: text("kind").notNull().default(""),
    category: text("category").$type<TInstrumentCategory>().notNull(),
    department: text("department")
      .$type<TDepartment>()
      .notNull()
      .references(() => departments.code),
    keeperId: uuid("keeper_id").references(() => users.id),
    location: text("location").notNull(),
    intakeDate: date("intake_date").notNull(),
    serviceLifeYears: integer("service_life_years").notNull(),
    status: text("status").$type<TInstrumentStatus>().notNull(),
    calibratedOn: date("calibrated_on"),
    calibrationDue: date("calibration_due"),
    /** Result of the last calibration; null when none is recorded (then no permit). */
    calibrationResult: text("calibration_result").$type<TCalibrationResult>(),
    holderId: uuid("holder_id").references(() => users.id),
    loanId: uuid("loan_id"),
    loanTerm: text("loan_term").$type<TLoanTerm>(),
    loanDueOn: date("loan_due_on"),
    faultOpen: boolean("fault_open").notNull().default(false),
    /** An open scrap request: proposed by the using department or verified by the custodian (no loans meanwhile). */
    scrapPending: boolean("scrap_pending").notNull().default(false),
    /** The operating manual (说明书) on the register: its title, '' = none (issue 16). */
    manual: text("manual").notNull().default(""),
    /** Its accessories (附件), checked at issue and return. */
    accessories: jsonb("accessories").$type<string[]>().notNull().default([]),
    /** What the last check found missing (of the manual and accessories), shown on the register until found. */
    missingAccessories: jsonb("missing_accessories").$type<string[]>().notNull().default([]),
    /** The holder brought it back; the custodian's confirmation is awaited (the loan is `return_requested`). */
    returnRequested: boolean("return_requested").notNull().default(false),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id),
    txid: txid(),
  },
  (t) => [
    index("instruments_txid_idx").on(t.txid),
    index("instruments_kind_idx").on(t.kind, t.category),
    index("instruments_holder_idx").on(t.holderId),
    // the office register's order, a page at a time (server/instruments/service.ts registerPage)
    index("instruments_register_idx").on(sql`coalesce(${t.calibrationDue}, 'infinity'::date)`, t.assetTag),
  ],
);

/**
 * Loans (ADR 0012, 0040): asked by scan (`requested`), a long one approved by the borrower's department head
 * (`approved`), issued by the custodian (`active`), brought back (`return_requested`) and confirmed (`returned`). At
 * most one loan out per instrument (partial unique index). The id is made on a phone.
 */
export const instrumentLoans = pgTable(
  "instrument_loans",
  {
    id: uuid("id").primaryKey(),
    instrumentId: uuid("instrument_id")
      .notNull()
      .references(() => instruments.id),
    borrowerId: uuid("borrower_id")
      .notNull()
      .references(() => users.id),
    /** The borrower's department when the loan was made: its head decides a long-term request. */
    department: text("department")
      .$type<TDepartment>()
      .notNull()
      .references(() => departments.code),
    term: text("term").$type<TLoanTerm>().notNull(),
    status: text("status").$type<TLoanStatus>().notNull(),
    borrowedOn: date("borrowed_on"),
    dueOn: date("due_on"),
    purpose: text("purpose").notNull().default(""),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionReason: text("decision_reason").notNull().default(""),
    /** The loan this one continues after a hand-over. */
    fromLoanId: uuid("from_loan_id"),
    endedOn: date("ended_on"),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endedBy: uuid("ended_by").references(() => users.id),
    returnCondition: text("return_condition").$type<TCondition>(),
    returnNote: text("return_note").notNull().default(""),
    /** The custodian who handed it out, and when (issue 16); null on loans started before. */
    issuedBy: uuid("issued_by").references(() => users.id),
    issuedAt: timestamp("issued_at", { withTimezone: true }),
    /** What was missing of the manual and accessories when it went out; null: not checked. */
    issueMissing: jsonb("issue_missing").$type<string[]>(),
    /** A long loan's term in force when it was issued (the settings'); null: no term (or a short loan). */
    termMonths: integer("term_months"),
    /** The holder's return request: when, and the condition they noted. */
    returnRequestedAt: timestamp("return_requested_at", { withTimezone: true }),
    reportedCondition: text("reported_condition").$type<TCondition>(),
    reportedNote: text("reported_note").notNull().default(""),
    /** What the custodian found missing on return; `lost`: of those, what was there at issue. */
    returnMissing: jsonb("return_missing").$type<string[]>(),
    lostAccessories: jsonb("lost_accessories").$type<string[]>().notNull().default([]),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    txid: txid(),
  },
  (t) => [
    uniqueIndex("instrument_loans_one_out")
      .on(t.instrumentId)
      .where(sql`${t.status} in ('active', 'return_requested')`),
    index("instrument_loans_borrower_idx").on(t.borrowerId, t.status),
    index("instrument_loans_instrument_idx").on(t.instrumentId),
    index("instrument_loans_txid_idx").on(t.txid),
  ],
);

/**
 * Hand-over of a loaned instrument to a named colleague: the giver offers (signs), the receiver accepts (signs), the
 * custodian confirms (the loan moves) or refuses (issue 16).
 */
export const instrumentHandovers = pgTable(
  "instrument_handovers",
  {
    id: uuid("id").primaryKey(),
    instrumentId: uuid("instrument_id")
      .notNull()
      .references(() => instruments.id),
    loanId: uuid("loan_id")
      .notNull()
      .references(() => instrumentLoans.id),
    fromUserId: uuid("from_user_id")
      .notNull()
      .references(() => users.id),
    toUserId: uuid("to_user_id")
      .notNull()
      .references(() => users.id),
    status: text("status").$type<THandoverStatus>().notNull(),
    conditionOut: text("condition_out").$type<TCondition>().notNull(),
    note: text("note").notNull().default(""),
    fromSignatureSha256: text("from_signature_sha256").notNull(),
    conditionIn: text("condition_in").$type<TCondition>(),
    answerNote: text("answer_note").notNull().default(""),
    toSignatureSha256: text("to_signature_sha256"),
    newLoanId: uuid("new_loan_id"),
    offeredAt: timestamp("offered_at", { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    confirmedBy: uuid("confirmed_by").references(() => users.id),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    confirmNote: text("confirm_note").notNull().default(""),
    txid: txid(),
  },
  (t) => [
    uniqueIndex("instrument_handovers_one_open")
      .on(t.instrumentId)
      .where(sql`${t.status} = 'offered'`),
    index("instrument_handovers_from_idx").on(t.fromUserId),
    index("instrument_handovers_to_idx").on(t.toUserId),
    index("instrument_handovers_txid_idx").on(t.txid),
  ],
);

/** Faults: reported from the field, repaired only by the designated repairer (no ad-hoc repair). */
export const instrumentFaults = pgTable(
  "instrument_faults",
  {
    id: uuid("id").primaryKey(),
    instrumentId: uuid("instrument_id")
      .notNull()
      .references(() => instruments.id),
    status: text("status").$type<TFaultStatus>().notNull(),
    description: text("description").notNull(),
    photoSha256: text("photo_sha256"),
    reportedBy: uuid("reported_by").references(() => users.id),
    reportedAt: timestamp("reported_at", { withTimezone: true }).notNull().defaultNow(),
    repairer: text("repairer"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closeNote: text("close_note").notNull().default(""),
  },
  (t) => [index("instrument_faults_instrument_idx").on(t.instrumentId, t.status)],
);

/** Calibrations at the city metrology station (append-only), with the certificate (evidence_files by hash). */
export const instrumentCalibrations = pgTable(
  "instrument_calibrations",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    instrumentId: uuid("instrument_id")
      .notNull()
      .references(() => instruments.id),
    certificateNo: text("certificate_no").notNull(),
    lab: text("lab").notNull(),
    calibratedOn: date("calibrated_on").notNull(),
    result: text("result").$type<TCalibrationResult>().notNull(),
    nextDue: date("next_due").notNull(),
    fileSha256: text("file_sha256"),
    note: text("note").notNull().default(""),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("instrument_calibrations_instrument_idx").on(t.instrumentId, t.calibratedOn)],
);

/**
 * Scrapping: the using department proposes (`proposed`) or the custodian requests; the custodian verifies (`pending`);
 * the leader named in the settings when it was verified (`approver_id`; null: the head of the instrument's
 * department) decides.
 */
export const instrumentScrapRequests = pgTable(
  "instrument_scrap_requests",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    instrumentId: uuid("instrument_id")
      .notNull()
      .references(() => instruments.id),
    reason: text("reason").$type<TScrapReason>().notNull(),
    note: text("note").notNull().default(""),
    status: text("status").$type<TScrapStatus>().notNull(),
    requestedBy: uuid("requested_by").references(() => users.id),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionReason: text("decision_reason").notNull().default(""),
    verifiedBy: uuid("verified_by").references(() => users.id),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    verifyNote: text("verify_note").notNull().default(""),
    approverId: uuid("approver_id").references(() => users.id),
  },
  (t) => [
    uniqueIndex("instrument_scrap_one_open")
      .on(t.instrumentId)
      .where(sql`${t.status} in ('proposed', 'pending')`),
  ],
);

/**
 * Settings of the custodian's department (issue 16, domain/instruments/settings.ts): the long-term loan's term (null:
 * none, the procedure sets none) and the leader who approves scrapping (null: the instrument's department head). Pulled
 * by the phones (the borrow form says the term).
 */
export const instrumentSettings = pgTable("instrument_settings", {
  department: text("department")
    .$type<TDepartment>()
    .primaryKey()
    .references(() => departments.code),
  longLoanMonths: integer("long_loan_months"),
  scrapApproverId: uuid("scrap_approver_id").references(() => users.id),
  version: integer("version").notNull().default(0),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  txid: txid(),
});

/**
 * The usage file of each instrument (使用档案) and the usage register: every loan, return, hand-over, care,
 * fault, repair, calibration and scrapping step. Append-only (trigger).
 */
export const instrumentUsage = pgTable(
  "instrument_usage",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    instrumentId: uuid("instrument_id")
      .notNull()
      .references(() => instruments.id),
    kind: text("kind").$type<TUsageKind>().notNull(),
    /** Made on the phone for a care record: a resend never records it twice. */
    entryId: uuid("entry_id").unique(),
    /** The operator's day it happened (Asia/Shanghai). */
    onDate: date("on_date").notNull(),
    actorId: uuid("actor_id").references(() => users.id),
    /** The holder (borrower, receiver) the entry concerns, when any. */
    holderId: uuid("holder_id").references(() => users.id),
    loanId: uuid("loan_id"),
    condition: text("condition").$type<TCondition>(),
    note: text("note").notNull().default(""),
    details: jsonb("details").$type<Record<string, unknown>>(),
    deviceId: uuid("device_id"),
    /** Mutation ids repeat for entries of one mutation; the phone-made ids of loans etc. keep replays single. */
    mutationId: uuid("mutation_id"),
    clientTime: timestamp("client_time", { withTimezone: true }),
    serverTime: timestamp("server_time", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("instrument_usage_instrument_idx").on(t.instrumentId, t.id), index("instrument_usage_date_idx").on(t.onDate)],
);
