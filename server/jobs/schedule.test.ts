import { describe, expect, it } from "vitest";
import { OPERATOR_TIME_ZONE } from "@/domain/time/operator";
import { previewSchedule } from "./send";

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe("schedules are read in the operator's zone (Asia/Shanghai, UTC+8, no DST)", () => {
  it("is the zone domain/time names", () => {
    expect(OPERATOR_TIME_ZONE).toBe("Asia/Shanghai");
  });

  it("every day at 08:00 Shanghai is midnight UTC", () => {
    expect(iso(previewSchedule("0 8 * * *", { from: new Date("2027-01-15T12:00:00Z") }))).toEqual([
      "2027-01-16T00:00:00.000Z",
      "2027-01-17T00:00:00.000Z",
      "2027-01-18T00:00:00.000Z",
    ]);
  });

  it("the 1st of every month at 08:00 Shanghai, across the year's end", () => {
    expect(iso(previewSchedule("0 8 1 * *", { from: new Date("2026-11-20T00:00:00Z"), count: 4 }))).toEqual([
      "2026-12-01T00:00:00.000Z",
      "2027-01-01T00:00:00.000Z",
      "2027-02-01T00:00:00.000Z",
      "2027-03-01T00:00:00.000Z",
    ]);
  });

  it("07:00 Shanghai on the 1st is 23:00 UTC on the last day of the month before (what a UTC-only cron cannot say)", () => {
    expect(iso(previewSchedule("0 7 1 * *", { from: new Date("2027-02-10T00:00:00Z"), count: 2 }))).toEqual([
      "2027-02-28T23:00:00.000Z",
      "2027-03-31T23:00:00.000Z",
    ]);
  });

  it("17:00 on working days skips the weekend (Friday 2027-01-15 → Monday)", () => {
    expect(iso(previewSchedule("0 17 * * 1-5", { from: new Date("2027-01-15T10:00:00Z"), count: 2 }))).toEqual([
      "2027-01-18T09:00:00.000Z",
      "2027-01-19T09:00:00.000Z",
    ]);
  });

  it("a run just past Shanghai's midnight belongs to the next Shanghai day", () => {
    // 2027-01-15T16:30Z is 00:30 on the 16th in Shanghai: the next 08:00 is the 16th's
    expect(iso(previewSchedule("0 8 * * *", { from: new Date("2027-01-15T16:30:00Z"), count: 1 }))).toEqual(["2027-01-16T00:00:00.000Z"]);
  });

  it("refuses an expression it cannot read", () => {
    expect(() => previewSchedule("every morning")).toThrow();
  });
});
