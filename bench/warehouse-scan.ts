/**
 * bench:warehouse-scan (issue 14): the stock-take on the phone, in headless Chromium at 390×844 against the production
 * build (`npm run build` first) with a freshly seeded PGlite plus 5,000 accepted items in zone WH1-B.
 *
 * (a) Compare time per scan: the keeper's phone pulls the 5,000 items through a real sync, opens
 *     /warehouse/count#WH1-B and types SCANS tags into the count's code field (the same onTag path the camera's reads
 *     take); each scan's compare is a performance measure "count.scan" (client/warehouse/count-session.ts). p50/p95/max
 *     over the measures, unthrottled and with 4× CPU throttling. Goal p95 ≤ 5 ms. Note: Chromium coarsens
 *     performance.now() to 0.1 ms on a page that is not cross-origin isolated, so sub-0.1 ms scans read as 0 or 0.1.
 * (b) Continuous scanning rate: a second phone whose fake camera plays a video of printed stock-tag labels (Code 128 and
 *     QR alternately, bwip-js → PNG → ffmpeg, as tests/e2e/scanner.test.ts), LABELS distinct tags, each in view for
 *     LABEL_S then a blank GAP_S; distinct tags the count screen accepts ("count.counted" marks) in the first 60 s after
 *     the first one, per minute. Goal ≥ 30 tags/min.
 *
 * Writes bench/results/warehouse-scan.json and prints PASS/FAIL lines; exits 0 either way.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import bwipjs from "bwip-js/node";
import type { Page } from "playwright-core";
import { openDb } from "@/db/client";
import { items } from "@/db/schema";
import { logIn, openPhone, waitUntil } from "@/tests/e2e/support/browser";
import { FFMPEG } from "@/tests/e2e/support/phone";
import { seededDataDir, startAppServer } from "@/tests/e2e/support/server";

const PORT = Number(process.env.BENCH_PORT ?? 3671);
const ZONE_ITEMS = 5_000;
const SCANS = 600;
const THROTTLED_SCANS = 300;
const LABELS = 60;
const LABEL_S = 0.9;
const GAP_S = 0.3;
const WINDOW_MS = 60_000;
const GOAL_P95_MS = 5;
const GOAL_RATE = 30;

const tagOf = (i: number) => `ST-${String(300_000 + i).padStart(6, "0")}`;

async function seed(dataDir: string): Promise<void> {
  const handle = await openDb({ kind: "pglite", dataDir });
  for (let from = 0; from < ZONE_ITEMS; from += 1000) {
    const rows = Array.from({ length: Math.min(1000, ZONE_ITEMS - from) }, (_, k) => ({
      tagCode: tagOf(from + k),
      kind: "material" as const,
      name: `盘点测试物品 ${from + k} / Bench item ${from + k}`,
      zoneCode: "WH1-B",
      status: "accepted" as const,
    }));
    await handle.db.insert(items).values(rows);
  }
  await handle.close();
}

/** The phone's read cache holds every item (the demo's and the 5,000). */
async function waitItems(page: Page, min: number): Promise<void> {
  await waitUntil(
    page,
    async (want: number) =>
      // opened only once the app made it: opening a database that does not exist yet would create it empty (version 1)
      (await indexedDB.databases()).some((d) => d.name === "tracemark") &&
      new Promise<boolean>((resolve) => {
        const req = indexedDB.open("tracemark");
        req.onerror = () => resolve(false);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains("items")) {
            db.close();
            resolve(false);
            return;
          }
          const c = db.transaction("items").objectStore("items").count();
          c.onsuccess = () => {
            db.close();
            resolve(c.result >= want);
          };
          c.onerror = () => {
            db.close();
            resolve(false);
          };
        };
      }),
    min,
    { timeout: 300_000, polling: 500 },
  );
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? 0;
  const r = (v: number) => Math.round(v * 1000) / 1000;
  return { n: s.length, p50_ms: r(q(0.5)), p95_ms: r(q(0.95)), max_ms: r(s.at(-1) ?? 0), mean_ms: r(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)) };
}

async function typedScans(page: Page, tags: string[]): Promise<number[]> {
  await page.evaluate(() => performance.clearMeasures("count.scan"));
  for (const tag of tags) {
    await page.getByTestId("count-tag-input").fill(tag);
    await page.getByTestId("count-tag-add").click();
    await page.locator(`[data-testid="count-last"][data-tag="${tag}"]`).waitFor();
  }
  return page.evaluate(() => performance.getEntriesByName("count.scan").map((e) => e.duration));
}

async function labelPng(dir: string, tag: string, qr: boolean): Promise<string> {
  const png = await bwipjs.toBuffer({
    bcid: qr ? "qrcode" : "code128",
    text: tag,
    scale: qr ? 6 : 3,
    ...(qr ? {} : { height: 18, includetext: true, textxalign: "center" }),
    paddingwidth: 12,
    paddingheight: 12,
    backgroundcolor: "FFFFFF",
  });
  const file = path.join(dir, `${tag}.png`);
  writeFileSync(file, png);
  return file;
}

// as tests/e2e/scanner.test.ts: the label fills about two thirds of a 640×480 frame, slightly soft, with sensor noise
const PLACE =
  "scale=440:330:force_original_aspect_ratio=decrease:flags=neighbor,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=0xE8E8E8,gblur=sigma=0.7,noise=alls=8:allf=t,setsar=1,fps=15,format=yuv420p";

function sequenceVideo(pngs: string[], out: string): void {
  const args = ["-v", "error", "-y"];
  const chains: string[] = [];
  const parts: string[] = [];
  pngs.forEach((png, i) => {
    args.push("-loop", "1", "-t", String(LABEL_S), "-i", png);
    args.push("-f", "lavfi", "-t", String(GAP_S), "-i", "color=c=0xE8E8E8:s=640x480:r=15");
    chains.push(`[${2 * i}]${PLACE}[l${i}]`, `[${2 * i + 1}]setsar=1,fps=15,format=yuv420p[g${i}]`);
    parts.push(`[l${i}][g${i}]`);
  });
  const filter = `${chains.join(";")};${parts.join("")}concat=n=${2 * pngs.length}:v=1:a=0[out]`;
  execFileSync(FFMPEG, [...args, "-filter_complex", filter, "-map", "[out]", "-f", "yuv4mpegpipe", out]);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "tm-bench-count-"));
  const dataDir = await seededDataDir();
  await seed(dataDir);
  const server = await startAppServer({ port: PORT, dataDir });
  const results: Record<string, unknown> = {
    what: "stock-take on the phone: production build, headless Chromium 390x844, PGlite with the demo seed + 5,000 accepted items in WH1-B",
    measured_at: new Date().toISOString(),
  };
  const lines: string[] = [];
  try {
    // ── (a) compare time per scan ──────────────────────────────────────────────────────────────
    const a = await openPhone({ locale: "en-US" });
    try {
      const t0 = Date.now();
      await logIn(a.page, server.baseUrl, "keeper", "keeper-demo1");
      await a.page.waitForURL("**/home");
      await waitItems(a.page, ZONE_ITEMS + 12);
      const syncMs = Date.now() - t0;
      await a.page.goto(`${server.baseUrl}/warehouse/count#WH1-B`);
      await a.page.getByTestId("count-page").waitFor({ timeout: 60_000 });
      const expected = Number(await a.page.getByTestId("count-tally").getAttribute("data-expected"));
      // a spread of the zone's tags, a few from elsewhere and unknown ones (every kind of outcome)
      const tags = Array.from({ length: SCANS }, (_, i) => (i % 50 === 49 ? `ST-9${String(i).padStart(5, "0")}` : tagOf((i * 7919) % ZONE_ITEMS)));
      const unique = [...new Set(tags)];
      const plain = await typedScans(a.page, unique);
      const cdp = await a.context.newCDPSession(a.page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      const more = Array.from({ length: THROTTLED_SCANS }, (_, i) => tagOf((i * 104_729 + 17) % ZONE_ITEMS)).filter((t) => !unique.includes(t));
      const throttled = await typedScans(a.page, [...new Set(more)]);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
      const scans = Number(await a.page.getByTestId("count-page").getAttribute("data-scans"));
      const s1 = stats(plain);
      const s4 = stats(throttled);
      results.compare = {
        zone_items_expected: expected,
        phone_items_cached: ZONE_ITEMS + 12,
        first_sync_ms: syncMs,
        scans_in_count: scans,
        unthrottled: s1,
        cpu_4x: s4,
        goal_p95_ms: GOAL_P95_MS,
        timer_resolution_note: "performance.now() is coarsened to 0.1 ms outside cross-origin isolation",
      };
      lines.push(
        `${s1.p95_ms <= GOAL_P95_MS ? "PASS" : "FAIL"} compare per scan over ${expected} items: p50 ${s1.p50_ms} ms, p95 ${s1.p95_ms} ms, max ${s1.max_ms} ms (n=${s1.n}; goal p95 ≤ ${GOAL_P95_MS} ms)`,
      );
      lines.push(
        `${s4.p95_ms <= GOAL_P95_MS ? "PASS" : "FAIL"} compare per scan, 4× CPU throttling: p50 ${s4.p50_ms} ms, p95 ${s4.p95_ms} ms, max ${s4.max_ms} ms (n=${s4.n})`,
      );
      mkdirSync("bench/results", { recursive: true });
      await a.page.screenshot({ path: path.join(dir, "count-5000.png") });
    } finally {
      await a.context.close();
    }

    // ── (b) continuous scanning rate with the fake camera ────────────────────────────────────────
    const videoTags = Array.from({ length: LABELS }, (_, i) => tagOf(4_000 + i));
    const pngs = await Promise.all(videoTags.map((t, i) => labelPng(dir, t, i % 2 === 1)));
    const video = path.join(dir, "labels.y4m");
    sequenceVideo(pngs, video);
    const b = await openPhone({
      locale: "en-US",
      extraArgs: ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", `--use-file-for-fake-video-capture=${video}`],
    });
    try {
      await logIn(b.page, server.baseUrl, "keeper", "keeper-demo1");
      await b.page.waitForURL("**/home");
      await waitItems(b.page, ZONE_ITEMS + 12);
      await b.page.goto(`${server.baseUrl}/warehouse/count#WH1-B`);
      await b.page.locator('[data-testid="camera"][data-state="live"]').waitFor({ timeout: 60_000 });
      const liveAt = await b.page.evaluate(() => performance.now());
      await b.page.waitForTimeout(LABELS * (LABEL_S + GAP_S) * 1000 + 5_000);
      const marks = await b.page.evaluate(() =>
        performance.getEntriesByName("count.counted").map((e) => ({ tag: String((e as PerformanceMark).detail), at: e.startTime })),
      );
      const decoder = await b.page.getByTestId("camera").getAttribute("data-decoder");
      const first = marks[0]?.at ?? liveAt;
      const inWindow = new Set(marks.filter((m) => m.at - first <= WINDOW_MS).map((m) => m.tag));
      const all = new Set(marks.map((m) => m.tag));
      const wrong = [...all].filter((t) => !videoTags.includes(t));
      const rate = Math.round((inWindow.size / (WINDOW_MS / 60_000)) * 10) / 10;
      const missed = videoTags.filter((t) => !all.has(t));
      results.continuous = {
        video: {
          labels: LABELS,
          label_s: LABEL_S,
          gap_s: GAP_S,
          fps: 15,
          size: "640x480",
          symbols: "Code 128 and QR alternately",
          bytes: statSync(video).size,
        },
        decoder,
        camera_live_to_first_count_ms: Math.round(first - liveAt),
        distinct_in_first_60s: inWindow.size,
        tags_per_min: rate,
        distinct_over_run: all.size,
        not_read_in_run: missed,
        misreads: wrong,
        most_possible_per_min: Math.floor(60 / (LABEL_S + GAP_S)),
        goal_tags_per_min: GOAL_RATE,
      };
      lines.push(
        `${rate >= GOAL_RATE && wrong.length === 0 ? "PASS" : "FAIL"} continuous scanning: ${rate} distinct tags/min on the count screen (fake camera, ${LABELS} labels, one per ${LABEL_S + GAP_S} s; ${all.size}/${LABELS} read over the run, ${wrong.length} misreads; goal ≥ ${GOAL_RATE})`,
      );
      await b.page.screenshot({ path: path.join(dir, "count-camera.png") });
    } finally {
      await b.context.close();
    }
  } finally {
    await server.stop();
  }
  results.lines = lines;
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/warehouse-scan.json", `${JSON.stringify(results, null, 2)}\n`);
  for (const l of lines) console.log(l);
  console.log(`screenshots in ${dir}`);
  rmSync(path.join(dir, "labels.y4m"), { force: true });
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
