import { sql } from "drizzle-orm";
import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { TNoticeKind, TNoticeParams } from "@/domain/notices/notices";
import { users } from "./auth";

/**
 * A notice in one user's inbox (server/notices/service.ts raiseNotice). `key` makes raising idempotent: a reminder
 * job run twice (a retry, two processes) raises one notice. Synced to the recipient's phone (feed `notices`).
 */
export const notices = pgTable(
  "notices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").$type<TNoticeKind>().notNull(),
    params: jsonb("params").$type<TNoticeParams>().notNull().default({}),
    href: text("href").notNull(),
    key: text("key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
    txid: bigint("txid", { mode: "number" })
      .notNull()
      .default(sql`(pg_current_xact_id()::text::bigint)`),
  },
  (t) => [uniqueIndex("notices_user_key_idx").on(t.userId, t.key), index("notices_user_txid_idx").on(t.userId, t.txid)],
);
