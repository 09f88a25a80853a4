/**
 * A saved equipment check opened, corrected or removed before the self-check, with no signal (issue 10, defect 10;
 * ADR 0021): the correction replaces the check, the removal takes it back (after a confirmation); both wait in the
 * outbox as facts of their own and are accepted by the server when it is back; the customer's summary and the
 * database's checks in force hold only what stands, while every check stays on record.
 */
import { eq } from "drizzle-orm";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { auditEvents, equipmentChecks, equipmentCheckWithdrawals, workOrderSignoffs } from "@/db/schema";
import { logIn, openPhone, waitForServiceWorker, waitUntil } from "./support/browser";
import { e2eAvailable } from "./support/require";
import { openDataDir, seededDataDir, startAppServer, type AppServer } from "./support/server";
import { draw, idbAll, shot, syncNow, waitPending } from "./support/work-orders";

const PORT = 3402;
const CODE = "WO-2026-000101";

describe.runIf(e2eAvailable())("correcting and removing a saved equipment check offline", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    server = await startAppServer({ port: PORT, dataDir: await seededDataDir() });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
  });

  test("a wrong serial corrected, a check recorded by mistake removed, then sent; the summary shows the one in force", async () => {
    const phone = await openPhone({ locale: "zh-CN" });
    contexts.push(phone.context);
    const { page } = phone;
    const base = server.baseUrl;
    await logIn(page, base, "lineman", "lineman-demo");
    await page.waitForURL("**/home");
    await waitForServiceWorker(page);
    await page.reload();
    await waitUntil(page, async () => Boolean(await (await caches.open("tm-pages")).match("/work-orders")), undefined, { timeout: 30_000 });
    await page.getByTestId(`wo-card-${CODE}`).waitFor();
    await waitPending(page, 0);
    const [wo] = (await idbAll<{ id: string; code: string }>(page, "workOrders")).filter((w) => w.code === CODE);

    // ── no signal ──
    await server.stop();
    await page.goto(`${base}/home`);
    await page.getByTestId(`open-${CODE}`).click();
    await page.locator(`[data-testid="wo-page"][data-code="${CODE}"]`).waitFor();
    const typedCheck = async (code: string, serial: string, outcome: "connected" | "refused") => {
      await page.getByTestId("check-type-start").click();
      await page.getByTestId("check-code").fill(code);
      await page.locator('[data-testid="check-form"] [data-testid="verdict"]').waitFor();
      await page.getByTestId("check-serial").fill(serial);
      await page.getByTestId(`outcome-${outcome}`).click();
      await page.getByTestId("check-saved").waitFor();
    };
    await typedCheck("00-D710-208870", "SN-WRONG", "connected");
    await typedCheck("00-e620-230556", "FX-BY-MISTAKE", "refused");
    await expect.poll(() => page.getByTestId("check").count(), { timeout: 20_000 }).toBe(2);

    // correct the first: it opens with what was saved; the serial fixed, saved again with one tap
    await page.locator('[data-testid="check"][data-outcome="connected"]').getByTestId("check-correct").click();
    const form = page.locator("[data-testid=check-form][data-correcting]");
    await form.waitFor();
    expect(await page.getByTestId("check-serial").inputValue()).toBe("SN-WRONG");
    expect(await page.getByTestId("check-code").inputValue()).toBe("00-D710-208870");
    await page.getByTestId("check-serial").fill("SN-RIGHT");
    await shot(page, "check-correcting-zh");
    await page.getByTestId("outcome-connected").click();
    await page.getByTestId("check-saved").waitFor();
    await expect.poll(() => page.locator('[data-testid="check"][data-outcome="connected"]').textContent(), { timeout: 20_000 }).toContain("SN-RIGHT");
    expect(await page.getByTestId("check").count()).toBe(2);

    // remove the second: asked first, then gone
    await page.locator('[data-testid="check"][data-outcome="refused"]').getByTestId("check-remove").click();
    await page.getByTestId("check-remove-confirm").waitFor();
    await shot(page, "check-remove-confirm-zh");
    await page.getByTestId("check-remove-yes").click();
    await expect.poll(() => page.getByTestId("check").count(), { timeout: 20_000 }).toBe(1);
    const queued = (await idbAll<{ name: string; seq: number; args: { supersedes?: string } }>(page, "outbox")).sort((a, b) => a.seq - b.seq);
    expect(queued.map((r) => r.name)).toEqual([
      "workOrder.transition",
      "workOrder.checkEquipment",
      "workOrder.checkEquipment",
      "workOrder.checkEquipment",
      "workOrder.withdrawCheck",
    ]);
    expect(queued[3]!.args.supersedes).toMatch(/^[0-9a-f-]{36}$/);

    // ── the server is back: all accepted, the phone shows the same one check ──
    await server.start();
    await syncNow(page);
    await page.locator('[data-testid="check"][data-pending="false"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId("check").count()).toBe(1);
    await page.goto(`${base}/attention`);
    await page.getByTestId("attention-empty").waitFor();
    await page.goto(`${base}/work-orders#${wo!.id}`);
    await page.locator(`[data-testid="wo-page"][data-code="${CODE}"]`).waitFor();
    expect(await page.getByTestId("check").count()).toBe(1);

    // the self-check and the customer's summary: the check in force only; no more correcting after it
    // the checklist is shown ticked (exceptions only, ADR 0022): nothing to tick
    await draw(page, "lineman-signature", 0);
    await page.getByTestId("sign-hand-over").click();
    await page.waitForURL("**/customer#*");
    await page.getByTestId("customer-summary").waitFor();
    expect(await page.getByTestId("summary-check").count()).toBe(1);
    await page.getByTestId("rating-attitude-5").click();
    await page.getByTestId("rating-onTime-5").click();
    await page.getByTestId("signer-name").fill("张伟");
    await draw(page, "customer-signature", 1);
    await page.getByTestId("customer-sign").click();
    await page.locator('[data-testid="customer-done"][data-kind="customer_signed"]').waitFor();
    // the customer's screen has no sync controls: the outbox empties by itself
    await expect.poll(async () => (await idbAll(page, "outbox")).length, { timeout: 30_000 }).toBe(0);
    await phone.context.close();

    // ── the database: three checks on record, two withdrawn (one replaced), audited; the signature on the one ──
    await server.stop();
    const handle = await openDataDir(server.dataDir);
    try {
      const db = handle.db;
      const checks = await db.select().from(equipmentChecks).where(eq(equipmentChecks.workOrderId, wo!.id));
      expect(checks.map((c) => c.serial).sort()).toEqual(["FX-BY-MISTAKE", "SN-RIGHT", "SN-WRONG"]);
      const withdrawals = await db.select().from(equipmentCheckWithdrawals).where(eq(equipmentCheckWithdrawals.workOrderId, wo!.id));
      const serialOf = (id: string | null) => checks.find((c) => c.id === id)?.serial ?? null;
      expect(withdrawals.map((w) => [serialOf(w.checkId), serialOf(w.supersededBy)]).sort()).toEqual([
        ["FX-BY-MISTAKE", null],
        ["SN-WRONG", "SN-RIGHT"],
      ]);
      const audit = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, wo!.id));
      expect(audit.filter((a) => a.name === "workOrder.checkWithdrawn")).toHaveLength(2);
      const [signed] = await db
        .select()
        .from(workOrderSignoffs)
        .where(eq(workOrderSignoffs.workOrderId, wo!.id))
        .then((r) => r.filter((s) => s.kind === "customer_signed"));
      expect(JSON.stringify(signed!.snapshot)).toContain("SN-RIGHT");
      expect(JSON.stringify(signed!.snapshot)).not.toContain("SN-WRONG");
    } finally {
      await handle.close();
    }
  });
});
