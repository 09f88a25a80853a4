import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PAGES_CACHE, RSC_CACHE } from "@/client/sw-caches";
import { logIn, openPhone, waitForServiceWorker, waitUntil } from "./support/browser";
import { e2eAvailable } from "./support/require";
import { startAppServer, type AppServer } from "./support/server";

const run = e2eAvailable();
const SHOTS = process.env.TM_SHOTS ?? mkdtempSync(path.join(tmpdir(), "tm-language-shots-"));

/** How many copies of `path` the worker's cache `name` holds. */
const cachedCopies = (arg: { name: string; path: string }) =>
  caches.open(arg.name).then(async (cache) => {
    const keys = (await cache.keys()).filter((r) => new URL(r.url).pathname === arg.path);
    return keys.length;
  });

describe.runIf(run)("switching the language (ADR 0047)", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startAppServer({ port: 3762 });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await server?.stop();
  });

  test("a slow server does not answer the switch from the old language's offline copies; offline it is refused and says why", async () => {
    const { context, page } = await openPhone({ locale: "zh-CN" });
    contexts.push(context);
    await logIn(page, server.baseUrl, "lineman", "lineman-demo");
    await page.waitForURL("**/home");
    await waitForServiceWorker(page);
    await page.getByTestId("nav-me").click();
    await page.waitForURL("**/me");
    await page.getByRole("heading", { name: "我的", exact: true }).waitFor();
    // the worker kept the Chinese screen: the copy a slow answer (over its 4 s network timeout) used to come from
    await waitUntil(page, cachedCopies, { name: RSC_CACHE, path: "/me" }, { timeout: 60_000 });

    // the server answers the screens slowly, past the worker's network timeout
    let slowed = 0;
    await context.route(
      (url) => url.pathname === "/me",
      async (route) => {
        if (route.request().headers()["rsc"] === "1") {
          slowed += 1;
          await new Promise((r) => setTimeout(r, 6_000));
        }
        await route.continue().catch(() => undefined);
      },
    );
    await page.getByTestId("lang-en").click();
    await page.getByRole("heading", { name: "Me", exact: true }).waitFor({ timeout: 30_000 });
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(slowed).toBeGreaterThan(0);
    await context.unroute((url) => url.pathname === "/me");

    // the offline screens come back, in English: the home kept for no signal is the English one
    await waitUntil(page, (path: string) => caches.match(path).then(async (res) => Boolean(res && (await res.text()).includes('<html lang="en"'))), "/home", {
      timeout: 60_000,
    });
    expect(await page.evaluate(cachedCopies, { name: PAGES_CACHE, path: "/home" })).toBe(1);

    // no signal: the switch is refused with the reason, and the screen stays in English
    await context.setOffline(true);
    await page.getByTestId("connection").getByText("Offline").waitFor();
    await page.getByTestId("lang-zh-CN").click();
    const refused = page.getByTestId("lang-offline");
    await refused.waitFor();
    expect(await refused.textContent()).toContain("No signal");
    await page.screenshot({ path: path.join(SHOTS, "me-language-offline-en.png"), fullPage: true });
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.getByRole("heading", { name: "Me", exact: true }).waitFor();

    // signal again: the same tap switches
    await context.setOffline(false);
    await page.getByTestId("connection").getByText("Online").waitFor({ timeout: 30_000 });
    await page.getByTestId("lang-zh-CN").click();
    await page.getByRole("heading", { name: "我的", exact: true }).waitFor({ timeout: 30_000 });
    expect(await refused.count()).toBe(0);
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
  });

  test("a tap before the screen's scripts have run is not lost", async () => {
    const { context, page } = await openPhone({ locale: "en-US", serviceWorkers: "block" });
    contexts.push(context);
    await logIn(page, server.baseUrl, "lineman", "lineman-demo");
    await page.waitForURL("**/home");
    await page.getByRole("heading", { name: "Today's work orders" }).waitFor();

    // the screen's scripts are held on the network: the page is painted, React has not taken it over
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    await context.route("**/_next/static/chunks/**", async (route) => {
      await held;
      await route.continue().catch(() => undefined);
    });
    await page.goto(`${server.baseUrl}/me`, { waitUntil: "domcontentloaded" });
    await page.getByRole("heading", { name: "Me", exact: true }).waitFor();
    expect(await page.evaluate(() => (window as { __tmHydrated?: boolean }).__tmHydrated === true)).toBe(false);
    await page.getByTestId("lang-zh-CN").click();
    // the tap neither reloaded the page nor went into the address
    expect(new URL(page.url()).search).toBe("");

    release();
    await page.getByRole("heading", { name: "我的", exact: true }).waitFor({ timeout: 60_000 });
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    expect(new URL(page.url()).search).toBe("");
  });
});
