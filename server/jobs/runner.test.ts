import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { APP_ROLE, rowsOf } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { TRole } from "@/domain/auth/roles";
import { createSession } from "@/server/auth/session";
import { callerFor } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { createProbeTable, jobRow, probeRows, untilJobState } from "@/tests/helpers/jobs";
import { makeUser } from "@/tests/helpers/users";
import { defineJob, sendJob } from "./index";
import { jobsOverview } from "./admin";
import { jobsRuntime, startJobs, stopJobs } from "./runner";

const delayed = defineJob({
  name: "test.delayed",
  data: z.object({ note: z.string() }),
  retry: { limit: 0 },
  handler: async (data, run) => {
    await run.db.execute(sql`insert into job_probe (job_id, note) values (${run.id}, ${data.note})`);
  },
});

const MESSAGE = "calibration lab unreachable";
/** Fails its first three attempts (the first run and both retries), succeeds on the fourth: the admin's retry. */
const flaky = defineJob({
  name: "test.flaky",
  data: z.object({}),
  retry: { limit: 2, delaySeconds: 1, backoff: true },
  handler: async (_data, run) => {
    await run.db.execute(sql`insert into job_probe (job_id, note) values (${run.id}, ${`attempt ${run.retryCount}`})`);
    const [row] = rowsOf<{ n: string }>(await run.db.execute(sql`select count(*) as n from job_probe where job_id = ${run.id}`));
    if (Number(row?.n) <= 3) throw new Error(MESSAGE);
  },
});

const daily = defineJob({
  name: "test.daily",
  data: z.object({ report: z.string() }),
  handler: async () => {},
  schedule: { cron: "0 8 * * *", data: { report: "daily" } },
});

const undeclared = defineJob({ name: "test.undeclared", data: z.object({}), handler: async () => {} });

describe("job runner", () => {
  let t: TestDb;

  beforeAll(async () => {
    t = await createTestDb();
    await createProbeTable(t.asOwner);
    await startJobs({ db: t.db, kind: t.kind, url: t.url, jobs: [delayed, flaky, daily], pollingIntervalSeconds: 0.5 });
  });
  afterAll(async () => {
    await stopJobs({ graceful: false });
    await t?.close();
  });

  it("pg-boss runs as the app role, which owns nothing", async () => {
    const { boss } = await jobsRuntime();
    const { rows } = await boss.getDb().executeSql("select current_user as who");
    expect(rows[0]).toEqual({ who: APP_ROLE });
  });

  it("a delayed job runs once, not before it is due, and its handler's writes land", { timeout: 60_000 }, async () => {
    const startAfter = new Date(Date.now() + 2_000);
    const id = await t.db.transaction((tx) => sendJob(tx, delayed, { note: "later" }, { startAfter }));
    expect(id).toBeTruthy();
    expect((await jobRow(t.db, id!))?.state).toBe("created");
    const done = await untilJobState(t.db, id!, ["completed", "failed"], 45_000);
    expect(done.state).toBe("completed");
    const rows = await probeRows(t.db, id!);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.note).toBe("later");
    expect(rows[0]!.who).toBe(APP_ROLE);
    // the database's own clocks on both sides: the run began at or after the due time it stored
    expect(rows[0]!.ran_at.getTime()).toBeGreaterThanOrEqual(done.start_after.getTime());
  });

  it("a failing job is retried with backoff, then failed with its error kept; the admin's retry runs it again", { timeout: 90_000 }, async () => {
    const id = await t.db.transaction((tx) => sendJob(tx, flaky, {}));
    const failed = await untilJobState(t.db, id!, ["failed", "completed"], 60_000);
    expect(failed.state).toBe("failed");
    expect(failed.retry_count).toBe(2);
    expect(JSON.stringify(failed.output)).toContain(MESSAGE);
    const attempts = await probeRows(t.db, id!);
    expect(attempts.map((a) => a.note)).toEqual(["attempt 0", "attempt 1", "attempt 2"]);
    // backoff from 1 s: the second wait is at least twice the first's floor (pg-boss: delay · 2^n/2 · (1 + jitter))
    const gaps = [1, 2].map((i) => attempts[i]!.ran_at.getTime() - attempts[i - 1]!.ran_at.getTime());
    expect(gaps[0]).toBeGreaterThanOrEqual(1_000);
    expect(gaps[1]).toBeGreaterThanOrEqual(2_000);

    const overview = await jobsOverview(t.db);
    const shown = overview.failures.find((f) => f.id === id);
    expect(shown).toMatchObject({ name: "test.flaky", error: MESSAGE, attempts: 3 });
    expect(overview.queues.find((q) => q.name === "test.flaky")).toMatchObject({ failed: 1 });

    const admin = await callerAs("admin");
    await admin.jobs.retry({ id: id! });
    const again = await untilJobState(t.db, id!, ["completed"], 30_000);
    expect(again.state).toBe("completed");
    expect(await probeRows(t.db, id!)).toHaveLength(4);
    // the retry is in the audit chain, by whom and of which job
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, "job"), eq(auditEvents.subjectId, id!)));
    expect(audit.map((a) => [a.name, a.payload])).toEqual([["job.retried", { name: "test.flaky" }]]);
    // only a failed job can be retried
    await expectAppError(admin.jobs.retry({ id: id! }), "not_found");
  });

  it("a job sent inside a rolled-back transaction never exists; one committed beside it runs", { timeout: 60_000 }, async () => {
    let rolledBackId: string | null = null;
    await expect(
      t.db.transaction(async (tx) => {
        rolledBackId = await sendJob(tx, delayed, { note: "rolled back" });
        throw new Error("the change was refused");
      }),
    ).rejects.toThrow("the change was refused");
    expect(rolledBackId).toBeTruthy();
    expect(await jobRow(t.db, rolledBackId!)).toBeUndefined();

    // outside a transaction too (on PGlite this would hang if the send used pg-boss's own connection)
    const committedId = await sendJob(t.db, delayed, { note: "committed" });
    await untilJobState(t.db, committedId!, ["completed"], 30_000);
    expect((await probeRows(t.db)).filter((r) => r.note === "rolled back")).toEqual([]);
    expect(await probeRows(t.db, committedId!)).toHaveLength(1);
    expect(await jobRow(t.db, rolledBackId!)).toBeUndefined();
  });

  it("a declared schedule is kept in the operator's zone, catches up once, and shows its next runs", async () => {
    const [row] = rowsOf<{ cron: string; timezone: string; missed: string; data: unknown }>(
      await t.db.execute(sql`select cron, timezone, options->>'missed' as missed, data from pgboss.schedule where name = 'test.daily'`),
    );
    expect(row).toEqual({ cron: "0 8 * * *", timezone: "Asia/Shanghai", missed: "once", data: { report: "daily" } });
    const shown = (await jobsOverview(t.db)).schedules.find((s) => s.name === "test.daily");
    expect(shown?.next).toHaveLength(3);
    for (const at of shown!.next) expect(at.toISOString()).toMatch(/T00:00:00\.000Z$/);
  });

  it("refuses a job that is not in the list, and bad data, before touching the database", async () => {
    await expect(sendJob(t.db, undeclared, {})).rejects.toThrow(/not in server\/jobs\/list\.ts/);
    await expect(sendJob(t.db, delayed, { note: 5 } as unknown as { note: string })).rejects.toThrow();
  });

  it("the admin screen is for administrators only", async () => {
    for (const role of ["instrument_custodian", "lineman"] as const) {
      const caller = await callerAs(role);
      await expectAppError(caller.jobs.overview(), "forbidden");
      await expectAppError(caller.jobs.retry({ id: "00000000-0000-4000-8000-000000000000" }), "forbidden");
    }
    const overview = await (await callerAs("admin")).jobs.overview();
    expect(overview.queues.map((q) => q.name)).toEqual(expect.arrayContaining(["test.daily", "test.delayed", "test.flaky"]));
  });

  async function callerAs(role: TRole) {
    const user = await makeUser(t.db, { role });
    const { token } = await createSession(t.db, { userId: user.id });
    return callerFor(t.db, { cookie: `tm_session=${token}` });
  }
});
