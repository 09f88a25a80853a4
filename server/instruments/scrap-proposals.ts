import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { instrumentFaults, instrumentScrapRequests, instrumentUsage } from "@/db/schema";
import type { TProposeScrapInput, TVerifyScrapInput } from "@/domain/instruments/schemas";
import { checkScrapProposal, checkScrapVerification } from "@/domain/instruments/scrap";
import { operatorToday } from "@/domain/time/operator";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { actorOf, assertRule, factsOf, loadSettings, lockInstrument, updateInstrument, usageEntry } from "./facts";

/**
 * The using department proposes scrapping (Procedure 4: 使用部门报给技术发展部): its head, the instrument's keeper, or
 * whoever holds it, with the reason they see and what is wrong. No loans meanwhile (`scrapPending`); Technology
 * Development verifies next.
 */
export async function proposeScrap({ db, user, input }: { db: Db; user: SessionUser; input: TProposeScrapInput }) {
  return db.transaction(async (tx) => {
    const inst = await lockInstrument(tx, input.instrumentId);
    if (!inst) throw new AppError("not_found");
    assertRule(checkScrapProposal({ user: actorOf(user), instrument: factsOf(inst), note: input.note }));
    const now = new Date();
    const [req] = await tx
      .insert(instrumentScrapRequests)
      .values({ instrumentId: inst.id, reason: input.reason, note: input.note, status: "proposed", requestedBy: user.id, requestedAt: now })
      .returning();
    if (!req) throw new AppError("conflict");
    await updateInstrument(tx, inst, { scrapPending: true }, user.id, now);
    await tx.insert(instrumentUsage).values(
      usageEntry({
        instrumentId: inst.id,
        kind: "scrap_proposed",
        onDate: operatorToday(now),
        actorId: user.id,
        note: input.note,
        details: { reason: input.reason, requestId: req.id, department: user.department },
        at: now,
      }),
    );
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "instrument",
      subjectId: inst.id,
      at: now,
      event: { name: "instrument.scrapProposed", payload: { assetTag: inst.assetTag, requestId: req.id, reason: input.reason } },
    });
    return req;
  });
}

/**
 * Technology Development verifies a proposal (由技术发展部验证): the reason must hold now (service life over, the
 * repairer's "beyond repair", or a failed calibration), and the request goes to the leader named in the settings;
 * or it declines, saying why, and the instrument may be lent again.
 */
export async function verifyScrap({ db, user, input }: { db: Db; user: SessionUser; input: TVerifyScrapInput }) {
  return db.transaction(async (tx) => {
    const [peek] = await tx
      .select({ instrumentId: instrumentScrapRequests.instrumentId })
      .from(instrumentScrapRequests)
      .where(eq(instrumentScrapRequests.id, input.requestId));
    if (!peek) throw new AppError("not_found");
    const inst = await lockInstrument(tx, peek.instrumentId);
    const [req] = await tx.select().from(instrumentScrapRequests).where(eq(instrumentScrapRequests.id, input.requestId)).for("update");
    if (!inst || !req) throw new AppError("not_found");
    const [judged] = await tx
      .select({ id: instrumentFaults.id })
      .from(instrumentFaults)
      .where(and(eq(instrumentFaults.instrumentId, inst.id), eq(instrumentFaults.status, "beyond_repair")))
      .limit(1);
    const now = new Date();
    const check = checkScrapVerification({
      user: actorOf(user),
      request: req,
      instrument: factsOf(inst),
      decision: input.decision,
      reason: input.reason,
      beyondRepair: Boolean(judged),
      note: input.note,
      today: operatorToday(now),
    });
    assertRule(check);
    if (check.already) return req;
    const verified = input.decision === "verify";
    const approverId = verified ? (await loadSettings(tx)).scrapApproverId : null;
    const [after] = await tx
      .update(instrumentScrapRequests)
      .set({
        status: verified ? "pending" : "declined",
        reason: input.reason,
        verifiedBy: user.id,
        verifiedAt: now,
        verifyNote: input.note,
        approverId,
      })
      .where(eq(instrumentScrapRequests.id, req.id))
      .returning();
    if (!verified) await updateInstrument(tx, inst, { scrapPending: false }, user.id, now);
    await tx.insert(instrumentUsage).values(
      usageEntry({
        instrumentId: inst.id,
        kind: verified ? "scrap_requested" : "scrap_declined",
        onDate: operatorToday(now),
        actorId: user.id,
        note: input.note,
        details: { reason: input.reason, requestId: req.id, verified },
        at: now,
      }),
    );
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "instrument",
      subjectId: inst.id,
      at: now,
      event: {
        name: "instrument.scrapVerified",
        payload: { assetTag: inst.assetTag, requestId: req.id, decision: input.decision, reason: input.reason, approverId },
      },
    });
    return after!;
  });
}
