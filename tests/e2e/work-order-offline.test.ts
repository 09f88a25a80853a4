/**
 * A work order done with no signal from arrival to the customer's signature (issue 5, DESIGN.md §3, §5, §6): the
 * lineman opens the order, checks two pieces of customer equipment (one by scanning its license label with the
 * camera, one typed, which fails), self-checks and signs, hands the phone over; the customer rates and signs; the
 * lineman takes the phone back with the password checked on the phone. Then the server comes back: everything is
 * sent once, the office sees the closed order and downloads its PDF, and the database holds the facts with the
 * evidence hash the phone made. The taps of the flow (opening the order → the customer's signature, typing and
 * drawing not counted) are written to bench/results/work-order-taps.json.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDb } from "@/db/client";
import { auditEvents, equipmentChecks, workOrderEvents, workOrders, workOrderSignoffs } from "@/db/schema";
import { evidenceHash } from "@/domain/evidence/canonical";
import { logIn, openPhone, waitForServiceWorker, waitUntil } from "./support/browser";
import { e2eAvailable } from "./support/require";
import { seededDataDir, startAppServer, type AppServer } from "./support/server";
import { ffmpegAvailable } from "./support/phone";
import { checked, draw, fakeCamera, idbAll, labelVideo, SHOTS, shot, syncNow, Taps, waitPending } from "./support/work-orders";

const run = e2eAvailable() && ffmpegAvailable("work-order");

const PORT = 3251;
const WO_CODE = "WO-2026-000101";
/** The old paper label as its QR code carries it: license number, model, scramble code (domain/scan/license.ts). */
const LABEL = "00-D710-208870\nMODEL:HWCD868\nSCRAMBLE:A1B2C3D4E5F6";
/** Typed from a worn label: a G3 fax whose license expired (the seed keeps it 40 days past its expiry). */
const TYPED = "00-e620-230556";

describe.runIf(run)("a work order offline from arrival to the customer's signature", () => {
  let server: AppServer;
  let video: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    video = await labelVideo(mkdtempSync(path.join(tmpdir(), "tm-wo-")), LABEL);
    server = await startAppServer({ port: PORT, dataDir: await seededDataDir() });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
  });

  test("two equipment checks (scanned, typed and failing), self-check, hand-over, customer signs; all sent once online; the office gets the PDF", async () => {
    const base = server.baseUrl;
    const phone = await openPhone({
      locale: "zh-CN",
      extraArgs: fakeCamera(video),
    });
    contexts.push(phone.context);
    const { page } = phone;

    // ── online once: sign in, the worker caches the screens, the phone pulls its orders and the registry ──
    await logIn(page, base, "lineman", "lineman-demo");
    await page.waitForURL("**/home");
    await waitForServiceWorker(page);
    await page.reload();
    await waitUntil(page,
      async () => {
        const cache = await caches.open("tm-pages");
        const hits = await Promise.all(["/home", "/work-orders", "/customer"].map((p) => cache.match(p)));
        return hits.every(Boolean);
      },
      undefined,
      { timeout: 30_000 },
    );
    await waitPending(page, 0);
    await expect.poll(async () => (await idbAll(page, "licenses")).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(14);
    const [wo] = (await idbAll<{ id: string; code: string; status: string }>(page, "workOrders")).filter((w) => w.code === WO_CODE);
    expect(wo?.status).toBe("assigned");
    // the verifier for leaving customer mode offline was kept at sign-in (never the password)
    const meta = await idbAll<{ key: string; value: unknown }>(page, "meta");
    const verifier = meta.find((m) => m.key.startsWith("verifier:"));
    expect(verifier?.value).toMatchObject({ alg: "PBKDF2-SHA-256", iterations: 600_000 });
    expect(JSON.stringify(verifier)).not.toContain("lineman-demo");

    // ── no signal from here: the server is down ──
    await server.stop();
    await page.goto(`${base}/home`);
    const card = page.getByTestId(`wo-card-${WO_CODE}`);
    await card.waitFor();
    expect(await card.getByTestId("key-customer").count()).toBe(0);
    await shot(page, "lineman-list-offline-zh");

    const taps = new Taps(page);
    await taps.tap(`open-${WO_CODE}`, "open the work order");
    await page.locator(`[data-testid="wo-page"][data-code="${WO_CODE}"]`).waitFor();
    expect(await page.getByTestId("wo-status").getAttribute("data-status")).toBe("assigned");
    await shot(page, "work-order-zh");

    // 1. scanned: the camera opens on the order, the confirmed read goes straight to its verdict
    await taps.tap("check-scan-start", "scan the first label");
    const form = page.getByTestId("check-form");
    await form.waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="verdict"][data-result="valid"]').waitFor();
    expect(await page.getByTestId("check-label").textContent()).toBe("00-D710-208870");
    expect(await page.getByTestId("verdict-source").textContent()).toMatch(/^已离线核对（许可库版本 \d{4}\/\d{2}\/\d{2}）$/);
    expect(await checked(page.getByTestId("type-telephone"))).toBe("true");
    // the frame the label was read in is its photo (no extra tap)
    await page.locator('[data-testid="check-photo"][data-state="attached"]').waitFor();
    await page.getByTestId("check-serial").fill("SN-HW-0042");
    await shot(page, "check-scanned-valid-zh");
    await taps.tap("outcome-connected", "connected");
    await page.getByTestId("check-saved").waitFor();
    await page.locator('[data-testid="check"][data-result="valid"][data-outcome="connected"][data-pending="true"]').waitFor();
    // the first check queued "on site" before it
    await page.locator('[data-testid="wo-status"][data-status="on_site"][data-pending="true"]').waitFor();

    // 2. typed from a worn label (lower case, as typed): expired, so it cannot be connected
    await taps.tap("check-type-start", "type the second label");
    await page.getByTestId("check-code").fill(TYPED);
    await page.locator('[data-testid="verdict"][data-result="expired"]').waitFor();
    expect(await checked(page.getByTestId("type-fax"))).toBe("true");
    expect(await page.getByTestId("outcome-connected").count()).toBe(0);
    await page.getByTestId("check-serial").fill("FX2890-7781");
    await shot(page, "check-typed-expired-zh");
    await taps.tap("outcome-refused", "refused");
    await page.locator('[data-testid="check"][data-result="expired"][data-outcome="refused"]').waitFor();
    expect(await page.getByTestId("check").count()).toBe(2);

    // 3. self-check on the order screen: the kind's three items, the lineman's signature, one button
    await taps.tap("tick-line_tested", "tick: line tested");
    await taps.tap("tick-service_working", "tick: service working");
    await taps.tap("tick-site_tidy", "tick: site tidy");
    await draw(page, "lineman-signature", 0);
    await page.locator('[data-testid="lineman-signature"][data-strokes="1"]').waitFor();
    await shot(page, "self-check-zh");
    await taps.tap("sign-hand-over", "sign and hand over");

    // ── customer mode: only this order, large type ──
    await page.waitForURL(`**/customer#${wo!.id}`);
    await page.getByTestId("customer-summary").waitFor();
    expect(await page.getByTestId("summary-check").count()).toBe(2);
    expect(await page.locator("nav.bottom-nav").count()).toBe(0);
    await shot(page, "customer-zh");
    await taps.tap("rating-attitude-5", "rate attitude");
    await taps.tap("rating-onTime-4", "rate on time");
    await page.getByTestId("customer-comment").fill("装得很快，师傅很耐心");
    await page.getByTestId("signer-name").fill("张伟");
    await draw(page, "customer-signature", 1);
    await page.locator('[data-testid="customer-signature"][data-strokes="1"]').waitFor();
    await shot(page, "customer-signing-zh");
    await taps.tap("customer-sign", "customer signs");
    await page.locator('[data-testid="customer-done"][data-kind="customer_signed"]').waitFor();
    await shot(page, "customer-done-zh");

    const taken = taps.count;
    mkdirSync("bench/results", { recursive: true });
    writeFileSync(
      "bench/results/work-order-taps.json",
      `${JSON.stringify(
        {
          what: "taps from opening the work order to the customer's signature, offline, in Chromium at 390x844 (tests/e2e/work-order-offline.test.ts); typing and signature strokes not counted",
          taps: taken,
          goal: 12,
          steps: taps.steps,
          not_counted: { typed_fields: ["serial (scanned check)", "license code", "serial (typed check)", "customer comment", "signer name"], signature_strokes: { lineman: 1, customer: 1 } },
          measured_at: new Date().toISOString(),
        },
        null,
        2,
      )}\n`,
    );
    console.log(`work-order taps: ${taken} (${taps.steps.join(" → ")})`);
    expect(taken).toBeLessThanOrEqual(12);

    // what waits on the phone: on site, two checks, the self-check, the signature (with its evidence hash)
    type Rec = { name: string; seq: number; clientTime: string; deviceId: string; args: Record<string, unknown> };
    const queued = (await idbAll<Rec>(page, "outbox")).sort((a, b) => a.seq - b.seq);
    expect(queued.map((r) => r.name)).toEqual(["workOrder.transition", "workOrder.checkEquipment", "workOrder.checkEquipment", "workOrder.selfCheck", "workOrder.customerSign"]);
    const sign = queued.at(-1)!;

    // a reload in the customer's hands stays in customer mode; the lineman's screens send back to it
    await page.goto(`${base}/home`);
    await page.waitForURL(`**/customer#${wo!.id}`);
    await page.getByTestId("customer-done").waitFor();

    // ── the lineman takes the phone back: wrong password refused, right one checked on the phone ──
    await page.getByTestId("lineman-take-back").click();
    await page.getByTestId("unlock-password").fill("not-my-password");
    await page.getByTestId("unlock-submit").click();
    await page.locator('[data-testid="unlock-problem"][data-reason="wrong"]').waitFor({ timeout: 20_000 });
    await shot(page, "unlock-wrong-zh");
    await page.getByTestId("unlock-password").fill("lineman-demo");
    await page.getByTestId("unlock-submit").click();
    await page.waitForURL(`**/work-orders#${wo!.id}`, { timeout: 20_000 });
    await page.locator('[data-testid="wo-status"][data-status="signed"][data-pending="true"]').waitFor();
    await page.getByTestId("to-closed").click();
    await page.locator('[data-testid="wo-status"][data-status="closed"]').waitFor();
    await waitPending(page, 6);
    await shot(page, "work-order-closed-offline-zh");

    // ── the server is back on the same data: everything goes once ──
    await server.start();
    await syncNow(page);
    await page.locator('[data-testid="wo-status"][data-status="closed"][data-pending="false"]').waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="check"][data-pending="false"]').nth(1).waitFor();
    expect(await page.getByTestId("check-source").first().textContent()).toMatch(/^服务器已核对/);
    expect(await page.getByTestId("recheck-changed").count()).toBe(0);
    await page.goto(`${base}/attention`);
    await page.getByTestId("attention-empty").waitFor();

    // ── the office: the closed order and its PDF ──
    const office = await openPhone({ locale: "zh-CN" });
    contexts.push(office.context);
    await logIn(office.page, base, "service", "service-demo");
    await office.page.waitForURL("**/home");
    await office.page.goto(`${base}/work-orders/desk/${wo!.id}`);
    await office.page.locator('[data-testid="desk-detail"][data-status="closed"]').waitFor({ timeout: 20_000 });
    const pdf = await office.page.request.get(`${base}/api/work-orders/${wo!.id}/pdf`);
    expect(pdf.status()).toBe(200);
    const body = await pdf.body();
    expect(body.subarray(0, 4).toString("latin1")).toBe("%PDF");
    await contexts.pop()!.close();
    await phone.context.close();

    // ── the database holds each fact once, with the phone's evidence hash ──
    await server.stop();
    const handle = await openDb({ kind: "pglite", dataDir: server.dataDir });
    try {
      const db = handle.db;
      const [row] = await db.select().from(workOrders).where(eq(workOrders.id, wo!.id));
      expect(row).toMatchObject({ status: "closed" });
      const events = await db.select().from(workOrderEvents).where(eq(workOrderEvents.workOrderId, wo!.id)).orderBy(asc(workOrderEvents.id));
      expect(events.map((e) => e.toStatus)).toEqual(["on_site", "work_done", "signed", "closed"]);
      const checks = await db.select().from(equipmentChecks).where(eq(equipmentChecks.workOrderId, wo!.id)).orderBy(asc(equipmentChecks.id));
      expect(checks.map((c) => [c.licenseNo, c.equipmentType, c.entry, c.clientResult, c.serverResult, c.outcome, c.serial])).toEqual([
        ["00-D710-208870", "telephone", "scan", "valid", "valid", "connected", "SN-HW-0042"],
        ["00-E620-230556", "fax", "typed", "expired", "expired", "refused", "FX2890-7781"],
      ]);
      expect(checks[0]!.labelModel).toBe("HWCD868");
      expect(checks[0]!.scrambleCode).toBe("A1B2C3D4E5F6");
      expect(checks[0]!.photoSha256).toMatch(/^[0-9a-f]{64}$/);
      const signoffs = await db.select().from(workOrderSignoffs).where(eq(workOrderSignoffs.workOrderId, wo!.id)).orderBy(asc(workOrderSignoffs.id));
      expect(signoffs.map((s) => s.kind)).toEqual(["self_check", "customer_signed"]);
      expect(signoffs[0]!.checklist).toMatchObject({ line_tested: true, service_working: true, site_tidy: true, equipment_resolved: true });
      const customer = signoffs[1]!;
      expect(customer).toMatchObject({ signerName: "张伟", ratingAttitude: 5, ratingOnTime: 4, comment: "装得很快，师傅很耐心" });
      expect(customer.evidenceHash).toBe((sign.args as { evidenceHash: string }).evidenceHash);
      expect(customer.clientTime?.toISOString()).toBe(sign.clientTime);
      expect(
        evidenceHash({ snapshot: customer.snapshot as Record<string, unknown>, signatureSha256: customer.signatureSha256!, signerName: customer.signerName, userId: row!.assignedTo!, deviceId: sign.deviceId, clientTime: sign.clientTime }),
      ).toBe(customer.evidenceHash);
      expect((customer.strokes as unknown[]).length).toBe(1);
      const audit = await db.select({ name: auditEvents.name }).from(auditEvents).where(and(eq(auditEvents.subjectType, "work_order"), eq(auditEvents.subjectId, wo!.id)));
      expect(audit.map((a) => a.name)).toEqual(expect.arrayContaining(["workOrder.equipmentChecked", "workOrder.selfChecked", "workOrder.customerSigned"]));
    } finally {
      await handle.close();
    }
    console.log(`work-order screenshots: ${SHOTS}`);
  });
});
