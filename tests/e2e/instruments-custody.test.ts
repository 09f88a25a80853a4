/**
 * Instruments as Procedure 4 says (issue 16, ADR 0040), on 390×844 phones: the custodian lists the manual and the
 * accessories on the register and sets the long-term loan's term; a lineman asks to borrow by scan (the flow as short as
 * before) and the custodian hands it out at Technology Development with the accessories checked; the lineman brings it
 * back and the custodian takes it back with one accessory missing, which is recorded on the loan and shown on the
 * register. Then the using department proposes scrapping and Technology Development verifies it. Screens under $TM_SHOTS.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openPhone } from "./support/browser";
import { sent, SHOTS, shot, signInAndSync, syncUntil } from "./support/instruments";
import { e2eAvailable } from "./support/require";
import { startAppServer, type AppServer } from "./support/server";

const TAG = "IN-000306";

async function openInstrument(page: Page, base: string, tag: string): Promise<void> {
  await page.goto(`${base}/instruments#${tag}`);
  await page.locator(`[data-testid="instrument-page"][data-tag="${tag}"]`).waitFor();
}

describe.runIf(e2eAvailable())("instruments issued and returned through the custodian (P4)", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];
  let desk: Page;
  let lineman: Page;

  beforeAll(async () => {
    server = await startAppServer({ port: 3750 });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
    console.log(`custody screens: ${SHOTS}`);
  });

  test("issued through the custodian, returned through the custodian with a missing accessory recorded", async () => {
    const base = server.baseUrl;
    const c = await openPhone({ locale: "zh-CN" });
    contexts.push(c.context);
    desk = c.page;
    await signInAndSync(desk, base, "custodian", "custodian-demo", ["/instruments"]);

    // the register lists the manual and the accessories (说明书, 附件)
    await desk.goto(`${base}/instruments/register#${TAG}`);
    await desk.locator(`[data-testid="desk-detail"][data-tag="${TAG}"]`).waitFor();
    await desk.getByTestId("edit-instrument").click();
    await desk.getByTestId("form-manual").fill("《AQ7280 使用说明书》");
    await desk.getByTestId("form-accessories").fill("电源适配器\n光纤跳线 ×2\n便携箱");
    await shot(desk, "custody-register-accessories-zh");
    await desk.getByTestId("form-save").click();
    await desk.getByTestId("desk-done").waitFor();
    await desk.getByTestId("desk-accessories").filter({ hasText: "光纤跳线 ×2" }).waitFor();

    // the long-term loan's term is Technology Development's setting: none until set, then shown on the borrow form
    await desk.goto(`${base}/instruments/settings`);
    expect(await desk.getByTestId("settings-term").textContent()).toContain("不设期限");
    await desk.getByTestId("settings-has-term").click();
    await desk.getByTestId("settings-months").fill("6");
    await shot(desk, "custody-settings-zh");
    await desk.getByTestId("settings-save").click();
    await desk.getByTestId("settings-saved").waitFor();
    await desk.getByTestId("settings-term").filter({ hasText: "6" }).waitFor();

    // the lineman asks by scan: as short as before, the request waits at Technology Development
    const l = await openPhone({ locale: "zh-CN" });
    contexts.push(l.context);
    lineman = l.page;
    await signInAndSync(lineman, base, "lineman", "lineman-demo", ["/instruments"]);
    await openInstrument(lineman, base, "IN-000305");
    await lineman.getByTestId("action-request_long").click();
    expect(await lineman.getByTestId("borrow-help").textContent()).toContain("6");
    await lineman.getByRole("button", { name: "取消" }).click();
    await openInstrument(lineman, base, TAG);
    await lineman.getByTestId("action-borrow_short").click();
    await lineman.getByTestId("borrow-save").click();
    await lineman.getByTestId("instrument-saved").waitFor();
    await lineman.locator('[data-testid="request-waiting"][data-status="requested"]').waitFor();
    await sent(lineman);
    await shot(lineman, "custody-asked-zh");

    // at the desk: the request is listed; the custodian hands it out with the manual and accessories checked
    await desk.goto(`${base}/instruments`);
    await syncUntil(desk, `[data-testid="desk-to-issue"] [data-tag="${TAG}"]`);
    await shot(desk, "custody-desk-queue-zh");
    await desk.getByTestId(`desk-open-${TAG}`).click();
    await desk.locator(`[data-testid="instrument-page"][data-tag="${TAG}"]`).waitFor();
    await desk.getByTestId("action-issue").click();
    await desk.getByTestId("issue-form").waitFor();
    expect(await desk.getByTestId("checklist").locator("label").count()).toBe(4);
    await shot(desk, "custody-issue-form-zh");
    await desk.getByTestId("issue-save").click();
    await desk.getByTestId("instrument-saved").waitFor();
    await desk.locator('[data-testid="instrument-page"][data-status="on_loan"]').waitFor();
    await sent(desk);

    // the lineman holds it now; he brings it back (a request: still his until the custodian confirms)
    await openInstrument(lineman, base, TAG);
    await syncUntil(lineman, '[data-testid="instrument-page"][data-status="on_loan"]');
    expect(await lineman.getByTestId("holder").textContent()).toContain("王建国");
    await lineman.getByTestId("action-return").click();
    await lineman.getByTestId("return-save").click();
    await lineman.getByTestId("instrument-saved").waitFor();
    await lineman.getByTestId("return-waiting").waitFor();
    await sent(lineman);
    await shot(lineman, "custody-brought-back-zh");

    // at the desk: brought back; the fibre patch cords are missing
    await desk.goto(`${base}/instruments`);
    await syncUntil(desk, `[data-testid="desk-returns"] [data-tag="${TAG}"]`);
    await desk.getByTestId("desk-returns").getByTestId(`desk-open-${TAG}`).click();
    await desk.locator(`[data-testid="instrument-page"][data-tag="${TAG}"]`).waitFor();
    await desk.getByTestId("action-confirm_return").click();
    await desk.getByTestId("confirm-return-form").waitFor();
    await desk.getByTestId("check-item-2").locator("input").uncheck();
    await desk.getByTestId("lost-warning").waitFor();
    expect(await desk.getByTestId("lost-warning").textContent()).toContain("光纤跳线 ×2");
    await shot(desk, "custody-confirm-return-zh");
    await desk.getByTestId("confirm-return-save").click();
    await desk.getByTestId("instrument-saved").waitFor();
    await desk.locator('[data-testid="instrument-page"][data-status="available"]').waitFor();
    expect(await desk.getByTestId("missing-accessories").textContent()).toContain("光纤跳线 ×2");
    await sent(desk);

    // the register shows it: on the list, on the instrument's file, and in its usage file
    await desk.goto(`${base}/instruments/register`);
    await desk.locator(`[data-testid="register-list"] [data-tag="${TAG}"] [data-testid="register-missing"]`).waitFor();
    await desk.goto(`${base}/instruments/register#${TAG}`);
    await desk.locator(`[data-testid="desk-detail"][data-tag="${TAG}"]`).waitFor();
    await desk.getByTestId("desk-missing").filter({ hasText: "光纤跳线 ×2" }).waitFor();
    await desk.locator('[data-testid="usage-entry"][data-kind="accessories_missing"]').waitFor();
    await shot(desk, "custody-register-missing-zh");

    // and the lineman's phone: back on the shelf, the missing accessory shown
    await openInstrument(lineman, base, TAG);
    await syncUntil(lineman, '[data-testid="instrument-page"][data-status="available"]');
    await lineman.getByTestId("missing-accessories").waitFor();
  });

  test("scrapping: proposed by the using department, verified by Technology Development", async () => {
    const base = server.baseUrl;
    const h = await openPhone({ locale: "zh-CN" });
    contexts.push(h.context);
    const head = h.page;
    await signInAndSync(head, base, "techhead", "techhead-demo", ["/instruments"]);
    // the PCM analyser is past its service life (2012 + 10 years)
    await head.goto(`${base}/instruments/register#IN-000307`);
    await head.locator('[data-testid="desk-detail"][data-tag="IN-000307"]').waitFor();
    await head.getByTestId("desk-propose-scrap").click();
    await head.getByTestId("propose-reason-end_of_life").click();
    await head.getByTestId("propose-note").fill("超过使用年限，示值漂移");
    await shot(head, "custody-propose-scrap-zh");
    await head.getByTestId("propose-save").click();
    await head.getByTestId("desk-done").waitFor();

    await desk.goto(`${base}/instruments/register#IN-000307`);
    await desk.getByTestId("verify-scrap-form").waitFor();
    expect(await desk.getByTestId("scrap-proposal").textContent()).toContain("超过使用年限");
    await desk.getByTestId("verify-note").fill("已核实：入库 2012 年，使用年限 10 年");
    await shot(desk, "custody-verify-scrap-zh");
    await desk.getByTestId("verify-save").click();
    await desk.getByTestId("desk-done").waitFor();
    await desk.getByTestId("scrap-waiting").waitFor();
  });
});
