import { ZDateRange } from "@/domain/analysis/schemas";
import { addMonths, daysInMonth, formatIsoDate, parseIsoDate, type TIsoDate } from "@/domain/time/calendar";

/** This month, last month and this year to date, in operator days, for the range picker's quick choices. */
export function quickRanges(today: TIsoDate): { key: "thisMonth" | "lastMonth" | "thisYear"; from: TIsoDate; to: TIsoDate }[] {
  const { y, m } = parseIsoDate(today);
  const last = parseIsoDate(addMonths(formatIsoDate(y, m, 1), -1));
  return [
    { key: "thisMonth", from: formatIsoDate(y, m, 1), to: formatIsoDate(y, m, daysInMonth(y, m)) },
    { key: "lastMonth", from: formatIsoDate(last.y, last.m, 1), to: formatIsoDate(last.y, last.m, daysInMonth(last.y, last.m)) },
    { key: "thisYear", from: formatIsoDate(y, 1, 1), to: formatIsoDate(y, 12, 31) },
  ];
}

/**
 * The subject and range a tool page was asked for (`?subject=&from=&to=`): an unknown subject is the first one, a
 * missing or invalid range is this month (operator days).
 */
export function readRange<S extends string>(
  params: Record<string, string | string[] | undefined>,
  subjects: readonly S[],
  today: TIsoDate,
): { subject: S; from: TIsoDate; to: TIsoDate } {
  const one = (k: string) => (typeof params[k] === "string" ? params[k] : undefined);
  const s = one("subject");
  const subject = subjects.find((x) => x === s) ?? subjects[0]!;
  const range = ZDateRange.safeParse({ from: one("from"), to: one("to") });
  const month = quickRanges(today)[0]!;
  return { subject, ...(range.success ? range.data : { from: month.from, to: month.to }) };
}
