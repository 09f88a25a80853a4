import { bigint, bigserial, index, jsonb, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

/**
 * Append-only, hash-chained record of every change: who, when, what, to which subject. A deferred trigger run inside
 * COMMIT (migration 0029, ADR 0043) numbers each row in commit order (`chain_seq`) and sets
 * `hash = SHA-256(prev_hash || canonical row)`; update, delete and truncate are refused by triggers and revoked from PUBLIC.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id").references(() => users.id),
    name: text("name").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    payload: jsonb("payload").notNull(),
    chainSeq: bigint("chain_seq", { mode: "number" }).unique(),
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [index("audit_subject_idx").on(t.subjectType, t.subjectId)],
);

/** The chain's head: one row, locked by each appending transaction as it commits (serialises the chain in commit order). */
export const auditChainHead = pgTable("audit_chain_head", {
  id: smallint("id").primaryKey(),
  lastSeq: bigint("last_seq", { mode: "number" }).notNull(),
  lastHash: text("last_hash").notNull(),
});
