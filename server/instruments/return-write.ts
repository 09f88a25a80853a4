import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { auditEvents, instrumentFaults, instrumentHandovers, instrumentLoans, instrumentUsage } from "@/db/schema";
import { foundOnLoan, lostOnLoan } from "@/domain/instruments/accessories";
import { borrowDay } from "@/domain/instruments/loans";
import type { TCondition } from "@/domain/instruments/names";
import { maxDate } from "@/domain/time/calendar";
import { auditRow } from "@/server/audit/service";
import type { MutationContext } from "@/server/sync/contract";
import { type InstrumentRow, updateInstrument, usageEntry } from "./facts";

type LoanRow = typeof instrumentLoans.$inferSelect;

/**
 * The custodian takes an instrument back (Procedure 4: 到技术发展部办理归还手续): the loan ends `returned`, the
 * instrument is available again, open hand-overs of the loan lapse, `faulty` opens a fault (unless the holder's
 * return request already reported it faulty). With a check (`missing`, the manual and accessories not there), what was
 * there at issue and is missing now is recorded on the loan as lost, and the register shows what is missing until it
 * is found; `missing: null` (an older phone's return) leaves the register's list as it was.
 */
export async function writeReturn(
  { tx, user, mutation, append }: MutationContext,
  opts: { inst: InstrumentRow; loan: LoanRow; condition: TCondition; note: string; missing: string[] | null },
): Promise<void> {
  const { inst, loan } = opts;
  const now = new Date();
  const endedOn = maxDate(borrowDay(mutation.clientTime, now), loan.borrowedOn ?? "0001-01-01");
  const faultId = opts.condition === "faulty" && loan.reportedCondition !== "faulty" ? randomUUID() : null;
  const lost = opts.missing ? lostOnLoan(loan.issueMissing, opts.missing) : [];
  const found = opts.missing ? foundOnLoan(loan.issueMissing, opts.missing) : [];
  await tx
    .update(instrumentLoans)
    .set({
      status: "returned",
      endedOn,
      endedAt: now,
      endedBy: user.id,
      returnCondition: opts.condition,
      returnNote: opts.note,
      returnMissing: opts.missing,
      lostAccessories: lost,
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
      .values({ id: faultId, instrumentId: inst.id, status: "open", description: opts.note, reportedBy: user.id, reportedAt: now });
  await updateInstrument(
    tx,
    inst,
    {
      status: "available",
      holderId: null,
      loanId: null,
      loanTerm: null,
      loanDueOn: null,
      returnRequested: false,
      faultOpen: inst.faultOpen || faultId !== null,
      ...(opts.missing ? { missingAccessories: opts.missing } : {}),
    },
    user.id,
    now,
  );
  const from = { mutationId: mutation.mutationId, deviceId: mutation.deviceId };
  append.add(
    instrumentUsage,
    usageEntry({
      instrumentId: inst.id,
      kind: "returned",
      onDate: endedOn,
      actorId: user.id,
      holderId: loan.borrowerId,
      loanId: loan.id,
      condition: opts.condition,
      note: opts.note,
      details: opts.missing ? { missing: opts.missing, lost, found } : null,
      mutation,
      at: now,
    }),
  );
  if (lost.length > 0)
    append.add(
      instrumentUsage,
      usageEntry({
        instrumentId: inst.id,
        kind: "accessories_missing",
        onDate: endedOn,
        actorId: user.id,
        holderId: loan.borrowerId,
        loanId: loan.id,
        note: lost.join("、"),
        details: { lost },
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
        note: opts.note,
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
          condition: opts.condition,
          faultId,
          ...from,
          ...(opts.missing ? { missing: opts.missing, lost } : {}),
        },
      },
    }),
  );
}
