/**
 * Issue 12, notices (ADR 0033) on a real phone: the reminders the morning job raises reach the lineman's phone with the
 * sync, show as a count on the bottom bar and the home, and are read with no signal; the read reaches the server once
 * the phone is back online.
 */
import { eq } from "drizzle-orm";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { notices, users } from "@/db/schema";
import { openPhone, waitUntil } from "./support/browser";
import { signInAndSync, syncNow } from "./support/labels";
import { e2eAvailable } from "./support/require";
import { openDataDir, seededDataDir, startAppServer, type AppServer } from "./support/server";

const run = e2eAvailable();
const PORT = 3620;

describe.runIf(run)("the notice inbox on the phone", () => {
  let server: AppServer;
  let dataDir: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dataDir = await seededDataDir();
    server = await startAppServer({ port: PORT, dataDir });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
  });

  test("lineman: the loan reminder is counted on the bar and the home, opened and read offline, and the read reaches the server", async () => {
    const phone = await openPhone({ locale: "en-US" });
    contexts.push(phone.context);
    const page = phone.page;
    const base = server.baseUrl;
    await signInAndSync(page, base, "lineman", "lineman-demo");
    const count = page.getByTestId("nav-notices-count");
    await count.waitFor();
    expect(Number(await count.textContent())).toBeGreaterThanOrEqual(1);
    await expect.poll(async () => (await page.getByTestId("home-notices").textContent()) ?? "").toMatch(/\d+ unread/);
    // the inbox page is kept for use with no signal
    await waitUntil(page, async () => Boolean(await (await caches.open("tm-pages")).match("/notices")), undefined, { timeout: 20_000 });

    // ── no signal from here ──
    await server.stop();
    await page.goto(`${base}/notices`);
    const loan = page.locator('[data-testid="notice"][data-read="false"]', { hasText: "IN-000302" });
    await loan.waitFor();
    expect(await loan.textContent()).toContain("is due back on");
    if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/notices-en.png`, fullPage: true });
    const unreadBefore = await page.locator('[data-testid="notice"][data-read="false"]').count();
    await loan.locator("a").click();
    await page.waitForURL("**/instruments#IN-000302");
    await page.goto(`${base}/notices`);
    await page.locator('[data-testid="notice"][data-read="true"]', { hasText: "IN-000302" }).waitFor();
    expect(await page.locator('[data-testid="notice"][data-read="false"]').count()).toBe(unreadBefore - 1);

    // ── back online: the read is sent once ──
    server = await startAppServer({ port: PORT, dataDir });
    await page.reload();
    await syncNow(page);
    await server.stop();
    const handle = await openDataDir(dataDir);
    try {
      const [lineman] = await handle.db.select({ id: users.id }).from(users).where(eq(users.username, "lineman"));
      const rows = await handle.db.select().from(notices).where(eq(notices.userId, lineman!.id));
      const read = rows.filter((n) => n.params.tag === "IN-000302");
      expect(read).toHaveLength(1);
      expect(read[0]!.readAt).toBeInstanceOf(Date);
      expect(rows.filter((n) => n.readAt === null)).toHaveLength(unreadBefore - 1);
    } finally {
      await handle.close();
    }
    server = await startAppServer({ port: PORT, dataDir });
  });
});
