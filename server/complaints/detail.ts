import "server-only";
import { asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { complaintCategories, complaintEscalations, complaintEvents, complaints, keyCustomers, users, workOrders } from "@/db/schema";
import { complaintDeadlineState, type TComplaintDeadlineState } from "@/domain/complaints/deadlines";
import {
  canClassify,
  canEscalate,
  canHandle,
  canReview,
  canStep,
  closeRefusal,
  ESCALATION_LEVELS,
  replyRefusal,
  RECORD_STEPS,
  STATUS_STEPS,
  type TComplaintStep,
  type TEscalationLevel,
} from "@/domain/complaints/model";
import type { SessionUser } from "@/server/auth/session";
import { now as serverNow } from "@/server/clock";
import { AppError } from "@/server/errors";
import { mayRead, type ComplaintRow } from "./access";

const STEPS = [...Object.keys(STATUS_STEPS), ...Object.keys(RECORD_STEPS)] as TComplaintStep[];

/** The evidence file's address (app/api/evidence): photos and signatures are served by their SHA-256. */
export function evidenceUrl(sha256: string | null): string | null {
  return sha256 === null ? null : `/api/evidence/${sha256}`;
}

/**
 * What this viewer may do now, step by step, from the domain's rules (the screen never decides): who may (by the
 * record's department), what its status allows and what the step's rule would refuse (replyRefusal: a 180 form is
 * replied to only once its letter is written; closeRefusal: closed only with its result, reply and letter). Escalate
 * and review name the levels allowed.
 */
export function allowedSteps(
  user: SessionUser,
  c: Pick<ComplaintRow, "status" | "department" | "channel" | "letterResult" | "result" | "replyMethod" | "repliedAt">,
  escalatedLevels: readonly TEscalationLevel[],
): { can: Record<TComplaintStep, boolean>; escalateTo: TEscalationLevel[]; reviewAt: TEscalationLevel[] } {
  const hasLetter = c.letterResult !== null;
  const escalateTo = ESCALATION_LEVELS.filter((l) => canStep("escalate", c.status) && canEscalate(user, c, l));
  const reviewAt = ESCALATION_LEVELS.filter((l) => canStep("review", c.status) && canReview(user, l) && escalatedLevels.includes(l));
  const can = Object.fromEntries(
    STEPS.map((step) => {
      if (!canStep(step, c.status)) return [step, false];
      if (step === "classify") return [step, canClassify(user)];
      if (step === "escalate") return [step, escalateTo.length > 0];
      if (step === "review") return [step, reviewAt.length > 0];
      if (!canHandle(user, c)) return [step, false];
      // a reply by any method but letter is refused only when the form must be answered by its letter (180 centre)
      if (step === "reply") return [step, replyRefusal({ channel: c.channel, hasLetter }, "phone") === null];
      if (step === "close")
        return [step, closeRefusal({ channel: c.channel, replyMethod: c.replyMethod, repliedAt: c.repliedAt, hasLetter, result: c.result }) === null];
      return [step, true];
    }),
  ) as Record<TComplaintStep, boolean>;
  return { can, escalateTo, reviewAt };
}

export type TComplaintDetail = Awaited<ReturnType<typeof getComplaintDetail>>;

/**
 * One form as its page shows it: every column, the category's names, the key customer, the linked work order, the
 * recorder, the timeline (oldest first), the escalations, the evidence addresses, the deadline and what the viewer
 * may do. The desk's readers read every form; anyone else their department's or the ones they recorded (not_found
 * otherwise).
 */
export async function getComplaintDetail({ db, user, id, now = serverNow() }: { db: Db; user: SessionUser; id: string; now?: Date }) {
  const recorder = alias(users, "recorder");
  const clerk = alias(users, "clerk");
  const [row] = await db
    .select({
      c: complaints,
      categoryNameZh: complaintCategories.nameZh,
      categoryNameEn: complaintCategories.nameEn,
      keyCustomer: { id: keyCustomers.id, name: keyCustomers.name, category: keyCustomers.category },
      workOrder: { id: workOrders.id, code: workOrders.code },
      recordedByName: recorder.displayName,
      clerkCheckedByName: clerk.displayName,
    })
    .from(complaints)
    .leftJoin(complaintCategories, eq(complaintCategories.code, complaints.category))
    .leftJoin(keyCustomers, eq(keyCustomers.id, complaints.keyCustomerId))
    .leftJoin(workOrders, eq(workOrders.id, complaints.workOrderId))
    .innerJoin(recorder, eq(recorder.id, complaints.recordedBy))
    .leftJoin(clerk, eq(clerk.id, complaints.clerkCheckedBy))
    .where(eq(complaints.id, id));
  if (!row || !mayRead(user, row.c)) throw new AppError("not_found");
  const c = row.c;

  const timeline = await db
    .select({
      id: complaintEvents.id,
      action: complaintEvents.action,
      fromStatus: complaintEvents.fromStatus,
      toStatus: complaintEvents.toStatus,
      note: complaintEvents.note,
      data: complaintEvents.data,
      at: complaintEvents.at,
      actorId: complaintEvents.actorId,
      actorName: users.displayName,
      versionAfter: complaintEvents.versionAfter,
    })
    .from(complaintEvents)
    .leftJoin(users, eq(users.id, complaintEvents.actorId))
    .where(eq(complaintEvents.complaintId, c.id))
    .orderBy(asc(complaintEvents.at), asc(complaintEvents.id));
  const escalations = await db
    .select({
      id: complaintEscalations.id,
      level: complaintEscalations.level,
      cause: complaintEscalations.cause,
      reason: complaintEscalations.reason,
      at: complaintEscalations.at,
      dueAt: complaintEscalations.dueAt,
      actorName: users.displayName,
    })
    .from(complaintEscalations)
    .leftJoin(users, eq(users.id, complaintEscalations.actorId))
    .where(eq(complaintEscalations.complaintId, c.id))
    .orderBy(asc(complaintEscalations.at), asc(complaintEscalations.id));

  const { can, escalateTo, reviewAt } = allowedSteps(
    user,
    c,
    escalations.map((e) => e.level),
  );
  const deadline: TComplaintDeadlineState = complaintDeadlineState(c, now);
  return {
    ...c,
    categoryName: c.category === null ? null : { zh: row.categoryNameZh ?? c.category, en: row.categoryNameEn ?? c.category },
    keyCustomer: row.keyCustomer?.id ? row.keyCustomer : null,
    workOrder: row.workOrder?.id ? row.workOrder : null,
    recordedByName: row.recordedByName,
    /** The counter clerk's self-check (营业员自检), when the form was made at the desk. */
    clerkCheckedByName: row.clerkCheckedByName,
    hasLetter: c.letterResult !== null,
    photoUrl: evidenceUrl(c.photoSha256),
    signatureUrl: evidenceUrl(c.signatureSha256),
    timeline,
    escalations,
    deadline,
    can,
    escalateTo,
    reviewAt,
  };
}
