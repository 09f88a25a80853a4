import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { auditEvents, instrumentFaults, instrumentHandovers, instrumentLoans, instrumentUsage } from "@/db/schema";
import { operatorToday } from "@/domain/time/operator";
import { borrowDay, checkBorrow, checkReturn } from "@/domain/instruments/loans";
import { ZBorrowArgs, ZReturnArgs } from "@/domain/instruments/mutations";
import { OPEN_REQUEST_STATUSES } from "@/domain/instruments/names";
import { auditRow } from "@/server/audit/service";
import type { Decision, MutationContext } from "@/server/sync/contract";
import { Rejection } from "@/server/sync/rejection";
import { actorOf, displayNameOf, factsOf, lockInstrument, otherLendableOfKind, parseArgs, rejectUnless, updateInstrument, usageEntry } from "./facts";
import { writeReturn } from "./return-write";

const fromPhone = (m: MutationContext["mutation"]) => ({ mutationId: m.mutationId, deviceId: m.deviceId });

/**
 * `instrument.borrow` v1: a request by scan (ADR 0040). A short one waits for the custodian to hand the instrument out;
 * a long one for the borrower's department head, then the custodian. Decided on the locked instrument as it is now:
 * lent to someone else meanwhile → not_available naming the holder. Already handed to this borrower (the custodian
 * issued it before this request arrived) → already_in_state: nothing is recorded twice.
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
  if (inst.status === "on_loan" && inst.holderId === user.id) return { status: "already_in_state", details: { loanId: inst.loanId, reason: "already_issued" } };
  const now = new Date();
  const today = operatorToday(now);
  const askedOn = borrowDay(mutation.clientTime, now);
  const holderName = await displayNameOf(tx, inst.holderId);
  const other = a.term === "long" && inst.category === "public" ? await otherLendableOfKind(tx, inst, today) : 0;
  const check = checkBorrow({
    borrower: actorOf(user),
    instrument: factsOf(inst),
    term: a.term,
    borrowedOn: askedOn,
    dueOn: a.dueOn,
    purpose: a.purpose,
    today,
    holderName,
    otherLendableOfKind: other,
  });
  rejectUnless(check);
  const [pending] = await tx
    .select({ id: instrumentLoans.id })
    .from(instrumentLoans)
    .where(
      and(eq(instrumentLoans.instrumentId, inst.id), eq(instrumentLoans.borrowerId, user.id), inArray(instrumentLoans.status, [...OPEN_REQUEST_STATUSES])),
    );
  if (pending) throw new Rejection("invalid_transition", { reason: "request_pending", loanId: pending.id });

  return {
    status: "applied",
    write: async () => {
      await tx.insert(instrumentLoans).values({
        id: a.loanId,
        instrumentId: inst.id,
        borrowerId: user.id,
        department: user.department,
        term: a.term,
        status: "requested",
        // the due day asked for (short); the custodian's issue counts it again from the issue day
        dueOn: check.dueOn,
        purpose: a.purpose,
        requestedAt: now,
        updatedAt: now,
      });
      append.add(
        instrumentUsage,
        usageEntry({
          instrumentId: inst.id,
          kind: "loan_requested",
          onDate: askedOn,
          actorId: user.id,
          holderId: user.id,
          loanId: a.loanId,
          note: a.purpose,
          details: { term: a.term, dueOn: check.dueOn },
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
          event: { name: "instrument.loanRequested", payload: { assetTag: inst.assetTag, loanId: a.loanId, purpose: a.purpose, ...fromPhone(mutation) } },
        }),
      );
    },
  };
}

/**
 * `instrument.return` v1. By the holder: a return request (ADR 0040): the instrument stays theirs until the custodian
 * confirms; `faulty` opens a fault at once (no loans until the repairer's result) and an open hand-over of the loan
 * lapses. By the custodian: the return itself, taken back at the desk (no accessory check recorded: an older phone).
 */
export async function applyReturn(ctx: MutationContext): Promise<Decision> {
  const { tx, user, mutation, append } = ctx;
  const a = parseArgs(ZReturnArgs, mutation.args);
  const inst = await lockInstrument(tx, a.instrumentId);
  if (!inst) throw new Rejection("not_found", { instrumentId: a.instrumentId });
  const [loan] = await tx.select().from(instrumentLoans).where(eq(instrumentLoans.id, a.loanId)).for("update");
  if (!loan || loan.instrumentId !== inst.id) throw new Rejection("not_found", { loanId: a.loanId });
  const check = checkReturn({ user: actorOf(user), loan, condition: a.condition, note: a.note });
  rejectUnless(check);
  if (check.already) return { status: "already_in_state", details: { loanStatus: loan.status } };
  if (check.confirm) {
    if (inst.loanId !== loan.id) throw new Rejection("invalid_transition", { reason: "holder_changed" });
    return { status: "applied", write: () => writeReturn(ctx, { inst, loan, condition: a.condition, note: a.note, missing: null }) };
  }

  return {
    status: "applied",
    write: async () => {
      const now = new Date();
      const onDate = borrowDay(mutation.clientTime, now);
      const faultId = a.condition === "faulty" ? randomUUID() : null;
      await tx
        .update(instrumentLoans)
        .set({
          status: "return_requested",
          returnRequestedAt: now,
          reportedCondition: a.condition,
          reportedNote: a.note,
          version: loan.version + 1,
          updatedAt: now,
        })
        .where(eq(instrumentLoans.id, loan.id));
      await tx
        .update(instrumentHandovers)
        .set({ status: "cancelled", answeredAt: now, answerNote: "returned" })
        .where(and(eq(instrumentHandovers.loanId, loan.id), inArray(instrumentHandovers.status, ["offered", "accepted"])));
      if (faultId)
        await tx
          .insert(instrumentFaults)
          .values({ id: faultId, instrumentId: inst.id, status: "open", description: a.note, reportedBy: user.id, reportedAt: now });
      await updateInstrument(tx, inst, { returnRequested: true, faultOpen: inst.faultOpen || faultId !== null }, user.id, now);
      append.add(
        instrumentUsage,
        usageEntry({
          instrumentId: inst.id,
          kind: "return_requested",
          onDate,
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
          usageEntry({ instrumentId: inst.id, kind: "fault_reported", onDate, actorId: user.id, note: a.note, details: { faultId }, mutation, at: now }),
        );
      append.add(
        auditEvents,
        auditRow({
          actorId: user.id,
          subjectType: "instrument",
          subjectId: inst.id,
          at: now,
          event: {
            name: "instrument.returnRequested",
            payload: { assetTag: inst.assetTag, loanId: loan.id, condition: a.condition, faultId, ...fromPhone(mutation) },
          },
        }),
      );
    },
  };
}
