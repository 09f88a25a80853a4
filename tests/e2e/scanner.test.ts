/**
 * The scan screen with a fake camera (issue 4, DESIGN §4): Chromium plays a .y4m made from our own label images
 * (bwip-js → PNG → ffmpeg) as its camera; the screen decodes in its worker, confirms, classifies and offers the
 * action. Also: camera denied → manual entry; continuous mode counts a repeated tag once; camera-open-to-first-
 * decode with 4× CPU throttling written to bench/results/scan-first-decode.json (recorded, not asserted).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import bwipjs from "bwip-js/node";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { logIn, openPhone, waitUntil } from "./support/browser";
import { e2eAvailable } from "./support/require";
import { FFMPEG, ffmpegAvailable } from "./support/phone";
import { startAppServer, type AppServer } from "./support/server";

const run = e2eAvailable() && ffmpegAvailable("scanner");

type TSym = "qrcode" | "code128";

/** A printed label as the camera sees it up close: the symbol, its quiet zone, the human-readable text under bars. */
async function labelPng(dir: string, name: string, sym: TSym, text: string): Promise<string> {
  const png = await bwipjs.toBuffer({
    bcid: sym,
    text,
    scale: sym === "qrcode" ? 6 : 3,
    ...(sym === "code128" ? { height: 18, includetext: true, textxalign: "center" } : {}),
    paddingwidth: 12,
    paddingheight: 12,
    backgroundcolor: "FFFFFF",
  });
  const file = path.join(dir, `${name}.png`);
  writeFileSync(file, png);
  return file;
}

// the label fills about two thirds of a 640×480 frame, centred, on a light grey "box", slightly soft, with sensor noise
const PLACE =
  "scale=440:330:force_original_aspect_ratio=decrease:flags=neighbor,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=0xE8E8E8,gblur=sigma=0.7,noise=alls=8:allf=t,setsar=1,fps=15,format=yuv420p";

/** A still label as a `seconds`-long 640×480 15 fps y4m (Chromium loops it). */
function stillVideo(png: string, out: string, seconds = 2.5): string {
  execFileSync(FFMPEG, ["-v", "error", "-y", "-loop", "1", "-t", String(seconds), "-i", png, "-vf", PLACE, "-f", "yuv4mpegpipe", out]);
  return out;
}

/** Labels one after another, each `seconds` long, with an empty view between them (so a repeat is a new read). */
// each label 2 s in view, 1 s of empty view between: on a loaded CI machine (2 shared cores) a decode can take several
// hundred ms, and a read is confirmed on two equal frames, so a 1.2 s label could pass unconfirmed
function sequenceVideo(pngs: string[], out: string, seconds = 2, gap = 1): string {
  const args = ["-v", "error", "-y"];
  const chains: string[] = [];
  const parts: string[] = [];
  pngs.forEach((png, i) => {
    args.push("-loop", "1", "-t", String(seconds), "-i", png);
    args.push("-f", "lavfi", "-t", String(gap), "-i", "color=c=0xE8E8E8:s=640x480:r=15");
    chains.push(`[${2 * i}]${PLACE}[l${i}]`, `[${2 * i + 1}]setsar=1,fps=15,format=yuv420p[g${i}]`);
    parts.push(`[l${i}][g${i}]`);
  });
  const filter = `${chains.join(";")};${parts.join("")}concat=n=${2 * pngs.length}:v=1:a=0[out]`;
  execFileSync(FFMPEG, [...args, "-filter_complex", filter, "-map", "[out]", "-f", "yuv4mpegpipe", out]);
  return out;
}

const fakeCamera = (video: string, allow = true) => [
  "--use-fake-device-for-media-stream",
  ...(allow ? ["--use-fake-ui-for-media-stream"] : []),
  `--use-file-for-fake-video-capture=${video}`,
];

describe.runIf(run)("scan screen with a camera", () => {
  let server: AppServer;
  let dir: string;
  const videos: Record<string, string> = {};
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "tm-scan-"));
    const license = await labelPng(dir, "license", "qrcode", "00-D710-208870");
    const asset = await labelPng(dir, "asset", "code128", "IN-000301");
    const stock = await labelPng(dir, "stock", "code128", "ST-000101");
    const stock2 = await labelPng(dir, "stock2", "code128", "ST-000102");
    videos.license = stillVideo(license, path.join(dir, "license.y4m"));
    videos.asset = stillVideo(asset, path.join(dir, "asset.y4m"));
    videos.stock = stillVideo(stock, path.join(dir, "stock.y4m"));
    videos.sequence = sequenceVideo([stock, stock2], path.join(dir, "sequence.y4m"));
    server = await startAppServer({ port: 3231 });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
  });

  async function phoneOnScan(video: string, opts: { allow?: boolean; throttle?: number; user?: [string, string] } = {}): Promise<Page> {
    const phone = await openPhone({ locale: "en-US", extraArgs: fakeCamera(video, opts.allow ?? true) });
    contexts.push(phone.context);
    const { page } = phone;
    const [username, password] = opts.user ?? ["keeper", "keeper-demo1"];
    await logIn(page, server.baseUrl, username, password);
    await page.waitForURL("**/home");
    if (opts.throttle) {
      const cdp = await phone.context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: opts.throttle });
    }
    await page.goto(`${server.baseUrl}/scan`);
    return page;
  }

  async function readResult(page: Page): Promise<{ value: string; kind: string | null; action: string | null }> {
    await page.getByTestId("scan-result").waitFor({ timeout: 30_000 });
    const card = page.getByTestId("scan-result");
    const action = card.locator("[data-action]");
    return {
      value: ((await page.getByTestId("scan-value").textContent()) ?? "").trim(),
      kind: await card.getAttribute("data-kind"),
      action: await action.first().getAttribute("data-action"),
    };
  }

  test("a license label (QR) is read in the worker, shown with its meaning, first decode timed at 4× CPU throttling", async () => {
    const page = await phoneOnScan(videos.license!, { throttle: 4 });
    const r = await readResult(page);
    expect(r).toEqual({ value: "00-D710-208870", kind: "license_old", action: "license" });
    await expect(page.getByTestId("scan-kind").textContent()).resolves.toContain("license");
    const camera = page.getByTestId("camera");
    const decoder = await camera.getAttribute("data-decoder");
    expect(decoder).toBe("worker:wasm");
    const openMs = Number(await camera.getAttribute("data-open-ms"));
    const firstReadMs = Number(await camera.getAttribute("data-first-read-ms"));
    const firstConfirmMs = Number(await camera.getAttribute("data-first-confirm-ms"));
    expect(firstReadMs).toBeGreaterThan(0);
    expect(firstConfirmMs).toBeGreaterThanOrEqual(firstReadMs);
    mkdirSync("bench/results", { recursive: true });
    const figure = {
      what: "scan screen in Chromium, fake 640x480 camera playing a QR license label; ms from the camera request (getUserMedia)",
      cpu_throttling: 4,
      decoder,
      camera_open_ms: openMs,
      first_decode_ms: firstReadMs,
      // the screen acts on a read seen in 2 consecutive frames (domain/scan/confirm.ts)
      first_confirmed_read_ms: firstConfirmMs,
      goal_ms: 1000,
      measured_at: new Date().toISOString(),
    };
    writeFileSync("bench/results/scan-first-decode.json", `${JSON.stringify(figure, null, 2)}\n`);
    console.log(`scan first decode: ${JSON.stringify(figure)}`);
    await page.screenshot({ path: path.join(dir, "scan-license.png") });
  });

  test("a lineman's license read leads to the equipment check of one of their work orders, label already read", async () => {
    const page = await phoneOnScan(videos.license!, { user: ["lineman", "lineman-demo"] });
    await page.getByTestId("scan-result").waitFor({ timeout: 30_000 });
    const action = page.locator('[data-testid="scan-action"][data-action="check-equipment"]').first();
    await action.waitFor({ timeout: 20_000 });
    const code = await action.getAttribute("data-code");
    expect(code).toMatch(/^WO-20\d{2}-\d{6}$/);
    await action.click();
    await page.locator(`[data-testid="wo-page"][data-code="${code}"]`).waitFor();
    const form = page.getByTestId("check-form");
    await form.waitFor();
    expect(await form.getAttribute("data-entry")).toBe("scan");
    expect(((await page.getByTestId("check-label").textContent()) ?? "").trim()).toContain("00-D710-208870");
  });

  test("an instrument asset tag (Code 128) is read and its action is left to the instrument module", async () => {
    const page = await phoneOnScan(videos.asset!);
    expect(await readResult(page)).toEqual({ value: "IN-000301", kind: "asset_tag", action: "instrument" });
  });

  test("a stock tag (Code 128) is read and opens the item with its label actions", async () => {
    const page = await phoneOnScan(videos.stock!);
    expect(await readResult(page)).toEqual({ value: "ST-000101", kind: "stock_tag", action: "open-item" });
    await page.getByTestId("scan-action").click();
    await page.waitForURL("**/items#ST-000101");
  });

  test("camera denied: the screen says so and manual entry still classifies and opens", async () => {
    const page = await phoneOnScan(videos.stock!, { allow: false });
    await page.getByTestId("camera-problem").waitFor({ timeout: 20_000 });
    expect(await page.getByTestId("camera").getAttribute("data-state")).toMatch(/^(denied|absent)$/);
    await page.getByTestId("manual-code").fill("in-000301");
    await page.getByTestId("manual-open").click();
    expect(await readResult(page)).toEqual({ value: "IN-000301", kind: "asset_tag", action: "instrument" });
    // an item tag opens the item once the phone's read cache has it
    await page.getByTestId("manual-code").fill("st-000101");
    const deadline = Date.now() + 30_000;
    while (!page.url().includes("/items#ST-000101")) {
      if (Date.now() > deadline) throw new Error(`manual entry did not open the item (at ${page.url()})`);
      await page.getByTestId("manual-open").click();
      await page.waitForURL("**/items#ST-000101", { timeout: 2_000 }).catch(() => undefined);
    }
  });

  test("continuous mode counts each tag once, flags the repeat, and undoes the last", async () => {
    const page = await phoneOnScan(videos.sequence!);
    await page.getByTestId("continuous").check();
    // the video loops ST-000101, (gap), ST-000102, (gap), ST-000101 …: the third read is a repeat
    await page.getByTestId("duplicate").waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("counted-total").textContent()).toBe("2");
    const codes = await page
      .getByTestId("counted")
      .locator("li")
      .evaluateAll((lis) => lis.map((li) => li.getAttribute("data-code")));
    expect(codes.sort()).toEqual(["ST-000101", "ST-000102"]);
    // a whole further loop still counts two
    await page.waitForTimeout(6_500);
    expect(await page.getByTestId("counted-total").textContent()).toBe("2");
    await page.getByTestId("undo").click();
    expect(await page.getByTestId("counted-total").textContent()).toBe("1");
  });

  test("offline: with the server stopped, the installed app still decodes (worker and .wasm from the precache)", async () => {
    const phone = await openPhone({ locale: "en-US", extraArgs: fakeCamera(videos.asset!) });
    contexts.push(phone.context);
    const { page } = phone;
    await logIn(page, server.baseUrl, "keeper", "keeper-demo1");
    await page.waitForURL("**/home");
    await waitUntil(
      page,
      async () => {
        const reg = await navigator.serviceWorker.ready;
        if (reg.active === null || navigator.serviceWorker.controller === null) return false;
        const names = await caches.keys();
        for (const name of names) {
          const cache = await caches.open(name);
          const keys = await cache.keys();
          if (keys.some((r) => r.url.includes("/scanner/decoder-worker.js")) && keys.some((r) => r.url.includes("/zxing/zxing_reader.wasm"))) return true;
        }
        return false;
      },
      undefined,
      { timeout: 30_000, polling: 500 },
    );
    // the next load primes the offline pages (as in offline-labels.test.ts)
    await page.reload();
    await waitUntil(page, async () => Boolean(await (await caches.open("tm-pages")).match("/scan")), undefined, { timeout: 20_000 });
    await server.stop();
    try {
      await page.goto(`${server.baseUrl}/scan`);
      expect(await readResult(page)).toEqual({ value: "IN-000301", kind: "asset_tag", action: "instrument" });
      expect(await page.getByTestId("camera").getAttribute("data-decoder")).toBe("worker:wasm");
    } finally {
      await server.start();
    }
  });
});
