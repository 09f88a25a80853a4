"use client";
import { useFormatter, useTranslations } from "next-intl";
import type { TTone } from "@/app/_ui/status-badge";
import { complaintDeadlineState, isComplaintOverdue, type TComplaintDeadlineState } from "@/domain/complaints/deadlines";
import type { TComplaintStatus } from "@/domain/complaints/model";

/** The facts of a form's deadline, whatever shape the row came in (dates may arrive as strings). */
export interface TDeadlineFacts {
  status: TComplaintStatus;
  dueAt: Date | string;
  repliedAt: Date | string | null;
}

const TONE: Record<TComplaintDeadlineState["state"], TTone> = { done: "muted", passed: "bad", soon: "warn", ahead: "info" };

function facts(c: TDeadlineFacts) {
  return { status: c.status, dueAt: new Date(c.dueAt), repliedAt: c.repliedAt === null ? null : new Date(c.repliedAt) };
}

/** Overdue as the domain decides it (awaiting an answer after the deadline): the red mark of the desk. */
export function overdue(c: TDeadlineFacts, now: Date): boolean {
  return isComplaintOverdue(facts(c), now);
}

/** "2 h 47 min", "1 d 3 h", "12 min" from the shared words of the complaints catalogue. */
export function useComplaintDuration(): (minutes: number) => string {
  const t = useTranslations("complaints.duration");
  return (minutes) => {
    const m = Math.abs(minutes);
    if (m >= 24 * 60) return t("days", { d: Math.floor(m / (24 * 60)), h: Math.floor((m % (24 * 60)) / 60) });
    if (m >= 60) return t("hours", { h: Math.floor(m / 60), m: m % 60 });
    return t("minutes", { m });
  };
}

/** The time of day in the operator's zone (the app's time zone is Asia/Shanghai), as every office screen writes it. */
export function useWhen(): (d: Date | string) => string {
  const format = useFormatter();
  return (d) => format.dateTime(new Date(d), { year: "numeric", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
}

/**
 * A form's deadline as domain `complaintDeadlineState` decides it at `now`: time left (warn when near), time late in
 * red once passed, and once answered whether it was in time. The deadline itself is the badge's title.
 */
export function ComplaintDeadline({ c, now }: { c: TDeadlineFacts; now: Date }) {
  const t = useTranslations("complaints.deadline");
  const duration = useComplaintDuration();
  const when = useWhen();
  const f = facts(c);
  const state = complaintDeadlineState(f, now);
  const due = t("due", { when: when(f.dueAt) });
  const text =
    state.state === "done"
      ? t(state.onTime ? "onTime" : "late_done")
      : state.state === "passed"
        ? t("late", { time: duration(state.minutes) })
        : t("left", { time: duration(state.minutes) });
  const tone = state.state === "done" && !state.onTime ? "bad" : TONE[state.state];
  return (
    <span className="badge" data-tone={tone} data-testid="deadline" data-state={state.state} title={due}>
      {text}
    </span>
  );
}
