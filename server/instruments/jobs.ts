import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { noticesFor, type TNotice } from "@/domain/instruments/notices";
import { operatorDay } from "@/domain/time/operator";
import { defineJob } from "@/server/jobs";
import { raiseNotice, type TRaiseNotice } from "@/server/notices/service";
import { factsOf } from "./facts";
import { selectInstrumentRows } from "./feeds";

type Row = Awaited<ReturnType<typeof selectInstrumentRows>>[number];

/** The inbox notice for one of the register's reminders (domain/instruments/notices.ts), or null for none. */
function noticeOf(n: TNotice, row: Row): TRaiseNotice | null {
  const href = `/instruments#${row.assetTag}`;
  const params = { tag: row.assetTag, name: row.name, due: n.dueOn ?? "", holder: row.holderName ?? "" };
  const keeper = row.keeperId ? [row.keeperId] : [];
  switch (n.kind) {
    case "loan_due_soon":
      return {
        to: { userIds: row.holderId ? [row.holderId] : [] },
        kind: "instrument.loanDueSoon",
        params,
        href,
        key: `instrument.loanDueSoon:${row.loanId}:${n.dueOn}`,
      };
    case "loan_overdue":
      return {
        to: { userIds: row.holderId ? [row.holderId] : [], roles: ["instrument_custodian"] },
        kind: "instrument.loanOverdue",
        params,
        href,
        key: `instrument.loanOverdue:${row.loanId}:${n.dueOn}`,
      };
    case "permit_lapsed_on_loan":
      return {
        to: { userIds: [...(row.holderId ? [row.holderId] : []), ...keeper], roles: ["instrument_custodian"] },
        kind: "instrument.calibrationOverdue",
        params,
        href,
        key: `instrument.calibrationOverdue:${row.id}:${n.dueOn}`,
      };
    case "calibration_overdue":
    case "calibration_failed":
      return {
        to: { userIds: keeper, roles: ["instrument_custodian"] },
        kind: "instrument.calibrationOverdue",
        params,
        href,
        key: `instrument.calibrationOverdue:${row.id}:${n.dueOn}`,
      };
    case "calibration_due_soon":
      return {
        to: { userIds: keeper, roles: ["instrument_custodian"] },
        kind: "instrument.calibrationDueSoon",
        params,
        href,
        key: `instrument.calibrationDueSoon:${row.id}:${n.dueOn}`,
      };
    case "handover_offered":
      // shown on the receiver's home as it happens; not a reminder
      return null;
  }
}

/**
 * Raises the day's instrument reminders into the inboxes: loans due soon (the borrower) and overdue (the borrower and
 * the custodian), calibrations due soon, overdue or failed (the custodian and the keeper), a permit that lapsed on loan
 * (the holder too). Each once per loan or calibration due day (keys), however often it runs. Returns how many notices
 * were new.
 */
export async function raiseInstrumentReminders(db: Db, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await selectInstrumentRows(tx);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const due = noticesFor({
      // the custodian's view covers every instrument: who is told is decided per notice below
      viewer: { id: "", role: "instrument_custodian", department: "technology_development" },
      instruments: rows.map((r) => ({ ...factsOf(r), assetTag: r.assetTag, name: r.name, holderName: r.holderName })),
      today: operatorDay(now),
    });
    let raised = 0;
    for (const n of due) {
      const notice = noticeOf(n, byId.get(n.instrumentId)!);
      if (notice) raised += await raiseNotice(tx, notice);
    }
    return raised;
  });
}

/** Every morning at 08:00 in the operator's zone (a morning missed while the server was down is made up once). */
export const instrumentReminders = defineJob({
  name: "instruments.remind",
  data: z.object({}),
  schedule: { cron: "0 8 * * *", data: {} },
  handler: async (_data, run) => {
    await raiseInstrumentReminders(run.db);
  },
});

/** The instrument domain's jobs (listed once in server/jobs/list.ts). */
export const instrumentJobs = [instrumentReminders];
