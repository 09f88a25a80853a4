import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { TMutationOutcome, TRejectionCode } from "@/domain/sync/protocol";
import { users } from "./auth";

/** An installed app of one user (the outbox is bound to it); `last_applied_seq` makes pushes idempotent. */
export const devices = pgTable(
  "devices",
  {
    deviceId: uuid("device_id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    label: text("label").notNull().default(""),
    lastAppliedSeq: integer("last_applied_seq").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("devices_user_idx").on(t.userId)],
);

/** The stored answer to every mutation ever pushed: replays get the same answer. */
export const mutationResults = pgTable(
  "mutation_results",
  {
    mutationId: uuid("mutation_id").primaryKey(),
    deviceId: uuid("device_id")
      .notNull()
      .references(() => devices.deviceId),
    seq: integer("seq").notNull(),
    name: text("name").notNull(),
    status: text("status").$type<TMutationOutcome>().notNull(),
    reasonCode: text("reason_code").$type<TRejectionCode>(),
    details: jsonb("details").$type<Record<string, unknown>>(),
    /** Order in which the server applied mutations (for audits and the reference model of the tests). */
    applyOrder: bigint("apply_order", { mode: "number" }).generatedAlwaysAsIdentity(),
    appliedAt: timestamp("applied_at", { withTimezone: true }).notNull().defaultNow(),
    /** Rejections stay "needs attention" until the user re-issues or dismisses them. */
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolution: text("resolution").$type<"dismissed" | "reissued">(),
  },
  (t) => [index("mutation_results_device_seq_idx").on(t.deviceId, t.seq)],
);

/**
 * The poison rule (server/sync/poison.ts): a mutation whose apply failed with an unexpected, deterministic error.
 * Counted per mutation; the same failure POISON_AFTER times in a row turns it into a stored `server_error` rejection
 * carrying `reference`, which an administrator looks up here (sync.failure).
 */
export const mutationFailures = pgTable(
  "mutation_failures",
  {
    mutationId: uuid("mutation_id").primaryKey(),
    deviceId: uuid("device_id")
      .notNull()
      .references(() => devices.deviceId),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    seq: integer("seq").notNull(),
    name: text("name").notNull(),
    /** What failed (error class, SQLSTATE, message): the same fingerprint in a row counts up, another restarts at 1. */
    fingerprint: text("fingerprint").notNull(),
    failures: integer("failures").notNull(),
    /** The error as logged (message and stack, trimmed): for the administrator, never sent to the phone. */
    error: text("error").notNull(),
    reference: text("reference").notNull().unique(),
    firstAt: timestamp("first_at", { withTimezone: true }).notNull().defaultNow(),
    lastAt: timestamp("last_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set when the rule turned the failures into a stored rejection. */
    rejectedAt: timestamp("rejected_at", { withTimezone: true }),
  },
  (t) => [index("mutation_failures_device_idx").on(t.deviceId)],
);
