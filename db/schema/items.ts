import { sql } from "drizzle-orm";
import { bigint, check, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { TItemKind, TItemStatus, TLabelReason, TZoneKind } from "@/domain/items/labels";
import { users } from "./auth";

export const sites = pgTable("sites", {
  code: text("code").primaryKey(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  address: text("address").notNull(),
});

/**
 * `txid` columns: the writing transaction's id (`pg_current_xact_id()`), the cursor of `sync.pull`. A row is
 * pulled once every transaction below the reader's snapshot xmin has finished, so none is skipped.
 */
const txid = () =>
  bigint("txid", { mode: "number" })
    .notNull()
    .default(sql`(pg_current_xact_id()::text::bigint)`);

export const zones = pgTable("zones", {
  code: text("code").primaryKey(),
  siteCode: text("site_code")
    .notNull()
    .references(() => sites.code),
  kind: text("kind").$type<TZoneKind>().notNull(),
  /** The quarantine label this area is designated for (returned / pending_disposal / scrapped); null: undesignated. */
  holds: text("holds").$type<TItemStatus>(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  txid: txid(),
});

export const items = pgTable(
  "items",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    tagCode: text("tag_code").notNull().unique(),
    kind: text("kind").$type<TItemKind>().notNull(),
    name: text("name").notNull(),
    zoneCode: text("zone_code").references(() => zones.code),
    status: text("status").$type<TItemStatus>().notNull(),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id),
    /** The catalogue material (materials.code); null for equipment and items from before receiving. */
    materialCode: text("material_code"),
    /** Units on hand under this tag: 1 for a serialised item, the lot's size for a lot tag; never negative. */
    quantity: integer("quantity").notNull().default(1),
    /** The receipt line it came in on (receipt_lines.id); null for items from before receiving. */
    receiptLineId: uuid("receipt_line_id"),
    /** The lot this one was split from (a lot accepted in part). */
    splitFrom: uuid("split_from"),
    /** Quarantine: who deals with it, and since when it is there (ageing). */
    responsibleId: uuid("responsible_id").references(() => users.id),
    quarantinedAt: timestamp("quarantined_at", { withTimezone: true }),
    /** Issued: who or which department holds it. */
    holderId: uuid("holder_id").references(() => users.id),
    holderDepartment: text("holder_department"),
    /** Not found at a stock-take and written off its zone. */
    missingSince: timestamp("missing_since", { withTimezone: true }),
    txid: txid(),
  },
  (t) => [
    index("items_txid_idx").on(t.txid),
    index("items_zone_status_idx").on(t.zoneCode, t.status, t.tagCode),
    index("items_material_idx").on(t.materialCode, t.tagCode),
    // warehouse search by material with a zone or label filter: both checked in the index, in tag order, never the heap
    index("items_material_filters_idx").on(t.materialCode, t.tagCode, t.zoneCode, t.status),
    index("items_receipt_line_idx").on(t.receiptLineId),
    index("items_responsible_idx").on(t.responsibleId),
    // scoped pulls (ADR 0042): a site's zones' changes, and a holder's, in txid order
    index("items_zone_txid_idx").on(t.zoneCode, t.txid),
    index("items_holder_txid_idx").on(t.holderId, t.txid),
    check("items_quantity_not_negative", sql`${t.quantity} >= 0`),
  ],
);

/** Append-only label changes; `items.status` is their projection, written in the same transaction. */
export const itemLabelEvents = pgTable(
  "item_label_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => items.id),
    fromStatus: text("from_status").$type<TItemStatus>(),
    toStatus: text("to_status").$type<TItemStatus>().notNull(),
    reason: text("reason").$type<TLabelReason>().notNull(),
    note: text("note").notNull().default(""),
    fromZone: text("from_zone"),
    toZone: text("to_zone"),
    actorId: uuid("actor_id").references(() => users.id),
    deviceId: uuid("device_id"),
    mutationId: uuid("mutation_id").unique(),
    clientTime: timestamp("client_time", { withTimezone: true }),
    serverTime: timestamp("server_time", { withTimezone: true }).notNull().defaultNow(),
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    accuracy: doublePrecision("accuracy"),
    versionAfter: integer("version_after").notNull(),
    /** A photo of the label as evidence (evidence_files.sha256). */
    photoSha256: text("photo_sha256"),
    txid: txid(),
  },
  (t) => [
    index("item_label_events_item_idx").on(t.itemId, t.id),
    index("item_label_events_txid_idx").on(t.txid),
    // a phone's pull reads its own items' events past its cursor (ADR 0049), not everyone's past it
    index("item_label_events_item_txid_idx").on(t.itemId, t.txid),
  ],
);

/**
 * The sites a user works at (ADR 0042): an item-handling phone keeps the items of those sites' zones and the items
 * the user holds, not the company's. A user with no site keeps every site's (a small operator, the demo).
 */
export const userSites = pgTable(
  "user_sites",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    siteCode: text("site_code")
      .notNull()
      .references(() => sites.code),
    txid: txid(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.siteCode] })],
);

/**
 * An item that changed zone or holder, written by a trigger on `items` whatever writes it (a label change, a move,
 * an issue, an import): the phones whose scope it left drop it (the items feed's tombstones, ADR 0042). Append-only.
 */
export const itemScopeMoves = pgTable(
  "item_scope_moves",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    itemId: uuid("item_id").notNull(),
    fromZone: text("from_zone"),
    toZone: text("to_zone"),
    fromHolder: uuid("from_holder"),
    toHolder: uuid("to_holder"),
    txid: txid(),
  },
  (t) => [index("item_scope_moves_txid_idx").on(t.txid), index("item_scope_moves_from_zone_idx").on(t.fromZone, t.txid)],
);
