import "server-only";
import { randomInt } from "node:crypto";
import { and, count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { surveyContacts, surveys } from "@/db/schema";
import { stratifiedSample } from "@/domain/analysis/sampling";
import type { ZDrawSurveyArgs, ZRecordContactArgs } from "@/domain/analysis/schemas";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { AppError } from "@/server/errors";
import { buildFrame } from "./frame";

/**
 * The year-end sampling survey's writes (ADR 0041 §5): quality draws a stratified sample of the year's frame from a
 * kept seed (the same frame, size and seed give the same customers), customer service and quality record each call
 * or letter, quality closes the survey.
 */
export type TDrawSurveyArgs = z.output<typeof ZDrawSurveyArgs>;
export type TRecordContactArgs = z.output<typeof ZRecordContactArgs>;
export const ZCloseSurveyArgs = z.object({ id: z.uuid(), version: z.number().int().min(1) });

const SEED_MAX = 2_147_483_647;

/** The survey's number of its year: SV-2026-01, SV-2026-02… */
export function surveyCode(year: number, n: number): string {
  return `SV-${year}-${String(n).padStart(2, "0")}`;
}

/**
 * Draws the year's sample: the frame (server/analysis/frame.ts; nobody in it → rule `empty_frame`), the allocation
 * by category and the draw (domain stratifiedSample) from the given seed or one picked here and kept. A sample
 * larger than the frame takes everyone. Contacts numbered 1… in the draw's order. Audited `survey.drawn`.
 */
export async function drawSurvey(
  db: Db,
  user: SessionUser,
  input: TDrawSurveyArgs,
  now: Date = clockNow(),
): Promise<{ id: string; code: string; seed: number; sampleSize: number; frameSize: number }> {
  const seed = input.seed ?? randomInt(0, SEED_MAX);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`survey-code:${input.year}`}))`);
    const frame = await buildFrame(tx, input.year);
    if (frame.length === 0) throw new AppError("rule_violation", { rule: "empty_frame", year: input.year });
    const { strata, ids } = stratifiedSample(
      frame.map((u) => ({ id: u.key, category: u.category })),
      input.sampleSize,
      seed,
    );
    const [made] = await tx.select({ n: count() }).from(surveys).where(eq(surveys.year, input.year));
    const code = surveyCode(input.year, (made?.n ?? 0) + 1);
    const [survey] = await tx
      .insert(surveys)
      .values({
        code,
        year: input.year,
        title: input.title,
        seed,
        sampleSize: ids.length,
        frameSize: frame.length,
        strata,
        status: "open",
        createdBy: user.id,
        createdAt: now,
      })
      .returning({ id: surveys.id });
    const byKey = new Map(frame.map((u) => [u.key, u]));
    const rows = ids.map((key, i) => {
      const u = byKey.get(key)!;
      return { surveyId: survey!.id, seq: i + 1, customerKey: key, name: u.name, phone: u.phone, address: u.address, category: u.category };
    });
    for (let i = 0; i < rows.length; i += 500) await tx.insert(surveyContacts).values(rows.slice(i, i + 500));
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "survey",
      subjectId: survey!.id,
      at: now,
      event: { name: "survey.drawn", payload: { code, year: input.year, seed, sampleSize: ids.length, frameSize: frame.length } },
    });
    return { id: survey!.id, code, seed, sampleSize: ids.length, frameSize: frame.length };
  });
}

/**
 * Records a contact's outcome: answered (all eleven elements, each 1–5 or null), refused, unreachable, or the inquiry
 * letter sent. The contact's version must be the one seen (else `conflict`); a closed survey refuses (`survey_closed`).
 * An answer recorded again replaces the earlier one (a correction; the audit chain keeps both). `attempts` counts the
 * telephone calls made to the contact (every record by phone), so "unreachable after 3 tries" can be seen.
 */
export async function recordContact(
  db: Db,
  user: SessionUser,
  input: TRecordContactArgs,
  now: Date = clockNow(),
): Promise<{ id: string; version: number; status: string; attempts: number }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ c: surveyContacts, code: surveys.code, surveyStatus: surveys.status })
      .from(surveyContacts)
      .innerJoin(surveys, eq(surveys.id, surveyContacts.surveyId))
      .where(eq(surveyContacts.id, input.id))
      .for("update");
    if (!row) throw new AppError("not_found");
    if (row.surveyStatus !== "open") throw new AppError("rule_violation", { rule: "survey_closed", code: row.code });
    const c = row.c;
    if (c.version !== input.version) throw new AppError("conflict", { status: c.status, version: c.version });
    const version = c.version + 1;
    const attempts = c.attempts + (input.channel === "phone" ? 1 : 0);
    await tx
      .update(surveyContacts)
      .set({
        status: input.status,
        channel: input.channel,
        answers: input.status === "answered" ? input.answers : null,
        comment: input.comment,
        attempts,
        answeredBy: user.id,
        answeredAt: now,
        version,
      })
      .where(eq(surveyContacts.id, c.id));
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "survey_contact",
      subjectId: c.id,
      at: now,
      event: {
        name: "survey.recorded",
        // the answers and comment as recorded: a later correction overwrites the row, the audit chain keeps each version
        payload: {
          code: row.code,
          seq: c.seq,
          status: input.status,
          channel: input.channel,
          version,
          answers: input.status === "answered" ? input.answers : null,
          comment: input.comment,
        },
      },
    });
    return { id: c.id, version, status: input.status, attempts };
  });
}

/** Quality closes the survey (no more answers; the results keep what was answered). Audited `survey.closed`. */
export async function closeSurvey(
  db: Db,
  user: SessionUser,
  input: z.output<typeof ZCloseSurveyArgs>,
  now: Date = clockNow(),
): Promise<{ id: string; version: number; responded: number; sampleSize: number }> {
  return db.transaction(async (tx) => {
    const [s] = await tx.select().from(surveys).where(eq(surveys.id, input.id)).for("update");
    if (!s) throw new AppError("not_found");
    if (s.status !== "open") throw new AppError("rule_violation", { rule: "survey_closed", code: s.code });
    if (s.version !== input.version) throw new AppError("conflict", { status: s.status, version: s.version });
    const [answered] = await tx
      .select({ n: count() })
      .from(surveyContacts)
      .where(and(eq(surveyContacts.surveyId, s.id), eq(surveyContacts.status, "answered")));
    const responded = answered?.n ?? 0;
    const version = s.version + 1;
    await tx.update(surveys).set({ status: "closed", closedAt: now, version }).where(eq(surveys.id, s.id));
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "survey",
      subjectId: s.id,
      at: now,
      event: { name: "survey.closed", payload: { code: s.code, responded, sampleSize: s.sampleSize } },
    });
    return { id: s.id, version, responded, sampleSize: s.sampleSize };
  });
}
