import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { addDays, fromEpochDay, toEpochDay } from "@/domain/time/calendar";
import { isoWeekday, monthPeriod, parsePeriodKey, previousPeriod, sameMonthLastYear, weekPeriod, yearPeriod } from "./periods";

/** ISO week by the textbook (through the JavaScript Date in UTC), to check weekPeriod against. */
function referenceIsoWeek(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  dt.setUTCDate(dt.getUTCDate() - ((dt.getUTCDay() + 6) % 7) + 3); // the Thursday of the week
  const isoYear = dt.getUTCFullYear();
  const week = 1 + Math.floor((dt.getTime() - Date.UTC(isoYear, 0, 1)) / 86_400_000 / 7);
  return `${isoYear}-W${String(week).padStart(2, "0")}`;
}

describe("isoWeekday", () => {
  test.each([
    ["1970-01-01", 4],
    ["1969-12-29", 1],
    ["2026-12-06", 7],
    ["2026-12-07", 1],
    ["2027-01-01", 5],
    ["2000-02-29", 2],
  ])("%s is day %d", (d, n) => expect(isoWeekday(d)).toBe(n));
});

describe("weekPeriod", () => {
  test.each([
    ["2026-12-06", "2026-W49", "2026-11-30", "2026-12-06"],
    ["2026-12-31", "2026-W53", "2026-12-28", "2027-01-03"],
    ["2027-01-01", "2026-W53", "2026-12-28", "2027-01-03"],
    ["2027-01-03", "2026-W53", "2026-12-28", "2027-01-03"],
    ["2027-01-04", "2027-W01", "2027-01-04", "2027-01-10"],
    ["2020-12-31", "2020-W53", "2020-12-28", "2021-01-03"],
    ["2021-01-03", "2020-W53", "2020-12-28", "2021-01-03"],
    ["2025-12-29", "2026-W01", "2025-12-29", "2026-01-04"],
    ["2024-12-30", "2025-W01", "2024-12-30", "2025-01-05"],
    ["2026-01-01", "2026-W01", "2025-12-29", "2026-01-04"],
  ])("%s is in %s (%s to %s)", (day, key, from, to) => {
    expect(weekPeriod(day)).toEqual({ kind: "week", key, from, to });
  });
  test("property: the textbook ISO week, Monday to Sunday, holding the day", () => {
    fc.assert(
      fc.property(fc.integer({ min: toEpochDay("2000-01-03"), max: toEpochDay("2100-12-26") }), (n) => {
        const day = fromEpochDay(n);
        const w = weekPeriod(day);
        expect(w.key).toBe(referenceIsoWeek(day));
        expect(isoWeekday(w.from)).toBe(1);
        expect(w.to).toBe(addDays(w.from, 6));
        expect(w.from <= day && day <= w.to).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("monthPeriod and yearPeriod", () => {
  test("whole months, leap Februaries, whole years", () => {
    expect(monthPeriod(2026, 12)).toEqual({ kind: "month", key: "2026-12", from: "2026-12-01", to: "2026-12-31" });
    expect(monthPeriod(2024, 2)).toMatchObject({ key: "2024-02", to: "2024-02-29" });
    expect(monthPeriod(2100, 2)).toMatchObject({ to: "2100-02-28" });
    expect(monthPeriod(2000, 2)).toMatchObject({ to: "2000-02-29" });
    expect(monthPeriod(2026, 4)).toMatchObject({ to: "2026-04-30" });
    expect(yearPeriod(2026)).toEqual({ kind: "year", key: "2026", from: "2026-01-01", to: "2026-12-31" });
  });
});

describe("previousPeriod", () => {
  test("on a Monday: the week that ended the day before", () => {
    expect(previousPeriod("week", "2026-12-07")).toMatchObject({ key: "2026-W49", from: "2026-11-30", to: "2026-12-06" });
    expect(previousPeriod("week", "2027-01-04")).toMatchObject({ key: "2026-W53", from: "2026-12-28", to: "2027-01-03" });
    expect(previousPeriod("week", "2026-01-05")).toMatchObject({ key: "2026-W01", from: "2025-12-29", to: "2026-01-04" });
  });
  test("on another day: still the ISO week before this one", () => {
    expect(previousPeriod("week", "2026-12-10")).toMatchObject({ key: "2026-W49" });
    expect(previousPeriod("week", "2026-12-13")).toMatchObject({ key: "2026-W49" });
  });
  test("on the 1st: the month before, across the year and through February", () => {
    expect(previousPeriod("month", "2027-01-01")).toEqual(monthPeriod(2026, 12));
    expect(previousPeriod("month", "2026-12-01")).toEqual(monthPeriod(2026, 11));
    expect(previousPeriod("month", "2024-03-01")).toMatchObject({ key: "2024-02", from: "2024-02-01", to: "2024-02-29" });
    expect(previousPeriod("month", "2026-03-31")).toMatchObject({ key: "2026-02", to: "2026-02-28" });
  });
  test("property: the previous week ends the day before this week's Monday; the previous month ends the day before the 1st", () => {
    fc.assert(
      fc.property(fc.integer({ min: toEpochDay("2001-01-01"), max: toEpochDay("2099-12-31") }), (n) => {
        const day = fromEpochDay(n);
        expect(previousPeriod("week", day).to).toBe(addDays(weekPeriod(day).from, -1));
        expect(previousPeriod("month", day).to).toBe(addDays(`${day.slice(0, 7)}-01`, -1));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("sameMonthLastYear", () => {
  test("a year earlier, the whole month", () => {
    expect(sameMonthLastYear(monthPeriod(2026, 11))).toEqual(monthPeriod(2025, 11));
    expect(sameMonthLastYear(monthPeriod(2025, 2))).toEqual(monthPeriod(2024, 2));
    expect(sameMonthLastYear(monthPeriod(2024, 2))).toMatchObject({ to: "2023-02-28" });
  });
});

describe("parsePeriodKey", () => {
  test("years, months, weeks", () => {
    expect(parsePeriodKey("2026")).toEqual(yearPeriod(2026));
    expect(parsePeriodKey("2026-11")).toEqual(monthPeriod(2026, 11));
    expect(parsePeriodKey("2026-W49")).toEqual(weekPeriod("2026-12-06"));
    expect(parsePeriodKey("2026-W53")).toEqual(weekPeriod("2027-01-01"));
    expect(parsePeriodKey("2020-W53")).toMatchObject({ from: "2020-12-28", to: "2021-01-03" });
    expect(parsePeriodKey("2026-W01")).toMatchObject({ from: "2025-12-29", to: "2026-01-04" });
  });
  test.each([
    "2026-13",
    "2026-00",
    "2026-W54",
    "2026-W00",
    "2025-W53",
    "2027-W53",
    "1999",
    "2101",
    "2026-1",
    "2026-W1",
    "2026-w49",
    "26-11",
    "2026-11-01",
    " 2026",
    "",
    "abc",
  ])("%j is not a period", (key) => expect(parsePeriodKey(key)).toBeNull());
  test("property: every week's and month's key parses back to itself", () => {
    fc.assert(
      fc.property(fc.integer({ min: toEpochDay("2000-01-03"), max: toEpochDay("2100-12-26") }), (n) => {
        const day = fromEpochDay(n);
        const w = weekPeriod(day);
        expect(parsePeriodKey(w.key)).toEqual(w);
        const m = monthPeriod(Number(day.slice(0, 4)), Number(day.slice(5, 7)));
        expect(parsePeriodKey(m.key)).toEqual(m);
      }),
      { numRuns: 1000 },
    );
  });
  test("the years with 53 weeks between 2000 and 2100 are exactly those the calendar gives", () => {
    for (let y = 2000; y <= 2100; y++) {
      const has53 = referenceIsoWeek(`${y}-12-28`) === `${y}-W53`;
      expect(parsePeriodKey(`${y}-W53`) !== null, String(y)).toBe(has53);
    }
  });
});
