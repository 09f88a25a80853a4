import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { propertyCases, propertyLetters, propertyRoundItems, propertyRounds } from "@/db/schema";
import { caseNextStatus, letterDeadlineValid } from "@/domain/property/model";
import type { ZCancelInput, ZCaseStepInput, ZLetterInput } from "@/domain/property/schemas";
import { operatorDay } from "@/domain/time/operator";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { fieldError } from "@/server/complaints/access";
import { AppError } from "@/server/errors";
import { assertCustomerService, auditCase, beginCaseStep } from "./cases";
import { nextCode } from "./counters";
import { lastInspectedRound } from "./rounds";

type TCaseStepInput = z.infer<typeof ZCaseStepInput>;
type TLetterInput = z.infer<typeof ZLetterInput>;
type TCancelInput = z.infer<typeof ZCancelInput>;

/**
 * After a failed round, the organisers issue the rectification letter (整改通知书, RL-YYYY-NNNN): the failed items as
 * they were written in the round (text, measurement, the inspectors' note) and the deadline (after today, at most
 * MAX_RECTIFY_DAYS ahead). The case is rectifying.
 */
export async function issueLetter(db: Db, user: SessionUser, input: TLetterInput) {
  return db.transaction(async (tx) => {
    const now = clockNow();
    const c = await beginCaseStep(tx, user, "issueLetter", input);
    if (!letterDeadlineValid(input.deadline, operatorDay(now))) throw fieldError("deadline", "property.validation.deadline", "letter deadline out of range");
    const round = await lastInspectedRound(tx, c.id);
    if (!round || round.status !== "failed") throw new AppError("invalid_transition", { status: c.status });
    const failed = await tx
      .select()
      .from(propertyRoundItems)
      .where(and(eq(propertyRoundItems.roundId, round.id), eq(propertyRoundItems.result, "fail")))
      .orderBy(asc(propertyRoundItems.sort));
    const items = failed.map((i) => ({ clause: i.clause, textZh: i.textZh, textEn: i.textEn, note: i.note, measurement: i.measurement }));
    const letterId = randomUUID();
    const code = await nextCode(tx, "letter", now);
    await tx.insert(propertyLetters).values({
      id: letterId,
      code,
      caseId: c.id,
      roundId: round.id,
      deadline: input.deadline,
      items,
      note: input.note,
      issuedBy: user.id,
      issuedAt: now,
    });
    const version = c.version + 1;
    await tx
      .update(propertyCases)
      .set({ status: caseNextStatus("issueLetter"), updatedAt: now, version })
      .where(eq(propertyCases.id, c.id));
    await auditCase(tx, {
      actorId: user.id,
      caseId: c.id,
      at: now,
      event: {
        name: "property.letterIssued",
        payload: { code: c.code, kind: c.kind, note: input.note, letterCode: code, deadline: input.deadline, items: items.map((i) => i.clause) },
      },
    });
    return { letterId, code, version };
  });
}

/**
 * The customer reports the failed items put right (recorded by customer service or the organisers): the open letter
 * (if one was issued) gets its rectification time, who recorded it and the note. The case is rectified: the next
 * round may be scheduled.
 */
export async function reportRectified(db: Db, user: SessionUser, input: TCaseStepInput) {
  return db.transaction(async (tx) => {
    const now = clockNow();
    const c = await beginCaseStep(tx, user, "reportRectified", input);
    const [letter] = await tx
      .select({ id: propertyLetters.id, code: propertyLetters.code })
      .from(propertyLetters)
      .where(and(eq(propertyLetters.caseId, c.id), isNull(propertyLetters.rectifiedAt)))
      .orderBy(desc(propertyLetters.issuedAt))
      .limit(1)
      .for("update");
    if (letter)
      await tx.update(propertyLetters).set({ rectifiedAt: now, rectifiedBy: user.id, rectifiedNote: input.note }).where(eq(propertyLetters.id, letter.id));
    const status = caseNextStatus("reportRectified");
    const version = c.version + 1;
    await tx.update(propertyCases).set({ status, updatedAt: now, version }).where(eq(propertyCases.id, c.id));
    await auditCase(tx, {
      actorId: user.id,
      caseId: c.id,
      at: now,
      event: { name: "property.rectificationReported", payload: { code: c.code, kind: c.kind, note: input.note, letterCode: letter?.code ?? null } },
    });
    return { status, version };
  });
}

/**
 * Customer service connects the PBX or opens the works' service after a passed inspection, without a work order
 * (a work order linked to the case connects it otherwise, server/property/connect.ts).
 */
export async function openService(db: Db, user: SessionUser, input: TCaseStepInput) {
  assertCustomerService(user);
  return db.transaction(async (tx) => {
    const now = clockNow();
    const c = await beginCaseStep(tx, user, "connect", input);
    const status = caseNextStatus("connect");
    const version = c.version + 1;
    await tx.update(propertyCases).set({ status, connectedAt: now, connectedOrderId: null, updatedAt: now, version }).where(eq(propertyCases.id, c.id));
    await auditCase(tx, {
      actorId: user.id,
      caseId: c.id,
      at: now,
      event: { name: "property.connected", payload: { code: c.code, kind: c.kind, note: input.note, workOrderCode: null } },
    });
    return { status, version };
  });
}

/** The customer withdrew: the case is cancelled with the reason, from any open state; a scheduled round with it. */
export async function cancelCase(db: Db, user: SessionUser, input: TCancelInput) {
  return db.transaction(async (tx) => {
    const now = clockNow();
    const c = await beginCaseStep(tx, user, "cancel", input);
    await tx
      .update(propertyRounds)
      .set({ status: "cancelled", submitNote: input.reason, version: sql`${propertyRounds.version} + 1` })
      .where(and(eq(propertyRounds.caseId, c.id), eq(propertyRounds.status, "scheduled")));
    const status = caseNextStatus("cancel");
    const version = c.version + 1;
    await tx.update(propertyCases).set({ status, cancelReason: input.reason, updatedAt: now, version }).where(eq(propertyCases.id, c.id));
    await auditCase(tx, {
      actorId: user.id,
      caseId: c.id,
      at: now,
      event: { name: "property.cancelled", payload: { code: c.code, kind: c.kind, note: input.reason } },
    });
    return { status, version };
  });
}
