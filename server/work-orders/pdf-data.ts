import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import {
  auditEvents,
  equipmentChecks,
  equipmentCheckWithdrawals,
  evidenceFiles,
  users,
  workOrderEvents,
  workOrderPhotos,
  workOrders,
  workOrderServiceRecords,
  workOrderSignoffs,
} from "@/db/schema";
import { canReadDesk } from "@/domain/work-orders/desk";
import type { TLinkedCase, TMaintenanceSummary } from "@/domain/work-orders/property-link";
import type { SessionUser } from "@/server/auth/session";
import { signoffEvidenceHash } from "@/server/audit/verify";
import { linkedCaseOf, maintenanceOf } from "./property-link";

/** What the printable record shows (server/work-orders/pdf.ts draws it). */
export interface TRecordImage {
  mime: string;
  data: Uint8Array;
}

export type TSignoffRow = typeof workOrderSignoffs.$inferSelect;

export interface TWorkOrderRecord {
  order: typeof workOrders.$inferSelect & { assigneeName: string | null; createdByName: string | null; clerkCheckedByName: string | null };
  /** The PBX application or works case the order connects, as it stands when printed (ADR 0039 §6). */
  propertyCase: TLinkedCase | null;
  /** A terminal-maintenance order's maintenance agreement (设备代维协议) in force on its day (ADR 0039 §9). */
  maintenance: TMaintenanceSummary | null;
  /** The terminal-maintenance service record (服务记录表), with who wrote it. */
  serviceRecord: (typeof workOrderServiceRecords.$inferSelect & { recordedByName: string | null }) | null;
  checks: (typeof equipmentChecks.$inferSelect & { actorName: string | null })[];
  photos: { sha256: string; caption: string; checkNo: number | null; at: Date; actorName: string | null; image: TRecordImage | null }[];
  selfCheck: { row: TSignoffRow; actorName: string | null; signature: TRecordImage | null } | null;
  customer: { row: TSignoffRow; actorName: string | null; signature: TRecordImage | null; evidenceRecomputes: boolean | null } | null;
  statusEvents: { at: Date; clientTime: Date | null; from: string | null; to: string; reason: string; actorName: string | null }[];
  auditTrail: { chainSeq: number | null; hash: string | null; at: Date; name: string; payload: Record<string, unknown>; actorName: string | null }[];
  generatedAt: Date;
}

const assignee = alias(users, "assignee");
const creator = alias(users, "creator");
const clerk = alias(users, "clerk");

/**
 * Who may download a work order's record: the office desk's readers (domain/work-orders/desk.ts) and the lineman
 * it is assigned to — the same people who may open it (workOrders.get).
 */
export function mayReadRecord(user: SessionUser, order: { assignedTo: string | null }): boolean {
  return canReadDesk(user.role) || (user.role === "lineman" && order.assignedTo === user.id);
}

/** Everything the record shows, or null when the work order does not exist or this user may not read it. */
export async function loadWorkOrderRecord({
  db,
  user,
  workOrderId,
  now = new Date(),
}: {
  db: Db;
  user: SessionUser;
  workOrderId: string;
  now?: Date;
}): Promise<TWorkOrderRecord | null> {
  const [order] = await db
    .select({ wo: workOrders, assigneeName: assignee.displayName, createdByName: creator.displayName, clerkCheckedByName: clerk.displayName })
    .from(workOrders)
    .leftJoin(assignee, eq(assignee.id, workOrders.assignedTo))
    .leftJoin(creator, eq(creator.id, workOrders.createdBy))
    .leftJoin(clerk, eq(clerk.id, workOrders.clerkCheckedBy))
    .where(eq(workOrders.id, workOrderId));
  if (!order || !mayReadRecord(user, order.wo)) return null;

  const [checks, photoRows, signoffs, statusEvents, auditTrail, serviceRecords, propertyCase, maintenance] = await Promise.all([
    db
      .select({ c: equipmentChecks, actorName: users.displayName })
      .from(equipmentChecks)
      .leftJoin(users, eq(users.id, equipmentChecks.actorId))
      // the checks in force: a withdrawn or corrected check is not printed (its withdrawal is in the audit trail)
      .leftJoin(equipmentCheckWithdrawals, eq(equipmentCheckWithdrawals.checkId, equipmentChecks.id))
      .where(and(eq(equipmentChecks.workOrderId, workOrderId), isNull(equipmentCheckWithdrawals.checkId)))
      .orderBy(asc(equipmentChecks.serverTime), asc(equipmentChecks.id)),
    db
      .select({ p: workOrderPhotos, actorName: users.displayName })
      .from(workOrderPhotos)
      .leftJoin(users, eq(users.id, workOrderPhotos.actorId))
      .where(eq(workOrderPhotos.workOrderId, workOrderId))
      .orderBy(asc(workOrderPhotos.id)),
    db
      .select({ s: workOrderSignoffs, actorName: users.displayName })
      .from(workOrderSignoffs)
      .leftJoin(users, eq(users.id, workOrderSignoffs.actorId))
      .where(eq(workOrderSignoffs.workOrderId, workOrderId))
      .orderBy(asc(workOrderSignoffs.id)),
    db
      .select({ e: workOrderEvents, actorName: users.displayName })
      .from(workOrderEvents)
      .leftJoin(users, eq(users.id, workOrderEvents.actorId))
      .where(eq(workOrderEvents.workOrderId, workOrderId))
      .orderBy(asc(workOrderEvents.id)),
    db
      .select({ a: auditEvents, actorName: users.displayName })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorId))
      .where(and(eq(auditEvents.subjectType, "work_order"), eq(auditEvents.subjectId, workOrderId)))
      .orderBy(asc(auditEvents.chainSeq), asc(auditEvents.id)),
    db
      .select({ r: workOrderServiceRecords, recordedByName: users.displayName })
      .from(workOrderServiceRecords)
      .leftJoin(users, eq(users.id, workOrderServiceRecords.recordedBy))
      .where(eq(workOrderServiceRecords.workOrderId, workOrderId)),
    linkedCaseOf(db, order.wo.propertyCaseId),
    maintenanceOf(db, order.wo, now),
  ]);

  // The latest of each sign-off kind counts (a refusal may be followed by a self-check again and a signature).
  const latest = (kinds: TSignoffRow["kind"][]) => signoffs.filter((s) => kinds.includes(s.s.kind)).at(-1);
  const self = latest(["self_check"]);
  const cust = latest(["customer_signed", "customer_refused"]);

  // Photos: the work order's own, then each check's label photo not already among them.
  const photos: Omit<TWorkOrderRecord["photos"][number], "image">[] = photoRows.map((r) => ({
    sha256: r.p.sha256,
    caption: r.p.caption,
    checkNo: null,
    at: r.p.serverTime,
    actorName: r.actorName,
  }));
  checks.forEach((r, i) => {
    if (r.c.photoSha256 && !photos.some((p) => p.sha256 === r.c.photoSha256)) {
      photos.push({ sha256: r.c.photoSha256, caption: "", checkNo: i + 1, at: r.c.serverTime, actorName: r.actorName });
    }
  });
  const wanted = [...new Set([...photos.map((p) => p.sha256), self?.s.signatureSha256, cust?.s.signatureSha256].filter((s): s is string => !!s))];
  const files = new Map(
    wanted.length === 0
      ? []
      : (
          await db
            .select({ sha256: evidenceFiles.sha256, mime: evidenceFiles.mime, data: evidenceFiles.data })
            .from(evidenceFiles)
            .where(inArray(evidenceFiles.sha256, wanted))
        ).map((f) => [f.sha256, { mime: f.mime, data: f.data }]),
  );
  const image = (sha: string | null | undefined) => (sha ? (files.get(sha) ?? null) : null);

  return {
    order: { ...order.wo, assigneeName: order.assigneeName, createdByName: order.createdByName, clerkCheckedByName: order.clerkCheckedByName },
    propertyCase,
    maintenance,
    serviceRecord: serviceRecords[0] ? { ...serviceRecords[0].r, recordedByName: serviceRecords[0].recordedByName } : null,
    checks: checks.map((r) => ({ ...r.c, actorName: r.actorName })),
    photos: photos.map((p) => ({ ...p, image: image(p.sha256) })),
    selfCheck: self ? { row: self.s, actorName: self.actorName, signature: image(self.s.signatureSha256) } : null,
    customer: cust
      ? {
          row: cust.s,
          actorName: cust.actorName,
          signature: image(cust.s.signatureSha256),
          evidenceRecomputes: cust.s.kind === "customer_signed" ? signoffEvidenceHash(cust.s) === cust.s.evidenceHash : null,
        }
      : null,
    statusEvents: statusEvents.map((r) => ({
      at: r.e.serverTime,
      clientTime: r.e.clientTime,
      from: r.e.fromStatus,
      to: r.e.toStatus,
      reason: r.e.reason,
      actorName: r.actorName,
    })),
    auditTrail: auditTrail.map((r) => ({
      chainSeq: r.a.chainSeq,
      hash: r.a.hash,
      at: r.a.occurredAt,
      name: r.a.name,
      payload: (r.a.payload ?? {}) as Record<string, unknown>,
      actorName: r.actorName,
    })),
    generatedAt: now,
  };
}
