import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { ZAuditEvent, type TAuditEvent } from "@/domain/audit/events";
import { isPglite } from "@/server/observability/transactions";

export interface AuditInput {
  actorId: string | null;
  subjectType: string;
  subjectId: string;
  event: TAuditEvent;
  at?: Date;
}

/** A validated audit row (payload checked against its event's schema). */
export function auditRow(opts: AuditInput): typeof auditEvents.$inferInsert {
  const event = ZAuditEvent.parse(opts.event);
  return {
    actorId: opts.actorId,
    name: event.name,
    subjectType: opts.subjectType,
    subjectId: opts.subjectId,
    payload: event.payload,
    occurredAt: opts.at ?? new Date(),
  };
}

/** Appends an audit event; call it with the transaction that makes the change it records. */
export async function appendAuditEvent(tx: Db, opts: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values(auditRow(opts));
}

/**
 * For a transaction that writes audit rows by the thousand in rounds (a register import), ADR 0046: on PGlite its
 * rows are chained as each statement ends instead of all inside COMMIT. PGlite runs the chain trigger on this process's
 * event loop, and 10,000 rows chained by one COMMIT held every other request ~5 s; per statement, the chain work is
 * cut with the writer's rounds. On PostgreSQL nothing changes: the work runs in the database server and the head stays
 * locked only inside COMMIT (ADR 0043). Call it first in the transaction; `db` is the handle the transaction came from.
 */
export async function chainAuditAsWritten(db: Db, tx: Db): Promise<void> {
  if (isPglite(db)) await tx.execute(sql`SET CONSTRAINTS audit_events_chain IMMEDIATE`);
}
