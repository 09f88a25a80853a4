import "server-only";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { ZAuditEvent, type TAuditEvent } from "@/domain/audit/events";

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
