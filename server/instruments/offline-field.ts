import "server-only";
import { eq } from "drizzle-orm";
import { auditEvents, instrumentFaults, instrumentUsage } from "@/db/schema";
import { checkRecordCare, checkReportFault } from "@/domain/instruments/faults";
import { borrowDay } from "@/domain/instruments/loans";
import { ZRecordCareArgs, ZReportFaultArgs } from "@/domain/instruments/mutations";
import { auditRow } from "@/server/audit/service";
import { storeEvidence } from "@/server/evidence/service";
import type { Decision, MutationContext } from "@/server/sync/contract";
import { Rejection } from "@/server/sync/rejection";
import { actorOf, factsOf, lockInstrument, parseArgs, rejectUnless, updateInstrument, usageEntry } from "./facts";
import { checkPhoto } from "./images";

/** `instrument.reportFault`: opens a fault; no loans until the designated repairer's result is recorded. */
export async function applyReportFault({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const a = parseArgs(ZReportFaultArgs, mutation.args);
  checkPhoto(a.photo);
  const inst = await lockInstrument(tx, a.instrumentId);
  if (!inst) throw new Rejection("not_found", { instrumentId: a.instrumentId });
  const [existing] = await tx.select({ instrumentId: instrumentFaults.instrumentId }).from(instrumentFaults).where(eq(instrumentFaults.id, a.faultId));
  if (existing) {
    if (existing.instrumentId !== inst.id) throw new Rejection("bad_input", { issues: ["faultId: already used"] });
    return { status: "already_in_state" };
  }
  rejectUnless(checkReportFault({ user: actorOf(user), instrument: factsOf(inst) }));
  return {
    status: "applied",
    write: async () => {
      const now = new Date();
      const photoSha256 = a.photo ? await storeEvidence(tx, { photo: a.photo, userId: user.id }) : null;
      await tx
        .insert(instrumentFaults)
        .values({ id: a.faultId, instrumentId: inst.id, status: "open", description: a.description, photoSha256, reportedBy: user.id, reportedAt: now });
      await updateInstrument(tx, inst, { faultOpen: true }, user.id, now);
      append.add(
        instrumentUsage,
        usageEntry({
          instrumentId: inst.id,
          kind: "fault_reported",
          onDate: borrowDay(mutation.clientTime, now),
          actorId: user.id,
          holderId: inst.holderId,
          loanId: inst.loanId,
          note: a.description,
          details: { faultId: a.faultId, photoSha256 },
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
            name: "instrument.faultReported",
            payload: { assetTag: inst.assetTag, faultId: a.faultId, photoSha256, mutationId: mutation.mutationId, deviceId: mutation.deviceId },
          },
        }),
      );
    },
  };
}

/** `instrument.recordCare`: routine care (power-on, dusting) into the usage file. */
export async function applyRecordCare({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const a = parseArgs(ZRecordCareArgs, mutation.args);
  const inst = await lockInstrument(tx, a.instrumentId);
  if (!inst) throw new Rejection("not_found", { instrumentId: a.instrumentId });
  const [existing] = await tx.select({ instrumentId: instrumentUsage.instrumentId }).from(instrumentUsage).where(eq(instrumentUsage.entryId, a.entryId));
  if (existing) {
    if (existing.instrumentId !== inst.id) throw new Rejection("bad_input", { issues: ["entryId: already used"] });
    return { status: "already_in_state" };
  }
  rejectUnless(checkRecordCare({ user: actorOf(user), instrument: factsOf(inst) }));
  return {
    status: "applied",
    write: async () => {
      const now = new Date();
      // Written now, not with the batch's appended rows: a resend later in the same batch finds it.
      await tx.insert(instrumentUsage).values(
        usageEntry({
          instrumentId: inst.id,
          kind: "care",
          entryId: a.entryId,
          onDate: borrowDay(mutation.clientTime, now),
          actorId: user.id,
          holderId: inst.holderId,
          note: a.note,
          details: { care: a.care },
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
            name: "instrument.careRecorded",
            payload: { assetTag: inst.assetTag, entryId: a.entryId, care: a.care, mutationId: mutation.mutationId, deviceId: mutation.deviceId },
          },
        }),
      );
    },
  };
}
