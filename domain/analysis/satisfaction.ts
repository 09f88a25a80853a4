import type { TDepartment } from "@/domain/auth/roles";

/**
 * The customer-satisfaction index of procedure P5 (数据分析控制程序): five items, eleven elements. Each element is scored
 * 1–5 by a customer (the same scale as the on-site ratings at sign-off and the complaint callback); an element's score
 * on the index's 0–100 scale is (mean − 1) / 4 × 100; an item's score is the mean of its elements' scores; the index is
 * Σ item score × the item's weight (a percentage coefficient set by the quality department per year, ADR 0041).
 */
export const SATISFACTION_ITEMS = ["attitude", "install", "charging", "acceptance", "communication"] as const;
export type TSatisfactionItem = (typeof SATISFACTION_ITEMS)[number];

export const SATISFACTION_ELEMENTS = [
  "attitude_counter", // ① 营业人员服务态度
  "attitude_install", // ① 装移修人员服务态度
  "install_on_time", // ② 装移修及时
  "terminal_repair", // ② 终端设备故障修复
  "pay_ease", // ③ 交费方便
  "tariff", // ③ 资费满意
  "counter_acceptance", // ④ 营业厅受理
  "line_189", // ④ 189 电话受理
  "complaint_handling", // ④ 投诉及咨询处理
  "get_through", // ⑤ 接通容易
  "voice_clarity", // ⑤ 通话清晰
] as const;
export type TSatisfactionElement = (typeof SATISFACTION_ELEMENTS)[number];

export const ELEMENT_ITEM: Record<TSatisfactionElement, TSatisfactionItem> = {
  attitude_counter: "attitude",
  attitude_install: "attitude",
  install_on_time: "install",
  terminal_repair: "install",
  pay_ease: "charging",
  tariff: "charging",
  counter_acceptance: "acceptance",
  line_189: "acceptance",
  complaint_handling: "acceptance",
  get_through: "communication",
  voice_clarity: "communication",
};

/** The department answerable for each element: results "by department" are the elements it owns. */
export const ELEMENT_DEPARTMENT: Record<TSatisfactionElement, TDepartment> = {
  attitude_counter: "customer_service",
  attitude_install: "terminal_service",
  install_on_time: "terminal_service",
  terminal_repair: "terminal_service",
  pay_ease: "finance",
  tariff: "enterprise_management",
  counter_acceptance: "customer_service",
  line_189: "customer_service",
  complaint_handling: "customer_service",
  get_through: "operations",
  voice_clarity: "operations",
};

export const elementsOfItem = (item: TSatisfactionItem): TSatisfactionElement[] => SATISFACTION_ELEMENTS.filter((e) => ELEMENT_ITEM[e] === item);

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

/** The sources of scores: sign-off ratings, complaint callbacks, the year-end survey (phone or letter). */
export const SCORE_SOURCES = ["sign_off", "callback", "survey"] as const;
export type TScoreSource = (typeof SCORE_SOURCES)[number];

/** Weights in per cent per item; stored and compared in tenths of a per cent so that "sums to 100" is exact. */
export type TWeights = Record<TSatisfactionItem, number>;

export type TWeightsCheck = { ok: true } | { ok: false; reason: "weights_sum" | "weights_range" | "weights_precision"; sumPct: number };

/** Every weight 0–100 with at most one decimal, all five summing to exactly 100 %. */
export function checkWeights(w: TWeights): TWeightsCheck {
  let tenths = 0;
  for (const item of SATISFACTION_ITEMS) {
    const v = w[item];
    if (!Number.isFinite(v) || v < 0 || v > 100) return { ok: false, reason: "weights_range", sumPct: sumPct(w) };
    const t = Math.round(v * 10);
    if (Math.abs(t - v * 10) > 1e-6) return { ok: false, reason: "weights_precision", sumPct: sumPct(w) };
    tenths += t;
  }
  return tenths === 1000 ? { ok: true } : { ok: false, reason: "weights_sum", sumPct: tenths / 10 };
}

function sumPct(w: TWeights): number {
  return Math.round(SATISFACTION_ITEMS.reduce((s, i) => s + (Number.isFinite(w[i]) ? w[i] * 10 : 0), 0)) / 10;
}

/** One decimal, half away from zero, computed on tenths so that 72.25 → 72.3 (not 72.2 from binary rounding). */
export function round1(x: number): number {
  const sign = x < 0 ? -1 : 1;
  return (sign * Math.round(Math.abs(x) * 10 + 1e-9)) / 10;
}

/** A 1–5 answer on the index's 0–100 scale. */
export function toScale100(score: number): number {
  return ((score - SCORE_MIN) / (SCORE_MAX - SCORE_MIN)) * 100;
}

/** One customer's answers: an element left out (not asked, "don't know") is missing, not zero. */
export type TAnswers = Partial<Record<TSatisfactionElement, number | null>>;

export interface TElementStat {
  element: TSatisfactionElement;
  n: number;
  /** Mean of the 1–5 answers, unrounded; null when nobody answered. */
  mean: number | null;
  /** On the 0–100 scale, one decimal; null when nobody answered. */
  score: number | null;
}

export interface TIndexResult {
  /** The weighted index, 0–100, one decimal; null when no item has a score. */
  index: number | null;
  /** The same, unrounded (for further statistics: rounding happens once, at the end). */
  exact: number | null;
  items: { item: TSatisfactionItem; weightPct: number; score: number | null; elements: TElementStat[] }[];
  /** Items without any answer: the index is over the others, their weights scaled up to 100 % (coveragePct says how much was covered). */
  missingItems: TSatisfactionItem[];
  coveragePct: number;
}

/** Per-element sums: the unit everything is aggregated from (so a month's statistics can be added up). */
export type TElementSums = Partial<Record<TSatisfactionElement, { n: number; sum: number }>>;

export function sumAnswers(answers: readonly TAnswers[]): TElementSums {
  const out: TElementSums = {};
  for (const a of answers)
    for (const e of SATISFACTION_ELEMENTS) {
      const v = a[e];
      if (v === null || v === undefined) continue;
      if (!Number.isInteger(v) || v < SCORE_MIN || v > SCORE_MAX) throw new RangeError(`answer ${e}=${v} is not ${SCORE_MIN}–${SCORE_MAX}`);
      const s = (out[e] ??= { n: 0, sum: 0 });
      s.n += 1;
      s.sum += v;
    }
  return out;
}

export function mergeSums(...parts: TElementSums[]): TElementSums {
  const out: TElementSums = {};
  for (const p of parts)
    for (const e of SATISFACTION_ELEMENTS) {
      const s = p[e];
      if (!s) continue;
      const o = (out[e] ??= { n: 0, sum: 0 });
      o.n += s.n;
      o.sum += s.sum;
    }
  return out;
}

/**
 * The index from element sums and the year's weights. An item's score is the mean of its answered elements' scores
 * (each element counts once, whatever its n); an item nobody answered is left out and the remaining weights are
 * scaled to 100 % — the result says which items were missing and how much weight was covered, so a partial index is
 * never mistaken for a whole one. Rounded once, at the end.
 */
export function satisfactionIndex(sums: TElementSums, weights: TWeights): TIndexResult {
  const items = SATISFACTION_ITEMS.map((item) => {
    const elements: TElementStat[] = elementsOfItem(item).map((element) => {
      const s = sums[element];
      if (!s || s.n === 0) return { element, n: 0, mean: null, score: null };
      const mean = s.sum / s.n;
      return { element, n: s.n, mean, score: round1(toScale100(mean)) };
    });
    const answered = elements.filter((e) => e.mean !== null);
    const raw = answered.length === 0 ? null : answered.reduce((t, e) => t + toScale100(e.mean!), 0) / answered.length;
    return { item, weightPct: weights[item], raw, score: raw === null ? null : round1(raw), elements };
  });
  const present = items.filter((i) => i.raw !== null);
  const covered = present.reduce((t, i) => t + i.weightPct, 0);
  const exact = present.length === 0 || covered === 0 ? null : present.reduce((t, i) => t + i.raw! * i.weightPct, 0) / covered;
  return {
    index: exact === null ? null : round1(exact),
    exact,
    items: items.map(({ item, weightPct, score, elements }) => ({ item, weightPct, score, elements })),
    missingItems: items.filter((i) => i.raw === null).map((i) => i.item),
    coveragePct: round1(covered),
  };
}

/**
 * One respondent's own index, unrounded (the unit of the survey's confidence interval: the interval is taken on exact
 * values and rounded once, ADR 0041 §1); null if they answered nothing.
 */
export function respondentIndex(answers: TAnswers, weights: TWeights): number | null {
  return satisfactionIndex(sumAnswers([answers]), weights).exact;
}

/**
 * Mean and 95 % confidence interval of a sample (normal approximation with the finite-population correction when the
 * population size is known). n < 2 has no interval.
 */
export function meanWithCi(values: readonly number[], populationSize?: number): { n: number; mean: number | null; low: number | null; high: number | null } {
  const n = values.length;
  if (n === 0) return { n, mean: null, low: null, high: null };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean: round1(mean), low: null, high: null };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const fpc = populationSize && populationSize > n ? Math.sqrt((populationSize - n) / (populationSize - 1)) : populationSize === n ? 0 : 1;
  const half = 1.96 * Math.sqrt(variance / n) * fpc;
  return { n, mean: round1(mean), low: round1(Math.max(0, mean - half)), high: round1(Math.min(100, mean + half)) };
}
