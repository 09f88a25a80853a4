import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDb } from "@/db/client";
import { startCluster, type TCluster } from "@/scripts/cluster";
import { seedDemo } from "@/server/seed/demo";
import { createClusterDatabase, type ClusterDatabase } from "./cluster";

const ROOT = process.cwd();

export interface AppServer {
  baseUrl: string;
  port: number;
  dataDir: string;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  /** Resolves when the server process has ended by itself (e.g. killed by a fault hook); fails after `ms`. */
  waitForExit: (ms?: number) => Promise<void>;
}

const clusterProcs = () => Number(process.env.E2E_CLUSTER ?? "0");
/**
 * Under E2E_CLUSTER: tests of one process's own behaviour are skipped there (a direct connection's forwarded headers:
 * nginx is the first hop; a fault hook that kills the one server: tests/e2e/cluster.test.ts kills one of two).
 */
export const onCluster = clusterProcs() >= 2;
const isDatabaseUrl = (dataDir: string) => /^postgres(ql)?:\/\//.test(dataDir);

/**
 * A fresh database with migrations and demo data for a test to prepare: a PGlite data directory, or under E2E_CLUSTER
 * a throwaway PostgreSQL database (its URL stands for the directory; dropped when the test process ends).
 */
export async function seededDataDir(): Promise<string> {
  if (clusterProcs() >= 2) {
    const database = await createClusterDatabase();
    process.once("beforeExit", () => void database.drop());
    return database.url;
  }
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "tm-e2e-")), "pglite");
  const handle = await openDb({ kind: "pglite", dataDir });
  await seedDemo(handle.db);
  await handle.close();
  return dataDir;
}

/** Opens what `seededDataDir` made (or a server's `dataDir`), to prepare or inspect it: PGlite, or PostgreSQL. */
export function openDataDir(dataDir: string, opts: { migrate?: boolean } = {}) {
  return isDatabaseUrl(dataDir) ? openDb({ kind: "postgres", url: dataDir, max: 2 }, opts) : openDb({ kind: "pglite", dataDir }, opts);
}

async function waitForHealth(url: string, child: ChildProcess, log: string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log.join("")}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer within 60 s:\n${log.join("")}`);
}

interface ServerOptions {
  port: number;
  dataDir?: string;
  /** Extra environment for the server process (e.g. DATABASE_URL to serve from PostgreSQL). */
  env?: Record<string, string>;
}

/**
 * Runs the production build (`npm run build` first) with `next start` in its own process group. E2E_CLUSTER=N
 * (N ≥ 2, with TEST_DATABASE_URL and nginx): N processes behind nginx on a throwaway demo-seeded PostgreSQL instead
 * (docs/operations/several-processes.md); a test that prepares its own PGlite directory cannot run that way.
 */
export async function startAppServer(opts: ServerOptions): Promise<AppServer> {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npm run build` before the e2e tests (npm test does).");
  }
  const procs = clusterProcs();
  if (procs >= 2) return startClusterServer(opts, procs);
  const dataDir = opts.dataDir ?? (opts.env?.DATABASE_URL ? "" : await seededDataDir());
  const baseUrl = `http://localhost:${opts.port}`;
  let child: ChildProcess | null = null;
  const log: string[] = [];
  const server: AppServer = {
    baseUrl,
    port: opts.port,
    dataDir,
    async start() {
      const logFile = process.env.TM_SERVER_LOG ? openSync(process.env.TM_SERVER_LOG, "a") : null;
      child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(opts.port)], {
        cwd: ROOT,
        detached: true,
        // JOBS=off: the server only sends jobs (ADR 0029). why: a scheduled sweep (every 5 minutes) would raise notices in
        // the middle of a flow or a page measurement; the job runner has its own tests, and a test that wants it says so.
        env: { ...process.env, NODE_ENV: "production", PGLITE_DIR: dataDir || "./data/unused", NEXT_TELEMETRY_DISABLED: "1", JOBS: "off", ...opts.env },
        // TM_SERVER_LOG=FILE (the load bench): the server writes its output to that file itself. Through a pipe, a
        // line per request waits for this process to read it (stdout to a pipe is synchronous on Linux), and a busy
        // load generator reads late: the server's event loop would stall on its own log.
        stdio: ["ignore", logFile ?? "pipe", logFile ?? "pipe"],
      });
      if (logFile !== null) {
        closeSync(logFile); // the child holds its own copy
        log.push(`(the server's output is in ${process.env.TM_SERVER_LOG})\n`);
      }
      child.stdout?.on("data", (d: Buffer) => log.push(d.toString()));
      child.stderr?.on("data", (d: Buffer) => log.push(d.toString()));
      await waitForHealth(baseUrl, child, log);
    },
    async waitForExit(ms = 30_000) {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server still running after ${ms} ms:\n${log.join("")}`)), ms);
        c.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    async stop() {
      const c = child;
      // a process that died by a signal has no exit code, only a signal code
      if (!c || c.exitCode !== null || c.signalCode !== null || c.pid === undefined) return;
      const exited = new Promise<void>((resolve) => c.once("exit", () => resolve()));
      process.kill(-c.pid, "SIGTERM");
      const timer = setTimeout(() => c.pid !== undefined && process.kill(-c.pid, "SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
      child = null;
    },
  };
  await server.start();
  return server;
}

/** E2E_CLUSTER mode: the same AppServer over a cluster (nginx on `port`, the processes on port + 20000 …). */
async function startClusterServer(opts: ServerOptions, procs: number): Promise<AppServer> {
  if (opts.dataDir && !isDatabaseUrl(opts.dataDir)) throw new Error("E2E_CLUSTER: this test made a PGlite directory without seededDataDir()");
  if (opts.env?.DATABASE_URL) throw new Error("E2E_CLUSTER: the cluster makes its own database");
  // the test's own database (seededDataDir under E2E_CLUSTER: it drops it), else one made here
  const database: ClusterDatabase | null = opts.dataDir ? null : await createClusterDatabase();
  const url = opts.dataDir ?? database!.url;
  let cluster: TCluster | null = null;
  const server: AppServer = {
    baseUrl: `http://127.0.0.1:${opts.port}`,
    port: opts.port,
    dataDir: url,
    async start() {
      cluster = await startCluster({
        procs,
        port: opts.port,
        appPort: opts.port + 20_000,
        databaseUrl: url,
        // as the single server: JOBS=off unless the test asks (see start() above)
        env: { JOBS: "off", ...opts.env },
      });
    },
    waitForExit() {
      return Promise.reject(new Error("E2E_CLUSTER: waitForExit is for a single server's fault hooks"));
    },
    async stop() {
      const c = cluster;
      cluster = null;
      await c?.stop();
    },
  };
  await server.start();
  // the database goes when the test process ends its server for good: after stop(), on exit
  if (database) process.once("beforeExit", () => void database.drop());
  return server;
}
