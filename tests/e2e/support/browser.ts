import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A fresh, empty browser profile directory: pass it to openPhone again to reopen "the same phone". */
export function newProfileDir(): string {
  return mkdtempSync(path.join(tmpdir(), "tm-phone-"));
}

/**
 * A phone: 390×844, touch, its own profile (service worker, caches, IndexedDB), a browser language.
 * `profileDir` reopens an earlier phone (same IndexedDB outbox, caches and cookies) after its context closed.
 * `extraArgs` adds Chromium flags (the scanner test's fake camera).
 */
export async function openPhone(
  opts: {
    locale?: string;
    profileDir?: string;
    /** More Chromium flags, e.g. a fake camera. */ extraArgs?: string[];
    /** "block": no service worker, so every script comes from the network (and can be held there). */ serviceWorkers?: "allow" | "block";
  } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(opts.profileDir ?? newProfileDir(), {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_FLAGS, ...(opts.extraArgs ?? [])],
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: opts.locale ?? "zh-CN",
    serviceWorkers: opts.serviceWorkers ?? "allow",
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

export async function logIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId("username").fill(username);
  await page.getByTestId("password").fill(password);
  await page.getByTestId("login-submit").click();
}

/**
 * Waits until the service worker is active and controls the page. why so patient, and why reload: installing
 * precaches ~75 files (3.7 MB); on a 2-core machine held by two busy loops it took over 30 s, and once an install
 * failed outright (a precache fetch gave up), leaving no worker at all, as a phone would until its next visit
 * (issue 11 §6). So: poll without blocking, and when no worker is on its way (or one is active but does not
 * control the page), load the page again, which registers again as the next visit would.
 */
export async function waitForServiceWorker(page: Page, timeout = 180_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let since = Date.now();
  for (;;) {
    const state = await page
      .evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        return { active: Boolean(reg?.active), controlled: navigator.serviceWorker.controller !== null, coming: Boolean(reg?.installing || reg?.waiting) };
      })
      .catch(() => null);
    if (state?.active && state.controlled) return;
    if (Date.now() > deadline) throw new Error(`waitForServiceWorker: no controlling service worker after ${timeout} ms (last state ${JSON.stringify(state)})`);
    if (state && !state.coming && Date.now() - since > 20_000) {
      await page.reload().catch(() => undefined);
      since = Date.now();
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Waits until `fn` (run in the page, may be async) returns a truthy value. Playwright's waitForFunction does NOT await
 * a returned Promise (a Promise is truthy, so it resolves at once): every wait on IndexedDB, CacheStorage or the
 * service worker goes through this instead.
 */
export async function waitUntil<A>(page: Page, fn: (arg: A) => unknown, arg?: A, opts: { timeout?: number; polling?: number } = {}): Promise<void> {
  const deadline = Date.now() + (opts.timeout ?? 30_000);
  for (;;) {
    // a navigation during the check (page reload, redirect) counts as "not yet"
    // and a check that never settles (e.g. serviceWorker.ready with no worker) is given up at the deadline
    const left = Math.max(0, deadline - Date.now());
    const check = page.evaluate(fn as (arg: unknown) => unknown, arg as unknown).catch(() => false);
    if (await Promise.race([check, new Promise((r) => setTimeout(() => r(false), left))])) return;
    if (Date.now() > deadline) throw new Error(`waitUntil: timed out after ${opts.timeout ?? 30_000} ms: ${String(fn).slice(0, 160)}`);
    await new Promise((r) => setTimeout(r, opts.polling ?? 250));
  }
}
