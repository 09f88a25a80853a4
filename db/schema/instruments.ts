import { sql } from "drizzle-orm";
import { date, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import type { TDepartment } from "@/domain/auth/roles";
import type { TInstrumentCategory, TInstrumentStatus } from "@/domain/instruments/status";
import { departments, users } from "./auth";

export const instruments = pgTable("instruments", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  assetTag: text("asset_tag").notNull().unique(),
  name: text("name").notNull(),
  model: text("model").notNull(),
  serial: text("serial").notNull(),
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
  version: integer("version").notNull().default(1),
});
