import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { correctiveActions, surveyContacts, users } from "@/db/schema";
import { SATISFACTION_ELEMENTS, type TAnswers, type TWeights } from "@/domain/analysis/satisfaction";
import { ZDrawSurveyArgs, ZEnterFigureArgs, ZRecordContactArgs, ZSaveFishboneArgs, ZSetTargetArgs, type TFishboneCauses } from "@/domain/analysis/schemas";
import type { TIndicator } from "@/domain/analysis/targets";
import type { TDepartment } from "@/domain/auth/roles";
import { operatorDay } from "@/domain/time/operator";
import type { SessionUser } from "@/server/auth/session";
import { saveFishbone } from "@/server/analysis/fishbone";
import { setWeights } from "@/server/analysis/satisfaction-weights";
import { drawSurvey, recordContact } from "@/server/analysis/survey";
import { AppError } from "@/server/errors";
import { enterFigure, setTarget } from "@/server/analysis/targets";

/** This year's satisfaction weights in the demo (per cent per item, summing to 100). */
export const DEMO_WEIGHTS: TWeights = { attitude: 20, install: 25, charging: 15, acceptance: 20, communication: 20 };

/** The demo's targets: [department, indicator, target, control point]. */
export const DEMO_TARGETS: [TDepartment, TIndicator, number, number | null][] = [
  ["terminal_service", "install_on_time_pct", 95, 90],
  ["terminal_service", "repair_within_limit_pct", 95, 90],
  ["customer_service", "complaints_per_1000_lines", 1.5, 2],
  ["customer_service", "key_customer_within_limit_pct", 100, 95],
  ["customer_service", "callback_satisfaction_pct", 90, 85],
  ["enterprise_management", "label_check_pass_pct", 98, 95],
  ["switching_transmission", "billing_accuracy_pct", 99.9, 99.5],
  ["operations", "lines_in_service", 12000, 11500],
  ["finance", "revenue_10k_yuan", 80, 75],
];

/** The demo survey's seed: the sample can be drawn again from it. */
export const DEMO_SURVEY_SEED = 20261;
export const DEMO_SURVEY_SIZE = 8;

/** The figures entered for month m (1-based) of the year: lines in service (operations) and revenue in 10k yuan (finance). */
export function demoFigures(month: number): { lines: number; revenue: number } {
  return { lines: 11800 + month * 40, revenue: Math.round((76 + ((month * 37) % 11) * 0.7) * 10) / 10 };
}

const answers = (values: Partial<Record<(typeof SATISFACTION_ELEMENTS)[number], number | null>>): TAnswers =>
  Object.fromEntries(SATISFACTION_ELEMENTS.map((e) => [e, values[e] ?? null]));
/** The answered contacts' answers: whole, whole, and one with "don't know" (no charging or acceptance at the counter). */
const DEMO_ANSWERS: TAnswers[] = [
  answers({
    attitude_counter: 5,
    attitude_install: 5,
    install_on_time: 4,
    terminal_repair: 4,
    pay_ease: 4,
    tariff: 3,
    counter_acceptance: 5,
    line_189: 4,
    complaint_handling: 4,
    get_through: 5,
    voice_clarity: 5,
  }),
  answers({
    attitude_counter: 4,
    attitude_install: 5,
    install_on_time: 3,
    terminal_repair: 4,
    pay_ease: 5,
    tariff: 3,
    counter_acceptance: 4,
    line_189: 4,
    complaint_handling: 3,
    get_through: 4,
    voice_clarity: 4,
  }),
  answers({ attitude_install: 5, install_on_time: 4, terminal_repair: 5, line_189: 4, get_through: 5, voice_clarity: 4 }),
];

const DEMO_CAUSES: TFishboneCauses = {
  man: ["新装维人员未培训贴标步骤 / new installers not trained to label"],
  machine: ["标签打印机缺色带 / label printer out of ribbon"],
  material: ["标签纸不耐潮 / label stock not damp-proof"],
  method: ["贴标未列入完工检查 / labelling not on the completion checklist"],
  environment: ["机房潮湿 / damp exchange room"],
  measurement: ["抽查只在月底做 / spot checks only at month end"],
};

/**
 * Data analysis' demo (issue 17, ADR 0041): this year's satisfaction weights (version 1), targets with control points
 * for several departments, the months so far' entered figures (lines in service, revenue) — through the same server
 * functions as the screens — and a drawn year-end survey of this year's work-order customers with three answered
 * contacts (one with "don't know" items), one refused and one unreachable, and a fishbone worksheet on missing labels
 * (linked to a corrective action when the demo has one).
 */
export async function seedAnalysis(db: Db, now = new Date()): Promise<{ year: number; surveyId: string | null; fishboneId: string }> {
  const today = operatorDay(now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const [quality] = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, department: users.department })
    .from(users)
    .where(eq(users.username, "quality"));
  if (!quality) throw new Error("seedAnalysis: no user quality");
  const user: SessionUser = quality;

  await setWeights(db, user, { year, weights: DEMO_WEIGHTS, note: "年度权重（演示） / this year's weights (demo)" }, now);
  for (const [department, indicator, target, control] of DEMO_TARGETS)
    await setTarget(db, user, ZSetTargetArgs.parse({ year, department, indicator, target, control }));
  for (let m = 1; m < month; m++) {
    const f = demoFigures(m);
    await enterFigure(db, user, ZEnterFigureArgs.parse({ year, month: m, department: "operations", indicator: "lines_in_service", value: f.lines }));
    await enterFigure(db, user, ZEnterFigureArgs.parse({ year, month: m, department: "finance", indicator: "revenue_10k_yuan", value: f.revenue }));
  }

  const surveyId = await seedSurvey(db, user, year, now);

  const [action] = await db
    .select({ id: correctiveActions.id, nonconformityId: correctiveActions.nonconformityId })
    .from(correctiveActions)
    .orderBy(asc(correctiveActions.sentAt), asc(correctiveActions.code))
    .limit(1);
  const fishbone = await saveFishbone(
    db,
    user,
    ZSaveFishboneArgs.parse({
      problem: "设备标识缺失 / equipment labels missing",
      actionId: action?.id ?? null,
      nonconformityId: action?.nonconformityId ?? null,
      causes: DEMO_CAUSES,
    }),
  );
  return { year, surveyId, fishboneId: fishbone.id };
}

/**
 * The survey drawn as quality draws it (server/analysis/survey.ts drawSurvey: the year's frame, the demo's seed), and
 * its first contacts' outcomes recorded as a caller records them: answered, refused, unreachable — audited like any.
 */
async function seedSurvey(db: Db, user: SessionUser, year: number, now: Date): Promise<string | null> {
  const drawn = await drawSurvey(
    db,
    user,
    ZDrawSurveyArgs.parse({
      year,
      title: `${year} 年度客户满意度调查 / ${year} customer satisfaction survey`,
      sampleSize: DEMO_SURVEY_SIZE,
      seed: DEMO_SURVEY_SEED,
    }),
    now,
  ).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "rule_violation") return null; // no customers this year yet: no survey
    throw err;
  });
  if (!drawn) return null;
  const contacts = await db.select().from(surveyContacts).where(eq(surveyContacts.surveyId, drawn.id)).orderBy(asc(surveyContacts.seq));
  for (const [i, c] of contacts.slice(0, DEMO_ANSWERS.length + 2).entries()) {
    const base = { id: c.id, version: c.version, channel: "phone" as const };
    const args =
      i < DEMO_ANSWERS.length
        ? { ...base, status: "answered" as const, answers: DEMO_ANSWERS[i]!, comment: i === 0 ? "装机师傅很守时 / the installer was on time" : "" }
        : { ...base, status: i === DEMO_ANSWERS.length ? ("refused" as const) : ("unreachable" as const), comment: "" };
    await recordContact(db, user, ZRecordContactArgs.parse(args), now);
  }
  return drawn.id;
}
