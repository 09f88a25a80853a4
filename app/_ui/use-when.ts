"use client";
import { useLocale, useNow } from "next-intl";
import { formatOperatorDateTime, formatOperatorWhen } from "@/domain/time/operator";

const instant = (iso: string | Date | null | undefined): Date | null => {
  if (!iso) return null;
  const d = typeof iso === "string" ? new Date(iso) : iso;
  return Number.isNaN(d.getTime()) ? null : d;
};

/** A time as people read it on a phone: "10:42" today, "5/3 10:42" on another day (24-hour), in the operator's zone. */
export function useWhen(): (iso: string | Date | null | undefined) => string {
  const locale = useLocale();
  const now = useNow({ updateInterval: 60_000 });
  return (iso) => {
    const d = instant(iso);
    return d ? formatOperatorWhen(d, now, locale) : "";
  };
}

/** Always the date and the time ("2026/12/03 10:42"), for what is read days later (Needs attention). */
export function useDateTime(): (iso: string | Date | null | undefined) => string {
  const locale = useLocale();
  return (iso) => {
    const d = instant(iso);
    return d ? formatOperatorDateTime(d, locale) : "";
  };
}
