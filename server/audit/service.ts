import "server-only";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { ZAuditEvent, type TAuditEvent } from "@/domain/audit/events";

/** Appends an audit event; call it with the transaction that makes the change it records. */
export async function appendAuditEvent(
  tx: Db,
  opts: { actorId: string | null; subjectType: string; subjectId: string; event: TAuditEvent; at?: Date },
): Promise<void> {
  const event = ZAuditEvent.parse(opts.event);
  await tx.insert(auditEvents).values({
    actorId: opts.actorId,
    name: event.name,
    subjectType: opts.subjectType,
    subjectId: opts.subjectId,
    payload: event.payload,
    occurredAt: opts.at ?? new Date(),
  });
}
