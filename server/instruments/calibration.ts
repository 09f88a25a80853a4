import "server-only";
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { evidenceFiles, instrumentCalibrations, instrumentUsage } from "@/db/schema";
import { applyCalibration, checkCalibrationRecord, nextCalibrationDue } from "@/domain/instruments/calibration";
import { operatorToday } from "@/domain/time/operator";
import { MAX_CERTIFICATE_BYTES, type TRecordCalibrationInput } from "@/domain/instruments/schemas";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { lockInstrument, ruleViolation, updateInstrument, usageEntry } from "./facts";

const MAGIC: Record<string, number[]> = {
  "application/pdf": [0x25, 0x50, 0x44, 0x46], // %PDF
  "image/png": [0x89, 0x50, 0x4e, 0x47],
  "image/jpeg": [0xff, 0xd8, 0xff],
  "image/webp": [0x52, 0x49, 0x46, 0x46], // RIFF
};

/** The certificate file, stored once by content; its kind checked by its first bytes. */
async function storeCertificate(tx: Db, file: NonNullable<TRecordCalibrationInput["file"]>, userId: string): Promise<string> {
  const data = Buffer.from(file.base64, "base64");
  if (data.length > MAX_CERTIFICATE_BYTES) throw new AppError("bad_input", { field: "file", reason: "too_large" });
  const magic = MAGIC[file.mime]!;
  if (data.length < magic.length || magic.some((b, i) => data[i] !== b)) throw new AppError("bad_input", { field: "file", reason: "type" });
  const sha256 = createHash("sha256").update(data).digest("hex");
  await tx
    .insert(evidenceFiles)
    .values({ sha256, mime: file.mime, size: data.length, data: new Uint8Array(data), createdBy: userId })
    .onConflictDoNothing({ target: evidenceFiles.sha256 });
  return sha256;
}

/**
 * A calibration at the metrology station with its certificate: history row (append-only), and the instrument's
 * calibration state when it is the newest. A failed result removes the permit-to-use at once, also for an
 * instrument out on loan (its holder and the custodian see it flagged).
 */
export async function recordCalibration({ db, user, input }: { db: Db; user: SessionUser; input: TRecordCalibrationInput }) {
  return db.transaction(async (tx) => {
    const inst = await lockInstrument(tx, input.instrumentId);
    if (!inst) throw new AppError("not_found");
    if (inst.status === "scrapped") throw ruleViolation("not_available", { status: inst.status, reason: "scrapped" });
    const now = new Date();
    const check = checkCalibrationRecord({ calibratedOn: input.calibratedOn, today: operatorToday(now), intakeDate: inst.intakeDate });
    if (!check.ok) throw ruleViolation(check.code);
    const fileSha256 = input.file ? await storeCertificate(tx, input.file, user.id) : null;
    const nextDue = nextCalibrationDue(input.calibratedOn);
    const [cal] = await tx
      .insert(instrumentCalibrations)
      .values({
        instrumentId: inst.id,
        certificateNo: input.certificateNo,
        lab: input.lab,
        calibratedOn: input.calibratedOn,
        result: input.result,
        nextDue,
        fileSha256,
        note: input.note,
        recordedBy: user.id,
        recordedAt: now,
      })
      .returning({ id: instrumentCalibrations.id });
    const after = applyCalibration(inst, { calibratedOn: input.calibratedOn, result: input.result });
    if (after !== inst) await updateInstrument(tx, inst, after, user.id, now);
    await tx.insert(instrumentUsage).values(
      usageEntry({
        instrumentId: inst.id,
        kind: "calibrated",
        onDate: input.calibratedOn,
        actorId: user.id,
        holderId: inst.holderId,
        note: input.note,
        details: { certificateNo: input.certificateNo, lab: input.lab, result: input.result, nextDue },
        at: now,
      }),
    );
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "instrument",
      subjectId: inst.id,
      at: now,
      event: {
        name: "instrument.calibrated",
        payload: {
          assetTag: inst.assetTag,
          calibrationId: cal!.id,
          certificateNo: input.certificateNo,
          calibratedOn: input.calibratedOn,
          result: input.result,
          fileSha256,
        },
      },
    });
    return { calibrationId: cal!.id, calibrationDue: after.calibrationDue, calibrationResult: after.calibrationResult, current: after !== inst };
  });
}

/** The certificate file of a calibration (PDF or image), for the office to view or print. */
export async function calibrationFile({ db, calibrationId }: { db: Db; calibrationId: number }) {
  const [row] = await db
    .select({ mime: evidenceFiles.mime, data: evidenceFiles.data })
    .from(instrumentCalibrations)
    .innerJoin(evidenceFiles, eq(evidenceFiles.sha256, instrumentCalibrations.fileSha256))
    .where(eq(instrumentCalibrations.id, calibrationId));
  if (!row) throw new AppError("not_found");
  return { mime: row.mime, base64: Buffer.from(row.data).toString("base64") };
}
