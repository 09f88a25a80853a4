import "server-only";
import { and, asc, count, desc, eq, exists, ilike, inArray, isNull, lt, notInArray, or, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { propertyCases, propertyDocuments, propertyLetters, propertyRoundInspectors, propertyRoundItems, propertyRounds, users } from "@/db/schema";
import type { TDepartment } from "@/domain/auth/roles";
import {
  CASE_STEPS,
  caseStepDecision,
  FINAL_CASE_STATUSES,
  isCustomerService,
  isOrganiser,
  letterDaysLeft,
  letterOverdue,
  mayReadCases,
  phoneDigits,
  type TCaseStep,
} from "@/domain/property/model";
import type { ZCaseFilter } from "@/domain/property/schemas";
import { operatorDay } from "@/domain/time/operator";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { AppError } from "@/server/errors";
import { actorOf, assertReadsCases, caseState, loadCase } from "./cases";

export const CASE_PAGE_SIZE = 50;
type TCaseFilter = z.infer<typeof ZCaseFilter>;

/** A letter's open state for the operator's today: overdue and days left while not reported rectified. */
function letterState(l: { deadline: string; rectifiedAt: Date | null }, today: string) {
  const open = { deadline: l.deadline, rectifiedAt: l.rectifiedAt?.toISOString() ?? null };
  return { overdue: letterOverdue(open, today), daysLeft: l.rectifiedAt ? null : letterDaysLeft(l.deadline, today) };
}

/** Cases, most recently changed first, filtered by kind, status, an overdue letter and a search (code, customer, phone). */
export async function listCases(db: Db, user: SessionUser, input: TCaseFilter) {
  assertReadsCases(user);
  const today = operatorDay(clockNow());
  const q = input.q.trim();
  const digits = phoneDigits(q);
  const where = and(
    input.kind ? eq(propertyCases.kind, input.kind) : undefined,
    input.status ? eq(propertyCases.status, input.status) : undefined,
    input.overdue
      ? exists(
          db
            .select({ one: propertyLetters.id })
            .from(propertyLetters)
            .where(and(eq(propertyLetters.caseId, propertyCases.id), isNull(propertyLetters.rectifiedAt), lt(propertyLetters.deadline, today))),
        )
      : undefined,
    q
      ? or(
          ilike(propertyCases.code, `%${escapeLike(q)}%`),
          ilike(propertyCases.customerName, `%${escapeLike(q)}%`),
          digits.length >= 3 ? sql`${propertyCases.customerPhoneDigits} like ${`%${digits}%`}` : undefined,
        )
      : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: propertyCases.id,
        code: propertyCases.code,
        kind: propertyCases.kind,
        status: propertyCases.status,
        customerName: propertyCases.customerName,
        customerPhone: propertyCases.customerPhone,
        appliedOn: propertyCases.appliedOn,
        rounds: propertyCases.rounds,
        updatedAt: propertyCases.updatedAt,
      })
      .from(propertyCases)
      .where(where)
      .orderBy(desc(propertyCases.updatedAt), desc(propertyCases.code))
      .limit(CASE_PAGE_SIZE)
      .offset((input.page - 1) * CASE_PAGE_SIZE),
    db.select({ n: count() }).from(propertyCases).where(where),
  ]);
  const ids = rows.map((r) => r.id);
  const [letters, scheduled] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .select({
              caseId: propertyLetters.caseId,
              code: propertyLetters.code,
              deadline: propertyLetters.deadline,
              rectifiedAt: propertyLetters.rectifiedAt,
            })
            .from(propertyLetters)
            .where(and(inArray(propertyLetters.caseId, ids), isNull(propertyLetters.rectifiedAt)))
            .orderBy(desc(propertyLetters.issuedAt)),
          db
            .select({ caseId: propertyRounds.caseId, roundNo: propertyRounds.roundNo, scheduledFor: propertyRounds.scheduledFor })
            .from(propertyRounds)
            .where(and(inArray(propertyRounds.caseId, ids), eq(propertyRounds.status, "scheduled"))),
        ]);
  return {
    rows: rows.map((r) => {
      const l = letters.find((x) => x.caseId === r.id);
      const next = scheduled.find((x) => x.caseId === r.id);
      return {
        ...r,
        openLetter: l
          ? {
              code: l.code,
              deadline: l.deadline,
              overdue: letterOverdue({ deadline: l.deadline, rectifiedAt: null }, today),
              daysLeft: letterDaysLeft(l.deadline, today),
            }
          : null,
        nextRound: next ? { roundNo: next.roundNo, scheduledFor: next.scheduledFor } : null,
      };
    }),
    total: total?.n ?? 0,
    pageSize: CASE_PAGE_SIZE,
  };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The office steps the viewer may take on the case now (the inspectors' submitRound is the phone's). */
function allowedSteps(user: SessionUser, state: Awaited<ReturnType<typeof caseState>>): TCaseStep[] {
  const actor = actorOf(user);
  return CASE_STEPS.filter((s) => s !== "submitRound" && caseStepDecision(s, state, actor).ok && (s !== "connect" || isCustomerService(actor)));
}

/** One case with its documents, every round (inspectors, items and results), its letters, and the viewer's steps. */
export async function getCase(db: Db, user: SessionUser, id: string) {
  assertReadsCases(user);
  const today = operatorDay(clockNow());
  const c = await loadCase(db, id);
  const [createdBy] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, c.createdBy));
  const documents = await db
    .select({
      id: propertyDocuments.id,
      kind: propertyDocuments.kind,
      fileName: propertyDocuments.fileName,
      mime: propertyDocuments.mime,
      bytes: propertyDocuments.bytes,
      sha256: propertyDocuments.sha256,
      uploadedBy: users.displayName,
      uploadedAt: propertyDocuments.uploadedAt,
    })
    .from(propertyDocuments)
    .innerJoin(users, eq(users.id, propertyDocuments.uploadedBy))
    .where(eq(propertyDocuments.caseId, id))
    .orderBy(asc(propertyDocuments.uploadedAt));
  const rounds = await db
    .select({ r: propertyRounds, submittedByName: users.displayName })
    .from(propertyRounds)
    .leftJoin(users, eq(users.id, propertyRounds.submittedBy))
    .where(eq(propertyRounds.caseId, id))
    .orderBy(asc(propertyRounds.roundNo));
  const roundIds = rounds.map((r) => r.r.id);
  const [inspectors, items] =
    roundIds.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .select()
            .from(propertyRoundInspectors)
            .where(inArray(propertyRoundInspectors.roundId, roundIds))
            .orderBy(asc(propertyRoundInspectors.name), asc(propertyRoundInspectors.userId)),
          db.select().from(propertyRoundItems).where(inArray(propertyRoundItems.roundId, roundIds)).orderBy(asc(propertyRoundItems.sort)),
        ]);
  const letters = await db
    .select({ l: propertyLetters, issuedByName: users.displayName })
    .from(propertyLetters)
    .innerJoin(users, eq(users.id, propertyLetters.issuedBy))
    .where(eq(propertyLetters.caseId, id))
    .orderBy(asc(propertyLetters.issuedAt));
  const rectifierIds = letters.flatMap((l) => (l.l.rectifiedBy ? [l.l.rectifiedBy] : []));
  const rectifiers = rectifierIds.length ? await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, rectifierIds)) : [];
  const state = await caseState(db, c);
  return {
    case: { ...c, createdByName: createdBy?.name ?? null },
    documents,
    rounds: rounds.map(({ r, submittedByName }) => ({
      id: r.id,
      roundNo: r.roundNo,
      status: r.status,
      scheduledFor: r.scheduledFor,
      departments: r.departments,
      note: r.note,
      inspectors: inspectors
        .filter((i) => i.roundId === r.id)
        .map((i) => ({ userId: i.userId, name: i.name, department: i.department, signedAt: i.signedAt, signatureSha256: i.signatureSha256 })),
      items: items
        .filter((i) => i.roundId === r.id)
        .map((i) => ({
          itemId: i.itemId,
          clause: i.clause,
          group: i.group,
          textZh: i.textZh,
          textEn: i.textEn,
          unit: i.unit,
          result: i.result,
          measurement: i.measurement,
          note: i.note,
          /** The item's photos in the evidence store, in the order taken. */
          photoSha256s: i.photoSha256s,
          /** The first of them (null when none), as this answer said before several photos (issue 16). */
          photoSha256: i.photoSha256s[0] ?? null,
        })),
      submittedBy: r.submittedBy ? { id: r.submittedBy, name: submittedByName ?? "" } : null,
      inspectedAt: r.inspectedAt,
      submittedAt: r.submittedAt,
      submitNote: r.submitNote,
      version: r.version,
    })),
    letters: letters.map(({ l, issuedByName }) => ({
      id: l.id,
      code: l.code,
      roundId: l.roundId,
      deadline: l.deadline,
      items: l.items,
      note: l.note,
      issuedBy: issuedByName,
      issuedAt: l.issuedAt,
      rectifiedAt: l.rectifiedAt,
      rectifiedBy: rectifiers.find((u) => u.id === l.rectifiedBy)?.name ?? null,
      rectifiedNote: l.rectifiedNote,
      ...letterState(l, today),
    })),
    allowedSteps: allowedSteps(user, state),
    version: c.version,
  };
}

/** Active people for the inspector picker (the organisers', and the case readers'), optionally of one department. */
export async function listPeople(db: Db, user: SessionUser, input: { department?: TDepartment | null }) {
  const actor = actorOf(user);
  if (!mayReadCases(actor) && !isOrganiser(actor, "pbx") && !isOrganiser(actor, "works")) throw new AppError("forbidden");
  return db
    .select({ id: users.id, name: users.displayName, role: users.role, department: users.department })
    .from(users)
    .where(and(eq(users.active, true), input.department ? eq(users.department, input.department) : undefined))
    .orderBy(asc(users.displayName));
}

/**
 * Open cases a work order may be linked to (the work-order desk's picker): not connected or cancelled, by the
 * customer's phone digits or a search (code, customer), passed ones first.
 */
export async function linkableCases(db: Db, input: { customerPhone?: string | null; q?: string | null }) {
  const digits = input.customerPhone ? phoneDigits(input.customerPhone) : "";
  const q = (input.q ?? "").trim();
  return db
    .select({
      id: propertyCases.id,
      code: propertyCases.code,
      kind: propertyCases.kind,
      status: propertyCases.status,
      customerName: propertyCases.customerName,
      customerPhone: propertyCases.customerPhone,
      customerAddress: propertyCases.customerAddress,
      version: propertyCases.version,
    })
    .from(propertyCases)
    .where(
      and(
        notInArray(propertyCases.status, [...FINAL_CASE_STATUSES]),
        digits ? eq(propertyCases.customerPhoneDigits, digits) : undefined,
        q ? or(ilike(propertyCases.code, `%${escapeLike(q)}%`), ilike(propertyCases.customerName, `%${escapeLike(q)}%`)) : undefined,
      ),
    )
    .orderBy(sql`(${propertyCases.status} = 'passed') desc`, desc(propertyCases.updatedAt))
    .limit(20);
}
