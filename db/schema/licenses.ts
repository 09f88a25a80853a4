import { date, pgTable, text } from "drizzle-orm/pg-core";

/** Network-access license registry (进网许可): license number → what it licenses. */
export const licenseRegistry = pgTable("license_registry", {
  licenseNo: text("license_no").primaryKey(),
  applicant: text("applicant").notNull(),
  equipmentName: text("equipment_name").notNull(),
  model: text("model").notNull(),
  issueDate: date("issue_date").notNull(),
  expiryDate: date("expiry_date").notNull(),
});
