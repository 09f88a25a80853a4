/**
 * The borrower's badge scanned at the desk (issue 16 "scan instrument + borrower", ADR 0040), on 390×844 phones: the
 * lineman's Me page shows his badge (工牌码); that rendered image, as Chromium's fake camera sees it, is what the
 * custodian's phone reads when, with no signal (server stopped), it hands an instrument out "to someone named" and taps
 * "Scan badge": the lineman is chosen from the colleague list kept on the phone, the issue is saved offline and reaches
 * the server once it is back. Screens under $TM_SHOTS.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { logIn, openPhone } from "./support/browser";
import { SHOTS, shot, signInAndSync, syncUntil } from "./support/instruments";
import { cameraVideo, fakeCamera, ffmpegAvailable, syncNow, waitPending } from "./support/phone";
import { e2eAvailable } from "./support/require";
import { startAppServer, type AppServer } from "./support/server";

const run = e2eAvailable() && ffmpegAvailable("instruments-badge");
const TAG = "IN-000305";

describe.runIf(run)("the borrower's badge scanned at the instrument desk", () => {
  let server: AppServer;
  let dir: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "tm-badge-"));
    server = await startAppServer({ port: 3755 });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
    console.log(`badge screens: ${SHOTS}`);
  });

  test("issued offline to the lineman whose badge the custodian scanned off his phone; synced when back online", async () => {
    const base = server.baseUrl;

    // the lineman's phone shows his badge under Me: that image is what the custodian's camera will see
    const l = await openPhone({ locale: "zh-CN" });
    contexts.push(l.context);
    await logIn(l.page, base, "lineman", "lineman-demo");
    await l.page.waitForURL("**/home");
    await l.page.goto(`${base}/me`);
    const image = l.page.getByTestId("my-badge-image");
    await image.waitFor();
    expect((await l.page.getByTestId("my-badge-code").textContent())?.trim()).toBe("TMU-lineman");
    await shot(l.page, "badge-me-zh");
    const png = path.join(dir, "badge.png");
    await image.screenshot({ path: png });
    const video = cameraVideo(png, path.join(dir, "badge.y4m"));
    await l.context.close();

    // the custodian's phone, its camera playing the badge; online once so the colleague list is kept on the phone
    const c = await openPhone({ locale: "zh-CN", extraArgs: fakeCamera(video) });
    contexts.push(c.context);
    const desk = c.page;
    await signInAndSync(desk, base, "custodian", "custodian-demo", ["/instruments"]);
    await desk.goto(`${base}/instruments#${TAG}`);
    await desk.locator(`[data-testid="instrument-page"][data-tag="${TAG}"][data-status="available"]`).waitFor();
    await desk.getByTestId("action-issue").click();
    await desk.getByTestId("issue-person-lineman").waitFor();
    await desk.getByRole("button", { name: "取消" }).click();

    // no signal at the desk
    await server.stop();
    try {
      // a full load from the service worker's cache: the colleague list must come from the phone's store, not memory
      await desk.reload();
      await desk.locator(`[data-testid="instrument-page"][data-tag="${TAG}"]`).waitFor();
      await desk.getByTestId("action-issue").click();
      await desk.getByTestId("issue-form").waitFor();
      await desk.getByTestId("issue-other").click();
      await desk.getByTestId("issue-badge-camera").click();
      const picked = desk.getByTestId("issue-badge-picked");
      await picked.waitFor({ timeout: 30_000 });
      expect(await picked.getAttribute("data-username")).toBe("lineman");
      expect(await picked.textContent()).toContain("王建国");
      expect(await desk.getByTestId("issue-person-lineman").locator("input").isChecked()).toBe(true);
      // the camera closed with the read
      expect(await desk.getByTestId("camera").count()).toBe(0);
      await shot(desk, "badge-issue-scanned-zh");
      await desk.getByTestId("issue-save").click();
      await desk.getByTestId("instrument-saved").waitFor();
      await desk.locator('[data-testid="instrument-page"][data-status="on_loan"][data-pending="true"]').waitFor();
      await waitPending(desk, 1);
    } finally {
      await server.start();
    }

    // back online: the loan reaches the server, handed to the lineman
    await syncNow(desk);
    await syncUntil(desk, `[data-testid="instrument-page"][data-tag="${TAG}"][data-status="on_loan"][data-pending="false"]`);
    expect(await desk.getByTestId("holder").textContent()).toContain("王建国");
    await waitPending(desk, 0);
  });
});
