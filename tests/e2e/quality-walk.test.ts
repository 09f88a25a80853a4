/**
 * Quality's label spot-check walk on the phone (issue 15, P3 标识的检查, ADR 0038), in Chromium at 390×844: the demo
 * quality user has one planned check of the exchange room's equipment zone HQ-EQ (seeded for them). With no signal,
 * they open it and type three tags of the zone (the stock-take's typed-code path): EQ-000201 is correct, EQ-000202
 * (equipment) and EQ-000203 (a facility) carry wrong labels, each with a photo, one with a note. The app is closed and
 * reopened offline: the same marks. The walk is submitted with no signal, sent once back online, and the server holds
 * two nonconformities against operations (equipment and facility labels are theirs); the same walk resent applies once.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { newProfileDir, openPhone, waitUntil } from "./support/browser";
import { labelPhotoFile, signInAndSync, syncNow, waitPending } from "./support/labels";
import { e2eAvailable } from "./support/require";
import { seededDataDir, startAppServer, type AppServer } from "./support/server";

const run = e2eAvailable();
const PORT = 3690;
const SHOTS = process.env.SHOTS_DIR ?? mkdtempSync(path.join(tmpdir(), "tm-quality-walk-"));

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

async function qualityCookie(server: AppServer): Promise<string> {
  const r = await trpc(server, "mutation", "auth.login", { username: "quality", password: "quality-demo" });
  expect(r.status).toBe(200);
  return r.setCookie.find((c) => c.startsWith("tm_session="))!.split(";")[0]!;
}

interface NcRow {
  code: string;
  source: string;
  sourceRef: string;
  finding: string;
  labelKind: string | null;
  department: string;
  status: string;
}

async function spotCheckNcs(server: AppServer, cookie: string): Promise<NcRow[]> {
  const r = await trpc(server, "query", "quality.nonconformities", { source: "spot_check" }, cookie);
  expect(r.status, JSON.stringify(r.error)).toBe(200);
  return (r.data as { rows: NcRow[] }).rows;
}

async function scan(page: Page, tag: string): Promise<void> {
  await page.getByTestId("count-tag-input").fill(tag.toLowerCase());
  await page.getByTestId("count-tag-add").click();
  await page.locator(`[data-testid="walk-scanned"][data-tag="${tag}"]`).waitFor();
}

async function finding(page: Page, result: string, photo: string, note: string): Promise<void> {
  await page.getByTestId(`mark-${result}`).click();
  await page.locator(`[data-testid="finding"][data-result="${result}"]`).waitFor();
  // saving without the photo is refused: a finding needs its evidence
  await page.getByTestId("finding-save").click();
  await page.getByTestId("finding-photo-missing").waitFor();
  await page.getByTestId("finding-photo-input").setInputFiles(photo);
  await page.locator('[data-testid="finding-photo"][data-state="attached"]').waitFor();
  if (note) await page.getByTestId("finding-note").fill(note);
  await page.getByTestId("finding-save").click();
  await page.locator(`[data-testid="walk-scanned"][data-marked="${result}"]`).waitFor();
}

const marks = (page: Page) =>
  page
    .locator('[data-testid="walk-mark"]')
    .evaluateAll((els) => els.map((e) => [e.getAttribute("data-tag"), e.getAttribute("data-result"), e.getAttribute("data-photo")]));

describe.runIf(run)("a label spot-check walked offline on the quality checker's phone", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startAppServer({ port: PORT, dataDir: await seededDataDir() });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await server?.stop();
  });

  async function phone(profileDir: string, locale = "en-US"): Promise<Page> {
    const p = await openPhone({ locale, profileDir });
    contexts.push(p.context);
    return p.page;
  }

  test("two wrong labels and one correct, closed and reopened offline, submitted once: two nonconformities for operations", { timeout: 300_000 }, async () => {
    const profileDir = newProfileDir();
    let page = await phone(profileDir);
    const base = server.baseUrl;
    await signInAndSync(page, base, "quality", "quality-demo");
    await waitUntil(page, async () => Boolean(await (await caches.open("tm-pages")).match("/quality/check")), undefined, { timeout: 30_000 });
    const photo = await labelPhotoFile("EQ-000202");

    // the home's first button leads to the walk; the planned check is listed (its store came with the first sync)
    await page.getByTestId("quality-spot-check").click();
    await page.getByTestId("quality-checks").waitFor();
    const planned = page.locator('[data-testid^="quality-check-SC-"]');
    await planned.first().waitFor({ timeout: 30_000 });
    expect(await planned.count()).toBe(1);
    expect(await planned.first().textContent()).toContain("HQ-EQ");
    await page.screenshot({ path: path.join(SHOTS, "quality-checks.png"), fullPage: true });

    // no signal from here
    await server.stop();
    await planned.first().click();
    await page.getByTestId("walk-page").waitFor();
    const checkId = await page.getByTestId("walk-page").getAttribute("data-check-id");
    expect(checkId).toMatch(/^[0-9a-f-]{36}$/);
    if (await page.getByTestId("count-pause").isVisible()) await page.getByTestId("count-pause").click();

    // each scan shows what its label should be (from the phone's copy); correct is one tap
    await scan(page, "EQ-000201");
    expect(await page.getByTestId("walk-should-be").textContent()).toContain("HQ-EQ");
    await page.getByTestId("mark-correct").click();
    await page.locator('[data-testid="walk-scanned"][data-marked="correct"]').waitFor();
    // a finding asks for its photo and an optional note
    await scan(page, "EQ-000202");
    await page.screenshot({ path: path.join(SHOTS, "quality-walk-scanned.png"), fullPage: true });
    await finding(page, "wrong_label", photo, "label says in service, the frame is under maintenance");
    await scan(page, "EQ-000203");
    await page.getByTestId("mark-wrong_label").click();
    await page.screenshot({ path: path.join(SHOTS, "quality-walk-finding.png"), fullPage: true });
    await page.getByTestId("finding-cancel").click();
    await finding(page, "wrong_label", photo, "");
    // an unknown tag says so
    await scan(page, "EQ-999999");
    await page.getByTestId("walk-unknown-tag").waitFor();
    const before = await marks(page);
    expect(before).toEqual([
      ["EQ-000203", "wrong_label", "true"],
      ["EQ-000202", "wrong_label", "true"],
      ["EQ-000201", "correct", "false"],
    ]);
    expect(await page.getByTestId("walk-page").getAttribute("data-findings")).toBe("2");
    await page.screenshot({ path: path.join(SHOTS, "quality-walk-marked.png"), fullPage: true });

    // the app is closed mid-walk and reopened with no signal: the same walk, the same marks with their photos
    await page.context().close();
    page = await phone(profileDir);
    await page.goto(`${base}/quality/check#${checkId}`);
    await page.getByTestId("walk-page").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("walk-page").getAttribute("data-check-id")).toBe(checkId);
    expect(await marks(page)).toEqual(before);

    // submitted with no signal: kept in the outbox
    await page.getByTestId("walk-submit").click();
    await page.getByTestId("walk-submit-confirm-yes").click();
    await page.getByTestId("walk-submitted").waitFor();
    await waitPending(page, 1);
    expect(await page.getByTestId("walk-submitted").getAttribute("data-sent")).toBe("false");
    await page.screenshot({ path: path.join(SHOTS, "quality-walk-submitted.png"), fullPage: true });

    // back online: sent once; each wrong label is a nonconformity against operations (equipment and facilities are theirs)
    await server.start();
    await syncNow(page);
    await page.locator('[data-testid="walk-submitted"][data-sent="true"]').waitFor({ timeout: 20_000 });
    const cookie = await qualityCookie(server);
    const ncs = await spotCheckNcs(server, cookie);
    expect(ncs).toHaveLength(2);
    expect(ncs.map((n) => [n.finding, n.labelKind, n.department, n.status]).sort()).toEqual([
      ["wrong_label", "equipment", "operations", "open"],
      ["wrong_label", "facility", "operations", "open"],
    ]);

    // the same walk resent (as after a lost answer): applied once, still two
    const deviceId = uuidv7();
    expect((await trpc(server, "mutation", "sync.registerDevice", { deviceId, label: "resend" }, cookie)).status).toBe(200);
    const now = new Date().toISOString();
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
            name: "spotCheck.submit",
            schemaVersion: 1,
            args: {
              id: checkId,
              planned: true,
              zoneCode: "HQ-EQ",
              marks: [{ id: uuidv7(), tag: "EQ-000201", subject: "", labelKind: "equipment", result: "correct", expected: null, note: "", markedAt: now }],
              note: "",
            },
            clientTime: now,
          },
        ],
      },
      cookie,
    );
    expect(resent.status).toBe(200);
    expect((resent.data as { results: { status: string }[] }).results.map((r) => r.status)).not.toContain("rejected");
    expect(await spotCheckNcs(server, cookie)).toHaveLength(2);

    // the check has left the list of planned checks once the phone pulls it back as submitted
    await page.getByTestId("walk-all").click();
    await page.getByTestId("quality-checks").waitFor();
    await syncNow(page);
    await page.getByTestId("quality-no-planned").waitFor({ timeout: 20_000 });
  });
});
