import "server-only";
import { eq } from "drizzle-orm";
import { auditEvents, instrumentHandovers, instrumentLoans, instrumentUsage } from "@/db/schema";
import { checkConfirmHandOver } from "@/domain/instruments/custody";
import { handoverLoanId } from "@/domain/instruments/handover";
import { borrowDay } from "@/domain/instruments/loans";
import { ZConfirmHandOverArgs } from "@/domain/instruments/mutations";
import { maxDate } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { auditRow } from "@/server/audit/service";
import type { Decision, MutationContext } from "@/server/sync/contract";
import { Rejection } from "@/server/sync/rejection";
import { actorOf, factsOf, loadActor, parseArgs, rejectUnless, updateInstrument, usageEntry } from "./facts";
import { lockHandover } from "./offline-handover";

/**
 * `instrument.confirmHandOver` (the custodian, ADR 0040: 到技术发展部办理移交手续). Confirmed: the giver's loan ends
 * `handed_over` and a loan with the same term and due day starts for the receiver, its id derived from the hand-over
 * (domain handoverLoanId) so the receiver's phone can return it before it syncs again. Refused (with a reason): the
 * loan stays with the giver, who returns it or offers it again.
 */
export async function applyConfirmHandOver({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const a = parseArgs(ZConfirmHandOverArgs, mutation.args);
  const { h, inst } = await lockHandover(tx, a.handoverId);
  const now = new Date();
  const [loan] = await tx.select().from(instrumentLoans).where(eq(instrumentLoans.id, h.loanId)).for("update");
  const receiver = await loadActor(tx, { id: h.toUserId }, true);
  const check = checkConfirmHandOver({
    custodian: actorOf(user),
    handover: h,
    instrument: factsOf(inst),
    loan: loan ?? null,
    receiver,
    decision: a.decision,
    note: a.note,
    today: operatorToday(now),
  });
  rejectUnless(check);
  if (check.already) return { status: "already_in_state", details: { handoverStatus: h.status } };
  const from = { mutationId: mutation.mutationId, deviceId: mutation.deviceId };
  const onDate = borrowDay(mutation.clientTime, now);
  const audit = (newLoanId: string | null) =>
    append.add(
      auditEvents,
      auditRow({
        actorId: user.id,
        subjectType: "instrument",
        subjectId: inst.id,
        at: now,
        event: { name: "instrument.handOverConfirmed", payload: { assetTag: inst.assetTag, handoverId: h.id, decision: a.decision, newLoanId, ...from } },
      }),
    );

  if (a.decision === "refuse")
    return {
      status: "applied",
      write: async () => {
        await tx
          .update(instrumentHandovers)
          .set({ status: "refused", confirmedBy: user.id, confirmedAt: now, confirmNote: a.note })
          .where(eq(instrumentHandovers.id, h.id));
        append.add(
          instrumentUsage,
          usageEntry({
            instrumentId: inst.id,
            kind: "handover_refused",
            onDate,
            actorId: user.id,
            holderId: h.fromUserId,
            loanId: h.loanId,
            note: a.note,
            details: { handoverId: h.id, toUserId: h.toUserId },
            mutation,
            at: now,
          }),
        );
        audit(null);
      },
    };

  if (!loan || !receiver) throw new Rejection("invalid_transition", { reason: "holder_changed" });
  return {
    status: "applied",
    write: async () => {
      const day = maxDate(onDate, loan.borrowedOn ?? "0001-01-01");
      const newLoanId = handoverLoanId(h.id);
      await tx
        .update(instrumentLoans)
        .set({
          status: "handed_over",
          endedOn: day,
          endedAt: now,
          endedBy: user.id,
          returnCondition: h.conditionIn,
          returnNote: h.answerNote,
          version: loan.version + 1,
          updatedAt: now,
        })
        .where(eq(instrumentLoans.id, loan.id));
      await tx.insert(instrumentLoans).values({
        id: newLoanId,
        instrumentId: inst.id,
        borrowerId: receiver.id,
        department: receiver.department,
        term: loan.term,
        status: "active",
        borrowedOn: day,
        dueOn: loan.dueOn,
        purpose: loan.purpose,
        requestedAt: now,
        decidedBy: loan.decidedBy,
        decidedAt: loan.decidedAt,
        fromLoanId: loan.id,
        issuedBy: user.id,
        issuedAt: now,
        issueMissing: inst.missingAccessories,
        termMonths: loan.termMonths,
        updatedAt: now,
      });
      await tx
        .update(instrumentHandovers)
        .set({ status: "confirmed", newLoanId, confirmedBy: user.id, confirmedAt: now, confirmNote: a.note })
        .where(eq(instrumentHandovers.id, h.id));
      await updateInstrument(tx, inst, { holderId: receiver.id, loanId: newLoanId }, user.id, now);
      append.add(
        instrumentUsage,
        usageEntry({
          instrumentId: inst.id,
          kind: "handover_confirmed",
          onDate: day,
          actorId: user.id,
          holderId: receiver.id,
          loanId: newLoanId,
          condition: h.conditionIn,
          note: a.note,
          details: { handoverId: h.id, fromUserId: h.fromUserId, fromLoanId: loan.id },
          mutation,
          at: now,
        }),
      );
      audit(newLoanId);
    },
  };
}
