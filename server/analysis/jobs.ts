import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { previousPeriod } from "@/domain/analysis/periods";
import { MEETING_KINDS, type TReportKind } from "@/domain/analysis/schemas";
import { operatorDay } from "@/domain/time/operator";
import { now as clockNow } from "@/server/clock";
import { defineJob } from "@/server/jobs";
import { generateReport } from "./report-store";

/**
 * The scheduled reports (ADR 0041 §9), operator time (Asia/Shanghai): the weekly report every Monday at 08:00 for the
 * ISO week before; the monthly report and the four meeting packs on the 1st at 08:00 for the month before. Each is
 * made once (revision 1 of its kind and period); a retried, doubled or late run makes nothing more.
 */
export async function runScheduledReports(db: Db, cadence: "week" | "month", now: Date = clockNow()): Promise<TReportKind[]> {
  const period = previousPeriod(cadence, operatorDay(now));
  const kinds: TReportKind[] = cadence === "week" ? ["weekly"] : ["monthly", ...MEETING_KINDS];
  const made: TReportKind[] = [];
  for (const kind of kinds) {
    if (await generateReport(db, { kind, periodKey: period.key, actorId: null, scheduled: true, now })) made.push(kind);
  }
  return made;
}

export const weeklyReportJob = defineJob({
  name: "analysis.weeklyReport",
  data: z.object({}),
  schedule: { cron: "0 8 * * 1", data: {} },
  timeoutSeconds: 600,
  handler: async (_data, run) => {
    await runScheduledReports(run.db, "week");
  },
});

export const monthlyReportsJob = defineJob({
  name: "analysis.monthlyReports",
  data: z.object({}),
  schedule: { cron: "0 8 1 * *", data: {} },
  timeoutSeconds: 900,
  handler: async (_data, run) => {
    await runScheduledReports(run.db, "month");
  },
});

/** The analysis domain's jobs (listed once in server/jobs/list.ts). */
export const analysisJobs = [weeklyReportJob, monthlyReportsJob];
