/**
 * Several app processes behind nginx on one PostgreSQL (docs/operations/several-processes.md):
 *
 *   DATABASE_URL=postgres://… npm run cluster -- --procs 2 --port 3000 [--app-port 3001] [--restart]
 *
 * starts `next start` N times (ports app-port … app-port+N-1, default port+1 …) from the production build, waits for
 * each to answer /api/health, then nginx on `port` (deploy/nginx/tracemark.conf, its pid, logs and temp files in a
 * private temp directory: no root needed). Nothing is restarted unless --restart. SIGINT/SIGTERM stops everything.
 * The same module is what tests (tests/e2e/cluster.test.ts, E2E_CLUSTER) and benches use: startCluster().
 * PGlite is one process by nature: a cluster needs DATABASE_URL on PostgreSQL and refuses to start without it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { findNginx, testNginxConfig, writeNginxConfig } from "./cluster-nginx";

const ROOT = process.cwd();

export interface TClusterOptions {
  /** How many `next start` processes. */
  procs: number;
  /** Where nginx listens (127.0.0.1). */
  port: number;
  /** The first app process's port (default port + 1). */
  appPort?: number;
  /** PostgreSQL (the app role's URL, as DATABASE_URL). */
  databaseUrl: string;
  /** Extra environment for every app process (e.g. TEST_CLOCK, JOBS, limits). */
  env?: Record<string, string>;
  /** Start a process again when it ends by itself (not after kill()). Default off. */
  restart?: boolean;
  /** nginx answers `X-Tracemark-Upstream` (which process answered). */
  exposeUpstream?: boolean;
  /** Every output line of the processes and of nginx's start. Default: kept in memory only (last 300 lines each). */
  onLog?: (source: string, line: string) => void;
  /** How long a process may take to answer /api/health (default 90 s: a busy 2-core machine). */
  readyTimeoutMs?: number;
}

export interface TClusterProcess {
  index: number;
  port: number;
  /** The process's own address, bypassing nginx. */
  url: string;
  readonly pid: number | undefined;
  readonly alive: boolean;
  /** Its last output lines. */
  readonly log: readonly string[];
}

export interface TCluster {
  /** nginx's address: what phones and browsers use. */
  url: string;
  /** nginx's directory (config, pid, access.log, error.log). Removed by stop(). */
  dir: string;
  processes: readonly TClusterProcess[];
  /** Kills process `i` (default SIGKILL: a crash) and waits for it to end. It is not restarted. */
  kill: (i: number, signal?: NodeJS.Signals) => Promise<void>;
  /** Starts process `i` again (after kill) and waits for its health. */
  start: (i: number) => Promise<void>;
  /** nginx's access log so far (one line per request, with the upstream address that answered). */
  accessLog: () => string;
  /** Stops nginx and every process (SIGTERM, SIGKILL after 10 s) and removes the directory. */
  stop: () => Promise<void>;
}

interface Slot extends TClusterProcess {
  child: ChildProcess | null;
  lines: string[];
  expectExit: boolean;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//i.test(url);
}

function keep(lines: string[], chunk: string, source: string, onLog?: TClusterOptions["onLog"]): void {
  for (const line of chunk.split("\n")) {
    if (!line) continue;
    lines.push(line);
    onLog?.(source, line);
  }
  if (lines.length > 300) lines.splice(0, lines.length - 300);
}

async function untilHealthy(url: string, isDead: () => string | null, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const dead = isDead();
    if (dead) throw new Error(dead);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer /api/health within ${ms} ms`);
}

function ended(c: ChildProcess): boolean {
  return c.exitCode !== null || c.signalCode !== null;
}

async function endGroup(c: ChildProcess, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  if (ended(c) || c.pid === undefined) return;
  const exited = new Promise<void>((resolve) => c.once("exit", () => resolve()));
  const hit = (sig: NodeJS.Signals) => {
    try {
      process.kill(-c.pid!, sig);
    } catch {
      // already gone
    }
  };
  hit(signal);
  const timer = setTimeout(() => hit("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function startCluster(opts: TClusterOptions): Promise<TCluster> {
  if (!isPostgresUrl(opts.databaseUrl)) {
    throw new Error(
      "A cluster needs PostgreSQL (DATABASE_URL=postgres://…): PGlite is one process by nature; two processes on one PGlite directory would corrupt it.",
    );
  }
  if (!Number.isInteger(opts.procs) || opts.procs < 1 || opts.procs > 32) throw new Error("--procs: 1 to 32 processes");
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("No production build: run `npm run build` first.");
  const nginx = findNginx();
  if (!nginx) throw new Error("nginx is not installed (apt-get install -y nginx), or set NGINX_BIN.");
  const readyMs = opts.readyTimeoutMs ?? 90_000;
  const appPort = opts.appPort ?? opts.port + 1;
  const dir = mkdtempSync(path.join(tmpdir(), "tm-cluster-"));
  let stopping = false;

  const slots: Slot[] = Array.from({ length: opts.procs }, (_, index) => {
    const slot: Slot = {
      index,
      port: appPort + index,
      url: `http://127.0.0.1:${appPort + index}`,
      child: null,
      lines: [],
      expectExit: false,
      get pid() {
        return slot.child?.pid;
      },
      get alive() {
        return slot.child !== null && !ended(slot.child);
      },
      get log() {
        return slot.lines;
      },
    };
    return slot;
  });

  const launch = async (slot: Slot): Promise<void> => {
    slot.expectExit = false;
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(slot.port), "-H", "127.0.0.1"], {
      cwd: ROOT,
      detached: true,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        // nginx on this machine is the proxy whose X-Forwarded-* the app believes (ADR 0024)
        TRUST_PROXY: "loopback",
        ...opts.env,
        DATABASE_URL: opts.databaseUrl,
        TRACEMARK_PROCESS: String(slot.index),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    slot.child = child;
    const source = `app${slot.index}`;
    child.stdout?.on("data", (d: Buffer) => keep(slot.lines, d.toString(), source, opts.onLog));
    child.stderr?.on("data", (d: Buffer) => keep(slot.lines, d.toString(), source, opts.onLog));
    child.once("exit", (code, signal) => {
      keep(slot.lines, `process ${child.pid} ended (${signal ?? code})`, source, opts.onLog);
      if (stopping || slot.expectExit || !opts.restart || slot.child !== child) return;
      setTimeout(() => {
        if (!stopping && slot.child === child) launch(slot).catch((err: unknown) => keep(slot.lines, `restart failed: ${String(err)}`, source, opts.onLog));
      }, 1_000);
    });
    await untilHealthy(
      slot.url,
      () => (ended(child) ? `${source} (port ${slot.port}) ended before answering:\n${slot.lines.slice(-40).join("\n")}` : null),
      readyMs,
    );
  };

  let nginxChild: ChildProcess | null = null;
  const nginxLines: string[] = [];
  const stop = async (): Promise<void> => {
    stopping = true;
    if (nginxChild) await endGroup(nginxChild, "SIGQUIT", 5_000);
    await Promise.all(slots.map((s) => (s.child ? endGroup(s.child, "SIGTERM", 10_000) : Promise.resolve())));
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    // one after the other: each compiles and warms up (fonts, job runner) on a machine that may have 2 cores
    for (const slot of slots) await launch(slot);
    const conf = writeNginxConfig({ port: opts.port, upstreams: slots.map((s) => s.port), dir, exposeUpstream: opts.exposeUpstream });
    for (const sub of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(path.join(dir, sub), { recursive: true, mode: 0o777 });
    testNginxConfig(nginx, dir, conf);
    const child = spawn(nginx, ["-p", dir, "-c", conf, "-g", "daemon off;"], { detached: true, stdio: ["ignore", "pipe", "pipe"] });
    nginxChild = child;
    child.stderr?.on("data", (d: Buffer) => keep(nginxLines, d.toString(), "nginx", opts.onLog));
    await untilHealthy(`http://127.0.0.1:${opts.port}`, () => (ended(child) ? `nginx ended: ${nginxLines.join("\n")}` : null), 15_000);
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    url: `http://127.0.0.1:${opts.port}`,
    dir,
    processes: slots,
    async kill(i, signal = "SIGKILL") {
      const slot = slots[i];
      if (!slot?.child) throw new Error(`no process ${i}`);
      slot.expectExit = true;
      await endGroup(slot.child, signal, 10_000);
    },
    async start(i) {
      const slot = slots[i];
      if (!slot) throw new Error(`no process ${i}`);
      if (slot.alive) return;
      await launch(slot);
    },
    accessLog: () => {
      try {
        return readFileSync(path.join(dir, "access.log"), "utf8");
      } catch {
        return "";
      }
    },
    stop,
  };
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const procs = Number(argValue(args, "--procs") ?? "2");
  const port = Number(argValue(args, "--port") ?? "3000");
  const appPortRaw = argValue(args, "--app-port");
  const databaseUrl = process.env.DATABASE_URL;
  if (!isPostgresUrl(databaseUrl)) {
    console.error("DATABASE_URL must name PostgreSQL (postgres://…): a cluster cannot run on PGlite, which is one process by nature.");
    process.exit(2);
  }
  const cluster = await startCluster({
    procs,
    port,
    ...(appPortRaw ? { appPort: Number(appPortRaw) } : {}),
    databaseUrl,
    restart: args.includes("--restart"),
    exposeUpstream: args.includes("--expose-upstream"),
    onLog: (source, line) => console.log(`[${source}] ${line}`),
  });
  console.log(`cluster: ${cluster.url} → ${cluster.processes.map((p) => `${p.url} (pid ${p.pid})`).join(", ")}; nginx files in ${cluster.dir}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`cluster: ${signal}, stopping`);
    void cluster.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
