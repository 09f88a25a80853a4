import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { logIn, openPhone } from "./support/browser";
import { e2eAvailable } from "./support/require";
import { startAppServer, type AppServer } from "./support/server";

const run = e2eAvailable();

/** The session cookie of a demo user, signed in through the API as the login form does. */
async function session(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-tracemark-csrf": "1", origin: base },
    body: JSON.stringify({ json: { username, password } }),
  });
  const cookie = res.headers.getSetCookie().map((c) => /^(tm_session=[^;]+)/.exec(c)?.[1]).find(Boolean);
  if (!res.ok || !cookie) throw new Error(`login as ${username} failed: HTTP ${res.status}`);
  return cookie;
}

/** The <main> of the server's HTML for /home, as the first paint shows it (before any script ran). */
async function homeMain(base: string, cookie: string): Promise<string> {
  const html = await (await fetch(`${base}/home`, { headers: { cookie, "accept-language": "zh-CN" } })).text();
  const main = /<main[^>]*id="content"[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1];
  if (!main) throw new Error("no <main id=content> in /home");
  return main;
}

// ADR 0023: a page's largest text must be in the server's HTML, not painted after hydration and a fetch.
describe.runIf(run)("first paint", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startAppServer({ port: 3500 });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await server?.stop();
  });

  test.each([
    // user, password, what the home's list shows in the HTML (from the demo seed)
    ["ops", "ops-demo-001", /data-testid="maintenance-list"/],
    ["admin", "admin-demo-1", /启用 \d+ 人/],
    ["service", "service-demo", /class="badge" data-tone="info"/],
    ["head", "head-demo-01", /data-testid="approvals-home"/],
  ])("%s: the home's online list is in the server's HTML, not loaded after hydration", async (user, password, expected) => {
    const main = await homeMain(server.baseUrl, await session(server.baseUrl, user, password));
    expect(main).toMatch(expected);
    expect(main).not.toContain('aria-busy="true"');
  });

  test("a lineman's first sync round is not raced by tab prefetches or page priming", async () => {
    const { context, page } = await openPhone({ locale: "zh-CN" });
    contexts.push(context);
    const log: { at: number; what: string }[] = [];
    const t0 = Date.now();
    page.on("request", (r) => {
      const url = new URL(r.url());
      if (url.searchParams.has("_rsc")) log.push({ at: Date.now() - t0, what: `rsc ${url.pathname}` });
      else if (r.isNavigationRequest() === false && r.resourceType() === "fetch" && !url.pathname.startsWith("/api/")) {
        log.push({ at: Date.now() - t0, what: `page ${url.pathname}` });
      }
    });
    page.on("requestfinished", (r) => {
      if (new URL(r.url()).pathname.includes("sync.pull")) log.push({ at: Date.now() - t0, what: "pull done" });
    });
    await logIn(page, server.baseUrl, "lineman", "lineman-demo");
    await page.waitForURL("**/home");
    await page.getByTestId("work-order-list").waitFor();
    // the tabs are prefetched in the end (offline use needs them)
    await expect.poll(() => log.filter((e) => e.what.startsWith("rsc ")).length, { timeout: 15_000 }).toBeGreaterThan(0);
    const pullDone = log.find((e) => e.what === "pull done");
    expect(pullDone, JSON.stringify(log)).toBeDefined();
    const early = log.filter((e) => e.what !== "pull done" && e.at < pullDone!.at);
    expect(early, JSON.stringify(log)).toEqual([]);
  });
});
