/**
 * Customer-built works (客户自建通信工程) from the agreement to the opened service (issue 16, ADR 0039), on phone-size
 * screens (390×844): customer service records the project and its agreement (《客户自建通信工程验收或管理维护协议》) with
 * the customer's signature on screen and uploads the design documents and the constructor's test report; Technology
 * Development (techhead) schedules the acceptance with two inspectors; on the custodian's phone the round is recorded
 * item by item, two items fail, both inspectors sign and it is submitted (the phone's /property/rounds); the
 * rectification letter (整改通知书) is issued and printed (PDF); customer service records the customer's rectification;
 * the re-inspection of the failed items passes (pushed as `propertyRound.submit` through the sync endpoint, as the
 * phone sends it); the case shows passed and customer service opens the service. Every target on the office screens
 * is at least 48 px.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { logIn, openPhone } from "./support/browser";
import { syncNow } from "./support/phone";
import { e2eAvailable } from "./support/require";
import { startAppServer, type AppServer } from "./support/server";

/** A tap before hydration is the browser's and a plain button does nothing: reload, then wait for the page's scripts. */
async function reloadHydrated(page: Page): Promise<void> {
  await page.reload();
  await page.waitForFunction(() => (window as unknown as { __tmHydrated?: boolean }).__tmHydrated === true, null, { timeout: 60_000 });
}
import { draw, idbAll } from "./support/work-orders";

const run = e2eAvailable();
const PORT = 3740;
const SHOTS = process.env.SHOTS_DIR ?? mkdtempSync(path.join(tmpdir(), "tm-property-works-"));

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

/** Visible interactive elements smaller than 48 CSS px either way (a checkbox counts with its label), as touch-targets.test.ts measures. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"]';
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      if (el.closest("[hidden], [inert], [aria-hidden='true']")) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none") continue;
      let r = el.getBoundingClientRect();
      if (r.width <= 2 || r.height <= 2 || r.right <= 0 || r.left >= window.innerWidth) continue;
      if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "file") && el.closest("label"))
        r = el.closest("label")!.getBoundingClientRect();
      if (r.width + 0.5 < 48 || r.height + 0.5 < 48)
        out.push(`${el.tagName} ${el.getAttribute("data-testid") ?? ""} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
}

/** A small but real PDF file (what a scanner or a constructor's software writes, as far as the server checks). */
function pdfFile(dir: string, name: string, title: string): string {
  const body = `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${title}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  const file = path.join(dir, name);
  writeFileSync(file, body);
  return file;
}

/** A drawn signature as the phone sends it (a tiny well-formed PNG and one stroke). */
const PNG_1x1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
const signature = () => ({
  mime: "image/png",
  base64: PNG_1x1,
  strokes: [
    {
      points: [
        { x: 1, y: 1, time: 1 },
        { x: 20, y: 12, time: 40 },
      ],
    },
  ],
});

interface TRound {
  id: string;
  roundNo: number;
  status: string;
  inspectors: { userId: string; name: string }[];
  items: { itemId: string; clause: string; unit: string | null }[];
}
interface TCase {
  case: { id: string; code: string; status: string };
  rounds: TRound[];
  letters: { id: string; code: string }[];
  version: number;
}

/** The inspectors' phone: the round's results and every inspector's signature, pushed through the sync endpoint. */
async function submitRound(server: AppServer, cookie: string, round: TRound, failing: string[]) {
  const deviceId = uuidv7();
  expect((await trpc(server, "mutation", "sync.registerDevice", { deviceId, label: "acceptance" }, cookie)).status).toBe(200);
  const now = new Date().toISOString();
  const results = round.items.map((i) =>
    failing.includes(i.itemId)
      ? { itemId: i.itemId, result: "fail", measurement: i.unit ? "12" : "", note: "不符合要求 Does not meet the clause" }
      : { itemId: i.itemId, result: "pass", measurement: i.unit ? "0.4" : "", note: "" },
  );
  const pushed = await trpc(
    server,
    "mutation",
    "sync.push",
    {
      deviceId,
      mutations: [
        {
          mutationId: uuidv7(),
          deviceId,
          seq: 1,
          name: "propertyRound.submit",
          schemaVersion: 1,
          args: {
            roundId: round.id,
            results,
            signatures: round.inspectors.map((i) => ({ userId: i.userId, signature: signature() })),
            note: "",
            inspectedAt: now,
            final: true,
          },
          clientTime: now,
        },
      ],
    },
    cookie,
  );
  expect(pushed.status).toBe(200);
  expect((pushed.data as { results: { status: string; reasonCode: string | null }[] }).results).toEqual([expect.objectContaining({ status: "applied" })]);
}

describe.runIf(run)("customer-built works: agreement signed, documents, acceptance failed, letter, rectified, re-inspected, passed, opened", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startAppServer({ port: PORT });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
  });

  async function phone(locale: string): Promise<Page> {
    const p = await openPhone({ locale });
    contexts.push(p.context);
    return p.page;
  }

  test("from the agreement to the opened service", async () => {
    const base = server.baseUrl;
    const files = mkdtempSync(path.join(tmpdir(), "tm-property-docs-"));

    // customer service records the project with the customer's signature on screen
    const service = await phone("zh-CN");
    await logIn(service, base, "service", "service-demo");
    await service.getByTestId("home-customer_service").waitFor();
    await service.getByTestId("nav-property").click();
    await service.getByTestId("property-register").waitFor();
    await service.screenshot({ path: path.join(SHOTS, "register-zh.png"), fullPage: true });
    await service.getByTestId("new-works").click();
    await service.getByTestId("works-form").waitFor();
    // refused without the customer's details: the messages beside the fields, nothing recorded
    await service.getByTestId("works-submit").click();
    await service.getByTestId("err-customerName").waitFor();
    await service.getByTestId("input-customerName").fill("阳光花园物业 Sunshine Garden Property");
    await service.getByTestId("input-customerPhone").fill("0571-8888 6666");
    await service.getByTestId("input-customerAddress").fill("杭州市文一路 88 号 88 Wenyi Road");
    await service.getByTestId("input-projectName").fill("阳光花园小区综合布线 Sunshine Garden cabling");
    await service.getByTestId("input-constructorName").fill("浙江某通信工程公司 Zhejiang Telecom Works Co.");
    await service.getByTestId("input-scope").fill("3 栋住宅楼的光缆、配线架及室内布线 Fibre, patch panels and indoor cabling of 3 buildings");
    await service.getByTestId("agreement-acceptance").click();
    await service.getByTestId("input-parties").fill("甲方：阳光花园物业；乙方：本公司");
    await draw(service, "works-signature", 1);
    expect(await smallTargets(service)).toEqual([]);
    await service.screenshot({ path: path.join(SHOTS, "works-new-zh.png"), fullPage: true });
    await service.getByTestId("works-submit").click();
    await service.getByTestId("property-case").locator('[data-testid="case-detail"][data-status="recorded"]').waitFor();
    const code = await service.getByTestId("property-case").getByTestId("case-detail").getAttribute("data-code");
    expect(code).toMatch(/^CW-\d{4}-\d{4}$/);
    const caseId = new URL(service.url()).pathname.split("/").pop()!;
    await service.getByTestId("customer-signature").locator("img").waitFor();

    // the design documents and the constructor's test report, each with its size and SHA-256
    for (const [kind, file] of [
      ["design", pdfFile(files, "design.pdf", "Design documents")],
      ["test_report", pdfFile(files, "test-report.pdf", "Constructor's test report")],
    ] as const) {
      await service.getByTestId("document-kind").selectOption(kind);
      await service.getByTestId("document-file").setInputFiles(file);
      await service.getByTestId("document-chosen").waitFor();
      expect(await service.getByTestId("document-chosen").getAttribute("data-sha256")).toMatch(/^[0-9a-f]{64}$/);
      await service.getByTestId("document-submit").click();
      await service.getByTestId(`document-${kind}`).waitFor();
    }
    await service.screenshot({ path: path.join(SHOTS, "case-documents-zh.png"), fullPage: true });
    expect(await smallTargets(service)).toEqual([]);
    // customer service does not organise the works acceptance
    expect(await service.getByTestId("property-case").getByTestId("open-schedule").count()).toBe(0);

    // Technology Development schedules the acceptance: two inspectors
    const tech = await phone("en-US");
    await logIn(tech, base, "techhead", "techhead-demo");
    await tech.waitForURL(/\/home/);
    await tech.goto(`${base}/property?kind=works`);
    await tech.getByTestId(`case-${code}`).click();
    await tech.getByTestId("property-case").locator('[data-testid="case-detail"][data-status="recorded"]').waitFor();
    await tech.getByTestId("property-case").getByTestId("open-schedule").click();
    await tech.getByTestId("property-case").getByTestId("form-schedule").waitFor();
    await tech.locator('[data-testid^="inspector-"][data-name*="Chen Ming"]').click();
    await tech.locator('[data-testid^="inspector-"][data-name*="Huang Wei"]').click();
    expect(await smallTargets(tech)).toEqual([]);
    await tech.screenshot({ path: path.join(SHOTS, "schedule-en.png"), fullPage: true });
    await tech.getByTestId("property-case").getByTestId("submit-schedule").click();
    await tech.getByTestId("property-case").locator('[data-testid="case-detail"][data-status="scheduled"]').waitFor();

    // at the site, on the custodian's phone: two items fail (with a note), the others pass, both inspectors sign
    const techCookie = await cookieOf(server, "techhead", "techhead-demo");
    const custodianCookie = await cookieOf(server, "custodian", "custodian-demo");
    const get = async () => (await trpc(server, "query", "property.get", { id: caseId }, techCookie)).data as TCase;
    const first = (await get()).rounds.find((r) => r.roundNo === 1)!;
    expect(first.status).toBe("scheduled");
    expect(first.items.length).toBeGreaterThan(2);
    const site = await phone("en-US");
    await logIn(site, base, "custodian", "custodian-demo");
    await site.waitForURL(/\/home/);
    await syncNow(site);
    await expect.poll(async () => (await idbAll<{ id: string }>(site, "propertyRounds")).some((r) => r.id === first.id), { timeout: 120_000 }).toBe(true);
    await site.goto(`${base}/property/rounds#${first.id}`);
    const roundPage = site.locator(`[data-testid="round-page"][data-round-id="${first.id}"]`);
    await roundPage.waitFor({ timeout: 30_000 });
    const failingClauses = first.items.slice(0, 2).map((i) => i.clause);
    const failing = first.items.slice(0, 2).map((i) => i.itemId);
    for (const item of first.items) {
      const card = site.locator(`[data-testid="round-item"][data-clause="${item.clause}"]`);
      if (failingClauses.includes(item.clause)) {
        await card.getByTestId("round-item-fail").click();
        await card.getByTestId("round-item-note").fill("不符合要求 Does not meet the clause");
      } else {
        await card.getByTestId("round-item-pass").click();
      }
      if (item.unit) await card.getByTestId("round-item-measurement").fill(failingClauses.includes(item.clause) ? "12" : "0.4");
    }
    await expect.poll(async () => roundPage.getAttribute("data-failed")).toBe("2");
    const inspectors = site.getByTestId("round-inspector");
    const ids = await inspectors.evaluateAll((els) => els.map((e) => e.getAttribute("data-user")!));
    expect(ids).toHaveLength(2);
    for (const [n, id] of ids.entries()) {
      await draw(site, `round-sign-${id}`, n + 1);
      await site.locator(`[data-testid="round-inspector"][data-user="${id}"][data-signed="true"]`).waitFor();
    }
    await site.getByTestId("round-submit").click();
    await site.getByTestId("round-submit-confirm-yes").click();
    await site.getByTestId("round-sent").waitFor();
    await syncNow(site);
    await site.locator('[data-testid="round-sent"][data-state="failed"]').waitFor({ timeout: 30_000 });

    await reloadHydrated(tech);
    await tech.getByTestId("property-case").locator('[data-testid="case-detail"][data-status="failed"]').waitFor();
    expect(await tech.locator('[data-testid="round-1"] [data-testid="round-item"][data-result="fail"]').count()).toBe(2);
    expect(await tech.locator('[data-testid="round-1"] [data-testid="inspector"][data-signed="true"]').count()).toBe(2);
    await tech.screenshot({ path: path.join(SHOTS, "round-failed-en.png"), fullPage: true });

    // the rectification letter, 30 days by default, printed
    await tech.getByTestId("property-case").getByTestId("open-issueLetter").click();
    await tech.getByTestId("property-case").getByTestId("form-issueLetter").waitFor();
    expect(await tech.getByTestId("letter-items").locator("li").count()).toBe(2);
    await tech.screenshot({ path: path.join(SHOTS, "letter-en.png"), fullPage: true });
    await tech.getByTestId("property-case").getByTestId("submit-issueLetter").click();
    await tech.getByTestId("property-case").locator('[data-testid="case-detail"][data-status="rectifying"]').waitFor();
    const letter = (await get()).letters[0]!;
    expect(letter.code).toMatch(/^RL-\d{4}-\d{4}$/);
    const pdf = await fetch(`${base}/api/property/letters/${letter.id}/pdf`, { headers: { cookie: techCookie } });
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    // the customer reports rectification to customer service
    await reloadHydrated(service);
    await service.getByTestId("property-case").locator('[data-testid="case-detail"][data-status="rectifying"]').waitFor();
    await service.getByTestId("property-case").getByTestId("open-reportRectified").click();
    await service.getByTestId("input-note").fill("客户来电：两项已整改 The customer called: both items put right");
    await service.getByTestId("property-case").getByTestId("submit-reportRectified").click();
    await service.getByTestId("property-case").locator('[data-testid="case-detail"][data-status="rectified"]').waitFor();

    // the re-inspection of the failed items passes
    await reloadHydrated(tech);
    await tech.getByTestId("property-case").getByTestId("open-schedule").click();
    await tech.getByTestId("input-extra").waitFor();
    await tech.locator('[data-testid^="extra-"][data-failed="true"]').first().waitFor();
    expect(await tech.locator('[data-testid^="extra-"][data-failed="true"]').count()).toBe(2);
    await tech.locator('[data-testid^="inspector-"][data-name*="Chen Ming"]').click();
    await tech.getByTestId("property-case").getByTestId("submit-schedule").click();
    await tech.getByTestId("property-case").locator('[data-testid="case-detail"][data-status="scheduled"]').waitFor();
    const second = (await get()).rounds.find((r) => r.roundNo === 2)!;
    expect(second.items.map((i) => i.itemId).sort()).toEqual([...failing].sort());
    await submitRound(server, custodianCookie, second, []);

    // passed: customer service opens the service
    await reloadHydrated(service);
    await service.getByTestId("property-case").locator('[data-testid="case-detail"][data-status="passed"]').waitFor();
    await service.screenshot({ path: path.join(SHOTS, "case-passed-zh.png"), fullPage: true });
    await service.getByTestId("property-case").getByTestId("open-connect").click();
    await service.getByTestId("property-case").getByTestId("submit-connect").click();
    await service.getByTestId("property-case").locator('[data-testid="case-detail"][data-status="connected"]').waitFor();
    const casePdf = await fetch(`${base}/api/property/cases/${caseId}/pdf`, { headers: { cookie: techCookie } });
    expect(casePdf.status).toBe(200);
    expect(
      Buffer.from(await casePdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });
});
