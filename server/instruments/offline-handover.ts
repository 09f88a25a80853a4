import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, instrumentFaults, instrumentHandovers, instrumentLoans, instrumentUsage } from "@/db/schema";
import { maxDate } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { checkHandOverAccept, checkHandOverClose, checkHandOverOffer } from "@/domain/instruments/handover";
import { borrowDay } from "@/domain/instruments/loans";
import { ZAcceptHandOverArgs, ZCancelHandOverArgs, ZDeclineHandOverArgs, ZHandOverArgs } from "@/domain/instruments/mutations";
import { auditRow } from "@/server/audit/service";
import { storeEvidence } from "@/server/evidence/service";
import type { Decision, MutationContext } from "@/server/sync/contract";
import { Rejection } from "@/server/sync/rejection";
import { actorOf, factsOf, loadActor, lockInstrument, parseArgs, rejectUnless, updateInstrument, usageEntry } from "./facts";
import { checkSignature } from "./images";

const fromPhone = (m: MutationContext["mutation"]) => ({ mutationId: m.mutationId, deviceId: m.deviceId });

export async function lockHandover(tx: Db, id: string) {
  const [h] = await tx.select().from(instrumentHandovers).where(eq(instrumentHandovers.id, id)).for("update");
  if (!h) throw new Rejection("not_found", { handoverId: id });
  const inst = await lockInstrument(tx, h.instrumentId);
  if (!inst) throw new Rejection("not_found", { instrumentId: h.instrumentId });
  return { h, inst };
}

/** `instrument.handOver`: the holder offers the instrument to a named colleague and signs; the colleague answers. */
export async function applyHandOver({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const a = parseArgs(ZHandOverArgs, mutation.args);
  checkSignature(a.signature);
  const inst = await lockInstrument(tx, a.instrumentId);
  if (!inst) throw new Rejection("not_found", { instrumentId: a.instrumentId });
  const [existing] = await tx.select().from(instrumentHandovers).where(eq(instrumentHandovers.id, a.handoverId));
  if (existing) {
    if (existing.fromUserId !== user.id || existing.instrumentId !== inst.id) throw new Rejection("bad_input", { issues: ["handoverId: already used"] });
    return { status: "already_in_state", details: { handoverStatus: existing.status } };
  }
  const [loan] = await tx.select().from(instrumentLoans).where(eq(instrumentLoans.id, a.loanId)).for("update");
  const receiver = await loadActor(tx, { username: a.toUsername }, true);
  const [open] = await tx
    .select({ id: instrumentHandovers.id })
    .from(instrumentHandovers)
    .where(and(eq(instrumentHandovers.instrumentId, inst.id), inArray(instrumentHandovers.status, ["offered", "accepted"])));
  const now = new Date();
  const check = checkHandOverOffer({
    giver: actorOf(user),
    receiver,
    loan: loan && loan.instrumentId === inst.id ? loan : null,
    instrument: factsOf(inst),
    openOffer: Boolean(open),
    condition: a.condition,
    note: a.note,
    today: operatorToday(now),
  });
  if (!check.ok && check.code === "not_found") throw new Rejection("not_found", { username: a.toUsername });
  rejectUnless(check);

  return {
    status: "applied",
    write: async () => {
      const sha = await storeEvidence(tx, { photo: { mime: "image/png", base64: a.signature.base64 }, userId: user.id });
      await tx.insert(instrumentHandovers).values({
        id: a.handoverId,
        instrumentId: inst.id,
        loanId: a.loanId,
        fromUserId: user.id,
        toUserId: receiver!.id,
        status: "offered",
        conditionOut: a.condition,
        note: a.note,
        fromSignatureSha256: sha,
        offeredAt: now,
      });
      append.add(
        instrumentUsage,
        usageEntry({
          instrumentId: inst.id,
          kind: "handover_offered",
          onDate: borrowDay(mutation.clientTime, now),
          actorId: user.id,
          holderId: receiver!.id,
          loanId: a.loanId,
          condition: a.condition,
          note: a.note,
          details: { handoverId: a.handoverId, signatureSha256: sha },
          mutation,
          at: now,
        }),
      );
      append.add(
        auditEvents,
        auditRow({
          actorId: user.id,
          subjectType: "instrument",
          subjectId: inst.id,
          at: now,
          event: {
            name: "instrument.handOverOffered",
            payload: {
              assetTag: inst.assetTag,
              handoverId: a.handoverId,
              loanId: a.loanId,
              toUserId: receiver!.id,
              condition: a.condition,
              signatureSha256: sha,
              ...fromPhone(mutation),
            },
          },
        }),
      );
    },
  };
}

/**
 * `instrument.acceptHandOver`: the named colleague takes the instrument over and signs. Since issue 16 (ADR 0040) the
 * hand-over then waits for the custodian (`accepted`); the loan moves when the custodian confirms
 * (`instrument.confirmHandOver`).
 */
export async function applyAcceptHandOver({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const a = parseArgs(ZAcceptHandOverArgs, mutation.args);
  checkSignature(a.signature);
  const { h, inst } = await lockHandover(tx, a.handoverId);
  const now = new Date();
  const [loan] = await tx.select().from(instrumentLoans).where(eq(instrumentLoans.id, h.loanId)).for("update");
  const check = checkHandOverAccept({
    receiver: actorOf(user),
    handover: h,
    instrument: factsOf(inst),
    loan,
    condition: a.condition,
    note: a.note,
    today: operatorToday(now),
  });
  rejectUnless(check);
  if (check.already) return { status: "already_in_state", details: { handoverStatus: h.status } };
  if (!loan || loan.status !== "active") throw new Rejection("invalid_transition", { reason: "holder_changed" });

  return {
    status: "applied",
    write: async () => {
      const sha = await storeEvidence(tx, { photo: { mime: "image/png", base64: a.signature.base64 }, userId: user.id });
      const onDate = maxDate(borrowDay(mutation.clientTime, now), loan.borrowedOn ?? "0001-01-01");
      await tx
        .update(instrumentHandovers)
        .set({ status: "accepted", conditionIn: a.condition, answerNote: a.note, toSignatureSha256: sha, answeredAt: now })
        .where(eq(instrumentHandovers.id, h.id));
      const faulty = a.condition === "faulty";
      if (faulty) {
        await tx
          .insert(instrumentFaults)
          .values({ id: randomUUID(), instrumentId: inst.id, status: "open", description: a.note, reportedBy: user.id, reportedAt: now });
        await updateInstrument(tx, inst, { faultOpen: true }, user.id, now);
      }
      append.add(
        instrumentUsage,
        usageEntry({
          instrumentId: inst.id,
          kind: "handover_accepted",
          onDate,
          actorId: user.id,
          holderId: user.id,
          loanId: loan.id,
          condition: a.condition,
          note: a.note,
          details: { handoverId: h.id, fromUserId: h.fromUserId, signatureSha256: sha },
          mutation,
          at: now,
        }),
      );
      append.add(
        auditEvents,
        auditRow({
          actorId: user.id,
          subjectType: "instrument",
          subjectId: inst.id,
          at: now,
          event: {
            name: "instrument.handOverAnswered",
            payload: {
              assetTag: inst.assetTag,
              handoverId: h.id,
              answer: "accepted",
              newLoanId: null,
              condition: a.condition,
              signatureSha256: sha,
              ...fromPhone(mutation),
            },
          },
        }),
      );
    },
  };
}

/** `instrument.declineHandOver` (the receiver) and `instrument.cancelHandOver` (the giver): the offer closes, the loan stays. */
function closeHandOver(as: "decline" | "cancel") {
  return async ({ tx, user, mutation, append }: MutationContext): Promise<Decision> => {
    const a = as === "decline" ? parseArgs(ZDeclineHandOverArgs, mutation.args) : { ...parseArgs(ZCancelHandOverArgs, mutation.args), note: "" };
    const { h, inst } = await lockHandover(tx, a.handoverId);
    const check = checkHandOverClose({ user: actorOf(user), handover: h, as });
    rejectUnless(check);
    if (check.already) return { status: "already_in_state", details: { handoverStatus: h.status } };
    const status = as === "decline" ? "declined" : "cancelled";
    return {
      status: "applied",
      write: async () => {
        const now = new Date();
        await tx.update(instrumentHandovers).set({ status, answerNote: a.note, answeredAt: now }).where(eq(instrumentHandovers.id, h.id));
        append.add(
          instrumentUsage,
          usageEntry({
            instrumentId: inst.id,
            kind: as === "decline" ? "handover_declined" : "handover_cancelled",
            onDate: borrowDay(mutation.clientTime, now),
            actorId: user.id,
            holderId: h.fromUserId,
            loanId: h.loanId,
            note: a.note,
            details: { handoverId: h.id },
            mutation,
            at: now,
          }),
        );
        append.add(
          auditEvents,
          auditRow({
            actorId: user.id,
            subjectType: "instrument",
            subjectId: inst.id,
            at: now,
            event: {
              name: "instrument.handOverAnswered",
              payload: {
                assetTag: inst.assetTag,
                handoverId: h.id,
                answer: status,
                newLoanId: null,
                condition: null,
                signatureSha256: null,
                ...fromPhone(mutation),
              },
            },
          }),
        );
      },
    };
  };
}

export const applyDeclineHandOver = closeHandOver("decline");
export const applyCancelHandOver = closeHandOver("cancel");
