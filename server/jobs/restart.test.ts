import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { APP_ROLE } from "@/db/client";
import { createRestartableTestDb, type RestartableTestDb } from "@/tests/helpers/db";
import { jobRow, probeRows, untilJobState } from "@/tests/helpers/jobs";
import { probeJob } from "@/tests/helpers/jobs-probe";
import { sendJob } from "./send";
import { startJobs, stopJobs } from "./runner";

/**
 * The demo's database: PGlite on disk, one process. A job sent before a stop is kept in the data directory and runs
 * once after the restart. (On PostgreSQL, processes.test.ts kills and restarts real processes.)
 */
describe.skipIf(process.env.TEST_DB === "postgres")("jobs survive a restart on PGlite", () => {
  let t: RestartableTestDb;

  afterAll(async () => {
    await stopJobs({ graceful: false });
    await t?.close();
  });

  it("a job due after the stop runs once when the server comes back", { timeout: 120_000 }, async () => {
    t = await createRestartableTestDb();
    // the probe table, made by the owner (PGlite's one session: the role is switched on it for this)
    await t.db.execute(sql`RESET ROLE`);
    await t.db.execute(
      sql.raw(
        `create table job_probe (job_id uuid not null, note text not null default '', who text not null default current_user, pid int not null default 0, ran_at timestamptz not null default clock_timestamp())`,
      ),
    );
    await t.db.execute(sql.raw(`grant select, insert on job_probe to ${APP_ROLE}`));
    await t.db.execute(sql.raw(`SET ROLE ${APP_ROLE}`));

    await startJobs({ db: t.db, kind: "pglite", jobs: [probeJob], pollingIntervalSeconds: 0.5 });
    const id = await t.db.transaction((tx) => sendJob(tx, probeJob, { note: "kept" }, { startAfter: new Date(Date.now() + 3_000) }));
    await stopJobs({ graceful: false });
    await t.restart();
    const kept = await jobRow(t.db, id!);
    expect(kept?.state).toBe("created");
    // past its due time while the server was down
    await new Promise((r) => setTimeout(r, Math.max(0, kept!.start_after.getTime() - Date.now())));
    expect(await probeRows(t.db, id!)).toEqual([]);

    await startJobs({ db: t.db, kind: "pglite", jobs: [probeJob], pollingIntervalSeconds: 0.5 });
    const done = await untilJobState(t.db, id!, ["completed", "failed"], 60_000);
    expect(done.state).toBe("completed");
    const runs = await probeRows(t.db, id!);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.note).toBe("kept");
  });
});
