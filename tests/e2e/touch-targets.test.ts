/**
 * Field screens are used one-handed, outdoors, often with gloves (issue 10, defect 9): every interactive element a
 * thumb can reach is at least 48×48 CSS px, and no field screen shows a browser-default date, time or file input
 * (Chromium's date input clips to "mm/dd/yyy" on a phone; a bare file input says "No file chosen").
 * Each role's field screens are opened on a 390×844 phone in both languages and every target is measured.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { logIn, openPhone } from "./support/browser";
import { waitPending } from "./support/phone";
import { e2eAvailable } from "./support/require";
import { seededDataDir, startAppServer, type AppServer } from "./support/server";

const run = e2eAvailable();
const MIN = 48;

interface Offender {
  screen: string;
  what: string;
  w: number;
  h: number;
}

/** Every visible interactive element on the page that is smaller than MIN in either direction. */
async function smallTargets(page: Page, screen: string): Promise<{ measured: number; offenders: Offender[] }> {
  const { measured, found } = await page.evaluate((min) => {
    const selector =
      'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"], [role="tab"], [role="checkbox"], [role="radio"], [tabindex]:not([tabindex="-1"])';
    const out: { what: string; w: number; h: number }[] = [];
    let n = 0;
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      if (el.closest("[hidden], [inert], [aria-hidden='true']")) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none") continue;
      const r = el.getBoundingClientRect();
      // visually hidden controls (a file input behind its big label, the skip link off-screen) are reached
      // through their label or by keyboard focus; their label is measured instead
      if (r.width <= 2 || r.height <= 2 || r.right <= 0 || r.left >= window.innerWidth) continue;
      n++;
      let w = r.width;
      let h = r.height;
      // a checkbox or radio counts with the label that wraps it: the label is the target a finger hits
      if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
        const label = el.closest("label");
        if (label) {
          const lr = label.getBoundingClientRect();
          w = lr.width;
          h = lr.height;
        }
      }
      if (w + 0.5 < min || h + 0.5 < min) {
        const id = el.getAttribute("data-testid") ?? el.getAttribute("aria-label") ?? el.getAttribute("name") ?? "";
        const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 30);
        out.push({ what: `<${el.tagName.toLowerCase()}${id ? ` ${id}` : ""}> ${text}`, w: Math.round(w), h: Math.round(h) });
      }
    }
    return { measured: n, found: out };
  }, MIN);
  return { measured, offenders: found.map((f) => ({ screen, ...f })) };
}

/** Browser-default date/time/file inputs that are visible on the page. */
async function defaultInputs(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(
      document.querySelectorAll<HTMLInputElement>(
        'input[type="date"], input[type="datetime-local"], input[type="time"], input[type="month"], input[type="week"], input[type="file"]',
      ),
    )
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 2 && r.height > 2 && getComputedStyle(el).visibility !== "hidden";
      })
      .map((el) => `${el.type} ${el.getAttribute("data-testid") ?? el.name}`),
  );
}

type Step = { screen: string; go: (page: Page, base: string) => Promise<void> };

const visit = (path: string, ready?: string): Step => ({
  screen: path,
  go: async (page, base) => {
    await page.goto(`${base}${path}`);
    if (ready) await page.locator(ready).first().waitFor({ timeout: 30_000 });
    else await page.waitForLoadState("networkidle");
    await page.waitForTimeout(300); // why: let late client-only parts (counts, cached lists) render before measuring
  },
});

const PLAN: { user: string; password: string; steps: Step[] }[] = [
  {
    user: "lineman",
    password: "lineman-demo",
    steps: [
      visit("/home", '[data-testid^="wo-card-"]'),
      visit("/work-orders", '[data-testid^="wo-card-"]'),
      {
        screen: "/work-orders#<order>",
        go: async (page, base) => {
          await page.goto(`${base}/work-orders`);
          await page.locator('[data-testid^="open-WO-"]').first().click();
          await page.waitForTimeout(800);
        },
      },
      visit("/scan", '[data-testid="manual-code"]'),
      visit("/instruments"),
      {
        screen: "/instruments#IN-000305 borrow",
        go: async (page, base) => {
          await page.goto(`${base}/instruments#IN-000305`);
          await page.getByTestId("action-borrow_short").click();
          await page.waitForTimeout(300);
        },
      },
      visit("/attention"),
      visit("/me"),
      // issue 13: first-asker intake and the lineman's own records
      visit("/complaints/new", '[data-testid="complaint-form"]'),
      visit("/complaints", '[data-testid="complaint-row"]'),
    ],
  },
  {
    user: "service",
    password: "service-demo",
    steps: [visit("/complaints/desk", '[data-testid^="complaint-row-"]')],
  },
  {
    user: "keeper",
    password: "keeper-demo1",
    steps: [
      visit("/home"),
      visit("/zones#WH1-IN", '[data-testid^="item-link-"]'),
      {
        screen: "/items#ST-000101 change",
        go: async (page, base) => {
          await page.goto(`${base}/items#ST-000101`);
          await page.locator('[data-testid="item-page"][data-tag="ST-000101"]').waitFor({ timeout: 30_000 });
          await page.locator('[data-testid^="target-"]').first().click();
          await page.waitForTimeout(300);
        },
      },
      visit("/scan", '[data-testid="manual-code"]'),
      // issue 14: receiving (a line added from the catalogue), recent receipts, labelling by the form, issue/return
      {
        screen: "/warehouse/receive with a line",
        go: async (page, base) => {
          await page.goto(`${base}/warehouse/receive`);
          await page.getByTestId("catalogue-open").click();
          await page.locator('[data-testid^="material-"]').first().click();
          await page.getByTestId("receive-line").waitFor({ timeout: 30_000 });
          await page.waitForTimeout(300);
        },
      },
      visit("/warehouse/receive#list", '[data-testid="receipt-row"]'),
      visit("/warehouse/label", '[data-testid="receipt-row"]'),
      visit("/warehouse/move#ST-000103", '[data-testid="move-form"]'),
    ],
  },
  { user: "custodian", password: "custodian-demo", steps: [visit("/home"), visit("/instruments")] },
  { user: "head", password: "head-demo-01", steps: [visit("/home")] },
  { user: "ops", password: "ops-demo-001", steps: [visit("/home")] },
  {
    user: "quality",
    password: "quality-demo",
    steps: [
      visit("/home"),
      // issue 15: the label spot-check walk: my checks and the zones, then a walk with a tag scanned and a finding open
      visit("/quality/check", '[data-testid="quality-zones"]'),
      {
        screen: "/quality/check#WH1-A finding",
        go: async (page, base) => {
          await page.goto(`${base}/quality/check#WH1-A`);
          await page.getByTestId("walk-page").waitFor({ timeout: 30_000 });
          await page.getByTestId("count-tag-input").fill("ST-000104");
          await page.getByTestId("count-tag-add").click();
          await page.getByTestId("mark-wrong_label").click();
          await page.getByTestId("finding").waitFor();
          await page.waitForTimeout(300);
        },
      },
      {
        screen: "/quality/check#WH1-A without a tag",
        go: async (page, base) => {
          await page.goto(`${base}/quality/check#WH1-A`);
          // the same address as the step before: load it afresh (its finding form is left open otherwise)
          await page.reload();
          await page.getByTestId("walk-page").waitFor({ timeout: 30_000 });
          await page.getByTestId("free-open").click();
          await page.getByTestId("free").waitFor();
          await page.waitForTimeout(300);
        },
      },
    ],
  },
];

describe.runIf(run)("field screens: every target ≥ 48×48 px, no browser-default date or file inputs", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startAppServer({ port: 3483, dataDir: await seededDataDir() });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
  });

  for (const locale of ["zh-CN", "en-US"]) {
    test(`${locale}: each field role's screens`, { timeout: 300_000 }, async () => {
      const offenders: Offender[] = [];
      const defaults: string[] = [];
      let screens = 0;
      for (const { user, password, steps } of PLAN) {
        const phone = await openPhone({ locale });
        contexts.push(phone.context);
        const page = phone.page;
        await logIn(page, server.baseUrl, user, password);
        await page.waitForURL("**/home");
        await waitPending(page, 0, 30_000);
        for (const step of steps) {
          await step.go(page, server.baseUrl);
          // SHOTS_DIR=<folder> keeps a picture of every screen measured, to look at by eye
          if (process.env.SHOTS_DIR)
            await page.screenshot({ path: `${process.env.SHOTS_DIR}/${locale}-${user}-${step.screen.replace(/[^a-z0-9]+/gi, "_")}.png` });
          const seen = await smallTargets(page, `${user} ${step.screen}`);
          // every screen has at least its navigation and one control of its own: an empty measure is a broken step
          expect(seen.measured, `${user} ${step.screen}`).toBeGreaterThan(4);
          offenders.push(...seen.offenders);
          defaults.push(...(await defaultInputs(page)).map((d) => `${user} ${step.screen}: ${d}`));
          screens++;
        }
        await phone.context.close();
      }
      expect(screens).toBe(PLAN.reduce((n, p) => n + p.steps.length, 0));
      expect.soft(defaults).toEqual([]);
      expect(offenders.map((o) => `${o.screen}: ${o.what} (${o.w}×${o.h})`)).toEqual([]);
    });
  }
});
