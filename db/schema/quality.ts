import { sql } from "drizzle-orm";
import { bigint, boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { TDepartment } from "@/domain/auth/roles";
import type { TItemKind, TItemStatus } from "@/domain/items/labels";
import type {
  TBillingStatus,
  TCaStatus,
  TCaStep,
  TCauseCategory,
  TCheckStatus,
  TCheckTarget,
  TLabelKind,
  TLabelResult,
  TNcFinding,
  TNcSource,
  TNcStatus,
  TOrderResult,
} from "@/domain/quality/model";
import { departments, users } from "./auth";
import { instruments } from "./instruments";
import { workOrders } from "./work-orders";

/** The writing transaction's id: the sync.pull cursor (see db/schema/items.ts). */
const txid = () =>
  bigint("txid", { mode: "number" })
    .notNull()
    .default(sql`(pg_current_xact_id()::text::bigint)`);

/** The year's last number per kind of record (SC checks, NC nonconformities, CA corrective actions), upserted under its row lock. */
export const qualityCounters = pgTable(
  "quality_counters",
  {
    kind: text("kind").$type<"SC" | "NC" | "CA">().notNull(),
    year: text("year").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.year] })],
);

/** A label spot-check (标识的检查): planned by quality, or started on the phone (unplanned). */
export const spotChecks = pgTable(
  "spot_checks",
  {
    id: uuid("id").primaryKey(),
    /** SC-2026-0001; given by the server when planned or when an unplanned walk arrives. */
    code: text("code").notNull().unique(),
    target: text("target").$type<TCheckTarget>().notNull(),
    zoneCode: text("zone_code"),
    department: text("department")
      .$type<TDepartment>()
      .references(() => departments.code),
    /** Work-order checks: the closed orders sampled from this range, this many, with this seed (reproducible). */
    rangeFrom: date("range_from"),
    rangeTo: date("range_to"),
    sampleSize: integer("sample_size"),
    sampleSeed: integer("sample_seed"),
    planned: boolean("planned").notNull(),
    plannedFor: date("planned_for"),
    assigneeId: uuid("assignee_id").references(() => users.id),
    status: text("status").$type<TCheckStatus>().notNull(),
    note: text("note").notNull().default(""),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    submittedBy: uuid("submitted_by").references(() => users.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    /** The phone's mutation that submitted the walk (a re-send applies once). */
    mutationId: text("mutation_id"),
    version: integer("version").notNull().default(1),
    txid: txid(),
  },
  (t) => [index("spot_checks_txid_idx").on(t.txid), index("spot_checks_assignee_idx").on(t.assigneeId, t.status)],
);

/** One mark of a walk (append-only): a tag or a subject, what the phone said it should be, the checker's mark, the photo. */
export const spotCheckMarks = pgTable(
  "spot_check_marks",
  {
    id: uuid("id").primaryKey(),
    checkId: uuid("check_id")
      .notNull()
      .references(() => spotChecks.id),
    tag: text("tag"),
    subject: text("subject").notNull().default(""),
    labelKind: text("label_kind").$type<TLabelKind>().notNull(),
    result: text("result").$type<TLabelResult>().notNull(),
    expectedKind: text("expected_kind").$type<TItemKind>(),
    expectedStatus: text("expected_status").$type<TItemStatus>(),
    expectedZone: text("expected_zone"),
    note: text("note").notNull().default(""),
    photoSha256: text("photo_sha256"),
    markedAt: timestamp("marked_at", { withTimezone: true }).notNull(),
    nonconformityId: uuid("nonconformity_id"),
    txid: txid(),
  },
  (t) => [index("spot_check_marks_check_idx").on(t.checkId), index("spot_check_marks_marked_idx").on(t.markedAt)],
);

/** The work orders sampled for a work-order check, each marked at the desk (工单检查过程). */
export const spotCheckOrders = pgTable(
  "spot_check_orders",
  {
    checkId: uuid("check_id")
      .notNull()
      .references(() => spotChecks.id),
    workOrderId: uuid("work_order_id")
      .notNull()
      .references(() => workOrders.id),
    result: text("result").$type<TOrderResult>(),
    note: text("note").notNull().default(""),
    markedBy: uuid("marked_by").references(() => users.id),
    markedAt: timestamp("marked_at", { withTimezone: true }),
    nonconformityId: uuid("nonconformity_id"),
  },
  (t) => [primaryKey({ columns: [t.checkId, t.workOrderId] })],
);

/** A nonconformity (不合格项): a finding against the department responsible for it. */
export const nonconformities = pgTable(
  "nonconformities",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    code: text("code").notNull().unique(),
    source: text("source").$type<TNcSource>().notNull(),
    /** The source's own reference: a check's code, a complaint's code, a billing check's month, an instrument tag. */
    sourceRef: text("source_ref").notNull().default(""),
    finding: text("finding").$type<TNcFinding>().notNull(),
    labelKind: text("label_kind").$type<TLabelKind>(),
    department: text("department")
      .$type<TDepartment>()
      .notNull()
      .references(() => departments.code),
    description: text("description").notNull(),
    tag: text("tag"),
    photoSha256: text("photo_sha256"),
    raisedBy: uuid("raised_by")
      .notNull()
      .references(() => users.id),
    raisedAt: timestamp("raised_at", { withTimezone: true }).notNull().defaultNow(),
    status: text("status").$type<TNcStatus>().notNull(),
    /** Closed without a record: why (quality's word). */
    closedReason: text("closed_reason"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** Filled from the record's analysis (the Pareto by cause). */
    causeCategory: text("cause_category").$type<TCauseCategory>(),
    actionId: uuid("action_id"),
    version: integer("version").notNull().default(1),
    txid: txid(),
  },
  (t) => [index("nonconformities_status_idx").on(t.status, t.raisedAt), index("nonconformities_department_idx").on(t.department, t.status)],
);

/** The Corrective/Preventive Action Record (《纠正预防措施记录表》), one per nonconformity that needs one. */
export const correctiveActions = pgTable(
  "corrective_actions",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    code: text("code").notNull().unique(),
    nonconformityId: uuid("nonconformity_id")
      .notNull()
      .unique()
      .references(() => nonconformities.id),
    department: text("department")
      .$type<TDepartment>()
      .notNull()
      .references(() => departments.code),
    description: text("description").notNull(),
    requiredBy: date("required_by").notNull(),
    status: text("status").$type<TCaStatus>().notNull(),
    round: integer("round").notNull().default(1),
    causeAnalysis: text("cause_analysis"),
    causeCategory: text("cause_category").$type<TCauseCategory>(),
    correction: text("correction"),
    correctiveAction: text("corrective_action"),
    preventiveAction: text("preventive_action"),
    ownerId: uuid("owner_id").references(() => users.id),
    actionDueOn: date("action_due_on"),
    implementedOn: date("implemented_on"),
    followUpCheckId: uuid("follow_up_check_id").references(() => spotChecks.id),
    /** The due step last escalated ("plan:2026-12-10"), so the daily job tells once per step and date. */
    escalated: text("escalated"),
    sentBy: uuid("sent_by")
      .notNull()
      .references(() => users.id),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    txid: txid(),
  },
  (t) => [index("corrective_actions_department_idx").on(t.department, t.status), index("corrective_actions_owner_idx").on(t.ownerId, t.status)],
);

/** Every step of a record, signed by its person and dated (append-only; also in the audit chain). */
export const correctiveActionSteps = pgTable(
  "corrective_action_steps",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    actionId: uuid("action_id")
      .notNull()
      .references(() => correctiveActions.id),
    round: integer("round").notNull(),
    step: text("step").$type<TCaStep>().notNull(),
    byUserId: uuid("by_user_id")
      .notNull()
      .references(() => users.id),
    /** The signer's name as it was then (a rename later does not change a signed record). */
    byName: text("by_name").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** What was signed (the step's fields), and its SHA-256 over canonical JSON: the signature's content. */
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    contentSha256: text("content_sha256").notNull(),
  },
  (t) => [index("corrective_action_steps_action_idx").on(t.actionId, t.at)],
);

/** An exchange whose billing accuracy is checked monthly. */
export const exchanges = pgTable("exchanges", {
  code: text("code").primaryKey(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  active: boolean("active").notNull().default(true),
});

/** The monthly billing-accuracy check of one exchange (交换机计费准确率检测), opened by the job on the 1st. */
export const billingChecks = pgTable(
  "billing_checks",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    exchangeCode: text("exchange_code")
      .notNull()
      .references(() => exchanges.code),
    month: text("month").notNull(),
    dueOn: date("due_on").notNull(),
    status: text("status").$type<TBillingStatus>().notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    callsPlaced: integer("calls_placed"),
    billedCorrectly: integer("billed_correctly"),
    errors: integer("errors"),
    accuracyPct: numeric("accuracy_pct", { precision: 5, scale: 2, mode: "number" }),
    thresholdPct: numeric("threshold_pct", { precision: 5, scale: 2, mode: "number" }),
    passed: boolean("passed"),
    instrumentId: uuid("instrument_id").references(() => instruments.id),
    instrumentTag: text("instrument_tag"),
    note: text("note").notNull().default(""),
    attachments: text("attachments")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }),
    nonconformityId: uuid("nonconformity_id"),
    /** When the missed month was escalated (once). */
    overdueNotifiedAt: timestamp("overdue_notified_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("billing_checks_exchange_month").on(t.exchangeCode, t.month), index("billing_checks_status_idx").on(t.status, t.dueOn)],
);

/** Quality's settings, each change kept: the billing threshold today (`billing_threshold_pct`). */
export const qualitySettings = pgTable("quality_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
