/**
 * Issue 13, first-asker responsibility (首问负责制) on a real phone: a lineman at a customer's door records a complaint
 * from the work order (pre-filled with its customer) with no signal, with the customer's words and a photo; it is in
 * "my recorded complaints" at once ("number on sync"), reaches the server once when the phone is back online, and
 * comes back with its TS-… number. A keeper records an inquiry from the zones home. Screenshots at 390×844 go to
 * SHOTS_DIR (default /tmp/shots) as phone-*.png.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { complaints, users } from "@/db/schema";
import { openPhone, waitUntil } from "./support/browser";
import { signInAndSync, syncNow, waitPending } from "./support/labels";
import { e2eAvailable } from "./support/require";
import { openDataDir, seededDataDir, startAppServer, type AppServer } from "./support/server";
import { idbAll } from "./support/work-orders";

const run = e2eAvailable();
const PORT = 3630;
const WO_CODE = "WO-2026-000101";
const PHOTO = path.resolve("tests/fixtures/complaint-photo.png");
const SHOTS = process.env.SHOTS_DIR ?? "/tmp/shots";
/**
 * The screen as the phone shows it (390×844; a full-page shot would draw the fixed bars mid-page), from the top or
 * with `at` in view, once the sync tap's answer has gone.
 */
async function shot(page: Page, name: string, at?: string): Promise<void> {
  await page.getByTestId("sync-answer").waitFor({ state: "hidden", timeout: 15_000 });
  if (at) await page.getByTestId(at).evaluate((el) => el.scrollIntoView({ block: "center" }));
  else await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** The record screens are kept for use with no signal. */
async function waitComplaintPagesCached(page: Page): Promise<void> {
  await waitUntil(
    page,
    async () => {
      const cache = await caches.open("tm-pages");
      const hits = await Promise.all(["/complaints", "/complaints/new"].map((p) => cache.match(p)));
      return hits.every(Boolean);
    },
    undefined,
    { timeout: 30_000 },
  );
}

type Queued = { name: string; args: Record<string, unknown> };

describe.runIf(run)("recording a complaint on the phone (first-asker)", () => {
  let server: AppServer;
  let dataDir: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = await seededDataDir();
    server = await startAppServer({ port: PORT, dataDir });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
  });

  test("a lineman at the door: from the work order, offline, words and a photo; listed at once, sent once online, numbered TS-…", async () => {
    const phone = await openPhone({ locale: "en-US" });
    contexts.push(phone.context);
    const { page, context } = phone;
    const base = server.baseUrl;
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signInAndSync(page, base, "lineman", "lineman-demo");
    await waitComplaintPagesCached(page);
    // the demo's forms this lineman recorded before, as the phone received them
    const before = (await idbAll<{ id: string }>(page, "myComplaints")).length;
    // one tap from the home too
    expect(await page.getByTestId("record-complaint").count()).toBe(1);

    const [wo] = (await idbAll<{ id: string; code: string; customerName: string; contact: string }>(page, "workOrders")).filter((w) => w.code === WO_CODE);
    expect(wo).toBeDefined();
    await page.goto(`${base}/work-orders#${wo!.id}`);
    await page.locator(`[data-testid="wo-page"][data-code="${WO_CODE}"]`).waitFor();
    await page.getByTestId("record-complaint").click();
    await page.waitForURL(`**/complaints/new#wo=${wo!.id}`);
    // pre-filled with that order's customer
    await page.getByTestId("complaint-from-wo").waitFor();
    await expect.poll(() => page.getByTestId("complaint-customer").inputValue()).toBe(wo!.customerName);
    expect(await page.getByTestId("complaint-contact").inputValue()).toBe(wo!.contact);
    expect(await page.getByTestId("complaint-channel-on_site").isChecked()).toBe(true);
    expect(await page.getByTestId("complaint-kind-complaint").getAttribute("aria-checked")).toBe("true");

    // ── no signal from here ──
    await context.setOffline(true);
    const words = "Broadband drops every evening since the new modem; asked twice at the counter already.";
    await page.getByTestId("complaint-words").fill(words);
    await page.getByTestId("complaint-photo-input").setInputFiles(PHOTO);
    await page.locator('[data-testid="complaint-photo"][data-state="attached"]').waitFor();
    await shot(page, "phone-new-en");
    await shot(page, "phone-new-en-words", "complaint-words");
    // a double tap on save records it once
    await page.getByTestId("complaint-save").dblclick();
    await page.waitForURL("**/complaints#saved=*");
    const formId = new URL(page.url()).hash.match(/saved=([0-9a-f-]{36})/)![1]!;
    const saved = page.getByTestId("complaint-saved");
    await saved.waitFor();
    expect(await saved.getAttribute("data-queued")).toBe("true");
    expect(await saved.textContent()).toContain("Saved on this phone — sent when online");
    const row = page.locator(`[data-testid="complaint-row"][data-id="${formId}"]`);
    await row.waitFor();
    expect(await row.getAttribute("data-queued")).toBe("true");
    expect(await row.getByTestId("complaint-code").textContent()).toBe("Number given on sync");
    expect(await row.textContent()).toContain(wo!.customerName);
    const queued = (await idbAll<Queued>(page, "outbox")).filter((r) => r.name === "complaint.record");
    expect(queued).toHaveLength(1);
    expect(queued[0]!.args).toMatchObject({ id: formId, workOrderId: wo!.id, kind: "complaint", channel: "on_site", words });
    expect((queued[0]!.args.photo as { mime: string }).mime).toMatch(/^image\//);
    await waitPending(page, 1);
    // the list opens with no signal too
    await page.reload();
    await page.locator(`[data-testid="complaint-row"][data-id="${formId}"][data-queued="true"]`).waitFor();
    await shot(page, "phone-mine-queued-en");

    // ── back online: sent, numbered by the server ──
    await context.setOffline(false);
    await syncNow(page);
    const numbered = page.locator(`[data-testid="complaint-row"][data-id="${formId}"][data-queued="false"]`);
    await expect
      .poll(
        async () => {
          if ((await numbered.count()) === 0) await page.getByTestId("sync-indicator").click();
          return numbered.getAttribute("data-code", { timeout: 2_000 }).catch(() => null);
        },
        { timeout: 30_000 },
      )
      .toMatch(/^TS-\d{8}-\d{4}$/);
    const code = await numbered.getAttribute("data-code");
    expect(await numbered.getByTestId("complaint-status").textContent()).toBe("Recorded");
    expect(await numbered.getByTestId("complaint-deadline").getAttribute("data-state")).toMatch(/^(ahead|soon)$/);
    await shot(page, "phone-mine-en");
    expect(errors).toEqual([]);

    // the server has it once, as recorded on the phone
    await server.stop();
    const handle = await openDataDir(dataDir);
    try {
      const [lineman] = await handle.db.select({ id: users.id }).from(users).where(eq(users.username, "lineman"));
      const rows = await handle.db.select().from(complaints).where(eq(complaints.recordedBy, lineman!.id));
      expect(rows).toHaveLength(before + 1);
      const mine = rows.filter((r) => r.words === words);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ id: formId, code, kind: "complaint", channel: "on_site", words, workOrderId: wo!.id, status: "recorded" });
      expect(mine[0]!.photoSha256).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await handle.close();
      server = await startAppServer({ port: PORT, dataDir });
    }
  });

  test("a keeper records an inquiry from the zones home: wrong contact refused beside the field, text kept; saved and numbered", async () => {
    const phone = await openPhone({ locale: "zh-CN" });
    contexts.push(phone.context);
    const { page } = phone;
    const base = server.baseUrl;
    await signInAndSync(page, base, "keeper", "keeper-demo1");
    await waitComplaintPagesCached(page);
    await page.getByTestId("record-complaint").click();
    await page.waitForURL("**/complaints/new");
    await page.getByTestId("complaint-form").waitFor();
    await page.getByTestId("complaint-kind-inquiry").click();
    expect(await page.getByTestId("complaint-kind-inquiry").getAttribute("aria-checked")).toBe("true");
    await page.getByTestId("complaint-customer").fill("陈女士");
    await page.getByTestId("complaint-contact").fill("5551");
    await page.getByTestId("complaint-words").fill("想问营业厅周末是否办理宽带移机。");
    await page.getByTestId("complaint-answered").check();
    await page.getByTestId("complaint-answer").fill("周末照常办理，请带身份证。");
    await page.getByTestId("complaint-save").click();
    const contactError = page.getByTestId("complaint-error-contact");
    await contactError.waitFor();
    expect(await contactError.textContent()).toBe("请输入电话号码（至少 7 位数字）。");
    expect(await page.getByTestId("complaint-contact").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByTestId("complaint-words").inputValue()).toBe("想问营业厅周末是否办理宽带移机。");
    expect((await idbAll<Queued>(page, "outbox")).filter((r) => r.name === "complaint.record")).toHaveLength(0);
    await shot(page, "phone-new-zh-error", "complaint-contact");

    await page.getByTestId("complaint-contact").fill("0571-8765 4321");
    // the message goes once the field is edited; the banner with the last one
    await contactError.waitFor({ state: "detached" });
    expect(await page.getByTestId("complaint-problem").count()).toBe(0);
    await shot(page, "phone-new-zh");
    await page.getByTestId("complaint-save").click();
    await page.waitForURL("**/complaints#saved=*");
    await page.getByTestId("complaint-saved").waitFor();
    await syncNow(page);
    const row = page.locator('[data-testid="complaint-row"][data-queued="false"]');
    await expect
      .poll(
        async () => {
          if ((await row.count()) === 0) await page.getByTestId("sync-indicator").click();
          return row.getAttribute("data-code", { timeout: 2_000 }).catch(() => null);
        },
        { timeout: 30_000 },
      )
      .toMatch(/^TS-\d{8}-\d{4}$/);
    expect(await page.getByTestId("complaint-saved").textContent()).toContain(`客户服务部已收到，编号 ${await row.getAttribute("data-code")}。`);
    // answered at once: closed, with the answer as its result
    expect(await row.getAttribute("data-status")).toBe("closed");
    expect(await row.getByTestId("complaint-result").textContent()).toContain("周末照常办理");
    await shot(page, "phone-mine-zh");
  });
});
