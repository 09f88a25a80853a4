import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notices, users, workOrders } from "@/db/schema";
import { raiseInstrumentReminders, instrumentReminders } from "@/server/instruments/jobs";
import { sendJob } from "@/server/jobs";
import { JOBS } from "@/server/jobs/list";
import { startJobs, stopJobs } from "@/server/jobs/runner";
import { keyCustomerDeadlines, raiseKeyCustomerOverdue } from "@/server/work-orders/jobs";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { until, untilJobState } from "@/tests/helpers/jobs";

const DAY = 86_400_000;

async function inbox(t: TestDb, username: string) {
  const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return t.db.select().from(notices).where(eq(notices.userId, u!.id));
}

/** What used to be derived on read now also reaches the inbox, by the job runner (ADR 0033). */
describe("reminders and deadlines raise notices, once each", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb({ seed: true });
  });
  afterAll(async () => t?.close());

  it("instrument reminders: an overdue loan tells its holder and the custodian, a lapsed calibration the custodian; a second run adds nothing", async () => {
    const later = new Date(Date.now() + 400 * DAY);
    const first = await raiseInstrumentReminders(t.db, later);
    expect(first).toBeGreaterThan(0);
    expect(await raiseInstrumentReminders(t.db, later)).toBe(0);
    const lineman = await inbox(t, "lineman");
    const custodian = await inbox(t, "custodian");
    const overdue = lineman.filter((n) => n.kind === "instrument.loanOverdue");
    expect(overdue.length).toBeGreaterThan(0);
    // the custodian is told of the same loans, and of calibrations no longer valid
    for (const n of overdue) expect(custodian.some((c) => c.key === n.key)).toBe(true);
    expect(custodian.some((c) => c.kind === "instrument.calibrationOverdue")).toBe(true);
    // (the demo's delivery waiting for terminal service's inspection tells the lineman too: not a reminder)
    const reminders = lineman.filter((n) => n.kind.startsWith("instrument."));
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.every((n) => n.href.startsWith("/instruments#IN-"))).toBe(true);
    // a warehouse keeper who keeps no instrument hears nothing
    expect(await inbox(t, "keeper")).toEqual([]);
  });

  it("a key customer's open order past its deadline tells customer service and quality once; one still in time, or closed, tells nobody", async () => {
    const inFiveHours = new Date(Date.now() + 5 * 3_600_000);
    const raised = await raiseKeyCustomerOverdue(t.db, inFiveHours);
    const service = (await inbox(t, "service")).filter((n) => n.kind === "workOrder.keyCustomerOverdue");
    const quality = (await inbox(t, "quality")).filter((n) => n.kind === "workOrder.keyCustomerOverdue");
    // the seed's key customers due in 3 h and 4 h are late by then; the one due in 26 h is not
    expect(service.map((n) => n.params.code).sort()).toEqual(["WO-2026-000102", "WO-2026-000106"]);
    expect(quality.map((n) => n.key).sort()).toEqual(service.map((n) => n.key).sort());
    expect(raised).toBeGreaterThanOrEqual(4);
    expect(await raiseKeyCustomerOverdue(t.db, inFiveHours)).toBe(0);
    expect((await inbox(t, "lineman")).some((n) => n.kind === "workOrder.keyCustomerOverdue")).toBe(false);
  });
});

describe("the runner runs the domains' jobs (JOBS, as the server starts them)", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    await startJobs({ db: t.db, kind: t.kind, url: t.url, jobs: JOBS, pollingIntervalSeconds: 0.5 });
  });
  afterAll(async () => {
    await stopJobs({ graceful: false });
    await t?.close();
  });

  it("the deadline sweep, sent as the schedule would, tells the desk of an order that just passed its deadline", async () => {
    const [order] = await t.db.select().from(workOrders).where(eq(workOrders.code, "WO-2026-000102"));
    await t.db
      .update(workOrders)
      .set({ dueAt: new Date(Date.now() - 60_000) })
      .where(eq(workOrders.id, order!.id));
    expect(await sendJob(t.db, keyCustomerDeadlines, {})).toBeTruthy();
    const told = await until(
      "the sweep's notice",
      async () => {
        const rows = await t.db
          .select()
          .from(notices)
          .where(and(eq(notices.kind, "workOrder.keyCustomerOverdue")));
        return rows.some((n) => n.params.code === "WO-2026-000102") ? rows : undefined;
      },
      60_000,
    );
    expect(told.length).toBeGreaterThanOrEqual(2);
    // and the morning reminders run through it too, to completion (the seed's loans are all in time today)
    const id = await sendJob(t.db, instrumentReminders, {});
    expect((await untilJobState(t.db, id!, ["completed", "failed"], 60_000)).state).toBe("completed");
  }, 120_000);
});
