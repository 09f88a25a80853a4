import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { TDepartment } from "@/domain/auth/roles";
import type { TItemStatus } from "@/domain/items/labels";
import type { TDifferenceKind, TResolution } from "@/domain/warehouse/count";
import type { TReceiptStatus, TRejectTarget, TUnit } from "@/domain/warehouse/model";
import type { TMoveKind } from "@/domain/warehouse/stock";
import { departments, users } from "./auth";
import { items, zones } from "./items";

/** The writing transaction's id: the sync.pull cursor (see db/schema/items.ts). */
const txid = () =>
  bigint("txid", { mode: "number" })
    .notNull()
    .default(sql`(pg_current_xact_id()::text::bigint)`);

/** The material catalogue: what can be received, its unit, whether each unit gets its own tag, the suppliers' barcodes. */
export const materials = pgTable("materials", {
  code: text("code").primaryKey(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  unit: text("unit").$type<TUnit>().notNull(),
  serialised: boolean("serialised").notNull(),
  /** Suppliers' barcodes (EAN-13, Code 128, QR text) that name this material. */
  barcodes: text("barcodes")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  active: boolean("active").notNull().default(true),
  txid: txid(),
});

/** The day's last number per kind of record (RC receipts, QA forms), upserted under its row lock. */
export const warehouseCounters = pgTable(
  "warehouse_counters",
  {
    kind: text("kind").$type<"RC" | "QA">().notNull(),
    day: text("day").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.day] })],
);

/** Blocks of stock-tag numbers leased to a phone (or printed as a roll, no device): never overlapping (ADR 0035). */
export const tagLeases = pgTable(
  "tag_leases",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    deviceId: uuid("device_id"),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    firstNo: integer("first_no").notNull(),
    lastNo: integer("last_no").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("tag_leases_first_idx").on(t.firstNo), index("tag_leases_device_idx").on(t.deviceId)],
);

/** A delivery received against a purchase request (到货登记), numbered RC-YYYYMMDD-NNNN by the server. */
export const receipts = pgTable(
  "receipts",
  {
    id: uuid("id").primaryKey(),
    code: text("code").notNull().unique(),
    purchaseRequest: text("purchase_request").notNull(),
    department: text("department")
      .$type<TDepartment>()
      .notNull()
      .references(() => departments.code),
    supplier: text("supplier").notNull(),
    deliveryNote: text("delivery_note").notNull(),
    inspectionZone: text("inspection_zone")
      .notNull()
      .references(() => zones.code),
    note: text("note").notNull().default(""),
    status: text("status").$type<TReceiptStatus>().notNull(),
    receivedBy: uuid("received_by")
      .notNull()
      .references(() => users.id),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    serverTime: timestamp("server_time", { withTimezone: true }).notNull().defaultNow(),
    deviceId: uuid("device_id"),
    mutationId: uuid("mutation_id").unique(),
    version: integer("version").notNull().default(1),
    txid: txid(),
  },
  (t) => [
    index("receipts_txid_idx").on(t.txid),
    index("receipts_received_idx").on(t.receivedAt, t.id),
    index("receipts_delivery_note_idx").on(t.deliveryNote),
    index("receipts_department_status_idx").on(t.department, t.status),
  ],
);

export const receiptLines = pgTable(
  "receipt_lines",
  {
    id: uuid("id").primaryKey(),
    receiptId: uuid("receipt_id")
      .notNull()
      .references(() => receipts.id),
    lineNo: integer("line_no").notNull(),
    materialCode: text("material_code")
      .notNull()
      .references(() => materials.code),
    quantity: integer("quantity").notNull(),
    unit: text("unit").$type<TUnit>().notNull(),
    serialised: boolean("serialised").notNull(),
    supplierCode: text("supplier_code"),
    txid: txid(),
  },
  (t) => [index("receipt_lines_receipt_idx").on(t.receiptId, t.lineNo), index("receipt_lines_txid_idx").on(t.txid)],
);

/** The Quality Acceptance Form (《质量认可单》): one per receipt, signed by someone of the requesting department. */
export const acceptanceForms = pgTable(
  "acceptance_forms",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    receiptId: uuid("receipt_id")
      .notNull()
      .unique()
      .references(() => receipts.id),
    code: text("code").notNull().unique(),
    department: text("department")
      .$type<TDepartment>()
      .notNull()
      .references(() => departments.code),
    inspectorId: uuid("inspector_id")
      .notNull()
      .references(() => users.id),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull().defaultNow(),
    signatureSha256: text("signature_sha256").notNull(),
    note: text("note").notNull().default(""),
    txid: txid(),
  },
  (t) => [index("acceptance_forms_txid_idx").on(t.txid), index("acceptance_forms_signed_idx").on(t.signedAt, t.id)],
);

export const acceptanceLines = pgTable(
  "acceptance_lines",
  {
    formId: uuid("form_id")
      .notNull()
      .references(() => acceptanceForms.id),
    itemId: uuid("item_id")
      .notNull()
      .references(() => items.id),
    accepted: integer("accepted").notNull(),
    rejected: integer("rejected").notNull(),
    rejectTo: text("reject_to").$type<TRejectTarget>(),
    reason: text("reason").notNull().default(""),
    photoSha256: text("photo_sha256"),
    txid: txid(),
  },
  (t) => [
    primaryKey({ columns: [t.formId, t.itemId] }),
    index("acceptance_lines_item_idx").on(t.itemId),
    index("acceptance_lines_txid_idx").on(t.txid),
    check("acceptance_lines_quantities", sql`${t.accepted} >= 0 AND ${t.rejected} >= 0`),
  ],
);

/**
 * An item's warehouse history besides its labels (item_label_events): received, inspected, split, issued, returned,
 * counted, adjusted. Append-only; the item page and the office show both, in time order.
 */
export const stockEvents = pgTable(
  "stock_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => items.id),
    kind: text("kind").$type<"received" | "inspected" | "split" | "issued" | "returned" | "counted" | "adjusted" | "responsible">().notNull(),
    quantity: integer("quantity"),
    zoneCode: text("zone_code"),
    personId: uuid("person_id").references(() => users.id),
    department: text("department").$type<TDepartment>(),
    /** The receipt, form, move or count this came from (its code or id). */
    ref: text("ref"),
    note: text("note").notNull().default(""),
    actorId: uuid("actor_id").references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    mutationId: uuid("mutation_id"),
    txid: txid(),
  },
  (t) => [index("stock_events_item_idx").on(t.itemId, t.id), index("stock_events_txid_idx").on(t.txid)],
);

/** Issues and returns (scan tag → person): ids made on the phone, so a resend applies once. */
export const stockMoves = pgTable(
  "stock_moves",
  {
    id: uuid("id").primaryKey(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => items.id),
    kind: text("kind").$type<TMoveKind>().notNull(),
    quantity: integer("quantity").notNull(),
    toUserId: uuid("to_user_id").references(() => users.id),
    toDepartment: text("to_department").$type<TDepartment>(),
    zoneCode: text("zone_code"),
    note: text("note").notNull().default(""),
    actorId: uuid("actor_id")
      .notNull()
      .references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    mutationId: uuid("mutation_id").unique(),
  },
  (t) => [index("stock_moves_item_idx").on(t.itemId, t.at), check("stock_moves_quantity", sql`${t.quantity} > 0`)],
);

/** A stock-take of a zone (盘点), submitted from the phone once; its differences wait for the keeper to confirm. */
export const stockCounts = pgTable(
  "stock_counts",
  {
    id: uuid("id").primaryKey(),
    zoneCode: text("zone_code")
      .notNull()
      .references(() => zones.code),
    countedBy: uuid("counted_by")
      .notNull()
      .references(() => users.id),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    deviceId: uuid("device_id"),
    mutationId: uuid("mutation_id").unique(),
    scans: jsonb("scans").$type<string[]>().notNull(),
    expected: integer("expected").notNull(),
    found: integer("found").notNull(),
    differences: integer("differences").notNull(),
    settledAt: timestamp("settled_at", { withTimezone: true }),
    txid: txid(),
  },
  (t) => [index("stock_counts_txid_idx").on(t.txid), index("stock_counts_submitted_idx").on(t.submittedAt, t.id)],
);

export const countDifferences = pgTable(
  "count_differences",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    countId: uuid("count_id")
      .notNull()
      .references(() => stockCounts.id),
    kind: text("kind").$type<TDifferenceKind>().notNull(),
    tag: text("tag").notNull(),
    itemId: uuid("item_id").references(() => items.id),
    recordedZone: text("recorded_zone"),
    statusAtCount: text("status_at_count").$type<TItemStatus>(),
    resolution: text("resolution").$type<TResolution>(),
    reason: text("reason"),
    resolvedBy: uuid("resolved_by").references(() => users.id),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    txid: txid(),
  },
  (t) => [index("count_differences_count_idx").on(t.countId, t.kind, t.tag), index("count_differences_txid_idx").on(t.txid)],
);
