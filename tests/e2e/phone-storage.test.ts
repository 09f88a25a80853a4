/**
 * The phone's own storage failing to read (IndexedDB answering errors, as a full or damaged store does): the screens
 * no longer sit on "loading" with nothing said: one banner says so and offers a reload, which brings them back.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { logIn, openPhone } from "./support/browser";
import { e2eAvailable } from "./support/require";
import { startAppServer, type AppServer } from "./support/server";

const run = e2eAvailable();
const SHOTS = process.env.TM_SHOTS ?? mkdtempSync(path.join(tmpdir(), "tm-storage-shots-"));

describe.runIf(run)("the phone's storage cannot be read", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startAppServer({ port: 3764 });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
  });

  test("one banner says so and offers a reload, which brings the notices back", async () => {
    const { context, page } = await openPhone({ locale: "en-US" });
    contexts.push(context);
    await logIn(page, server.baseUrl, "lineman", "lineman-demo");
    await page.waitForURL("**/home");
    await page.getByTestId("work-order-list").getByText("WO-2026-000102").waitFor();
    expect(await page.getByTestId("read-failed").count()).toBe(0);

    // from now on every read of this page's IndexedDB fails, as the browser reports a broken store
    await page.evaluate(() => {
      const fail = () => {
        throw new DOMException("the store cannot be read", "UnknownError");
      };
      for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype] as unknown as Record<string, unknown>[]) {
        for (const name of ["get", "getAll", "getAllKeys", "getKey", "count", "openCursor", "openKeyCursor"]) proto[name] = fail;
      }
    });
    await page.getByTestId("nav-notices").click();
    await page.waitForURL("**/notices");
    const banner = page.getByTestId("read-failed");
    await banner.waitFor();
    expect(await banner.textContent()).toContain("could not be read");
    expect(await banner.getAttribute("role")).toBe("alert");
    await page.screenshot({ path: path.join(SHOTS, "read-failed-en.png") });

    // the reload starts the page afresh (the store reads again)
    await banner.getByRole("button", { name: "Reload" }).click();
    await page.getByTestId("notices").or(page.getByTestId("notices-empty")).first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("read-failed").count()).toBe(0);
  });
});
