/**
 * Issue 14 on the keeper's phone (ADR 0035): online once, the phone gets a block of tag numbers; with no signal the
 * keeper receives a delivery for terminal service — a serialised line of 2 modems (scanned supplier barcode, one tag
 * each) and a bulk lot of 10 from the catalogue (one lot tag) — sees it 待检 "number on sync" with its tags, and on
 * the way back online it syncs once and gets its RC- number; the tags print as a PDF, each also as a PNG label. A
 * terminal service lineman scans the lot: its item page leads to the receipt's inspection. The terminal service head
 * inspects on the office screen: both modems pass, 7 of the lot pass and 3 go back to the supplier (退货). The keeper
 * labels by the form: the modems 合格 into WH1-A, the lot splits (a new lot tag from the lease) with the 3 rejected
 * into the returns area WH1-Q-RET with a photo and a person responsible; after sync the phone's copy holds the right
 * labels, zones and quantities. Then issue two of the lot to a lineman (zh-CN). Screens at 390×844 go to SHOTS_DIR.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { logIn, openPhone } from "./support/browser";
import { labelPhotoFile, signInAndSync, syncNow, waitPending } from "./support/labels";
import { e2eAvailable } from "./support/require";
import { seededDataDir, startAppServer, type AppServer } from "./support/server";
import { draw, idbAll } from "./support/work-orders";

const run = e2eAvailable();
const PORT = 3660;
const SHOTS = process.env.SHOTS_DIR ?? "/tmp/shots";
const MODEM_BARCODE = "6901234567892";

type Item = { id: string; tagCode: string; status: string; zoneCode: string | null; quantity: number; splitFrom: string | null; responsibleId: string | null };
type Queued = { name: string; args: Record<string, unknown> };

/** The screen as the phone shows it (390×844), from the top or with `at` in view, once the sync tap's answer has gone. */
async function shot(page: Page, name: string, at?: string): Promise<void> {
  await page
    .getByTestId("sync-answer")
    .waitFor({ state: "hidden", timeout: 15_000 })
    .catch(() => undefined);
  if (at)
    await page
      .locator(at)
      .first()
      .evaluate((el) => el.scrollIntoView({ block: "center" }));
  else await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `wh-phone-${name}.png`) });
}

const hydrated = (page: Page) => page.waitForFunction(() => (window as unknown as { __tmHydrated?: boolean }).__tmHydrated === true, null, { timeout: 60_000 });

/**
 * A tap on a control in the middle of the screen (not at its bottom edge under the fixed navigation, where a tap after
 * Playwright's own scroll landed on the field above it).
 */
async function tap(target: Locator): Promise<void> {
  await target.evaluate((el) => el.scrollIntoView({ block: "center" }));
  await target.click();
}

/** Taps sync until `ready` holds (the server's answer reaches the phone on a later pull). */
async function syncUntil(page: Page, ready: () => Promise<boolean>, timeout = 60_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error("syncUntil: timed out");
    await page.getByTestId("sync-indicator").click();
    await page.waitForTimeout(1_000);
  }
}

describe.runIf(run)("receiving, inspecting and labelling a delivery on the keeper's phone", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];
  let receiptId = "";
  let lotTag = "";
  let splitTag = "";
  let keeper: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startAppServer({ port: PORT, dataDir: await seededDataDir() });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
  });

  test("offline: a serialised line of 2 and a lot of 10, pending with its tags; online: numbered once; the tags print", async () => {
    const phone = await openPhone({ locale: "en-US" });
    contexts.push(phone.context);
    keeper = phone.page;
    const { context } = phone;
    const base = server.baseUrl;
    const errors: string[] = [];
    keeper.on("pageerror", (e) => errors.push(e.message));
    await signInAndSync(keeper, base, "keeper", "keeper-demo1");
    // online once on the receiving screen: the page is kept for offline use and the phone leases a block of tags
    await keeper.goto(`${base}/warehouse/receive`);
    await hydrated(keeper);
    await keeper.locator('[data-testid="lease-left"][data-left="200"]').waitFor({ timeout: 30_000 });
    await keeper.locator('[data-testid="receive-zone-WH1-IN"] input:checked').waitFor();

    // ── no signal from here ──
    await context.setOffline(true);
    await keeper.getByTestId("receive-save").click();
    // required fields are refused beside each field, in words; nothing is queued
    await keeper.getByTestId("receive-error-department").getByText("Required.").waitFor();
    await keeper.getByTestId("receive-error-supplier").waitFor();
    await keeper.getByTestId("receive-error-lines").getByText("Add at least one line.").waitFor();
    await shot(keeper, "receive-errors-en");
    await keeper.getByTestId("receive-department").selectOption("terminal_service");
    await keeper.getByTestId("receive-purchaseRequest").fill("PR-2026-0815");
    await keeper.getByTestId("receive-supplier").fill("Huawei Technologies");
    await keeper.getByTestId("receive-deliveryNote").fill("DN-55120");
    // the modems by the supplier's barcode (as typed off the box), two units: a tag each from the lease
    await keeper.getByTestId("barcode-input").fill(MODEM_BARCODE);
    await keeper.getByTestId("barcode-go").click();
    const modems = keeper.locator('[data-testid="receive-line"][data-material="MAT-ONU-HG8245"]');
    await modems.waitFor();
    await modems.getByTestId("line-quantity").fill("2");
    await expect.poll(() => modems.getByTestId("line-tag").count()).toBe(2);
    // an unknown barcode says so
    await keeper.getByTestId("barcode-input").fill("0000000000000");
    await keeper.getByTestId("barcode-go").click();
    await keeper.getByTestId("barcode-error").waitFor();
    // the lot from the catalogue: one lot tag
    await keeper.getByTestId("catalogue-open").click();
    await keeper.getByTestId("catalogue-search").fill("CAT6");
    await shot(keeper, "receive-catalogue-en", '[data-testid="catalogue"]');
    await keeper.getByTestId("material-MAT-CAT6-305").click();
    const lot = keeper.locator('[data-testid="receive-line"][data-material="MAT-CAT6-305"]');
    await lot.getByTestId("line-quantity").fill("10");
    expect(await lot.getByTestId("line-tag").count()).toBe(1);
    const tags = await keeper.locator('[data-testid="line-tag"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-tag")));
    expect(tags).toHaveLength(3);
    for (const tag of tags) expect(tag).toMatch(/^ST-\d{6}$/);
    expect(new Set(tags).size).toBe(3);
    lotTag = tags[2]!;
    await shot(keeper, "receive-lines-en", '[data-testid="receive-lines"]');
    // a double tap records it once
    await keeper.getByTestId("receive-save").dblclick();
    await keeper.waitForURL("**/warehouse/receive#saved=*");
    receiptId = new URL(keeper.url()).hash.match(/saved=([0-9a-f-]{36})/)![1]!;
    const saved = keeper.getByTestId("receipt-saved");
    await saved.waitFor();
    expect(await saved.getAttribute("data-queued")).toBe("true");
    const card = keeper.locator(`[data-testid="receipt-card"][data-id="${receiptId}"]`);
    await card.waitFor();
    expect(await card.getByTestId("receipt-code").textContent()).toBe("Number given on sync");
    expect(await card.getByTestId("receipt-status").textContent()).toBe("Awaiting inspection");
    expect(await card.locator('[data-testid="receipt-tag"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-tag")))).toEqual(tags);
    const queued = (await idbAll<Queued>(keeper, "outbox")).filter((r) => r.name === "receipt.record");
    expect(queued).toHaveLength(1);
    expect(queued[0]!.args).toMatchObject({ id: receiptId, department: "terminal_service", inspectionZone: "WH1-IN" });
    await waitPending(keeper, 1);
    // offline, printing waits for the connection; the tags are kept
    await card.getByTestId("print-tags").evaluate((el) => el.scrollIntoView({ block: "center" }));
    await card.getByTestId("print-tags").click();
    await keeper.getByTestId("print-offline").waitFor();
    await shot(keeper, "receive-saved-en");
    // the page opens with no signal too, the receipt listed unnumbered
    await keeper.reload();
    await keeper.locator(`[data-testid="receipt-row"][data-id="${receiptId}"][data-queued="true"]`).waitFor();
    await shot(keeper, "receive-list-queued-en", `[data-testid="receipt-row"][data-id="${receiptId}"]`);

    // ── back online: sent once, numbered by the server ──
    await context.setOffline(false);
    await syncNow(keeper);
    const numbered = keeper.locator(`[data-testid="receipt-card"][data-id="${receiptId}"][data-queued="false"]`);
    await syncUntil(keeper, async () => (await numbered.count()) > 0);
    expect(await numbered.getAttribute("data-code")).toMatch(/^RC-\d{8}-\d{4}$/);
    expect(await numbered.getByTestId("receipt-status").textContent()).toBe("Awaiting inspection");
    // the tags PDF, online
    const href = await numbered.getByTestId("print-tags").getAttribute("href");
    expect(href).toBe(`/api/warehouse/tags.pdf?tags=${tags.join(",")}`);
    const pdf = await keeper.request.get(`${base}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toContain("application/pdf");
    // and each label as an image, beside it
    const pngs = await numbered.getByTestId("tag-png").evaluateAll((els) => els.map((e) => e.getAttribute("href")));
    expect(pngs).toEqual(tags.map((tag) => `/api/warehouse/tags/${tag}.png`));
    const png = await keeper.request.get(`${base}${pngs[2]}`);
    expect(png.status()).toBe(200);
    expect(png.headers()["content-type"]).toBe("image/png");
    await shot(keeper, "receive-synced-en");
    // the label screen says whose inspection it waits for
    await keeper.goto(`${base}/warehouse/label#${receiptId}`);
    await keeper.getByTestId("label-waiting").getByText("Waiting for Terminal Service Dept's inspection.").waitFor();
    expect(errors).toEqual([]);
  });

  test("a terminal service lineman scans the lot: its page leads to the receipt's inspection", async () => {
    expect(lotTag).not.toBe("");
    const p = await openPhone({ locale: "en-US" });
    contexts.push(p.context);
    const page = p.page;
    const base = server.baseUrl;
    await signInAndSync(page, base, "lineman", "lineman-demo");
    await page.goto(`${base}/scan`);
    await hydrated(page);
    await page.getByTestId("manual-code").fill(lotTag.toLowerCase());
    await page.getByTestId("manual-open").click();
    await page.locator(`[data-testid="item-page"][data-tag="${lotTag}"]`).waitFor();
    const inspect = page.getByTestId("item-inspect");
    await syncUntil(page, async () => (await inspect.count()) > 0);
    expect(await inspect.getAttribute("data-receipt")).toMatch(/^RC-\d{8}-\d{4}$/);
    await shot(page, "item-inspect-en", '[data-testid="item-inspect"]');
    await page.getByTestId("item-inspect-link").click();
    await page.waitForURL(`**/warehouse/receipts/${receiptId}`);
    await page.locator('[data-testid="receipt-detail"][data-can-inspect="true"]').waitFor();
    await page.getByTestId("inspect-form").waitFor();
  });

  test("the terminal service head inspects: the modems pass, 7 of the lot pass and 3 go back (退货)", async () => {
    expect(receiptId).not.toBe("");
    const p = await openPhone({ locale: "en-US" });
    contexts.push(p.context);
    const head = p.page;
    await logIn(head, server.baseUrl, "head", "head-demo-01");
    await head.waitForURL("**/home");
    await head.goto(`${server.baseUrl}/warehouse/receipts/${receiptId}`);
    await hydrated(head);
    await head.getByTestId("inspect-form").waitFor();
    await head.getByTestId(`rejected-${lotTag}`).fill("3");
    await head.getByTestId(`to-returned-${lotTag}`).click();
    await head.getByTestId(`reason-${lotTag}`).fill("Three reels crushed in transit.");
    await draw(head, "inspect-pad", 1);
    await head.getByTestId("inspect-sign").click();
    await head.getByTestId("signed-form").waitFor();
    expect(await head.getByTestId(`form-line-${lotTag}`).getAttribute("data-verdict")).toBe("split");
  });

  test("the keeper labels by the form: modems 合格 into WH1-A; the lot splits, 3 into WH1-Q-RET with a photo and a person", async () => {
    expect(lotTag).not.toBe("");
    const base = server.baseUrl;
    await keeper.goto(`${base}/warehouse/label#${receiptId}`);
    await hydrated(keeper);
    const rows = keeper.locator('[data-testid="label-tag"]');
    await syncUntil(keeper, async () => (await rows.count()) === 3);
    await keeper.getByTestId("label-form").waitFor();
    const lot = keeper.locator(`[data-testid="label-tag"][data-tag="${lotTag}"]`);
    expect(await lot.getAttribute("data-verdict")).toBe("split");
    await shot(keeper, "label-en");
    // labelling works with no signal: queued, predicted at once
    await keeper.context().setOffline(true);
    // the lot first (the split needs its zone, its new tag, the person and the photo)
    await tap(lot.getByTestId("label-save"));
    await lot
      .getByTestId("label-problem")
      .getByText(/stock zone/i)
      .waitFor();
    await tap(lot.getByTestId("stock-WH1-A"));
    expect(await lot.locator('[data-testid="quarantine-WH1-Q-RET"] input').isChecked()).toBe(true);
    expect(await lot.getByTestId("quarantine-WH1-Q-DSP").count()).toBe(0);
    splitTag = (await lot.getByTestId("label-split-tag").textContent())!;
    expect(splitTag).toMatch(/^ST-\d{6}$/);
    const options = await lot
      .getByTestId("label-responsible")
      .locator("option")
      .evaluateAll((els) => els.map((e) => [(e as HTMLOptionElement).value, e.textContent]));
    const other = options.find(([, text]) => text?.includes("Liu Fang"));
    if (other) await lot.getByTestId("label-responsible").selectOption(other[0]!);
    await tap(lot.getByTestId("label-save"));
    await lot.getByTestId("label-problem").waitFor();
    await lot.getByTestId("label-photo-input").setInputFiles(await labelPhotoFile(splitTag));
    await lot.locator('[data-testid="label-photo"][data-state="attached"]').waitFor();
    await shot(keeper, "label-split-en", `[data-testid="label-tag"][data-tag="${lotTag}"] [data-testid="label-save"]`);
    await tap(lot.getByTestId("label-save"));
    await lot.getByTestId("label-queued").waitFor();
    expect(await lot.getByTestId("label-split").getAttribute("data-tag")).toBe(splitTag);
    for (const tag of await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-tag")!))) {
      if (tag === lotTag) continue;
      const row = keeper.locator(`[data-testid="label-tag"][data-tag="${tag}"]`);
      expect(await row.getAttribute("data-verdict")).toBe("accepted");
      await tap(row.getByTestId("stock-WH1-A"));
      await tap(row.getByTestId("label-save"));
      await Promise.race([
        row.getByTestId("label-queued").waitFor(),
        row
          .getByTestId("label-problem")
          .waitFor()
          .then(async () => {
            await shot(keeper, `label-problem-${tag}`, `[data-testid="label-tag"][data-tag="${tag}"]`);
            throw new Error(`${tag}: ${await row.getByTestId("label-problem").textContent()}`);
          }),
      ]);
    }
    const labels = (await idbAll<Queued>(keeper, "outbox")).filter((r) => r.name === "receipt.label");
    expect(labels).toHaveLength(3);
    expect(labels.find((l) => l.args.splitTag)?.args).toMatchObject({ stockZone: "WH1-A", quarantineZone: "WH1-Q-RET", splitTag });
    await shot(keeper, "label-queued-en");

    await keeper.context().setOffline(false);
    await syncNow(keeper);
    await syncUntil(keeper, async () => (await keeper.locator('[data-testid="label-done"]').count()) === 3);
    const items = await idbAll<Item>(keeper, "items");
    const byTag = new Map(items.map((i) => [i.tagCode, i]));
    const received = await keeper.locator('[data-testid="label-tag"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-tag")!));
    for (const tag of received.filter((t) => t !== lotTag)) expect(byTag.get(tag)).toMatchObject({ status: "accepted", zoneCode: "WH1-A", quantity: 1 });
    expect(byTag.get(lotTag)).toMatchObject({ status: "accepted", zoneCode: "WH1-A", quantity: 7 });
    const split = byTag.get(splitTag)!;
    expect(split).toMatchObject({ status: "returned", zoneCode: "WH1-Q-RET", quantity: 3, splitFrom: byTag.get(lotTag)!.id });
    expect(split.responsibleId).toMatch(/^[0-9a-f-]{36}$/);
    // the receipt is labelled
    await keeper.goto(`${base}/warehouse/receive#${receiptId}`);
    await keeper.locator(`[data-testid="receipt-card"][data-id="${receiptId}"][data-status="labelled"]`).waitFor();
    await shot(keeper, "receipt-labelled-en");
  });

  test("zh-CN: the screens in Chinese; two of the lot issued to a lineman, on hand 5 after sync", async () => {
    expect(splitTag).not.toBe("");
    const p = await openPhone({ locale: "zh-CN" });
    contexts.push(p.context);
    const page = p.page;
    const base = server.baseUrl;
    await signInAndSync(page, base, "keeper", "keeper-demo1");
    await page.goto(`${base}/warehouse/receive`);
    await hydrated(page);
    await page.getByTestId("receive-form").waitFor();
    await shot(page, "receive-zh");
    await page.goto(`${base}/warehouse/receive#list`);
    await page.locator(`[data-testid="receipt-row"][data-id="${receiptId}"]`).waitFor();
    await shot(page, "receive-list-zh");
    await page.goto(`${base}/warehouse/label#${receiptId}`);
    await page.locator('[data-testid="label-done"]').first().waitFor();
    await shot(page, "label-zh");

    await page.goto(`${base}/warehouse/move`);
    await hydrated(page);
    await page.getByTestId("move-tag-input").fill(lotTag);
    await page.getByTestId("move-tag-go").click();
    const item = page.locator(`[data-testid="move-item"][data-tag="${lotTag}"]`);
    await item.waitFor();
    expect(await item.getAttribute("data-on-hand")).toBe("7");
    await page.getByTestId("move-quantity").fill("2");
    await page.getByTestId("move-person").selectOption({ label: "王建国 Wang Jianguo" });
    await shot(page, "move-zh");
    // more than on hand is refused on the phone, in words
    await p.context.setOffline(true);
    await page.getByTestId("move-quantity").fill("8");
    await tap(page.getByTestId("move-save"));
    await page.getByTestId("move-problem").waitFor();
    await page.getByTestId("move-quantity").fill("2");
    await page.getByTestId("move-save").dblclick();
    await page.getByTestId("move-saved").waitFor();
    await expect.poll(() => item.getAttribute("data-on-hand")).toBe("5");
    expect((await idbAll<Queued>(page, "outbox")).filter((r) => r.name === "stock.move")).toHaveLength(1);
    await shot(page, "move-saved-zh");
    await p.context.setOffline(false);
    await syncNow(page);
    await syncUntil(page, async () => (await idbAll<Item>(page, "items")).find((i) => i.tagCode === lotTag)?.quantity === 5);
  });
});
