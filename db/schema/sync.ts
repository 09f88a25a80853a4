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
