import { sql } from "drizzle-orm";
import { bigint, boolean, date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { TWorkOrderKind, TWorkOrderStatus } from "@/domain/work-orders/status";
import { users } from "./auth";

export const workOrders = pgTable(
  "work_orders",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
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
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Writing transaction (stamped by trigger): the sync.pull cursor, as for items. */
    txid: bigint("txid", { mode: "number" }).notNull().default(sql`(pg_current_xact_id()::text::bigint)`),
  },
  (t) => [index("work_orders_assignee_idx").on(t.assignedTo, t.scheduledFor), index("work_orders_txid_idx").on(t.txid)],
);
