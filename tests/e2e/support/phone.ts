/**
 * Steps every phone e2e test shares: waiting for the outbox, tapping sync, and Chromium's fake camera playing a
 * label image (ffmpeg from Debian turns a PNG into the .y4m video Chromium reads).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { Page } from "playwright-core";

export async function waitPending(page: Page, n: number, timeout = 20_000): Promise<void> {
  await page.waitForFunction((want) => document.querySelector('[data-testid="pending-count"]')?.textContent === String(want), n, { timeout });
}

/** Taps the sync indicator until the outbox is empty (the automatic retry may be backing off). */
export async function syncNow(page: Page): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await page.getByTestId("sync-indicator").click();
    try {
      await waitPending(page, 0, 5_000);
      return;
    } catch {
      // still sending or backing off: tap again
    }
  }
  await waitPending(page, 0, 5_000);
}

export const FFMPEG = process.env.FFMPEG_PATH ?? "/usr/bin/ffmpeg";

/** Whether the fake-camera videos can be made; with REQUIRE_E2E=1 a missing ffmpeg fails the run. */
export function ffmpegAvailable(suite: string): boolean {
  if (existsSync(FFMPEG)) return true;
  if (process.env.REQUIRE_E2E === "1") throw new Error(`REQUIRE_E2E=1 but no ffmpeg at ${FFMPEG} (apt-get install -y ffmpeg)`);
  console.warn(`\n*** ${suite} e2e SKIPPED: no ffmpeg at ${FFMPEG}. Install it: apt-get install -y ffmpeg ***\n`);
  return false;
}

/**
 * A label image as the camera sees it: about two thirds of a 640×480 frame on a light grey box, slightly soft, with
 * sensor noise, 15 fps for 2.5 s (Chromium loops it). Written to `out` (.y4m).
 */
export function cameraVideo(png: string, out: string): string {
  const vf =
    "scale=440:330:force_original_aspect_ratio=decrease:flags=neighbor,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=0xE8E8E8,gblur=sigma=0.7,noise=alls=8:allf=t,setsar=1,fps=15,format=yuv420p";
  execFileSync(FFMPEG, ["-v", "error", "-y", "-loop", "1", "-t", "2.5", "-i", png, "-vf", vf, "-f", "yuv4mpegpipe", out]);
  return out;
}

/** Chromium flags for a fake camera playing `video`, permission granted. */
export const fakeCamera = (video: string) => [
  "--use-fake-device-for-media-stream",
  "--use-fake-ui-for-media-stream",
  `--use-file-for-fake-video-capture=${video}`,
];
