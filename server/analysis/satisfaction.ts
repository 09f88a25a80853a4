import "server-only";
import { and, count, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { surveyContacts, surveys } from "@/db/schema";
import type { TDepartment } from "@/domain/auth/roles";
import type { TPeriod } from "@/domain/analysis/periods";
import {
  ELEMENT_DEPARTMENT,
  mergeSums,
  meanWithCi,
  respondentIndex,
  round1,
  SATISFACTION_ELEMENTS,
  SATISFACTION_ITEMS,
  satisfactionIndex,
  SCORE_SOURCES,
  toScale100,
  type TElementStat,
  type TIndexResult,
  type TScoreSource,
  type TWeights,
} from "@/domain/analysis/satisfaction";
import { CUSTOMER_CATEGORIES, type TBlock, type TFigure, type TLabel } from "@/domain/analysis/schemas";
import { pct } from "@/domain/analysis/targets";
import { addDays, addYears, type TIsoDate } from "@/domain/time/calendar";
import { startOfOperatorDay } from "@/domain/time/operator";
import { labels } from "@/server/pdf/bilingual";
import { callbackTallies, signOffTallies, surveyTallies, totalOf, type TRange, type TTallies, type TTally } from "./satisfaction-sources";
import { currentWeights } from "./satisfaction-weights";

/**
 * The satisfaction results of a year or of a period within it (ADR 0041 §3–4): per source, per category, together
 * and per department, over the year's latest weights; the survey's response rate and 95 % interval; the same period
 * a year before for the trend. Without the year's weights there is no index (weights null, index null: the screens
 * say weights_missing), the element and item scores are still given.
 */
export type TScored = TIndexResult & { n: number };

export interface TSatisfactionResults {
  year: number;
  from: TIsoDate;
  to: TIsoDate;
  weights: { year: number; version: number; weights: TWeights } | null;
  overall: TScored;
  bySource: Record<TScoreSource, TScored>;
  /** key, business, residential (always present, n = 0 when nobody), and any other category a contact was given. */
  byCategory: Record<string, TScored>;
  /** Each department with the elements it answers for (ELEMENT_DEPARTMENT); score = mean of its answered elements' scores. */
  byDepartment: { department: TDepartment; elements: TElementStat[]; score: number | null }[];
  /** The year's latest survey as a whole (whatever the period): sample, respondents, response rate, the interval of respondents' own indexes. */
  survey: {
    surveyId: string;
    code: string;
    status: string;
    sampleSize: number;
    frameSize: number;
    responded: number;
    responseRatePct: number | null;
    ci: { n: number; mean: number | null; low: number | null; high: number | null };
  } | null;
  /** The same period a year before, over that year's own latest weights (null index when it has none or no scores). */
  previousYear: { year: number; from: TIsoDate; to: TIsoDate; index: number | null; weights: { year: number; version: number } | null };
}

const NO_WEIGHTS: TWeights = { attitude: 0, install: 0, charging: 0, acceptance: 0, communication: 0 };

function rangeOf(from: TIsoDate, to: TIsoDate): TRange {
  return { fromAt: startOfOperatorDay(from), toAt: startOfOperatorDay(addDays(to, 1)) };
}

const scored = (t: TTally, weights: TWeights | null): TScored => {
  const r = satisfactionIndex(t.sums, weights ?? NO_WEIGHTS);
  return weights ? { ...r, n: t.n } : { ...r, index: null, coveragePct: 0, n: t.n };
};

async function talliesOf(db: Db, year: number, from: TIsoDate, to: TIsoDate, wholeYear: boolean): Promise<Record<TScoreSource, TTallies>> {
  const r = rangeOf(from, to);
  const [sign_off, callback, survey] = await Promise.all([signOffTallies(db, r), callbackTallies(db, r), surveyTallies(db, year, wholeYear ? null : r)]);
  return { sign_off, callback, survey };
}

/** The period of the results: the whole year unless from/to are given (either defaults to the year's bound). */
function periodOf(input: { year: number; from?: TIsoDate | null; to?: TIsoDate | null }): { from: TIsoDate; to: TIsoDate; wholeYear: boolean } {
  const from = input.from ?? `${input.year}-01-01`;
  const to = input.to ?? `${input.year}-12-31`;
  return { from, to, wholeYear: from === `${input.year}-01-01` && to === `${input.year}-12-31` };
}

function byDepartment(overall: TIndexResult): TSatisfactionResults["byDepartment"] {
  const stats = new Map(overall.items.flatMap((i) => i.elements).map((e) => [e.element, e]));
  const order: TDepartment[] = [];
  for (const e of SATISFACTION_ELEMENTS) if (!order.includes(ELEMENT_DEPARTMENT[e])) order.push(ELEMENT_DEPARTMENT[e]);
  return order.map((department) => {
    const elements = SATISFACTION_ELEMENTS.filter((e) => ELEMENT_DEPARTMENT[e] === department).map((e) => stats.get(e)!);
    const answered = elements.filter((e) => e.mean !== null);
    const score = answered.length === 0 ? null : round1(answered.reduce((t, e) => t + toScale100(e.mean!), 0) / answered.length);
    return { department, elements, score };
  });
}

async function surveySummary(db: Db, year: number, weights: TWeights | null): Promise<TSatisfactionResults["survey"]> {
  const [s] = await db.select().from(surveys).where(eq(surveys.year, year)).orderBy(desc(surveys.createdAt), desc(surveys.code)).limit(1);
  if (!s) return null;
  // the survey's respondents only (at most MAX_SAMPLE): each one's own index is the unit of the interval
  const answered = await db
    .select({ answers: surveyContacts.answers })
    .from(surveyContacts)
    .where(and(eq(surveyContacts.surveyId, s.id), eq(surveyContacts.status, "answered")));
  const indexes = weights ? answered.map((a) => (a.answers ? respondentIndex(a.answers, weights) : null)).filter((v): v is number => v !== null) : [];
  const [sampled] = await db.select({ n: count() }).from(surveyContacts).where(eq(surveyContacts.surveyId, s.id));
  const sampleSize = sampled?.n ?? s.sampleSize;
  return {
    surveyId: s.id,
    code: s.code,
    status: s.status,
    sampleSize,
    frameSize: s.frameSize,
    responded: answered.length,
    responseRatePct: pct(answered.length, sampleSize),
    ci: meanWithCi(indexes, s.frameSize),
  };
}

/** The index alone of a year's period (the trend's previous year), over that year's latest weights. */
async function indexOf(db: Db, year: number, from: TIsoDate, to: TIsoDate, wholeYear: boolean) {
  const w = await currentWeights(db, year);
  if (!w) return { index: null, weights: null };
  const t = await talliesOf(db, year, from, to, wholeYear);
  const all = mergeSums(...SCORE_SOURCES.map((s) => totalOf(t[s]).sums));
  return { index: satisfactionIndex(all, w.weights).index, weights: { year: w.year, version: w.version } };
}

/** `satisfaction.results` (and the reports' blocks): see TSatisfactionResults. */
export async function satisfactionResults(db: Db, input: { year: number; from?: TIsoDate | null; to?: TIsoDate | null }): Promise<TSatisfactionResults> {
  const { year } = input;
  const { from, to, wholeYear } = periodOf(input);
  const w = await currentWeights(db, year);
  const weights = w?.weights ?? null;
  const t = await talliesOf(db, year, from, to, wholeYear);

  const bySource = Object.fromEntries(SCORE_SOURCES.map((s) => [s, scored(totalOf(t[s]), weights)])) as Record<TScoreSource, TScored>;
  const overallTally: TTally = {
    n: SCORE_SOURCES.reduce((a, s) => a + bySource[s].n, 0),
    sums: mergeSums(...SCORE_SOURCES.map((s) => totalOf(t[s]).sums)),
  };
  const overall = scored(overallTally, weights);

  const categories = new Set<string>(CUSTOMER_CATEGORIES);
  for (const s of SCORE_SOURCES) for (const c of t[s].keys()) categories.add(c);
  const byCategory: Record<string, TScored> = {};
  for (const c of categories) {
    const parts = SCORE_SOURCES.map((s) => t[s].get(c)).filter((x): x is TTally => !!x);
    byCategory[c] = scored({ n: parts.reduce((a, p) => a + p.n, 0), sums: mergeSums(...parts.map((p) => p.sums)) }, weights);
  }

  const prevFrom = addYears(from, -1);
  const prevTo = addYears(to, -1);
  const prev = await indexOf(db, year - 1, prevFrom, prevTo, wholeYear);

  return {
    year,
    from,
    to,
    weights: w ? { year: w.year, version: w.version, weights: w.weights } : null,
    overall,
    bySource,
    byCategory,
    byDepartment: byDepartment(overall),
    survey: await surveySummary(db, year, weights),
    previousYear: { year: year - 1, from: prevFrom, to: prevTo, ...prev },
  };
}

// ── report blocks ────────────────────────────────────────────────────────────────────────────────────────────────

const label = (key: string): TLabel => ({ "zh-CN": labels.zh(key), en: labels.en(key) });

/** Columns of the "satisfaction_items" table: the item's weight, the score and n together, then each source's score. */
export const SATISFACTION_TABLE_COLUMNS = ["weight_pct", "score", "n", ...SCORE_SOURCES] as const;

/**
 * A report's satisfaction part for its period (year = the period's first day's year; a "year" period is the whole
 * year): the weights it used, and two blocks —
 * - figures "satisfaction": satisfaction_index (score, previous = the same period a year before), satisfaction_n
 *   (count of scores' rows), satisfaction_coverage (pct of the weights covered; null without weights), and
 *   survey_response_rate (pct) when the year has a survey;
 * - table "satisfaction_items": rows `item.<item>` then its `element.<element>`s (labels given, both languages),
 *   columns SATISFACTION_TABLE_COLUMNS (elements have no weight).
 */
export async function satisfactionReportPart(db: Db, period: TPeriod): Promise<{ weights: { year: number; version: number } | null; blocks: TBlock[] }> {
  const year = Number(period.from.slice(0, 4));
  const r = await satisfactionResults(db, period.kind === "year" ? { year } : { year, from: period.from, to: period.to });
  const figures: TFigure[] = [
    { key: "satisfaction_index", value: r.overall.index, unit: "score", previous: r.previousYear.index },
    { key: "satisfaction_n", value: r.overall.n, unit: "count" },
    { key: "satisfaction_coverage", value: r.weights ? r.overall.coveragePct : null, unit: "pct" },
  ];
  if (r.survey) figures.push({ key: "survey_response_rate", value: r.survey.responseRatePct, unit: "pct" });

  const rows: Extract<TBlock, { type: "table" }>["rows"] = [];
  for (const item of SATISFACTION_ITEMS) {
    const it = r.overall.items.find((i) => i.item === item)!;
    const perSource = SCORE_SOURCES.map((s) => r.bySource[s].items.find((i) => i.item === item)!.score);
    const n = it.elements.reduce((a, e) => a + e.n, 0);
    rows.push({ key: `item.${item}`, label: label(`analysis.item.${item}`), cells: [r.weights ? it.weightPct : null, it.score, n, ...perSource] });
    for (const e of it.elements) {
      const src = SCORE_SOURCES.map((s) => r.bySource[s].items.flatMap((i) => i.elements).find((x) => x.element === e.element)!.score);
      rows.push({ key: `element.${e.element}`, label: label(`analysis.element.${e.element}`), cells: [null, e.score, e.n, ...src] });
    }
  }
  return {
    weights: r.weights ? { year: r.weights.year, version: r.weights.version } : null,
    blocks: [
      { type: "figures", id: "satisfaction", figures },
      { type: "table", id: "satisfaction_items", columns: [...SATISFACTION_TABLE_COLUMNS], rows },
    ],
  };
}

/** The report blocks alone (see satisfactionReportPart for the weights version they used). */
export async function satisfactionBlocks(db: Db, period: TPeriod): Promise<TBlock[]> {
  return (await satisfactionReportPart(db, period)).blocks;
}
