"use client";
import { useFormatter, useNow, useTranslations } from "next-intl";
import type { TTone } from "@/app/_ui/status-badge";
import { deadlineState, deskState, isOverdue, type TDeadlineState, type TUrgencyFacts } from "@/domain/work-orders/desk";
import type { TWorkOrderKind, TWorkOrderStatus } from "@/domain/work-orders/status";
import { StatusBadge } from "@/app/_ui/status-badge";

/** "2 h 15 min", "1 d 3 h", "40 min": a countdown's size, in words of the catalogue. */
export function useDuration(): (minutes: number) => string {
  const t = useTranslations("desk.duration");
  return (minutes) => {
    const m = Math.abs(minutes);
    if (m >= 24 * 60) return t("days", { d: Math.floor(m / (24 * 60)), h: Math.floor((m % (24 * 60)) / 60) });
    if (m >= 60) return t("hours", { h: Math.floor(m / 60), m: m % 60 });
    return t("minutes", { m });
  };
}

/** The one clock of an office screen: the countdown and "overdue" are judged at the same instant. */
export function useDeskNow(): Date {
  return useNow({ updateInterval: 30_000 });
}

const DEADLINE_TONE: Record<TDeadlineState["state"], TTone> = { done: "muted", passed: "bad", soon: "warn", ahead: "info" };

/**
 * A key customer's deadline as domain `deadlineState` decides it: a live countdown while the lineman's part is open
 * (warn when near, bad once passed), the deadline itself once the work is done.
 */
export function Deadline({ dueAt, state }: { dueAt: Date; state: TDeadlineState }) {
  const t = useTranslations("desk.deadline");
  const format = useFormatter();
  const duration = useDuration();
  const at = t("at", { time: format.dateTime(dueAt, { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }) });
  const text =
    state.state === "done" ? at : state.state === "passed" ? t("passed", { time: duration(state.minutes) }) : t("left", { time: duration(state.minutes) });
  return (
    <span className="badge" data-tone={DEADLINE_TONE[state.state]} data-testid="deadline" data-state={state.state} title={at}>
      {text}
    </span>
  );
}

/** The facts of an order's urgency the desk shows, whatever shape the row came in. */
export type TDeskFacts = Omit<TUrgencyFacts, "dueAt" | "code"> & { dueAt: Date | string | null; kind: TWorkOrderKind };

/**
 * The badges under an order's number: kind, key customer, the deadline's countdown and "overdue", all judged by the
 * domain at one instant `now` (never the server's verdict beside the browser's countdown).
 */
export function UrgencyBadges({ wo, now }: { wo: TDeskFacts; now: Date }) {
  const t = useTranslations();
  const facts = { ...wo, dueAt: wo.dueAt === null ? null : new Date(wo.dueAt) };
  const deadline = deadlineState(facts, now);
  return (
    <div className="row" style={{ margin: "6px 0" }} data-testid="urgency">
      <span className="badge" data-tone="info">
        {t(`workOrderKind.${wo.kind}`)}
      </span>
      {wo.keyCustomer && (
        <span className="badge" data-tone="bad">
          {t("desk.keyCustomer")}
        </span>
      )}
      {deadline && facts.dueAt && <Deadline dueAt={facts.dueAt} state={deadline} />}
      {isOverdue(facts, now) && (
        <span className="badge" data-tone="bad" data-testid="overdue">
          {t("desk.overdue")}
        </span>
      )}
    </div>
  );
}

/** The order's state in one word, as the desk names it: "awaiting a lineman" rather than "assigned" to nobody. */
export function DeskStateBadge({ status, assignedTo }: { status: TWorkOrderStatus; assignedTo: string | null }) {
  const t = useTranslations("desk.state");
  const state = deskState({ status, assignedTo });
  if (state === "unassigned") {
    return (
      <span className="badge" data-tone="warn" data-status={state}>
        {t("unassigned")}
      </span>
    );
  }
  return <StatusBadge kind="workOrder" status={state} />;
}
