import "server-only";
import { asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { complaintEscalations, complaints } from "@/db/schema";
import type { TEscalationLevel } from "@/domain/complaints/model";
import type { SessionUser } from "@/server/auth/session";

/**
 * Forms escalated to the viewer's level (quality: enterprise management; the general manager: theirs), each once with
 * its latest escalation at that level; those without a review at that level since then first, then by time.
 */
export async function listEscalated(db: Db, user: SessionUser) {
  const level: TEscalationLevel = user.role === "general_manager" ? "general_manager" : "quality";
  const latest = db
    .selectDistinctOn([complaintEscalations.complaintId], {
      complaintId: complaintEscalations.complaintId,
      cause: complaintEscalations.cause,
      reason: complaintEscalations.reason,
      at: complaintEscalations.at,
    })
    .from(complaintEscalations)
    .where(eq(complaintEscalations.level, level))
    .orderBy(complaintEscalations.complaintId, desc(complaintEscalations.at), desc(complaintEscalations.id))
    .as("latest");
  const reviewed = sql<boolean>`exists (select 1 from complaint_events e where e.complaint_id = ${complaints.id} and e.action = 'reviewed'
    and e.data->>'level' = ${level} and e.at >= ${latest.at})`;
  const rows = await db
    .select({
      id: complaints.id,
      code: complaints.code,
      kind: complaints.kind,
      channel: complaints.channel,
      customerName: complaints.customerName,
      status: complaints.status,
      department: complaints.department,
      severity: complaints.severity,
      dueAt: complaints.dueAt,
      repliedAt: complaints.repliedAt,
      version: complaints.version,
      level: sql<TEscalationLevel>`${level}`,
      cause: latest.cause,
      reason: latest.reason,
      escalatedAt: latest.at,
      reviewed,
    })
    .from(latest)
    .innerJoin(complaints, eq(complaints.id, latest.complaintId))
    .orderBy(asc(reviewed), desc(latest.at))
    .limit(500);
  return rows;
}
