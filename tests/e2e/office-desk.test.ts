import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { logIn, openPhone } from "./support/browser";
import { e2eAvailable } from "./support/require";
import { startAppServer, type AppServer } from "./support/server";

const run = e2eAvailable();
/** Screenshots at 390×844 (looked at by hand; the folder is named in the output). */
const SHOTS = process.env.TM_SHOTS ?? mkdtempSync(path.join(tmpdir(), "tm-desk-shots-"));
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

describe.runIf(run)("office work-order desk on a phone", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];
  const phone = async (locale: string) => {
    const p = await openPhone({ locale });
    contexts.push(p.context);
    return p.page;
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startAppServer({ port: 3261 });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await server?.stop();
    console.info(`office desk screenshots: ${SHOTS}`);
  });

  test("customer service creates a key-customer order, assigns it, and the lineman gets it; the desk shows it first among key customers in time (zh-CN)", async () => {
    const page = await phone("zh-CN");
    await logIn(page, server.baseUrl, "service", "service-demo");
    await page.waitForURL("**/home");
    await page.getByTestId("desk-home").waitFor();
    await page.getByTestId("desk-home").getByText("WO-2026-000106").waitFor();
    await shot(page, "home-service-zh");

    await page.getByTestId("nav-workOrders").click();
    await page.waitForURL("**/work-orders/desk");
    await page.getByTestId("desk-list").waitFor();
    // the seeded key customer without a lineman is on the list; the cancelled one is not (open orders by default)
    await page.getByTestId("desk-row-WO-2026-000106").waitFor();
    expect(await page.getByTestId("desk-row-WO-2026-000098").count()).toBe(0);
    // most urgent first: the order scheduled yesterday (overdue) leads
    const first = page.getByTestId("desk-list").locator("li").first();
    expect(await first.getAttribute("data-overdue")).toBe("true");
    await shot(page, "desk-list-zh");

    // create
    await page.getByTestId("desk-new").click();
    await page.waitForURL("**/work-orders/desk/new");
    await page.getByTestId("create-save").click();
    // checked on the phone with the procedure's schema: nothing was sent
    await page.getByTestId("err-customerName").getByText("必填。").waitFor();
    await page.getByTestId("err-contact").waitFor();
    // the counter clerk's self-check (营业员自检) is required, said with the fields
    await page.getByTestId("err-clerkCheck").getByText("请确认营业员自检。").waitFor();
    await page.locator('input[name="customerName"]').fill("海湾物流公司 Bay Logistics");
    await page.locator('input[name="address"]').fill("港湾大道 1 号 调度中心");
    await page.locator('input[name="contact"]').fill("0571-8777 2200 调度室");
    await page.locator('input[name="service"]').fill("专线 200M / private line 200M");
    await page.getByTestId("create-key").check();
    // a key customer's deadline: empty means the green-channel policy's; a typed one may only be earlier
    const scheduled = await page.locator('input[name="scheduledFor"]').inputValue();
    await page.locator('input[name="dueAt"]').fill(`${scheduled}T23:30`);
    await page.getByTestId("clerk-check").click();
    await shot(page, "desk-create-zh");
    await page.getByTestId("create-save").click();

    await page.waitForURL(/\/work-orders\/desk\/[0-9a-f-]{36}\?created=/);
    const code = (await page.getByTestId("detail-code").textContent())!.trim();
    expect(code).toMatch(/^WO-20\d{2}-\d{6}$/);
    await page.getByTestId("notice").getByText(`工单 ${code} 已新建。`).waitFor();
    await page.getByTestId("detail-lineman").getByText("未派单").waitFor();
    // the clerk's self-check, by whom (from the session)
    await page
      .getByTestId("detail-clerk-check")
      .getByText(/营业员自检.*已自检/)
      .waitFor();

    // assign to the lineman
    await page.getByTestId("action-assign").click();
    const wang = await page.getByTestId("assign-lineman").locator("option", { hasText: "王建国" }).getAttribute("value");
    await page.getByTestId("assign-lineman").selectOption(wang);
    await page.getByTestId("assign-submit").click();
    await page.getByTestId("notice").getByText("已派给 王建国 Wang Jianguo。").waitFor();
    await page.getByTestId("detail-lineman").getByText("王建国 Wang Jianguo").waitFor();
    await page.getByTestId("timeline").getByText("派给 王建国 Wang Jianguo").waitFor();
    expect(await page.getByTestId("action-assign").textContent()).toBe("改派");
    await shot(page, "desk-detail-zh");

    // on the desk, among the key customers
    await page.getByTestId("back-to-desk").click();
    // the filters live in the URL: the box is ticked once the list is there
    await page.getByTestId("filter-key").click();
    await page.waitForURL("**/work-orders/desk?key=1");
    expect(await page.getByTestId("filter-key").isChecked()).toBe(true);
    await page.getByTestId(`desk-row-${code}`).waitFor();
    await page.getByTestId(`desk-row-${code}`).getByText("王建国 Wang Jianguo").waitFor();

    // the lineman sees it on the phone
    const lineman = await phone("zh-CN");
    await logIn(lineman, server.baseUrl, "lineman", "lineman-demo");
    await lineman.waitForURL("**/home");
    await lineman.getByTestId("work-order-list").getByText(code).waitFor({ timeout: 30_000 });
  });

  test("an order is cancelled with a reason, and the finished list shows it (en)", async () => {
    const page = await phone("en-US");
    await logIn(page, server.baseUrl, "service", "service-demo");
    await page.waitForURL("**/home");
    await page.goto(`${server.baseUrl}/work-orders/desk?q=WO-2026-000106`);
    await page.getByTestId("desk-row-WO-2026-000106").click();
    await page.getByTestId("desk-detail").waitFor();
    await page.getByTestId("action-cancel").click();
    await page.getByTestId("cancel-submit").click();
    await page.getByTestId("cancel-form").getByText("Required.").waitFor();
    await page.getByTestId("cancel-reason").fill("The school postponed the line");
    await shot(page, "desk-cancel-en");
    await page.getByTestId("cancel-submit").click();
    await page.getByTestId("notice").getByText("Work order cancelled.").waitFor();
    await page.getByTestId("status-reason").getByText("The school postponed the line").waitFor();
    expect(await page.getByTestId("desk-detail").getAttribute("data-status")).toBe("cancelled");
    expect(await page.getByTestId("detail-actions").count()).toBe(0);

    await page.goto(`${server.baseUrl}/work-orders/desk?group=closed`);
    await page.getByTestId("desk-row-WO-2026-000106").waitFor();
    await page.getByTestId("desk-row-WO-2026-000098").waitFor();
    await shot(page, "desk-finished-en");
  });

  test("a lineman is not shown the desk", async () => {
    const page = await phone("en-US");
    await logIn(page, server.baseUrl, "lineman2", "lineman2-demo");
    await page.waitForURL("**/home");
    expect(await page.getByTestId("nav-workOrders").count()).toBe(0);
    await page.goto(`${server.baseUrl}/work-orders/desk`);
    await page.getByTestId("forbidden").waitFor();
  });
});
