/**
 * Helpers of the work-order e2e tests (a lineman's phone): the fake camera's license label, a tap counter, drawing a
 * signature, reading the phone's IndexedDB, waiting for the outbox, screenshots.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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

/**
 * Devices in turn as the camera sees them (Chromium loops the video, and starts it afresh for each camera): each
 * code shown for 2.5 s, e.g. a license label's QR, then the device's serial barcode (Code 128), then the next device.
 */
export async function devicesVideo(dir: string, codes: { bcid: "qrcode" | "code128"; text: string }[]): Promise<string> {
  const parts = await Promise.all(
    codes.map(async ({ bcid, text }, i) => {
      const png = path.join(dir, `code-${i}.png`);
      const opts = bcid === "code128" ? { height: 18, includetext: true, textxalign: "center" as const, scale: 3 } : { scale: 6 };
      writeFileSync(png, await bwipjs.toBuffer({ bcid, text, paddingwidth: 12, paddingheight: 12, backgroundcolor: "FFFFFF", ...opts }));
      return readFileSync(cameraVideo(png, path.join(dir, `code-${i}.y4m`)));
    }),
  );
  // one y4m stream: the first file's header, then every file's frames
  const frames = parts.map((b, i) => (i === 0 ? b : b.subarray(b.indexOf(0x0a) + 1)));
  const out = path.join(dir, "devices.y4m");
  writeFileSync(out, Buffer.concat(frames));
  return out;
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

export type TGestureKind = "tap" | "scan" | "draw" | "type";
export interface TGesture {
  what: string;
  kind: TGestureKind;
  /** Whether what it acts on was wholly on screen before it, with no scrolling (a scan acts on the camera view). */
  inView: boolean;
}

/** Whether an element is wholly inside the viewport as the page stands (nothing scrolled for it), not covered at its middle. */
export async function inViewport(page: Page, testId: string): Promise<boolean> {
  const el = page.getByTestId(testId).first();
  await el.waitFor();
  return el.evaluate((node) => {
    const r = node.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth)) return false;
    // and not under the header or the bottom bar: its middle is itself
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && (node === hit || node.contains(hit));
  });
}

/**
 * Counts every tap and gesture of a flow (issue 10: a drawn signature counts 1, a scan counts 1) and, apart, every
 * typed field (its focusing tap counted as a tap too). Before each one it records whether its target was already on
 * screen: the next step must not need a scroll to be found.
 */
export class Gestures {
  readonly steps: TGesture[] = [];
  constructor(private readonly page: Page) {}
  private async note(testId: string, what: string, kind: TGestureKind): Promise<void> {
    // The screen may bring the next step into view itself in the frame after the last tap (ADR 0022: a rating leads on
    // to the next). Two frames later is what a person sees (no thumb is that fast); measured straight after the click
    // it raced that frame and failed on a busy machine.
    await this.page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
    this.steps.push({ what, kind, inView: await inViewport(this.page, testId) });
  }
  async tap(testId: string, what: string): Promise<void> {
    await this.note(testId, what, "tap");
    await this.page.getByTestId(testId).first().click();
  }
  /** Pointing the camera at one device (its label, then its serial barcode): `until` is what shows it was read. */
  async scan(testId: string, what: string, until: () => Promise<unknown>): Promise<void> {
    await this.note(testId, what, "scan");
    await until();
  }
  async draw(testId: string, seed: number, what: string): Promise<void> {
    await this.note(`${testId}-canvas`, what, "draw");
    await draw(this.page, testId, seed);
  }
  /** One typed field: a tap into it, then the keys. */
  async type(testId: string, text: string, what: string): Promise<void> {
    await this.note(testId, what, "type");
    await this.page.getByTestId(testId).first().click();
    await this.page.getByTestId(testId).first().pressSequentially(text);
  }
  /** Taps and gestures (a typed field's tap included). */
  get count(): number {
    return this.steps.length;
  }
  get typed(): number {
    return this.steps.filter((s) => s.kind === "type").length;
  }
  get scrolled(): string[] {
    return this.steps.filter((s) => !s.inView).map((s) => s.what);
  }
}

/** One stroke with the mouse (signature_pad listens to pointer events): a wave across the pad. */
export async function draw(page: Page, testId: string, seed: number): Promise<void> {
  const canvas = page.getByTestId(`${testId}-canvas`);
  await canvas.scrollIntoViewIfNeeded();
  // the app may still be scrolling the next step into view (a smooth scroll): draw once the pad stands still, as a
  // person would, or the stroke lands beside it
  let box = (await canvas.boundingBox())!;
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(100);
    const now = (await canvas.boundingBox())!;
    const still = Math.abs(now.y - box.y) < 0.5 && Math.abs(now.x - box.x) < 0.5;
    box = now;
    if (still) break;
  }
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
        req.onerror = () => reject(req.error ?? new Error("indexedDB.open failed"));
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains(name)) {
            db.close();
            resolve([]);
            return;
          }
          const all = db.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result as T[]);
          };
          all.onerror = () => {
            db.close();
            reject(all.error ?? new Error("getAll failed"));
          };
        };
      }),
    store,
  );
}

/** A screenshot; `fullPage: false` keeps to the viewport (a full-page shot resizes the viewport and can move the scroll). */
export const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
export const checked = (l: Locator) => l.getAttribute("aria-checked");

/**
 * A PBX application whose inspection passed, for the customer of a seeded work order, linked to that order (ADR 0039
 * §6: the lineman connects a PBX only on an order linked to its passed application). Written into the data folder
 * before the server starts. Returns the application's code.
 */
export async function linkPassedPbx(dataDir: string, orderCode: string): Promise<string> {
  const { eq } = await import("drizzle-orm");
  const { openDataDir } = await import("./server");
  const { propertyCases, users, workOrders } = await import("@/db/schema");
  const handle = await openDataDir(dataDir);
  try {
    const [order] = await handle.db.select().from(workOrders).where(eq(workOrders.code, orderCode));
    const [clerk] = await handle.db.select({ id: users.id }).from(users).where(eq(users.username, "service"));
    const code = "PBX-2026-0901";
    const id = crypto.randomUUID();
    await handle.db.insert(propertyCases).values({
      id,
      code,
      kind: "pbx",
      status: "passed",
      customerName: order!.customerName,
      customerPhone: order!.contact,
      customerPhoneDigits: order!.contact.replace(/\D/g, ""),
      customerAddress: order!.address,
      details: {
        certificateNo: "03-A511-240178",
        model: "KX-TES824CN",
        manufacturer: "Panasonic",
        capacity: "8 trunks / 24 extensions",
        standard: "Analogue",
        connection: "Analogue trunk",
        power: "220 V AC + UPS",
        ancillary: "Operator console",
        trunkLines: 8,
        registry: { verdict: "valid", applicant: "Panasonic", equipmentName: "PBX", expiryDate: "2029-03-01" },
      },
      appliedOn: "2026-01-05",
      createdBy: clerk!.id,
    });
    await handle.db.update(workOrders).set({ propertyCaseId: id }).where(eq(workOrders.id, order!.id));
    return code;
  } finally {
    await handle.close();
  }
}
