/**
 * Issue 10, defects 2 and 7: every time a person reads is the operator's (Asia/Shanghai), whatever zone the phone
 * is set to, and "Needs attention" dates each refused change: a list read days later needs the day, not only
 * "19:47". A keeper's phone set to Los Angeles time changes a label offline while a colleague's phone changes
 * it first; back online, the refusal's made/refused times carry the Shanghai date.
 */
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { formatOperatorDate, operatorDay } from "@/domain/time/operator";
import { openPhone } from "./support/browser";
import { changeLabel, openItem, signInAndSync, syncNow, waitPending } from "./support/labels";
import { e2eAvailable } from "./support/require";
import { startAppServer, type AppServer } from "./support/server";

const run = e2eAvailable();

describe.runIf(run)("times on the phone are the operator's, with their date on Needs attention", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];
  const zoneBefore = process.env.TZ;

  beforeAll(async () => {
    server = await startAppServer({ port: 3420 });
    // why: Chromium takes its zone from TZ; a phone far from Shanghai shows whether times follow the phone or the operator
    process.env.TZ = "America/Los_Angeles";
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
    if (zoneBefore === undefined) delete process.env.TZ;
    else process.env.TZ = zoneBefore;
  });

  test("a refused label change shows when it was made and refused, with the Shanghai date", async () => {
    const base = server.baseUrl;
    const a = await openPhone({ locale: "zh-CN" });
    const b = await openPhone({ locale: "zh-CN" });
    contexts.push(a.context, b.context);
    // the phone really is on Los Angeles time
    expect(await a.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe("America/Los_Angeles");
    await signInAndSync(a.page, base, "keeper", "keeper-demo1");
    await signInAndSync(b.page, base, "keeper", "keeper-demo1");

    await openItem(a.page, base, "ST-000103");
    await a.context.setOffline(true);
    await changeLabel(a.page, "in_use", { reason: "issued_for_use" });
    await waitPending(a.page, 1);

    await openItem(b.page, base, "ST-000103");
    await changeLabel(b.page, "pending_disposal", { reason: "obsolete", zone: "WH1-Q-DSP" });
    await waitPending(b.page, 0);

    await a.context.setOffline(false);
    await syncNow(a.page);
    await a.page.getByTestId("attention-count").getByText("1", { exact: true }).waitFor({ timeout: 20_000 });
    await a.page.getByTestId("attention-link").click();
    await a.page.waitForURL("**/attention");
    const card = a.page.getByTestId("rejection").filter({ hasText: "ST-000103" });
    await card.waitFor();

    const now = new Date();
    const times = ((await card.getByTestId("rejection-times").textContent()) ?? "").trim();
    const day = formatOperatorDate(now, "zh-CN");
    expect(times).toMatch(new RegExp(`^提交于 ${day} \\d{2}:\\d{2} · 拒绝于 ${day} \\d{2}:\\d{2}$`));
    // the Shanghai day, not the phone's own (they differ from 16:00 to 08:00 UTC)
    const phoneDay = await a.page.evaluate(() => new Date().toLocaleDateString("en-CA"));
    if (phoneDay !== operatorDay(now)) expect(times).not.toContain(phoneDay.replaceAll("-", "/"));
    await a.page.screenshot({ path: `${process.env.TMPDIR ?? "/tmp"}/operator-time-attention.png` });
  });
});
