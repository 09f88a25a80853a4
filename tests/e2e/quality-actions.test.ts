/**
 * The Corrective/Preventive Action Record (《纠正预防措施记录表》) from a nonconformity to closure (issue 15, ADR 0038):
 * quality raises a nonconformity against terminal service and, on its screen, sends it as a record with what is wrong
 * and a required-by date; the department head (head, terminal service) finds it on the phone's home (390×844, zh-CN),
 * writes the cause analysis, correction, corrective action, owner and date, and signs; reports it implemented; quality
 * verifies it not effective (round 2 back to the head), the head plans and reports again, quality verifies it effective:
 * the record and the nonconformity close. The record prints (PDF), and the Pareto counts the finding, the department
 * and the cause. Every target on these screens is at least 48 px (390×844).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { logIn, openPhone } from "./support/browser";
import { e2eAvailable } from "./support/require";
import { startAppServer, type AppServer } from "./support/server";

const run = e2eAvailable();
const PORT = 3700;

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
      if (el instanceof HTMLInputElement && el.type === "checkbox" && el.closest("label")) r = el.closest("label")!.getBoundingClientRect();
      if (r.width + 0.5 < 48 || r.height + 0.5 < 48)
        out.push(`${el.tagName} ${el.getAttribute("data-testid") ?? ""} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
}

/** Fills the head's plan on the phone and signs it. */
async function plan(page: Page, words: { cause: string; category: string }) {
  await page.getByTestId("open-plan").click();
  await page.getByTestId("form-plan").waitFor();
  await page.getByTestId("input-causeAnalysis").fill(words.cause);
  await page.getByTestId(`cause-${words.category}`).click();
  await page.getByTestId("input-correction").fill("门店终端已重新贴标 Relabelled the terminals at the shop");
  await page.getByTestId("input-correctiveAction").fill("装机前核对标识 Check the label before every install");
  await page.locator('[data-testid="input-ownerId"] option', { hasText: "Liu Fang" }).first().waitFor({ state: "attached" });
  await page.getByTestId("input-ownerId").selectOption({ label: "刘芳 Liu Fang (我)" });
  await page.getByTestId("input-sign").check();
  await page.getByTestId("submit-plan").scrollIntoViewIfNeeded();
  if (process.env.SHOTS_DIR) await page.screenshot({ path: path.join(process.env.SHOTS_DIR, `plan-sign-${words.category}.png`) });
  await page.getByTestId("submit-plan").click();
  await page.locator('[data-testid="action-detail"][data-status="planned"]').waitFor();
}

async function implement(page: Page, note: string) {
  await page.getByTestId("open-implement").click();
  await page.getByTestId("input-note").fill(note);
  await page.getByTestId("input-sign").check();
  await page.getByTestId("submit-implement").click();
  await page.locator('[data-testid="action-detail"][data-status="implemented"]').waitFor();
}

async function verify(page: Page, effective: boolean, note: string) {
  await page.reload();
  await page.getByTestId("open-verify").click();
  await page.getByTestId(`verdict-${effective ? "effective" : "ineffective"}`).click();
  await page.getByTestId("input-note").fill(note);
  await page.getByTestId("input-sign").check();
  expect(await smallTargets(page)).toEqual([]);
  await page.getByTestId("submit-verify").click();
  await page.getByTestId("notice").waitFor();
}

describe.runIf(run)("a nonconformity becomes a corrective-action record, filled on the head's phone, verified and closed", () => {
  let server: AppServer;
  let shots: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    shots = process.env.SHOTS_DIR ?? mkdtempSync(path.join(tmpdir(), "tm-quality-actions-"));
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

  test("send, plan, implement, not effective, round 2, effective, PDF and Pareto", async () => {
    const base = server.baseUrl;
    const qCookie = await cookieOf(server, "quality", "quality-demo");
    const raised = await trpc(
      server,
      "mutation",
      "quality.raise",
      {
        source: "other",
        finding: "wrong_label",
        labelKind: "install_repair",
        department: "terminal_service",
        description: "Customer terminal at 12 Park Road carries a stock label, not its install label.",
      },
      qCookie,
    );
    expect(raised.status).toBe(200);
    const nc = raised.data as { id: string; code: string };
    expect(nc.code).toMatch(/^NC-\d{4}-\d{4}$/);

    // quality opens the nonconformity from the list and sends it as a record
    const quality = await phone("en-US");
    await logIn(quality, base, "quality", "quality-demo");
    await quality.getByTestId("home-quality").waitFor();
    await quality.goto(`${base}/quality/nonconformities?status=open&department=terminal_service`);
    await quality.getByTestId(`nc-${nc.code}`).waitFor();
    await quality.screenshot({ path: path.join(shots, "nc-list-en.png"), fullPage: true });
    await quality.getByTestId(`nc-${nc.code}`).click();
    await quality.locator(`[data-testid="nc-detail"][data-status="open"]`).waitFor();
    await quality.screenshot({ path: path.join(shots, "nc-detail-en.png"), fullPage: true });
    expect(await smallTargets(quality)).toEqual([]);
    await quality.getByTestId("decide-send").click();
    await quality.getByTestId("input-description").fill("Install label missing on the customer terminal at 12 Park Road: find why and prevent it.");
    const requiredBy = await quality.getByTestId("required-by").getAttribute("data-value");
    expect(requiredBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await quality.getByTestId("decide-submit").click();
    await quality.locator(`[data-testid="nc-detail"][data-status="action"]`).waitFor();
    const href = await quality.getByTestId("nc-action-link").getAttribute("href");
    const actionId = href!.split("/").pop()!;
    expect(actionId).toMatch(/^[0-9a-f-]{36}$/);

    // the head finds it on the home, with its deadline, and fills the record on the phone
    const head = await phone("zh-CN");
    await logIn(head, base, "head", "head-demo-01");
    await head.getByTestId("home-department_head").waitFor();
    const card = head.locator(`[data-testid="home-actions"] li[data-status="sent"] a[href="/quality/actions/${actionId}"]`);
    await card.waitFor({ timeout: 30_000 });
    await head.screenshot({ path: path.join(shots, "head-home-zh.png"), fullPage: true });
    expect(await smallTargets(head)).toEqual([]);
    await card.click();
    await head.locator('[data-testid="action-detail"][data-status="sent"]').waitFor();
    expect(await head.getByTestId("action-due").textContent()).toContain("计划");
    await head.screenshot({ path: path.join(shots, "action-sent-zh.png"), fullPage: true });
    // unsigned: refused on the phone, nothing lost
    await head.getByTestId("open-plan").click();
    await head.getByTestId("input-causeAnalysis").fill("新员工不清楚装机标识 New staff did not know the install label");
    await head.getByTestId("submit-plan").click();
    await head.getByTestId("err-sign").waitFor();
    await head.getByTestId("err-causeCategory").waitFor();
    expect(await smallTargets(head)).toEqual([]);
    expect(await head.getByTestId("input-causeAnalysis").inputValue()).toContain("新员工");
    await head.screenshot({ path: path.join(shots, "plan-form-zh.png"), fullPage: true });
    await head.getByTestId("step-back").click();
    await plan(head, { cause: "新员工不清楚装机标识 New staff did not know the install label", category: "man" });
    await head.screenshot({ path: path.join(shots, "action-planned-zh.png"), fullPage: true });
    await implement(head, "全员培训已完成 Everyone trained on the labels");

    // quality: not effective, a new round back to the head with a new date
    await quality.goto(`${base}/quality/actions/${actionId}`);
    await verify(quality, false, "Two more terminals found with stock labels on the follow-up check.");
    await quality.locator('[data-testid="action-detail"][data-status="sent"][data-round="2"]').waitFor();
    expect(await quality.getByTestId("step-verified_ineffective-1").count()).toBe(1);

    // round 2 on the head's phone
    await head.goto(`${base}/quality/actions/${actionId}`);
    await head.locator('[data-testid="action-detail"][data-round="2"][data-status="sent"]').waitFor();
    await plan(head, { cause: "装机流程缺少标识核对 The install procedure has no label check", category: "method" });
    await implement(head, "装机单增加标识核对栏 A label check line added to the install form");

    // effective: closed, and the nonconformity with it
    await quality.goto(`${base}/quality/actions/${actionId}`);
    await verify(quality, true, "Follow-up spot-check of 20 terminals: all labels right.");
    await quality.locator('[data-testid="action-detail"][data-status="closed"]').waitFor();
    await quality.screenshot({ path: path.join(shots, "action-closed-en.png"), fullPage: true });
    const steps = await quality
      .locator('[data-testid="action-steps"] li[data-testid^="step-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
    expect(steps.sort()).toEqual(
      [
        "step-sent-1",
        "step-planned-1",
        "step-implemented-1",
        "step-verified_ineffective-1",
        "step-planned-2",
        "step-implemented-2",
        "step-verified_effective-2",
      ].sort(),
    );
    await quality.goto(`${base}/quality/nonconformities/${nc.id}`);
    await quality.locator('[data-testid="nc-detail"][data-status="closed"]').waitFor();

    // the head's home no longer lists it
    await head.goto(`${base}/home`);
    await head.getByTestId("home-actions").waitFor();
    await head.locator('[data-testid="home-actions"] [aria-busy]').waitFor({ state: "detached" });
    expect(await head.locator(`[data-testid="home-actions"] a[href="/quality/actions/${actionId}"]`).count()).toBe(0);

    // quality's register lists it closed
    await quality.goto(`${base}/quality/actions?status=closed`);
    await quality.locator(`[data-testid="action-list"] li[data-status="closed"] a[href="/quality/actions/${actionId}"]`).waitFor();
    await quality.screenshot({ path: path.join(shots, "actions-list-en.png"), fullPage: true });

    // the record prints
    const pdf = await fetch(`${base}/api/quality/actions/${actionId}/pdf`, { headers: { cookie: qCookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toContain("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    // the Pareto counts it by finding, department and the cause of the last plan
    await quality.goto(`${base}/quality/nonconformities/pareto`);
    await quality.getByTestId("bar-finding-wrong_label").waitFor();
    expect(Number(await quality.getByTestId("bar-department-terminal_service").getAttribute("data-count"))).toBeGreaterThanOrEqual(1);
    await quality.getByTestId("bar-cause-method").waitFor();
    await quality.screenshot({ path: path.join(shots, "pareto-en.png"), fullPage: true });
  });
});
