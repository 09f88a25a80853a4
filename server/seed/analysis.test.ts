/** Issue 17: the analysis demo: this year's weights, targets with control points, the months' figures, a drawn survey with answers, a fishbone. */
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fishbones, surveyContacts, surveys } from "@/db/schema";
import { stratifiedSample } from "@/domain/analysis/sampling";
import { operatorToday } from "@/domain/time/operator";
import { satisfactionResults } from "@/server/analysis/satisfaction";
import { currentWeights } from "@/server/analysis/satisfaction-weights";
import { monthlyStatement } from "@/server/analysis/statement";
import { listFigures, listTargets } from "@/server/analysis/targets";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { buildFrame } from "@/server/analysis/frame";
import { DEMO_SURVEY_SEED, DEMO_SURVEY_SIZE, DEMO_TARGETS, DEMO_WEIGHTS, demoFigures } from "./analysis";

let t: TestDb;
const today = operatorToday();
const year = Number(today.slice(0, 4));
const month = Number(today.slice(5, 7));

beforeAll(async () => {
  t = await createTestDb({ seed: true });
});
afterAll(async () => t?.close());

describe("seedAnalysis", () => {
  it("sets this year's weights as version 1", async () => {
    expect(await currentWeights(t.db, year)).toMatchObject({ year, version: 1, weights: DEMO_WEIGHTS });
  });

  it("sets the targets with their control points and the indicators' directions", async () => {
    const rows = await listTargets(t.db, year);
    expect(rows).toHaveLength(DEMO_TARGETS.length);
    for (const [department, indicator, target, control] of DEMO_TARGETS)
      expect(rows.find((r) => r.department === department && r.indicator === indicator)).toMatchObject({ target, control });
    expect(rows.find((r) => r.indicator === "complaints_per_1000_lines")).toMatchObject({ direction: "at_most" });
  });

  it("enters lines in service and revenue for each month before this one", async () => {
    const figures = await listFigures(t.db, year);
    expect(figures).toHaveLength(2 * (month - 1));
    for (let m = 1; m < month; m++) {
      expect(figures.find((f) => f.month === m && f.indicator === "lines_in_service")).toMatchObject({ department: "operations", value: demoFigures(m).lines });
      expect(figures.find((f) => f.month === m && f.indicator === "revenue_10k_yuan")).toMatchObject({ department: "finance", value: demoFigures(m).revenue });
    }
  });

  it("last month's statement has every target, the entered ones with a status", async () => {
    if (month === 1) return; // January: no month of this year has ended yet
    const rows = await monthlyStatement(t.db, year, month - 1);
    expect(rows).toHaveLength(DEMO_TARGETS.length);
    expect(rows.find((r) => r.indicator === "lines_in_service")).toMatchObject({ actual: demoFigures(month - 1).lines, source: "entered" });
    expect(rows.find((r) => r.indicator === "lines_in_service")!.status).not.toBe("no_data");
  });

  it("draws the survey from this year's customers with the stored seed: drawn again, the same customers in the same order", async () => {
    const [s] = await t.db.select().from(surveys).where(eq(surveys.year, year));
    expect(s).toMatchObject({ code: `SV-${year}-01`, seed: DEMO_SURVEY_SEED, status: "open" });
    // the same frame the survey's draw builds (server/analysis/frame.ts), drawn again from the stored seed
    const frame = await buildFrame(t.db, year);
    expect(s!.frameSize).toBe(frame.length);
    expect(s!.sampleSize).toBe(Math.min(DEMO_SURVEY_SIZE, frame.length));
    const again = stratifiedSample(
      frame.map((u) => ({ id: u.key, category: u.category })),
      DEMO_SURVEY_SIZE,
      DEMO_SURVEY_SEED,
    );
    expect(s!.strata).toEqual(again.strata);
    const contacts = await t.db.select().from(surveyContacts).where(eq(surveyContacts.surveyId, s!.id)).orderBy(asc(surveyContacts.seq));
    expect(contacts.map((c) => c.customerKey)).toEqual(again.ids);
    expect(contacts.filter((c) => c.status === "answered")).toHaveLength(Math.min(3, contacts.length));
    if (contacts.length >= 5) expect(contacts.slice(3, 5).map((c) => c.status)).toEqual(["refused", "unreachable"]);
    for (const c of contacts.filter((x) => x.status === "answered")) expect(Object.keys(c.answers!)).toHaveLength(11);
  });

  it("the year's results have an index from the survey, with its version and response rate", async () => {
    const r = await satisfactionResults(t.db, { year });
    expect(r.weights).toMatchObject({ year, version: 1 });
    expect(r.survey).toMatchObject({ code: `SV-${year}-01`, responded: 3 });
    expect(r.bySource.survey.index).toBeGreaterThan(50);
    expect(r.bySource.survey.index).toBeLessThanOrEqual(100);
    expect(r.overall.index).not.toBeNull();
  });

  it("keeps one fishbone worksheet with a cause on every bone", async () => {
    const rows = await t.db.select().from(fishbones);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ code: `FB-${year}-0001`, version: 1 });
    for (const causes of Object.values(rows[0]!.causes)) expect(causes.length).toBeGreaterThan(0);
  });
});
