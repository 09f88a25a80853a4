import "server-only";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { complaintCategories, complaintEscalations, complaintEvents, complaints, keyCustomers } from "@/db/schema";
import { tierOf } from "@/domain/complaints/deadlines";
import {
  canClassify,
  classifyRefusal,
  canEscalate,
  canHandle,
  canReview,
  canStep,
  closeRefusal,
  isValidReplyTime,
  reclassifiedDeadline,
  reopenReset,
  replyRefusal,
  replyTimeAsTyped,
  STATUS_STEPS,
  type TComplaintAction,
  type TComplaintStatus,
  type TComplaintStep,
  type TEscalationLevel,
  type TStatusStep,
} from "@/domain/complaints/model";
import type {
  ZAcceptInput,
  ZCallbackInput,
  ZClassifyInput,
  ZCloseInput,
  ZEscalateInput,
  ZLetterInput,
  ZNoteStepInput,
  ZReopenInput,
  ZReplyInput,
  ZResolveInput,
  ZReviewInput,
  ZSignInput,
} from "@/domain/complaints/schemas";
import { MAX_SIGNATURE_BYTES } from "@/domain/work-orders/mutations";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { AppError } from "@/server/errors";
import { storeEvidence } from "@/server/evidence/service";
import { assertVersion, fieldError, lockComplaint, ruleViolation, type ComplaintRow } from "./access";
import { noticeAssigned, noticeEscalated } from "./notify";
import { currentPolicy } from "./policy";

type O<T extends z.ZodType> = z.output<T>;
export type TStepCall =
  | { step: "classify"; input: O<typeof ZClassifyInput> }
  | { step: "accept"; input: O<typeof ZAcceptInput> }
  | { step: "investigate"; input: O<typeof ZNoteStepInput> }
  | { step: "resolve"; input: O<typeof ZResolveInput> }
  | { step: "reply"; input: O<typeof ZReplyInput> }
  | { step: "letter"; input: O<typeof ZLetterInput> }
  | { step: "sign"; input: O<typeof ZSignInput> }
  | { step: "escalate"; input: O<typeof ZEscalateInput> }
  | { step: "review"; input: O<typeof ZReviewInput> }
  | { step: "callback"; input: O<typeof ZCallbackInput> }
  | { step: "close"; input: O<typeof ZCloseInput> }
  | { step: "reopen"; input: O<typeof ZReopenInput> };

export interface TStepResult {
  id: string;
  version: number;
  status: TComplaintStatus;
}

const ACTION: Record<TComplaintStep, TComplaintAction> = {
  classify: "classified",
  accept: "accepted",
  investigate: "investigated",
  resolve: "resolved",
  reply: "replied",
  letter: "letter_written",
  sign: "customer_signed",
  escalate: "escalated",
  review: "reviewed",
  callback: "callback",
  close: "closed",
  reopen: "reopened",
};

const LEVEL_RANK: Record<TEscalationLevel, number> = { quality: 1, general_manager: 2 };
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The highest of two escalation levels (the record keeps the highest so far). */
export function higherLevel(a: TEscalationLevel | null, b: TEscalationLevel): TEscalationLevel {
  return a !== null && LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b;
}

type TAuditSet = Record<string, string | number | boolean | null | string[]>;

/** What a step writes: the row's columns, the event's note and data, and the facts the audit chain keeps. */
interface TPlan {
  set: Partial<typeof complaints.$inferInsert>;
  note: string;
  data: Record<string, unknown>;
  audit: TAuditSet;
  /** Runs after the row and its event are written (escalations, notices). */
  after?: (tx: Db, c: ComplaintRow, versionAfter: number) => Promise<void>;
}

/**
 * One handling step of a form, in one transaction: the row locked, the version compared, who may (by the record's
 * department, domain canHandle/canClassify/canEscalate/canReview), the status (canStep), the rules (closeRefusal,
 * replyRefusal); then the row, a timeline event, the audit event `complaint.step` and the notices it raises.
 */
export async function complaintStep(db: Db, user: SessionUser, call: TStepCall, now: Date = clockNow()): Promise<TStepResult> {
  return db.transaction(async (tx) => {
    const c = await lockComplaint(tx, call.input.complaintId);
    assertVersion(c, call.input.version);
    allowed(user, c, call);
    if (!canStep(call.step, c.status)) throw new AppError("invalid_transition", { status: c.status });
    const plan = await planStep(tx, user, c, call, now);
    const to = call.step in STATUS_STEPS ? STATUS_STEPS[call.step as TStatusStep].to : c.status;
    const versionAfter = c.version + 1;
    const [after] = await tx
      .update(complaints)
      .set({ ...plan.set, status: to, version: versionAfter, updatedAt: now })
      .where(eq(complaints.id, c.id))
      .returning();
    await tx.insert(complaintEvents).values({
      complaintId: c.id,
      action: ACTION[call.step],
      fromStatus: c.status,
      toStatus: to,
      note: plan.note,
      data: plan.data,
      actorId: user.id,
      at: now,
      versionAfter,
    });
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "complaint",
      subjectId: c.id,
      at: now,
      event: {
        name: "complaint.step",
        payload: { code: c.code, action: ACTION[call.step], from: c.status, to, versionAfter, set: plan.audit, mutationId: null, deviceId: null },
      },
    });
    if (plan.after) await plan.after(tx, after!, versionAfter);
    return { id: c.id, version: versionAfter, status: to };
  });
}

/** Who may take this step on this record; anyone else is forbidden. */
function allowed(user: SessionUser, c: ComplaintRow, call: TStepCall): void {
  const ok =
    call.step === "classify"
      ? canClassify(user)
      : call.step === "escalate"
        ? canEscalate(user, c, call.input.level)
        : call.step === "review"
          ? canReview(user, call.input.level)
          : canHandle(user, c);
  if (!ok) throw new AppError("forbidden");
}

async function planStep(tx: Db, user: SessionUser, c: ComplaintRow, call: TStepCall, now: Date): Promise<TPlan> {
  switch (call.step) {
    case "classify":
      return planClassify(tx, user, c, call.input, now);
    case "accept":
      return { set: {}, note: call.input.note, data: {}, audit: {} };
    case "investigate":
      return { set: {}, note: call.input.note, data: {}, audit: {} };
    case "resolve":
      return { set: { result: call.input.result }, note: "", data: { result: call.input.result }, audit: { result: call.input.result } };
    case "reply": {
      const { method, note } = call.input;
      const at = replyTimeAsTyped(call.input.at, c.receivedAt);
      const refusal = replyRefusal({ channel: c.channel, hasLetter: c.letterResult !== null }, method);
      if (refusal) throw ruleViolation(refusal);
      // told the customer: not in the future, not before the customer asked
      if (!isValidReplyTime(at, c.receivedAt, now)) throw fieldError("at", "complaints.validation.replyTime");
      return {
        set: { replyMethod: method, repliedAt: at },
        note,
        data: { method, at: at.toISOString() },
        audit: { replyMethod: method, repliedAt: at.toISOString() },
      };
    }
    case "letter": {
      const { process, result } = call.input;
      return {
        set: { letterProcess: process, letterResult: result, letterAt: now },
        note: "",
        data: { process, result },
        audit: { letterProcess: process, letterResult: result },
      };
    }
    case "sign": {
      const data = Buffer.from(call.input.png, "base64");
      if (data.length > MAX_SIGNATURE_BYTES) throw fieldError("png", "validation.signatureTooLarge");
      if (data.length < PNG_MAGIC.length || PNG_MAGIC.some((b, i) => data[i] !== b)) throw fieldError("png", "validation.signaturePng");
      const sha256 = await storeEvidence(tx, { photo: { mime: "image/png", base64: call.input.png }, userId: user.id });
      return {
        set: { signatureSha256: sha256, signerName: call.input.signer },
        note: "",
        data: { signer: call.input.signer, signatureSha256: sha256 },
        audit: { signerName: call.input.signer, signatureSha256: sha256 },
      };
    }
    case "escalate": {
      const { level, reason } = call.input;
      return {
        set: { escalation: higherLevel(c.escalation, level) },
        note: reason,
        data: { level },
        audit: { level },
        after: async (t, row) => {
          await recordEscalation(t, row, { level, cause: "decision", reason, actorId: user.id, now, withEvent: false });
        },
      };
    }
    case "review": {
      const { level, note } = call.input;
      const [escalated] = await tx
        .select({ id: complaintEscalations.id })
        .from(complaintEscalations)
        .where(and(eq(complaintEscalations.complaintId, c.id), eq(complaintEscalations.level, level)))
        .limit(1);
      // a review answers an escalation at the reviewer's level
      if (!escalated) throw new AppError("invalid_transition", { status: c.status, escalation: c.escalation });
      return { set: {}, note, data: { level }, audit: { level } };
    }
    case "callback": {
      const { satisfaction, note } = call.input;
      return { set: { callbackAt: now, satisfaction }, note, data: { satisfaction }, audit: { satisfaction } };
    }
    case "close": {
      const refusal = closeRefusal({
        channel: c.channel,
        replyMethod: c.replyMethod,
        repliedAt: c.repliedAt,
        hasLetter: c.letterResult !== null,
        result: c.result,
      });
      if (refusal) throw ruleViolation(refusal);
      return { set: { closedAt: now }, note: call.input.note, data: {}, audit: {} };
    }
    case "reopen": {
      // the customer asked again: a new answer is owed, by a new deadline from now (domain reopenReset)
      const policy = await currentPolicy(tx);
      const reset = reopenReset(c, policy, now);
      return {
        set: reset,
        note: call.input.reason,
        data: { dueAt: reset.dueAt.toISOString() },
        audit: { dueAt: reset.dueAt.toISOString(), policyVersion: reset.policyVersion, repliedAt: null, replyMethod: null, letterResult: null },
      };
    }
  }
}

/**
 * Classification: category, severity, the responsible department and the key customer (or none; a service request
 * keeps one). The deadline moves only when the tier changes: then it is computed again from the time of receipt with
 * the policy in force and names its version (domain reclassifiedDeadline).
 * Its department's people are told; a serious one goes at once to enterprise management.
 */
async function planClassify(tx: Db, user: SessionUser, c: ComplaintRow, input: O<typeof ZClassifyInput>, now: Date): Promise<TPlan> {
  const [category] = await tx
    .select({ nameZh: complaintCategories.nameZh, active: complaintCategories.active })
    .from(complaintCategories)
    .where(eq(complaintCategories.code, input.category));
  if (!category || (!category.active && c.category !== input.category)) throw fieldError("category", "validation.required");
  if (input.keyCustomerId !== null) {
    const [kc] = await tx.select({ active: keyCustomers.active }).from(keyCustomers).where(eq(keyCustomers.id, input.keyCustomerId));
    if (!kc || (!kc.active && c.keyCustomerId !== input.keyCustomerId)) throw fieldError("keyCustomerId", "validation.required");
  }
  const refusal = classifyRefusal(c, input.keyCustomerId);
  if (refusal) throw ruleViolation(refusal);
  // the deadline moves only with the tier (a key customer set or cleared); anything else keeps the one given
  const tier = tierOf(input.keyCustomerId !== null);
  const moved = reclassifiedDeadline(c, input.keyCustomerId, await currentPolicy(tx));
  const dueAt = moved?.dueAt ?? c.dueAt;
  const policyVersion = moved?.policyVersion ?? c.policyVersion;
  const serious = input.severity === "serious";
  const [seriousBefore] = serious
    ? await tx
        .select({ id: complaintEscalations.id })
        .from(complaintEscalations)
        .where(and(eq(complaintEscalations.complaintId, c.id), eq(complaintEscalations.cause, "serious")))
        .limit(1)
    : [];
  const escalateNow = serious && !seriousBefore;
  return {
    set: {
      category: input.category,
      severity: input.severity,
      department: input.department,
      keyCustomerId: input.keyCustomerId,
      dueAt,
      policyVersion,
      ...(escalateNow ? { escalation: higherLevel(c.escalation, "quality") } : {}),
    },
    note: "",
    data: { category: input.category, severity: input.severity, department: input.department, keyCustomerId: input.keyCustomerId, tier },
    audit: {
      category: input.category,
      severity: input.severity,
      department: input.department,
      keyCustomerId: input.keyCustomerId,
      dueAt: dueAt.toISOString(),
      policyVersion,
    },
    after: async (t, row, versionAfter) => {
      if (c.department !== input.department || c.status === "recorded")
        await noticeAssigned(t, {
          id: row.id,
          code: row.code,
          customerName: row.customerName,
          dueAt,
          department: input.department,
          categoryName: category.nameZh,
        });
      if (escalateNow)
        await recordEscalation(t, row, { level: "quality", cause: "serious", reason: "serious", actorId: user.id, now, withEvent: true, versionAfter });
    },
  };
}

/**
 * An escalation row, its audit event `complaint.escalated` and the notice to its level. `withEvent` adds a timeline
 * row "escalated" (when the escalation comes with another step, e.g. a serious classification).
 */
export async function recordEscalation(
  tx: Db,
  c: Pick<ComplaintRow, "id" | "code" | "customerName" | "dueAt" | "status">,
  e: { level: TEscalationLevel; cause: "serious" | "decision"; reason: string; actorId: string; now: Date; withEvent: boolean; versionAfter?: number },
): Promise<void> {
  const [row] = await tx
    .insert(complaintEscalations)
    .values({ complaintId: c.id, level: e.level, cause: e.cause, reason: e.reason, actorId: e.actorId, at: e.now })
    .returning({ id: complaintEscalations.id });
  if (e.withEvent)
    await tx.insert(complaintEvents).values({
      complaintId: c.id,
      action: "escalated",
      fromStatus: c.status,
      toStatus: c.status,
      note: e.reason,
      data: { level: e.level, cause: e.cause },
      actorId: e.actorId,
      at: e.now,
      versionAfter: e.versionAfter!,
    });
  await appendAuditEvent(tx, {
    actorId: e.actorId,
    subjectType: "complaint",
    subjectId: c.id,
    at: e.now,
    event: { name: "complaint.escalated", payload: { code: c.code, level: e.level, cause: e.cause, reason: e.reason, dueAt: null, automatic: false } },
  });
  await noticeEscalated(tx, { id: c.id, code: c.code, customerName: c.customerName, dueAt: c.dueAt, level: e.level, reason: e.reason, escalationId: row!.id });
}
