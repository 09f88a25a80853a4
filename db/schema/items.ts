import { sql } from "drizzle-orm";
import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { TItemKind, TItemStatus, TZoneKind } from "@/domain/items/labels";

export const sites = pgTable("sites", {
  code: text("code").primaryKey(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  address: text("address").notNull(),
});

export const zones = pgTable("zones", {
  code: text("code").primaryKey(),
  siteCode: text("site_code")
    .notNull()
    .references(() => sites.code),
  kind: text("kind").$type<TZoneKind>().notNull(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
});

export const items = pgTable("items", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  tagCode: text("tag_code").notNull().unique(),
  kind: text("kind").$type<TItemKind>().notNull(),
  name: text("name").notNull(),
  zoneCode: text("zone_code").references(() => zones.code),
  status: text("status").$type<TItemStatus>().notNull(),
  version: integer("version").notNull().default(1),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
