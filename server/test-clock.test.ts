import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { complaintEscalations, complaints, notices } from "@/db/schema";
import { ZDeskQuery } from "@/domain/complaints/schemas";
import type { SessionUser } from "@/server/auth/session";
import { complaintDesk } from "@/server/complaints/desk";
import { ensurePolicy, form, makeKeyCustomer } from "@/server/complaints/desk.fixtures";
import { complaintJobs } from "@/server/complaints/jobs";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { configureEnv, restoreEnv } from "@/tests/helpers/env";
import { untilJobState } from "@/tests/helpers/jobs";
import { makeUser } from "@/tests/helpers/users";
import { clockOffsetMs, now, resetClock } from "./clock";
import { startJobs, stopJobs } from "./jobs/runner";
import { testClockResponse } from "./test-clock";

const H = 3_600_000;
let t: TestDb;
let desk: SessionUser;

const post = (body: unknown) =>
  testClockResponse(
    t.db,
    new Request("http://localhost/api/test/clock", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  );

beforeAll(async () => {
  t = await createTestDb();
  await ensurePolicy(t.db);
  const u = await makeUser(t.db, { role: "customer_service", department: "customer_service" });
  desk = { id: u.id, username: u.username, displayName: u.displayName, role: u.role, department: u.department };
  await startJobs({ db: t.db, kind: t.kind, url: t.url, jobs: complaintJobs, pollingIntervalSeconds: 0.5 });
});
afterEach(() => {
  restoreEnv();
});
afterAll(async () => {
  resetClock();
  await stopJobs({ graceful: false });
  await t?.close();
});

describe("the test clock", () => {
  it("is real time until a test build moves it", () => {
    expect(clockOffsetMs()).toBe(0);
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1_000);
  });

  it("answers 404 unless TEST_CLOCK=on, and leaves the clock alone", async () => {
    configureEnv({ TEST_CLOCK: "off" });
    expect((await post({ advanceMs: H })).status).toBe(404);
    expect(clockOffsetMs()).toBe(0);
  });

  it("refuses a body that is not { advanceMs ≥ 0 }", async () => {
    configureEnv({ TEST_CLOCK: "on" });
    expect((await post({ advanceMs: -1 })).status).toBe(400);
    expect((await post({})).status).toBe(400);
    // a job to run instead of the sweep must be a scheduled job the app lists
    expect((await post({ advanceMs: H, job: "no.such" })).status).toBe(400);
    expect(clockOffsetMs()).toBe(0);
  });

  it("a key customer's request escalates by itself when its limit passes: the clock moves, the runner sweeps", { timeout: 60_000 }, async () => {
    configureEnv({ TEST_CLOCK: "on" });
    const kc = await makeKeyCustomer(t.db, "市第一医院");
    const request = form("TS-20261120-0001", desk.id, {
      kind: "service_request",
      serviceType: "repair",
      keyCustomerId: kc.id,
      status: "accepted",
      department: "terminal_service",
      receivedAt: new Date(Date.now() - H),
      dueAt: new Date(Date.now() + 3 * H), // a 4-hour repair, asked an hour ago
    });
    await t.db.insert(complaints).values(request);
    expect((await complaintDesk(t.db, desk, ZDeskQuery.parse({ state: "overdue" }))).rows).toEqual([]);

    const res = await post({ advanceMs: 4 * H });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { offsetMs: number; now: string; jobId: string };
    expect(body.offsetMs).toBe(4 * H);
    expect(new Date(body.now).getTime()).toBeGreaterThan(request.dueAt.getTime());

    // the real runner works the sweep it was sent
    const done = await untilJobState(t.db, body.jobId, ["completed", "failed"], 45_000);
    expect(done.state).toBe("completed");
    const [esc] = await t.db.select().from(complaintEscalations).where(eq(complaintEscalations.complaintId, request.id));
    expect(esc).toMatchObject({ level: "quality", cause: "deadline_passed", actorId: null, dueAt: request.dueAt });
    const [row] = await t.db.select().from(complaints).where(eq(complaints.id, request.id));
    expect(row!.escalation).toBe("quality");
    expect(
      await t.db
        .select()
        .from(notices)
        .where(eq(notices.key, `complaint.overdue:${request.id}:${request.dueAt.toISOString()}`)),
    ).not.toEqual([]);
    // the desk reads the same clock: overdue and escalated now
    const overdue = await complaintDesk(t.db, desk, ZDeskQuery.parse({ state: "overdue" }));
    expect(overdue.rows.map((r) => r.code)).toEqual(["TS-20261120-0001"]);
    expect(overdue.counts).toMatchObject({ overdue: 1, escalated: 1 });
  });
});
