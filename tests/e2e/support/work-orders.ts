/**
 * Helpers of the work-order e2e tests (a lineman's phone): the fake camera's license label, a tap counter, drawing a
 * signature, reading the phone's IndexedDB, waiting for the outbox, screenshots.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import bwipjs from "bwip-js/node";
import type { Locator, Page } from "playwright-core";
import { cameraVideo } from "./phone";

export { fakeCamera, syncNow, waitPending } from "./phone";

/** Where screenshots go (SCREENSHOT_DIR, else a temporary folder named in the test output). */
export const SHOTS = process.env.SCREENSHOT_DIR ?? mkdtempSync(path.join(tmpdir(), "tm-wo-shots-"));

/** A label (QR) photographed up close, as a 640×480 15 fps y4m Chromium plays as its camera (tests/e2e/scanner.test.ts). */
export async function labelVideo(dir: string, text: string): Promise<string> {
  const png = path.join(dir, "license.png");
  writeFileSync(png, await bwipjs.toBuffer({ bcid: "qrcode", text, scale: 6, paddingwidth: 12, paddingheight: 12, backgroundcolor: "FFFFFF" }));
  return cameraVideo(png, path.join(dir, "license.y4m"));
}

/** A PNG file to attach as a photo. */
export async function photoFile(text: string): Promise<string> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "tm-wo-photo-")), "photo.png");
  writeFileSync(file, await bwipjs.toBuffer({ bcid: "qrcode", text, scale: 8, backgroundcolor: "FFFFFF" }));
  return file;
}

/** Counts every tap of a measured flow; typing (fill) and drawing are not taps. */
export class Taps {
  readonly steps: string[] = [];
  constructor(private readonly page: Page) {}
  async tap(testId: string, what: string): Promise<void> {
    await this.page.getByTestId(testId).click();
    this.steps.push(what);
  }
  get count(): number {
    return this.steps.length;
  }
}

/** One stroke with the mouse (signature_pad listens to pointer events): a wave across the pad. */
export async function draw(page: Page, testId: string, seed: number): Promise<void> {
  const canvas = page.getByTestId(`${testId}-canvas`);
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const y0 = box.y + box.height / 2;
  await page.mouse.move(box.x + 24, y0);
  await page.mouse.down();
  for (let i = 1; i <= 24; i++) await page.mouse.move(box.x + 24 + i * ((box.width - 60) / 24), y0 + Math.sin(i / 2 + seed) * (box.height / 4), { steps: 2 });
  await page.mouse.up();
}

/** Every row of one IndexedDB store of the phone. */
export function idbAll<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const req = indexedDB.open("tracemark");
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains(name)) return db.close(), resolve([]);
          const all = db.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => (db.close(), resolve(all.result as T[]));
          all.onerror = () => (db.close(), reject(all.error));
        };
      }),
    store,
  );
}


export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
export const checked = (l: Locator) => l.getAttribute("aria-checked");
