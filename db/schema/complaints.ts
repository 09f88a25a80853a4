import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { TDepartment } from "@/domain/auth/roles";
import type { TPolicyLimits } from "@/domain/complaints/deadlines";
import type {
  TComplaintAction,
  TComplaintChannel,
  TComplaintKind,
  TComplaintStatus,
  TEscalationCause,
  TEscalationLevel,
  TReplyMethod,
  TRequestType,
  TSeverity,
} from "@/domain/complaints/model";
import { departments, users } from "./auth";
import { workOrders } from "./work-orders";

/** The writing transaction's id: the sync.pull cursor (see db/schema/items.ts). */
const txid = () =>
  bigint("txid", { mode: "number" })
    .notNull()
    .default(sql`(pg_current_xact_id()::text::bigint)`);

/** Complaint categories the quality department maintains, each with the department that usually handles it. */
export const complaintCategories = pgTable("complaint_categories", {
  code: text("code").primaryKey(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  department: text("department")
    .$type<TDepartment>()
    .notNull()
    .references(() => departments.code),
  active: boolean("active").notNull().default(true),
  sort: integer("sort").notNull().default(0),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The key-customer register (重点客户): who they are, their category and contacts. */
export const keyCustomers = pgTable(
  "key_customers",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    name: text("name").notNull(),
    category: text("category").notNull(),
    address: text("address").notNull().default(""),
    contacts: jsonb("contacts").$type<{ name: string; phone: string }[]>().notNull(),
    /** The contacts' phone numbers, digits only: an incoming complaint is matched to the register by them. */
    phoneDigits: text("phone_digits").array().notNull(),
    notes: text("notes").notNull().default(""),
    active: boolean("active").notNull().default(true),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("key_customers_name_idx").on(t.name), index("key_customers_phones_idx").using("gin", t.phoneDigits)],
);

/**
 * The green-channel policy in versions: each change is a new row, never an edit, so every deadline names the version
 * it was computed from.
 */
export const serviceLimitPolicies = pgTable("service_limit_policies", {
  version: integer("version").primaryKey(),
  limits: jsonb("limits").$type<TPolicyLimits>().notNull(),
  note: text("note").notNull(),
  setBy: uuid("set_by").references(() => users.id),
  setAt: timestamp("set_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Per-day counters that number the forms: TS-YYYYMMDD-NNNN by the operator's day of receipt. */
export const complaintCounters = pgTable("complaint_counters", {
  day: text("day").primaryKey(),
  last: integer("last").notNull().default(0),
});

/** A Customer Complaint/Inquiry Form (《客户投诉查询表》), or a key customer's service record (重点客户服务记录). */
export const complaints = pgTable(
  "complaints",
  {
    /** Made on the phone that recorded it (UUIDv7) or by the server: a re-send never records it twice. */
    id: uuid("id").primaryKey(),
    code: text("code").notNull().unique(),
    kind: text("kind").$type<TComplaintKind>().notNull(),
    /** A service request's type (install, move, repair, maintenance); null for complaints and inquiries. */
    serviceType: text("service_type").$type<TRequestType>(),
    channel: text("channel").$type<TComplaintChannel>().notNull(),
    centreRef: text("centre_ref"),
    customerName: text("customer_name").notNull(),
    contact: text("contact").notNull(),
    /** The contact's digits, for search by phone number. */
    contactDigits: text("contact_digits").notNull(),
    address: text("address").notNull().default(""),
    words: text("words").notNull(),
    photoSha256: text("photo_sha256"),
    workOrderId: uuid("work_order_id").references(() => workOrders.id),
    keyCustomerId: uuid("key_customer_id").references(() => keyCustomers.id),
    category: text("category").references(() => complaintCategories.code),
    severity: text("severity").$type<TSeverity>().notNull().default("normal"),
    /** Responsible department; null until classified. */
    department: text("department")
      .$type<TDepartment>()
      .references(() => departments.code),
    /** Departments told in writing (a key customer's service record); the responsible one first. */
    departmentsConcerned: text("departments_concerned")
      .array()
      .$type<TDepartment[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: text("status").$type<TComplaintStatus>().notNull(),
    version: integer("version").notNull().default(1),
    /** When the customer asked (the phone's time, never later than its arrival). */
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    policyVersion: integer("policy_version")
      .notNull()
      .references(() => serviceLimitPolicies.version),
    result: text("result").notNull().default(""),
    replyMethod: text("reply_method").$type<TReplyMethod>(),
    repliedAt: timestamp("replied_at", { withTimezone: true }),
    /** The written reply (书面答复): handling process and result, as printed. */
    letterProcess: text("letter_process"),
    letterResult: text("letter_result"),
    letterAt: timestamp("letter_at", { withTimezone: true }),
    signatureSha256: text("signature_sha256"),
    signerName: text("signer_name"),
    /** The highest escalation so far. */
    escalation: text("escalation").$type<TEscalationLevel>(),
    callbackAt: timestamp("callback_at", { withTimezone: true }),
    satisfaction: smallint("satisfaction"),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    /** The counter clerk's self-check mark (营业员自检), when recorded at the desk (ADR 0038). */
    clerkCheckedBy: uuid("clerk_checked_by").references(() => users.id),
    clerkCheckedAt: timestamp("clerk_checked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    txid: txid(),
  },
  // The desk (server/complaints/desk.ts): each state's queue is a keyset walk of its own partial index, and its count
  // an index-only scan of it; searches are prefix matches (text_pattern_ops: a LIKE 'x%' uses them in any collation).
  (t) => [
    index("complaints_open_due_idx")
      .on(t.dueAt, t.code)
      .where(sql`${t.status} <> 'closed'`),
    index("complaints_awaiting_due_idx")
      .on(t.dueAt, t.code)
      .where(sql`${t.status} in ('recorded', 'classified', 'accepted', 'investigating', 'resolved')`),
    index("complaints_escalated_due_idx")
      .on(t.dueAt, t.code)
      .where(sql`${t.escalation} is not null and ${t.status} <> 'closed'`),
    index("complaints_unclassified_idx")
      .on(t.dueAt)
      .where(sql`${t.status} = 'recorded'`),
    index("complaints_closed_idx")
      .on(t.closedAt, t.code)
      .where(sql`${t.status} = 'closed'`),
    index("complaints_received_idx").on(t.receivedAt, t.code),
    index("complaints_recorded_by_idx").on(t.recordedBy, t.txid),
    index("complaints_contact_idx").on(sql`${t.contactDigits} text_pattern_ops`),
    index("complaints_code_prefix_idx").on(sql`${t.code} text_pattern_ops`),
    index("complaints_customer_idx").on(sql`lower(${t.customerName}) text_pattern_ops`),
    index("complaints_department_idx").on(t.department, t.dueAt, t.code),
    index("complaints_txid_idx").on(t.txid),
    /** The analysis's key customers answered and callbacks made in a period (ADR 0041). */
    index("complaints_replied_idx")
      .on(t.repliedAt)
      .where(sql`${t.repliedAt} IS NOT NULL`),
    index("complaints_callback_idx")
      .on(t.callbackAt)
      .where(sql`${t.callbackAt} IS NOT NULL`),
  ],
);

/** Every step of a record, append-only: the timeline (and the audit chain holds the same facts). */
export const complaintEvents = pgTable(
  "complaint_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    complaintId: uuid("complaint_id")
      .notNull()
      .references(() => complaints.id),
    action: text("action").$type<TComplaintAction>().notNull(),
    fromStatus: text("from_status").$type<TComplaintStatus>(),
    toStatus: text("to_status").$type<TComplaintStatus>().notNull(),
    note: text("note").notNull().default(""),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    /** Null for the job runner (an automatic escalation). */
    actorId: uuid("actor_id").references(() => users.id),
    mutationId: uuid("mutation_id").unique(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    versionAfter: integer("version_after").notNull(),
  },
  (t) => [index("complaint_events_complaint_idx").on(t.complaintId, t.id)],
);

/** Escalations (to enterprise management, to the general manager): who, when, why; automatic ones name no person. */
export const complaintEscalations = pgTable(
  "complaint_escalations",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    complaintId: uuid("complaint_id")
      .notNull()
      .references(() => complaints.id),
    level: text("level").$type<TEscalationLevel>().notNull(),
    cause: text("cause").$type<TEscalationCause>().notNull(),
    reason: text("reason").notNull(),
    actorId: uuid("actor_id").references(() => users.id),
    /** The deadline an automatic escalation was for: one escalation per record and deadline. */
    dueAt: timestamp("due_at", { withTimezone: true }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("complaint_escalations_complaint_idx").on(t.complaintId),
    uniqueIndex("complaint_escalations_deadline_idx")
      .on(t.complaintId, t.level, t.dueAt)
      .where(sql`${t.cause} = 'deadline_passed'`),
  ],
);

/** The month's summary for enterprise management, as the job (on the 1st) or a person produced it. */
export const complaintSummaries = pgTable(
  "complaint_summaries",
  {
    month: text("month").notNull(),
    generatedAt: timestamp("generated_at", { withTimezone: true }).notNull().defaultNow(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    generatedBy: uuid("generated_by").references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.month, t.generatedAt] })],
);
