/**
 * One app process's job runner, as a real child process for the multi-process tests (server/jobs/processes.test.ts):
 * it opens the database named by JOBS_TEST_URL as the app does (the app role, no migrations), starts the runner with
 * the probe job, prints "ready", and then obeys its stdin:
 *   send <note> <delayMs>  → sends the probe job due that far ahead (as a request would) and prints "sent <id>"
 *   stop                   → stops the runner cleanly and exits 0 (SIGTERM does the same)
 * Run with: node --conditions=react-server --import tsx tests/helpers/jobs-process.ts
 */
import { createInterface } from "node:readline";
import { openDb } from "@/db/client";
import { sendJob } from "@/server/jobs/send";
import { startJobs, stopJobs } from "@/server/jobs/runner";
import { probeJob } from "./jobs-probe";

async function main() {
  const url = process.env.JOBS_TEST_URL;
  if (!url) throw new Error("JOBS_TEST_URL is required");
  const handle = await openDb({ kind: "postgres", url, max: 2 }, { migrate: false });
  await startJobs({ db: handle.db, kind: "postgres", url, jobs: [probeJob], pollingIntervalSeconds: 1 });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stopJobs({ graceful: true, timeoutMs: 5_000 });
    await handle.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  createInterface({ input: process.stdin }).on("line", (line) => {
    const [cmd, note = "", delay = "0"] = line.trim().split(/\s+/);
    if (cmd === "stop") void stop();
    if (cmd === "send") {
      void sendJob(handle.db, probeJob, { note }, { startAfter: new Date(Date.now() + Number(delay)) }).then(
        (id) => console.log(`sent ${id}`),
        (err: unknown) => console.log(`error ${String(err)}`),
      );
    }
  });
  console.log(`ready ${process.pid}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
