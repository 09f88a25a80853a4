/**
 * Inputs and stored shapes of data analysis (P5, ADR 0041). Messages are catalogue keys (`validation.*`,
 * `analysis.validation.*`).
 */
import { z } from "zod";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { CAUSE_CATEGORIES } from "@/domain/quality/model";
import { zLine, zNote } from "@/domain/text/rules";
import type { TPeriod } from "./periods";
import { checkWeights, SATISFACTION_ELEMENTS, SATISFACTION_ITEMS, SCORE_MAX, SCORE_MIN } from "./satisfaction";
import { controlIsValid, INDICATOR_DEFS, INDICATORS, type TTargetStatus } from "./targets";

export const ZYear = z
  .number({ error: "analysis.validation.year" })
  .int({ error: "analysis.validation.year" })
  .min(2000, { error: "analysis.validation.year" })
  .max(2100, { error: "analysis.validation.year" });
export const ZMonthNo = z
  .number({ error: "analysis.validation.month" })
  .int({ error: "analysis.validation.month" })
  .min(1, { error: "analysis.validation.month" })
  .max(12, { error: "analysis.validation.month" });
/** A report period: 2026, 2026-11 or 2026-W49 (domain/analysis/periods.ts parses it). */
export const ZPeriodKey = z.string().regex(/^20\d{2}(-(0[1-9]|1[0-2])|-W(0[1-9]|[1-4]\d|5[0-3]))?$/, { error: "analysis.validation.period" });

/** A finite number, never NaN or ±Infinity (a JSON number can be neither, but a typed figure can be "1e999"). */
const finite = (key: string) => z.number({ error: key }).refine(Number.isFinite, { error: key });

// ── satisfaction weights ─────────────────────────────────────────────────────────────────────────────────────────
const weight = finite("analysis.validation.weight").min(0, { error: "analysis.validation.weight" }).max(100, { error: "analysis.validation.weight" });
export const ZWeights = z
  .object(Object.fromEntries(SATISFACTION_ITEMS.map((i) => [i, weight])) as Record<(typeof SATISFACTION_ITEMS)[number], typeof weight>)
  .strict()
  .superRefine((w, ctx) => {
    const c = checkWeights(w);
    if (!c.ok) ctx.addIssue({ code: "custom", message: `analysis.validation.${c.reason}`, params: { sum: c.sumPct } });
  });
export const ZSetWeightsArgs = z.object({
  year: ZYear,
  weights: ZWeights,
  note: zNote(500).default(""),
  /** The version the form was showing (0: none yet): another version saved meanwhile is a conflict, not overwritten. */
  basedOn: z.number().int().min(0).optional(),
});

// ── the year-end survey ──────────────────────────────────────────────────────────────────────────────────────────
export const SURVEY_STATUSES = ["open", "closed"] as const;
export type TSurveyStatus = (typeof SURVEY_STATUSES)[number];
export const SURVEY_CHANNELS = ["phone", "letter"] as const;
export type TSurveyChannel = (typeof SURVEY_CHANNELS)[number];
/** pending: not reached yet; answered; refused; unreachable (after tries); letter_sent: the inquiry letter went out. */
export const SURVEY_CONTACT_STATUSES = ["pending", "letter_sent", "answered", "refused", "unreachable"] as const;
export type TSurveyContactStatus = (typeof SURVEY_CONTACT_STATUSES)[number];
/** The customer categories the sample is stratified by (the frame assigns each customer one). */
export const CUSTOMER_CATEGORIES = ["key", "business", "residential"] as const;
export type TCustomerCategory = (typeof CUSTOMER_CATEGORIES)[number];

export const MAX_SAMPLE = 2000;
export const ZDrawSurveyArgs = z.object({
  year: ZYear,
  title: zLine(120).min(1, { error: "validation.required" }),
  sampleSize: z
    .number({ error: "analysis.validation.sampleSize" })
    .int({ error: "analysis.validation.sampleSize" })
    .min(1, { error: "analysis.validation.sampleSize" })
    .max(MAX_SAMPLE, { error: "analysis.validation.sampleSize" }),
  /** Omitted: the server picks one and keeps it (the sample can be drawn again from it). */
  seed: z.number().int().min(0).max(2_147_483_647).optional(),
});

const answer = z
  .number({ error: "analysis.validation.score" })
  .int({ error: "analysis.validation.score" })
  .min(SCORE_MIN, { error: "analysis.validation.score" })
  .max(SCORE_MAX, { error: "analysis.validation.score" })
  .nullable();
/** All eleven elements, each 1–5 or null ("don't know / not used"): an answered contact names every element. */
export const ZAnswers = z
  .object(Object.fromEntries(SATISFACTION_ELEMENTS.map((e) => [e, answer])) as Record<(typeof SATISFACTION_ELEMENTS)[number], typeof answer>)
  .strict();

export const ZRecordContactArgs = z.discriminatedUnion("status", [
  z
    .object({
      id: z.uuid(),
      version: z.number().int().min(1),
      status: z.literal("answered"),
      channel: z.enum(SURVEY_CHANNELS),
      answers: ZAnswers,
      comment: zNote(1000).default(""),
    })
    .refine((v) => Object.values(v.answers).some((a) => a !== null), { error: "analysis.validation.noAnswers", path: ["answers"] }),
  z.object({
    id: z.uuid(),
    version: z.number().int().min(1),
    status: z.enum(["refused", "unreachable", "letter_sent"]),
    channel: z.enum(SURVEY_CHANNELS),
    comment: zNote(1000).default(""),
  }),
]);

// ── targets and monthly figures ──────────────────────────────────────────────────────────────────────────────────
export const ZSetTargetArgs = z
  .object({
    year: ZYear,
    department: z.enum(DEPARTMENTS),
    indicator: z.enum(INDICATORS),
    target: finite("analysis.validation.figure").min(0, { error: "analysis.validation.figure" }).max(1e9, { error: "analysis.validation.figure" }),
    control: finite("analysis.validation.figure")
      .min(0, { error: "analysis.validation.figure" })
      .max(1e9, { error: "analysis.validation.figure" })
      .nullable()
      .default(null),
    /** The version the form was showing (0: none yet): another saved meanwhile is a conflict, not overwritten. */
    basedOn: z.number().int().min(0).optional(),
  })
  .refine((v) => INDICATOR_DEFS[v.indicator].unit !== "pct" || (v.target <= 100 && (v.control ?? 0) <= 100), {
    error: "analysis.validation.pct",
    path: ["target"],
  })
  .refine((v) => controlIsValid({ target: v.target, control: v.control, direction: INDICATOR_DEFS[v.indicator].direction }), {
    error: "analysis.validation.control",
    path: ["control"],
  });

export const ZEnterFigureArgs = z
  .object({
    year: ZYear,
    month: ZMonthNo,
    department: z.enum(DEPARTMENTS),
    indicator: z.enum(INDICATORS),
    value: finite("analysis.validation.figure").min(0, { error: "analysis.validation.figure" }).max(1e12, { error: "analysis.validation.figure" }),
    note: zNote(500).default(""),
    /** The version the form was showing (0: none yet): another saved meanwhile is a conflict, not overwritten. */
    basedOn: z.number().int().min(0).optional(),
  })
  .refine((v) => INDICATOR_DEFS[v.indicator].unit !== "pct" || v.value <= 100, { error: "analysis.validation.pct", path: ["value"] });

// ── Pareto, check sheets, fishbone ───────────────────────────────────────────────────────────────────────────────
export const PARETO_SUBJECTS = ["complaints_by_category", "nc_by_finding", "nc_by_department", "nc_by_cause", "checks_by_reason"] as const;
export type TParetoSubject = (typeof PARETO_SUBJECTS)[number];
export const CHECK_SHEET_SUBJECTS = ["complaints_category_weekday", "nc_finding_department", "checks_reason_kind"] as const;
export type TCheckSheetSubject = (typeof CHECK_SHEET_SUBJECTS)[number];
export const ZDateRange = z
  .object({ from: z.iso.date({ error: "analysis.validation.date" }), to: z.iso.date({ error: "analysis.validation.date" }) })
  .refine((v) => v.from <= v.to, { error: "analysis.validation.range", path: ["to"] })
  .refine((v) => v.from >= "2000-01-01" && v.to <= "2100-12-31", { error: "analysis.validation.range", path: ["from"] });

export const MAX_CAUSES_PER_BONE = 12;
export const ZFishboneCauses = z
  .object(
    Object.fromEntries(
      CAUSE_CATEGORIES.map((c) => [
        c,
        z.array(zLine(200).min(1, { error: "validation.required" })).max(MAX_CAUSES_PER_BONE, { error: "analysis.validation.tooManyCauses" }),
      ]),
    ) as Record<(typeof CAUSE_CATEGORIES)[number], z.ZodArray<ReturnType<typeof zLine>>>,
  )
  .strict();
export type TFishboneCauses = z.infer<typeof ZFishboneCauses>;
export const ZSaveFishboneArgs = z.object({
  /** Absent: a new worksheet. */
  id: z.uuid().optional(),
  version: z.number().int().min(1).optional(),
  problem: zLine(200).min(1, { error: "validation.required" }),
  nonconformityId: z.uuid().nullable().default(null),
  actionId: z.uuid().nullable().default(null),
  causes: ZFishboneCauses,
});

// ── reports ──────────────────────────────────────────────────────────────────────────────────────────────────────
export const REPORT_KINDS = ["weekly", "monthly", "meeting_business", "meeting_engineering", "meeting_operations", "meeting_coordination"] as const;
export type TReportKind = (typeof REPORT_KINDS)[number];
export const MEETING_KINDS = [
  "meeting_business",
  "meeting_engineering",
  "meeting_operations",
  "meeting_coordination",
] as const satisfies readonly TReportKind[];
export const ZGenerateReportArgs = z.object({ kind: z.enum(REPORT_KINDS), periodKey: ZPeriodKey });

export type TUnit = "count" | "pct" | "per_1000" | "score" | "amount" | "days";

/** A number in a report, with what it is compared with (the target, the same period a year before). */
export interface TFigure {
  key: string;
  value: number | null;
  unit: TUnit;
  target?: number | null;
  status?: TTargetStatus;
  previous?: number | null;
}

/** What a bar or row is called: translated by the block's keyspace unless the data gave a name (a complaint category). */
export type TLabel = { "zh-CN": string; en: string } | null;

export type TBlock =
  | { type: "figures"; id: string; figures: TFigure[] }
  | {
      type: "pareto";
      id: string;
      keyspace: string;
      total: number;
      rows: { key: string; label: TLabel; count: number; sharePct: number; cumulativePct: number; vital: boolean }[];
    }
  | { type: "series"; id: string; unit: TUnit; points: { key: string; value: number | null }[] }
  | {
      type: "statement";
      id: string;
      rows: {
        department: string;
        indicator: string;
        unit: TUnit;
        target: number;
        control: number | null;
        direction: "at_least" | "at_most";
        actual: number | null;
        status: TTargetStatus;
        source: "computed" | "entered";
        enteredBy: string | null;
        enteredAt: string | null;
      }[];
    }
  | { type: "table"; id: string; columns: string[]; rows: { key: string; label: TLabel; cells: (number | string | null)[] }[] };

/** A report's numbers as computed when it was made (analysis_reports.data): PDF, XLSX, CSV and the screen all read this. */
export interface TReportData {
  kind: TReportKind;
  period: TPeriod;
  /** ISO instant. */
  generatedAt: string;
  /** The satisfaction weights version the index used (year and version), when the report has one. */
  weights: { year: number; version: number } | null;
  blocks: TBlock[];
}
