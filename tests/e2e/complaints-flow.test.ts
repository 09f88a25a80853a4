/**
 * Issue 13 end to end, in Chromium on phone-sized screens, against one server that runs its job runner (JOBS=on) on a
 * clock the test may move (TEST_CLOCK=on, server/clock.ts):
 * 1. a lineman at a customer's door records a complaint with no signal; back online it syncs and reaches the
 *    complaints desk, where customer service classifies it, the terminal-service head accepts and resolves it, and
 *    customer service answers it in writing (the letter's PDF) and closes it; the lineman's phone then shows it
 *    answered with its result;
 * 2. a key customer's service request escalates by itself when its green-channel limit passes: the clock moves past
 *    the limit, the real job runner's sweep escalates it to enterprise management, and quality is told.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { logIn, openPhone, waitUntil } from "./support/browser";
import { signInAndSync, syncNow } from "./support/labels";
import { e2eAvailable } from "./support/require";
import { seededDataDir, startAppServer, type AppServer } from "./support/server";

const run = e2eAvailable();
const PORT = 3650;
const HOUR = 3_600_000;

describe.runIf(run)("complaints from a door to the desk, and the green channel's own escalation", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];
  const phone = async (locale: string) => {
    const p = await openPhone({ locale });
    contexts.push(p.context);
    return p;
  };
  /** A tap before hydration is the browser's and a plain button does nothing: wait for the page's scripts. */
  const hydrated = (page: Page) =>
    page.waitForFunction(() => (window as unknown as { __tmHydrated?: boolean }).__tmHydrated === true, null, { timeout: 60_000 });
  const open = async (page: Page, url: string) => {
    await page.goto(`${server.baseUrl}${url}`);
    await hydrated(page);
  };
  const waitStatus = (page: Page, s: string) => page.locator(`[data-testid="complaint-detail"][data-status="${s}"]`).waitFor();
  /** Opens a step's form, lets `fill` fill it, submits, and waits for the form to reach `status`. */
  async function step(page: Page, name: string, status: string, fill?: () => Promise<void>) {
    await page.getByTestId(`step-${name}`).click();
    await page.getByTestId(`form-${name}`).waitFor();
    if (fill) await fill();
    await page.getByTestId(`submit-${name}`).click();
    await page.getByTestId("notice").waitFor();
    await waitStatus(page, status);
  }

  beforeAll(async () => {
    server = await startAppServer({ port: PORT, dataDir: await seededDataDir(), env: { JOBS: "on", TEST_CLOCK: "on" } });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
  });

  test("a lineman's complaint recorded offline at a door is classified, handled, answered in writing and closed", async () => {
    const { page: lineman, context } = await phone("en-US");
    await signInAndSync(lineman, server.baseUrl, "lineman", "lineman-demo");
    await waitUntil(
      lineman,
      async () => {
        const cache = await caches.open("tm-pages");
        return (await Promise.all(["/complaints", "/complaints/new"].map((p) => cache.match(p)))).every(Boolean);
      },
      undefined,
      { timeout: 60_000 },
    );

    // ── at the door, no signal ──
    await context.setOffline(true);
    await lineman.getByTestId("record-complaint").first().click();
    await lineman.waitForURL("**/complaints/new*");
    await lineman.getByTestId("complaint-form").waitFor();
    await hydrated(lineman);
    await lineman.getByTestId("complaint-customer").fill("何先生 Mr He");
    await lineman.getByTestId("complaint-contact").fill("139 5710 4477");
    await lineman.getByTestId("complaint-words").fill("The fibre box outside the door hangs loose and the line drops when it rains.");
    await lineman.getByTestId("complaint-save").click();
    await lineman.waitForURL("**/complaints#saved=*");
    await lineman.getByTestId("complaint-saved").waitFor();
    const formId = new URL(lineman.url()).hash.match(/saved=([0-9a-f-]{36})/)![1]!;
    await lineman.locator(`[data-testid="complaint-row"][data-id="${formId}"][data-queued="true"]`).waitFor();

    // ── back online: it syncs and is numbered ──
    await context.setOffline(false);
    await syncNow(lineman);
    const numbered = lineman.locator(`[data-testid="complaint-row"][data-id="${formId}"][data-queued="false"]`);
    await expect
      .poll(
        async () => {
          if ((await numbered.count()) === 0) await lineman.getByTestId("sync-indicator").click();
          return numbered.getAttribute("data-code", { timeout: 2_000 }).catch(() => null);
        },
        { timeout: 60_000 },
      )
      .toMatch(/^TS-\d{8}-\d{4}$/);
    const code = (await numbered.getAttribute("data-code"))!;

    // ── the desk: found by its number, classified to terminal service ──
    const { page: service } = await phone("en-US");
    await logIn(service, server.baseUrl, "service", "service-demo");
    await service.waitForURL("**/home");
    await open(service, `/complaints/desk?q=${code}`);
    await service.getByTestId(`complaint-row-${code}`).waitFor();
    await service.getByTestId(`complaint-row-${code}`).getByText("何先生 Mr He").click();
    await service.waitForURL(`**/complaints/desk/${formId}`);
    await hydrated(service);
    expect((await service.getByTestId("detail-code").textContent())!.trim()).toBe(code);
    await step(service, "classify", "classified", async () => {
      await service.getByTestId("classify-category").selectOption("fault_repair");
      expect(await service.getByTestId("classify-department").inputValue()).toBe("terminal_service");
    });

    // ── the responsible department handles it ──
    const { page: head } = await phone("zh-CN");
    await logIn(head, server.baseUrl, "head", "head-demo-01");
    await head.waitForURL("**/home");
    await open(head, `/complaints/desk/${formId}`);
    await step(head, "accept", "accepted");
    await step(head, "resolve", "resolved", () => head.getByTestId("resolve-result").fill("分纤箱已重新固定并做防水处理，雨天测试线路稳定。"));

    // ── customer service answers in writing, with the letter's PDF, and closes ──
    await open(service, `/complaints/desk/${formId}`);
    await waitStatus(service, "resolved");
    await step(service, "letter", "resolved", () =>
      service.getByTestId("letter-process").fill("Terminal service inspected the fibre distribution box at the customer's door the next morning."),
    );
    const href = (await service.getByTestId("letter-pdf").getAttribute("href"))!;
    const pdf = await service.request.get(`${server.baseUrl}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toContain("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await step(service, "reply", "replied", () =>
      service
        .getByTestId("reply-method")
        .selectOption("letter")
        .then(() => undefined),
    );
    await step(service, "close", "closed");
    await service.getByTestId("timeline").locator('[data-action="letter_written"]').waitFor();

    // ── the lineman's phone learns the outcome with the next sync ──
    await syncNow(lineman);
    const answered = lineman.locator(`[data-testid="complaint-row"][data-id="${formId}"]`);
    await expect
      .poll(
        async () => {
          await lineman.getByTestId("sync-indicator").click();
          return answered
            .getByTestId("complaint-status")
            .textContent({ timeout: 2_000 })
            .catch(() => null);
        },
        { timeout: 60_000 },
      )
      .toBe("Closed");
    expect(await answered.textContent()).toContain("分纤箱已重新固定");
  });

  test("a key customer's repair request passes its limit and the job runner escalates it to enterprise management by itself", async () => {
    const { page: service } = await phone("en-US");
    await logIn(service, server.baseUrl, "service", "service-demo");
    await service.waitForURL("**/home");
    await open(service, "/complaints/desk/new");
    const school = await service.getByTestId("sr-key").locator("option", { hasText: "Chengdong Primary School" }).getAttribute("value");
    await service.getByTestId("sr-key").selectOption(school);
    await service.getByTestId("sr-type").selectOption("repair");
    await service.getByTestId("sr-words").fill("The library's telephone line is dead.");
    await service.getByTestId("clerk-check").click();
    await service.getByTestId("sr-submit").click();
    await service.waitForURL(/\/complaints\/desk\/[0-9a-f-]{36}\?created=TS-/);
    await hydrated(service);
    const id = service.url().split("/").pop()!.split("?")[0]!;
    // the green channel's repair limit for key customers (4 h in the first policy): time left, not escalated
    expect(await service.getByTestId("deadline").getAttribute("data-state")).toMatch(/^(ahead|soon)$/);
    expect(await service.getByTestId("escalation").count()).toBe(0);

    // five hours later on the server's clock: the runner's sweep runs (as its 5-minute schedule would)
    const moved = await fetch(`${server.baseUrl}/api/test/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advanceMs: 5 * HOUR }),
    });
    expect(moved.status).toBe(200);
    await expect
      .poll(
        async () => {
          await open(service, `/complaints/desk/${id}`);
          return service.locator('[data-testid="escalation"][data-level="quality"]').count();
        },
        { timeout: 90_000, interval: 2_000 },
      )
      .toBe(1);
    // (the screen's countdown runs on the browser's clock, which the test did not move: only the server's moved)
    expect(await service.getByTestId("escalation").textContent()).toContain("Time limit passed");
    await service.getByTestId("timeline").locator('[data-action="escalated"]').waitFor();

    // quality is told (its notices, by the sync pull)
    const { page: quality } = await phone("en-US");
    await signInAndSync(quality, server.baseUrl, "quality", "quality-demo");
    await quality.goto(`${server.baseUrl}/notices`);
    const code = (await service.getByTestId("detail-code").textContent())!.trim();
    await expect
      .poll(
        async () => {
          await syncNow(quality);
          return quality.getByTestId("notice").filter({ hasText: code }).count();
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .toBeGreaterThanOrEqual(1);
    expect(await quality.getByTestId("notice").filter({ hasText: code }).first().textContent()).toContain("escalated to enterprise management");
  });
});
