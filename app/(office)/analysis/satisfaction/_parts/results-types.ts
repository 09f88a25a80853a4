import type { TElementStat, TIndexResult, TSatisfactionItem, TScoreSource, TWeights } from "@/domain/analysis/satisfaction";

/** What satisfaction.results answers (server/analysis/satisfaction.ts satisfactionResults, the brief's contract). */
export type TIndexWithN = TIndexResult & { n: number };
export interface TSatisfactionResults {
  weights: { year: number; version: number; weights: TWeights } | null;
  overall: TIndexWithN;
  bySource: Record<TScoreSource, TIndexWithN>;
  byCategory: Record<string, TIndexWithN>;
  byDepartment: { department: string; elements: TElementStat[]; score: number | null }[];
  survey: {
    surveyId: string;
    code: string;
    sampleSize: number;
    responded: number;
    responseRatePct: number | null;
    ci: { n: number; mean: number | null; low: number | null; high: number | null } | null;
  } | null;
  previousYear: { index: number | null };
}

/** A 0–100 score as shown: one decimal, "—" when there is none. */
export const score1 = (v: number | null | undefined): string => (v === null || v === undefined ? "—" : v.toFixed(1));
export type { TSatisfactionItem };
