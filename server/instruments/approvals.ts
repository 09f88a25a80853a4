import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { instrumentLoans, instrumentUsage, instruments, users } from "@/db/schema";
import { operatorToday } from "@/domain/time/operator";
import { checkLoanDecision } from "@/domain/instruments/loans";
import type { TDecideLoanInput } from "@/domain/instruments/schemas";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { actorOf, assertRule, displayNameOf, factsOf, loadActor, otherLendableOfKind, usageEntry } from "./facts";

const borrower = alias(users, "borrower");

/** Long-term requests waiting for this head: those of borrowers of the head's own department. */
export function pendingApprovals({ db, user }: { db: Db; user: SessionUser }) {
  return db
    .select({
      loanId: instrumentLoans.id,
      purpose: instrumentLoans.purpose,
      requestedAt: instrumentLoans.requestedAt,
      department: instrumentLoans.department,
      borrowerId: instrumentLoans.borrowerId,
      borrowerName: borrower.displayName,
      instrumentId: instruments.id,
      assetTag: instruments.assetTag,
      name: instruments.name,
      model: instruments.model,
      kind: instruments.kind,
      category: instruments.category,
      status: instruments.status,
    })
    .from(instrumentLoans)
    .innerJoin(instruments, eq(instruments.id, instrumentLoans.instrumentId))
    .leftJoin(borrower, eq(borrower.id, instrumentLoans.borrowerId))
    .where(and(eq(instrumentLoans.status, "requested"), eq(instrumentLoans.department, user.department)))
    .orderBy(asc(instrumentLoans.requestedAt));
}

/**
 * A department head approves or rejects a long-term request, with a reason. Only the head of the borrower's
 * department; approval re-checks every lending rule on today's state, with every public instrument of the kind
 * locked (in id order) so two approvals cannot both take the last one kept for dispatch. An approved request waits for
 * the custodian to hand the instrument out (ADR 0040: the loan and its term start then); the custodian checks again.
 */
export async function decideLoan({ db, user, input }: { db: Db; user: SessionUser; input: TDecideLoanInput }) {
  return db.transaction(async (tx) => {
    const [peek] = await tx.select({ instrumentId: instrumentLoans.instrumentId }).from(instrumentLoans).where(eq(instrumentLoans.id, input.loanId));
    if (!peek) throw new AppError("not_found");
    const [target] = await tx.select({ id: instruments.id, kind: instruments.kind }).from(instruments).where(eq(instruments.id, peek.instrumentId));
    // The instrument and every public one of its kind, in id order (the order every batch locks in).
    await otherLendableOfKind(tx, target!, operatorToday(), true);
    const [inst] = await tx.select().from(instruments).where(eq(instruments.id, target!.id)).for("update");
    const [loan] = await tx.select().from(instrumentLoans).where(eq(instrumentLoans.id, input.loanId)).for("update");
    if (!inst || !loan) throw new AppError("not_found");
    // The kind changed between the look and the locks: the reserve was counted on the wrong rows; try again.
    if (inst.kind !== target!.kind) throw new AppError("conflict");
    if (user.department !== loan.department) throw new AppError("forbidden", { department: loan.department });
    const person = await loadActor(tx, { id: loan.borrowerId }, true);
    const now = new Date();
    const today = operatorToday(now);
    const other = input.decision === "approve" && inst.category === "public" ? await otherLendableOfKind(tx, inst, today) : 0;
    const check = checkLoanDecision({
      approver: actorOf(user),
      loan,
      decision: input.decision,
      reason: input.reason,
      borrower: person ?? { id: loan.borrowerId, role: "lineman", department: loan.department, active: false },
      instrument: factsOf(inst),
      today,
      holderName: await displayNameOf(tx, inst.holderId),
      otherLendableOfKind: other,
    });
    assertRule(check);
    const approved = input.decision === "approve";
    const [after] = await tx
      .update(instrumentLoans)
      .set({
        status: approved ? "approved" : "rejected",
        decidedBy: user.id,
        decidedAt: now,
        decisionReason: input.reason,
        version: loan.version + 1,
        updatedAt: now,
      })
      .where(eq(instrumentLoans.id, loan.id))
      .returning();
    await tx.insert(instrumentUsage).values(
      usageEntry({
        instrumentId: inst.id,
        kind: approved ? "loan_approved" : "loan_rejected",
        onDate: today,
        actorId: user.id,
        holderId: loan.borrowerId,
        loanId: loan.id,
        note: input.reason,
        at: now,
      }),
    );
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "instrument",
      subjectId: inst.id,
      at: now,
      event: {
        name: "instrument.loanDecided",
        payload: { assetTag: inst.assetTag, loanId: loan.id, decision: input.decision, reason: input.reason, dueOn: null },
      },
    });
    return after!;
  });
}
