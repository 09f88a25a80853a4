/**
 * The instrument custodian's desk on a phone (issue 6): reminders at home, the register with filters and CSV
 * export, a calibration certificate that restores the permit-to-use (准用证) and reaches the phones, intake of a new
 * instrument with its tag label PDF, CSV import with a bad row reported, and the registers exported as PDF.
 */
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openPhone } from "./support/browser";
import { SHOTS, shot, signInAndSync } from "./support/instruments";
import { syncNow } from "./support/phone";
import { e2eAvailable } from "./support/require";
import { startAppServer, type AppServer } from "./support/server";

describe.runIf(e2eAvailable())("instrument custodian's desk", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startAppServer({ port: 3275 });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
    console.log(`custodian desk screens: ${SHOTS}`);
  });

  test("the custodian's desk: reminders at home, register filters, a passed calibration restores the permit, registers export", async () => {
    const base = server.baseUrl;
    const phone = await openPhone({ locale: "zh-CN" });
    contexts.push(phone.context);
    const page = phone.page;
    await signInAndSync(page, base, "custodian", "custodian-demo", ["/instruments"]);
    const home = page.getByTestId("custodian-home");
    await home.waitFor();
    await page.locator('[data-testid="calibration-list"] [data-tag="IN-000303"]').waitFor();
    await page.locator('[data-testid="calibration-list"] [data-tag="IN-000308"][data-kind="calibration_failed"]').waitFor();
    await page.locator('[data-testid="fault-list"] [data-tag="IN-000304"]').waitFor();
    await shot(page, "custodian-home-zh");

    await page.getByTestId("open-register").click();
    await page.getByTestId("register-list").waitFor();
    await page.getByTestId("filter-calibration").selectOption("overdue");
    await page.locator('[data-testid="register-list"] > li').first().waitFor();
    const tags = await page.locator('[data-testid="register-list"] > li').evaluateAll((lis) => lis.map((li) => li.getAttribute("data-tag")));
    expect(tags).toEqual(["IN-000303"]);
    await shot(page, "register-overdue-zh");
    const csv = page.waitForEvent("download");
    await page.getByTestId("export-csv").click();
    expect((await csv).suggestedFilename()).toMatch(/\.csv$/);

    await page.locator('[data-testid="register-list"] [data-tag="IN-000303"] a').click();
    await page.locator('[data-testid="desk-detail"][data-tag="IN-000303"]').waitFor();
    expect(await page.getByTestId("desk-permit").getAttribute("data-valid")).toBe("false");
    await page.getByTestId("record-calibration").click();
    await page.getByTestId("certificate-no").fill("JL2026-0303-3");
    await shot(page, "desk-calibration-form-zh");
    await page.getByTestId("calibration-save").click();
    await page.getByTestId("desk-done").waitFor();
    await page.locator('[data-testid="desk-permit"][data-valid="true"]').waitFor();
    await page.locator('[data-testid="desk-calibration"][data-state="valid"]').waitFor();
    await shot(page, "desk-calibrated-zh");

    // the phone's copy of the register follows: the multimeter may be lent again
    await syncNow(page);
    await page.goto(`${base}/instruments#IN-000303`);
    await page.locator('[data-testid="permit"][data-valid="true"]').waitFor({ timeout: 20_000 });

    // intake of a new instrument: no permit until its first certificate; its tag label prints
    await page.goto(`${base}/instruments/register`);
    await page.getByTestId("new-instrument").click();
    await page.getByTestId("form-assetTag").fill("in-000399");
    await page.getByTestId("form-name").fill("光源 / Light source");
    await page.getByTestId("form-model").fill("JW3109");
    await page.getByTestId("form-serial").fill("JW3109-0001");
    await page.getByTestId("form-kind").fill("Light Source");
    await shot(page, "register-new-zh");
    await page.getByTestId("form-save").click();
    await page.locator('[data-testid="desk-detail"][data-tag="IN-000399"]').waitFor();
    expect(await page.getByTestId("desk-calibration").getAttribute("data-state")).toBe("never");
    const label = page.waitForEvent("download", { timeout: 60_000 });
    await page.getByTestId("desk-labels-pdf").click();
    expect((await label).suggestedFilename()).toMatch(/\.pdf$/);

    // CSV import: the good row is kept, the bad one is reported with its line
    await page.goto(`${base}/instruments/register`);
    await page.locator("summary", { hasText: "CSV" }).click();
    const csvText = [
      "asset_tag,name,model,serial,kind,category,department,keeper_username,location,intake_date,service_life_years",
      "IN-000401,数字万用表 / Digital multimeter,F17B+,47219999,multimeter,special,terminal_service,head,终端服务部,2026-01-05,6",
      "IN-000402,坏行 / bad row,X,Y,multimeter,nonsense,terminal_service,,终端服务部,2026-01-05,6",
    ].join("\n");
    await page.getByTestId("import-file").setInputFiles({ name: "instruments.csv", mimeType: "text/csv", buffer: Buffer.from(csvText, "utf8") });
    await page.getByTestId("import-csv").click();
    await page.getByTestId("import-result").waitFor();
    const errorsList = page.getByTestId("import-errors");
    expect(await errorsList.textContent()).toContain("3");
    await page.locator('[data-testid="register-list"] [data-tag="IN-000401"]').waitFor();
    await shot(page, "register-import-zh");

    await page.goto(`${base}/instruments/registers#calibration`);
    await page.getByTestId("registers-table").waitFor();
    await shot(page, "registers-calibration-zh");
    const pdf = page.waitForEvent("download", { timeout: 60_000 });
    await page.getByTestId("registers-pdf").click();
    expect((await pdf).suggestedFilename()).toMatch(/\.pdf$/);
  });
});
