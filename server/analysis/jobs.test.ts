import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analysisReports, auditEvents } from "@/db/schema";
import { toOperatorLocal } from "@/domain/time/operator";
import { JOBS } from "@/server/jobs/list";
import { previewSchedule } from "@/server/jobs/send";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { makeUser } from "@/tests/helpers/users";
import { monthlyReportsJob, runScheduledReports, weeklyReportJob } from "./jobs";
import { generateReport } from "./report-store";
import { seedMetricsRows } from "./metrics.fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await t.asOwner((owner) => seedMetricsRows(owner));
}, 60_000);
afterAll(async () => t?.close());

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const reports = () =>
  t.db
    .select({ kind: analysisReports.kind, periodKey: analysisReports.periodKey, revision: analysisReports.revision, by: analysisReports.generatedBy })
    .from(analysisReports)
    .orderBy(analysisReports.kind, analysisReports.periodKey);

describe("the report jobs are declared and listed, on the operator's clock", () => {
  it("analysis.weeklyReport every Monday 08:00 and analysis.monthlyReports on the 1st 08:00 (Asia/Shanghai), both in JOBS", () => {
    expect(JOBS.map((j) => j.name)).toEqual(expect.arrayContaining(["analysis.weeklyReport", "analysis.monthlyReports"]));
    // Friday 2026-11-20 → Mondays 23 and 30 Nov, 7 Dec at 08:00 Shanghai = 00:00 UTC
    expect(iso(previewSchedule(weeklyReportJob.schedule!.cron, { from: new Date("2026-11-20T00:00:00Z"), count: 3 }))).toEqual([
      "2026-11-23T00:00:00.000Z",
      "2026-11-30T00:00:00.000Z",
      "2026-12-07T00:00:00.000Z",
    ]);
    const monthly = previewSchedule(monthlyReportsJob.schedule!.cron, { from: new Date("2026-11-20T00:00:00Z"), count: 3 });
    expect(iso(monthly)).toEqual(["2026-12-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z", "2027-02-01T00:00:00.000Z"]);
    expect(monthly.map((d) => toOperatorLocal(d))).toEqual([
      expect.stringMatching(/^2026-12-01T08:00/),
      expect.stringMatching(/^2027-01-01T08:00/),
      expect.stringMatching(/^2027-02-01T08:00/),
    ]);
  });
});

describe("the scheduled runs make each report once", () => {
  it("Monday 2026-11-23 08:00: the weekly report of 2026-W47 (the week before); a second run makes nothing", async () => {
    const at = new Date("2026-11-23T00:00:00Z");
    expect(await runScheduledReports(t.db, "week", at)).toEqual(["weekly"]);
    expect(await runScheduledReports(t.db, "week", new Date(at.getTime() + 3_600_000))).toEqual([]);
    expect(await reports()).toEqual([{ kind: "weekly", periodKey: "2026-W47", revision: 1, by: null }]);
  });

  it("the 1st of December 08:00: the monthly report and the four meeting packs of 2026-11, audited as scheduled; retried, nothing more", async () => {
    const at = new Date("2026-12-01T00:00:00Z");
    expect(await runScheduledReports(t.db, "month", at)).toEqual([
      "monthly",
      "meeting_business",
      "meeting_engineering",
      "meeting_operations",
      "meeting_coordination",
    ]);
    expect(await runScheduledReports(t.db, "month", new Date(at.getTime() + 5 * 86_400_000))).toEqual([]);
    const rows = (await reports()).filter((r) => r.periodKey === "2026-11");
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.revision === 1 && r.by === null)).toBe(true);
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.name, "report.generated")));
    expect(audit).toHaveLength(6);
    expect(audit.every((a) => a.actorId === null && (a.payload as { scheduled: boolean }).scheduled)).toBe(true);
  });

  it("a report quality made by hand before the month ended does not stand in for the scheduled one", async () => {
    const quality = await makeUser(t.db, { role: "quality" });
    const early = await generateReport(t.db, {
      kind: "monthly",
      periodKey: "2026-10",
      actorId: quality.id,
      scheduled: false,
      now: new Date("2026-10-20T02:00:00Z"),
    });
    expect(early).not.toBeNull();
    expect(await runScheduledReports(t.db, "month", new Date("2026-11-01T00:00:00Z"))).toContain("monthly");
    const rows = (await reports()).filter((r) => r.periodKey === "2026-10" && r.kind === "monthly");
    expect(rows.map((r) => [r.revision, r.by === null])).toEqual(
      expect.arrayContaining([
        [1, false],
        [2, true],
      ]),
    );
    expect(await runScheduledReports(t.db, "month", new Date("2026-11-01T01:00:00Z"))).toEqual([]);
  });

  it("the handlers run as the runner runs them (today's period), idempotently", async () => {
    const run = { id: "00000000-0000-4000-8000-000000000000", retryCount: 0, db: t.db };
    await weeklyReportJob.handler({}, run);
    await monthlyReportsJob.handler({}, run);
    const after = (await reports()).length;
    await weeklyReportJob.handler({}, run);
    await monthlyReportsJob.handler({}, run);
    expect((await reports()).length).toBe(after);
  });
});
