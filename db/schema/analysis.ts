import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, numeric, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { TDepartment } from "@/domain/auth/roles";
import type { TFishboneCauses, TReportData, TReportKind, TSurveyChannel, TSurveyContactStatus, TSurveyStatus } from "@/domain/analysis/schemas";
import type { TAnswers, TWeights } from "@/domain/analysis/satisfaction";
import type { TStratum } from "@/domain/analysis/sampling";
import type { TDirection, TIndicator } from "@/domain/analysis/targets";
import { departments, users } from "./auth";
import { correctiveActions, nonconformities } from "./quality";

/**
 * Data analysis (P5, ADR 0041): the satisfaction weights by year in versions, the year-end survey with its sample and
 * answers, the departments' targets and monthly figures, fishbone worksheets and the generated reports.
 */

/** The year's item weights in versions: each change is a new row, never an edit, so every score names the version it used. */
export const satisfactionWeights = pgTable(
  "satisfaction_weights",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    year: integer("year").notNull(),
    version: integer("version").notNull(),
    weights: jsonb("weights").$type<TWeights>().notNull(),
    note: text("note").notNull().default(""),
    setBy: uuid("set_by")
      .notNull()
      .references(() => users.id),
    setAt: timestamp("set_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("satisfaction_weights_year_version_idx").on(t.year, t.version)],
);

/** A year-end sampling survey (年终抽样调查): the frame's strata, the seed, and how the sample was drawn. */
export const surveys = pgTable(
  "surveys",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    code: text("code").notNull().unique(),
    year: integer("year").notNull(),
    title: text("title").notNull(),
    seed: integer("seed").notNull(),
    sampleSize: integer("sample_size").notNull(),
    frameSize: integer("frame_size").notNull(),
    strata: jsonb("strata").$type<TStratum[]>().notNull(),
    status: text("status").$type<TSurveyStatus>().notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("surveys_year_idx").on(t.year)],
);

/** One sampled customer: who, how to reach them, the answers for all eleven elements once given. */
export const surveyContacts = pgTable(
  "survey_contacts",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    surveyId: uuid("survey_id")
      .notNull()
      .references(() => surveys.id),
    seq: integer("seq").notNull(),
    /** The frame's key (digits of the phone number): the same customer is never drawn twice in a survey. */
    customerKey: text("customer_key").notNull(),
    name: text("name").notNull(),
    phone: text("phone").notNull(),
    address: text("address").notNull().default(""),
    category: text("category").notNull(),
    channel: text("channel").$type<TSurveyChannel>().notNull().default("phone"),
    status: text("status").$type<TSurveyContactStatus>().notNull().default("pending"),
    answers: jsonb("answers").$type<TAnswers>(),
    comment: text("comment").notNull().default(""),
    attempts: smallint("attempts").notNull().default(0),
    answeredBy: uuid("answered_by").references(() => users.id),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("survey_contacts_seq_idx").on(t.surveyId, t.seq), uniqueIndex("survey_contacts_customer_idx").on(t.surveyId, t.customerKey)],
);

/** A department's indicator for the year (质量目标): target and control point, in versions (the latest counts). */
export const qualityTargets = pgTable(
  "quality_targets",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    year: integer("year").notNull(),
    department: text("department")
      .$type<TDepartment>()
      .notNull()
      .references(() => departments.code),
    indicator: text("indicator").$type<TIndicator>().notNull(),
    target: numeric("target", { mode: "number" }).notNull(),
    control: numeric("control", { mode: "number" }),
    direction: text("direction").$type<TDirection>().notNull(),
    setBy: uuid("set_by")
      .notNull()
      .references(() => users.id),
    setAt: timestamp("set_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("quality_targets_key_idx").on(t.year, t.department, t.indicator)],
);

/** A month's figure a department entered for an indicator the app cannot compute (with who and when; a correction is a new version). */
export const targetFigures = pgTable(
  "target_figures",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    year: integer("year").notNull(),
    month: smallint("month").notNull(),
    department: text("department")
      .$type<TDepartment>()
      .notNull()
      .references(() => departments.code),
    indicator: text("indicator").$type<TIndicator>().notNull(),
    value: numeric("value", { mode: "number" }).notNull(),
    note: text("note").notNull().default(""),
    enteredBy: uuid("entered_by")
      .notNull()
      .references(() => users.id),
    enteredAt: timestamp("entered_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("target_figures_key_idx").on(t.year, t.month, t.department, t.indicator)],
);

/** A fishbone worksheet (鱼刺图) for one problem: causes by 人/机/料/法/环/测, linked to its nonconformity and corrective action. */
export const fishbones = pgTable(
  "fishbones",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    code: text("code").notNull().unique(),
    problem: text("problem").notNull(),
    nonconformityId: uuid("nonconformity_id").references(() => nonconformities.id),
    actionId: uuid("action_id").references(() => correctiveActions.id),
    causes: jsonb("causes").$type<TFishboneCauses>().notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("fishbones_action_idx").on(t.actionId)],
);

/**
 * A generated report (weekly, monthly, a meeting pack): the numbers as computed when it was made, so the PDF, XLSX
 * and CSV printed later say the same thing. One per kind and period; "regenerate" makes a new revision.
 */
export const analysisReports = pgTable(
  "analysis_reports",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    kind: text("kind").$type<TReportKind>().notNull(),
    periodKey: text("period_key").notNull(),
    periodFrom: date("period_from").notNull(),
    periodTo: date("period_to").notNull(),
    revision: integer("revision").notNull().default(1),
    data: jsonb("data").$type<TReportData>().notNull(),
    /** null: made by the job runner on schedule. */
    generatedBy: uuid("generated_by").references(() => users.id),
    generatedAt: timestamp("generated_at", { withTimezone: true }).notNull().defaultNow(),
    /** How long the computation took, in ms (the bench and the admin can see it). */
    computeMs: integer("compute_ms").notNull().default(0),
  },
  (t) => [uniqueIndex("analysis_reports_key_idx").on(t.kind, t.periodKey, t.revision), index("analysis_reports_generated_idx").on(t.generatedAt)],
);
