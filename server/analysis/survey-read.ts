import "server-only";
import { alias } from "drizzle-orm/pg-core";
import { asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { surveyContacts, surveys, users } from "@/db/schema";
import type { TAnswers } from "@/domain/analysis/satisfaction";
import { SURVEY_CONTACT_STATUSES, type TSurveyChannel, type TSurveyContactStatus, type TSurveyStatus } from "@/domain/analysis/schemas";
import { pct } from "@/domain/analysis/targets";
import { AppError } from "@/server/errors";

/** The surveys and their call lists as the office reads them (quality and customer service: SURVEY_ROLES). */
export interface TSurveyRow {
  id: string;
  code: string;
  year: number;
  title: string;
  status: TSurveyStatus;
  sampleSize: number;
  frameSize: number;
  responded: number;
  responseRatePct: number | null;
  createdAt: Date;
  closedAt: Date | null;
}

const answeredCount = sql<number>`count(*) filter (where ${surveyContacts.status} = 'answered')`.mapWith(Number);

/** Every survey (of a year, when given), newest first, with its response rate. */
export async function listSurveys(db: Db, input: { year?: number | null }): Promise<TSurveyRow[]> {
  const rows = await db
    .select({
      id: surveys.id,
      code: surveys.code,
      year: surveys.year,
      title: surveys.title,
      status: surveys.status,
      sampleSize: surveys.sampleSize,
      frameSize: surveys.frameSize,
      responded: answeredCount,
      createdAt: surveys.createdAt,
      closedAt: surveys.closedAt,
    })
    .from(surveys)
    .leftJoin(surveyContacts, eq(surveyContacts.surveyId, surveys.id))
    .where(input.year ? eq(surveys.year, input.year) : undefined)
    .groupBy(surveys.id)
    .orderBy(desc(surveys.year), desc(surveys.code));
  return rows.map((r) => ({ ...r, responseRatePct: pct(r.responded, r.sampleSize) }));
}

export interface TSurveyContactRow {
  id: string;
  seq: number;
  name: string;
  phone: string;
  address: string;
  category: string;
  channel: TSurveyChannel;
  status: TSurveyContactStatus;
  answers: TAnswers | null;
  comment: string;
  attempts: number;
  answeredByName: string | null;
  answeredAt: Date | null;
  version: number;
}

export interface TSurveyDetail extends TSurveyRow {
  seed: number;
  version: number;
  createdByName: string;
  /** Each category's population in the frame, the sample it was given, and how many of it answered. */
  strata: { category: string; population: number; allocated: number; responded: number }[];
  /** How many contacts are in each state. */
  byStatus: Record<TSurveyContactStatus, number>;
  contacts: TSurveyContactRow[];
}

/** `survey.get`: the survey with its strata, response rate and the call list in sequence. */
export async function getSurvey(db: Db, id: string): Promise<TSurveyDetail> {
  const creator = alias(users, "creator");
  const [s] = await db
    .select({ s: surveys, createdByName: creator.displayName })
    .from(surveys)
    .innerJoin(creator, eq(creator.id, surveys.createdBy))
    .where(eq(surveys.id, id));
  if (!s) throw new AppError("not_found");
  const contacts = await db
    .select({
      id: surveyContacts.id,
      seq: surveyContacts.seq,
      name: surveyContacts.name,
      phone: surveyContacts.phone,
      address: surveyContacts.address,
      category: surveyContacts.category,
      channel: surveyContacts.channel,
      status: surveyContacts.status,
      answers: surveyContacts.answers,
      comment: surveyContacts.comment,
      attempts: surveyContacts.attempts,
      answeredByName: users.displayName,
      answeredAt: surveyContacts.answeredAt,
      version: surveyContacts.version,
    })
    .from(surveyContacts)
    .leftJoin(users, eq(users.id, surveyContacts.answeredBy))
    .where(eq(surveyContacts.surveyId, id))
    .orderBy(asc(surveyContacts.seq));
  const byStatus = Object.fromEntries(SURVEY_CONTACT_STATUSES.map((st) => [st, 0])) as Record<TSurveyContactStatus, number>;
  const respondedBy = new Map<string, number>();
  for (const c of contacts) {
    byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
    if (c.status === "answered") respondedBy.set(c.category, (respondedBy.get(c.category) ?? 0) + 1);
  }
  const { s: row } = s;
  const responded = byStatus.answered;
  return {
    id: row.id,
    code: row.code,
    year: row.year,
    title: row.title,
    status: row.status,
    sampleSize: row.sampleSize,
    frameSize: row.frameSize,
    responded,
    responseRatePct: pct(responded, row.sampleSize),
    createdAt: row.createdAt,
    closedAt: row.closedAt,
    seed: row.seed,
    version: row.version,
    createdByName: s.createdByName,
    strata: row.strata.map((st) => ({ ...st, responded: respondedBy.get(st.category) ?? 0 })),
    byStatus,
    contacts,
  };
}

/** The contacts a letter is printed for: by default those not yet answered nor refused (pending, unreachable, letter sent). */
export const LETTER_STATUSES: readonly TSurveyContactStatus[] = ["pending", "unreachable", "letter_sent"];
