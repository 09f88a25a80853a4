import "server-only";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
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
 * large walk comes in parts (`final: false` until the last, which submits the check); a mark already recorded (a part
 * queued again after the app was closed mid-way) is skipped by its id. A resent walk applies once. Every finding becomes a
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
  } else if (existing && (existing.planned || existing.assigneeId !== user.id)) {
    // an unplanned walk's id is the phone's: a check made otherwise with it is not this walk (a part of this walk
    // that came first made it: the checker's own, unplanned, not yet submitted)
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
    if (a.final) {
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
    }
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
      status: a.final ? "submitted" : "planned",
      note: a.note,
      createdBy: user.id,
      createdAt: now,
      submittedBy: a.final ? user.id : null,
      submittedAt: a.final ? now : null,
      mutationId: a.final ? mutation.mutationId : null,
    });
  }
  // marks a part sent before already recorded (queued again after the app was closed mid-way): once each
  const ids = a.marks.map((m) => m.id);
  const known = new Set(
    (
      await tx
        .select({ id: spotCheckMarks.id })
        .from(spotCheckMarks)
        .where(and(eq(spotCheckMarks.checkId, a.id), inArray(spotCheckMarks.id, ids)))
    ).map((r) => r.id),
  );
  const marks: { mark: TCheckMark; photoSha256: string | null; nc: { id: string; code: string } | null }[] = [];
  for (const m of a.marks.filter((x) => !known.has(x.id))) {
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
  if (marks.length > 0)
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
          planned: a.planned,
          zoneCode,
          marks: marks.map(({ mark: m, photoSha256 }) => ({ tag: m.tag, subject: m.subject, labelKind: m.labelKind, result: m.result, photoSha256 })),
          nonconformities: ncs,
          final: a.final,
          mutationId: mutation.mutationId,
          deviceId: mutation.deviceId,
        },
      },
    }),
  );
  if (!a.final) return;
  // the findings of the whole walk (every part), told once with the last part
  const [all] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(spotCheckMarks)
    .where(and(eq(spotCheckMarks.checkId, a.id), isNotNull(spotCheckMarks.nonconformityId)));
  await noticeCheckSubmitted(tx, { id: a.id, code, checker: user.displayName, findings: all?.n ?? ncs.length, by: user.id });
}
