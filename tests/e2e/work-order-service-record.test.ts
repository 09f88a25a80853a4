/**
 * The data-terminal service record (服务记录表 with its completion column 完成情况, issue 15) on a terminal-maintenance
 * order, in Chromium at 390×844: with no signal, the hand-over is refused until the record is filled in; the lineman
 * writes it (requested service, what was done, a part, completed), signs the self-check and hands over; the customer
 * sees the record before signing. Back online everything goes once, and the office's record and PDF carry it.
 */
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { logIn, openPhone, waitForServiceWorker, waitUntil } from "./support/browser";
import { e2eAvailable } from "./support/require";
import { startAppServer, type AppServer } from "./support/server";
import { draw, idbAll, shot, syncNow, waitPending } from "./support/work-orders";

const PORT = 3720;
const CODE = "WO-2026-000104";

/** A tRPC call over HTTP as the app's client makes it (superjson body, CSRF header, same Origin). */
async function trpc(server: AppServer, procedure: string, input: unknown, cookie?: string, query = false) {
  const headers = { "content-type": "application/json", "x-tracemark-csrf": "1", origin: server.baseUrl, ...(cookie ? { cookie } : {}) };
  const res = query
    ? await fetch(`${server.baseUrl}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers })
    : await fetch(`${server.baseUrl}/api/trpc/${procedure}`, { method: "POST", headers, body: JSON.stringify({ json: input }) });
  return { status: res.status, body: (await res.json()) as { result: { data: { json: Record<string, unknown> } } }, setCookie: res.headers.getSetCookie() };
}

describe.runIf(e2eAvailable())("the terminal-maintenance service record, offline on the lineman's phone", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    server = await startAppServer({ port: PORT });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
  });

  test("refused without the record; written offline, seen by the customer, signed; synced once; on the office record and PDF (zh-CN)", async () => {
    const base = server.baseUrl;
    const phone = await openPhone({ locale: "zh-CN" });
    contexts.push(phone.context);
    const { page } = phone;
    await logIn(page, base, "lineman", "lineman-demo");
    await page.waitForURL("**/home");
    await waitForServiceWorker(page);
    await page.reload();
    await waitUntil(
      page,
      async () => {
        const cache = await caches.open("tm-pages");
        const hits = await Promise.all(["/home", "/work-orders", "/customer"].map((p) => cache.match(p)));
        return hits.every(Boolean);
      },
      undefined,
      { timeout: 60_000 },
    );
    await waitPending(page, 0);
    const wo = (await idbAll<{ id: string; code: string; status: string; kind: string }>(page, "workOrders")).find((w) => w.code === CODE)!;
    expect(wo).toMatchObject({ kind: "terminal_maintenance", status: "assigned" });

    // ── no signal from here ──
    await phone.context.setOffline(true);
    await page.getByTestId(`open-${CODE}`).click();
    await page.locator(`[data-testid="wo-page"][data-code="${CODE}"]`).waitFor();
    await page.locator('[data-testid="service-record"][data-state="none"]').waitFor();
    // the old "service record filled in" tick is gone: the record itself is asked for
    expect(await page.getByTestId("tick-service_record_filled").count()).toBe(0);
    await draw(page, "lineman-signature", 0);
    await page.getByTestId("sign-hand-over").click();
    await page.getByTestId("missing-service-record").getByText("请先填写服务记录表。").waitFor();
    expect(page.url()).toContain("/work-orders#");

    // the record: the requested service is prefilled from the order; a refusal names the fields
    await page.getByTestId("sr-save").click();
    await page.getByTestId("sr-error-done").waitFor();
    await page.getByTestId("sr-done-input").fill("更换 PBX 电源模块，测试内外线呼叫正常。");
    await page.getByTestId("sr-add-part").click();
    await page.getByTestId("sr-part-name-0").fill("PBX 电源模块");
    await page.getByTestId("sr-part-qty-0").fill("1");
    await page.getByTestId("sr-completion-completed").click();
    await shot(page, "service-record-form-zh");
    await page.getByTestId("sr-save").click();
    await page.locator('[data-testid="service-record"][data-state="queued"]').waitFor();
    await page.getByTestId("sr-completion").getByText("已完成").waitFor();
    await shot(page, "service-record-saved-zh");

    // now the hand-over goes on (the signature pad still holds the signature)
    await draw(page, "lineman-signature", 0);
    await page.getByTestId("sign-hand-over").click();
    await page.waitForURL("**/customer#*");
    // the customer sees the record before signing
    const shown = page.getByTestId("customer-service-record");
    await shown.getByText("更换 PBX 电源模块，测试内外线呼叫正常。").waitFor();
    await shown.getByText("PBX 电源模块 × 1").waitFor();
    await shown.getByText("已完成").waitFor();
    await shot(page, "service-record-customer-zh");
    await page.getByTestId("rating-attitude-5").click();
    await page.getByTestId("rating-onTime-5").click();
    await page.getByTestId("signer-name").fill("李经理");
    await draw(page, "customer-signature", 1);
    await page.getByTestId("customer-sign").click();
    await page.locator('[data-testid="customer-done"][data-kind="customer_signed"]').waitFor();

    // ── the lineman takes the phone back (the order stays signed), signal again: everything goes once ──
    await page.getByTestId("unlock-password").fill("lineman-demo");
    await page.getByTestId("unlock-submit").click();
    await page.waitForURL("**/work-orders#*", { timeout: 20_000 });
    await phone.context.setOffline(false);
    await syncNow(page);
    await page.locator('[data-testid="service-record"][data-state="synced"]').waitFor({ timeout: 20_000 });

    // the office's record and the PDF carry it
    const login = await trpc(server, "auth.login", { username: "service", password: "service-demo" });
    const cookie = login.setCookie.find((c) => c.startsWith("tm_session="))!.split(";")[0]!;
    const detail = await trpc(server, "workOrders.get", { workOrderId: wo.id }, cookie, true);
    expect(detail.status).toBe(200);
    expect(detail.body.result.data.json.serviceRecord).toMatchObject({
      done: "更换 PBX 电源模块，测试内外线呼叫正常。",
      parts: [{ name: "PBX 电源模块", quantity: 1 }],
      completion: "completed",
    });
    const pdf = await fetch(`${base}/api/work-orders/${wo.id}/pdf`, { headers: { cookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toContain("application/pdf");

    // the desk's record screen shows it
    const office = await openPhone({ locale: "zh-CN" });
    contexts.push(office.context);
    await logIn(office.page, base, "service", "service-demo");
    await office.page.waitForURL("**/home");
    await office.page.goto(`${base}/work-orders/desk/${wo.id}`);
    await office.page.getByTestId("detail-service-record").getByText("PBX 电源模块 × 1").waitFor();
    await shot(office.page, "service-record-desk-zh");
  });
});
