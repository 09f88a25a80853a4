"use client";
import { useFormatter, useNow } from "next-intl";

/** A time as people read it on a phone: "10:42" today, "5/3 10:42" on another day (24-hour), in the app's time zone. */
export function useWhen(): (iso: string | Date | null | undefined) => string {
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const today = format.dateTime(now, { year: "numeric", month: "numeric", day: "numeric" });
  return (iso) => {
    if (!iso) return "";
    const d = typeof iso === "string" ? new Date(iso) : iso;
    if (Number.isNaN(d.getTime())) return "";
    const sameDay = format.dateTime(d, { year: "numeric", month: "numeric", day: "numeric" }) === today;
    return sameDay
      ? format.dateTime(d, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      : format.dateTime(d, { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  };
}
