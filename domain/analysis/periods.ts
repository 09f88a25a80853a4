import { addDays, addMonths, daysInMonth, formatIsoDate, parseIsoDate, toEpochDay, type TIsoDate } from "@/domain/time/calendar";

/**
 * Report periods in operator days (Asia/Shanghai, domain/time): an ISO week (Monday–Sunday) and a calendar month,
 * each as [from, to] inclusive. A weekly report made on Monday 08:00 covers the week that ended the day before; the
 * monthly one made on the 1st at 08:00 covers the month before.
 */
export type TPeriodKind = "week" | "month" | "year";

export interface TPeriod {
  kind: TPeriodKind;
  /** 2026-W49, 2026-11, 2026 */
  key: string;
  from: TIsoDate;
  to: TIsoDate;
}

export function monthPeriod(year: number, month: number): TPeriod {
  return {
    kind: "month",
    key: `${year}-${String(month).padStart(2, "0")}`,
    from: formatIsoDate(year, month, 1),
    to: formatIsoDate(year, month, daysInMonth(year, month)),
  };
}

export function yearPeriod(year: number): TPeriod {
  return { kind: "year", key: String(year), from: formatIsoDate(year, 1, 1), to: formatIsoDate(year, 12, 31) };
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: TIsoDate): number {
  // 1970-01-01 was a Thursday
  return ((((toEpochDay(day) + 3) % 7) + 7) % 7) + 1;
}

/** The ISO week holding `day`: Monday to Sunday, keyed by the ISO week-numbering year. */
export function weekPeriod(day: TIsoDate): TPeriod {
  const from = addDays(day, 1 - isoWeekday(day));
  const thursday = addDays(from, 3);
  const isoYear = parseIsoDate(thursday).y;
  const week = Math.floor((toEpochDay(thursday) - toEpochDay(formatIsoDate(isoYear, 1, 1))) / 7) + 1;
  return { kind: "week", key: `${isoYear}-W${String(week).padStart(2, "0")}`, from, to: addDays(from, 6) };
}

/** The period a scheduled report made on `today` covers: the week before (made on Monday) or the month before (made on the 1st). */
export function previousPeriod(kind: "week" | "month", today: TIsoDate): TPeriod {
  if (kind === "week") return weekPeriod(addDays(today, -7));
  const { y, m } = parseIsoDate(addMonths(formatIsoDate(parseIsoDate(today).y, parseIsoDate(today).m, 1), -1));
  return monthPeriod(y, m);
}

/** The same period a year earlier (year-on-year trend). */
export function sameMonthLastYear(p: TPeriod): TPeriod {
  const { y, m } = parseIsoDate(p.from);
  return monthPeriod(y - 1, m);
}

const KEY = /^(\d{4})(?:-(\d{2})|-W(\d{2}))?$/;

/** Parses a period key (2026, 2026-11, 2026-W49); null when it is not one. */
export function parsePeriodKey(key: string): TPeriod | null {
  const m = KEY.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  if (m[2]) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? monthPeriod(year, month) : null;
  }
  if (m[3]) {
    const week = Number(m[3]);
    const jan4 = formatIsoDate(year, 1, 4);
    const p = weekPeriod(addDays(weekPeriod(jan4).from, (week - 1) * 7));
    return week >= 1 && p.key === `${year}-W${m[3]}` ? p : null;
  }
  return yearPeriod(year);
}
