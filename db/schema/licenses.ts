import { sql } from "drizzle-orm";
import { bigint, date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

/** Network-access license registry (进网许可): license number → what it licenses. Phones keep a copy offline. */
export const licenseRegistry = pgTable(
  "license_registry",
  {
    licenseNo: text("license_no").primaryKey(),
    /** The new mark's digital code (进网许可标志), when the license has one. */
    markCode: text("mark_code").unique(),
    applicant: text("applicant").notNull(),
    equipmentName: text("equipment_name").notNull(),
    model: text("model").notNull(),
    issueDate: date("issue_date").notNull(),
    expiryDate: date("expiry_date").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    txid: bigint("txid", { mode: "number" })
      .notNull()
      .default(sql`(pg_current_xact_id()::text::bigint)`),
  },
  (t) => [index("license_registry_txid_idx").on(t.txid)],
);

/** Each CSV import of the registry; the latest one's time is the registry's version ("registry of <date>"). */
export const licenseImports = pgTable("license_imports", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  importedBy: uuid("imported_by").references(() => users.id),
  rowsOk: integer("rows_ok").notNull(),
  rowsBad: integer("rows_bad").notNull(),
  txid: bigint("txid", { mode: "number" })
    .notNull()
    .default(sql`(pg_current_xact_id()::text::bigint)`),
});
