import "server-only";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { auditEvents, instrumentLoans, instrumentUsage } from "@/db/schema";
import { checklistOf, missingOf } from "@/domain/instruments/accessories";
import { checkCloseRequest, checkConfirmReturn, checkIssue } from "@/domain/instruments/custody";
import { borrowDay } from "@/domain/instruments/loans";
import { ZCloseRequestArgs, ZConfirmReturnArgs, ZIssueArgs } from "@/domain/instruments/mutations";
import { OPEN_REQUEST_STATUSES } from "@/domain/instruments/names";
import { operatorToday } from "@/domain/time/operator";
import { auditRow } from "@/server/audit/service";
import type { Decision, MutationContext } from "@/server/sync/contract";
import { Rejection } from "@/server/sync/rejection";
import {
  actorOf,
  displayNameOf,
  factsOf,
  loadActor,
  loadSettings,
  lockInstrument,
  otherLendableOfKind,
  parseArgs,
  rejectUnless,
  updateInstrument,
  usageEntry,
} from "./facts";
import { writeReturn } from "./return-write";

const fromPhone = (m: MutationContext["mutation"]) => ({ mutationId: m.mutationId, deviceId: m.deviceId });

/**
 * `instrument.issue` (the custodian, ADR 0040): hands the instrument out, the manual and accessories checked. `loanId`
 * names the borrower's request (short, or long approved by the head) or a new short loan handed out directly; the
 * borrower's other open requests of this instrument are then closed as superseded (a request made offline that arrives
 * later finds the instrument already theirs: instrument.borrow answers already_in_state). The issue day is the
 * custodian's phone's day (bounded, as a borrow's).
 */
export async function applyIssue({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const a = parseArgs(ZIssueArgs, mutation.args);
  const inst = await lockInstrument(tx, a.instrumentId);
  if (!inst) throw new Rejection("not_found", { instrumentId: a.instrumentId });
  const [loan] = await tx.select().from(instrumentLoans).where(eq(instrumentLoans.id, a.loanId)).for("update");
  if (loan && loan.instrumentId !== inst.id) throw new Rejection("bad_input", { issues: ["loanId: another instrument's"] });
  const person = await loadActor(tx, { username: a.borrowerUsername }, true);
  if (!person) throw new Rejection("not_found", { username: a.borrowerUsername });
  const settings = await loadSettings(tx);
  const now = new Date();
  const today = operatorToday(now);
  const issuedOn = borrowDay(mutation.clientTime, now);
  const reserve = loan?.term === "long" && inst.category === "public";
  // long-term issues of one kind one at a time (the dispatch reserve): a lock on the kind, not on its rows, so two
  // batches that each hold one instrument of the kind wait for each other instead of deadlocking
  if (reserve) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`instrument-kind:${inst.kind}`}))`);
  const check = checkIssue({
    custodian: actorOf(user),
    borrower: { id: person.id, role: person.role, department: person.department, active: person.active },
    instrument: factsOf(inst),
    loan: loan ?? null,
    dueOn: a.dueOn,
    issuedOn,
    today,
    longLoanMonths: settings.longLoanMonths,
    holderName: await displayNameOf(tx, inst.holderId),
    otherLendableOfKind: reserve ? await otherLendableOfKind(tx, inst, today) : undefined,
  });
  rejectUnless(check);
  if (check.already) return { status: "already_in_state", details: { loanStatus: "active" } };
  const missing = missingOf(checklistOf(inst), a.check.missing);

  return {
    status: "applied",
    write: async () => {
      const issued = {
        status: "active" as const,
        borrowedOn: issuedOn,
        dueOn: check.dueOn,
        issuedBy: user.id,
        issuedAt: now,
        issueMissing: missing,
        termMonths: check.term === "long" ? settings.longLoanMonths : null,
        updatedAt: now,
      };
      if (loan)
        await tx
          .update(instrumentLoans)
          .set({ ...issued, purpose: loan.purpose || a.purpose, version: loan.version + 1 })
          .where(eq(instrumentLoans.id, loan.id));
      else
        await tx.insert(instrumentLoans).values({
          ...issued,
          id: a.loanId,
          instrumentId: inst.id,
          borrowerId: person.id,
          department: person.department,
          term: "short",
          purpose: a.purpose,
          requestedAt: now,
        });
      const superseded = await tx
        .update(instrumentLoans)
        .set({ status: "cancelled", decidedBy: user.id, decidedAt: now, decisionReason: "issued", updatedAt: now })
        .where(
          and(
            eq(instrumentLoans.instrumentId, inst.id),
            eq(instrumentLoans.borrowerId, person.id),
            ne(instrumentLoans.id, a.loanId),
            inArray(instrumentLoans.status, [...OPEN_REQUEST_STATUSES]),
          ),
        )
        .returning({ id: instrumentLoans.id });
      await updateInstrument(
        tx,
        inst,
        {
          status: "on_loan",
          holderId: person.id,
          loanId: a.loanId,
          loanTerm: check.term,
          loanDueOn: check.dueOn,
          returnRequested: false,
          missingAccessories: missing,
        },
        user.id,
        now,
      );
      append.add(
        instrumentUsage,
        usageEntry({
          instrumentId: inst.id,
          kind: "borrowed",
          onDate: issuedOn,
          actorId: user.id,
          holderId: person.id,
          loanId: a.loanId,
          note: loan?.purpose || a.purpose,
          details: { term: check.term, dueOn: check.dueOn, missing, fromRequest: Boolean(loan), superseded: superseded.map((s) => s.id) },
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
            name: "instrument.issued",
            payload: {
              assetTag: inst.assetTag,
              loanId: a.loanId,
              borrowerId: person.id,
              term: check.term,
              issuedOn,
              dueOn: check.dueOn,
              fromRequest: Boolean(loan),
              missing,
              ...fromPhone(mutation),
            },
          },
        }),
      );
    },
  };
}

/** `instrument.closeRequest`: the borrower withdraws their request, or the custodian declines it with a reason. */
export async function applyCloseRequest({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const a = parseArgs(ZCloseRequestArgs, mutation.args);
  const [peek] = await tx.select({ instrumentId: instrumentLoans.instrumentId }).from(instrumentLoans).where(eq(instrumentLoans.id, a.loanId));
  if (!peek) throw new Rejection("not_found", { loanId: a.loanId });
  const inst = await lockInstrument(tx, peek.instrumentId);
  const [loan] = await tx.select().from(instrumentLoans).where(eq(instrumentLoans.id, a.loanId)).for("update");
  if (!inst || !loan) throw new Rejection("not_found", { loanId: a.loanId });
  const as = loan.borrowerId === user.id ? "cancel" : "decline";
  const check = checkCloseRequest({ user: actorOf(user), loan, as, note: a.note });
  rejectUnless(check);
  if (check.already) return { status: "already_in_state", details: { loanStatus: loan.status } };
  return {
    status: "applied",
    write: async () => {
      const now = new Date();
      await tx
        .update(instrumentLoans)
        .set({
          status: as === "cancel" ? "cancelled" : "rejected",
          decidedBy: user.id,
          decidedAt: now,
          decisionReason: a.note,
          version: loan.version + 1,
          updatedAt: now,
        })
        .where(eq(instrumentLoans.id, loan.id));
      append.add(
        instrumentUsage,
        usageEntry({
          instrumentId: inst.id,
          kind: "request_closed",
          onDate: borrowDay(mutation.clientTime, now),
          actorId: user.id,
          holderId: loan.borrowerId,
          loanId: loan.id,
          note: a.note,
          details: { as },
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
          event: { name: "instrument.requestClosed", payload: { assetTag: inst.assetTag, loanId: loan.id, as, note: a.note, ...fromPhone(mutation) } },
        }),
      );
    },
  };
}

/**
 * `instrument.confirmReturn` (the custodian): the instrument is back at Technology Development, its condition noted and
 * the manual and accessories checked; the holder's return request (if any) is answered by it.
 */
export async function applyConfirmReturn(ctx: MutationContext): Promise<Decision> {
  const { tx, user, mutation } = ctx;
  const a = parseArgs(ZConfirmReturnArgs, mutation.args);
  const inst = await lockInstrument(tx, a.instrumentId);
  if (!inst) throw new Rejection("not_found", { instrumentId: a.instrumentId });
  const [loan] = await tx.select().from(instrumentLoans).where(eq(instrumentLoans.id, a.loanId)).for("update");
  if (!loan || loan.instrumentId !== inst.id) throw new Rejection("not_found", { loanId: a.loanId });
  const check = checkConfirmReturn({ custodian: actorOf(user), loan, instrument: inst, condition: a.condition, note: a.note });
  rejectUnless(check);
  if (check.already) return { status: "already_in_state", details: { loanStatus: loan.status } };
  const missing = missingOf(checklistOf(inst), a.check.missing);
  return { status: "applied", write: () => writeReturn(ctx, { inst, loan, condition: a.condition, note: a.note, missing }) };
}
