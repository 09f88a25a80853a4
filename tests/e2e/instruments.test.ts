/**
 * Instruments on the phone (issue 6, Procedure 4), in Chromium with a fake camera playing our own asset-tag labels
 * (bwip-js → PNG → ffmpeg .y4m): a lineman borrows by scanning, is refused on an instrument whose calibration is
 * overdue (no permit-to-use, 准用证), returns with no signal (server stopped) and the return arrives once; a borrow
 * made offline on an instrument lent to someone else meanwhile lands in "Needs attention"; a department head
 * approves a long-term loan on a 390 px phone. Screens are saved under $TM_SHOTS (default a temp dir).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import bwipjs from "bwip-js/node";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { operatorToday } from "@/domain/instruments/dates";
import { maxShortDue } from "@/domain/instruments/loans";
import { logIn, newProfileDir, openPhone, waitForServiceWorker } from "./support/browser";
import { e2eAvailable } from "./support/require";
import { startAppServer, type AppServer } from "./support/server";

const FFMPEG = process.env.FFMPEG_PATH ?? "/usr/bin/ffmpeg";

function ffmpegAvailable(): boolean {
  if (existsSync(FFMPEG)) return true;
  if (process.env.REQUIRE_E2E === "1") throw new Error(`REQUIRE_E2E=1 but no ffmpeg at ${FFMPEG} (apt-get install -y ffmpeg)`);
  console.warn(`\n*** instruments e2e SKIPPED: no ffmpeg at ${FFMPEG}. Install it: apt-get install -y ffmpeg ***\n`);
  return false;
}

const run = e2eAvailable() && ffmpegAvailable();
const SHOTS = process.env.TM_SHOTS ?? mkdtempSync(path.join(tmpdir(), "tm-instruments-shots-"));

/** A printed asset-tag label as the camera sees it: Code 128 with its text under the bars, or a QR code. */
async function tagVideo(dir: string, tag: string, sym: "code128" | "qrcode"): Promise<string> {
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
  const out = path.join(dir, `${tag}-${sym}.y4m`);
  // the label fills about two thirds of a 640×480 frame on a light grey box, slightly soft, with sensor noise
  const place = "scale=440:330:force_original_aspect_ratio=decrease:flags=neighbor,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=0xE8E8E8,gblur=sigma=0.7,noise=alls=8:allf=t,setsar=1,fps=15,format=yuv420p";
  execFileSync(FFMPEG, ["-v", "error", "-y", "-loop", "1", "-t", "2.5", "-i", file, "-vf", place, "-f", "yuv4mpegpipe", out]);
  return out;
}

const fakeCamera = (video: string) => ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", `--use-file-for-fake-video-capture=${video}`];

async function waitPending(page: Page, n: number, timeout = 20_000): Promise<void> {
  await page.waitForFunction((want) => document.querySelector('[data-testid="pending-count"]')?.textContent === String(want), n, { timeout });
}

/** Taps the sync indicator until the outbox is empty (the automatic retry may be backing off). */
async function syncNow(page: Page): Promise<void> {
  for (let i = 0; i < 8; i++) {
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

/** The phone's copy of the register holds every seeded instrument. */
async function waitRegisterCached(page: Page, atLeast = 8): Promise<void> {
  await page.waitForFunction(
    (n) =>
      new Promise<boolean>((resolve) => {
        const req = indexedDB.open("tracemark");
        req.onerror = () => resolve(false);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains("instruments")) return db.close(), resolve(false);
          const count = db.transaction("instruments").objectStore("instruments").count();
          count.onsuccess = () => (db.close(), resolve(count.result >= n));
          count.onerror = () => (db.close(), resolve(false));
        };
      }),
    atLeast,
    { timeout: 30_000, polling: 250 },
  );
}

/** Signs in, lets the service worker take over, primes the offline pages and fills the register cache. */
async function signInAndSync(page: Page, baseUrl: string, username: string, password: string, pages: string[]): Promise<void> {
  await logIn(page, baseUrl, username, password);
  await page.waitForURL("**/home");
  await waitForServiceWorker(page);
  await page.reload();
  await page.waitForFunction(async (want) => {
    const cache = await caches.open("tm-pages");
    return (await Promise.all(want.map((p) => cache.match(p)))).every(Boolean);
  }, pages, { timeout: 20_000 });
  await waitPending(page, 0);
  await waitRegisterCached(page);
}

/** Scan with the fake camera; the result card's action opens the instrument. */
async function scanAndOpen(page: Page, baseUrl: string, tag: string): Promise<void> {
  await page.goto(`${baseUrl}/scan`);
  const card = page.getByTestId("scan-result");
  await card.waitFor({ timeout: 30_000 });
  expect(await card.getAttribute("data-kind")).toBe("asset_tag");
  expect((await page.getByTestId("scan-value").textContent())?.trim()).toBe(tag);
  await page.getByTestId("scan-action").click();
  await page.waitForURL(`**/instruments#${tag}`);
  await page.locator(`[data-testid="instrument-page"][data-tag="${tag}"]`).waitFor();
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

/** Signs on a signature pad with a finger-like stroke (signature_pad listens to pointer events). */
async function sign(page: Page, testId: string): Promise<void> {
  const pad = page.getByTestId(testId);
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 30 + i * 20, box.y + box.height * (0.6 + (i % 2 ? -0.25 : 0.15)));
  await page.mouse.up();
}

describe.runIf(run)("instruments: borrow by scan, refused without a permit, return offline, approve on a phone", () => {
  let server: AppServer;
  let dir: string;
  const contexts: BrowserContext[] = [];
  const videos: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(path.join(tmpdir(), "tm-instr-"));
    videos.tester = await tagVideo(dir, "IN-000305", "code128");
    videos.multimeter = await tagVideo(dir, "IN-000303", "qrcode");
    server = await startAppServer({ port: 3271 });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
    console.log(`instrument screens: ${SHOTS}`);
  });

  test("a lineman borrows by scanning, is refused on an overdue calibration, returns offline and syncs once", async () => {
    const base = server.baseUrl;
    const profileDir = newProfileDir();
    let phone = await openPhone({ locale: "zh-CN", profileDir, extraArgs: fakeCamera(videos.tester!) });
    contexts.push(phone.context);
    let page = phone.page;
    await signInAndSync(page, base, "lineman", "lineman-demo", ["/scan", "/instruments", "/attention"]);

    // scan the network tester's Code 128 tag: one scan tells everything, borrowing is offered
    await scanAndOpen(page, base, "IN-000305");
    const instrument = page.getByTestId("instrument-page");
    expect(await instrument.getAttribute("data-status")).toBe("available");
    expect(await page.getByTestId("permit").getAttribute("data-valid")).toBe("true");
    expect(await page.getByTestId("borrow-refused").count()).toBe(0);
    await shot(page, "instrument-available-zh");
    await page.getByTestId("action-borrow_short").click();
    // the due day is shown: at most one month on
    expect(await page.getByTestId("borrow-due").inputValue()).toBe(maxShortDue(operatorToday()));
    await shot(page, "instrument-borrow-form-zh");
    await page.getByTestId("borrow-save").click();
    await page.getByTestId("instrument-saved").waitFor();
    await page.locator('[data-testid="instrument-page"][data-status="on_loan"]').waitFor();
    expect(await page.getByTestId("holder").textContent()).toContain("王建国");
    // sent and confirmed by the server (the synced row says on loan; nothing left on the phone)
    await syncNow(page);
    await page.locator('[data-testid="instrument-page"][data-status="on_loan"][data-pending="false"]').waitFor({ timeout: 20_000 });
    await shot(page, "instrument-borrowed-zh");

    // the multimeter's calibration is overdue: its permit is withdrawn and borrowing is refused, not offered
    await phone.context.close();
    phone = await openPhone({ locale: "zh-CN", profileDir, extraArgs: fakeCamera(videos.multimeter!) });
    contexts.push(phone.context);
    page = phone.page;
    await scanAndOpen(page, base, "IN-000303");
    const refused = page.getByTestId("borrow-refused");
    await refused.waitFor();
    expect(await refused.getAttribute("data-code")).toBe("permit_invalid");
    expect(await refused.textContent()).toContain("准用证");
    expect(await page.getByTestId("calibration").getAttribute("data-state")).toBe("overdue");
    expect(await page.getByTestId("permit").getAttribute("data-valid")).toBe("false");
    expect(await page.getByTestId("action-borrow_short").count()).toBe(0);
    expect(await page.getByTestId("action-request_long").count()).toBe(0);
    await shot(page, "instrument-refused-zh");

    // no signal: the server is down; "my instruments" and the return work from the phone
    await server.stop();
    try {
      await page.goto(`${base}/instruments`);
      const held = page.getByTestId("held");
      await held.locator('[data-tag="IN-000305"]').waitFor();
      // the seeded loan of the power meter is due within days: a reminder says so
      await page.locator('[data-testid="reminder"][data-kind="loan_due_soon"]').first().waitFor();
      await shot(page, "my-instruments-zh");
      await page.getByTestId("open-IN-000305").click();
      await page.locator('[data-testid="instrument-page"][data-tag="IN-000305"]').waitFor();
      await page.getByTestId("action-return").click();
      await page.getByTestId("condition-damaged").click();
      await page.getByTestId("return-save").click();
      // damaged needs a note saying what is wrong
      await page.locator('[data-testid="return-form"] .field-error').waitFor();
      await page.getByTestId("condition-note").fill("外壳有划痕 / scratched case");
      await shot(page, "instrument-return-form-zh");
      await page.getByTestId("return-save").click();
      await page.getByTestId("instrument-saved").waitFor();
      await page.locator('[data-testid="instrument-page"][data-status="available"][data-pending="true"]').waitFor();
      await page.getByTestId("usage-queued-entry").first().waitFor();
      await waitPending(page, 1);
      await shot(page, "instrument-returned-offline-zh");
    } finally {
      await server.start();
    }
    await syncNow(page);
    await page.locator('[data-testid="instrument-page"][data-status="available"][data-pending="false"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId("usage-queued-entry").count()).toBe(0);
  });

  test("a borrow made offline on an instrument lent to someone else meanwhile lands in Needs attention", async () => {
    const base = server.baseUrl;
    const a = await openPhone({ locale: "en-US" });
    const b = await openPhone({ locale: "en-US" });
    contexts.push(a.context, b.context);
    await signInAndSync(a.page, base, "lineman", "lineman-demo", ["/instruments", "/attention"]);
    await signInAndSync(b.page, base, "lineman2", "lineman2-demo", ["/instruments", "/attention"]);

    await a.page.goto(`${base}/instruments#IN-000307`);
    await a.page.locator('[data-testid="instrument-page"][data-status="available"]').waitFor();
    await a.context.setOffline(true);
    await a.page.getByTestId("action-borrow_short").click();
    await a.page.getByTestId("borrow-save").click();
    await a.page.locator('[data-testid="instrument-page"][data-status="on_loan"][data-pending="true"]').waitFor();

    await b.page.goto(`${base}/instruments#IN-000307`);
    await b.page.getByTestId("action-borrow_short").click();
    await b.page.getByTestId("borrow-save").click();
    await syncNow(b.page);

    await a.context.setOffline(false);
    await syncNow(a.page);
    await a.page.getByTestId("attention-count").getByText("1", { exact: true }).waitFor({ timeout: 20_000 });
    // the phone shows the server's truth now: on loan to the other lineman
    await a.page.locator('[data-testid="instrument-page"][data-status="on_loan"][data-pending="false"]').waitFor();
    expect(await a.page.getByTestId("holder").textContent()).toContain("Zhao");
    await a.page.getByTestId("attention-link").click();
    await a.page.waitForURL("**/attention");
    const card = a.page.getByTestId("rejection");
    expect(await card.getAttribute("data-code")).toBe("not_available");
    await shot(a.page, "instrument-attention-en");
  });

  test("a department head approves a long-term loan on the phone, with a reason required to reject", async () => {
    const base = server.baseUrl;
    const head = await openPhone({ locale: "zh-CN" });
    contexts.push(head.context);
    const page = head.page;
    await signInAndSync(page, base, "head", "head-demo-01", ["/instruments"]);
    const request = page.locator('[data-testid="loan-request"][data-tag="IN-000301"]');
    await request.waitFor();
    expect(await request.textContent()).toContain("新区光网建设");
    await shot(page, "head-approvals-zh");

    // rejecting needs a reason: the confirm is refused until one is written
    await request.getByTestId("reject").click();
    await request.getByTestId("decision-save").click();
    await request.locator(".field-error").waitFor();
    await shot(page, "head-reject-reason-zh");
    await request.getByTestId("decision-cancel").click();

    await request.getByTestId("approve").click();
    await request.getByTestId("decision-reason").fill("同意，用于新区建设");
    await request.getByTestId("decision-save").click();
    await page.getByTestId("decision-done").waitFor();
    await page.locator('[data-testid="loan-request"][data-tag="IN-000301"]').waitFor({ state: "detached" });
    await shot(page, "head-approved-zh");

    // the register follows: the OTDR is on a long-term loan to the second lineman
    await syncNow(page);
    await page.goto(`${base}/instruments#IN-000301`);
    await page.locator('[data-testid="instrument-page"][data-status="on_loan"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId("holder").textContent()).toContain("赵");
  });

  test("a holder hands an instrument over to a named colleague: both sign, the loan moves with its due day", async () => {
    const base = server.baseUrl;
    const a = await openPhone({ locale: "zh-CN" });
    contexts.push(a.context);
    await signInAndSync(a.page, base, "lineman", "lineman-demo", ["/instruments"]);
    await a.page.goto(`${base}/instruments#IN-000302`);
    await a.page.locator('[data-testid="instrument-page"][data-status="on_loan"]').waitFor();
    const due = await a.page.getByTestId("loan-due").textContent();
    await a.page.getByTestId("action-hand_over").click();
    await a.page.getByTestId("colleague-lineman2").click();
    // no signature yet: refused on the phone
    await a.page.getByTestId("handover-save").click();
    await a.page.locator('[data-testid="handover-form"] .field-error').first().waitFor();
    await sign(a.page, "handover-signature-pad");
    await shot(a.page, "instrument-handover-form-zh");
    await a.page.getByTestId("handover-save").click();
    await a.page.getByTestId("instrument-saved").waitFor();
    await a.page.getByTestId("handover-open").waitFor();
    await syncNow(a.page);

    const b = await openPhone({ locale: "zh-CN" });
    contexts.push(b.context);
    await signInAndSync(b.page, base, "lineman2", "lineman2-demo", ["/instruments"]);
    await b.page.goto(`${base}/instruments`);
    await b.page.locator('[data-testid="reminder"][data-kind="handover_offered"]').waitFor();
    await b.page.getByTestId("offers").getByTestId("open-IN-000302").click();
    await b.page.getByTestId("action-accept_handover").click();
    await sign(b.page, "accept-signature-pad");
    await shot(b.page, "instrument-handover-accept-zh");
    await b.page.getByTestId("handover-answer-save").click();
    await b.page.getByTestId("instrument-saved").waitFor();
    expect(await b.page.getByTestId("holder").textContent()).toContain("赵磊");
    await syncNow(b.page);
    await b.page.locator('[data-testid="instrument-page"][data-status="on_loan"][data-pending="false"]').waitFor({ timeout: 20_000 });
    expect(await b.page.getByTestId("holder").textContent()).toContain("赵磊");
    // the due day did not move with the hand-over
    expect(await b.page.getByTestId("loan-due").textContent()).toBe(due);
    await b.page.locator('[data-testid="usage-entry"][data-kind="handover_accepted"]').waitFor();
  });

  test("the custodian's desk: reminders at home, register filters, a passed calibration restores the permit, registers export", async () => {
    const base = server.baseUrl;
    const phone = await openPhone({ locale: "zh-CN" });
    contexts.push(phone.context);
    const page = phone.page;
    await signInAndSync(page, base, "custodian", "custodian-demo", ["/instruments"]);
    const home = page.getByTestId("custodian-home");
    await home.waitFor();
    await page.locator('[data-testid="calibration-list"] [data-tag="IN-000303"]').waitFor();
    await page.locator('[data-testid="calibration-list"] [data-tag="IN-000308"][data-kind="calibration_failed"]').waitFor();
    await page.locator('[data-testid="fault-list"] [data-tag="IN-000304"]').waitFor();
    await shot(page, "custodian-home-zh");

    await page.getByTestId("open-register").click();
    await page.getByTestId("register-list").waitFor();
    await page.getByTestId("filter-calibration").selectOption("overdue");
    await page.locator('[data-testid="register-list"] > li').first().waitFor();
    const tags = await page.locator('[data-testid="register-list"] > li').evaluateAll((lis) => lis.map((li) => li.getAttribute("data-tag")));
    expect(tags).toEqual(["IN-000303"]);
    await shot(page, "register-overdue-zh");
    const csv = page.waitForEvent("download");
    await page.getByTestId("export-csv").click();
    expect((await csv).suggestedFilename()).toMatch(/\.csv$/);

    await page.locator('[data-testid="register-list"] [data-tag="IN-000303"] a').click();
    await page.locator('[data-testid="desk-detail"][data-tag="IN-000303"]').waitFor();
    expect(await page.getByTestId("desk-permit").getAttribute("data-valid")).toBe("false");
    await page.getByTestId("record-calibration").click();
    await page.getByTestId("certificate-no").fill("JL2026-0303-3");
    await shot(page, "desk-calibration-form-zh");
    await page.getByTestId("calibration-save").click();
    await page.getByTestId("desk-done").waitFor();
    await page.locator('[data-testid="desk-permit"][data-valid="true"]').waitFor();
    await page.locator('[data-testid="desk-calibration"][data-state="valid"]').waitFor();
    await shot(page, "desk-calibrated-zh");

    // the phone's copy of the register follows: the multimeter may be lent again
    await syncNow(page);
    await page.goto(`${base}/instruments#IN-000303`);
    await page.locator('[data-testid="permit"][data-valid="true"]').waitFor({ timeout: 20_000 });

    // intake of a new instrument: no permit until its first certificate; its tag label prints
    await page.goto(`${base}/instruments/register`);
    await page.getByTestId("new-instrument").click();
    await page.getByTestId("form-assetTag").fill("in-000399");
    await page.getByTestId("form-name").fill("光源 / Light source");
    await page.getByTestId("form-model").fill("JW3109");
    await page.getByTestId("form-serial").fill("JW3109-0001");
    await page.getByTestId("form-kind").fill("Light Source");
    await shot(page, "register-new-zh");
    await page.getByTestId("form-save").click();
    await page.locator('[data-testid="desk-detail"][data-tag="IN-000399"]').waitFor();
    expect(await page.getByTestId("desk-calibration").getAttribute("data-state")).toBe("never");
    const label = page.waitForEvent("download", { timeout: 60_000 });
    await page.getByTestId("desk-labels-pdf").click();
    expect((await label).suggestedFilename()).toMatch(/\.pdf$/);

    // CSV import: the good row is kept, the bad one is reported with its line
    await page.goto(`${base}/instruments/register`);
    await page.locator("summary", { hasText: "CSV" }).click();
    const csvText = [
      "asset_tag,name,model,serial,kind,category,department,keeper_username,location,intake_date,service_life_years",
      "IN-000401,数字万用表 / Digital multimeter,F17B+,47219999,multimeter,special,terminal_service,head,终端服务部,2026-01-05,6",
      "IN-000402,坏行 / bad row,X,Y,multimeter,nonsense,terminal_service,,终端服务部,2026-01-05,6",
    ].join("\n");
    await page.getByTestId("import-file").setInputFiles({ name: "instruments.csv", mimeType: "text/csv", buffer: Buffer.from(csvText, "utf8") });
    await page.getByTestId("import-csv").click();
    await page.getByTestId("import-result").waitFor();
    const errorsList = page.getByTestId("import-errors");
    expect(await errorsList.textContent()).toContain("3");
    await page.locator('[data-testid="register-list"] [data-tag="IN-000401"]').waitFor();
    await shot(page, "register-import-zh");

    await page.goto(`${base}/instruments/registers#calibration`);
    await page.getByTestId("registers-table").waitFor();
    await shot(page, "registers-calibration-zh");
    const pdf = page.waitForEvent("download", { timeout: 60_000 });
    await page.getByTestId("registers-pdf").click();
    expect((await pdf).suggestedFilename()).toMatch(/\.pdf$/);
  });
});
