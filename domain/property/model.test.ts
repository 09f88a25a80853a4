import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { addDays } from "@/domain/time/calendar";
import { LICENSE_CHECK_RESULTS } from "@/domain/work-orders/equipment";
import {
  CASE_STATUSES,
  DEFAULT_RECTIFY_DAYS,
  MAINTENANCE_STATUSES,
  MAX_RECTIFY_DAYS,
  MAX_SCHEDULE_DAYS,
  agreementCovers,
  applicationLicenseRefusal,
  defaultLetterDeadline,
  letterDaysLeft,
  letterDeadlineValid,
  letterOverdue,
  mayConnect,
  phoneDigits,
  scheduleDateValid,
} from "./model";

describe("dates: letters and rounds", () => {
  test("the limits (ADR 0039 §7)", () => {
    expect(DEFAULT_RECTIFY_DAYS).toBe(30);
    expect(MAX_RECTIFY_DAYS).toBe(180);
    expect(MAX_SCHEDULE_DAYS).toBe(180);
  });

  /** [today, the day before, +1, +30, +180, +181], computed outside this code base (Python's datetime). */
  const DAYS: [string, string, string, string, string, string][] = [
    ["2026-08-15", "2026-08-14", "2026-08-16", "2026-09-14", "2027-02-11", "2027-02-12"],
    ["2026-01-31", "2026-01-30", "2026-02-01", "2026-03-02", "2026-07-30", "2026-07-31"],
    ["2026-12-31", "2026-12-30", "2027-01-01", "2027-01-30", "2027-06-29", "2027-06-30"],
    ["2027-02-28", "2027-02-27", "2027-03-01", "2027-03-30", "2027-08-27", "2027-08-28"],
    ["2028-02-28", "2028-02-27", "2028-02-29", "2028-03-29", "2028-08-26", "2028-08-27"],
    ["2028-12-31", "2028-12-30", "2029-01-01", "2029-01-30", "2029-06-29", "2029-06-30"],
  ];

  test.each(DAYS)("letter deadline from %s: after today, at most 180 days", (today, before, next, d30, d180, d181) => {
    expect(letterDeadlineValid(before, today)).toBe(false);
    expect(letterDeadlineValid(today, today)).toBe(false);
    expect(letterDeadlineValid(next, today)).toBe(true);
    expect(letterDeadlineValid(d30, today)).toBe(true);
    expect(letterDeadlineValid(d180, today)).toBe(true);
    expect(letterDeadlineValid(d181, today)).toBe(false);
    expect(defaultLetterDeadline(today)).toBe(d30);
    expect(letterDeadlineValid(defaultLetterDeadline(today), today)).toBe(true);
  });

  test.each(DAYS)("round date from %s: today or later, at most 180 days", (today, before, next, d30, d180, d181) => {
    expect(scheduleDateValid(before, today)).toBe(false);
    expect(scheduleDateValid(today, today)).toBe(true);
    expect(scheduleDateValid(next, today)).toBe(true);
    expect(scheduleDateValid(d30, today)).toBe(true);
    expect(scheduleDateValid(d180, today)).toBe(true);
    expect(scheduleDateValid(d181, today)).toBe(false);
  });

  test.each(DAYS)("days left from %s", (today, before, next, d30, d180, d181) => {
    expect([before, today, next, d30, d180, d181].map((d) => letterDaysLeft(d, today))).toEqual([-1, 0, 1, 30, 180, 181]);
  });

  test("leap days: 29 February counts (2028), and a deadline on it", () => {
    expect(letterDaysLeft("2028-03-01", "2028-02-28")).toBe(2);
    expect(letterDaysLeft("2027-03-01", "2027-02-28")).toBe(1);
    expect(letterDaysLeft("2029-03-01", "2028-02-28")).toBe(367);
    expect(letterDeadlineValid("2028-02-29", "2028-02-28")).toBe(true);
    expect(letterOverdue({ deadline: "2028-02-29", rectifiedAt: null }, "2028-02-29")).toBe(false);
    expect(letterOverdue({ deadline: "2028-02-29", rectifiedAt: null }, "2028-03-01")).toBe(true);
  });

  test.each([
    ["before the deadline", "2026-12-30", null, false],
    ["on the deadline day", "2026-12-31", null, false],
    ["the day after", "2027-01-01", null, true],
    ["long after", "2027-06-01", null, true],
    ["the day after, rectification reported", "2027-01-01", "2026-12-20T08:00:00Z", false],
    ["reported late (after the deadline), no longer overdue", "2027-02-01", "2027-01-15T08:00:00Z", false],
  ] as const)("letterOverdue (deadline 2026-12-31): %s", (_what, today, rectifiedAt, overdue) => {
    expect(letterOverdue({ deadline: "2026-12-31", rectifiedAt }, today)).toBe(overdue);
  });

  test("property: overdue iff not rectified and days left is negative; validity matches the day counts", () => {
    const arbDay = fc.integer({ min: 0, max: 365 * 60 }).map((n) => addDays("2000-01-01", n));
    fc.assert(
      fc.property(arbDay, fc.integer({ min: -400, max: 400 }), fc.boolean(), (today, offset, rectified) => {
        const deadline = addDays(today, offset);
        expect(letterDaysLeft(deadline, today)).toBe(offset);
        expect(letterOverdue({ deadline, rectifiedAt: rectified ? "2026-01-01T00:00:00Z" : null }, today)).toBe(!rectified && offset < 0);
        expect(letterDeadlineValid(deadline, today)).toBe(offset >= 1 && offset <= 180);
        expect(scheduleDateValid(deadline, today)).toBe(offset >= 0 && offset <= 180);
      }),
    );
  });
});

describe("certificates, connection, agreements, phones", () => {
  test("applicationLicenseRefusal for every verdict of the registry", () => {
    expect([...LICENSE_CHECK_RESULTS]).toEqual(["valid", "expired", "unknown", "model_mismatch"]);
    expect(LICENSE_CHECK_RESULTS.map((v) => [v, applicationLicenseRefusal(v)])).toEqual([
      ["valid", null],
      ["expired", "license_expired"],
      ["unknown", "license_unknown"],
      ["model_mismatch", "license_model_mismatch"],
    ]);
  });

  test("mayConnect: only a passed case (and the connected one, for a re-sent check)", () => {
    expect(CASE_STATUSES.filter(mayConnect)).toEqual(["passed", "connected"]);
  });

  describe("agreementCovers", () => {
    const a = { status: "active", startsOn: "2026-02-28", endsOn: "2028-02-29" } as const;
    test.each([
      ["the day before it starts", "2026-02-27", false],
      ["the first day", "2026-02-28", true],
      ["in between, over a year end", "2027-01-01", true],
      ["the day before the last", "2028-02-28", true],
      ["the last day (a leap day)", "2028-02-29", true],
      ["the day after", "2028-03-01", false],
    ] as const)("active, %s → %s", (_what, day, covered) => {
      expect(agreementCovers(a, day)).toBe(covered);
    });

    test("ended or cancelled covers nothing; a one-day agreement covers that day", () => {
      expect(MAINTENANCE_STATUSES.map((status) => agreementCovers({ ...a, status }, "2027-01-01"))).toEqual([true, false, false]);
      expect(agreementCovers({ status: "active", startsOn: "2026-12-31", endsOn: "2026-12-31" }, "2026-12-31")).toBe(true);
      expect(agreementCovers({ status: "active", startsOn: "2026-12-31", endsOn: "2026-12-31" }, "2027-01-01")).toBe(false);
    });

    test("property: covered iff active and start ≤ day ≤ end (by day count)", () => {
      const arbOffset = fc.integer({ min: 0, max: 3000 });
      fc.assert(
        fc.property(arbOffset, arbOffset, arbOffset, fc.constantFrom(...MAINTENANCE_STATUSES), (s, len, d, status) => {
          const startsOn = addDays("2025-01-01", s);
          const endsOn = addDays(startsOn, len);
          const day = addDays("2025-01-01", d);
          expect(agreementCovers({ status, startsOn, endsOn }, day)).toBe(status === "active" && d >= s && d <= s + len);
        }),
      );
    });
  });

  test.each([
    ["0571-88881234", "057188881234"],
    ["(0571) 8888 1234", "057188881234"],
    ["+86 138-0013-8000", "8613800138000"],
    ["13800138000", "13800138000"],
    ["", ""],
    ["no digits", ""],
    ["电话：13800138000（王先生）", "13800138000"],
    // only ASCII digits count (the phone field accepts no others): full-width digits are not matched
    ["１３８００１３８０００", ""],
  ])("phoneDigits(%j) = %j", (phone, digits) => {
    expect(phoneDigits(phone)).toBe(digits);
  });

  test("property: phoneDigits keeps the ASCII digits in order and is idempotent", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const d = phoneDigits(s);
        expect(d).toMatch(/^[0-9]*$/);
        expect(phoneDigits(d)).toBe(d);
        expect(d).toBe(s.replace(/[^0-9]/g, ""));
      }),
    );
  });
});
