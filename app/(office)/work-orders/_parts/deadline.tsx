"use client";
import { useFormatter, useNow, useTranslations } from "next-intl";
import type { TTone } from "@/app/_ui/status-badge";
import { minutesLeft } from "@/domain/work-orders/desk";
import { isOpenWorkOrder, type TWorkOrderStatus } from "@/domain/work-orders/status";

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

/**
 * A key customer's deadline: a live countdown while the lineman's part is open (warn under two hours, bad once
 * passed), the deadline itself once the work is done.
 */
export function Deadline({ dueAt, status }: { dueAt: Date | string; status: TWorkOrderStatus }) {
  const t = useTranslations("desk.deadline");
  const format = useFormatter();
  const now = useNow({ updateInterval: 30_000 });
  const duration = useDuration();
  const due = new Date(dueAt);
  const at = format.dateTime(due, { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  if (!isOpenWorkOrder(status)) {
    return (
      <span className="badge" data-tone="muted" data-testid="deadline">
        {t("at", { time: at })}
      </span>
    );
  }
  const left = minutesLeft(due, now);
  const tone: TTone = left < 0 ? "bad" : left < 120 ? "warn" : "info";
  return (
    <span className="badge" data-tone={tone} data-testid="deadline" title={t("at", { time: at })}>
      {left < 0 ? t("passed", { time: duration(left) }) : t("left", { time: duration(left) })}
    </span>
  );
}
