/**
 * A PBX application and its on-site inspection (issue 16, P2, ADR 0039), in Chromium at 390×844. Customer service
 * (service, in Chinese) records an application with the expired certificate 03-A498-186502 (JSY2000-06): refused with
 * the reason, nothing recorded; then one with the valid 03-A511-240178 (KX-TES824CN), and schedules round 1 with two
 * inspectors, the lineman and herself. The lineman's phone (in English) syncs and goes offline: the round is recorded
 * item by item, power and earthing fails with its reading, a note and a photo; the app is closed mid-round and
 * reopened with no signal (nothing lost); both inspectors sign on the phone; submitted with no signal. Back online the
 * case is failed. The office issues the rectification letter, records the customer's rectification and schedules the
 * re-inspection of the failed item: the phone shows the previous result, the item passes, the case passes. Then the
 * desk creates the installation order linked to the case; the lineman connects the PBX on it (the label checked, the
 * inspection passed, no details typed) and closing the order marks the case connected.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { logIn, newProfileDir, openPhone, waitForServiceWorker, waitUntil } from "./support/browser";
import { labelPhotoFile } from "./support/labels";
import { e2eAvailable } from "./support/require";
import { seededDataDir, startAppServer, type AppServer } from "./support/server";
import { draw, idbAll, shot, syncNow, waitPending } from "./support/work-orders";

const run = e2eAvailable();
const PORT = 3730;
const LINEMAN = "王建国 Wang Jianguo";
const SERVICE = "周静 Zhou Jing";

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

interface CaseView {
  case: { id: string; code: string; status: string };
  rounds: {
    roundNo: number;
    status: string;
    inspectors: { name: string; signedAt: string | null }[];
    items: { clause: string; result: string | null; note: string; photoSha256: string | null }[];
  }[];
  letters: { code: string }[];
}

async function caseView(server: AppServer, cookie: string, id: string): Promise<CaseView> {
  const r = await trpc(server, "query", "property.get", { id }, cookie);
  expect(r.status, JSON.stringify(r.error)).toBe(200);
  return r.data as CaseView;
}

/** Every visible target on the page smaller than 48 px in either direction (as tests/e2e/touch-targets.test.ts). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="radio"]';
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      if (el.closest("[hidden], [inert], [aria-hidden='true'], dialog:not([open])")) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none") continue;
      const r = el.getBoundingClientRect();
      if (r.width <= 2 || r.height <= 2 || r.right <= 0 || r.left >= window.innerWidth) continue;
      if (r.width + 0.5 < 48 || r.height + 0.5 < 48)
        out.push(`${el.tagName} ${el.getAttribute("data-testid") ?? ""} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
}

describe.runIf(run)(
  "a PBX application: refused with an expired certificate; inspected offline by two inspectors, failed, re-inspected, passed, connected",
  () => {
    let server: AppServer;
    const contexts: BrowserContext[] = [];

    beforeAll(async () => {
      server = await startAppServer({ port: PORT, dataDir: await seededDataDir() });
    });
    afterAll(async () => {
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
      await server?.stop();
    });

    async function phone(profileDir: string, locale: string): Promise<Page> {
      const p = await openPhone({ locale, profileDir });
      contexts.push(p.context);
      return p.page;
    }

    /** The office's step on the case screen: open it, submit it, wait for the case's new status. */
    async function officeStep(office: Page, step: string, status: string): Promise<void> {
      // inside the case page: under two processes a streamed copy of the steps was once found outside it for a moment
      const page = office.getByTestId("property-case");
      await page.getByTestId(`open-${step}`).click();
      await page.getByTestId(`form-${step}`).waitFor();
      await page.getByTestId(`submit-${step}`).click();
      await office.getByTestId("property-case").locator(`[data-testid="case-detail"][data-status="${status}"]`).waitFor({ timeout: 20_000 });
    }

    async function schedule(office: Page, status = "scheduled"): Promise<void> {
      await office.getByTestId("property-case").getByTestId("open-schedule").click();
      await office.getByTestId("property-case").getByTestId("form-schedule").waitFor();
      for (const name of [LINEMAN, SERVICE]) await office.locator(`[data-testid^="inspector-"][data-name="${name}"]`).click();
      await office.getByTestId("property-case").getByTestId("submit-schedule").click();
      await office.getByTestId("property-case").locator(`[data-testid="case-detail"][data-status="${status}"]`).waitFor({ timeout: 20_000 });
    }

    /** Both inspectors sign on the lineman's phone. */
    async function signBoth(page: Page): Promise<void> {
      const inspectors = page.getByTestId("round-inspector");
      expect(await inspectors.count()).toBe(2);
      const ids = await inspectors.evaluateAll((els) => els.map((e) => e.getAttribute("data-user")!));
      for (const [i, id] of ids.entries()) {
        await draw(page, `round-sign-${id}`, i + 1);
        await page.locator(`[data-testid="round-inspector"][data-user="${id}"][data-signed="true"]`).waitFor();
      }
    }

    test("refused, recorded, inspected offline, failed, letter, rectified, re-inspected, passed, connected", { timeout: 600_000 }, async () => {
      const base = server.baseUrl;
      const serviceCookie = await cookieOf(server, "service", "service-demo");

      // ── customer service records the written application (in Chinese) ──────────────────────────────────────────
      const office = await phone(newProfileDir(), "zh-CN");
      await logIn(office, base, "service", "service-demo");
      await office.waitForURL("**/home");
      await office.goto(`${base}/property/pbx/new`);
      await office.getByTestId("pbx-form").waitFor();
      const fill = async (values: Record<string, string>) => {
        for (const [k, v] of Object.entries(values)) await office.getByTestId(`input-${k}`).fill(v);
      };
      await fill({
        customerName: "华信贸易有限公司",
        customerPhone: "0571-8765 4321",
        customerAddress: "杭州市西湖区文三路 90 号 5 楼",
        certificateNo: "03-A498-186502",
        model: "JSY2000-06",
        capacity: "8 外线 / 48 分机",
        standard: "程控数字",
        connection: "模拟中继",
        power: "220V 交流 + UPS",
        ancillary: "话务台 1 台、计费终端 1 台",
        trunkLines: "8",
      });
      await office.getByTestId("pbx-submit").click();
      // the expired certificate: refused with the reason, nothing recorded
      const refused = office.locator('[data-testid="pbx-refused"][data-rule="license_expired"]');
      await refused.waitFor({ timeout: 20_000 });
      expect(await refused.textContent()).toContain("进网许可证已过期");
      await shot(office, "pbx-refused-zh");
      const none = await trpc(server, "query", "property.list", { kind: "pbx", q: "华信" }, serviceCookie);
      expect((none.data as { total: number }).total).toBe(0);

      // the valid certificate and its model: recorded
      await fill({ certificateNo: "03-A511-240178", model: "KX-TES824CN" });
      await office.getByTestId("pbx-submit").click();
      await office.waitForURL(/\/property\/[0-9a-f-]{36}/, { timeout: 20_000 });
      const detail = office.getByTestId("property-case").getByTestId("case-detail");
      await detail.waitFor();
      const code = (await detail.getAttribute("data-code"))!;
      const caseId = office.url().match(/property\/([0-9a-f-]{36})/)![1]!;
      expect(code).toMatch(/^PBX-\d{4}-\d{4}$/);
      expect(await detail.getAttribute("data-status")).toBe("recorded");

      // round 1: the lineman (terminal service verifies) and customer service
      await schedule(office);
      await shot(office, "pbx-scheduled-zh");
      // customer service inspects too: her home says so, and her rounds list it (in Chinese)
      await office.goto(`${base}/home`);
      await office.getByTestId("home-rounds").waitFor({ timeout: 30_000 });
      await shot(office, "home-rounds-zh");
      await office.getByTestId("home-rounds").click();
      await office.getByTestId(`property-round-${code}-1`).click();
      await office.getByTestId("round-page").waitFor();
      expect(await office.getByTestId("round-submit-reason").textContent()).toContain("请先记录全部项目");
      await shot(office, "round-open-zh");

      // ── the lineman's phone syncs, then has no signal at the customer's ────────────────────────────────────────
      const profile = newProfileDir();
      let page = await phone(profile, "en-US");
      await logIn(page, base, "lineman", "lineman-demo");
      await page.waitForURL("**/home");
      await waitForServiceWorker(page);
      await page.reload();
      await waitUntil(page, async () => Boolean(await (await caches.open("tm-pages")).match("/property/rounds")), undefined, { timeout: 60_000 });
      await expect
        .poll(async () => (await idbAll<{ caseCode: string }>(page, "propertyRounds")).some((r) => r.caseCode === code), { timeout: 30_000 })
        .toBe(true);
      // the home says there is a round to do; my rounds list it
      await page.getByTestId("home-rounds").click();
      await page.getByTestId("property-rounds").waitFor();
      const listed = page.getByTestId(`property-round-${code}-1`);
      await listed.waitFor();
      expect(await listed.textContent()).toContain("华信贸易有限公司");
      await shot(page, "rounds-list-en");

      await server.stop();
      await listed.click();
      const roundPage = page.getByTestId("round-page");
      await roundPage.waitFor();
      const roundId = (await roundPage.getAttribute("data-round-id"))!;
      expect(await page.getByTestId("round-submit").isDisabled()).toBe(true);
      expect(await page.getByTestId("round-submit-reason").getAttribute("data-reason")).toBe("results");
      await page.getByTestId("round-summary").locator("summary").click();
      expect(await page.getByTestId("round-summary").textContent()).toContain("KX-TES824CN");
      await shot(page, "round-open-en");

      const items = page.getByTestId("round-item");
      const clauses = await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-clause")!));
      expect(clauses).toContain("P2-5");
      const item = (clause: string) => page.locator(`[data-testid="round-item"][data-clause="${clause}"]`);
      // half the items, then the app is closed
      const half = clauses.slice(0, 3).filter((c) => c !== "P2-5");
      for (const c of half) await item(c).getByTestId("round-item-pass").click();
      await expect.poll(async () => roundPage.getAttribute("data-done")).toBe(String(half.length));
      await page.waitForTimeout(300);
      await page.context().close();
      page = await phone(profile, "en-US");
      await page.goto(`${base}/property/rounds#${roundId}`);
      await page.getByTestId("round-page").waitFor({ timeout: 30_000 });
      expect(await page.getByTestId("round-page").getAttribute("data-done")).toBe(String(half.length));

      // power and earthing fails: its reading, why, a photo; the note is asked for
      const earthing = item("P2-5");
      await earthing.getByTestId("round-item-fail").click();
      await earthing.getByTestId("round-item-note-missing").waitFor();
      await earthing.getByTestId("round-item-measurement").fill("12");
      await earthing.getByTestId("round-item-note").fill("Earthing resistance 12 Ω, over 4 Ω");
      await earthing.getByTestId("round-item-photo-input").setInputFiles(await labelPhotoFile("P2-5 earthing"));
      await earthing.locator('[data-testid="round-item-photo"][data-state="attached"]').waitFor();
      await shot(page, "round-failed-item-en");
      for (const c of clauses.filter((c) => c !== "P2-5" && !half.includes(c))) {
        await item(c).getByTestId("round-item-pass").click();
        const measurement = item(c).getByTestId("round-item-measurement");
        if (await measurement.count()) await measurement.fill("8");
      }
      await expect.poll(async () => page.getByTestId("round-page").getAttribute("data-done")).toBe(String(clauses.length));
      expect(await page.getByTestId("round-verdict").getAttribute("data-verdict")).toBe("failed");
      expect(await page.getByTestId("round-submit-reason").getAttribute("data-reason")).toBe("signatures");

      // each named inspector signs on this phone, with name and department shown
      expect(await page.getByTestId("round-signatures").textContent()).toContain("Customer Service Dept");
      await signBoth(page);
      expect(await page.getByTestId("round-submit").isDisabled()).toBe(false);
      expect(await smallTargets(page)).toEqual([]);
      await shot(page, "round-signed-en");

      // submitted with no signal: kept on the phone
      await page.getByTestId("round-submit").click();
      await page.getByTestId("round-submit-confirm-yes").click();
      const sent = page.getByTestId("round-sent");
      await sent.waitFor();
      await waitPending(page, 1);
      expect(await sent.getAttribute("data-state")).toBe("queued");
      await shot(page, "round-queued-en");

      // back online: sent, and the server's verdict comes back with the feed
      await server.start();
      await syncNow(page);
      await page.locator('[data-testid="round-sent"][data-state="failed"]').waitFor({ timeout: 30_000 });
      await shot(page, "round-failed-verdict-en");
      let view = await caseView(server, serviceCookie, caseId);
      expect(view.case.status).toBe("failed");
      const r1 = view.rounds.find((r) => r.roundNo === 1)!;
      expect(r1.status).toBe("failed");
      expect(r1.inspectors.every((i) => i.signedAt !== null)).toBe(true);
      const failedItem = r1.items.find((i) => i.clause === "P2-5")!;
      expect([failedItem.result, failedItem.note, failedItem.photoSha256 !== null]).toEqual(["fail", "Earthing resistance 12 Ω, over 4 Ω", true]);
      expect(r1.items.filter((i) => i.result === "pass")).toHaveLength(clauses.length - 1);

      // ── the office: the rectification letter, the customer's rectification, the re-inspection ──────────────────
      await office.goto(`${base}/property/${caseId}`);
      await office.getByTestId("property-case").locator('[data-testid="case-detail"][data-status="failed"]').waitFor();
      await officeStep(office, "issueLetter", "rectifying");
      view = await caseView(server, serviceCookie, caseId);
      expect(view.letters).toHaveLength(1);
      await officeStep(office, "reportRectified", "rectified");
      await schedule(office);
      await shot(office, "pbx-reinspection-zh");

      // the phone: round 2 is the failed item, with what the first round found
      await syncNow(page);
      await page.goto(`${base}/property/rounds`);
      const second = page.getByTestId(`property-round-${code}-2`);
      await second.waitFor({ timeout: 30_000 });
      await second.click();
      await page.locator(`[data-testid="round-page"]`).waitFor();
      expect(await page.getByTestId("round-item").count()).toBe(1);
      const again = item("P2-5");
      expect(await again.getByTestId("round-item-previous").getAttribute("data-result")).toBe("fail");
      expect(await again.getByTestId("round-item-previous").textContent()).toContain("Earthing resistance 12 Ω");
      await again.getByTestId("round-item-pass").click();
      await again.getByTestId("round-item-measurement").fill("3.2");
      await shot(page, "round-reinspection-en");
      await signBoth(page);
      await page.getByTestId("round-submit").click();
      await page.getByTestId("round-submit-confirm-yes").click();
      await page.getByTestId("round-sent").waitFor();
      await syncNow(page);
      await page.locator('[data-testid="round-sent"][data-state="passed"]').waitFor({ timeout: 30_000 });
      await shot(page, "round-passed-verdict-en");
      expect((await caseView(server, serviceCookie, caseId)).case.status).toBe("passed");

      // ── connected by the work order: the desk links the installation order to the case; the lineman connects the
      // PBX (its label checked, the inspection passed) and the order's close marks the case connected ────────────────
      await office.goto(`${base}/work-orders/desk/new`);
      await office.getByTestId("create-form").waitFor();
      await office.locator('input[name="kind"][value="install"]').check();
      await office.locator('input[name="customerName"]').fill("华信贸易有限公司");
      await office.locator('input[name="address"]').fill("杭州市西湖区文三路 90 号 5 楼");
      await office.locator('input[name="contact"]').fill("0571-8765 4321");
      await office.locator('input[name="service"]').fill("用户交换机接入 8 中继 / PBX on 8 trunks");
      const wang = await office.getByTestId("create-assignee").locator("option", { hasText: "王建国" }).getAttribute("value");
      await office.getByTestId("create-assignee").selectOption(wang);
      await office.getByTestId(`case-${code}`).click();
      await office.getByTestId("clerk-check").click();
      await office.getByTestId("create-save").click();
      await office.waitForURL(/\/work-orders\/desk\/[0-9a-f-]{36}\?created=/, { timeout: 20_000 });
      const woCode = (await office.getByTestId("detail-code").textContent())!.trim();
      await shot(office, "pbx-work-order-zh");

      await syncNow(page);
      await page.goto(`${base}/home`);
      await page.getByTestId(`open-${woCode}`).click();
      await page.locator(`[data-testid="wo-page"][data-code="${woCode}"]`).waitFor();
      await page.getByTestId("check-type-start").click();
      await page.getByTestId("check-code").fill("03-A511-240178");
      await page.locator('[data-testid="verdict"][data-result="valid"]').waitFor();
      await page.getByTestId("check-serial").fill("KX-TES824-7781");
      // the order's case passed its inspection: the PBX may be connected
      expect(await page.getByTestId("check-pbx-case").getAttribute("data-tone")).toBe("ok");
      await shot(page, "work-order-pbx-check-en");
      await page.getByTestId("outcome-connected").click();
      await page.locator('[data-testid="check"][data-outcome="connected"]').waitFor();
      await draw(page, "lineman-signature", 3);
      await page.getByTestId("sign-hand-over").click();
      await page.waitForURL(/\/customer#/);
      await page.getByTestId("rating-attitude-5").click();
      await page.getByTestId("rating-onTime-5").click();
      await draw(page, "customer-signature", 4);
      await page.getByTestId("customer-sign").click();
      await page.locator('[data-testid="customer-done"][data-kind="customer_signed"]').waitFor();
      await page.getByTestId("unlock-password").fill("lineman-demo");
      expect(await page.getByTestId("unlock-submit").getAttribute("data-closes")).toBe("true");
      await page.getByTestId("unlock-submit").click();
      await page.locator('[data-testid="wo-status"][data-status="closed"]').waitFor({ timeout: 20_000 });
      await syncNow(page);
      await expect.poll(async () => (await caseView(server, serviceCookie, caseId)).case.status, { timeout: 30_000 }).toBe("connected");
      await office.goto(`${base}/property/${caseId}`);
      await office.getByTestId("property-case").locator('[data-testid="case-detail"][data-status="connected"]').waitFor();
      await shot(office, "pbx-connected-zh");
      view = await caseView(server, serviceCookie, caseId);
      expect(view.case.status).toBe("connected");
      expect(view.rounds.map((r) => [r.roundNo, r.status])).toEqual([
        [1, "failed"],
        [2, "passed"],
      ]);
    });
  },
);
