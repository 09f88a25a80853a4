/**
 * Refusals that say what is missing (issue 10, defect 3), on the lineman's phone and in the customer's hands: the
 * hand-over with checklist items unticked names them ("请勾选：…") and takes the lineman to the first one; the
 * customer's signature without ratings names the missing rating and takes the customer to it. Nothing is queued.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { logIn, openPhone } from "./support/browser";
import { e2eAvailable } from "./support/require";
import { startAppServer, type AppServer } from "./support/server";
import { draw, idbAll, shot, waitPending } from "./support/work-orders";

const PORT = 3401;
const CODE = "WO-2026-000101";

/** The focused element: its test id (or that of the nearest element with one), name, and whether it is on screen. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const r = el.getBoundingClientRect();
    return {
      name: el.getAttribute("name"),
      within: el.closest("[data-testid]")?.getAttribute("data-testid") ?? null,
      onScreen: r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0,
    };
  });
}

describe.runIf(e2eAvailable())("refusals name what is missing and go to it", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    server = await startAppServer({ port: PORT });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
  });

  test("hand-over with unticked items, then the customer's signature without ratings", async () => {
    const phone = await openPhone({ locale: "zh-CN" });
    contexts.push(phone.context);
    const { page } = phone;
    await logIn(page, server.baseUrl, "lineman", "lineman-demo");
    await page.waitForURL("**/home");
    await page.getByTestId(`open-${CODE}`).click();
    await page.locator(`[data-testid="wo-page"][data-code="${CODE}"]`).waitFor();
    await page.getByTestId("check-type-start").click();
    await page.getByTestId("check-code").fill("00-D710-208870");
    await page.locator('[data-testid="verdict"][data-result="valid"]').waitFor();
    await page.getByTestId("check-serial").fill("SN-HW-0042");
    await page.getByTestId("type-telephone").click();
    await page.getByTestId("outcome-connected").click();
    await page.locator('[data-testid="check"][data-outcome="connected"]').waitFor();
    await waitPending(page, 0);

    // all three shown ticked (exceptions only); two unticked, signed: those two are named and the first is focused, on screen
    expect(await page.getByTestId("tick-line_tested").locator("input").isChecked()).toBe(true);
    await page.getByTestId("tick-line_tested").click();
    await page.getByTestId("tick-site_tidy").click();
    await draw(page, "lineman-signature", 0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByTestId("sign-hand-over").click();
    const missing = page.getByTestId("hand-over-missing");
    await missing.waitFor();
    expect(await missing.getAttribute("data-missing")).toBe("line_tested site_tidy");
    expect(await missing.textContent()).toBe("请勾选：线路已测试（拨号音/线路同步）、现场已清理，垃圾已带走");
    expect(await focused(page)).toEqual({ name: "line_tested", within: "tick-line_tested", onScreen: true });
    expect(await page.getByTestId("tick-line_tested").getAttribute("data-missing")).toBe("true");
    expect(await page.getByTestId("tick-service_working").getAttribute("data-missing")).toBe("false");
    await shot(page, "hand-over-missing-zh");
    expect(page.url()).toContain("/work-orders#");
    expect((await idbAll<{ name: string }>(page, "outbox")).map((r) => r.name)).not.toContain("workOrder.selfCheck");

    // the signature cleared too: named after the items
    await page.getByTestId("lineman-signature-clear").click();
    await page.getByTestId("tick-line_tested").click();
    await page.getByTestId("sign-hand-over").click();
    await page.locator('[data-testid="hand-over-missing"][data-missing="site_tidy signature"]').waitFor();
    expect(await focused(page)).toMatchObject({ name: "site_tidy", onScreen: true });
    await page.getByTestId("tick-site_tidy").click();
    await page.getByTestId("sign-hand-over").click();
    await page.locator('[data-testid="hand-over-missing"][data-missing="signature"]').waitFor();
    expect(await missing.textContent()).toBe("请先在框内签名。");
    expect(await focused(page)).toEqual({ name: null, within: "lineman-signature-canvas", onScreen: true });

    await draw(page, "lineman-signature", 1);
    await page.getByTestId("sign-hand-over").click();
    await page.waitForURL("**/customer#*");

    // the signer's name comes prefilled with the order's customer; cleared, it is named as missing too
    expect(await page.getByTestId("signer-name").inputValue()).toBe("张伟 Zhang Wei");
    await page.getByTestId("signer-name").fill("");
    // the customer taps sign at once: both ratings named, the first focused (the form is longer than the screen)
    await page.getByTestId("customer-sign").click();
    const customer = page.getByTestId("customer-missing");
    await customer.waitFor();
    expect(await customer.getAttribute("data-missing")).toBe("attitude onTime signerName signature");
    expect(await customer.textContent()).toContain("请评价：服务态度、装移修及时性");
    expect(await focused(page)).toEqual({ name: null, within: "rating-attitude-1", onScreen: true });
    await shot(page, "customer-missing-zh");

    // attitude given, name and signature too: only the on-time rating is named and focused
    await page.getByTestId("rating-attitude-5").click();
    await page.getByTestId("signer-name").fill("张伟");
    await draw(page, "customer-signature", 2);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.getByTestId("customer-sign").click();
    await page.locator('[data-testid="customer-missing"][data-missing="onTime"]').waitFor();
    expect(await customer.textContent()).toBe("请评价：装移修及时性");
    expect(await focused(page)).toEqual({ name: null, within: "rating-onTime-1", onScreen: true });
    await page.getByTestId("rating-onTime-4").click();
    await expect.poll(() => customer.count()).toBe(0);
    await page.getByTestId("customer-sign").click();
    await page.locator('[data-testid="customer-done"][data-kind="customer_signed"]').waitFor();
  });

  test("an equipment check names the empty serial, focusing it; a PBX without a linked application is not offered connect; nothing saves empty", async () => {
    const phone = await openPhone({ locale: "zh-CN" });
    contexts.push(phone.context);
    const { page } = phone;
    await logIn(page, server.baseUrl, "lineman", "lineman-demo");
    await page.waitForURL("**/home");
    await page.getByTestId("open-WO-2026-000102").click();
    await page.locator('[data-testid="wo-page"][data-code="WO-2026-000102"]').waitFor();
    await page.getByTestId("check-type-start").click();
    await page.getByTestId("check-code").fill("00-D710-208870");
    await page.locator('[data-testid="verdict"][data-result="valid"]').waitFor();
    await page.getByTestId("type-pbx").click();
    // nothing of the application is typed on the phone (ADR 0039 §6): no application linked, no connecting it
    expect(await page.getByTestId("check-pbx-case").textContent()).toBe("本工单未关联用户交换机申请：不能接入交换机。请客户服务部关联其申请。");
    expect(await page.getByTestId("outcome-connected").isDisabled()).toBe(true);
    await page.getByTestId("outcome-refused").click();
    const problem = page.locator('[data-testid="check-form"] [data-testid="wo-problem"]');
    await problem.waitFor();
    expect(await problem.getAttribute("data-fields")).toBe("serial");
    expect(await problem.textContent()).toBe("请填写：设备序列号或 IMEI");
    expect(await focused(page)).toMatchObject({ within: "check-serial", onScreen: true });
    expect(await page.getByTestId("check-serial").getAttribute("aria-invalid")).toBe("true");
    await shot(page, "check-missing-zh");

    // the serial typed: refusing the PBX saves
    await page.getByTestId("check-serial").fill("PBX-8899");
    await page.getByTestId("outcome-refused").click();
    await page.locator('[data-testid="check"][data-outcome="refused"]').waitFor();
    expect(await page.locator('[data-testid="check"][data-outcome="refused"]').textContent()).toContain("PBX-8899");
    // sent and accepted by the server (v3, re-validated there): nothing waits, nothing needs attention
    await waitPending(page, 0);
    await page.locator('[data-testid="check"][data-outcome="refused"][data-pending="false"]').waitFor({ timeout: 20_000 });
  });
});
