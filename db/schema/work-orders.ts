import { sql } from "drizzle-orm";
import { bigint, boolean, date, index, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { TCheckOutcome, TEquipmentType, TLicenseCheckResult, TPbxDetails } from "@/domain/work-orders/equipment";
import type { TWorkOrderKind, TWorkOrderStatus } from "@/domain/work-orders/status";
import { users } from "./auth";

/** The writing transaction's id: the sync.pull cursor (see db/schema/items.ts). */
const txid = () =>
  bigint("txid", { mode: "number" })
    .notNull()
    .default(sql`(pg_current_xact_id()::text::bigint)`);

/** An installation work order (装机工单) and its kin: install, move, repair, terminal maintenance. */
export const workOrders = pgTable(
  "work_orders",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    code: text("code").notNull().unique(),
    kind: text("kind").$type<TWorkOrderKind>().notNull(),
    customerName: text("customer_name").notNull(),
    address: text("address").notNull(),
    contact: text("contact").notNull(),
    service: text("service").notNull(),
    assignedTo: uuid("assigned_to").references(() => users.id),
    keyCustomer: boolean("key_customer").notNull().default(false),
    dueAt: timestamp("due_at", { withTimezone: true }),
    scheduledFor: date("scheduled_for").notNull(),
    status: text("status").$type<TWorkOrderStatus>().notNull(),
    version: integer("version").notNull().default(1),
    notes: text("notes").notNull().default(""),
    /** Why it was cancelled or why the customer refused to sign. */
    statusReason: text("status_reason").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid("created_by").references(() => users.id),
    /** The counter clerk's self-check mark (营业员自检): who confirmed the order checked, and when (ADR 0038). */
    clerkCheckedBy: uuid("clerk_checked_by").references(() => users.id),
    clerkCheckedAt: timestamp("clerk_checked_at", { withTimezone: true }),
    /** The PBX application or customer-built works this order connects (ADR 0039): it may connect only after a passed inspection. */
    propertyCaseId: uuid("property_case_id"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    txid: txid(),
  },
  (t) => [
    index("work_orders_assignee_idx").on(t.assignedTo, t.scheduledFor),
    index("work_orders_txid_idx").on(t.txid),
    /** The analysis's period counts (ADR 0041): orders created / closed in a month, by kind. */
    index("work_orders_created_idx").on(t.createdAt, t.kind),
    index("work_orders_closed_idx").on(t.closedAt, t.kind),
    /**
     * The desk's open group and its counts (issue 18): the few unfinished orders among years of closed ones. Its key
     * holds every column the desk's rank, order, filters, search and counts read, so they are read from the index
     * alone (server/work-orders/office-desk.ts unfinishedRows).
     */
    index("work_orders_unfinished_idx")
      .on(t.scheduledFor, t.code, t.status, t.keyCustomer, t.dueAt, t.assignedTo, t.id, t.customerName, t.contact)
      .where(sql`${t.status} not in ('closed', 'cancelled')`),
    /** The desk's finished orders in its order (issue 18): latest day, key customers, latest code first, read backwards. */
    index("work_orders_finished_desk_idx")
      .on(t.scheduledFor, t.keyCustomer, sql`(${t.code} collate "C")`)
      .where(sql`${t.status} in ('closed', 'cancelled')`),
    /** The desk's search of finished orders (server/work-orders/office-desk.ts searchWhere): prefixes. */
    index("work_orders_code_prefix_idx").on(sql`lower(${t.code}) text_pattern_ops`),
    index("work_orders_customer_prefix_idx").on(sql`lower(${t.customerName}) text_pattern_ops`),
    index("work_orders_contact_digits_idx").on(sql`regexp_replace(${t.contact}, '[^0-9]', '', 'g') text_pattern_ops`),
  ],
);

/** Append-only status changes of a work order (traceable like a label change); `work_orders.status` is their projection. */
export const workOrderEvents = pgTable(
  "work_order_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workOrderId: uuid("work_order_id")
      .notNull()
      .references(() => workOrders.id),
    fromStatus: text("from_status").$type<TWorkOrderStatus>(),
    toStatus: text("to_status").$type<TWorkOrderStatus>().notNull(),
    reason: text("reason").notNull().default(""),
    actorId: uuid("actor_id").references(() => users.id),
    deviceId: uuid("device_id"),
    mutationId: uuid("mutation_id").unique(),
    clientTime: timestamp("client_time", { withTimezone: true }),
    serverTime: timestamp("server_time", { withTimezone: true }).notNull().defaultNow(),
    versionAfter: integer("version_after").notNull(),
    txid: txid(),
  },
  (t) => [index("work_order_events_wo_idx").on(t.workOrderId, t.id), index("work_order_events_txid_idx").on(t.txid)],
);

/**
 * One check of a piece of customer-provided equipment (customer property procedure). The phone's own verdict
 * (against the registry it holds) is kept as made; the server re-checks against its registry and records its own.
 */
export const equipmentChecks = pgTable(
  "equipment_checks",
  {
    /** Made on the phone (UUIDv7): replays and re-sends never duplicate a check. */
    id: uuid("id").primaryKey(),
    workOrderId: uuid("work_order_id")
      .notNull()
      .references(() => workOrders.id),
    equipmentType: text("equipment_type").$type<TEquipmentType>().notNull(),
    labelKind: text("label_kind").$type<"license_old" | "license_mark" | "none">().notNull(),
    licenseNo: text("license_no"),
    markCode: text("mark_code"),
    scrambleCode: text("scramble_code"),
    labelModel: text("label_model"),
    equipmentModel: text("equipment_model").notNull().default(""),
    serial: text("serial").notNull().default(""),
    /** How the label was read: scanned by camera or typed. */
    entry: text("entry").$type<"scan" | "typed">().notNull(),
    clientResult: text("client_result").$type<TLicenseCheckResult>().notNull(),
    /** Date (ISO) of the registry the phone checked against; null when it had none. */
    clientRegistryVersion: text("client_registry_version"),
    serverResult: text("server_result").$type<TLicenseCheckResult>().notNull(),
    serverRegistryVersion: text("server_registry_version"),
    outcome: text("outcome").$type<TCheckOutcome>().notNull(),
    note: text("note").notNull().default(""),
    pbx: jsonb("pbx").$type<TPbxDetails>(),
    photoSha256: text("photo_sha256"),
    actorId: uuid("actor_id").references(() => users.id),
    deviceId: uuid("device_id"),
    mutationId: uuid("mutation_id").unique(),
    clientTime: timestamp("client_time", { withTimezone: true }),
    serverTime: timestamp("server_time", { withTimezone: true }).notNull().defaultNow(),
    txid: txid(),
  },
  (t) => [
    index("equipment_checks_wo_idx").on(t.workOrderId),
    index("equipment_checks_txid_idx").on(t.txid),
    /** The analysis's failed checks by reason in a period (ADR 0041; bench:analysis 165 → 13 ms). */
    index("equipment_checks_server_time_idx").on(t.serverTime, t.serverResult),
  ],
);

/**
 * Sign-offs: the lineman's self-check (checklist + signature) and the customer's turn (ratings, comment,
 * signature, or refusal). Append-only; the evidence hash binds what was signed.
 */
export const workOrderSignoffs = pgTable(
  "work_order_signoffs",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workOrderId: uuid("work_order_id")
      .notNull()
      .references(() => workOrders.id),
    kind: text("kind").$type<"self_check" | "customer_signed" | "customer_refused">().notNull(),
    signerName: text("signer_name").notNull().default(""),
    checklist: jsonb("checklist").$type<Record<string, boolean>>(),
    ratingAttitude: smallint("rating_attitude"),
    ratingOnTime: smallint("rating_on_time"),
    comment: text("comment").notNull().default(""),
    refusalReason: text("refusal_reason").notNull().default(""),
    signatureSha256: text("signature_sha256"),
    /** signature_pad's point groups, kept as vectors beside the PNG. */
    strokes: jsonb("strokes"),
    /** What the customer was shown and signed (canonical JSON input of the evidence hash). */
    snapshot: jsonb("snapshot"),
    evidenceHash: text("evidence_hash"),
    actorId: uuid("actor_id").references(() => users.id),
    deviceId: uuid("device_id"),
    mutationId: uuid("mutation_id").unique(),
    clientTime: timestamp("client_time", { withTimezone: true }),
    /** The server's receipt time. */
    serverTime: timestamp("server_time", { withTimezone: true }).notNull().defaultNow(),
    txid: txid(),
  },
  (t) => [index("work_order_signoffs_wo_idx").on(t.workOrderId), index("work_order_signoffs_txid_idx").on(t.txid)],
);

/** Photos attached to a work order (evidence_files by content hash). */
export const workOrderPhotos = pgTable(
  "work_order_photos",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workOrderId: uuid("work_order_id")
      .notNull()
      .references(() => workOrders.id),
    sha256: text("sha256").notNull(),
    caption: text("caption").notNull().default(""),
    actorId: uuid("actor_id").references(() => users.id),
    mutationId: uuid("mutation_id").unique(),
    serverTime: timestamp("server_time", { withTimezone: true }).notNull().defaultNow(),
    txid: txid(),
  },
  (t) => [index("work_order_photos_wo_idx").on(t.workOrderId)],
);

/**
 * A lineman who lost a work order to a re-assignment: their phone is told to drop it (and its checks, sign-offs
 * and events) at its next pull, so the customer's details do not stay on a phone that has no business with them.
 */
export const workOrderWithdrawals = pgTable(
  "work_order_withdrawals",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workOrderId: uuid("work_order_id")
      .notNull()
      .references(() => workOrders.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    txid: txid(),
  },
  (t) => [index("work_order_withdrawals_user_txid_idx").on(t.userId, t.txid)],
);

/**
 * An equipment check taken back before the self-check (ADR 0021): removed as recorded in error, or replaced by a
 * correction (`supersededBy`, the new check). Append-only, one per check: the check itself is never changed; the
 * sign-off, the summary the customer signs and the PDF read only checks without a withdrawal.
 */
export const equipmentCheckWithdrawals = pgTable(
  "equipment_check_withdrawals",
  {
    checkId: uuid("check_id")
      .primaryKey()
      .references(() => equipmentChecks.id),
    workOrderId: uuid("work_order_id")
      .notNull()
      .references(() => workOrders.id),
    /** The correcting check, or null when the check was removed. */
    supersededBy: uuid("superseded_by").references(() => equipmentChecks.id),
    reason: text("reason").notNull().default(""),
    actorId: uuid("actor_id").references(() => users.id),
    deviceId: uuid("device_id"),
    mutationId: uuid("mutation_id").unique(),
    clientTime: timestamp("client_time", { withTimezone: true }),
    serverTime: timestamp("server_time", { withTimezone: true }).notNull().defaultNow(),
    txid: txid(),
  },
  (t) => [index("equipment_check_withdrawals_wo_idx").on(t.workOrderId), index("equipment_check_withdrawals_txid_idx").on(t.txid)],
);

/**
 * The data-terminal service record (服务记录表) of a terminal-maintenance order: the service asked for, what was done,
 * the parts, and the completion column (完成情况) that the customer signs with the order (ADR 0038). Written from the
 * lineman's phone (`workOrder.serviceRecord`, offline); a later version replaces it until the customer has signed.
 */
export const workOrderServiceRecords = pgTable(
  "work_order_service_records",
  {
    workOrderId: uuid("work_order_id")
      .primaryKey()
      .references(() => workOrders.id),
    requested: text("requested").notNull(),
    done: text("done").notNull(),
    parts: jsonb("parts").$type<{ name: string; quantity: number }[]>().notNull(),
    completion: text("completion").notNull(),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    clientTime: timestamp("client_time", { withTimezone: true }),
    mutationId: text("mutation_id"),
    txid: txid(),
  },
  (t) => [index("work_order_service_records_txid_idx").on(t.txid)],
);
