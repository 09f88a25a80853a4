import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { addDays, addMonths, addYears, daysBetween, daysInMonth, fromEpochDay, isIsoDate, isLeapYear, toEpochDay } from "./calendar";

describe("calendar days", () => {
  test("leap years: every 4th, not centuries, but every 400th", () => {
    expect([1900, 2000, 2023, 2024, 2100, 2400].map(isLeapYear)).toEqual([false, true, false, true, false, true]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2025, m))).toEqual([31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
  });

  test("only real days in YYYY-MM-DD are ISO dates", () => {
    for (const good of ["2024-02-29", "2000-02-29", "2025-12-31", "2025-01-01"]) expect(isIsoDate(good)).toBe(true);
    for (const bad of [
      "2023-02-29",
      "2100-02-29",
      "2025-04-31",
      "2025-13-01",
      "2025-00-10",
      "2025-1-01",
      "2025-01-1",
      "20250101",
      "2025-01-01T00:00",
      " 2025-01-01",
      "",
      null,
      20250101,
    ]) {
      expect(isIsoDate(bad)).toBe(false);
    }
  });

  test("epoch days agree with the UTC calendar in both directions", () => {
    expect(toEpochDay("1970-01-01")).toBe(0);
    expect(toEpochDay("2000-03-01")).toBe(11_017);
    expect(fromEpochDay(-1)).toBe("1969-12-31");
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (day) => {
        const iso = fromEpochDay(day);
        expect(isIsoDate(iso)).toBe(true);
        expect(toEpochDay(iso)).toBe(day);
        expect(iso).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });

  test("adding days crosses months, years and leap days", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-02-29", 1)).toBe("2024-03-01");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(daysBetween("2024-02-01", "2024-03-01")).toBe(29);
    expect(daysBetween("2023-02-01", "2023-03-01")).toBe(28);
    expect(daysBetween("2026-03-01", "2026-02-01")).toBe(-28);
  });

  test("adding months clamps to the month's last day", () => {
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2025-03-31", 1)).toBe("2025-04-30");
    expect(addMonths("2025-08-31", 1)).toBe("2025-09-30");
    expect(addMonths("2025-12-15", 1)).toBe("2026-01-15");
    expect(addMonths("2025-12-31", 2)).toBe("2026-02-28");
    expect(addMonths("2025-03-31", -1)).toBe("2025-02-28");
    expect(addMonths("2025-01-15", -1)).toBe("2024-12-15");
    expect(addMonths("2025-02-28", 1)).toBe("2025-03-28");
  });

  test("leap day plus whole years: Feb 28 in common years, Feb 29 in leap years", () => {
    expect(addMonths("2024-02-29", 24)).toBe("2026-02-28");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonths("2024-02-29", 48)).toBe("2028-02-29");
    expect(addYears("2096-02-29", 4)).toBe("2100-02-28");
    expect(addYears("2020-02-29", 8)).toBe("2028-02-29");
  });

  test("adding months: never overflows into the next month, keeps the day when it exists", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: -60, max: 60 }), (day, months) => {
        const from = fromEpochDay(day);
        const to = addMonths(from, months);
        const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
        const [ty, tm, td] = to.split("-").map(Number) as [number, number, number];
        expect(ty * 12 + tm - 1 - (fy * 12 + fm - 1)).toBe(months);
        expect(td).toBe(Math.min(fd, daysInMonth(ty, tm)));
      }),
    );
    expect(() => addMonths("2025-01-01", 1.5)).toThrow(RangeError);
    expect(() => addMonths("2025-02-30", 1)).toThrow(RangeError);
  });
});
