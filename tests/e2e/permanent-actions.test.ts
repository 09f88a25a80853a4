/**
 * Issue 10 on a phone: permanent labels and scrapping (defects 3, 5, 6, 10). A scrap label needs its reason chosen,
 * the scrap area (not the pending-disposal area it was in), a label photo (named and focused when missing) and a
 * confirmation that says it can never be changed, before it is saved. The calibration form names the missing
 * certificate number beside it and focuses it. An instrument whose calibration failed is proposed for scrapping;
 * the head opens its calibration and usage records on the card, confirms the approval, and reads a message about
 * the scrapping (not the loan one), gone when the next decision starts.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { logIn, openPhone } from "./support/browser";
import { SHOTS, shot, signInAndSync as signInWithRegister } from "./support/instruments";
import { labelPhotoFile, openItem, signInAndSync, syncNow, waitPending } from "./support/labels";
import { e2eAvailable } from "./support/require";
import { startAppServer, type AppServer } from "./support/server";

/** Whether the element is on the visible screen (a refusal above the screen is no refusal). */
async function inViewport(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  });
}

describe.runIf(e2eAvailable())("permanent actions: said before, with their evidence, where they belong", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startAppServer({ port: 3460 });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
    console.log(`permanent actions screens: ${SHOTS}`);
  });

  test("a scrap label: no reason chosen for the keeper, the scrap area, the photo required and focused, confirmed before saving", async () => {
    const base = server.baseUrl;
    const phone = await openPhone({ locale: "zh-CN" });
    contexts.push(phone.context);
    const page = phone.page;
    await signInAndSync(page, base, "keeper", "keeper-demo1");

    // ST-000107: pending disposal, in the pending-disposal area
    await openItem(page, base, "ST-000107");
    await page.getByTestId("target-scrapped").click();
    const form = page.getByTestId("change-form");
    await form.waitFor();
    // the reason is the keeper's to choose: none pre-selected
    expect(await form.locator('input[name="reason"]:checked').count()).toBe(0);
    // the scrap area is where it goes; the pending-disposal area it is in is not offered
    expect(await page.locator('[data-testid="zone-WH1-Q-SCR"] input').isChecked()).toBe(true);
    expect(await page.getByTestId("zone-WH1-Q-DSP").count()).toBe(0);
    expect(await page.getByTestId("zone-WH1-Q-RET").count()).toBe(0);
    // said before saving, not after
    expect(await page.getByTestId("final-warning").textContent()).toContain("不能再更改");

    await page.getByTestId("reason-disposal_approved").click();
    await page.getByTestId("save-change").click();
    // no photo: named beside the photo field, which is scrolled to and focused; nothing saved
    await page.getByTestId("label-photo-missing").waitFor();
    expect(await page.getByTestId("label-photo-missing").textContent()).toContain("标签照片");
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "label-photo-input");
    await page.waitForFunction(() => {
      const r = document.querySelector('[data-testid="label-photo"]')!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    expect(await page.locator('[data-testid="save-change-confirm"][open]').count()).toBe(0);
    expect(await page.getByTestId("current-label").getAttribute("data-status")).toBe("pending_disposal");
    await shot(page, "scrap-label-photo-missing-zh");

    await page.getByTestId("label-photo-input").setInputFiles(await labelPhotoFile("ST-000107"));
    await page.locator('[data-testid="label-photo"][data-state="attached"]').waitFor();
    await page.getByTestId("save-change").click();
    // the confirmation says it is final, before anything is saved
    const panel = page.getByTestId("save-change-confirm");
    await panel.waitFor();
    expect(await panel.textContent()).toContain("此标签之后不能再更改");
    expect(await inViewport(page, "save-change-confirm-yes")).toBe(true);
    expect(await page.getByTestId("current-label").getAttribute("data-status")).toBe("pending_disposal");
    await shot(page, "scrap-label-confirm-zh");
    // cancel keeps the form as it was
    await page.getByTestId("save-change-confirm-no").click();
    expect(await page.getByTestId("current-label").getAttribute("data-status")).toBe("pending_disposal");
    await page.getByTestId("save-change").click();
    await page.getByTestId("save-change-confirm-yes").click();
    await page.locator('[data-testid="current-label"][data-status="scrapped"]').waitFor();
    await page.getByTestId("saved").waitFor();
    expect(await page.getByTestId("item-zone").textContent()).toContain("WH1-Q-SCR");
    // the server takes it as predicted: nothing on Needs attention
    await syncNow(page);
    await waitPending(page, 0);
    await page.locator('[data-testid="current-label"][data-status="scrapped"][data-pending="false"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId("item-zone").textContent()).toContain("WH1-Q-SCR");
  });

  test("calibration refusal at the field; a failed calibration proposed for scrapping; the head looks, confirms, and reads the right message", async () => {
    const base = server.baseUrl;
    const desk = await openPhone({ locale: "zh-CN" });
    contexts.push(desk.context);
    const page = desk.page;
    await signInWithRegister(page, base, "custodian", "custodian-demo", ["/instruments"]);

    // the calibration form: saved with no certificate number → named beside it, scrolled to and focused
    await page.goto(`${base}/instruments/register#IN-000305`);
    await page.locator('[data-testid="desk-detail"][data-tag="IN-000305"]').waitFor();
    await page.getByTestId("record-calibration").click();
    await page.getByTestId("calibration-save").click();
    await page.getByTestId("calibration-problem-certificateNo").waitFor();
    expect(await page.getByTestId("calibration-problem-certificateNo").textContent()).toContain("证书编号");
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "certificate-no");
    await page.waitForFunction(() => {
      const r = document.querySelector('[data-testid="certificate-no"]')!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    await shot(page, "calibration-missing-number-zh");

    // IN-000308 failed its calibration: the custodian proposes it for scrapping with that reason
    await page.goto(`${base}/instruments/register#IN-000308`);
    await page.locator('[data-testid="desk-detail"][data-tag="IN-000308"]').waitFor();
    await page.getByTestId("desk-request_scrap").click();
    await page.getByTestId("scrap-reason-failed_calibration").waitFor();
    await page.getByTestId("scrap-reason-failed_calibration").click();
    await page.getByTestId("desk-note").fill("检定不合格，无法调校");
    await page.getByTestId("desk-save").click();
    await page.getByTestId("scrap-waiting").waitFor();
    // a second one, beyond its service life, so the head has a next decision
    await page.goto(`${base}/instruments/register#IN-000307`);
    await page.locator('[data-testid="desk-detail"][data-tag="IN-000307"]').waitFor();
    await page.getByTestId("desk-request_scrap").click();
    await page.getByTestId("desk-note").fill("超过使用年限");
    // no reason is chosen for the custodian: saving without one names it and goes to the choices
    expect(await page.getByTestId("scrap-reason-end_of_life").isChecked()).toBe(false);
    await page.getByTestId("desk-save").click();
    await page.getByTestId("scrap-reason-missing").getByText("请选择报废原因").waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid")?.startsWith("scrap-reason-") === true);
    expect(await page.getByTestId("scrap-waiting").count()).toBe(0);
    await page.getByTestId("scrap-reason-end_of_life").click();
    await page.getByTestId("desk-save").click();
    await page.getByTestId("scrap-waiting").waitFor();

    const headPhone = await openPhone({ locale: "zh-CN" });
    contexts.push(headPhone.context);
    const head = headPhone.page;
    await logIn(head, base, "techhead", "techhead-demo");
    await head.waitForURL("**/home");
    const card = head.locator('[data-testid="scrap-request"][data-tag="IN-000308"]');
    await card.waitFor();
    // the head opens the instrument's records on the card before deciding
    await card.getByTestId("open-records").click();
    await card.locator('[data-testid="records-calibration"][data-state="failed"]').waitFor();
    await card.getByTestId("calibrations").waitFor();
    await card.getByTestId("usage-entries").waitFor();
    await shot(head, "scrap-approval-records-zh");

    await card.getByTestId("scrap-approve").click();
    await card.getByTestId("scrap-reason").fill("同意：计量站判定不合格");
    await card.getByTestId("scrap-save").click();
    // said before it is done: final, and nothing decided yet
    const panel = card.getByTestId("scrap-save-confirm");
    await panel.waitFor();
    expect(await panel.textContent()).toContain("不能再更改");
    await shot(head, "scrap-approval-confirm-zh");
    await card.getByTestId("scrap-save-confirm-yes").click();
    const done = head.getByTestId("decision-done");
    await done.waitFor();
    expect(await done.getAttribute("data-kind")).toBe("scrap");
    const text = (await done.textContent()) ?? "";
    expect(text).toContain("报废");
    expect(text).toContain("IN-000308");
    expect(text).not.toContain("借出");
    await head.locator('[data-testid="scrap-request"][data-tag="IN-000308"]').waitFor({ state: "detached" });
    // the next decision starts: the earlier message goes
    await head.locator('[data-testid="scrap-request"][data-tag="IN-000307"]').getByTestId("scrap-reject").click();
    await done.waitFor({ state: "detached" });
  });
});
