import { sql } from "drizzle-orm";
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { TDepartment } from "@/domain/auth/roles";
import type {
  TAgreementKind,
  TCaseKind,
  TCaseStatus,
  TCounterKind,
  TDocumentKind,
  TItemResult,
  TMaintenanceStatus,
  TRoundStatus,
} from "@/domain/property/model";
import type { TLicenseCheckResult } from "@/domain/work-orders/equipment";
import { departments, users } from "./auth";

/** The writing transaction's id: the sync.pull cursor (see db/schema/items.ts). */
const txid = () =>
  bigint("txid", { mode: "number" })
    .notNull()
    .default(sql`(pg_current_xact_id()::text::bigint)`);
const at = (name: string) => timestamp(name, { withTimezone: true });

/** The year's last number per kind of record (PBX, CW, RL, MA), upserted under its row lock. */
export const propertyCounters = pgTable(
  "property_counters",
  {
    kind: text("kind").$type<TCounterKind>().notNull(),
    year: text("year").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.year] })],
);

/** The PBX application's details as the customer applied (《安装用户交换机申请检验表》). */
export interface TPbxApplication {
  certificateNo: string;
  model: string;
  manufacturer: string;
  capacity: string;
  standard: string;
  connection: string;
  power: string;
  ancillary: string;
  trunkLines: number;
  /** The registry's entry when recorded (applicant, equipment, expiry) and its verdict. */
  registry: { verdict: TLicenseCheckResult; applicant: string; equipmentName: string; expiryDate: string };
}

/** A works project and its agreement (《客户自建通信工程验收或管理维护协议》). */
export interface TWorksProject {
  projectName: string;
  constructorName: string;
  scope: string;
  agreementKind: TAgreementKind;
  parties: string;
  startsOn: string;
  endsOn: string;
  /** The customer's signature drawn on screen (evidence_files), or null when a scanned agreement is on file. */
  signatureSha256: string | null;
}

/** A customer-property case: a PBX application or a customer-built works project (ADR 0039). */
export const propertyCases = pgTable(
  "property_cases",
  {
    id: uuid("id").primaryKey(),
    /** PBX-2026-0001 / CW-2026-0001 */
    code: text("code").notNull().unique(),
    kind: text("kind").$type<TCaseKind>().notNull(),
    status: text("status").$type<TCaseStatus>().notNull(),
    customerName: text("customer_name").notNull(),
    customerPhone: text("customer_phone").notNull(),
    /** The phone's digits, to match a customer's work orders. */
    customerPhoneDigits: text("customer_phone_digits").notNull(),
    customerAddress: text("customer_address").notNull(),
    /** A PBX's application or a works project (by kind). */
    details: jsonb("details").$type<TPbxApplication | TWorksProject>().notNull(),
    appliedOn: date("applied_on").notNull(),
    note: text("note").notNull().default(""),
    /** Rounds held so far (the last round's number). */
    rounds: integer("rounds").notNull().default(0),
    /** The work order that connected it (or null when customer service opened the service). */
    connectedOrderId: uuid("connected_order_id"),
    connectedAt: at("connected_at"),
    cancelReason: text("cancel_reason"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
    version: integer("version").notNull().default(1),
    txid: txid(),
  },
  (t) => [
    index("property_cases_status_idx").on(t.kind, t.status),
    index("property_cases_phone_idx").on(t.customerPhoneDigits),
    index("property_cases_txid_idx").on(t.txid),
  ],
);

/** A case's documents (append-only): the application, certificate, agreement, design documents, test report. */
export const propertyDocuments = pgTable(
  "property_documents",
  {
    id: uuid("id").primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => propertyCases.id),
    kind: text("kind").$type<TDocumentKind>().notNull(),
    fileName: text("file_name").notNull(),
    mime: text("mime").notNull(),
    bytes: integer("bytes").notNull(),
    /** evidence_files.sha256 */
    sha256: text("sha256").notNull(),
    uploadedBy: uuid("uploaded_by")
      .notNull()
      .references(() => users.id),
    uploadedAt: at("uploaded_at").notNull().defaultNow(),
  },
  (t) => [index("property_documents_case_idx").on(t.caseId)],
);

/** The inspection item lists (PBX checklist, works acceptance item list), kept by the organising department. */
export const propertyItems = pgTable(
  "property_items",
  {
    id: uuid("id").primaryKey(),
    kind: text("kind").$type<TCaseKind>().notNull(),
    /** The national standard clause (GB 50311 §6.1) or the form's line. */
    clause: text("clause").notNull(),
    group: text("group_name").notNull(),
    textZh: text("text_zh").notNull(),
    textEn: text("text_en").notNull().default(""),
    unit: text("unit"),
    active: boolean("active").notNull().default(true),
    sort: integer("sort").notNull().default(0),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [index("property_items_kind_idx").on(t.kind, t.active, t.sort)],
);

/** An inspection round of a case: scheduled by the organisers, done on the phone by its named inspectors. */
export const propertyRounds = pgTable(
  "property_rounds",
  {
    id: uuid("id").primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => propertyCases.id),
    roundNo: integer("round_no").notNull(),
    status: text("status").$type<TRoundStatus>().notNull(),
    scheduledFor: date("scheduled_for").notNull(),
    departments: jsonb("departments").$type<TDepartment[]>().notNull(),
    note: text("note").notNull().default(""),
    scheduledBy: uuid("scheduled_by")
      .notNull()
      .references(() => users.id),
    scheduledAt: at("scheduled_at").notNull().defaultNow(),
    /** The inspector whose phone submitted it, when the site visit was (clamped), and the phone's mutation. */
    submittedBy: uuid("submitted_by").references(() => users.id),
    inspectedAt: at("inspected_at"),
    submittedAt: at("submitted_at"),
    mutationId: text("mutation_id"),
    submitNote: text("submit_note").notNull().default(""),
    version: integer("version").notNull().default(1),
    txid: txid(),
  },
  (t) => [uniqueIndex("property_rounds_case_no_unique").on(t.caseId, t.roundNo), index("property_rounds_txid_idx").on(t.txid)],
);

/** A round's named inspectors and, once submitted, each one's signature drawn at the site. */
export const propertyRoundInspectors = pgTable(
  "property_round_inspectors",
  {
    roundId: uuid("round_id")
      .notNull()
      .references(() => propertyRounds.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    /** The inspector's department then. */
    department: text("department")
      .$type<TDepartment>()
      .references(() => departments.code),
    /** The inspector's name as it was then (printed on the form). */
    name: text("name").notNull(),
    signatureSha256: text("signature_sha256"),
    signedAt: at("signed_at"),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.userId] }), index("property_round_inspectors_user_idx").on(t.userId)],
);

/** The items of a round (a snapshot of the list's text when scheduled) and, once inspected, each result. */
export const propertyRoundItems = pgTable(
  "property_round_items",
  {
    roundId: uuid("round_id")
      .notNull()
      .references(() => propertyRounds.id),
    itemId: uuid("item_id")
      .notNull()
      .references(() => propertyItems.id),
    clause: text("clause").notNull(),
    group: text("group_name").notNull(),
    textZh: text("text_zh").notNull(),
    textEn: text("text_en").notNull(),
    unit: text("unit"),
    sort: integer("sort").notNull(),
    result: text("result").$type<TItemResult>(),
    measurement: text("measurement").notNull().default(""),
    note: text("note").notNull().default(""),
    /**
     * The first of `photoSha256s` (or null), kept so that whatever read or wrote one photo before issue 16's several
     * photos stays right; the trigger of migration 0030 keeps the two in step whoever writes. Read `photoSha256s`.
     */
    photoSha256: text("photo_sha256"),
    /** The item's photos in the evidence store, in the order taken (at most MAX_ROUND_ITEM_PHOTOS, domain/property/model.ts). */
    photoSha256s: text("photo_sha256s")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.itemId] })],
);

/** A rectification letter after a failed round: the failed items and the deadline; the customer's report of rectification. */
export const propertyLetters = pgTable(
  "property_letters",
  {
    id: uuid("id").primaryKey(),
    /** RL-2026-0001 */
    code: text("code").notNull().unique(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => propertyCases.id),
    roundId: uuid("round_id")
      .notNull()
      .references(() => propertyRounds.id),
    deadline: date("deadline").notNull(),
    /** The failed items as written in the letter. */
    items: jsonb("items").$type<{ clause: string; textZh: string; textEn: string; note: string; measurement: string }[]>().notNull(),
    note: text("note").notNull().default(""),
    issuedBy: uuid("issued_by")
      .notNull()
      .references(() => users.id),
    issuedAt: at("issued_at").notNull().defaultNow(),
    rectifiedAt: at("rectified_at"),
    rectifiedBy: uuid("rectified_by").references(() => users.id),
    rectifiedNote: text("rectified_note"),
    /** The overdue notice went out (once per letter). */
    overdueNotifiedAt: at("overdue_notified_at"),
  },
  (t) => [uniqueIndex("property_letters_round_unique").on(t.roundId), index("property_letters_open_idx").on(t.deadline)],
);

/** An equipment maintenance agreement (设备代维协议). */
export const maintenanceAgreements = pgTable(
  "maintenance_agreements",
  {
    id: uuid("id").primaryKey(),
    /** MA-2026-0001 */
    code: text("code").notNull().unique(),
    status: text("status").$type<TMaintenanceStatus>().notNull(),
    customerName: text("customer_name").notNull(),
    customerPhone: text("customer_phone").notNull(),
    customerPhoneDigits: text("customer_phone_digits").notNull(),
    customerAddress: text("customer_address").notNull(),
    equipment: jsonb("equipment").$type<string[]>().notNull(),
    appliedOn: date("applied_on").notNull(),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    terms: text("terms").notNull(),
    offeredBy: uuid("offered_by").references(() => users.id),
    signatureSha256: text("signature_sha256"),
    cancelReason: text("cancel_reason"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: at("created_at").notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("maintenance_agreements_phone_idx").on(t.customerPhoneDigits, t.status)],
);
