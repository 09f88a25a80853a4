import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { logIn, openPhone, waitForServiceWorker, waitUntil } from "./support/browser";
import { workerDeploys } from "./support/deploy";
import { e2eAvailable } from "./support/require";
import { startAppServer, type AppServer } from "./support/server";

const run = e2eAvailable();

describe.runIf(run)("foundation on a phone", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];
  const phone = async (locale?: string) => {
    const p = await openPhone({ locale });
    contexts.push(p.context);
    return p.page;
  };

  beforeAll(async () => {
    server = await startAppServer({ port: 3211 });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await server?.stop();
  });

  test("a lineman logs in (Chinese browser), sees today's work orders, switches to English and logs out", async () => {
    const page = await phone("zh-CN");
    await logIn(page, server.baseUrl, "lineman", "lineman-demo");
    await page.waitForURL("**/home");
    const home = page.getByTestId("home-lineman");
    await home.getByRole("heading", { name: "今日工单" }).waitFor();
    await page.getByTestId("work-order-list").getByText("WO-2026-000102").waitFor();
    // lineman2's work order is not on this lineman's list
    expect(await page.getByText("WO-2026-000105").count()).toBe(0);
    expect(await page.getByTestId("nav-scan").isVisible()).toBe(true);
    await page.getByTestId("connection").getByText("在线").waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");

    await page.getByTestId("nav-me").click();
    await page.waitForURL("**/me");
    await page.getByTestId("lang-en").click();
    await page.getByRole("heading", { name: "Me" }).waitFor();
    await page.getByTestId("nav-home").click();
    await page.getByRole("heading", { name: "Today's work orders" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");

    await page.getByTestId("nav-me").click();
    await page.getByTestId("logout").click();
    await page.waitForURL("**/login?reason=logged_out");
    await page.getByText("You have signed out.").waitFor();
    // the session is gone: the home screen sends us back to login
    await page.goto(`${server.baseUrl}/home`);
    await page.waitForURL("**/login");
  });

  test("a warehouse keeper (English browser) lands on stock and zones", async () => {
    const page = await phone("en-US");
    await logIn(page, server.baseUrl, "keeper", "keeper-demo1");
    await page.waitForURL("**/home");
    await page.getByTestId("home-warehouse_keeper").getByRole("heading", { name: "Stock and zones" }).waitFor();
    await page.getByTestId("zone-list").getByText("Returned (quarantine)").waitFor();
    await page.getByTestId("connection").getByText("Online").waitFor();
  });

  test("a wrong password is refused with a clear message", async () => {
    const page = await phone("en-US");
    await logIn(page, server.baseUrl, "lineman", "not-the-password");
    const error = page.getByTestId("error");
    await error.waitFor();
    expect(await error.getAttribute("data-code")).toBe("invalid_credentials");
    expect(await error.textContent()).toContain("Wrong username or password.");
    expect(page.url()).toContain("/login");
  });

  test("a lineman calling an admin procedure is refused, and the admin screen says so", async () => {
    const page = await phone("en-US");
    await logIn(page, server.baseUrl, "lineman", "lineman-demo");
    await page.waitForURL("**/home");
    const answer = await page.evaluate(async () => {
      const res = await fetch("/api/trpc/users.list");
      return { status: res.status, body: (await res.json()) as { error?: { json?: { data?: { appCode?: string } } } } };
    });
    expect(answer.status).toBe(403);
    expect(answer.body.error?.json?.data?.appCode).toBe("forbidden");
    // and a forged mutation without our CSRF header is refused even for a signed-in user
    const forged = await page.evaluate(async () => {
      const res = await fetch("/api/trpc/auth.logout", { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
      return res.status;
    });
    expect(forged).toBe(403);
    await page.goto(`${server.baseUrl}/admin/users`);
    await page.getByTestId("forbidden").waitFor();
  });

  test("an admin disables a user: their open session ends at once and they cannot log in", async () => {
    const victim = await phone("en-US");
    await logIn(victim, server.baseUrl, "quality", "quality-demo");
    await victim.waitForURL("**/home");

    const admin = await phone("en-US");
    await logIn(admin, server.baseUrl, "admin", "admin-demo-1");
    await admin.waitForURL("**/home");
    await admin.goto(`${server.baseUrl}/admin/users`);
    // a lineman with an unfinished work order is not disabled: the order is named, to be reassigned first
    admin.once("dialog", (d) => void d.accept());
    await admin.getByTestId("disable-lineman2").click();
    const refused = admin.locator('[data-testid="error"][data-code="holds_work_orders"]');
    await refused.waitFor();
    expect(await refused.textContent()).toContain("WO-2026-000105");
    admin.once("dialog", (d) => void d.accept());
    await admin.getByTestId("disable-quality").click();
    await admin.getByTestId("user-quality").getByText("Disabled").waitFor();

    await victim.reload();
    await victim.waitForURL("**/login**");
    await logIn(victim, server.baseUrl, "quality", "quality-demo");
    const error = victim.getByTestId("error");
    await error.waitFor();
    expect(await error.getAttribute("data-code")).toBe("user_disabled");
    expect(await error.textContent()).toContain("disabled");
  });

  test("an admin creates a user who can then log in to their role home", async () => {
    const admin = await phone("en-US");
    await logIn(admin, server.baseUrl, "admin", "admin-demo-1");
    await admin.waitForURL("**/home");
    await admin.getByTestId("nav-users").click();
    await admin.getByTestId("user-create").click();
    const form = admin.getByTestId("user-form-create");
    await form.locator('input[name="username"]').fill("ops2");
    await form.locator('input[name="displayName"]').fill("Ma Jun");
    await form.locator('select[name="role"]').selectOption("operations");
    await form.locator('select[name="department"]').selectOption("operations");
    await form.locator('input[name="password"]').fill("short");
    await admin.getByTestId("user-form-save").click();
    await form.getByText("10 to 128 characters.").waitFor();
    await form.locator('input[name="password"]').fill("ops2-password-ok");
    await admin.getByTestId("user-form-save").click();
    await admin.getByTestId("notice").getByText("User ops2 created.").waitFor();

    const page = await phone("en-US");
    await logIn(page, server.baseUrl, "ops2", "ops2-password-ok");
    await page.waitForURL("**/home");
    await page.getByTestId("home-operations").getByRole("heading", { name: "Under maintenance" }).waitFor();
    await page.getByTestId("maintenance-list").getByText("EQ-000202", { exact: false }).waitFor();
  });
});

describe.runIf(run)("installable offline shell", () => {
  let server: AppServer;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    server = await startAppServer({ port: 3212 });
  });
  afterAll(async () => {
    await context?.close();
    await server?.stop();
  });

  test("after one online visit the app opens with the server stopped, still logged in, and shows offline", async () => {
    const phone = await openPhone({ locale: "en-US" });
    context = phone.context;
    const { page } = phone;
    const manifest = (await (await fetch(`${server.baseUrl}/manifest.webmanifest`)).json()) as { icons: { sizes: string; purpose?: string }[] };
    expect(manifest).toMatchObject({ display: "standalone", start_url: "/home" });
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    expect(manifest.icons.some((i) => i.purpose === "maskable")).toBe(true);

    await logIn(page, server.baseUrl, "lineman", "lineman-demo");
    await page.waitForURL("**/home");
    await page.getByTestId("work-order-list").waitFor();
    await waitForServiceWorker(page);
    // the first load went out before the worker controlled the page; one more load is what a user does next
    await page.reload();
    await page.getByTestId("work-order-list").waitFor();
    // the Me screen was primed into the cache without being visited
    await waitUntil(
      page,
      async () => {
        const cache = await caches.open("tm-pages");
        return (await cache.match("/me")) !== undefined;
      },
      undefined,
      { timeout: 15_000 },
    );

    await server.stop();

    await page.goto(`${server.baseUrl}/home`);
    await page.getByTestId("home-lineman").waitFor();
    await page.getByTestId("connection").getByText("Offline").waitFor({ timeout: 20_000 });
    await page.goto(`${server.baseUrl}/me`);
    await page.getByTestId("me-card").getByText("lineman", { exact: true }).waitFor();
    // a page never cached falls back to the offline page instead of the browser's error
    await page.goto(`${server.baseUrl}/admin/users`);
    await page.getByText("This page is not saved for offline use yet").waitFor();

    await server.start();
    await page.goto(`${server.baseUrl}/home`);
    await page.getByTestId("connection").getByText("Online").waitFor({ timeout: 20_000 });
  });
});

describe.runIf(run)("service-worker updates", () => {
  let server: AppServer;
  let context: BrowserContext | undefined;
  let sw: ReturnType<typeof workerDeploys> | undefined;

  beforeAll(async () => {
    server = await startAppServer({ port: 3213 });
    sw = workerDeploys();
  });
  afterAll(async () => {
    sw?.restore();
    await context?.close();
    await server?.stop();
  });

  test("a new deploy offers an update and never takes over the open page unasked", async () => {
    const phone = await openPhone({ locale: "en-US" });
    context = phone.context;
    const { page } = phone;
    await logIn(page, server.baseUrl, "keeper", "keeper-demo1");
    await page.waitForURL("**/home");
    await waitForServiceWorker(page);
    const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);

    // a new deploy: the worker script changes on the server
    sw!.deploy();
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await page.getByTestId("update-available").waitFor({ timeout: 30_000 });
    // the page is still served by the old worker, and was not reloaded
    const stillOld = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return { waiting: reg?.waiting !== null, controller: navigator.serviceWorker.controller?.state };
    });
    expect(stillOld).toEqual({ waiting: true, controller: "activated" });
    expect(firstWorker).toContain("/sw.js");

    // "Update now": the new worker takes over and the page reloads itself once; generous time: activation clears
    // the old precache, which is slow on a busy machine
    await Promise.all([page.waitForEvent("load", { timeout: 90_000 }), page.getByRole("button", { name: "Update now" }).click()]);
    await page.getByTestId("home-warehouse_keeper").waitFor();
    const afterUpdate = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null);
    expect(afterUpdate).toBeNull();
    expect(await page.getByTestId("update-available").count()).toBe(0);
  });
});
