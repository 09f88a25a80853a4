import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, billingChecks, correctiveActions, exchanges, notices } from "@/db/schema";
import { billingDueOn, monthOf } from "@/domain/quality/model";
import { addDays } from "@/domain/time/calendar";
import { operatorDay, startOfOperatorDay, toOperatorLocal } from "@/domain/time/operator";
import { advanceClock, now as clockNow, resetClock } from "@/server/clock";
import { JOBS } from "@/server/jobs/list";
import { previewSchedule } from "@/server/jobs/send";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { person, sentAction, type TPerson } from "./actions.fixtures";
import { billingOpenJob, qualityOverdueJob } from "./jobs";

let t: TestDb;
let quality: TPerson, head: TPerson, recorder: TPerson;
const H = 3_600_000;

/** The controllable clock (server/clock): moved forward to `at` (it never goes back before real time). */
function setClock(at: Date): void {
  advanceClock(at.getTime() - clockNow().getTime());
  expect(Math.abs(clockNow().getTime() - at.getTime())).toBeLessThan(1000);
}
/** `hour`:00 operator time on `day`. */
const at = (day: string, hour: number) => new Date(startOfOperatorDay(day).getTime() + hour * H);
/** A run of the job as the runner makes it (its handler, with the app's database). */
const run = (job: { handler: (data: never, r: { id: string; retryCount: number; db: TestDb["db"] }) => Promise<void> }) =>
  job.handler({} as never, { id: "00000000-0000-4000-8000-000000000000", retryCount: 0, db: t.db });

const audits = (name: string, subjectId?: string) =>
  t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.name, name), subjectId ? eq(auditEvents.subjectId, subjectId) : undefined));
const noticeUsers = async (key: string) =>
  (await t.db.select({ userId: notices.userId }).from(notices).where(eq(notices.key, key))).map((n) => n.userId).sort();

beforeAll(async () => {
  resetClock();
  t = await createTestDb();
  quality = await person(t.db, "quality", "enterprise_management");
  head = await person(t.db, "department_head", "terminal_service");
  recorder = await person(t.db, "operations", "switching_transmission");
  await t.db.insert(exchanges).values([
    { code: "EX-01", nameZh: "城区交换局", nameEn: "City exchange" },
    { code: "EX-02", nameZh: "开发区交换局", nameEn: "Industrial zone exchange" },
  ]);
});
afterAll(async () => {
  resetClock();
  await t?.close();
});

describe("the quality jobs are declared and listed", () => {
  it("quality.billingOpen on the 1st at 08:00 and quality.overdue daily at 09:00 (operator time), both in JOBS", () => {
    expect(JOBS.map((j) => j.name)).toEqual(expect.arrayContaining(["quality.billingOpen", "quality.overdue"]));
    expect(billingOpenJob.schedule?.cron).toBe("0 8 1 * *");
    expect(qualityOverdueJob.schedule?.cron).toBe("0 9 * * *");
  });
});

describe("quality.billingOpen with the controllable clock", () => {
  let firstRun: Date;
  it("the next run is the 1st at 08:00 operator time; run then, it opens that month for every active exchange", async () => {
    [firstRun] = previewSchedule(billingOpenJob.schedule!.cron, { from: clockNow(), count: 1 }) as [Date];
    expect(toOperatorLocal(firstRun)).toMatch(/-01T08:00/);
    setClock(firstRun);
    await run(billingOpenJob);
    const month = monthOf(operatorDay(firstRun));
    const rows = await t.db.select().from(billingChecks).where(eq(billingChecks.month, month));
    expect(rows.map((r) => [r.exchangeCode, r.status, r.dueOn]).sort()).toEqual([
      ["EX-01", "open", billingDueOn(month)],
      ["EX-02", "open", billingDueOn(month)],
    ]);
    const opened = await audits("billing.opened");
    expect(opened).toHaveLength(2);
    expect(opened.every((a) => a.actorId === null)).toBe(true);
    expect(await noticeUsers(`quality.billingOpened:${rows[0]!.id}`)).toEqual([recorder.id]);
  });

  it("is idempotent: a retried or doubled run (even later that month) opens nothing more", async () => {
    await run(billingOpenJob);
    setClock(new Date(firstRun.getTime() + 26 * H));
    await run(billingOpenJob);
    expect(await t.db.select().from(billingChecks)).toHaveLength(2);
    expect(await audits("billing.opened")).toHaveLength(2);
  });

  it("a month still open the day after its due day escalates to quality once (overdue_notified_at)", async () => {
    const month = monthOf(operatorDay(firstRun));
    const due = billingDueOn(month);
    setClock(at(due, 9));
    await run(qualityOverdueJob);
    expect(await audits("billing.overdue")).toHaveLength(0);
    setClock(at(addDays(due, 1), 9));
    await run(qualityOverdueJob);
    await run(qualityOverdueJob);
    // the runs read the clock as it moves on with real time: the escalation's time lies within these runs
    const escalatedBy = clockNow().getTime();
    setClock(at(addDays(due, 2), 9));
    await run(qualityOverdueJob);
    const overdue = await audits("billing.overdue");
    expect(overdue.map((a) => a.payload).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
      { exchangeCode: "EX-01", month },
      { exchangeCode: "EX-02", month },
    ]);
    const rows = await t.db.select().from(billingChecks);
    const notifiedAt = rows.map((r) => r.overdueNotifiedAt?.getTime() ?? Number.NaN);
    expect(notifiedAt).toHaveLength(2);
    for (const ms of notifiedAt) {
      expect(ms).toBeGreaterThanOrEqual(at(addDays(due, 1), 9).getTime());
      expect(ms).toBeLessThanOrEqual(escalatedBy);
    }
    expect(await noticeUsers(`quality.billingOverdue:${rows[0]!.id}`)).toEqual([quality.id]);
  });
});

describe("quality.overdue: corrective-action steps past their date escalate once per step and date", () => {
  it("the plan past its required-by date: quality and the department's head are told once, audited by the runner", async () => {
    const today = operatorDay(clockNow());
    const a = await sentAction(t.db, quality, { department: "terminal_service", requiredBy: addDays(today, 1) });
    setClock(at(addDays(today, 1), 9));
    await run(qualityOverdueJob);
    expect(await audits("correctiveAction.escalated", a.id)).toHaveLength(0);

    setClock(at(addDays(today, 2), 9));
    await run(qualityOverdueJob);
    await run(qualityOverdueJob);
    setClock(at(addDays(today, 3), 9));
    await run(qualityOverdueJob);
    const escalated = await audits("correctiveAction.escalated", a.id);
    expect(escalated.map((e) => [e.actorId, e.payload])).toEqual([[null, { code: a.code, step: "plan", dueOn: addDays(today, 1) }]]);
    expect(await noticeUsers(`quality.actionOverdue:${a.id}:plan:${addDays(today, 1)}`)).toEqual([quality.id, head.id].sort());
    const [row] = await t.db.select().from(correctiveActions).where(eq(correctiveActions.id, a.id));
    // no new version: the head's open form does not turn into a conflict
    expect(row).toMatchObject({ escalated: `plan:${addDays(today, 1)}`, version: 1 });

    // planned late, with its own date: that date passing escalates again, once
    const planDue = addDays(today, 4);
    await head.caller.actions.plan({
      actionId: a.id,
      version: 1,
      sign: true,
      causeAnalysis: "c",
      causeCategory: "method",
      correction: "c",
      correctiveAction: "c",
      ownerId: head.id,
      dueOn: planDue,
    });
    setClock(at(addDays(today, 5), 9));
    await run(qualityOverdueJob);
    await run(qualityOverdueJob);
    expect((await audits("correctiveAction.escalated", a.id)).map((e) => (e.payload as { step: string }).step)).toEqual(["plan", "implement"]);
  });
});
