import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { correctiveActions, nonconformities, spotChecks, users } from "@/db/schema";
import { caNextStatus, caStepDecision, mayReadAction, type TCaStatus, type TCaStep } from "@/domain/quality/model";
import type { TImplementActionInput, TPlanActionInput, TVerifyActionInput } from "@/domain/quality/schemas";
import { operatorDay } from "@/domain/time/operator";
import type { SessionUser } from "@/server/auth/session";
import { appendAuditEvent } from "@/server/audit/service";
import { now as clockNow } from "@/server/clock";
import { assertVersion, fieldError } from "@/server/complaints/access";
import { AppError } from "@/server/errors";
import { signStep } from "./actions";
import { noticeActionImplemented, noticeActionPlanned, noticeActionSent } from "./actions-notify";

export type TActionStepCall =
  { step: "planned"; input: TPlanActionInput } | { step: "implemented"; input: TImplementActionInput } | { step: "verify"; input: TVerifyActionInput };

export interface TActionStepResult {
  id: string;
  version: number;
  status: TCaStatus;
  round: number;
}

type ActionRow = typeof correctiveActions.$inferSelect;

/** Locks the record (and reads its nonconformity's code) before its state is checked. */
async function lockAction(tx: Db, id: string): Promise<ActionRow & { ncCode: string }> {
  const [row] = await tx
    .select({ a: correctiveActions, ncCode: nonconformities.code })
    .from(correctiveActions)
    .innerJoin(nonconformities, eq(nonconformities.id, correctiveActions.nonconformityId))
    .where(eq(correctiveActions.id, id))
    .for("update", { of: correctiveActions });
  if (!row) throw new AppError("not_found");
  return { ...row.a, ncCode: row.ncCode };
}

/**
 * One signed step of the Corrective/Preventive Action Record, in one transaction: the record locked, who may read it
 * (not_found otherwise), the version compared (conflict), who may take the step now (domain caStepDecision:
 * forbidden / invalid_transition), then the record, the signed step row (content + SHA-256 of its canonical JSON),
 * the audit event and the notices (planned → quality; implemented → quality; not effective → the department's heads).
 */
export async function actionStep(db: Db, user: SessionUser, call: TActionStepCall, now: Date = clockNow()): Promise<TActionStepResult> {
  return db.transaction(async (tx) => {
    const a = await lockAction(tx, call.input.actionId);
    if (!mayReadAction(user, a)) throw new AppError("not_found");
    assertVersion(a, call.input.version);
    const decision = caStepDecision(call.step === "verify" ? "verified_effective" : call.step, a, user);
    if (!decision.ok) throw new AppError(decision.reason, { status: a.status });
    const head = { id: a.id, code: a.code, ncCode: a.ncCode, round: a.round };
    const by = { id: user.id, displayName: user.displayName };
    const notice = { id: a.id, code: a.code, ncCode: a.ncCode, department: a.department, round: a.round };
    const version = a.version + 1;

    if (call.step === "planned") {
      const i = call.input;
      const [owner] = await tx
        .select({ id: users.id, displayName: users.displayName })
        .from(users)
        .where(and(eq(users.id, i.ownerId), eq(users.active, true)));
      if (!owner) throw fieldError("ownerId", "validation.required", "owner not an active user");
      if (i.dueOn < operatorDay(now)) throw fieldError("dueOn", "quality.validation.dueOnPast", "action due before today");
      const content = {
        causeAnalysis: i.causeAnalysis,
        causeCategory: i.causeCategory,
        correction: i.correction,
        correctiveAction: i.correctiveAction,
        preventiveAction: i.preventiveAction,
        ownerId: owner.id,
        ownerName: owner.displayName,
        dueOn: i.dueOn,
      };
      await tx
        .update(correctiveActions)
        .set({
          status: caNextStatus("planned"),
          causeAnalysis: i.causeAnalysis,
          causeCategory: i.causeCategory,
          correction: i.correction,
          correctiveAction: i.correctiveAction,
          preventiveAction: i.preventiveAction,
          ownerId: owner.id,
          actionDueOn: i.dueOn,
          version,
        })
        .where(eq(correctiveActions.id, a.id));
      // the Pareto by cause reads it on the nonconformity (its status and version are quality's, untouched)
      await tx.update(nonconformities).set({ causeCategory: i.causeCategory }).where(eq(nonconformities.id, a.nonconformityId));
      await signStep(tx, { action: head, step: "planned", by, at: now, content, causeCategory: i.causeCategory });
      await noticeActionPlanned(tx, { ...notice, due: i.dueOn, by: user.displayName });
      return { id: a.id, version, status: "planned", round: a.round };
    }

    if (call.step === "implemented") {
      const implementedOn = operatorDay(now);
      await tx
        .update(correctiveActions)
        .set({ status: caNextStatus("implemented"), implementedOn, version })
        .where(eq(correctiveActions.id, a.id));
      await signStep(tx, { action: head, step: "implemented", by, at: now, content: { note: call.input.note, implementedOn } });
      await noticeActionImplemented(tx, { ...notice, by: user.displayName });
      return { id: a.id, version, status: "implemented", round: a.round };
    }

    const i = call.input;
    if (i.followUpCheckId !== null) {
      const [check] = await tx.select({ id: spotChecks.id }).from(spotChecks).where(eq(spotChecks.id, i.followUpCheckId));
      if (!check) throw fieldError("followUpCheckId", "validation.required", "follow-up check not found");
    }
    if (i.effective) {
      const step: TCaStep = "verified_effective";
      await tx
        .update(correctiveActions)
        .set({ status: caNextStatus(step), followUpCheckId: i.followUpCheckId, closedAt: now, version })
        .where(eq(correctiveActions.id, a.id));
      await tx
        .update(nonconformities)
        .set({ status: "closed", closedAt: now, version: sql`${nonconformities.version} + 1` })
        .where(eq(nonconformities.id, a.nonconformityId));
      await signStep(tx, { action: head, step, by, at: now, content: { effective: true, note: i.note, followUpCheckId: i.followUpCheckId } });
      // the nonconformity's own trail shows its closing too (as when quality closes one without a record)
      await appendAuditEvent(tx, {
        actorId: user.id,
        subjectType: "nonconformity",
        subjectId: a.nonconformityId,
        at: now,
        event: { name: "nonconformity.closed", payload: { code: a.ncCode, reason: `${a.code}: ${i.note}` } },
      });
      return { id: a.id, version, status: "closed", round: a.round };
    }

    if (i.requiredBy === null) throw fieldError("requiredBy", "validation.required", "a new round needs its date");
    if (i.requiredBy < operatorDay(now)) throw fieldError("requiredBy", "quality.validation.dueOnPast", "required-by before today");
    const step: TCaStep = "verified_ineffective";
    const round = a.round + 1;
    await tx
      .update(correctiveActions)
      .set({
        status: caNextStatus(step),
        round,
        requiredBy: i.requiredBy,
        followUpCheckId: i.followUpCheckId,
        implementedOn: null,
        actionDueOn: null,
        escalated: null,
        version,
      })
      .where(eq(correctiveActions.id, a.id));
    await signStep(tx, {
      action: head,
      step,
      by,
      at: now,
      content: { effective: false, note: i.note, followUpCheckId: i.followUpCheckId, requiredBy: i.requiredBy, nextRound: round },
    });
    await noticeActionSent(tx, { ...notice, round, due: i.requiredBy });
    return { id: a.id, version, status: "sent", round };
  });
}
