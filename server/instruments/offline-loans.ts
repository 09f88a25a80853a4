import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { auditEvents, instrumentFaults, instrumentHandovers, instrumentLoans, instrumentUsage } from "@/db/schema";
import { maxDate } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { borrowDay, checkBorrow, checkReturn } from "@/domain/instruments/loans";
import { ZBorrowArgs, ZReturnArgs } from "@/domain/instruments/mutations";
import { auditRow } from "@/server/audit/service";
import type { Decision, MutationContext } from "@/server/sync/contract";
import { Rejection } from "@/server/sync/rejection";
import { actorOf, displayNameOf, factsOf, lockInstrument, otherLendableOfKind, parseArgs, rejectUnless, updateInstrument, usageEntry } from "./facts";

/**
 * `instrument.borrow`: a short-term loan at once, or a long-term request for the borrower's department head.
 * Decided on the locked instrument as it is now: lent to someone else meanwhile → not_available naming the holder.
 */
export async function applyBorrow({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const a = parseArgs(ZBorrowArgs, mutation.args);
  const inst = await lockInstrument(tx, a.instrumentId);
  if (!inst) throw new Rejection("not_found", { instrumentId: a.instrumentId });
  const [existing] = await tx.select().from(instrumentLoans).where(eq(instrumentLoans.id, a.loanId));
  if (existing) {
    if (existing.borrowerId !== user.id || existing.instrumentId !== inst.id) throw new Rejection("bad_input", { issues: ["loanId: already used"] });
    return { status: "already_in_state", details: { loanStatus: existing.status } };
  }
  const now = new Date();
  const today = operatorToday(now);
  const borrowedOn = borrowDay(mutation.clientTime, now);
  const holderName = await displayNameOf(tx, inst.holderId);
  const other = a.term === "long" && inst.category === "public" ? await otherLendableOfKind(tx, inst, today) : 0;
  const check = checkBorrow({
    borrower: actorOf(user),
    instrument: factsOf(inst),
    term: a.term,
    borrowedOn,
    dueOn: a.dueOn,
    purpose: a.purpose,
    today,
    holderName,
    otherLendableOfKind: other,
  });
  rejectUnless(check);
  if (a.term === "long") {
    const [pending] = await tx
      .select({ id: instrumentLoans.id })
      .from(instrumentLoans)
      .where(and(eq(instrumentLoans.instrumentId, inst.id), eq(instrumentLoans.borrowerId, user.id), eq(instrumentLoans.status, "requested")));
    if (pending) throw new Rejection("invalid_transition", { reason: "request_pending", loanId: pending.id });
  }

  return {
    status: "applied",
    write: async () => {
      const base = {
        id: a.loanId,
        instrumentId: inst.id,
        borrowerId: user.id,
        department: user.department,
        term: a.term,
        purpose: a.purpose,
        requestedAt: now,
        updatedAt: now,
      };
      const from = { mutationId: mutation.mutationId, deviceId: mutation.deviceId };
      if (a.term === "short") {
        const dueOn = check.dueOn!;
        await tx.insert(instrumentLoans).values({ ...base, status: "active", borrowedOn, dueOn });
        await updateInstrument(tx, inst, { status: "on_loan", holderId: user.id, loanId: a.loanId, loanTerm: "short", loanDueOn: dueOn }, user.id, now);
        append.add(
          instrumentUsage,
          usageEntry({
            instrumentId: inst.id,
            kind: "borrowed",
            onDate: borrowedOn,
            actorId: user.id,
            holderId: user.id,
            loanId: a.loanId,
            note: a.purpose,
            details: { term: "short", dueOn },
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
            event: { name: "instrument.borrowed", payload: { assetTag: inst.assetTag, loanId: a.loanId, term: "short", borrowedOn, dueOn, ...from } },
          }),
        );
      } else {
        await tx.insert(instrumentLoans).values({ ...base, status: "requested" });
        append.add(
          instrumentUsage,
          usageEntry({
            instrumentId: inst.id,
            kind: "loan_requested",
            onDate: today,
            actorId: user.id,
            holderId: user.id,
            loanId: a.loanId,
            note: a.purpose,
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
            event: { name: "instrument.loanRequested", payload: { assetTag: inst.assetTag, loanId: a.loanId, purpose: a.purpose, ...from } },
          }),
        );
      }
    },
  };
}

/**
 * `instrument.return`: by the holder, or by the custodian taking it back at the desk; the condition is noted and
 * `faulty` opens a fault (no loans until the repairer's result). An open hand-over offer of the loan lapses.
 */
export async function applyReturn({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const a = parseArgs(ZReturnArgs, mutation.args);
  const inst = await lockInstrument(tx, a.instrumentId);
  if (!inst) throw new Rejection("not_found", { instrumentId: a.instrumentId });
  const [loan] = await tx.select().from(instrumentLoans).where(eq(instrumentLoans.id, a.loanId)).for("update");
  if (!loan || loan.instrumentId !== inst.id) throw new Rejection("not_found", { loanId: a.loanId });
  const check = checkReturn({ user: actorOf(user), loan, condition: a.condition, note: a.note });
  rejectUnless(check);
  if (check.already) return { status: "already_in_state", details: { loanStatus: loan.status } };

  return {
    status: "applied",
    write: async () => {
      const now = new Date();
      const endedOn = maxDate(borrowDay(mutation.clientTime, now), loan.borrowedOn ?? "0001-01-01");
      const faultId = a.condition === "faulty" ? randomUUID() : null;
      await tx
        .update(instrumentLoans)
        .set({
          status: "returned",
          endedOn,
          endedAt: now,
          endedBy: user.id,
          returnCondition: a.condition,
          returnNote: a.note,
          version: loan.version + 1,
          updatedAt: now,
        })
        .where(eq(instrumentLoans.id, loan.id));
      await tx
        .update(instrumentHandovers)
        .set({ status: "cancelled", answeredAt: now, answerNote: "returned" })
        .where(and(eq(instrumentHandovers.loanId, loan.id), eq(instrumentHandovers.status, "offered")));
      if (faultId)
        await tx
          .insert(instrumentFaults)
          .values({ id: faultId, instrumentId: inst.id, status: "open", description: a.note, reportedBy: user.id, reportedAt: now });
      await updateInstrument(
        tx,
        inst,
        { status: "available", holderId: null, loanId: null, loanTerm: null, loanDueOn: null, faultOpen: inst.faultOpen || faultId !== null },
        user.id,
        now,
      );
      append.add(
        instrumentUsage,
        usageEntry({
          instrumentId: inst.id,
          kind: "returned",
          onDate: endedOn,
          actorId: user.id,
          holderId: loan.borrowerId,
          loanId: loan.id,
          condition: a.condition,
          note: a.note,
          mutation,
          at: now,
        }),
      );
      if (faultId)
        append.add(
          instrumentUsage,
          usageEntry({
            instrumentId: inst.id,
            kind: "fault_reported",
            onDate: endedOn,
            actorId: user.id,
            note: a.note,
            details: { faultId },
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
            name: "instrument.returned",
            payload: {
              assetTag: inst.assetTag,
              loanId: loan.id,
              condition: a.condition,
              faultId,
              mutationId: mutation.mutationId,
              deviceId: mutation.deviceId,
            },
          },
        }),
      );
    },
  };
}
