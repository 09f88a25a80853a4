import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, spotCheckMarks, spotChecks, zones } from "@/db/schema";
import { findingOfMark, mayWalkCheck, responsibleDepartment } from "@/domain/quality/model";
import { ZSubmitCheckArgs, type TCheckMark, type TSubmitCheckArgs } from "@/domain/quality/schemas";
import { auditRow } from "@/server/audit/service";
import { now as serverNow } from "@/server/clock";
import { storeEvidence } from "@/server/evidence/service";
import type { Decision, MutationContext } from "@/server/sync/contract";
import { badInput, Rejection } from "@/server/sync/rejection";
import { raiseNonconformity } from "./nonconformities";
import { noticeCheckSubmitted } from "./notify";
import { nextQualityCode } from "./numbering";

/** An advisory lock's first key for a spot-check's id (two deliveries of the same walk are serialised). */
export const QUALITY_CHECK_LOCK = 727_315;

async function lockCheckId(tx: Db, id: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${QUALITY_CHECK_LOCK}, hashtext(${id}))`);
}

/** What a finding's nonconformity says: the tag or subject, and the checker's note. */
export function findingDescription(m: Pick<TCheckMark, "tag" | "subject" | "note">): string {
  const what = [m.tag, m.subject.trim()].filter((s) => s && s.length > 0).join(" ");
  const note = m.note.trim();
  return note ? `${what}: ${note}` : what;
}

/**
 * `spotCheck.submit` v1: a label walk from the checker's phone, maybe made offline (ADR 0038). A planned check is the
 * assignee's own and still planned; an unplanned walk creates its check (target zone, numbered by the server). A
 * resent walk (the same mutation, or another mutation of the same check id) applies once. Every finding becomes a
 * nonconformity against the department that owns that kind of label, with the checker's photo as its evidence.
 */
export async function applySubmitCheck({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const parsed = ZSubmitCheckArgs.safeParse(mutation.args);
  if (!parsed.success) throw badInput(parsed.error.issues);
  const a = parsed.data;
  if (!mayWalkCheck(user.role)) throw new Rejection("not_allowed");
  await lockCheckId(tx, a.id);
  const [existing] = await tx
    .select({
      id: spotChecks.id,
      code: spotChecks.code,
      status: spotChecks.status,
      assigneeId: spotChecks.assigneeId,
      planned: spotChecks.planned,
      target: spotChecks.target,
      zoneCode: spotChecks.zoneCode,
    })
    .from(spotChecks)
    .where(eq(spotChecks.id, a.id))
    .for("update");
  if (existing?.status === "submitted") return { status: "already_in_state", details: { current: { code: existing.code, status: existing.status } } };
  if (a.planned) {
    if (!existing) throw new Rejection("not_found", { checkId: a.id });
    if (existing.assigneeId !== user.id) throw new Rejection("not_allowed");
    // a work-order check is marked at the office (quality.markOrder), never walked
    if (existing.target === "work_orders") throw new Rejection("invalid_transition", { current: { code: existing.code, target: existing.target } });
  } else if (existing) {
    // an unplanned walk's id is the phone's: a check made otherwise with it is not this walk
    throw new Rejection("invalid_transition", { current: { code: existing.code, status: existing.status } });
  }
  const zoneCode = existing ? existing.zoneCode : a.zoneCode;
  if (!existing) {
    if (!zoneCode) throw new Rejection("unknown_zone", { zoneCode: null });
    const [zone] = await tx.select({ code: zones.code }).from(zones).where(eq(zones.code, zoneCode));
    if (!zone) throw new Rejection("unknown_zone", { zoneCode });
  }
  return { status: "applied", write: () => writeWalk({ tx, user, mutation, append }, a, existing ?? null, zoneCode) };
}

async function writeWalk(
  { tx, user, mutation, append }: MutationContext,
  a: TSubmitCheckArgs,
  existing: { id: string; code: string } | null,
  zoneCode: string | null,
): Promise<void> {
  const now = serverNow();
  let code: string;
  if (existing) {
    code = existing.code;
    await tx
      .update(spotChecks)
      .set({
        status: "submitted",
        submittedBy: user.id,
        submittedAt: now,
        mutationId: mutation.mutationId,
        note: a.note,
        version: sql`${spotChecks.version} + 1`,
      })
      .where(eq(spotChecks.id, existing.id));
  } else {
    code = await nextQualityCode(tx, "SC", now);
    await tx.insert(spotChecks).values({
      id: a.id,
      code,
      target: "zone",
      zoneCode,
      planned: false,
      plannedFor: null,
      assigneeId: user.id,
      status: "submitted",
      note: a.note,
      createdBy: user.id,
      createdAt: now,
      submittedBy: user.id,
      submittedAt: now,
      mutationId: mutation.mutationId,
    });
  }
  const marks: { mark: TCheckMark; photoSha256: string | null; nc: { id: string; code: string } | null }[] = [];
  for (const m of a.marks) {
    const photoSha256 = m.photo ? await storeEvidence(tx, { photo: m.photo, userId: user.id }) : null;
    const finding = findingOfMark(m.result);
    const nc = finding
      ? await raiseNonconformity(tx, {
          source: "spot_check",
          sourceRef: code,
          finding,
          labelKind: m.labelKind,
          department: responsibleDepartment(m.labelKind),
          description: findingDescription(m),
          tag: m.tag,
          photoSha256,
          raisedBy: user.id,
          at: now,
        })
      : null;
    marks.push({ mark: m, photoSha256, nc });
  }
  await tx
    .insert(spotCheckMarks)
    .values(
      marks.map(({ mark: m, photoSha256, nc }) => ({
        id: m.id,
        checkId: a.id,
        tag: m.tag,
        subject: m.subject,
        labelKind: m.labelKind,
        result: m.result,
        expectedKind: m.expected?.kind ?? null,
        expectedStatus: m.expected?.status ?? null,
        expectedZone: m.expected?.zoneCode ?? null,
        note: m.note,
        photoSha256,
        markedAt: new Date(m.markedAt),
        nonconformityId: nc?.id ?? null,
      })),
    )
    .onConflictDoNothing({ target: spotCheckMarks.id });
  const ncs = marks.flatMap((m) => (m.nc ? [m.nc.code] : []));
  append.add(
    auditEvents,
    auditRow({
      actorId: user.id,
      subjectType: "spot_check",
      subjectId: a.id,
      at: now,
      event: {
        name: "spotCheck.submitted",
        payload: {
          code,
          planned: existing !== null,
          zoneCode,
          marks: marks.map(({ mark: m, photoSha256 }) => ({ tag: m.tag, subject: m.subject, labelKind: m.labelKind, result: m.result, photoSha256 })),
          nonconformities: ncs,
          mutationId: mutation.mutationId,
          deviceId: mutation.deviceId,
        },
      },
    }),
  );
  await noticeCheckSubmitted(tx, { id: a.id, code, checker: user.displayName, findings: ncs.length, by: user.id });
}
