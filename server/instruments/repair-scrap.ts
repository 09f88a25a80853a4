import "server-only";
import { and, asc, eq, inArray, isNull, notInArray, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { instrumentFaults, instrumentScrapRequests, instrumentUsage, instruments, users } from "@/db/schema";
import { operatorToday } from "@/domain/time/operator";
import { checkCompleteRepair, checkSendToRepair } from "@/domain/instruments/faults";
import type { TCompleteRepairInput, TDecideScrapInput, TRequestScrapInput, TSendToRepairInput } from "@/domain/instruments/schemas";
import { checkScrapDecision, checkScrapRequest, mayDecideScrap } from "@/domain/instruments/scrap";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { isApprover, SCRAP_APPROVER_ROLES } from "@/domain/instruments/roles";
import { mayApproveScrapping } from "@/domain/instruments/settings";
import { actorOf, assertRule, factsOf, loadActor, loadSettings, lockInstrument, updateInstrument, usageEntry } from "./facts";

async function lockOrNotFound(tx: Db, id: string) {
  const inst = await lockInstrument(tx, id);
  if (!inst) throw new AppError("not_found");
  return inst;
}

/** To the designated repairer (no ad-hoc repair): the open faults go with it; status `at_repair`. */
export async function sendToRepair({ db, user, input }: { db: Db; user: SessionUser; input: TSendToRepairInput }) {
  return db.transaction(async (tx) => {
    const inst = await lockOrNotFound(tx, input.instrumentId);
    assertRule(checkSendToRepair({ user: actorOf(user), instrument: factsOf(inst) }));
    const now = new Date();
    const faults = await tx
      .update(instrumentFaults)
      .set({ status: "at_repair", repairer: input.repairer, sentAt: now })
      .where(and(eq(instrumentFaults.instrumentId, inst.id), eq(instrumentFaults.status, "open")))
      .returning({ id: instrumentFaults.id });
    await updateInstrument(tx, inst, { status: "at_repair" }, user.id, now);
    await tx.insert(instrumentUsage).values(
      usageEntry({
        instrumentId: inst.id,
        kind: "sent_to_repair",
        onDate: operatorToday(now),
        actorId: user.id,
        note: input.note,
        details: { repairer: input.repairer },
        at: now,
      }),
    );
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "instrument",
      subjectId: inst.id,
      at: now,
      event: { name: "instrument.sentToRepair", payload: { assetTag: inst.assetTag, repairer: input.repairer, faultIds: faults.map((f) => f.id) } },
    });
    return { faultIds: faults.map((f) => f.id) };
  });
}

/**
 * The repairer's result, recorded by the custodian: repaired → available again (faults closed); beyond repair →
 * stays at the repairer, faults marked beyond repair, ready for scrapping.
 */
export async function completeRepair({ db, user, input }: { db: Db; user: SessionUser; input: TCompleteRepairInput }) {
  return db.transaction(async (tx) => {
    const inst = await lockOrNotFound(tx, input.instrumentId);
    assertRule(checkCompleteRepair({ user: actorOf(user), instrument: factsOf(inst), note: input.note, outcome: input.outcome }));
    const now = new Date();
    const repaired = input.outcome === "repaired";
    await tx
      .update(instrumentFaults)
      .set({ status: repaired ? "repaired" : "beyond_repair", closedAt: now, closeNote: input.note })
      .where(and(eq(instrumentFaults.instrumentId, inst.id), inArray(instrumentFaults.status, ["open", "at_repair"])));
    if (repaired) await updateInstrument(tx, inst, { status: "available", faultOpen: false }, user.id, now);
    else await updateInstrument(tx, inst, {}, user.id, now);
    await tx.insert(instrumentUsage).values(
      usageEntry({
        instrumentId: inst.id,
        kind: repaired ? "repaired" : "beyond_repair",
        onDate: operatorToday(now),
        actorId: user.id,
        note: input.note,
        at: now,
      }),
    );
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "instrument",
      subjectId: inst.id,
      at: now,
      event: { name: "instrument.repairCompleted", payload: { assetTag: inst.assetTag, outcome: input.outcome } },
    });
    return { status: repaired ? ("available" as const) : ("at_repair" as const) };
  });
}

/**
 * The custodian confirms an instrument for scrapping (beyond its service life, judged beyond repair, or failed
 * calibration): Technology Development's own request is verified at once and goes to the leader named in the settings.
 */
export async function requestScrap({ db, user, input }: { db: Db; user: SessionUser; input: TRequestScrapInput }) {
  return db.transaction(async (tx) => {
    const inst = await lockOrNotFound(tx, input.instrumentId);
    const [judged] = await tx
      .select({ id: instrumentFaults.id })
      .from(instrumentFaults)
      .where(and(eq(instrumentFaults.instrumentId, inst.id), eq(instrumentFaults.status, "beyond_repair")))
      .limit(1);
    const now = new Date();
    assertRule(
      checkScrapRequest({ user: actorOf(user), instrument: factsOf(inst), reason: input.reason, beyondRepair: Boolean(judged), today: operatorToday(now) }),
    );
    const { scrapApproverId } = await loadSettings(tx);
    const [req] = await tx
      .insert(instrumentScrapRequests)
      .values({
        instrumentId: inst.id,
        reason: input.reason,
        note: input.note,
        status: "pending",
        requestedBy: user.id,
        requestedAt: now,
        verifiedBy: user.id,
        verifiedAt: now,
        verifyNote: input.note,
        approverId: scrapApproverId,
      })
      .returning();
    if (!req) throw new AppError("conflict");
    await updateInstrument(tx, inst, { scrapPending: true }, user.id, now);
    await tx.insert(instrumentUsage).values(
      usageEntry({
        instrumentId: inst.id,
        kind: "scrap_requested",
        onDate: operatorToday(now),
        actorId: user.id,
        note: input.note,
        details: { reason: input.reason, requestId: req.id },
        at: now,
      }),
    );
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "instrument",
      subjectId: inst.id,
      at: now,
      event: { name: "instrument.scrapRequested", payload: { assetTag: inst.assetTag, requestId: req.id, reason: input.reason } },
    });
    return req;
  });
}

const requester = alias(users, "requester");
const approver = alias(users, "approver");

/**
 * Verified scrap requests waiting for this leader: those naming them (a department head or the general manager), and
 * for a department head those of instruments of their own department with nobody named, or with a leader named who can
 * no longer decide (the SQL form of `mayDecideScrap` with `mayApproveScrapping` on the named leader, as decideScrap).
 */
export function pendingScraps({ db, user }: { db: Db; user: SessionUser }) {
  const named = and(eq(instrumentScrapRequests.approverId, user.id), eq(approver.active, true), inArray(approver.role, [...SCRAP_APPROVER_ROLES]));
  // nobody named, or the leader named can no longer decide (left, another job): the instrument's department head
  const fallback = and(
    or(isNull(instrumentScrapRequests.approverId), eq(approver.active, false), notInArray(approver.role, [...SCRAP_APPROVER_ROLES])),
    eq(instruments.department, user.department),
  );
  return db
    .select({
      requestId: instrumentScrapRequests.id,
      reason: instrumentScrapRequests.reason,
      note: instrumentScrapRequests.note,
      requestedAt: instrumentScrapRequests.requestedAt,
      requestedByName: requester.displayName,
      instrumentId: instruments.id,
      assetTag: instruments.assetTag,
      name: instruments.name,
      model: instruments.model,
      intakeDate: instruments.intakeDate,
      serviceLifeYears: instruments.serviceLifeYears,
      status: instruments.status,
    })
    .from(instrumentScrapRequests)
    .innerJoin(instruments, eq(instruments.id, instrumentScrapRequests.instrumentId))
    .leftJoin(requester, eq(requester.id, instrumentScrapRequests.requestedBy))
    .leftJoin(approver, eq(approver.id, instrumentScrapRequests.approverId))
    .where(and(eq(instrumentScrapRequests.status, "pending"), isApprover(user.role) ? or(named, fallback) : named))
    .orderBy(asc(instrumentScrapRequests.requestedAt));
}

/** The leader named for it (or the head of the instrument's department) decides, with a reason; approved → scrapped, for ever. */
export async function decideScrap({ db, user, input }: { db: Db; user: SessionUser; input: TDecideScrapInput }) {
  return db.transaction(async (tx) => {
    const [peek] = await tx
      .select({ instrumentId: instrumentScrapRequests.instrumentId })
      .from(instrumentScrapRequests)
      .where(eq(instrumentScrapRequests.id, input.requestId));
    if (!peek) throw new AppError("not_found");
    const inst = await lockOrNotFound(tx, peek.instrumentId);
    const [req] = await tx.select().from(instrumentScrapRequests).where(eq(instrumentScrapRequests.id, input.requestId)).for("update");
    if (!req) throw new AppError("not_found");
    // the leader named can no longer decide (left, another job): the instrument's department head decides instead
    const named = req.approverId ? await loadActor(tx, { id: req.approverId }) : null;
    const request = { status: req.status, approverId: named && mayApproveScrapping(named) ? named.id : null };
    if (!mayDecideScrap(actorOf(user), request, inst).ok) throw new AppError("forbidden", { department: inst.department });
    assertRule(checkScrapDecision({ approver: actorOf(user), request, instrument: factsOf(inst), reason: input.reason }));
    const now = new Date();
    const approved = input.decision === "approve";
    const [after] = await tx
      .update(instrumentScrapRequests)
      .set({ status: approved ? "approved" : "rejected", decidedBy: user.id, decidedAt: now, decisionReason: input.reason })
      .where(eq(instrumentScrapRequests.id, req.id))
      .returning();
    await updateInstrument(tx, inst, approved ? { status: "scrapped", scrapPending: false } : { scrapPending: false }, user.id, now);
    await tx.insert(instrumentUsage).values(
      usageEntry({
        instrumentId: inst.id,
        kind: approved ? "scrap_approved" : "scrap_rejected",
        onDate: operatorToday(now),
        actorId: user.id,
        note: input.reason,
        details: { requestId: req.id },
        at: now,
      }),
    );
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "instrument",
      subjectId: inst.id,
      at: now,
      event: { name: "instrument.scrapDecided", payload: { assetTag: inst.assetTag, requestId: req.id, decision: input.decision, reason: input.reason } },
    });
    return after!;
  });
}
