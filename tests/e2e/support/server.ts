import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDb } from "@/db/client";
import { seedDemo } from "@/server/seed/demo";

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

/** A fresh PGlite data directory with migrations and demo data. */
export async function seededDataDir(): Promise<string> {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "tm-e2e-")), "pglite");
  const handle = await openDb({ kind: "pglite", dataDir });
  await seedDemo(handle.db);
  await handle.close();
  return dataDir;
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

/** Runs the production build (`npm run build` first) with `next start` in its own process group. */
export async function startAppServer(opts: {
  port: number;
  dataDir?: string;
  /** Extra environment for the server process (e.g. DATABASE_URL to serve from PostgreSQL). */
  env?: Record<string, string>;
}): Promise<AppServer> {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npm run build` before the e2e tests (npm test does).");
  }
  const dataDir = opts.dataDir ?? (opts.env?.DATABASE_URL ? "" : await seededDataDir());
  const baseUrl = `http://localhost:${opts.port}`;
  let child: ChildProcess | null = null;
  const log: string[] = [];
  const server: AppServer = {
    baseUrl,
    port: opts.port,
    dataDir,
    async start() {
      child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(opts.port)], {
        cwd: ROOT,
        detached: true,
        // JOBS=off: the server only sends jobs (ADR 0029). why: a scheduled sweep (every 5 minutes) would raise notices in
        // the middle of a flow or a page measurement; the job runner has its own tests, and a test that wants it says so.
        env: { ...process.env, NODE_ENV: "production", PGLITE_DIR: dataDir || "./data/unused", NEXT_TELEMETRY_DISABLED: "1", JOBS: "off", ...opts.env },
        stdio: ["ignore", "pipe", "pipe"],
      });
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
