/**
 * The keeper's stock-take of a zone on the phone (issue 14, ADR 0035 §7), in Chromium with a fake camera: WH1-A should
 * hold ST-000103, ST-000104, ST-000105 and (moved there with its 待检 label before the test) ST-000101. The keeper scans
 * ST-000103 with the camera (a printed Code 128 label played as the camera's video), types ST-000105, ST-000101 (wrong
 * label for a stock zone), ST-000106 (belongs in the returns area) and ST-999991 (in no record at all: unknown);
 * ST-000104 stays missing. The server goes away, the app is closed and reopened: the same scans and lists. The count
 * is submitted with no signal, sent once the server is back, and the server's own compare stores 4 differences (its
 * CSV lists them); a resend of the same count applies once.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import bwipjs from "bwip-js/node";
import { sql } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { newProfileDir, openPhone, waitUntil } from "./support/browser";
import { signInAndSync, syncNow, waitPending } from "./support/labels";
import { cameraVideo, fakeCamera, ffmpegAvailable } from "./support/phone";
import { e2eAvailable } from "./support/require";
import { openDataDir, seededDataDir, startAppServer, type AppServer } from "./support/server";

const run = e2eAvailable() && ffmpegAvailable("warehouse-count");
const PORT = 3670;

/** A tRPC call over HTTP as the app's client makes it (superjson body, CSRF header, same Origin). */
async function trpc(server: AppServer, kind: "query" | "mutation", procedure: string, input: unknown, cookie?: string) {
  const headers = { "content-type": "application/json", "x-tracemark-csrf": "1", origin: server.baseUrl, ...(cookie ? { cookie } : {}) };
  const url = `${server.baseUrl}/api/trpc/${procedure}`;
  const res =
    kind === "query"
      ? await fetch(`${url}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers })
      : await fetch(url, { method: "POST", headers, body: JSON.stringify({ json: input }) });
  const body = (await res.json()) as { result?: { data: { json: unknown } }; error?: unknown };
  return { status: res.status, data: body.result?.data.json, error: body.error, setCookie: res.headers.getSetCookie() };
}

async function keeperCookie(server: AppServer): Promise<string> {
  const r = await trpc(server, "mutation", "auth.login", { username: "keeper", password: "keeper-demo1" });
  expect(r.status).toBe(200);
  return r.setCookie.find((c) => c.startsWith("tm_session="))!.split(";")[0]!;
}

interface CountAnswer {
  count: { id: string; zoneCode: string; expected: number; found: number; differences: number };
  differences: { kind: string; tag: string; recordedZone: string | null }[];
}

async function typeTag(page: Page, tag: string): Promise<void> {
  await page.getByTestId("count-tag-input").fill(tag.toLowerCase());
  await page.getByTestId("count-tag-add").click();
  await page.locator(`[data-testid="count-last"][data-tag="${tag}"]`).waitFor();
}

async function lists(page: Page) {
  const tags = (id: string) => page.locator(`[data-testid="${id}"] li[data-tag]`).evaluateAll((els) => els.map((e) => e.getAttribute("data-tag")));
  return {
    scans: Number(await page.getByTestId("count-page").getAttribute("data-scans")),
    found: await page.getByTestId("count-found").textContent(),
    missing: await tags("list-missing"),
    unexpected: await tags("list-unexpected"),
    wrong: await tags("list-wrong"),
    unknown: await tags("list-unknown"),
    tallyUnknown: await page.getByTestId("tally-unknown").textContent(),
  };
}

describe.runIf(run)("stock-take of a zone on the keeper's phone", () => {
  let server: AppServer;
  let dir: string;
  let video: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "tm-count-"));
    const png = await bwipjs.toBuffer({
      bcid: "code128",
      text: "ST-000103",
      scale: 3,
      height: 18,
      includetext: true,
      textxalign: "center",
      paddingwidth: 12,
      paddingheight: 12,
      backgroundcolor: "FFFFFF",
    });
    writeFileSync(path.join(dir, "st103.png"), png);
    video = cameraVideo(path.join(dir, "st103.png"), path.join(dir, "st103.y4m"));
    // a 待检 item standing in the accepted-stock zone: the wrong label for it
    const dataDir = await seededDataDir();
    const handle = await openDataDir(dataDir);
    await handle.db.execute(sql`update items set zone_code = 'WH1-A' where tag_code = 'ST-000101'`);
    await handle.close();
    server = await startAppServer({ port: PORT, dataDir });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
  });

  async function phone(profileDir: string): Promise<Page> {
    const p = await openPhone({ locale: "en-US", profileDir, extraArgs: fakeCamera(video) });
    contexts.push(p.context);
    return p.page;
  }

  test("one missing, one from another zone, one wrong label, one unknown; closed and reopened offline; submitted once", async () => {
    const profileDir = newProfileDir();
    let page = await phone(profileDir);
    const base = server.baseUrl;
    await signInAndSync(page, base, "keeper", "keeper-demo1");
    await waitUntil(page, async () => Boolean(await (await caches.open("tm-pages")).match("/warehouse/count")), undefined, { timeout: 30_000 });

    // the keeper's home leads to the count; the zone picker to the zone
    await page.getByTestId("home-count").click();
    await page.getByTestId("count-zone-WH1-A").click();
    await page.getByTestId("count-page").waitFor();
    expect(await page.getByTestId("count-tally").getAttribute("data-expected")).toBe("4");
    await page.screenshot({ path: path.join(dir, "count-start.png") });

    // the camera reads the printed label and counts it once (the label stays in view: repeats are ignored)
    await page.locator('[data-testid="count-last"][data-tag="ST-000103"][data-kind="found"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("camera").getAttribute("data-decoder")).toMatch(/^(worker|main):/);
    await page.getByTestId("count-pause").click();
    await page.locator('[data-testid="count-scanner"][data-paused="true"]').waitFor();

    await typeTag(page, "ST-000105");
    expect(await page.getByTestId("count-last").getAttribute("data-kind")).toBe("found");
    await typeTag(page, "ST-000101");
    expect(await page.getByTestId("count-last").getAttribute("data-kind")).toBe("wrong_label");
    expect(await page.getByTestId("count-last").textContent()).toContain("stock zone");
    await typeTag(page, "ST-000106");
    expect(await page.getByTestId("count-last").getAttribute("data-kind")).toBe("unexpected");
    expect(await page.getByTestId("count-last").textContent()).toContain("Returned (quarantine) (WH1-Q-RET)");
    // a tag in no record at all: unknown, listed apart (not found, not missing)
    await typeTag(page, "ST-999991");
    expect(await page.getByTestId("count-last").getAttribute("data-kind")).toBe("unknown");
    expect(await page.getByTestId("count-last").textContent()).toContain("Not in the warehouse records (unknown tag)");
    // a repeat is not counted again
    await page.getByTestId("count-tag-input").fill("ST-000105");
    await page.getByTestId("count-tag-add").click();
    await page.locator('[data-testid="count-last"][data-kind="repeat"]').waitFor();
    expect(await page.getByTestId("belongs-in").textContent()).toContain("Returned (quarantine)");

    const before = await lists(page);
    expect(before).toEqual({
      scans: 5,
      found: "2 / 4 found",
      missing: ["ST-000104"],
      unexpected: ["ST-000106"],
      wrong: ["ST-000101"],
      unknown: ["ST-999991"],
      tallyUnknown: "1 unknown",
    });
    expect(await page.getByTestId("list-unknown").textContent()).toContain("ST-999991");
    await page.screenshot({ path: path.join(dir, "count-mid.png"), fullPage: true });

    // no signal, and the app is closed mid-count; reopened, the same count with the same scans
    await server.stop();
    await page.context().close();
    page = await phone(profileDir);
    await page.goto(`${base}/warehouse/count#WH1-A`);
    await page.getByTestId("count-page").waitFor({ timeout: 30_000 });
    await page.getByTestId("count-pause").click();
    expect(await lists(page)).toEqual(before);
    const countId = await page.getByTestId("count-page").getAttribute("data-count-id");
    expect(countId).toMatch(/^[0-9a-f-]{36}$/);

    // submitted with no signal: kept in the outbox, the office's address shown
    await page.getByTestId("count-submit").click();
    await page.getByTestId("count-submit-confirm-yes").click();
    await page.getByTestId("count-submitted").waitFor();
    expect(await page.getByTestId("count-office-link").textContent()).toBe(`/warehouse/counts/${countId}`);
    await waitPending(page, 1);
    await page.screenshot({ path: path.join(dir, "count-submitted.png") });

    // back online: sent once; the server's compare stores the differences
    await server.start();
    await syncNow(page);
    await page.locator('[data-testid="count-submitted"][data-sent="true"]').waitFor({ timeout: 20_000 });
    const cookie = await keeperCookie(server);
    const answer = await trpc(server, "query", "warehouse.count", { id: countId }, cookie);
    expect(answer.status).toBe(200);
    const got = answer.data as CountAnswer;
    expect(got.count).toMatchObject({ id: countId, zoneCode: "WH1-A", expected: 4, found: 2, differences: 4 });
    expect(got.differences.map((d) => [d.kind, d.tag, d.recordedZone])).toEqual([
      ["missing", "ST-000104", "WH1-A"],
      ["unexpected", "ST-000106", "WH1-Q-RET"],
      ["wrong_label", "ST-000101", "WH1-A"],
      ["unknown", "ST-999991", null],
    ]);
    // the office's file of the differences: one row each, in the same order
    const csv = await fetch(`${server.baseUrl}/api/warehouse/register/differences.csv?count=${countId}`, { headers: { cookie } });
    expect(csv.status).toBe(200);
    const csvRows = (await csv.text()).split("\r\n").filter((r) => r.length > 0);
    expect(csvRows.slice(1).map((r) => r.split(",")[0])).toEqual(["ST-000104", "ST-000106", "ST-000101", "ST-999991"]);
    expect(csvRows[4]).toContain("未知标签 Unknown tag");

    // the same count resent (another send of it, as after a lost answer): applied once
    const deviceId = randomUUID();
    expect((await trpc(server, "mutation", "sync.registerDevice", { deviceId, label: "resend" }, cookie)).status).toBe(200);
    const scans = ["ST-000103", "ST-000105", "ST-000101", "ST-000106", "ST-999991"];
    const resent = await trpc(
      server,
      "mutation",
      "sync.push",
      {
        deviceId,
        mutations: [
          {
            mutationId: uuidv7(),
            deviceId,
            seq: 1,
            name: "count.submit",
            schemaVersion: 1,
            args: { id: countId, zoneCode: "WH1-A", startedAt: new Date().toISOString(), scans },
            clientTime: new Date().toISOString(),
          },
        ],
      },
      cookie,
    );
    expect(resent.status).toBe(200);
    const results = (resent.data as { results: { status: string }[] }).results;
    expect(results.map((r) => r.status)).toEqual(["already_in_state"]);
    const counts = await trpc(server, "query", "warehouse.counts", {}, cookie);
    const rows = (counts.data as { rows: { id: string }[] }).rows.filter((r) => r.id === countId);
    expect(rows).toHaveLength(1);
    const again = (await trpc(server, "query", "warehouse.count", { id: countId }, cookie)).data as CountAnswer;
    expect(again.differences).toHaveLength(4);

    // the keeper counts the zone again from a fresh draft; abandoning asks first and clears it
    await page.getByTestId("count-again").click();
    await page.getByTestId("count-page").waitFor();
    expect(await page.getByTestId("count-page").getAttribute("data-count-id")).not.toBe(countId);
    await page.getByTestId("count-abandon").click();
    await page.getByTestId("count-abandon-confirm-yes").click();
    await page.getByTestId("count-zones").waitFor();
    expect(await page.getByTestId("count-draft-WH1-A").count()).toBe(0);
  });
});
