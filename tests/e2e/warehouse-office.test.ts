/**
 * The warehouse's office screens in Chromium on a phone-sized screen (390×844), on the demo's data: the demo delivery
 * for terminal service waits for its inspection. A keeper opens it and is offered no form (and the server refuses the
 * keeper's inspection); the terminal service head, as the notice would take them there, fills in the Quality
 * Acceptance Form 《质量认可单》: one modem fails (returned), part of the patch-cord lot fails (pending disposal), each
 * with a reason; a rejection without a reason is refused first, in words; the head signs, sees the form as signed, and
 * its PDF answers as a PDF. The keeper's quarantine list shows the quarantined goods with their ages; a stock-take with
 * one missing and one unexpected item is confirmed difference by difference. Every screen is photographed.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { BrowserContext, Page } from "playwright-core";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { logIn, openPhone } from "./support/browser";
import { draw } from "./support/work-orders";
import { e2eAvailable } from "./support/require";
import { startAppServer, type AppServer } from "./support/server";

const PORT = 3680;
const run = e2eAvailable();
const SHOTS = process.env.TM_SHOTS ?? "/tmp/shots";
/** Photographs the screen, after checking it does not scroll sideways (nothing wider than the phone). */
async function shot(page: Page, name: string): Promise<void> {
  const wide = await page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= w) return [];
    return [...document.querySelectorAll<HTMLElement>("main *")]
      .filter((e) => e.getBoundingClientRect().right > w + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName}.${e.className} ${e.dataset.testid ?? ""} ${Math.round(e.getBoundingClientRect().right)}`);
  });
  expect(wide, `${name} scrolls sideways`).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, `warehouse-${name}.png`), fullPage: true });
}

/** A tRPC call over HTTP as the app's client makes it (superjson body, CSRF header, same Origin). */
async function trpc(server: AppServer, procedure: string, input: unknown, cookie?: string): Promise<{ status: number; body: unknown; setCookie: string[] }> {
  const res = await fetch(`${server.baseUrl}/api/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-tracemark-csrf": "1", origin: server.baseUrl, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ json: input }),
  });
  return { status: res.status, body: (await res.json()) as unknown, setCookie: res.headers.getSetCookie() };
}

/** A tRPC query over HTTP (GET, superjson input in the URL). */
async function query(server: AppServer, procedure: string, input: unknown, cookie: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${server.baseUrl}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, {
    headers: { "x-tracemark-csrf": "1", origin: server.baseUrl, cookie },
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

async function sessionOf(server: AppServer, username: string, password: string): Promise<string> {
  const login = await trpc(server, "auth.login", { username, password });
  expect(login.status).toBe(200);
  return login.setCookie.find((c) => c.startsWith("tm_session="))!.split(";")[0]!;
}

describe.runIf(run)("warehouse office screens", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];
  const phone = async (locale: string) => {
    const p = await openPhone({ locale });
    contexts.push(p.context);
    return p.page;
  };
  /** A tap before hydration is the browser's and a plain button does nothing: wait for the page's scripts. */
  const hydrated = (page: Page) =>
    page.waitForFunction(() => (window as unknown as { __tmHydrated?: boolean }).__tmHydrated === true, null, { timeout: 60_000 });
  const open = async (page: Page, url: string) => {
    await page.goto(`${server.baseUrl}${url}`);
    await hydrated(page);
  };
  let receiptUrl = "";
  let countUrl = "";

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startAppServer({ port: PORT });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await server?.stop();
    console.info(`warehouse office screenshots: ${SHOTS}`);
  });

  test("a keeper is offered no form to inspect, and the server refuses the keeper's inspection", async () => {
    const keeper = await phone("zh-CN");
    await logIn(keeper, server.baseUrl, "keeper", "keeper-demo1");
    await keeper.waitForURL("**/home");
    await open(keeper, "/warehouse/receipts");
    const row = keeper.locator('[data-testid^="receipt-row-"][data-status="awaiting_inspection"]').first();
    await row.waitFor();
    await shot(keeper, "receipts-zh");
    await row.locator("a").click();
    await keeper.waitForURL("**/warehouse/receipts/*");
    receiptUrl = new URL(keeper.url()).pathname;
    await keeper.getByTestId("receipt-detail").waitFor();
    expect(await keeper.getByTestId("receipt-detail").getAttribute("data-can-inspect")).toBe("false");
    expect(await keeper.getByTestId("inspect-form").count()).toBe(0);
    await keeper.getByTestId("awaiting-form").waitFor();
    await shot(keeper, "receipt-keeper-zh");

    // the keeper's inspection, sent by hand, is refused
    const cookie = await sessionOf(server, "keeper", "keeper-demo1");
    const receiptId = receiptUrl.split("/").pop()!;
    const detail = await query(server, "warehouse.receipt", { id: receiptId }, cookie);
    expect(detail.status).toBe(200);
    type Line = { items: { id: string; quantity: number }[] };
    const lines = (detail.body as { result: { data: { json: { lines: Line[] } } } }).result.data.json.lines;
    const refused = await trpc(
      server,
      "warehouse.inspect",
      {
        receiptId,
        lines: lines.flatMap((l) => l.items.map((i) => ({ itemId: i.id, accepted: i.quantity, rejected: 0, rejectTo: null, reason: "" }))),
        signature: "A".repeat(200),
      },
      cookie,
    );
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(["forbidden", "not_allowed", "rule_violation"]).toContain(
      (refused.body as { error: { json: { data: { appCode: string } } } }).error.json.data.appCode,
    );
  });

  test("the requesting department's head accepts part, rejects part with reasons, signs; the form and its PDF", async () => {
    expect(receiptUrl).not.toBe("");
    const head = await phone("en");
    await logIn(head, server.baseUrl, "head", "head-demo-01");
    await head.waitForURL("**/home");
    await open(head, receiptUrl);
    await head.getByTestId("inspect-form").waitFor();
    expect(await head.getByTestId("receipt-detail").getAttribute("data-can-inspect")).toBe("true");
    await shot(head, "inspect-en");
    const tags = await head
      .locator('[data-testid^="inspect-ST-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")!.slice("inspect-".length)));
    expect(tags.length).toBe(4); // three serialised modems and one lot of patch cords
    const [modemOk, modemBad, , lot] = tags as [string, string, string, string];

    // one modem fails: a pass/fail toggle, big enough for a thumb
    const fail = head.getByTestId(`fail-${modemBad}`);
    expect((await fail.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    await fail.click();
    await head.getByTestId(`to-returned-${modemBad}`).click();
    // five patch cords of the lot fail
    await head.getByTestId(`rejected-${lot}`).fill("5");
    await head.getByTestId(`accepted-${lot}`).getByText("Accepted: 45").waitFor();
    await head.getByTestId(`to-pending_disposal-${lot}`).click();
    await head.getByTestId(`reason-${lot}`).fill("Five connectors cracked in the box.");
    // no reason for the modem, no signature: refused in words, nothing sent
    await head.getByTestId("inspect-sign").click();
    await head.getByTestId(`err-${modemBad}-reason`).getByText("Say why they were rejected.").waitFor();
    await head.getByTestId("err-signature").waitFor();
    await head.getByTestId(`reason-${modemBad}`).fill("Does not power on.");
    await draw(head, "inspect-pad", 1);
    await head.getByTestId("inspect-summary").getByText("Accepted 47 · rejected 6").waitFor();
    await shot(head, "inspect-filled-en");
    await head.getByTestId("inspect-sign").click();

    // the form as signed
    await head.getByTestId("notice").waitFor();
    const form = head.getByTestId("signed-form");
    await form.waitFor();
    const code = await form.getAttribute("data-form-code");
    expect(code).toMatch(/^QA-/);
    expect(await head.getByTestId(`form-line-${modemOk}`).getAttribute("data-verdict")).toBe("accepted");
    expect(await head.getByTestId(`form-line-${modemBad}`).getAttribute("data-verdict")).toBe("rejected");
    expect(await head.getByTestId(`form-line-${lot}`).getAttribute("data-verdict")).toBe("split");
    await head.getByTestId(`form-line-${lot}`).getByText("Five connectors cracked in the box.").waitFor();
    expect(await head.getByTestId("receipt-detail").getAttribute("data-status")).toBe("inspected");
    await shot(head, "signed-en");
    const href = await head.getByTestId("form-pdf").getAttribute("href");
    expect(href).toMatch(/^\/api\/warehouse\/forms\/[0-9a-f-]{36}\/pdf$/);
    const pdf = await head.request.get(`${server.baseUrl}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toContain("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

    // the register shows it inspected, with its form's number
    await open(head, "/warehouse/receipts");
    const row = head.locator(`[data-testid^="receipt-row-"][data-status="inspected"]`).first();
    await row.getByTestId("row-form-code").getByText(code!).waitFor();
    await open(head, "/warehouse/forms");
    await head.getByTestId(`form-row-${code}`).waitFor();
    await shot(head, "forms-en");
  });

  test("the keeper's quarantine list with ages; stock, search, an item's history; a stock-take confirmed one difference at a time", async () => {
    const keeper = await phone("zh-CN");
    await logIn(keeper, server.baseUrl, "keeper", "keeper-demo1");
    await keeper.waitForURL("**/home");
    await open(keeper, "/warehouse/quarantine");
    const list = keeper.getByTestId("quarantine-list");
    await list.waitFor();
    // the demo's quarantined goods: returned, pending disposal, scrapped, each with its age in days
    for (const tag of ["ST-000106", "ST-000107", "ST-000108"]) {
      const item = keeper.getByTestId(`quarantine-${tag}`);
      await item.waitFor();
      expect(Number(await item.getAttribute("data-age"))).toBeGreaterThanOrEqual(0);
      expect(await item.getByTestId("age").textContent()).toBeTruthy();
    }
    await shot(keeper, "quarantine-zh");
    await keeper.getByTestId("change-responsible-ST-000106").click();
    await keeper.getByTestId("responsible-select-ST-000106").locator("option").nth(1).waitFor({ state: "attached" });
    await shot(keeper, "quarantine-picker-zh");

    await open(keeper, "/warehouse/stock");
    await keeper.getByTestId("stock-zone-WH1-A").waitFor();
    await shot(keeper, "stock-zh");
    await open(keeper, "/warehouse/search?q=ST-000103");
    await keeper.getByTestId("result-ST-000103").click();
    await keeper.getByTestId("warehouse-item").waitFor();
    await shot(keeper, "item-zh");

    // a count of WH1-A: ST-000104 not found, ST-000108 (scrapped, kept in WH1-Q-SCR) found here
    const cookie = await sessionOf(server, "keeper", "keeper-demo1");
    const deviceId = randomUUID();
    expect((await trpc(server, "sync.registerDevice", { deviceId, label: "keeper phone" }, cookie)).status).toBe(200);
    const countId = randomUUID();
    const args = { id: countId, zoneCode: "WH1-A", startedAt: new Date(Date.now() - 600_000).toISOString(), scans: ["ST-000103", "ST-000105", "ST-000108"] };
    const mutation = { mutationId: uuidv7(), deviceId, seq: 1, name: "count.submit", schemaVersion: 1, args, clientTime: new Date().toISOString() };
    const pushed = await trpc(server, "sync.push", { deviceId, mutations: [mutation] }, cookie);
    expect(pushed.status).toBe(200);
    const results = (pushed.body as { result: { data: { json: { results: { status: string }[] } } } }).result.data.json.results;
    expect(results.map((r) => r.status)).toEqual(["applied"]);

    await open(keeper, "/warehouse/counts");
    await keeper.getByTestId(`count-row-${countId}`).click();
    await keeper.getByTestId("count-detail").waitFor();
    await keeper.getByTestId("difference-ST-000104").waitFor();
    await keeper.getByTestId("difference-ST-000108").waitFor();
    await shot(keeper, "count-zh");
    // a confirmation without a reason is refused on the screen
    await keeper.getByTestId("resolution-write_off-ST-000104").click();
    await keeper.getByTestId("confirm-ST-000104").click();
    await keeper.getByTestId("err-reason-ST-000104").waitFor();
    await keeper.getByTestId("reason-ST-000104").fill("盘点未找到，已报告。");
    await keeper.getByTestId("confirm-ST-000104").click();
    const confirmed = keeper.getByTestId("confirmed-ST-000104");
    await confirmed.waitFor();
    expect(await confirmed.getAttribute("data-resolution")).toBe("write_off");
    await confirmed.getByText("盘点未找到，已报告。").waitFor();
    expect(await keeper.getByTestId("difference-ST-000108").count()).toBe(1);
    await shot(keeper, "count-confirmed-zh");
    countUrl = `/warehouse/counts/${countId}`;
    // the written-off item's history names the count
    await open(keeper, "/warehouse/items/ST-000104");
    await keeper.locator('[data-testid="item-history"] [data-kind="adjusted"]').waitFor();
    await shot(keeper, "item-history-zh");
  });

  test("each office screen's first-load JS is at most 350 KB gzip", async () => {
    const cookie = await sessionOf(server, "head", "head-demo-01");
    const [name, value] = cookie.split("=") as [string, string];
    const sizes: Record<string, number> = {};
    for (const route of [
      "/warehouse/receipts",
      receiptUrl,
      "/warehouse/forms",
      "/warehouse/stock",
      "/warehouse/quarantine",
      "/warehouse/counts",
      countUrl,
      "/warehouse/search",
      "/warehouse/items/ST-000103",
    ]) {
      expect(route).not.toBe("");
      const page = await phone("zh-CN"); // a fresh profile: nothing cached
      await page.context().addCookies([{ name, value, url: server.baseUrl }]);
      const bodies: Promise<number>[] = [];
      page.on("response", (res) => {
        if (res.request().resourceType() === "script")
          bodies.push(
            res.body().then(
              (b) => gzipSync(b, { level: 9 }).length,
              () => 0,
            ),
          );
      });
      await page.goto(`${server.baseUrl}${route}`, { waitUntil: "networkidle" });
      sizes[route] = Math.round((await Promise.all(bodies)).reduce((a, b) => a + b, 0) / 102.4) / 10;
      await page.context().close();
    }
    console.info("first-load JS (KB gzip):", sizes);
    for (const [route, kb] of Object.entries(sizes)) expect(kb, route).toBeLessThanOrEqual(350);
  });

  test("the receipts register on a PC (1280 wide)", async () => {
    const pc = await phone("zh-CN");
    await pc.setViewportSize({ width: 1280, height: 900 });
    await logIn(pc, server.baseUrl, "gm", "gm-demo-0001");
    await pc.waitForURL("**/home");
    await open(pc, "/warehouse/receipts");
    await pc.getByTestId("receipt-list").waitFor();
    await shot(pc, "receipts-pc-zh");
  });
});
