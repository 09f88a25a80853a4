/**
 * The office handles Customer Complaint/Inquiry Forms (《客户投诉查询表》) end to end, in Chromium on a phone-sized
 * screen: two forms recorded on a phone reach the server through the real sync push; customer service classifies
 * them on the complaints desk, the responsible department head accepts and resolves, customer service tells the
 * customer and closes. A form forwarded by the 180 centre cannot be answered (and so closed) before its written reply:
 * the reply step is not offered until it is written; once written, the letter's PDF downloads and the form closes.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { BrowserContext, Page } from "playwright-core";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { logIn, openPhone } from "./support/browser";
import { e2eAvailable } from "./support/require";
import { startAppServer, type AppServer } from "./support/server";

const PORT = 3640;
/** The operator's month now (Asia/Shanghai), YYYY-MM. */
const thisMonth = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit" }).format(new Date()).slice(0, 7);
const run = e2eAvailable();
const SHOTS = process.env.TM_SHOTS ?? "/tmp/shots";
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `desk-${name}.png`), fullPage: true });

/** A tRPC call over HTTP as the app's client makes it (superjson body, CSRF header, same Origin). */
async function trpc(server: AppServer, procedure: string, input: unknown, cookie?: string): Promise<{ status: number; body: unknown; setCookie: string[] }> {
  const res = await fetch(`${server.baseUrl}/api/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-tracemark-csrf": "1", origin: server.baseUrl, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ json: input }),
  });
  return { status: res.status, body: (await res.json()) as unknown, setCookie: res.headers.getSetCookie() };
}

/** Two forms as customer service's phone records them (complaint.record v1), pushed through sync.push. */
async function recordOnPhone(server: AppServer, forms: Record<string, unknown>[]): Promise<void> {
  const login = await trpc(server, "auth.login", { username: "service", password: "service-demo" });
  expect(login.status).toBe(200);
  const cookie = login.setCookie.find((c) => c.startsWith("tm_session="))!.split(";")[0]!;
  const deviceId = randomUUID();
  expect((await trpc(server, "sync.registerDevice", { deviceId, label: "counter phone" }, cookie)).status).toBe(200);
  const mutations = forms.map((args, i) => ({
    mutationId: uuidv7(),
    deviceId,
    seq: i + 1,
    name: "complaint.record",
    schemaVersion: 1,
    args,
    clientTime: new Date().toISOString(),
  }));
  const pushed = await trpc(server, "sync.push", { deviceId, mutations }, cookie);
  expect(pushed.status).toBe(200);
  const results = (pushed.body as { result: { data: { json: { results: { status: string }[] } } } }).result.data.json.results;
  expect(results.map((r) => r.status)).toEqual(forms.map(() => "applied"));
}

describe.runIf(run)("complaints desk in the office", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];
  const phone = async (locale: string) => {
    const p = await openPhone({ locale });
    contexts.push(p.context);
    return p.page;
  };
  const counter = { id: randomUUID(), customerName: "陈女士 Ms Chen", contact: "陈女士 138 0013 8000" };
  const centre = { id: randomUUID(), customerName: "林先生 Mr Lin", contact: "0571-8765 4321" };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startAppServer({ port: PORT });
    await recordOnPhone(server, [
      { ...counter, kind: "complaint", channel: "counter", address: "西湖区文三路 90 号", words: "宽带三天两头掉线，报修两次都没人来。" },
      { ...centre, kind: "complaint", channel: "centre_180", centreRef: "180-2026-0457", words: "The bill charged me twice for the same month." },
    ]);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await server?.stop();
    console.info(`complaints desk screenshots: ${SHOTS}`);
  });

  /** Opens a step's form, lets `fill` fill it, submits, and waits for the step's notice. */
  async function step(page: Page, name: string, notice: string, fill?: () => Promise<void>) {
    await page.getByTestId(`step-${name}`).click();
    await page.getByTestId(`form-${name}`).waitFor();
    if (fill) await fill();
    await page.getByTestId(`submit-${name}`).click();
    await page.getByTestId("notice").getByText(notice).waitFor();
  }
  /** A tap before hydration is the browser's and a plain button does nothing: wait for the page's scripts. */
  const hydrated = (page: Page) =>
    page.waitForFunction(() => (window as unknown as { __tmHydrated?: boolean }).__tmHydrated === true, null, { timeout: 60_000 });
  const open = async (page: Page, url: string) => {
    await page.goto(`${server.baseUrl}${url}`);
    await hydrated(page);
  };
  const reload = async (page: Page) => {
    await page.reload();
    await hydrated(page);
  };
  const status = (page: Page) => page.getByTestId("complaint-detail").getAttribute("data-status");
  const waitStatus = (page: Page, s: string) => page.locator(`[data-testid="complaint-detail"][data-status="${s}"]`).waitFor();

  test("customer service classifies, the department head accepts and resolves, customer service tells the customer and closes (zh-CN)", async () => {
    const service = await phone("zh-CN");
    await logIn(service, server.baseUrl, "service", "service-demo");
    await service.waitForURL("**/home");
    await service.getByTestId("desk-home-complaints").click();
    await service.waitForURL("**/complaints/desk");
    await hydrated(service);
    // both forms arrived through sync, unclassified, the nearest deadline first
    await service.getByTestId("complaint-list").getByText(counter.customerName).waitFor();
    await service.getByTestId("complaint-list").getByText(centre.customerName).waitFor();
    // the demo's forms are there too: at least these two wait to be classified
    expect(Number((await service.getByTestId("count-unclassified").textContent())!.replace(/\D/g, ""))).toBeGreaterThanOrEqual(2);
    await shot(service, "list-zh");

    // search by phone number finds the one form
    await service.getByTestId("filter-q").fill("13800138000");
    await service.getByTestId("filter-search").click();
    await service.waitForURL("**/complaints/desk?q=13800138000");
    await service.waitForFunction(() => document.querySelectorAll('[data-testid^="complaint-row-"]').length === 1);
    await service.getByTestId("complaint-list").getByText(counter.customerName).click();
    await service.waitForURL(`**/complaints/desk/${counter.id}`);
    const code = (await service.getByTestId("detail-code").textContent())!.trim();
    expect(code).toMatch(/^TS-\d{8}-\d{4}$/);
    await service.getByTestId("detail-words").getByText("宽带三天两头掉线").waitFor();
    // customer service classifies; it does not handle a department's steps before that
    expect(await service.getByTestId("step-accept").count()).toBe(0);
    await step(service, "classify", "已分类。", async () => {
      await service.getByTestId("classify-category").selectOption("fault_repair");
      // the category brings its usual department
      expect(await service.getByTestId("classify-department").inputValue()).toBe("terminal_service");
    });
    await waitStatus(service, "classified");
    await service.getByTestId("detail-department").getByText("终端服务部").waitFor();
    await service.getByTestId("timeline").getByText("分类").first().waitFor();

    // the department head of terminal service accepts and records the result
    const head = await phone("en-US");
    await logIn(head, server.baseUrl, "head", "head-demo-01");
    await head.waitForURL("**/home");
    await open(head, `/complaints/desk/${counter.id}`);
    await head.getByTestId("complaint-detail").waitFor();
    // the head may not classify (customer service's) and may not close before the customer is told
    expect(await head.getByTestId("step-classify").count()).toBe(0);
    expect(await head.getByTestId("step-close").count()).toBe(0);
    await step(head, "accept", "Accepted.");
    await waitStatus(head, "accepted");
    await step(head, "resolve", "Result saved.", async () => {
      await head.getByTestId("submit-resolve").click();
      // checked with the step's own schema before anything is sent
      await head.getByTestId("err-result").getByText("Required.").waitFor();
      await head.getByTestId("resolve-result").fill("Replaced the faulty splitter in the cabinet; line stable for 24 h.");
    });
    await waitStatus(head, "resolved");
    await shot(head, "form-en");

    // customer service tells the customer (by phone, now) and closes
    await reload(service);
    await waitStatus(service, "resolved");
    await step(service, "reply", "已记录答复。", async () => {
      await service.getByTestId("reply-method").selectOption("phone");
    });
    await waitStatus(service, "replied");
    await service.getByTestId("detail-reply").getByText("电话，", { exact: false }).waitFor();
    await step(service, "close", "已结案。");
    await waitStatus(service, "closed");
    expect(await status(service)).toBe("closed");
    await service.getByTestId("deadline").getByText("按时答复").waitFor();
    await shot(service, "form-zh");

    // on the desk it has left the open queue and is among the closed
    await service.getByTestId("back-to-desk").click();
    await service.getByTestId("state-closed").click();
    await service.waitForURL("**/complaints/desk?state=closed");
    await service.getByTestId(`complaint-row-${code}`).waitFor();
  });

  test("a 180 centre's form is answered in writing: no reply offered before its letter, then the letter PDF downloads and it closes (en)", async () => {
    const service = await phone("en-US");
    await logIn(service, server.baseUrl, "service", "service-demo");
    await service.waitForURL("**/home");
    await open(service, `/complaints/desk/${centre.id}`);
    await service.getByTestId("detail-centre-ref").getByText("180-2026-0457").waitFor();
    await step(service, "classify", "Classified.", async () => {
      await service.getByTestId("classify-category").selectOption("billing");
      await service.getByTestId("classify-department").selectOption("terminal_service");
    });

    const head = await phone("zh-CN");
    await logIn(head, server.baseUrl, "head", "head-demo-01");
    await head.waitForURL("**/home");
    await open(head, `/complaints/desk/${centre.id}`);
    await step(head, "accept", "已受理。");
    await step(head, "resolve", "已保存处理结果。", () => head.getByTestId("resolve-result").fill("重复计费已冲正，下月账单退回 58 元。"));

    await reload(service);
    await waitStatus(service, "resolved");
    // no reply is offered before the written reply (the server would refuse it: letter_required), nor closing
    await service.getByTestId("step-letter").waitFor();
    expect(await service.getByTestId("step-reply").count()).toBe(0);
    expect(await service.getByTestId("step-close").count()).toBe(0);
    await shot(service, "refused-en");
    expect(await status(service)).toBe("resolved");
    expect(await service.getByTestId("letter-pdf").count()).toBe(0);

    await step(service, "letter", "Written reply saved: the PDF is ready.", async () => {
      await service.getByTestId("letter-process").fill("Checked the billing records of November: the monthly fee was posted twice by a batch rerun.");
      // the result is prefilled from the department's
      expect(await service.getByTestId("letter-result").inputValue()).toContain("58");
    });
    const href = await service.getByTestId("letter-pdf").getAttribute("href");
    expect(href).toBe(`/api/complaints/${centre.id}/letter.pdf`);
    const pdf = await service.request.get(`${server.baseUrl}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toContain("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

    await step(service, "reply", "Reply recorded.", async () => {
      await service.getByTestId("reply-method").selectOption("letter");
    });
    await step(service, "close", "Form closed.");
    await waitStatus(service, "closed");
  });

  test("a key customer's service request: recorded with its number, escalated by quality to the general manager, reviewed from the general manager's home (zh-CN)", async () => {
    const service = await phone("zh-CN");
    await logIn(service, server.baseUrl, "service", "service-demo");
    await service.waitForURL("**/home");
    await open(service, "/complaints/desk/new");
    const bank = await service.getByTestId("sr-key").locator("option", { hasText: "工商银行城区支行" }).getAttribute("value");
    await service.getByTestId("sr-key").selectOption(bank);
    await service.getByTestId("sr-type").selectOption("repair");
    await service.getByTestId("sr-words").fill("营业厅专线中断，柜面业务停办，请立即抢修。");
    // the counter clerk's self-check (营业员自检) is required before the record is saved
    await service.getByTestId("sr-submit").click();
    await service.getByTestId("err-clerkCheck").getByText("请确认营业员自检。").waitFor();
    await service.getByTestId("clerk-check").click();
    await service.getByTestId("sr-submit").click();
    await service.waitForURL(/\/complaints\/desk\/[0-9a-f-]{36}\?created=TS-/);
    const code = (await service.getByTestId("detail-code").textContent())!.trim();
    await service.getByTestId("notice").getByText(`已登记服务记录 ${code}`).waitFor();
    await service.getByTestId("key-customer").waitFor();
    await service
      .getByTestId("detail-clerk-check")
      .getByText(/已自检/)
      .waitFor();
    await waitStatus(service, "classified");
    const id = service.url().split("/").pop()!.split("?")[0]!;

    // quality escalates it to the general manager, with the reason
    const quality = await phone("zh-CN");
    await logIn(quality, server.baseUrl, "quality", "quality-demo");
    await quality.waitForURL("**/home");
    await open(quality, `/complaints/desk/${id}`);
    // quality oversees: it escalates and reviews, it does not handle
    expect(await quality.getByTestId("step-accept").count()).toBe(0);
    await step(quality, "escalate", "已上报。", async () => {
      await quality.getByTestId("escalate-level").selectOption("general_manager");
      await quality.getByTestId("escalate-reason").fill("重点客户营业中断，请总经理协调。");
    });
    await quality.getByTestId("escalations").locator('[data-level="general_manager"]').waitFor();

    // the general manager's home lists it unreviewed; the review note moves it to reviewed
    const gm = await phone("zh-CN");
    await logIn(gm, server.baseUrl, "gm", "gm-demo-0001");
    await gm.waitForURL("**/home");
    await hydrated(gm);
    const row = gm.getByTestId(`escalated-${code}`);
    await row.waitFor();
    expect(await row.getAttribute("data-reviewed")).toBe("false");
    await shot(gm, "gm-home-zh");
    await row.locator("a").click();
    await gm.waitForURL(`**/complaints/desk/${id}`);
    await step(gm, "review", "已保存审阅意见。", () => gm.getByTestId("review-note").fill("同意，运维部两小时内到场，企业管理部跟进。"));
    await gm.getByTestId("timeline").locator('[data-action="reviewed"]').waitFor();
    await open(gm, "/home");
    await gm.locator(`[data-testid="escalated-${code}"][data-reviewed="true"]`).waitFor();
  });

  test("screens: the policy (quality) and the month summary, in both languages", async () => {
    for (const locale of ["zh-CN", "en-US"]) {
      const quality = await phone(locale);
      await logIn(quality, server.baseUrl, "quality", "quality-demo");
      await quality.waitForURL("**/home");
      await open(quality, `/complaints/policy`);
      await quality.getByTestId("policy-table").waitFor();
      expect(await quality.getByTestId("policy-form").getAttribute("data-version")).toBe("1");
      const lang = locale.slice(0, 2);
      await shot(quality, `policy-${lang}`);
      // this month holds the two forms above, live: it is not over, so it cannot be produced yet
      await open(quality, `/complaints/summary?month=${thisMonth}`);
      await quality.getByTestId("summary-total").waitFor();
      expect(Number(await quality.getByTestId("summary-total").textContent())).toBeGreaterThanOrEqual(2);
      await quality.getByTestId("summary-not-over").waitFor();
      expect(await quality.getByTestId("summary-produce").count()).toBe(0);
      // last month by default: over, produced on demand
      await open(quality, `/complaints/summary`);
      await quality.getByTestId("summary-figures").waitFor();
      await quality.getByTestId("summary-produce").click();
      await quality.getByTestId("notice").waitFor();
      await quality.locator('[data-testid="summary-produced"][data-produced="true"]').waitFor();
      const csv = await quality.request.get(`${server.baseUrl}/api/complaints/summary/${thisMonth}?format=csv`);
      expect(csv.status()).toBe(200);
      await shot(quality, `summary-${lang}`);
      await open(quality, `/complaints/desk?state=all`);
      await quality.getByTestId("complaint-list").waitFor();
      await shot(quality, `all-${lang}`);
    }
  });
});
