import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { auditEvents, complaintEvents, complaints, keyCustomers, workOrders } from "@/db/schema";
import { phoneDigits } from "@/domain/complaints/codes";
import { deadlineFrom, tierOf } from "@/domain/complaints/deadlines";
import { ZRecordComplaintArgs, type TRecordComplaintArgs } from "@/domain/complaints/schemas";
import { MAX_PHOTO_BYTES } from "@/domain/items/mutations";
import { canReadDesk as readsEveryWorkOrder } from "@/domain/work-orders/desk";
import { clerkCheckDecision, clerkCheckRequired } from "@/domain/work-orders/service-record";
import type { Db } from "@/db/client";
import { auditRow } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { now as serverNow } from "@/server/clock";
import { storeEvidence } from "@/server/evidence/service";
import type { Decision, MutationContext } from "@/server/sync/contract";
import { badInput, Rejection } from "@/server/sync/rejection";
import { nextComplaintCode } from "./numbering";
import { currentPolicy } from "./policy";

/** The advisory lock space of records by form id (policy changes are 727_276, work-order codes 727_275). */
const RECORD_LOCK = 727_277;

/** How far back a phone's clock may date a record it kept offline (older is taken as this old). */
export const MAX_OFFLINE_DAYS = 30;

/** When the customer asked: the phone's time of recording, never in the future and never more than 30 days back. */
export function receivedAtOf(clientTime: string, now: Date): Date {
  const t = new Date(clientTime).getTime();
  const earliest = now.getTime() - MAX_OFFLINE_DAYS * 86_400_000;
  if (Number.isNaN(t)) return now;
  return new Date(Math.min(now.getTime(), Math.max(earliest, t)));
}

/** The active key customer one of whose contacts has these digits, or null. */
export async function keyCustomerByPhone(tx: Db, digits: string): Promise<string | null> {
  if (digits.length < 7) return null;
  const [kc] = await tx
    .select({ id: keyCustomers.id })
    .from(keyCustomers)
    .where(and(eq(keyCustomers.active, true), sql`${keyCustomers.phoneDigits} @> array[${digits}]::text[]`))
    .orderBy(keyCustomers.name)
    .limit(1);
  return kc?.id ?? null;
}

/**
 * The work order a form is recorded from, if the recorder may see it: one assigned to them, or any for the roles that
 * read every work order (domain/work-orders/desk.ts DESK_READER_ROLES). Any other id is not linked (the form would
 * show its code); the form is recorded without it.
 */
export async function linkableWorkOrder(tx: Db, user: Pick<SessionUser, "id" | "role">, workOrderId: string | undefined): Promise<string | null> {
  if (!workOrderId) return null;
  const mine = readsEveryWorkOrder(user.role) ? undefined : eq(workOrders.assignedTo, user.id);
  const [wo] = await tx
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(and(eq(workOrders.id, workOrderId), mine));
  return wo?.id ?? null;
}

/**
 * `complaint.record` v1: whoever was asked first records the customer's complaint or question on their phone, maybe
 * offline (首问负责制). The id is the phone's: sent again by the same person it is already there; another person's
 * record of that id is refused. The server numbers it by the operator's day of receipt, matches a key customer by
 * the contact's phone number, dates its deadline by the policy in force, keeps the photo as evidence, and, answered
 * at once, records it closed with that answer told on site.
 */
export async function applyRecordComplaint({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const parsed = ZRecordComplaintArgs.safeParse(mutation.args);
  if (!parsed.success) {
    if (parsed.error.issues.some((i) => i.message === "validation.photoTooLarge"))
      throw new Rejection("too_large", { field: "photo", maxBytes: MAX_PHOTO_BYTES });
    throw badInput(parsed.error.issues);
  }
  const a = parsed.data;
  // v2: customer service records at the counter with the clerk's self-check (营业员自检); v1 (older outboxes) without
  const clerkRequired = mutation.schemaVersion >= 2 && clerkCheckRequired(user.role);
  if (clerkRequired && clerkCheckDecision(a.clerkCheck).kind === "reject") throw new Rejection("clerk_check_required", { field: "clerkCheck" });
  // the same form sent twice at once (re-issued while the first was in flight): the second waits, then finds it
  await tx.execute(sql`select pg_advisory_xact_lock(${RECORD_LOCK}, hashtext(${a.id}))`);
  const [existing] = await tx
    .select({ recordedBy: complaints.recordedBy, code: complaints.code, status: complaints.status, version: complaints.version })
    .from(complaints)
    .where(eq(complaints.id, a.id))
    .for("update");
  if (existing) {
    if (existing.recordedBy !== user.id) throw new Rejection("not_allowed");
    return { status: "already_in_state", details: { current: { code: existing.code, status: existing.status, version: existing.version } } };
  }
  return { status: "applied", write: () => writeRecord({ tx, user, mutation, append }, a) };
}

async function writeRecord({ tx, user, mutation, append }: MutationContext, a: TRecordComplaintArgs): Promise<void> {
  const now = serverNow();
  const receivedAt = receivedAtOf(mutation.clientTime, now);
  const code = await nextComplaintCode(tx, receivedAt);
  const contactDigits = phoneDigits(a.contact);
  const keyCustomerId = await keyCustomerByPhone(tx, contactDigits);
  const policy = await currentPolicy(tx);
  const dueAt = deadlineFrom(receivedAt, policy.limits[tierOf(keyCustomerId !== null)][a.kind]);
  const photoSha256 = a.photo ? await storeEvidence(tx, { photo: a.photo, userId: user.id }) : null;
  const workOrderId = await linkableWorkOrder(tx, user, a.workOrderId);
  const answered = a.answer !== undefined;
  const version = answered ? 2 : 1;
  await tx.insert(complaints).values({
    id: a.id,
    code,
    kind: a.kind,
    channel: a.channel,
    centreRef: a.centreRef ?? null,
    customerName: a.customerName,
    contact: a.contact,
    contactDigits,
    address: a.address,
    words: a.words,
    photoSha256,
    workOrderId,
    keyCustomerId,
    status: answered ? "closed" : "recorded",
    version,
    receivedAt,
    dueAt,
    policyVersion: policy.version,
    ...(answered ? { result: a.answer, replyMethod: "on_site" as const, repliedAt: receivedAt, closedAt: receivedAt } : {}),
    recordedBy: user.id,
    ...(clerkCheckRequired(user.role) && a.clerkCheck === true ? { clerkCheckedBy: user.id, clerkCheckedAt: now } : {}),
    createdAt: now,
    updatedAt: now,
  });
  const set = {
    kind: a.kind,
    channel: a.channel,
    customerName: a.customerName,
    keyCustomerId,
    workOrderId,
    photoSha256,
    receivedAt: receivedAt.toISOString(),
    dueAt: dueAt.toISOString(),
    policyVersion: policy.version,
  };
  const steps = [
    { action: "recorded" as const, from: null, to: "recorded" as const, versionAfter: 1, set, data: { channel: a.channel } },
    ...(answered
      ? [
          {
            action: "closed" as const,
            from: "recorded" as const,
            to: "closed" as const,
            versionAfter: 2,
            set: { result: a.answer!, replyMethod: "on_site", repliedAt: receivedAt.toISOString() },
            data: { answeredAtOnce: true, result: a.answer! },
          },
        ]
      : []),
  ];
  for (const s of steps) {
    await tx.insert(complaintEvents).values({
      complaintId: a.id,
      action: s.action,
      fromStatus: s.from,
      toStatus: s.to,
      note: s.action === "recorded" ? "" : a.answer!,
      data: s.data,
      actorId: user.id,
      // the first step carries the phone's mutation; the answer given at once is the same act
      mutationId: s.action === "recorded" ? mutation.mutationId : null,
      at: receivedAt,
      versionAfter: s.versionAfter,
    });
    append.add(
      auditEvents,
      auditRow({
        actorId: user.id,
        subjectType: "complaint",
        subjectId: a.id,
        at: now,
        event: {
          name: "complaint.step",
          payload: {
            code,
            action: s.action,
            from: s.from,
            to: s.to,
            versionAfter: s.versionAfter,
            set: s.set,
            mutationId: mutation.mutationId,
            deviceId: mutation.deviceId,
          },
        },
      }),
    );
  }
  if (clerkCheckRequired(user.role) && a.clerkCheck === true) {
    append.add(
      auditEvents,
      auditRow({
        actorId: user.id,
        subjectType: "complaint",
        subjectId: a.id,
        at: now,
        event: { name: "clerk.checked", payload: { record: "complaint", code } },
      }),
    );
  }
}
