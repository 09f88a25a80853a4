/**
 * Data analysis (issue 17, ADR 0041) on a phone-size screen (390×844, zh-CN), as quality (吴敏) works it: this year's
 * satisfaction weights (a sum of 99 % is refused with the message, then 100 % saved as version 2 over the demo's 1);
 * a year-end sample drawn from a seed; two sampled customers' answers entered (one with "don't know" items); the index
 * with its partial flag and weights version; the Pareto of complaints by category; the monthly report generated, its
 * PDF (text read back) and XLSX (opened with ExcelJS) downloaded. Each analysis screen is photographed into SHOTS_DIR
 * (default /tmp/shots) as analysis-*.png.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SATISFACTION_ELEMENTS, type TSatisfactionElement } from "@/domain/analysis/satisfaction";
import { addMonths } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { logIn, openPhone } from "./support/browser";
import { e2eAvailable } from "./support/require";
import { startAppServer, type AppServer } from "./support/server";

const run = e2eAvailable();
const PORT = 3760;
const SHOTS = process.env.SHOTS_DIR ?? "/tmp/shots";
const today = operatorToday();
const YEAR = Number(today.slice(0, 4));
const lastMonth = addMonths(`${today.slice(0, 7)}-01`, -1).slice(0, 7);

let server: AppServer;
let context: BrowserContext;
/**
 * A form React handles: the page's scripts run after its first paint (ADR 0028), and a select changed before that is
 * the browser's alone (the submit guard replays typed text and the tap, not a select's choice): wait for both.
 */
async function reactReady(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).waitFor();
  await page.waitForFunction(
    (id) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      return (window as unknown as { __tmHydrated?: boolean }).__tmHydrated === true && !!el && Object.keys(el).some((k) => k.startsWith("__reactProps$"));
    },
    testId,
    { timeout: 60_000 },
  );
}

/** What satisfaction.results answers, as far as this test reads it. */
interface TResults {
  overall: { index: number | null; missingItems: string[] };
  bySource: { survey: { n: number } };
  weights: { year: number; version: number } | null;
}
let page: Page;
const shot = async (name: string) => {
  await page.screenshot({ path: path.join(SHOTS, `analysis-${name}.png`), fullPage: true });
};
const squash = (s: string) => s.replace(/\s+/g, "");

/** The answers of the first contact (all eleven) and of the second (several "don't know"). */
const FIRST: Record<TSatisfactionElement, number> = Object.fromEntries(SATISFACTION_ELEMENTS.map((e, i) => [e, 3 + (i % 3)])) as Record<
  TSatisfactionElement,
  number
>;
const SECOND: Partial<Record<TSatisfactionElement, number>> = { attitude_install: 5, install_on_time: 4, terminal_repair: 4, get_through: 5, voice_clarity: 4 };

async function answer(seq: number, answers: Partial<Record<TSatisfactionElement, number | null>>, comment: string) {
  await page.getByTestId(`contact-open-${seq}`).click();
  const form = page.getByTestId("answer-form");
  await form.waitFor();
  for (const e of SATISFACTION_ELEMENTS) {
    const v = answers[e];
    await form.getByTestId(v === undefined || v === null ? `answer-${e}-na` : `answer-${e}-${v}`).click();
  }
  await form.getByTestId("answer-channel").selectOption("phone");
  await form.getByTestId("answer-comment").fill(comment);
  await form.getByTestId("answer-save").click();
  await page.locator(`[data-testid="contact-${seq}"][data-status="answered"]`).waitFor();
}

describe.skipIf(!run)("analysis: weights, survey, index, Pareto, monthly report (390×844, zh-CN)", () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startAppServer({ port: PORT });
    ({ context, page } = await openPhone({ locale: "zh-CN" }));
    await logIn(page, server.baseUrl, "quality", "quality-demo");
    await page.getByTestId("home-quality").waitFor();
  });
  afterAll(async () => {
    await context?.close();
    await server?.stop();
  });

  test("the hub links every tool", async () => {
    await page.goto(`${server.baseUrl}/analysis`);
    await page.getByTestId("analysis-hub").waitFor();
    for (const k of ["satisfaction", "surveys", "targets", "pareto", "checksheets", "fishbones", "reports"]) await page.getByTestId(`hub-${k}`).waitFor();
    await shot("hub");
  });

  test("quality sets this year's weights: 99 % is refused with the message, 100 % saved as version 2", async () => {
    await page.goto(`${server.baseUrl}/analysis/satisfaction?year=${YEAR}`);
    const form = page.getByTestId("weights-form");
    await form.waitFor();
    expect(await form.getAttribute("data-version")).toBe("1"); // the demo's
    const values = { attitude: "20", install: "25", charging: "15", acceptance: "20", communication: "19" };
    for (const [item, v] of Object.entries(values)) await page.getByTestId(`weight-${item}`).fill(v);
    await page.locator('[data-testid="weights-sum"][data-ok="false"][data-sum="99"]').waitFor();
    await page.getByTestId("weights-save").click();
    const error = page.getByTestId("form-error").first();
    await error.waitFor();
    expect(squash((await error.textContent()) ?? "")).toContain(squash("各项权重之和须为 100 %（现为 99 %）"));
    await shot("weights-refused");
    await page.getByTestId("weight-communication").fill("20");
    await page.locator('[data-testid="weights-sum"][data-ok="true"]').waitFor();
    await page.getByTestId("weights-save").click();
    await page.locator('[data-testid="weights-form"][data-version="2"]').waitFor({ timeout: 30_000 });
  });

  let surveyCode = "";
  test("quality draws a sample from a seed and enters two customers' answers", async () => {
    await page.goto(`${server.baseUrl}/analysis/surveys`);
    await reactReady(page, "draw-form");
    await shot("surveys");
    await page.getByTestId("draw-year").fill(String(YEAR));
    await page.getByTestId("draw-title").fill(`${YEAR} 年终抽样调查（e2e）`);
    await page.getByTestId("draw-size").fill("5");
    await page.getByTestId("draw-seed").fill("4242");
    await page.getByTestId("draw-submit").click();
    const detail = page.getByTestId("survey-detail");
    await detail.waitFor({ timeout: 30_000 });
    surveyCode = (await detail.getAttribute("data-code")) ?? "";
    expect(surveyCode).toBe(`SV-${YEAR}-02`); // the demo drew SV-…-01
    await page.getByTestId("strata").waitFor();
    await page.getByTestId("contact-1").waitFor();
    await page.getByTestId("contact-2").waitFor();
    expect(await page.getByTestId("letters-pdf").getAttribute("href")).toMatch(/^\/api\/analysis\/surveys\/[0-9a-f-]+\/letters$/);
    await shot("survey");

    await answer(1, FIRST, "服务很好 / good service");
    await page.getByTestId("contact-open-2").click();
    await page.getByTestId("answer-form").waitFor();
    await shot("answer-form");
    await page.getByTestId("contact-open-2").click(); // closed again; `answer` opens it
    await answer(2, SECOND, "不清楚交费和营业厅 / does not know the charging or the counter");
    const rate = await page.getByTestId("response-rate").getAttribute("data-pct");
    const sample = await page.locator('[data-testid^="contact-"][data-status]').count();
    expect(Number(rate)).toBeCloseTo((2 / sample) * 100, 0);
    await shot("survey-answered");
  });

  test("the index is shown with its partial flag and the weights version", async () => {
    await page.goto(`${server.baseUrl}/analysis/satisfaction?year=${YEAR}`);
    const index = page.getByTestId("index-value");
    await index.waitFor();
    const value = Number(await index.getAttribute("data-index"));
    // the screen shows the server's index (sign-offs, callbacks and the two answers just entered on this year's survey)
    const res = await context.request.get(
      `${server.baseUrl}/api/trpc/satisfaction.results?input=${encodeURIComponent(JSON.stringify({ json: { year: YEAR } }))}`,
      {
        headers: { "x-tracemark-csrf": "1" },
      },
    );
    expect(res.status()).toBe(200);
    const results = ((await res.json()) as { result: { data: { json: TResults } } }).result.data.json;
    expect(results.overall.index).not.toBeNull();
    expect(value).toBe(results.overall.index);
    expect(await index.getAttribute("data-partial")).toBe(String(results.overall.missingItems.length > 0));
    expect(results.bySource.survey.n).toBe(2);
    expect(results.weights).toMatchObject({ year: YEAR, version: 2 });
    expect(await page.getByTestId("weights-version").getAttribute("data-version")).toBe("2");
    await page.getByTestId("source-survey").waitFor();
    for (const item of ["attitude", "install", "charging", "acceptance", "communication"]) await page.getByTestId(`item-${item}`).first().waitFor();
    await shot("satisfaction");
  });

  test("the Pareto of complaints by category has rows and the server's chart", async () => {
    await page.goto(`${server.baseUrl}/analysis/pareto?subject=complaints_by_category&from=${YEAR}-01-01&to=${today}`);
    await page.getByTestId("pareto-table").waitFor();
    const rows = page.getByTestId("pareto-row");
    expect(await rows.count()).toBeGreaterThan(0);
    expect(Number(await rows.first().getAttribute("data-count"))).toBeGreaterThan(0);
    expect(await rows.last().getAttribute("data-cum")).toBe("100");
    expect(await page.locator('[data-testid="pareto-chart"] svg').count()).toBe(1);
    await shot("pareto");
  });

  test("the other screens open: check sheets, targets, statement, fishbones", async () => {
    await page.goto(`${server.baseUrl}/analysis/check-sheets?subject=complaints_category_weekday&from=${YEAR}-01-01&to=${today}`);
    await page.getByTestId("check-sheets-page").waitFor();
    await shot("check-sheets");
    await page.goto(`${server.baseUrl}/analysis/targets?year=${YEAR}`);
    await page.getByTestId("target-form").waitFor();
    await page.getByTestId("target-operations-lines_in_service").waitFor();
    await shot("targets");
    await page.goto(`${server.baseUrl}/analysis/targets/statement?year=${YEAR}&month=${Number(lastMonth.slice(5, 7))}`);
    await page.getByTestId("statement-page").waitFor();
    if (lastMonth.startsWith(String(YEAR)))
      expect(await page.getByTestId("statement-operations-lines_in_service").getAttribute("data-status")).not.toBe("no_data");
    await shot("statement");
    await page.goto(`${server.baseUrl}/analysis/fishbones`);
    await page.getByTestId("fishbone-list").waitFor();
    await page.getByTestId(`fishbone-FB-${YEAR}-0001`).click();
    await page.getByTestId("fishbone-diagram").waitFor();
    await shot("fishbone");
  });

  test("quality generates last month's report and downloads its PDF and XLSX", async () => {
    await page.goto(`${server.baseUrl}/analysis/reports`);
    await reactReady(page, "report-form");
    await page.getByTestId("report-kind").selectOption("monthly");
    await page.getByTestId("report-period").fill(lastMonth);
    await page.getByTestId("report-generate").click();
    await page.getByTestId("notice").waitFor({ timeout: 60_000 });
    await page.reload();
    const row = page.getByTestId(`report-monthly-${lastMonth}`).first();
    await row.waitFor();
    await shot("reports");
    const get = async (f: string) => {
      const href = await row.getByTestId(`report-${f}`).getAttribute("href");
      const res = await context.request.get(`${server.baseUrl}${href}`);
      expect(res.status(), `${f} ${href}`).toBe(200);
      return { body: Buffer.from(await res.body()), disposition: res.headers()["content-disposition"] ?? "" };
    };
    const { body: pdf, disposition } = await get("pdf");
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // the download is compressed (its text is checked uncompressed in server/analysis/report.test.ts): whole, with
    // pages, the CJK font embedded and the charts drawn as vector paths
    const raw = pdf.toString("latin1");
    expect(raw.trimEnd().endsWith("%%EOF")).toBe(true);
    expect((raw.match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(0);
    expect(raw).toMatch(/NotoSansCJK/);
    expect(disposition).toContain(`monthly-${lastMonth}`);
    const { body: xlsx } = await get("xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    const numbers: number[] = [];
    book.eachSheet((sheet) => sheet.eachRow((r) => r.eachCell((c) => typeof c.value === "number" && numbers.push(c.value))));
    expect(book.worksheets.length).toBeGreaterThan(0);
    expect(numbers.length).toBeGreaterThan(0);

    await row.getByTestId("report-open").click();
    await page.getByTestId("report-detail").waitFor();
    await shot("report");
  });
});
