import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { propertyCases, propertyItems, propertyRoundInspectors, propertyRoundItems, propertyRounds, users } from "@/db/schema";
import { caseNextStatus, MAX_ROUND_ITEMS, reinspectionItems, scheduleDateValid } from "@/domain/property/model";
import { roundTeamDecision } from "@/domain/property/round-team";
import type { ZCaseStepInput, ZScheduleInput } from "@/domain/property/schemas";
import { operatorDay } from "@/domain/time/operator";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { fieldError } from "@/server/complaints/access";
import { AppError } from "@/server/errors";
import { auditCase, beginCaseStep, ruleViolation, type CaseRow } from "./cases";
import { noticeRoundAssigned } from "./rounds-notify";

export type TScheduleInput = z.infer<typeof ZScheduleInput>;
export type TCaseStepInput = z.infer<typeof ZCaseStepInput>;

/** The latest submitted (passed or failed) round of a case, if any. */
export async function lastInspectedRound(tx: Db, caseId: string) {
  const [row] = await tx
    .select()
    .from(propertyRounds)
    .where(and(eq(propertyRounds.caseId, caseId), inArray(propertyRounds.status, ["passed", "failed"])))
    .orderBy(desc(propertyRounds.roundNo))
    .limit(1);
  return row ?? null;
}

/**
 * The items a new round inspects (ADR 0039 §4): with no round inspected yet, every active item of the kind's list;
 * a re-inspection, the previous round's failed items and the extra ones the department chose (domain
 * reinspectionItems), in the list's order. An extra item that is not an active item of this list is refused.
 */
async function itemsForRound(tx: Db, c: CaseRow, extraItemIds: readonly string[]) {
  const previous = await lastInspectedRound(tx, c.id);
  const failed = previous
    ? (
        await tx
          .select({ itemId: propertyRoundItems.itemId })
          .from(propertyRoundItems)
          .where(and(eq(propertyRoundItems.roundId, previous.id), eq(propertyRoundItems.result, "fail")))
      ).map((r) => r.itemId)
    : [];
  // the list as it is now: active items, and a failed item even if made inactive since (it is inspected again)
  const list = await tx
    .select()
    .from(propertyItems)
    .where(
      and(
        eq(propertyItems.kind, c.kind),
        failed.length > 0 ? or(eq(propertyItems.active, true), inArray(propertyItems.id, failed)) : eq(propertyItems.active, true),
      ),
    )
    .orderBy(asc(propertyItems.sort), asc(propertyItems.clause), asc(propertyItems.id));
  if (!previous) return list;
  const activeIds = new Set(list.filter((i) => i.active).map((i) => i.id));
  if (extraItemIds.some((id) => !activeIds.has(id))) throw fieldError("extraItemIds", "property.validation.items", "extra item not of this list");
  const want = new Set(reinspectionItems({ previousFailed: failed, chosen: extraItemIds, all: list.map((i) => i.id) }));
  return list.filter((i) => want.has(i.id));
}

/**
 * The organisers schedule an inspection round (the first, or a re-inspection after the reported rectification): the
 * day (today or later, within MAX_SCHEDULE_DAYS), the named inspectors (active people; each one's name and department
 * kept as they are now), the departments taking part, the items (a snapshot of their text). The team follows P2
 * (domain roundTeamDecision): a PBX names an inspector of terminal service (verifier_required), and every department
 * listed names one of its people (department_inspector_required), each of whom signs when the round is submitted. The
 * round number is the case's rounds + 1 (a cancelled round keeps its number). Each inspector is noticed.
 */
export async function scheduleRound(db: Db, user: SessionUser, input: TScheduleInput) {
  return db.transaction(async (tx) => {
    const now = clockNow();
    const c = await beginCaseStep(tx, user, "schedule", input);
    if (!scheduleDateValid(input.scheduledFor, operatorDay(now)))
      throw fieldError("scheduledFor", "property.validation.scheduleDate", "round day out of range");
    const people = await tx
      .select({ id: users.id, name: users.displayName, department: users.department })
      .from(users)
      .where(and(inArray(users.id, input.inspectorIds), eq(users.active, true)));
    if (people.length !== input.inspectorIds.length) throw fieldError("inspectorIds", "property.validation.inspectors", "inspector not an active user");
    // P2: terminal service verifies a PBX; every department taking part names an inspector of its own (domain round-team)
    const team = roundTeamDecision({ kind: c.kind, departments: input.departments, inspectors: people });
    if (!team.ok) throw ruleViolation(team.code, { status: c.status, departments: team.departments });
    const items = await itemsForRound(tx, c, input.extraItemIds);
    if (items.length === 0 || items.length > MAX_ROUND_ITEMS) throw fieldError("extraItemIds", "property.validation.items", `round of ${items.length} items`);

    const roundId = randomUUID();
    const roundNo = c.rounds + 1;
    await tx.insert(propertyRounds).values({
      id: roundId,
      caseId: c.id,
      roundNo,
      status: "scheduled",
      scheduledFor: input.scheduledFor,
      departments: input.departments,
      note: input.note,
      scheduledBy: user.id,
      scheduledAt: now,
    });
    // in the order they were chosen
    const ordered = input.inspectorIds.map((id) => people.find((p) => p.id === id)!);
    await tx.insert(propertyRoundInspectors).values(ordered.map((p) => ({ roundId, userId: p.id, name: p.name, department: p.department })));
    await tx.insert(propertyRoundItems).values(
      items.map((i, n) => ({
        roundId,
        itemId: i.id,
        clause: i.clause,
        group: i.group,
        textZh: i.textZh,
        textEn: i.textEn,
        unit: i.unit,
        sort: n,
      })),
    );
    const version = c.version + 1;
    await tx
      .update(propertyCases)
      .set({ status: caseNextStatus("schedule"), rounds: roundNo, updatedAt: now, version })
      .where(eq(propertyCases.id, c.id));
    await auditCase(tx, {
      actorId: user.id,
      caseId: c.id,
      at: now,
      event: {
        name: "property.roundScheduled",
        payload: {
          code: c.code,
          kind: c.kind,
          note: input.note,
          roundNo,
          scheduledFor: input.scheduledFor,
          inspectors: ordered.map((p) => ({ userId: p.id, department: p.department })),
          departments: input.departments,
          items: items.map((i) => i.clause),
        },
      },
    });
    await noticeRoundAssigned(tx, {
      roundId,
      roundNo,
      code: c.code,
      kind: c.kind,
      customerName: c.customerName,
      customerAddress: c.customerAddress,
      scheduledFor: input.scheduledFor,
      inspectorIds: ordered.map((p) => p.id),
    });
    return { roundId, roundNo, version };
  });
}

/**
 * The organisers cancel a scheduled round that will not happen: the round is kept, cancelled; the case goes back to
 * where it was scheduled from (rectified when a round was inspected before, else recorded).
 */
export async function cancelRound(db: Db, user: SessionUser, input: TCaseStepInput) {
  return db.transaction(async (tx) => {
    const now = clockNow();
    const c = await beginCaseStep(tx, user, "cancelRound", input);
    const [round] = await tx
      .select()
      .from(propertyRounds)
      .where(and(eq(propertyRounds.caseId, c.id), eq(propertyRounds.status, "scheduled")))
      .orderBy(desc(propertyRounds.roundNo))
      .limit(1)
      .for("update");
    if (!round) throw new AppError("invalid_transition", { status: c.status });
    await tx
      .update(propertyRounds)
      .set({ status: "cancelled", submitNote: input.note, version: sql`${propertyRounds.version} + 1` })
      .where(eq(propertyRounds.id, round.id));
    const inspected = (await lastInspectedRound(tx, c.id)) !== null;
    const status = caseNextStatus("cancelRound", { roundNo: round.roundNo, inspected });
    const version = c.version + 1;
    await tx.update(propertyCases).set({ status, updatedAt: now, version }).where(eq(propertyCases.id, c.id));
    await auditCase(tx, {
      actorId: user.id,
      caseId: c.id,
      at: now,
      event: { name: "property.roundCancelled", payload: { code: c.code, kind: c.kind, note: input.note, roundNo: round.roundNo } },
    });
    return { status, version };
  });
}
