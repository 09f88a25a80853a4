/**
 * The lineman's second job of the day (issue 10, defect 1): after an order is finished through customer mode and the
 * phone is taken back (a full page load of `/work-orders#<id>`), going home and opening another order must open that
 * order, at `/work-orders#<other id>`, not `/work-orders#<id>#<other id>` ("本机没有这张工单"). The cause was Next's
 * router keeping the hash of the page's first load in its route cache (scripts/patch-next.mjs); an address already
 * broken that way opens the last order named in it.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { logIn, openPhone } from "./support/browser";
import { e2eAvailable } from "./support/require";
import { startAppServer, type AppServer } from "./support/server";
import { draw, idbAll, shot, waitPending } from "./support/work-orders";

const PORT = 3400;
const FIRST = "WO-2026-000101";
const SECOND = "WO-2026-000102";

async function finishThroughCustomerMode(page: Page, code: string, password: string): Promise<void> {
  await page.getByTestId(`open-${code}`).click();
  await page.locator(`[data-testid="wo-page"][data-code="${code}"]`).waitFor();
  await page.getByTestId("check-type-start").click();
  await page.getByTestId("check-code").fill("00-D710-208870");
  await page.locator('[data-testid="verdict"][data-result="valid"]').waitFor();
  await page.getByTestId("check-serial").fill("SN-HW-0042");
  await page.getByTestId("type-telephone").click();
  await page.getByTestId("outcome-connected").click();
  await page.locator('[data-testid="check"][data-outcome="connected"]').waitFor();
  // the checklist is shown ticked (exceptions only, ADR 0022): nothing to tick
  await draw(page, "lineman-signature", 0);
  await page.getByTestId("sign-hand-over").click();
  await page.waitForURL("**/customer#*");
  await page.getByTestId("rating-attitude-5").click();
  await page.getByTestId("rating-onTime-5").click();
  await page.getByTestId("signer-name").fill("张伟");
  await draw(page, "customer-signature", 1);
  await page.getByTestId("customer-sign").click();
  await page.locator('[data-testid="customer-done"][data-kind="customer_signed"]').waitFor();
  // the take-back is on the customer's done screen (ADR 0022)
  await page.getByTestId("unlock-password").fill(password);
  await page.getByTestId("unlock-submit").click();
  await page.waitForURL("**/work-orders#*", { timeout: 20_000 });
  await page.locator(`[data-testid="wo-page"][data-code="${code}"]`).waitFor();
}

describe.runIf(e2eAvailable())("the next work order opens after customer mode", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    server = await startAppServer({ port: PORT });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
  });

  for (const locale of ["zh-CN", "en"] as const) {
    test(`${locale}: finish one order through customer mode, take the phone back, go home, open the next`, async () => {
      const phone = await openPhone({ locale });
      contexts.push(phone.context);
      const { page } = phone;
      const base = server.baseUrl;
      // every address the phone shows, history-API changes included: none may name two orders
      const addresses: string[] = [];
      page.on("framenavigated", (f) => f === page.mainFrame() && addresses.push(f.url()));
      const password = "lineman-demo";
      await logIn(page, base, "lineman", password);
      await page.waitForURL("**/home");
      await waitPending(page, 0);
      await page.getByTestId(`wo-card-${SECOND}`).waitFor();
      const orders = await idbAll<{ id: string; code: string; status: string }>(page, "workOrders");
      const first = orders.find((w) => w.code === FIRST)!;
      const second = orders.find((w) => w.code === SECOND)!;

      if (first.status === "assigned") await finishThroughCustomerMode(page, FIRST, password);
      else {
        // the other language's run finished it already: the same return, a full load of the order's address
        await page.goto(`${base}/work-orders#${first.id}`);
        await page.locator(`[data-testid="wo-page"][data-code="${FIRST}"]`).waitFor();
      }
      expect(new URL(page.url()).hash).toBe(`#${first.id}`);

      // home by the bottom navigation, then the next order from the list
      await page.getByTestId("nav-home").click();
      await page.waitForURL("**/home");
      await page.getByTestId(`open-${SECOND}`).click();
      await page.locator(`[data-testid="wo-page"][data-code="${SECOND}"]`).waitFor({ timeout: 10_000 });
      expect(new URL(page.url()).hash).toBe(`#${second.id}`);
      expect(await page.getByTestId("wo-unknown").count()).toBe(0);
      await shot(page, `second-order-after-customer-mode-${locale}`);

      // and back home, the first one again: still the order asked for
      await page.getByTestId("nav-home").click();
      await page.waitForURL("**/home");
      await page.getByTestId(`open-${FIRST}`).click();
      await page.locator(`[data-testid="wo-page"][data-code="${FIRST}"]`).waitFor({ timeout: 10_000 });
      expect(new URL(page.url()).hash).toBe(`#${first.id}`);
      expect(addresses.filter((a) => a.split("#").length > 2)).toEqual([]);

      // an address already broken this way (history, a bookmark) opens the last order named in it, and is repaired
      await page.goto(`${base}/work-orders#${first.id}#${second.id}`);
      await page.locator(`[data-testid="wo-page"][data-code="${SECOND}"]`).waitFor({ timeout: 10_000 });
      await expect.poll(() => new URL(page.url()).hash).toBe(`#${second.id}`);
      await phone.context.close();
    });
  }
});
