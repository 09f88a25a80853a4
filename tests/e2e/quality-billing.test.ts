/**
 * The monthly billing-accuracy check (issue 15, P4 交换机计费准确率检测) end to end, in Chromium on a 390×844 phone
 * against one server that runs its job runner (JOBS=on) on a clock the test may move (TEST_CLOCK=on): the server's
 * clock goes to the 1st of next month, 08:00 operator time, and the month-opening job (quality.billingOpen) runs as its
 * cron would; the new month shows on the billing page. A Switching & Transmission Office user records it: an
 * instrument whose permit-to-use has lapsed is refused with the translated message; with a valid one, 1000 test calls
 * of which 998 billed right fail the check (99.8 % < 99.9 %, and errors) and a nonconformity is raised for quality.
 * Before the clock moves, quality plans a work-order check (工单检查) of recently closed orders, marks the sample (one
 * missing signature) and finishes it: the finding becomes a nonconformity. SHOTS_DIR=<dir> keeps 390×844 screenshots.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { logIn, openPhone } from "./support/browser";
import { e2eAvailable } from "./support/require";
import { seededDataDir, startAppServer, type AppServer } from "./support/server";

const run = e2eAvailable();
const PORT = 3710;
/** Seeded instruments (server/seed/instruments.ts): calibrated 100 days ago (valid permit) and 760 days ago (lapsed). */
const VALID_INSTRUMENT = "IN-000305";
const LAPSED_INSTRUMENT = "IN-000303";
/** A picture standing for a photographed call log. */
const CALL_LOG_PNG = readFileSync(path.join(process.cwd(), "tests/fixtures/complaint-photo.png"));

/** A tRPC call over HTTP as the app's client makes it (superjson body, CSRF header, same Origin). */
async function trpc(server: AppServer, kind: "query" | "mutation", procedure: string, input: unknown, cookie?: string) {
  const headers = { "content-type": "application/json", "x-tracemark-csrf": "1", origin: server.baseUrl, ...(cookie ? { cookie } : {}) };
  const url = `${server.baseUrl}/api/trpc/${procedure}`;
  const res =
    kind === "query"
      ? await fetch(`${url}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers })
      : await fetch(url, { method: "POST", headers, body: JSON.stringify({ json: input }) });
  const body = (await res.json()) as { result?: { data: { json: unknown } }; error?: unknown };
  return { status: res.status, data: body.result?.data.json, error: body.error, setCookie: res.headers.getSetCookie() };
}

async function cookieOf(server: AppServer, username: string, password: string): Promise<string> {
  const r = await trpc(server, "mutation", "auth.login", { username, password });
  expect(r.status).toBe(200);
  return r.setCookie.find((c) => c.startsWith("tm_session="))!.split(";")[0]!;
}

/** The 1st of the month after `now`'s operator month, 08:00 in Asia/Shanghai (00:00 UTC), and that month ("YYYY-MM"). */
function nextFirstAtEight(now: Date): { at: Date; month: string } {
  const shanghai = new Date(now.getTime() + 8 * 3_600_000);
  const y = shanghai.getUTCFullYear();
  const m = shanghai.getUTCMonth() + 1; // next month, 0-based
  const at = new Date(Date.UTC(m === 12 ? y + 1 : y, m % 12, 1, 0, 0));
  const month = `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, "0")}`;
  return { at, month };
}

/** A full-page screenshot kept when SHOTS_DIR is set (the screens are looked at, not compared). */
async function shot(page: Page, name: string): Promise<void> {
  if (process.env.SHOTS_DIR) await page.screenshot({ path: path.join(process.env.SHOTS_DIR, `${name}.png`), fullPage: true });
}

/** An operator day `n` days from now ("YYYY-MM-DD" in Asia/Shanghai). */
function dayFromNow(n: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
}

describe.runIf(run)("the monthly billing check: opened by the job on the 1st, a failed result raises a nonconformity", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];
  const phone = async (locale: string) => {
    const p = await openPhone({ locale });
    contexts.push(p.context);
    return p.page;
  };
  const hydrated = (page: Page) =>
    page.waitForFunction(() => (window as unknown as { __tmHydrated?: boolean }).__tmHydrated === true, null, { timeout: 60_000 });
  const open = async (page: Page, url: string) => {
    await page.goto(`${server.baseUrl}${url}`);
    await hydrated(page);
  };

  beforeAll(async () => {
    const dataDir = await seededDataDir();
    server = await startAppServer({ port: PORT, dataDir, env: { JOBS: "on", TEST_CLOCK: "on" } });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
  });

  test("quality plans a work-order check, marks the sample and finishes it: a missing signature becomes a nonconformity", async () => {
    const quality = await phone("zh-CN");
    await logIn(quality, server.baseUrl, "quality", "quality-demo");
    await quality.waitForURL("**/home");
    await open(quality, "/quality");
    await shot(quality, "quality-index-zh");
    await open(quality, "/quality/checks");
    await quality.getByTestId("check-list").waitFor();
    await shot(quality, "checks-list-zh");
    await quality.getByTestId("plan-check").click();
    await quality.getByTestId("plan-form").waitFor();
    await hydrated(quality);
    await quality.getByTestId("plan-target-work_orders").click();
    await quality.getByTestId("plan-from").fill(dayFromNow(-60));
    await quality.getByTestId("plan-to").fill(dayFromNow(0));
    await quality.getByTestId("plan-size").fill("3");
    await quality.locator('[data-testid="plan-assignee"] option').nth(1).waitFor({ state: "attached" });
    await quality.getByTestId("plan-assignee").selectOption({ index: 1 });
    await shot(quality, "checks-plan-zh");
    await quality.getByTestId("plan-submit").click();
    await quality.waitForURL(/\/quality\/checks\/[0-9a-f-]{36}/);
    await quality.locator('[data-testid="check-detail"][data-status="planned"][data-target="work_orders"]').waitFor();
    await hydrated(quality);
    const orders = quality.locator('[data-testid="check-orders"] > li');
    const n = await orders.count();
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(3);
    const codes = await orders.evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")!.replace("check-order-", "")));
    // the first: a missing signature (a finding needs its note: refused without one)
    await quality.getByTestId(`mark-missing_signature-${codes[0]}`).click();
    await quality.getByTestId(`mark-save-${codes[0]}`).click();
    await quality.getByTestId(`err-note-${codes[0]}`).waitFor();
    await quality.getByTestId(`mark-note-${codes[0]}`).fill("客户签字栏空白 / the customer's signature box is empty");
    await quality.getByTestId(`mark-save-${codes[0]}`).click();
    await quality.locator(`[data-testid="check-order-${codes[0]}"][data-result="missing_signature"]`).waitFor();
    for (const code of codes.slice(1)) {
      await quality.getByTestId(`mark-ok-${code}`).click();
      await quality.getByTestId(`mark-save-${code}`).click();
      await quality.locator(`[data-testid="check-order-${code}"][data-result="ok"]`).waitFor();
    }
    await quality.locator('[data-testid="orders-unmarked"][data-n="0"]').waitFor();
    await shot(quality, "checks-detail-marked-zh");
    await quality.getByTestId("check-finish").click();
    await quality.getByTestId("check-finish-confirm-yes").click();
    await quality.locator('[data-testid="check-detail"][data-status="submitted"]').waitFor();
    const ncs = await quality.locator('[data-testid="check-ncs"] li').evaluateAll((els) => els.map((e) => e.getAttribute("data-code")));
    expect(ncs).toHaveLength(1);
    expect(ncs[0]).toMatch(/^NC-\d{4}-\d{4}$/);
    await shot(quality, "checks-detail-finished-zh");
  });

  test("the job opens next month on the 1st at 08:00; 998 of 1000 billed right fails and quality gets a nonconformity", async () => {
    const { at, month } = nextFirstAtEight(new Date());
    const quality = await phone("en-US");
    await logIn(quality, server.baseUrl, "quality", "quality-demo");
    await quality.waitForURL("**/home");
    await open(quality, "/quality/billing");
    expect(await quality.getByTestId(`billing-cell-EX-01-${month}`).count()).toBe(0);

    // ── the server's clock moves to the 1st, 08:00 operator time: the month-opening job runs as its cron would ──
    const moved = await fetch(`${server.baseUrl}/api/test/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advanceMs: at.getTime() + 60_000 - Date.now(), job: "quality.billingOpen" }),
    });
    expect(moved.status).toBe(200);
    await expect
      .poll(
        async () => {
          await open(quality, "/quality/billing");
          return quality
            .getByTestId(`billing-cell-EX-01-${month}`)
            .getAttribute("data-state", { timeout: 2_000 })
            .catch(() => null);
        },
        { timeout: 90_000, interval: 2_000 },
      )
      .toBe("open");
    expect(await quality.getByTestId(`billing-cell-EX-02-${month}`).getAttribute("data-state")).toBe("open");
    await shot(quality, "billing-quality-en");

    // ── the switching office records it ──
    const sw = await phone("en-US");
    await logIn(sw, server.baseUrl, "switch-demo1", "switch-demo1");
    await sw.waitForURL("**/home");
    await open(sw, "/quality/billing");
    await sw.getByTestId(`billing-cell-EX-01-${month}`).click();
    await sw.getByTestId("billing-form").waitFor();
    await hydrated(sw);
    await sw.getByTestId("billing-placed").fill("1000");
    await sw.getByTestId("billing-right").fill("998");
    expect(await sw.getByTestId("billing-preview").getAttribute("data-passed")).toBe("false");
    // an instrument whose permit-to-use has lapsed is refused, in words, and nothing is recorded
    await sw.getByTestId("billing-instrument").fill(LAPSED_INSTRUMENT.toLowerCase());
    await shot(sw, "billing-record-form-en");
    await sw.getByTestId("billing-submit").click();
    const refusal = sw.locator('[data-testid="error"][data-code="instrument_not_usable"]');
    await refusal.waitFor();
    const words = (await refusal.textContent())!.trim();
    expect(words.length).toBeGreaterThan(10);
    expect(words).not.toContain("instrument_not_usable");
    expect(words).not.toContain("errors.");
    expect(await sw.getByTestId("billing-month").getAttribute("data-state")).toBe("open");
    // a valid one: recorded, failed, a nonconformity raised
    await sw.getByTestId("billing-instrument").fill(VALID_INSTRUMENT);
    // a picture of the call log as an attachment, kept as evidence
    await sw.getByTestId("billing-attachment-input").setInputFiles({ name: "call-log.png", mimeType: "image/png", buffer: CALL_LOG_PNG });
    await sw.locator('[data-testid="billing-attachments"][data-count="1"]').waitFor();
    await sw.getByTestId("billing-submit").click();
    await sw.locator('[data-testid="billing-month"][data-state="failed"]').waitFor();
    expect(await sw.getByTestId("billing-result").textContent()).toContain("99.8");
    const ncCode = (await sw.getByTestId("billing-nc").getAttribute("data-code"))!;
    expect(ncCode).toMatch(/^NC-\d{4}-\d{4}$/);
    await sw.getByTestId("billing-attachments-shown").locator("img").waitFor();
    await shot(sw, "billing-month-failed-en");

    // ── quality sees the failed month (in red) and the nonconformity against the switching office ──
    await open(quality, "/quality/billing");
    expect(await quality.getByTestId(`billing-cell-EX-01-${month}`).getAttribute("data-state")).toBe("failed");
    expect(await quality.getByTestId(`billing-cell-EX-01-${month}`).textContent()).toContain(ncCode);
    await shot(quality, "billing-after-en");
    const cookie = await cookieOf(server, "quality", "quality-demo");
    const ncs = await trpc(server, "query", "quality.nonconformities", { source: "billing_check" }, cookie);
    expect(ncs.status).toBe(200);
    const rows = (ncs.data as { rows: { code: string; department: string; finding: string; sourceRef: string; status: string }[] }).rows;
    const nc = rows.find((r) => r.code === ncCode);
    expect(nc).toMatchObject({ department: "switching_transmission", finding: "billing_below_threshold", status: "open" });
    expect(nc!.sourceRef).toContain(month);
  });
});
