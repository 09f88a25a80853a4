/**
 * Steps of the instrument e2e tests (tests/e2e/instruments*.test.ts): asset-tag label videos for the fake camera,
 * signing in with the register cached on the phone, signing a pad, screenshots under $TM_SHOTS.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import bwipjs from "bwip-js/node";
import type { Page } from "playwright-core";
import { logIn, waitForServiceWorker, waitUntil } from "./browser";
import { cameraVideo, syncNow, waitPending } from "./phone";

export const SHOTS = process.env.TM_SHOTS ?? mkdtempSync(path.join(tmpdir(), "tm-instruments-shots-"));
mkdirSync(SHOTS, { recursive: true });

/** A printed asset-tag label as the camera sees it: Code 128 with its text under the bars, or a QR code. */
export async function tagVideo(dir: string, tag: string, sym: "code128" | "qrcode"): Promise<string> {
  const png = await bwipjs.toBuffer({
    bcid: sym,
    text: tag,
    scale: sym === "qrcode" ? 6 : 3,
    ...(sym === "code128" ? { height: 18, includetext: true, textxalign: "center" } : {}),
    paddingwidth: 12,
    paddingheight: 12,
    backgroundcolor: "FFFFFF",
  });
  const file = path.join(dir, `${tag}-${sym}.png`);
  writeFileSync(file, png);
  return cameraVideo(file, path.join(dir, `${tag}-${sym}.y4m`));
}

/** The phone's copy of the register holds every seeded instrument. */
export async function waitRegisterCached(page: Page, atLeast = 8): Promise<void> {
  await waitUntil(
    page,
    (n) =>
      new Promise<boolean>((resolve) => {
        const req = indexedDB.open("tracemark");
        req.onerror = () => resolve(false);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains("instruments")) {
            db.close();
            resolve(false);
            return;
          }
          const count = db.transaction("instruments").objectStore("instruments").count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result >= n);
          };
          count.onerror = () => {
            db.close();
            resolve(false);
          };
        };
      }),
    atLeast,
    { timeout: 30_000, polling: 250 },
  );
}

/** Signs in, lets the service worker take over, primes the offline pages and fills the register cache. */
export async function signInAndSync(page: Page, baseUrl: string, username: string, password: string, pages: string[]): Promise<void> {
  await logIn(page, baseUrl, username, password);
  await page.waitForURL("**/home");
  await waitForServiceWorker(page);
  await page.reload();
  await waitUntil(
    page,
    async (want) => {
      const cache = await caches.open("tm-pages");
      return (await Promise.all(want.map((p) => cache.match(p)))).every(Boolean);
    },
    pages,
    { timeout: 20_000 },
  );
  await waitPending(page, 0);
  await waitRegisterCached(page);
}

export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

/** Signs on a signature pad with a finger-like stroke (signature_pad listens to pointer events). */
export async function sign(page: Page, testId: string): Promise<void> {
  const pad = page.getByTestId(testId);
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 30 + i * 20, box.y + box.height * (0.6 + (i % 2 ? -0.25 : 0.15)));
  await page.mouse.up();
}

/**
 * The custodian's desk step on their phone (issue 16, ADR 0040): opens the instrument, takes the action (hand out,
 * take back, confirm a hand-over) with the form's defaults (the first request, nothing missing, condition as told),
 * saves and syncs.
 */
export async function atTheDesk(page: Page, baseUrl: string, tag: string, action: "issue" | "confirm_return" | "confirm_handover"): Promise<void> {
  await page.goto(`${baseUrl}/instruments#${tag}`);
  await page.locator(`[data-testid="instrument-page"][data-tag="${tag}"]`).waitFor();
  const button = page.getByTestId(`action-${action}`);
  // the phone may still be pulling the request or the signed hand-over: a sync brings it
  for (let i = 0; i < 5 && !(await button.isVisible()); i++) {
    await syncNow(page);
    await button.waitFor({ timeout: 4_000 }).catch(() => undefined);
  }
  await button.click();
  const save = { issue: "issue-save", confirm_return: "confirm-return-save", confirm_handover: "confirm-handover-save" }[action];
  await page.getByTestId(save).click();
  await sent(page);
}

/**
 * After a change saved on the instrument page: waits until the server has it (the page, read back with the change,
 * says pending; then not). The outbox counter alone may still say 0 before the change is counted.
 */
export async function sent(page: Page): Promise<void> {
  await page.getByTestId("instrument-saved").waitFor();
  await syncUntil(page, '[data-testid="instrument-page"][data-pending="false"]');
  await waitPending(page, 0);
}

/**
 * Syncs until `selector` shows: a change made on another phone reaches this one with a later pull (a tap on sync with
 * nothing queued returns before its pull has landed).
 */
export async function syncUntil(page: Page, selector: string, rounds = 8): Promise<void> {
  const target = page.locator(selector).first();
  for (let i = 0; i < rounds && !(await target.isVisible()); i++) {
    await syncNow(page);
    await target.waitFor({ timeout: 4_000 }).catch(() => undefined);
  }
  await target.waitFor({ timeout: 10_000 });
}
