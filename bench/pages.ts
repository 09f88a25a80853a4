/**
 * Page-weight and Lighthouse bench against the production build: `npm run bench:pages`.
 * Starts `next start` on a freshly seeded PGlite, measures first-load JS per route (gzip -9), Lighthouse mobile
 * performance on the login page and every role's home (median of 3, simulated throttling: the goals; applied
 * devtools throttling: reported), the time from the login tap to a usable home for every role (median of 3), and
 * PWA installability, then writes bench/results/pages.json. Exits non-zero when any goal fails.
 * BENCH_DEVTOOLS_RUNS (default 1) sets the applied-throttling runs per page; 0 skips them.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { chromium, type BrowserContext } from "playwright-core";
import { CHROMIUM, CHROMIUM_FLAGS } from "../tests/e2e/support/browser";
import { startAppServer, type AppServer } from "../tests/e2e/support/server";

/** Every role's demo login (README.md): username → password. */
const USERS = {
  lineman: "lineman-demo",
  keeper: "keeper-demo1",
  custodian: "custodian-demo",
  head: "head-demo-01",
  service: "service-demo",
  ops: "ops-demo-001",
  quality: "quality-demo",
  admin: "admin-demo-1",
} as const;
type User = keyof typeof USERS;
/** The role each demo user has: its home carries data-testid="home-<role>". */
const ROLE_OF: Record<User, string> = {
  lineman: "lineman",
  keeper: "warehouse_keeper",
  custodian: "instrument_custodian",
  head: "department_head",
  service: "customer_service",
  ops: "operations",
  quality: "quality",
  admin: "admin",
};
/**
 * `field`: a phone screen, held to the field JS budget; `office`: an office screen, held to the office budget (issue 17:
 * 350 KB gzip; the admin screen is held to none); `lh`: also run Lighthouse.
 */
const ROUTES: { name: string; path: string; user: User | null; field: boolean; office?: true; lh?: true }[] = [
  { name: "login", path: "/login", user: null, field: true, lh: true },
  { name: "home (lineman)", path: "/home", user: "lineman", field: true, lh: true },
  { name: "home (keeper)", path: "/home", user: "keeper", field: true, lh: true },
  { name: "home (custodian)", path: "/home", user: "custodian", field: true, lh: true },
  { name: "home (head)", path: "/home", user: "head", field: true, lh: true },
  { name: "home (service)", path: "/home", user: "service", field: true, lh: true },
  { name: "home (ops)", path: "/home", user: "ops", field: true, lh: true },
  { name: "home (quality)", path: "/home", user: "quality", field: true, lh: true },
  { name: "home (admin)", path: "/home", user: "admin", field: false, lh: true },
  { name: "scan (lineman)", path: "/scan", user: "lineman", field: true },
  { name: "me (lineman)", path: "/me", user: "lineman", field: true },
  { name: "work orders (lineman)", path: "/work-orders", user: "lineman", field: true },
  { name: "instruments (lineman)", path: "/instruments", user: "lineman", field: true },
  { name: "items (keeper)", path: "/items", user: "keeper", field: true },
  { name: "admin/users (admin)", path: "/admin/users", user: "admin", field: false },
  { name: "analysis hub (quality)", path: "/analysis", user: "quality", field: false, office: true },
  { name: "analysis satisfaction (quality)", path: "/analysis/satisfaction", user: "quality", field: false, office: true },
  { name: "analysis surveys (quality)", path: "/analysis/surveys", user: "quality", field: false, office: true },
  { name: "analysis targets (quality)", path: "/analysis/targets", user: "quality", field: false, office: true },
  { name: "analysis pareto (quality)", path: "/analysis/pareto", user: "quality", field: false, office: true },
  { name: "analysis fishbone (quality)", path: "/analysis/fishbones/new", user: "quality", field: false, office: true },
  { name: "analysis reports (quality)", path: "/analysis/reports", user: "quality", field: false, office: true },
];
/** BENCH_JS_ONLY=1: first-load JS per route only (no Lighthouse, logins or installability) → bench/results/pages-js.json. */
const JS_ONLY = process.env.BENCH_JS_ONLY === "1";
const LH_RUNS = 3;
const DEVTOOLS_RUNS = Number(process.env.BENCH_DEVTOOLS_RUNS ?? 1);
const LOGIN_RUNS = 3;
const GOALS = { fieldJsGzipKB: 210, officeJsGzipKB: 350, lcpMs: 1200, tbtMs: 450, cls: 0.05, score: 0.9, loginToHomeMs: 1500 };
const OUT = path.join(process.cwd(), JS_ONLY ? "bench/results/pages-js.json" : "bench/results/pages.json");

const temps: string[] = [];
const tempDir = (prefix: string) => temps[temps.push(mkdtempSync(path.join(tmpdir(), prefix))) - 1]!;
const kb = (n: number) => Math.round((n / 1024) * 10) / 10;
const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().once("error", reject);
    s.listen(0, () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function login(base: string, user: User): Promise<string> {
  const res = await fetch(`${base}/api/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-tracemark-csrf": "1", origin: base },
    body: JSON.stringify({ json: { username: user, password: USERS[user] } }),
  });
  const token = res.headers
    .getSetCookie()
    .map((c) => /^tm_session=([^;]+)/.exec(c)?.[1])
    .find(Boolean);
  if (!res.ok || !token) throw new Error(`login as ${user} failed: HTTP ${res.status} ${await res.text()}`);
  return token;
}

const openProfile = (): Promise<BrowserContext> =>
  chromium.launchPersistentContext(tempDir("tm-bench-"), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 390, height: 844 },
  });

interface Chunk {
  url: string;
  raw: number;
  gzip: number;
}
/** One largest-contentful-paint candidate as the page saw it (unthrottled): when, how big, which element. */
interface LcpEntry {
  ms: number;
  size: number;
  element: string;
}

/**
 * Lighthouse's own LCP-element audit fails with this Chromium ("RootCauses … frame_sequence"), so the candidates are
 * recorded in the page. The last one is the LCP; one painted after hydration means the LCP waits for the scripts.
 */
function recordLcp() {
  const w = window as unknown as { __lcp: LcpEntry[] };
  w.__lcp = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { size: number; element: Element | null })[]) {
      w.__lcp.push({ ms: Math.round(e.startTime), size: e.size, element: e.element?.outerHTML.slice(0, 160) ?? "" });
    }
  }).observe({ type: "largest-contentful-paint", buffered: true });
}

/** Every script the page loads (fresh profile: nothing cached) until the network is idle. */
async function firstLoadJs(base: string, route: (typeof ROUTES)[number], token: string | null) {
  const context = await openProfile();
  try {
    if (token) await context.addCookies([{ name: "tm_session", value: token, url: base }]);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript(recordLcp);
    const pending: Promise<Chunk | null>[] = [];
    let lastRequest = Date.now();
    page.on("request", () => (lastRequest = Date.now()));
    page.on("response", (res) => {
      if (res.request().resourceType() !== "script") return;
      pending.push(
        res.body().then(
          (b) => ({ url: res.url(), raw: b.length, gzip: gz(b) }),
          () => null,
        ),
      );
    });
    // why not waitUntil "networkidle": the connection probe never reads /api/health's body, so that
    // request never finishes and Playwright's idle never comes. Idle here: no new request for 1 s.
    await page.goto(base + route.path, { waitUntil: "load", timeout: 60_000 });
    const deadline = Date.now() + 20_000;
    while (Date.now() - lastRequest < 1000 && Date.now() < deadline) await page.waitForTimeout(100);
    const landed = new URL(page.url()).pathname;
    if (landed !== route.path) throw new Error(`${route.name}: expected ${route.path}, landed on ${landed}`);
    const lcp = await page.evaluate(() => (window as unknown as { __lcp: LcpEntry[] }).__lcp);
    const all = (await Promise.all(pending)).filter((c): c is Chunk => c !== null);
    const chunks = all.filter((c) => new URL(c.url).pathname !== "/sw.js").map((c) => ({ ...c, url: new URL(c.url).pathname }));
    chunks.sort((a, b) => b.gzip - a.gzip);
    const sum = (k: "raw" | "gzip") => chunks.reduce((n, c) => n + c[k], 0);
    return {
      name: route.name,
      path: route.path,
      user: route.user,
      field: route.field,
      office: route.office === true,
      scripts: chunks.length,
      rawBytes: sum("raw"),
      gzipBytes: sum("gzip"),
      lcp,
      chunks,
    };
  } finally {
    await context.close();
  }
}

const LH_FLAGS = [...CHROMIUM_FLAGS.filter((f) => f !== "--headless"), "--headless=new"];

async function lighthouseRun(url: string, token: string | null, throttlingMethod: "simulate" | "devtools" = "simulate") {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: LH_FLAGS, userDataDir: tempDir("tm-lh-") });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance"],
      throttlingMethod,
      // why: /home's connection probe leaves a response body unread, so Lighthouse never sees the network
      // quiet and waits out its 45 s default (run warning "loaded too slowly"); the page is done in ~1 s.
      maxWaitForLoad: 20_000,
      ...(token ? { extraHeaders: { Cookie: `tm_session=${token}` } } : {}),
    });
    const lhr = result!.lhr;
    if (lhr.runtimeError) throw new Error(`lighthouse ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(url).pathname) throw new Error(`lighthouse ${url} landed on ${lhr.finalDisplayedUrl}`);
    const n = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
    const [lcpMs, tbtMs, cls, fcpMs] = ["largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "first-contentful-paint"].map(n);
    // The observed (unthrottled) paints: the simulation counts every request that ended and every script that ran
    // before the observed LCP, so an LCP observed after the scripts ran is simulated as waiting for all of them.
    const observed = (lhr.audits["metrics"]?.details as { items?: Record<string, number>[] } | undefined)?.items?.[0] ?? {};
    return {
      lcpMs: lcpMs!,
      tbtMs: tbtMs!,
      cls: cls!,
      fcpMs: fcpMs!,
      score: lhr.categories.performance?.score ?? NaN,
      observedFcpMs: observed["observedFirstContentfulPaint"] ?? NaN,
      observedLcpMs: observed["observedLargestContentfulPaint"] ?? NaN,
      observedLoadMs: observed["observedLoad"] ?? NaN,
      benchmarkIndex: lhr.environment.benchmarkIndex,
      warnings: lhr.runWarnings,
    };
  } finally {
    chrome.kill();
  }
}

async function installability(base: string) {
  const context = await openProfile();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${base}/login`, { waitUntil: "load" });
    const swScope = await page.evaluate(() =>
      Promise.race([navigator.serviceWorker.ready.then((r) => r.scope), new Promise<null>((r) => setTimeout(() => r(null), 30_000))]),
    );
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    const manifest = await cdp.send("Page.getAppManifest");
    return { serviceWorkerScope: swScope, manifestUrl: manifest.url, manifestErrors: manifest.errors, installabilityErrors };
  } finally {
    await context.close();
  }
}

/**
 * From the tap on 登录 to a usable home, on a fresh phone (390×844, zh-CN, empty profile): the home of the user's
 * role is shown and nothing in it is still loading (no aria-busy). Server-side rate limits allow these few logins.
 */
async function loginToHome(base: string, user: User): Promise<number> {
  const context = await openProfile();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${base}/login`, { waitUntil: "load" });
    await page.getByTestId("username").fill(user);
    await page.getByTestId("password").fill(USERS[user]);
    await page.waitForFunction(() => document.querySelector("[data-testid=login-submit]") !== null);
    const started = Date.now();
    await page.getByTestId("login-submit").click();
    await page.waitForURL(/\/home$/, { waitUntil: "commit", timeout: 30_000 });
    const home = `[data-testid="home-${ROLE_OF[user]}"]`;
    await page.waitForFunction(
      (sel) => {
        const el = document.querySelector(sel);
        return el !== null && document.querySelector("#content [aria-busy=true]") === null;
      },
      home,
      { timeout: 30_000, polling: 20 },
    );
    return Date.now() - started;
  } finally {
    await context.close();
  }
}

// the Debian wrapper script prints a shell warning on stderr; only stdout is the version
const chromiumVersion = () => execFileSync(CHROMIUM, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();

type RouteResult = Awaited<ReturnType<typeof firstLoadJs>>;
type LhRun = Awaited<ReturnType<typeof lighthouseRun>>;
type LhMedian = Pick<LhRun, "lcpMs" | "tbtMs" | "cls" | "fcpMs" | "score" | "observedFcpMs" | "observedLcpMs">;
type LhPage = { name: string; path: string; user: User | null; median: LhMedian; runs: LhRun[]; devtools: { median: LhMedian | null; runs: LhRun[] } };
type LoginToHome = { user: User; medianMs: number; runsMs: number[] };
type Pwa = Awaited<ReturnType<typeof installability>>;
type Goal = { goal: string; value: string; pass: boolean };
interface Report {
  date: string;
  commit: string;
  node: string;
  chromium: string;
  durationS: number;
  /** The measured .next build, which may predate `commit` (the bench does not build). */
  build: { id: string; builtAt: string };
  goals: typeof GOALS & { results: Goal[] };
  routes: RouteResult[];
  serviceWorker: { rawBytes: number; gzipBytes: number };
  lighthouse: { setup: string; pages: LhPage[] };
  loginToHome: { setup: string; users: LoginToHome[] };
  pwa: Pwa;
}

function judge(routes: RouteResult[], lh: LhPage[], logins: LoginToHome[], pwa: Pwa | null): Goal[] {
  const goals: Goal[] = [];
  for (const r of routes.filter((r) => r.field)) {
    goals.push({ goal: `${r.name} JS ≤ ${GOALS.fieldJsGzipKB} KB gzip`, value: `${kb(r.gzipBytes)} KB`, pass: r.gzipBytes <= GOALS.fieldJsGzipKB * 1024 });
  }
  for (const r of routes.filter((r) => r.office)) {
    goals.push({ goal: `${r.name} JS ≤ ${GOALS.officeJsGzipKB} KB gzip`, value: `${kb(r.gzipBytes)} KB`, pass: r.gzipBytes <= GOALS.officeJsGzipKB * 1024 });
  }
  if (!pwa) return goals;
  for (const p of lh) {
    const m = p.median;
    goals.push({ goal: `${p.name} LCP ≤ ${GOALS.lcpMs} ms`, value: `${Math.round(m.lcpMs)} ms`, pass: m.lcpMs <= GOALS.lcpMs });
    goals.push({ goal: `${p.name} TBT ≤ ${GOALS.tbtMs} ms`, value: `${Math.round(m.tbtMs)} ms`, pass: m.tbtMs <= GOALS.tbtMs });
    goals.push({ goal: `${p.name} CLS ≤ ${GOALS.cls}`, value: m.cls.toFixed(3), pass: m.cls <= GOALS.cls });
    goals.push({ goal: `${p.name} score ≥ ${GOALS.score}`, value: m.score.toFixed(2), pass: m.score >= GOALS.score });
  }
  for (const l of logins) {
    goals.push({ goal: `login → home usable (${l.user}) ≤ ${GOALS.loginToHomeMs} ms`, value: `${l.medianMs} ms`, pass: l.medianMs <= GOALS.loginToHomeMs });
  }
  const installable = pwa.installabilityErrors.length === 0 && pwa.serviceWorkerScope !== null;
  const why = pwa.serviceWorkerScope === null ? "service worker never ready" : JSON.stringify(pwa.installabilityErrors.map((e) => e.errorId));
  goals.push({ goal: "installable (no installability errors)", value: installable ? "yes" : why, pass: installable });
  return goals;
}

function print(report: Report) {
  const { routes, serviceWorker, pwa } = report;
  const lh = report.lighthouse.pages;
  const goals = report.goals.results;
  console.log(
    `\n${report.chromium} · node ${report.node} · commit ${report.commit} · build ${report.build.id} of ${report.build.builtAt} · ${report.durationS} s`,
  );
  console.table(routes.map((r) => ({ route: r.name, scripts: r.scripts, "raw KB": kb(r.rawBytes), "gzip KB": kb(r.gzipBytes) })));
  console.log(`service worker /sw.js (not counted above): ${kb(serviceWorker.rawBytes)} KB raw, ${kb(serviceWorker.gzipBytes)} KB gzip`);
  const spread = (xs: number[]) => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))}`;
  console.log("Lighthouse, simulated throttling (the goals):");
  console.table(
    lh.map((p) => ({
      page: p.name,
      "LCP ms": Math.round(p.median.lcpMs),
      "(runs)": spread(p.runs.map((r) => r.lcpMs)),
      "TBT ms": Math.round(p.median.tbtMs),
      CLS: +p.median.cls.toFixed(3),
      "FCP ms": Math.round(p.median.fcpMs),
      score: p.median.score,
      "obs. FCP": Math.round(p.median.observedFcpMs),
      "obs. LCP": Math.round(p.median.observedLcpMs),
    })),
  );
  const applied = lh.filter((p) => p.devtools.median);
  if (applied.length) {
    console.log(`Lighthouse, applied (devtools) throttling, ${applied[0]!.devtools.runs.length} run(s) per page (reported, not judged):`);
    console.table(
      applied.map((p) => ({
        page: p.name,
        "LCP ms": Math.round(p.devtools.median!.lcpMs),
        "TBT ms": Math.round(p.devtools.median!.tbtMs),
        CLS: +p.devtools.median!.cls.toFixed(3),
        "FCP ms": Math.round(p.devtools.median!.fcpMs),
        score: p.devtools.median!.score,
      })),
    );
  }
  console.log("LCP element (unthrottled load, last candidate):");
  for (const r of routes) {
    const last = r.lcp.at(-1);
    if (last) console.log(`  ${r.name}: ${last.ms} ms, ${last.size} px², ${last.element}`);
  }
  console.table(report.loginToHome.users.map((l) => ({ user: l.user, "login → home ms": l.medianMs, runs: l.runsMs.join(" / ") })));
  for (const w of new Set(lh.flatMap((p) => p.runs.flatMap((r) => r.warnings.map((x) => `${p.name}: ${x}`))))) console.log(`lighthouse warning: ${w}`);
  console.log(`manifest: ${pwa.manifestUrl} · installability errors: ${JSON.stringify(pwa.installabilityErrors)}`);
  for (const g of goals) console.log(`${g.pass ? "pass" : "FAIL"}  ${g.goal}: ${g.value}`);
  const failed = goals.filter((g) => !g.pass).length;
  console.log(failed ? `\n*** ${failed} goal(s) FAILED ***` : "\nall goals met");
}

function medianOf(runs: LhRun[]): LhMedian {
  const med = (k: keyof LhMedian) => median(runs.map((r) => r[k]));
  return {
    lcpMs: med("lcpMs"),
    tbtMs: med("tbtMs"),
    cls: med("cls"),
    fcpMs: med("fcpMs"),
    score: med("score"),
    observedFcpMs: med("observedFcpMs"),
    observedLcpMs: med("observedLcpMs"),
  };
}

const buildId = () => readFileSync(".next/BUILD_ID", "utf8").trim();
/** A `next build` in this directory (other checkouts on the machine build their own .next). */
const buildRunning = () => {
  let pids: string[];
  try {
    pids = execFileSync("pgrep", ["-f", "next build"], { encoding: "utf8" }).split("\n").filter(Boolean); // exits 1 (throws) when none
  } catch {
    return false;
  }
  return pids.some((pid) => {
    try {
      return realpathSync(`/proc/${pid}/cwd`) === realpathSync(process.cwd());
    } catch {
      return false; // ended meanwhile, or not readable: not ours
    }
  });
};

async function main() {
  const started = Date.now();
  // a build replacing .next under the running server makes the measurements meaningless (old chunks 404)
  if (buildRunning()) throw new Error("`next build` is running: wait for it to finish, then rerun");
  const measuredBuild = buildId();
  const port = await freePort();
  console.log(`seeding a fresh PGlite and starting next start on :${port} …`);
  let server: AppServer | null = null;
  const stop = async () => {
    const s = server;
    server = null;
    await s?.stop();
    if (s) temps.push(path.dirname(s.dataDir));
    for (const d of temps) rmSync(d, { recursive: true, force: true });
  };
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => void stop().finally(() => process.exit(130)));
  try {
    server = await startAppServer({ port });
    const base = server.baseUrl;
    const tokens: Partial<Record<User, string>> = {};
    for (const u of Object.keys(USERS) as User[]) tokens[u] = await login(base, u);
    const tokenFor = (u: User | null) => (u ? tokens[u]! : null);

    const routes = [];
    for (const r of ROUTES) {
      routes.push(await firstLoadJs(base, r, tokenFor(r.user)));
      console.log(`  JS ${r.name}: ${kb(routes.at(-1)!.gzipBytes)} KB gzip`);
    }
    if (JS_ONLY) {
      const goals = judge(routes, [], [], null);
      if (buildId() !== measuredBuild || buildRunning()) throw new Error(".next was rebuilt during the bench: results discarded, rerun");
      const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
      mkdirSync(path.dirname(OUT), { recursive: true });
      writeFileSync(
        OUT,
        JSON.stringify({ date: new Date().toISOString(), commit, build: { id: measuredBuild }, goals: { ...GOALS, results: goals }, routes }, null, 2) + "\n",
      );
      for (const g of goals) console.log(`${g.pass ? "PASS" : "FAIL"}  ${g.goal}: ${g.value}`);
      console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
      return goals.filter((g) => !g.pass).length;
    }
    const sw = Buffer.from(await (await fetch(`${base}/sw.js`)).arrayBuffer());
    const serviceWorker = { rawBytes: sw.length, gzipBytes: gz(sw) };

    const lh: LhPage[] = [];
    for (const p of ROUTES.filter((r) => r.lh)) {
      const runs: LhRun[] = [];
      for (let i = 0; i < LH_RUNS; i++) {
        runs.push(await lighthouseRun(base + p.path, tokenFor(p.user)));
        console.log(`  lighthouse ${p.name} run ${i + 1}: score ${runs.at(-1)!.score} LCP ${Math.round(runs.at(-1)!.lcpMs)} ms`);
      }
      const devRuns: LhRun[] = [];
      for (let i = 0; i < DEVTOOLS_RUNS; i++) {
        devRuns.push(await lighthouseRun(base + p.path, tokenFor(p.user), "devtools"));
        console.log(`  lighthouse ${p.name} devtools run ${i + 1}: score ${devRuns.at(-1)!.score} LCP ${Math.round(devRuns.at(-1)!.lcpMs)} ms`);
      }
      lh.push({
        name: p.name,
        path: p.path,
        user: p.user,
        median: medianOf(runs),
        runs,
        devtools: { median: devRuns.length ? medianOf(devRuns) : null, runs: devRuns },
      });
    }
    const pwa = await installability(base);

    const logins: LoginToHome[] = [];
    for (const u of Object.keys(USERS) as User[]) {
      const runsMs: number[] = [];
      for (let i = 0; i < LOGIN_RUNS; i++) runsMs.push(await loginToHome(base, u));
      logins.push({ user: u, medianMs: median(runsMs), runsMs });
      console.log(`  login → home ${u}: ${runsMs.join(" / ")} ms`);
    }

    const goals = judge(routes, lh, logins, pwa);
    if (buildId() !== measuredBuild || buildRunning()) throw new Error(".next was rebuilt during the bench: results discarded, rerun");

    const report: Report = {
      date: new Date().toISOString(),
      commit: execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim(),
      node: process.version,
      chromium: chromiumVersion(),
      build: { id: measuredBuild, builtAt: statSync(".next/BUILD_ID").mtime.toISOString() },
      durationS: Math.round((Date.now() - started) / 1000),
      goals: { ...GOALS, results: goals },
      routes,
      serviceWorker,
      lighthouse: {
        setup: `12.2.3, default mobile config, performance only; simulated throttling median of ${LH_RUNS} (the goals), applied devtools throttling median of ${DEVTOOLS_RUNS} (reported)`,
        pages: lh,
      },
      loginToHome: {
        setup: `fresh profile, 390×844, unthrottled; from the tap on the login button to the role's home with nothing aria-busy; median of ${LOGIN_RUNS}`,
        users: logins,
      },
      pwa,
    };
    mkdirSync(path.dirname(OUT), { recursive: true });
    writeFileSync(OUT, JSON.stringify(report, null, 2) + "\n");

    print(report);
    console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
    return goals.filter((g) => !g.pass).length;
  } finally {
    await stop();
  }
}

main().then(
  (failed) => process.exit(failed ? 2 : 0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
