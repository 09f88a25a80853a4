import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { createProbeTable, jobRow, probeRows, untilJobState } from "@/tests/helpers/jobs";

/**
 * Issue 12's acceptance: "a job scheduled a minute ahead runs once with two app processes on PostgreSQL and after a
 * restart". Real child processes (tests/helpers/jobs-process.ts), each with its own runner and pools, against one
 * database; the job is due a full minute after it was sent. PostgreSQL only: PGlite is one process by design.
 * The two cases run side by side, each on a database of its own, so the file takes about one minute and a half.
 */
const AHEAD_MS = 60_000;
const onPostgres = process.env.TEST_DB === "postgres";
const SCRIPT = path.join(process.cwd(), "tests/helpers/jobs-process.ts");

interface Child {
  proc: ChildProcess;
  pid: number;
  /** Resolves with the first stdout line starting with `prefix` (after what was already read). */
  next: (prefix: string, timeoutMs: number) => Promise<string>;
  say: (line: string) => void;
  exited: Promise<number | null>;
}

const children: Child[] = [];

/** Starts one app process's runner; resolves once it has started (pg-boss running, probe job declared). */
async function startProcess(url: string): Promise<Child> {
  const proc = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", SCRIPT], {
    cwd: process.cwd(),
    env: { ...process.env, JOBS_TEST_URL: url, NODE_ENV: "test" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  let buffered = "";
  let stderr = "";
  proc.stdout.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    lines.push(...parts);
    for (const w of waiters.splice(0)) w();
  });
  proc.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  let read = 0;
  const next = (prefix: string, timeoutMs: number) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no "${prefix}" from process ${proc.pid} in ${timeoutMs} ms; stderr:\n${stderr.slice(-2000)}`)),
        timeoutMs,
      );
      const look = () => {
        while (read < lines.length) {
          const line = lines[read++]!;
          if (line.startsWith(prefix)) {
            clearTimeout(timer);
            resolve(line.slice(prefix.length).trim());
            return;
          }
        }
        waiters.push(look);
      };
      look();
      void exited.then((code) => reject(new Error(`process ${proc.pid} exited (${code}) before "${prefix}"; stderr:\n${stderr.slice(-2000)}`)));
    });
  const child: Child = { proc, pid: proc.pid!, next, say: (line) => proc.stdin.write(`${line}\n`), exited };
  children.push(child);
  // tsx compiles the app's modules on start: generous, as a busy 2-core machine may take a while
  await next("ready", 90_000);
  return child;
}

async function sendFrom(child: Child, note: string, delayMs: number): Promise<string> {
  child.say(`send ${note} ${delayMs}`);
  return child.next("sent", 30_000);
}

async function sleepUntil(at: number): Promise<void> {
  const ms = at - Date.now();
  if (ms > 0) await new Promise((r) => setTimeout(r, ms));
}

describe.skipIf(!onPostgres).concurrent("a job a minute ahead, several app processes on PostgreSQL", () => {
  const dbs: TestDb[] = [];

  afterAll(async () => {
    for (const c of children) if (c.proc.exitCode === null) c.proc.kill("SIGKILL");
    await Promise.all(children.map((c) => c.exited));
    for (const t of dbs) await t.close();
  });

  async function database(): Promise<TestDb & { url: string }> {
    const t = await createTestDb();
    dbs.push(t);
    await createProbeTable(t.asOwner);
    return t as TestDb & { url: string };
  }

  it("runs once with two app processes working the same database", { timeout: 300_000 }, async () => {
    const t = await database();
    const [a, b] = await Promise.all([startProcess(t.url), startProcess(t.url)]);
    const id = await sendFrom(a, "two-processes", AHEAD_MS);
    const sent = await jobRow(t.db, id);
    expect(sent?.state).toBe("created");
    // a minute ahead of the database's clock at the send
    expect(sent!.start_after.getTime()).toBeGreaterThan(Date.now() + AHEAD_MS - 15_000);

    const done = await untilJobState(t.db, id, ["completed", "failed"], AHEAD_MS + 90_000);
    expect(done.state).toBe("completed");
    // a second claim would have to come within a poll (1 s) of the first: wait three polls, then count
    await new Promise((r) => setTimeout(r, 3_000));
    const runs = await probeRows(t.db, id);
    expect(runs).toHaveLength(1);
    expect([a.pid, b.pid]).toContain(runs[0]!.pid);
    expect(runs[0]!.ran_at.getTime()).toBeGreaterThanOrEqual(done.start_after.getTime());
    expect(done.retry_count).toBe(0);
    // both were up and working all along
    expect(a.proc.exitCode).toBeNull();
    expect(b.proc.exitCode).toBeNull();
    a.say("stop");
    b.proc.kill("SIGTERM");
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
  });

  it("runs once after the process that scheduled it was killed and a new one started past the due time", { timeout: 300_000 }, async () => {
    const t = await database();
    const first = await startProcess(t.url);
    const id = await sendFrom(first, "after-restart", AHEAD_MS);
    const due = (await jobRow(t.db, id))!.start_after.getTime();
    // a crash, not a clean stop: nothing of it is left to hand the job over
    first.proc.kill("SIGKILL");
    await first.exited;

    await sleepUntil(due + 2_000);
    // due, and nobody is running: it waits in the database
    expect((await jobRow(t.db, id))?.state).toBe("created");
    expect(await probeRows(t.db, id)).toEqual([]);

    const second = await startProcess(t.url);
    const done = await untilJobState(t.db, id, ["completed", "failed"], 90_000);
    expect(done.state).toBe("completed");
    await new Promise((r) => setTimeout(r, 3_000));
    const runs = await probeRows(t.db, id);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.pid).toBe(second.pid);
    second.proc.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });
});
