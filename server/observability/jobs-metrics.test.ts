import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { APP_ORIGIN } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { untilJobState } from "@/tests/helpers/jobs";
import { defineJob, sendJob } from "@/server/jobs";
import { startJobs, stopJobs } from "@/server/jobs/runner";
import { handleMetrics } from "./scrape";

/** The job runner's state on /metrics: read from the database at the scrape, and the runs this process made. */
const ping = defineJob({ name: "test.metricsPing", data: z.object({}), retry: { limit: 0 }, handler: async () => {} });
const nightly = defineJob({ name: "test.metricsNightly", data: z.object({}), handler: async () => {}, schedule: { cron: "0 3 * * *", data: {} } });

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await startJobs({ db: t.db, kind: t.kind, url: t.url, jobs: [ping, nightly], pollingIntervalSeconds: 0.5 });
});
afterAll(async () => {
  await stopJobs({ graceful: false });
  await t?.close();
});

const TOKEN = "jobs-metrics-token";
const scrape = async () =>
  (await handleMetrics(t.db, new Request(`${APP_ORIGIN}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } }), TOKEN)).text();
const sample = (text: string, series: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe("job runner state on /metrics", () => {
  it("shows each queue by state, the run this process made, its last finish and the schedule's next run", async () => {
    const before = await scrape();
    expect(sample(before, "tracemark_jobs_runner_working")).toBe(1);
    expect(sample(before, 'tracemark_jobs{name="test.metricsPing",state="failed"}')).toBe(0);
    const id = await sendJob(t.db, ping, {});
    await untilJobState(t.db, id!, ["completed"], 20_000);
    const after = await scrape();
    const runs = (text: string) => sample(text, 'tracemark_job_runs_total{name="test.metricsPing",outcome="done"}') ?? 0;
    expect(runs(after) - runs(before)).toBe(1);
    expect(sample(after, 'tracemark_jobs{name="test.metricsPing",state="active"}')).toBe(0);
    const last = sample(after, 'tracemark_job_last_run_timestamp_seconds{name="test.metricsPing"}');
    expect(last).toBeGreaterThan(Date.now() / 1000 - 120);
    const next = sample(after, 'tracemark_job_next_run_timestamp_seconds{name="test.metricsNightly"}');
    // the next 03:00 in Asia/Shanghai: within a day, on a whole hour
    expect(next! - Date.now() / 1000).toBeGreaterThan(0);
    expect(next! - Date.now() / 1000).toBeLessThanOrEqual(24 * 3600);
    expect(next! % 3600).toBe(0);
  });
});
