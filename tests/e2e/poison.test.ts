/**
 * Issue 11 §1 on a real phone: a change the server fails on again and again (a handler defect, injected with the
 * test-only TRACEMARK_FAULT_THROW_FOR) never holds the phone's queue. After three failures it is set aside as
 * server_error with a reference shown on Needs attention, the change queued after it arrives, and the administrator
 * looks the reference up on Devices.
 */
import { eq } from "drizzle-orm";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { items } from "@/db/schema";
import { logIn, openPhone } from "./support/browser";
import { changeLabel, labelOf, openItem, signInAndSync, syncNow } from "./support/labels";
import { e2eAvailable } from "./support/require";
import { openDataDir, seededDataDir, startAppServer, type AppServer } from "./support/server";

const run = e2eAvailable();

describe.runIf(run)("a change the server cannot apply is set aside; the queue moves on", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const dataDir = await seededDataDir();
    const handle = await openDataDir(dataDir);
    const [poisoned] = await handle.db.select({ id: items.id }).from(items).where(eq(items.tagCode, "ST-000103"));
    await handle.close();
    server = await startAppServer({ port: 3611, dataDir, env: { TRACEMARK_FAULT_THROW_FOR: `arg:${poisoned!.id}` } });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
  });

  test("keeper: the failing change is shown with a reference, the next one is applied; admin finds the reference", async () => {
    const phone = await openPhone({ locale: "en-US" });
    contexts.push(phone.context);
    const page = phone.page;
    const base = server.baseUrl;
    await signInAndSync(page, base, "keeper", "keeper-demo1");

    // first the change the server fails on, then one queued behind it
    await openItem(page, base, "ST-000103");
    await changeLabel(page, "in_use", { reason: "issued_for_use" });
    await openItem(page, base, "ST-000104");
    await changeLabel(page, "in_use", { reason: "issued_for_use" });
    // taps until nothing waits: the first sends fail (500), the third failure sets the change aside
    await syncNow(page);
    await page.locator('[data-testid="current-label"][data-status="in_use"][data-pending="false"]').waitFor();

    await page.goto(`${base}/attention`);
    const card = page.locator('[data-testid="rejection"][data-code="server_error"]');
    await card.waitFor();
    const reason = (await card.getByTestId("rejection-reason").textContent()) ?? "";
    const reference = /E-[2-9A-HJ-NP-Z]{8}/.exec(reason)?.[0];
    expect(reason).toContain("could not apply this change");
    expect(reference).toBeDefined();
    await openItem(page, base, "ST-000103");
    expect(await labelOf(page)).toEqual({ status: "accepted", pending: "false" });

    // the administrator looks the reference up
    const office = await openPhone({ locale: "en-US" });
    contexts.push(office.context);
    await logIn(office.page, base, "admin", "admin-demo-1");
    await office.page.waitForURL("**/home");
    await office.page.goto(`${base}/admin/devices`);
    await office.page.getByTestId("failure-reference").fill(reference!.toLowerCase());
    await office.page.getByTestId("failure-find").click();
    const found = office.page.getByTestId("failure-result");
    await found.waitFor();
    const text = (await found.textContent()) ?? "";
    expect(text).toContain("item.changeLabel");
    expect(text).toContain("keeper");
    expect(text).toContain("injected fault");
    if (process.env.SHOTS_DIR) {
      await office.page.screenshot({ path: `${process.env.SHOTS_DIR}/admin-failure-lookup.png`, fullPage: true });
      await page.goto(`${base}/attention`);
      await card.waitFor();
      await page.screenshot({ path: `${process.env.SHOTS_DIR}/attention-server-error.png`, fullPage: true });
    }
  });
});
