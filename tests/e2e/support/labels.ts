/**
 * Steps of the offline label e2e tests (tests/e2e/offline-labels.test.ts): sign in and fill the phone's cache,
 * change a label on an item page, wait for the outbox, tap the sync indicator.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { isFinalLabel, type TItemStatus } from "@/domain/items/labels";
import { logIn, waitForServiceWorker, waitUntil } from "./browser";
import { waitPending } from "./phone";

export { syncNow, waitPending } from "./phone";

/** The phone's read cache holds every seeded item (12). */
export async function waitCacheFilled(page: Page): Promise<void> {
  await waitUntil(
    page,
    () =>
      new Promise<boolean>((resolve) => {
        const req = indexedDB.open("tracemark");
        req.onerror = () => resolve(false);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains("items")) {
            db.close();
            resolve(false);
            return;
          }
          const count = db.transaction("items").objectStore("items").count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result >= 12);
          };
          count.onerror = () => {
            db.close();
            resolve(false);
          };
        };
      }),
    undefined,
    { timeout: 30_000, polling: 250 },
  );
}

/** Signs in, lets the service worker take over, primes the offline pages and fills the read cache. */
export async function signInAndSync(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await logIn(page, baseUrl, username, password);
  await page.waitForURL("**/home");
  await waitForServiceWorker(page);
  // the first load went out before the worker controlled the page; the next one primes the offline pages
  await page.reload();
  await waitUntil(
    page,
    async () => {
      const cache = await caches.open("tm-pages");
      const hits = await Promise.all(["/items", "/zones", "/attention", "/scan"].map((p) => cache.match(p)));
      return hits.every(Boolean);
    },
    undefined,
    { timeout: 20_000 },
  );
  await waitPending(page, 0);
  await waitCacheFilled(page);
}

/**
 * On an open item page: tap the target label, pick the reason (and zone), save; the big label follows at once. A
 * permanent label (returned, scrapped) needs its photo and is confirmed before it is saved.
 */
export async function changeLabel(page: Page, to: string, opts: { reason: string; zone?: string; photo?: string }): Promise<void> {
  await page.getByTestId(`target-${to}`).click();
  await page.getByTestId(`reason-${opts.reason}`).click();
  if (opts.zone) await page.getByTestId(`zone-${opts.zone}`).click();
  if (opts.photo) {
    // a real photograph of a label, shrunk on the phone to travel in the outbox as evidence
    await page.getByTestId("label-photo-input").setInputFiles(opts.photo);
    await page.locator('[data-testid="label-photo"][data-state="attached"]').waitFor();
  }
  await page.getByTestId("save-change").click();
  if (isFinalLabel(to as TItemStatus)) await page.getByTestId("save-change-confirm-yes").click();
  await page.locator(`[data-testid="current-label"][data-status="${to}"]`).waitFor();
  await page.getByTestId("saved").waitFor();
}

export async function openItem(page: Page, baseUrl: string, tag: string): Promise<void> {
  await page.goto(`${baseUrl}/items#${tag}`);
  await page.locator(`[data-testid="item-page"][data-tag="${tag}"]`).waitFor();
}

export async function labelOf(page: Page): Promise<{ status: string | null; pending: string | null }> {
  const label = page.getByTestId("current-label");
  return { status: await label.getAttribute("data-status"), pending: await label.getAttribute("data-pending") };
}

/**
 * A phone-sized JPEG "photograph" of a stock label (its Code 128 on a label-coloured background), made here so the
 * test needs nothing outside the repository; the phone shrinks and re-encodes it like any camera picture.
 */
export async function labelPhotoFile(text: string): Promise<string> {
  const [{ default: bwipjs }, { default: sharp }] = await Promise.all([import("bwip-js/node"), import("sharp")]);
  const barcode = await bwipjs.toBuffer({
    bcid: "code128",
    text,
    scale: 6,
    height: 18,
    includetext: true,
    backgroundcolor: "FFFFFF",
    paddingwidth: 20,
    paddingheight: 20,
  });
  const file = path.join(mkdtempSync(path.join(tmpdir(), "tm-label-photo-")), "label.jpg");
  await sharp({ create: { width: 2000, height: 1500, channels: 3, background: "#cfc6b4" } })
    .composite([{ input: barcode, gravity: "center" }])
    .jpeg({ quality: 92 })
    .toFile(file);
  return file;
}
