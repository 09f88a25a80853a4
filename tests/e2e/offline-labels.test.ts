/**
 * Status labels changed with no signal (Procedure 3, DESIGN.md §3): the phone keeps the changes through a
 * closed app, shows what it predicts, sends each exactly once when the server is back, and shows the changes
 * the server refused on "Needs attention".
 */
import { eq } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { users } from "@/db/schema";
import { createUser } from "@/server/users/service";
import { newProfileDir, openPhone } from "./support/browser";
import { changeLabel, labelOf, labelPhotoFile, openItem, signInAndSync, syncNow, waitPending } from "./support/labels";
import { workerDeploys } from "./support/deploy";
import { e2eAvailable } from "./support/require";
import { openDataDir, seededDataDir, startAppServer, type AppServer } from "./support/server";

const run = e2eAvailable();

describe.runIf(run)("label changes offline survive a closed app and are sent exactly once", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startAppServer({ port: 3221 });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
  });

  test("a keeper changes three labels with the server down, closes the app, reopens it, and the changes arrive once", async () => {
    const profileDir = newProfileDir();
    let phone = await openPhone({ locale: "en-US", profileDir });
    contexts.push(phone.context);
    let page = phone.page;
    const base = server.baseUrl;
    await signInAndSync(page, base, "keeper", "keeper-demo1");

    await server.stop();

    // ST-000101 pending inspection → accepted, opened straight from its URL
    await openItem(page, base, "ST-000101");
    await page.getByTestId("item-name").getByText("Fibre patch cord", { exact: false }).waitFor();
    expect(await labelOf(page)).toEqual({ status: "pending_inspection", pending: "false" });
    await changeLabel(page, "accepted", { reason: "inspection_passed", photo: await labelPhotoFile("ST-000101") });
    expect(await labelOf(page)).toEqual({ status: "accepted", pending: "true" });
    await page.getByTestId("event-photo-queued").waitFor();
    await page.getByTestId("not-synced").waitFor();
    await waitPending(page, 1);
    await page.locator('[data-testid="event"][data-pending="true"][data-to="accepted"]').waitFor();

    // ST-000102 pending inspection → returned, into the returns quarantine zone, reached through its zone
    await page.goto(`${base}/zones#WH1-IN`);
    await page.getByTestId("item-link-ST-000102").click();
    await page.locator('[data-testid="item-page"][data-tag="ST-000102"]').waitFor();
    await changeLabel(page, "returned", { reason: "inspection_failed", zone: "WH1-Q-RET", photo: await labelPhotoFile("ST-000102") });
    expect(await page.getByTestId("item-zone").textContent()).toContain("WH1-Q-RET");
    await waitPending(page, 2);

    // ST-000103 accepted → in use, reached through the scan screen's manual entry (lower case, as typed)
    await page.goto(`${base}/scan`);
    await page.getByTestId("manual-code").fill("st-000103");
    await page.getByTestId("manual-open").click();
    await page.locator('[data-testid="item-page"][data-tag="ST-000103"]').waitFor();
    await changeLabel(page, "in_use", { reason: "issued_for_use" });
    await waitPending(page, 3);
    await page.getByTestId("connection").getByText("Offline").waitFor({ timeout: 20_000 });

    // the app is closed (the whole browser) and opened again, still with no server
    await phone.context.close();
    phone = await openPhone({ locale: "en-US", profileDir });
    contexts.push(phone.context);
    page = phone.page;
    await openItem(page, base, "ST-000101");
    await waitPending(page, 3);
    expect(await labelOf(page)).toEqual({ status: "accepted", pending: "true" });
    await openItem(page, base, "ST-000102");
    expect(await labelOf(page)).toEqual({ status: "returned", pending: "true" });
    await openItem(page, base, "ST-000103");
    expect(await labelOf(page)).toEqual({ status: "in_use", pending: "true" });
    // the zone screen already counts the item where it was moved
    await page.goto(`${base}/zones#WH1-Q-RET`);
    await page.getByTestId("group-returned").getByTestId("item-link-ST-000102").waitFor();
    // signing out now would warn that the changes stay on this phone; the keeper keeps the session
    await page.goto(`${base}/me`);
    await page.getByTestId("logout-pending").getByText("3 changes not sent yet", { exact: false }).waitFor();
    const warning = new Promise<string>((resolve) => page.once("dialog", (d) => (resolve(d.message()), void d.dismiss())));
    await page.getByTestId("logout").click();
    expect(await warning).toContain("3 changes have not been sent yet. They stay on this phone, bound to your account");
    expect(page.url()).toContain("/me");

    // the server is back: one tap on the indicator (or the next retry) sends everything
    await server.start();
    await openItem(page, base, "ST-000101");
    await syncNow(page);
    await page.locator('[data-testid="current-label"][data-status="accepted"][data-pending="false"]').waitFor();
    expect(await page.getByTestId("not-synced").count()).toBe(0);
    expect(await page.getByTestId("last-sync").textContent()).not.toBe("never");

    // another phone (quality, who may read but not change materials) sees each change exactly once
    const other = await openPhone({ locale: "en-US" });
    contexts.push(other.context);
    const q = other.page;
    await signInAndSync(q, base, "quality", "quality-demo");
    const expected = [
      { tag: "ST-000101", to: "accepted", zone: "WH1-IN" },
      { tag: "ST-000102", to: "returned", zone: "WH1-Q-RET" },
      { tag: "ST-000103", to: "in_use", zone: "WH1-A" },
    ];
    for (const e of expected) {
      await openItem(q, base, e.tag);
      await q.locator(`[data-testid="current-label"][data-status="${e.to}"]`).waitFor();
      const events = q.getByTestId("event");
      expect(await events.count()).toBe(1);
      expect(await events.first().getAttribute("data-to")).toBe(e.to);
      expect(await events.first().getAttribute("data-pending")).toBe("false");
      expect(await events.first().textContent()).toContain("李薇 Li Wei");
      expect(await q.getByTestId("item-zone").textContent()).toContain(e.zone);
      expect(await q.getByTestId("not-your-kind").count()).toBe(1);
    }
    // the label photo taken offline arrived with its change and is served as evidence
    await openItem(q, base, "ST-000101");
    const photo = q.getByTestId("event-photo").locator("img");
    await photo.waitFor();
    await q.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await photo.elementHandle(), {
      timeout: 10_000,
    });
  });
});

describe.runIf(run)("conflicts and sessions: refused changes on Needs attention, sign-in again without loss", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    // a second keeper, made with the users service before the server opens the data directory
    const dataDir = await seededDataDir();
    const handle = await openDataDir(dataDir);
    const [admin] = await handle.db.select({ id: users.id }).from(users).where(eq(users.username, "admin"));
    await createUser({
      db: handle.db,
      actorId: admin!.id,
      input: { username: "keeper2", displayName: "张敏 Zhang Min", role: "warehouse_keeper", department: "finance", password: "keeper2-demo-pw" },
    });
    await handle.close();
    server = await startAppServer({ port: 3222, dataDir });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
  });

  test("device A changes offline, B changes the same items online first; A sees why, dismisses one and re-issues the other", async () => {
    const base = server.baseUrl;
    const a = await openPhone({ locale: "en-US" });
    const b = await openPhone({ locale: "en-US" });
    contexts.push(a.context, b.context);
    await signInAndSync(a.page, base, "keeper", "keeper-demo1");
    await signInAndSync(b.page, base, "keeper2", "keeper2-demo-pw");

    // A loses its connection (the sync runs in the page, so the browser's offline switch covers it)
    await openItem(a.page, base, "ST-000104");
    await a.context.setOffline(true);
    await changeLabel(a.page, "in_use", { reason: "issued_for_use" });
    await openItem(a.page, base, "ST-000103");
    await changeLabel(a.page, "pending_disposal", { reason: "obsolete", zone: "WH1-Q-DSP" });
    await waitPending(a.page, 2);

    // B, online, gets there first
    await openItem(b.page, base, "ST-000104");
    await changeLabel(b.page, "pending_disposal", { reason: "obsolete", zone: "WH1-Q-DSP" });
    await openItem(b.page, base, "ST-000103");
    await changeLabel(b.page, "in_use", { reason: "issued_for_use" });
    await waitPending(b.page, 0);

    // A is back: both of its changes are refused as stale, nothing is lost, and it says so
    await a.context.setOffline(false);
    await syncNow(a.page);
    await a.page.getByTestId("attention-count").getByText("2", { exact: true }).waitFor({ timeout: 20_000 });
    // the phone now shows the server's truth, not A's refused prediction
    await a.page.locator('[data-testid="current-label"][data-status="in_use"][data-pending="false"]').waitFor();
    await a.page.getByTestId("attention-link").click();
    await a.page.waitForURL("**/attention");

    const cards = a.page.getByTestId("rejection");
    await cards.first().waitFor();
    expect(await cards.count()).toBe(2);
    const c104 = cards.filter({ hasText: "ST-000104" });
    const c103 = cards.filter({ hasText: "ST-000103" });
    expect(await c104.getAttribute("data-code")).toBe("stale");
    const why104 = (await c104.getByTestId("rejection-reason").textContent()) ?? "";
    expect(why104).toMatch(/^Item was set to Pending disposal by 张敏 Zhang Min at \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\.$/); // the day too, not only the time
    expect(await c104.getByTestId("rejection-attempt").textContent()).toBe("Accepted→In use");
    // in use is not allowed from pending disposal: only dismiss is offered
    expect(await c104.getByTestId("reissue").count()).toBe(0);
    await c104.getByTestId("no-reissue").waitFor();
    expect(await c103.getByTestId("rejection-reason").textContent()).toContain("Item was set to In use by 张敏 Zhang Min");
    // pending disposal is still allowed from in use: re-issue is offered
    await c103.getByTestId("reissue").waitFor();

    await c104.getByTestId("dismiss").click();
    await a.page.getByTestId("attention-done").getByText("Dismissed.").waitFor();
    await c104.waitFor({ state: "detached" });
    expect(await cards.count()).toBe(1);

    await c103.getByTestId("reissue").click();
    await a.page.getByTestId("attention-empty").waitFor();
    await syncNow(a.page);
    // the dismissal and the re-issue reached the server: a fresh pull brings no rejection back
    await a.page.getByTestId("sync-indicator").click();
    await waitPending(a.page, 0);
    await a.page.getByTestId("attention-empty").waitFor();
    expect(await a.page.getByTestId("attention-link").count()).toBe(0);

    await openItem(a.page, base, "ST-000103");
    await a.page.locator('[data-testid="current-label"][data-status="pending_disposal"][data-pending="false"]').waitFor();
    const top = a.page.getByTestId("event").first();
    expect(await top.getAttribute("data-to")).toBe("pending_disposal");
    expect(await top.textContent()).toContain("李薇 Li Wei");
    expect(await a.page.getByTestId("event").count()).toBe(2);

    // signing out (nothing pending: no warning) drops the company data this phone cached
    await a.page.goto(`${base}/me`);
    await a.page.getByTestId("logout").click();
    await a.page.waitForURL("**/login?reason=logged_out");
    expect(await idbCount(a.page, "items")).toBe(0);
    expect(await idbCount(a.page, "events")).toBe(0);
  });

  test("a session that ended keeps the queued change, asks to sign in again, and sends it after sign-in", async () => {
    const base = server.baseUrl;
    const c = await openPhone({ locale: "en-US" });
    contexts.push(c.context);
    const page = c.page;
    await signInAndSync(page, base, "keeper", "keeper-demo1");
    await openItem(page, base, "ST-000105");
    await page.context().setOffline(true);
    await changeLabel(page, "pending_disposal", { reason: "end_of_life", zone: "WH1-Q-DSP" });
    await waitPending(page, 1);
    // the session ends (e.g. expired) while the phone was away
    await page.context().clearCookies();
    await page.context().setOffline(false);
    await page.getByTestId("sync-indicator").click();
    const banner = page.getByTestId("needs-login");
    await banner.getByText("Sign in again to send 1 change. Nothing is lost", { exact: false }).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId("sync-indicator").getAttribute("data-status")).toBe("needs_login");
    await waitPending(page, 1);

    await banner.getByRole("link", { name: "Sign in" }).click();
    await page.waitForURL("**/login");
    await page.getByTestId("username").fill("keeper");
    await page.getByTestId("password").fill("keeper-demo1");
    await page.getByTestId("login-submit").click();
    await page.waitForURL("**/home");
    await waitPending(page, 0);
    await openItem(page, base, "ST-000105");
    await page.locator('[data-testid="current-label"][data-status="pending_disposal"][data-pending="false"]').waitFor();
  });
});

async function idbCount(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const req = indexedDB.open("tracemark");
        req.onerror = () => reject(req.error ?? new Error("indexedDB.open failed"));
        req.onsuccess = () => {
          const db = req.result;
          const count = db.transaction(name).objectStore(name).count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
          count.onerror = () => {
            db.close();
            reject(count.error ?? new Error("count failed"));
          };
        };
      }),
    store,
  );
}

describe.runIf(run)("a deploy while changes wait in the outbox", () => {
  let server: AppServer;
  let context: BrowserContext | undefined;
  let sw: ReturnType<typeof workerDeploys> | undefined;

  beforeAll(async () => {
    server = await startAppServer({ port: 3223 });
    sw = workerDeploys();
  });
  afterAll(async () => {
    sw?.restore();
    await context?.close().catch(() => undefined);
    await server?.stop();
  });

  test("the service-worker update keeps the queued change, and it is sent once afterwards", async () => {
    const phone = await openPhone({ locale: "en-US" });
    context = phone.context;
    const { page } = phone;
    const base = server.baseUrl;
    await signInAndSync(page, base, "keeper", "keeper-demo1");

    // the server is up but pushes do not get through (a captive portal, a flaky proxy): the change stays queued
    await page.route("**/api/trpc/sync.push**", (route) => route.abort("connectionreset"));
    await openItem(page, base, "ST-000101");
    await changeLabel(page, "accepted", { reason: "inspection_passed" });
    await waitPending(page, 1);

    // a new deploy: the worker script changes; the user accepts the update, the page reloads under the new worker
    sw!.deploy();
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await page.getByTestId("update-available").waitFor({ timeout: 30_000 });
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Update now" }).click()]);
    await page.locator('[data-testid="item-page"][data-tag="ST-000101"]').waitFor();
    await waitPending(page, 1);
    expect(await labelOf(page)).toEqual({ status: "accepted", pending: "true" });

    await page.unroute("**/api/trpc/sync.push**");
    await syncNow(page);
    // the outbox is empty once the push is answered; the item is re-read when the pull that follows has landed
    await page.locator('[data-testid="current-label"][data-status="accepted"][data-pending="false"]').waitFor({ timeout: 20_000 });
    expect(await labelOf(page)).toEqual({ status: "accepted", pending: "false" });
    // exactly one event for that change on the item's timeline
    expect(await page.locator('[data-testid="event"][data-to="accepted"]').count()).toBe(1);
  });
});
