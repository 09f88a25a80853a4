import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { fromEpochDay } from "./calendar";
import {
  formatOperatorDate,
  formatOperatorDateTime,
  formatOperatorDay,
  formatOperatorTime,
  formatOperatorWhen,
  fromOperatorLocal,
  middayOfOperatorDay,
  OPERATOR_TIME_ZONE,
  operatorDay,
  operatorToday,
  recordTime,
  startOfOperatorDay,
  toOperatorLocal,
} from "./operator";

// 16:00 UTC is midnight in Shanghai: the instants either side of it fall on different operator days.
const BEFORE = "2026-12-02T15:59:59Z"; // 2026-12-02 23:59:59 in Shanghai
const AT = "2026-12-02T16:00:00Z"; // 2026-12-03 00:00:00
const EVENING_UTC = "2026-12-02T18:30:00Z"; // 2026-12-03 02:30, the day the PDF printed as 12-02

describe("the operator's day (Asia/Shanghai)", () => {
  test("is the zone the whole app uses", () => {
    expect(OPERATOR_TIME_ZONE).toBe("Asia/Shanghai");
  });

  test("turns over at 16:00 UTC, not at UTC midnight", () => {
    expect(operatorDay(BEFORE)).toBe("2026-12-02");
    expect(operatorDay(AT)).toBe("2026-12-03");
    expect(operatorDay(new Date(EVENING_UTC))).toBe("2026-12-03");
    expect(operatorDay(Date.parse("2026-12-03T15:59:59.999Z"))).toBe("2026-12-03");
    expect(operatorToday(new Date(EVENING_UTC))).toBe("2026-12-03");
    // across a year and a leap day
    expect(operatorDay("2026-12-31T16:00:00Z")).toBe("2027-01-01");
    expect(operatorDay("2028-02-28T16:00:00Z")).toBe("2028-02-29");
  });

  test("does not depend on the machine's own zone (the instant's offset is all that counts)", () => {
    expect(operatorDay("2026-12-03T00:30:00+08:00")).toBe("2026-12-03");
    expect(operatorDay("2026-12-02T10:30:00-08:00")).toBe("2026-12-03");
  });

  test("begins at 00:00 in Shanghai", () => {
    expect(startOfOperatorDay("2026-12-03").toISOString()).toBe("2026-12-02T16:00:00.000Z");
    expect(() => startOfOperatorDay("2026-02-30")).toThrow(RangeError);
  });

  test("wall-clock times typed in the operator's zone round-trip", () => {
    expect(toOperatorLocal(AT)).toBe("2026-12-03T00:00");
    expect(toOperatorLocal(BEFORE)).toBe("2026-12-02T23:59");
    expect(fromOperatorLocal("2026-12-03T00:00")?.toISOString()).toBe(AT.replace("Z", ".000Z"));
    expect(fromOperatorLocal("2026-02-30T10:00")).toBeNull();
    expect(fromOperatorLocal("tomorrow")).toBeNull();
  });

  test("refuses what is not an instant", () => {
    expect(() => operatorDay("yesterday")).toThrow(RangeError);
    expect(() => recordTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("records (PDF, CSV) print the operator's day and time, locale-free", () => {
  test("to the second, or the minute", () => {
    expect(recordTime(BEFORE)).toBe("2026-12-02 23:59:59");
    expect(recordTime(AT)).toBe("2026-12-03 00:00:00");
    expect(recordTime(new Date(EVENING_UTC), { seconds: false })).toBe("2026-12-03 02:30");
  });
});

describe("people read dates in their language, always in the operator's zone", () => {
  test("dates", () => {
    expect(formatOperatorDate(EVENING_UTC, "zh-CN")).toBe("2026/12/03");
    expect(formatOperatorDate(EVENING_UTC, "en")).toBe("12/03/2026");
    expect(formatOperatorDate(BEFORE, "zh-CN")).toBe("2026/12/02");
    expect(formatOperatorDay("2026-12-03", "zh-CN")).toBe("2026/12/03");
    expect(formatOperatorDay("2026-12-03", "en")).toBe("12/03/2026");
  });

  test("times are 24-hour; date-times always carry the date", () => {
    expect(formatOperatorTime(AT, "zh-CN")).toBe("00:00");
    expect(formatOperatorTime(EVENING_UTC, "en")).toBe("02:30");
    expect(formatOperatorDateTime(EVENING_UTC, "zh-CN")).toBe("2026/12/03 02:30");
    expect(formatOperatorDateTime(BEFORE, "en")).toBe("12/02/2026 23:59");
  });

  test("a phone's 'when': the time alone on the operator's today, with the day otherwise", () => {
    const now = "2026-12-03T01:00:00Z"; // 09:00 on 12-03 in Shanghai
    expect(formatOperatorWhen(AT, now, "zh-CN")).toBe("00:00");
    expect(formatOperatorWhen(BEFORE, now, "zh-CN")).toBe("12/2 23:59");
    expect(formatOperatorWhen(BEFORE, now, "en")).toBe("12/2, 23:59");
  });
});

// Moved from calendar.test.ts with domain/instruments/dates.ts's localDateOf (issue 12: one operator-day function).
describe("the operator's day (Asia/Shanghai, UTC+8), across years", () => {
  test("an instant late in the UTC day is already the next day in Shanghai", () => {
    expect(operatorDay("2025-12-31T15:59:59.999Z")).toBe("2025-12-31");
    expect(operatorDay("2025-12-31T16:00:00Z")).toBe("2026-01-01");
    expect(operatorDay("2024-02-28T16:00:00Z")).toBe("2024-02-29");
    expect(operatorDay("2024-02-29T16:00:00Z")).toBe("2024-03-01");
  });

  test("offsets in the instant are honoured", () => {
    expect(operatorDay("2026-03-01T07:30:00+08:00")).toBe("2026-03-01");
    expect(operatorDay("2026-03-01T00:30:00+09:00")).toBe("2026-02-28");
    expect(operatorDay(new Date("2026-03-01T00:30:00Z"))).toBe("2026-03-01");
    expect(operatorToday(new Date("2026-06-30T20:00:00Z"))).toBe("2026-07-01");
  });

  test("the result does not depend on the machine's own time zone (every instant of a day maps to one day)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_399_999 }), fc.integer({ min: 10_000, max: 40_000 }), (ms, day) => {
        // Shanghai midnight is 16:00 UTC of the previous day.
        const start = (day - 1) * 86_400_000 + 16 * 3_600_000;
        expect(operatorDay(start + ms)).toBe(fromEpochDay(day));
      }),
    );
  });

  test("the fixed UTC+8 agrees with the time-zone database for Asia/Shanghai (no daylight saving since 1991)", () => {
    const zoneDb = new Intl.DateTimeFormat("en-CA", {
      timeZone: OPERATOR_TIME_ZONE,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    const wall = (ms: number) => {
      const p = Object.fromEntries(zoneDb.formatToParts(ms).map((x) => [x.type, x.value]));
      return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
    };
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(toOperatorLocal(ms)).toBe(wall(ms));
        expect(operatorDay(ms)).toBe(wall(ms).slice(0, 10));
      }),
    );
  });

  test("noon of a day stays on that day", () => {
    expect(middayOfOperatorDay("2026-12-03").toISOString()).toBe("2026-12-03T04:00:00.000Z");
  });

  test("not an instant: refused loudly", () => {
    expect(() => operatorDay("yesterday")).toThrow(RangeError);
  });
});
