import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { addDays } from "@/domain/time/calendar";
import { operatorDay, toOperatorLocal } from "@/domain/time/operator";
import {
  DEADLINE_SOON_MINUTES,
  DEFAULT_POLICY,
  LIMIT_UNITS,
  MAX_LIMIT,
  TIERS,
  answeredOnTime,
  complaintDeadlineState,
  deadlineFrom,
  isComplaintOverdue,
  isValidLimit,
  policyProblems,
  splitMinutes,
  tierOf,
  type TLimit,
  type TPolicyLimits,
} from "./deadlines";
import { AWAITING_REPLY, COMPLAINT_STATUSES, REQUEST_TYPES, type TComplaintStatus } from "./model";

const H = 3_600_000;
const M = 60_000;
const at = (iso: string) => new Date(iso);
const hours = (value: number): TLimit => ({ unit: "hours", value });
const days = (value: number): TLimit => ({ unit: "days", value });
const due = (received: string, l: TLimit) => deadlineFrom(at(received), l).toISOString();

describe("limits", () => {
  test("units, tiers and ranges", () => {
    expect([...LIMIT_UNITS]).toEqual(["hours", "days"]);
    expect([...TIERS]).toEqual(["key", "standard"]);
    expect(MAX_LIMIT).toEqual({ hours: 720, days: 60 });
    expect(tierOf(true)).toBe("key");
    expect(tierOf(false)).toBe("standard");
  });

  test.each([hours(1), hours(24), hours(720), days(0), days(1), days(60)])("%j is valid", (l) => {
    expect(isValidLimit(l)).toBe(true);
  });

  test.each([
    hours(0),
    hours(-1),
    hours(721),
    hours(1.5),
    hours(Number.NaN),
    hours(Number.POSITIVE_INFINITY),
    days(-1),
    days(61),
    days(0.5),
    days(Number.NaN),
    { unit: "weeks", value: 1 } as unknown as TLimit,
    { unit: "minutes", value: 30 } as unknown as TLimit,
  ])("%j is not valid, and deadlineFrom throws on it", (l) => {
    expect(isValidLimit(l)).toBe(false);
    expect(() => deadlineFrom(at("2026-03-10T02:00:00Z"), l)).toThrow(RangeError);
  });

  test("deadlineFrom throws on an invalid instant, for either unit", () => {
    expect(() => deadlineFrom(new Date(Number.NaN), hours(4))).toThrow(RangeError);
    expect(() => deadlineFrom(new Date(Number.NaN), days(1))).toThrow(RangeError);
  });
});

describe("deadlineFrom in hours: exactly so many hours later, whatever the day", () => {
  test.each([
    ["2026-03-10T02:00:00Z", 4, "2026-03-10T06:00:00.000Z"],
    // 23:30 in Shanghai: 4 h later is 03:30 the next Shanghai day, the same UTC date
    ["2026-03-10T15:30:00Z", 4, "2026-03-10T19:30:00.000Z"],
    // across month ends
    ["2026-01-31T20:00:00Z", 24, "2026-02-01T20:00:00.000Z"],
    ["2026-04-30T12:00:00Z", 8, "2026-04-30T20:00:00.000Z"], // 20:00 Apr 30 → 04:00 May 1 in Shanghai
    ["2026-02-28T10:00:00Z", 24, "2026-03-01T10:00:00.000Z"],
    ["2028-02-28T10:00:00Z", 24, "2028-02-29T10:00:00.000Z"],
    ["2026-02-01T00:00:00Z", 720, "2026-03-03T00:00:00.000Z"],
    ["2028-02-01T00:00:00Z", 720, "2028-03-02T00:00:00.000Z"],
    // across a year end
    ["2026-12-31T14:00:00Z", 4, "2026-12-31T18:00:00.000Z"],
    ["2026-12-31T23:00:00Z", 1, "2027-01-01T00:00:00.000Z"],
  ])("%s + %i h = %s", (received, value, expected) => {
    expect(due(received, hours(value))).toBe(expected);
  });

  test("property: the deadline is value hours after receipt, to the millisecond", () => {
    fc.assert(
      fc.property(
        fc.date({ min: at("2020-01-01T00:00:00Z"), max: at("2099-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: 1, max: 720 }),
        (received, value) => {
          expect(deadlineFrom(received, hours(value)).getTime() - received.getTime()).toBe(value * H);
        },
      ),
    );
  });
});

describe("deadlineFrom in operator days: the start of the operator's day `value + 1` days after the day of receipt", () => {
  test.each([
    // received 23:30 in Shanghai (15:30 UTC): "0 days" ends at 00:00 the next Shanghai day = 16:00 UTC the same UTC date
    ["2026-03-10T15:30:00Z", 0, "2026-03-10T16:00:00.000Z"],
    ["2026-03-10T15:30:00Z", 1, "2026-03-11T16:00:00.000Z"],
    // received 00:30 in Shanghai on the 11th (16:30 UTC on the 10th): its day is the 11th
    ["2026-03-10T16:30:00Z", 0, "2026-03-11T16:00:00.000Z"],
    // exactly at 00:00 in Shanghai: that day is the day of receipt, a whole day to go
    ["2026-03-10T16:00:00Z", 0, "2026-03-11T16:00:00.000Z"],
    // the last millisecond of a Shanghai day: one millisecond to go
    ["2026-03-10T15:59:59.999Z", 0, "2026-03-10T16:00:00.000Z"],
    // Jan 31 → February
    ["2026-01-31T02:00:00Z", 0, "2026-01-31T16:00:00.000Z"],
    ["2026-01-31T15:30:00Z", 1, "2026-02-01T16:00:00.000Z"],
    // Jan 31 in UTC but already Feb 1 in Shanghai
    ["2026-01-31T18:00:00Z", 0, "2026-02-01T16:00:00.000Z"],
    // Feb 28 in a non-leap year → March 1
    ["2026-02-28T04:00:00Z", 0, "2026-02-28T16:00:00.000Z"],
    ["2026-02-28T04:00:00Z", 1, "2026-03-01T16:00:00.000Z"],
    ["2100-02-28T04:00:00Z", 0, "2100-02-28T16:00:00.000Z"], // 2100 is not a leap year
    // Feb 28 and 29 in a leap year
    ["2028-02-28T04:00:00Z", 0, "2028-02-28T16:00:00.000Z"], // ends as Feb 29 begins
    ["2028-02-28T04:00:00Z", 1, "2028-02-29T16:00:00.000Z"], // ends as Mar 1 begins
    ["2028-02-29T04:00:00Z", 0, "2028-02-29T16:00:00.000Z"],
    ["2028-02-28T15:30:00Z", 0, "2028-02-28T16:00:00.000Z"],
    // Dec 31 → next year
    ["2026-12-31T15:30:00Z", 0, "2026-12-31T16:00:00.000Z"],
    ["2026-12-31T15:30:00Z", 2, "2027-01-02T16:00:00.000Z"],
    ["2026-12-31T16:30:00Z", 0, "2027-01-01T16:00:00.000Z"], // already Jan 1 in Shanghai
    // the longest limit
    ["2026-01-01T02:00:00Z", 60, "2026-03-02T16:00:00.000Z"],
  ])("%s + %i operator days = %s", (received, value, expected) => {
    expect(due(received, days(value))).toBe(expected);
  });

  test("the deadline reads 00:00 in Shanghai on the expected operator day", () => {
    expect(toOperatorLocal(deadlineFrom(at("2026-03-10T15:30:00Z"), days(0)))).toBe("2026-03-11T00:00");
    expect(toOperatorLocal(deadlineFrom(at("2028-02-28T04:00:00Z"), days(1)))).toBe("2028-03-01T00:00");
    expect(toOperatorLocal(deadlineFrom(at("2026-12-31T15:30:00Z"), days(0)))).toBe("2027-01-01T00:00");
  });

  test("property: a Shanghai midnight, on the right operator day, after receipt by more than value and at most value + 1 days", () => {
    fc.assert(
      fc.property(
        fc.date({ min: at("2020-01-01T00:00:00Z"), max: at("2099-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: 0, max: 60 }),
        (received, value) => {
          const d = deadlineFrom(received, days(value));
          expect(d.getTime() % (24 * H)).toBe(16 * H); // 16:00 UTC = 00:00 in Shanghai
          expect(operatorDay(d)).toBe(addDays(operatorDay(received), value + 1));
          const span = d.getTime() - received.getTime();
          expect(span).toBeGreaterThan(value * 24 * H);
          expect(span).toBeLessThanOrEqual((value + 1) * 24 * H);
        },
      ),
    );
  });

  test("property: a longer limit never gives an earlier deadline (both units)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: at("2020-01-01T00:00:00Z"), max: at("2099-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom(...LIMIT_UNITS),
        fc.integer({ min: 0, max: 720 }),
        fc.integer({ min: 0, max: 720 }),
        (received, unit, a, b) => {
          const [lo, hi] = [Math.min(a, b), Math.max(a, b)].map((v) => Math.min(Math.max(v, unit === "hours" ? 1 : 0), MAX_LIMIT[unit]));
          expect(deadlineFrom(received, { unit, value: lo! }).getTime()).toBeLessThanOrEqual(deadlineFrom(received, { unit, value: hi! }).getTime());
        },
      ),
    );
  });
});

describe("complaintDeadlineState", () => {
  const DUE = at("2026-03-10T16:00:00Z");
  const open = (status: TComplaintStatus = "investigating") => ({ status, dueAt: DUE, repliedAt: null });
  const now = (offsetMs: number) => new Date(DUE.getTime() + offsetMs);

  test.each([
    [-3 * 24 * H, "ahead", 3 * 24 * 60],
    [-120 * M, "ahead", 120],
    [-120 * M + 1, "ahead", 120], // 119 min 59.999 s left reads "120 min": still ahead, as on the work-order desk
    [-119 * M - 30_000, "ahead", 120],
    [-119 * M, "soon", 119],
    [-M - 1, "soon", 2],
    [-M, "soon", 1],
    [-30_000, "soon", 1], // 30 s left is 1 min left
    [-1, "soon", 1],
    [0, "soon", 0], // exactly at the deadline: not yet passed
    [1, "passed", 1], // 1 ms late is 1 min late
    [30_000, "passed", 1],
    [M, "passed", 1],
    [M + 1, "passed", 2],
    [25 * H, "passed", 25 * 60],
  ] as const)("%i ms after the deadline: %s, %i min", (offset, state, minutes) => {
    for (const status of AWAITING_REPLY) expect(complaintDeadlineState(open(status), now(offset))).toEqual({ state, minutes });
  });

  test("soon is under DEADLINE_SOON_MINUTES (as shown, rounded up)", () => {
    expect(DEADLINE_SOON_MINUTES).toBe(120);
    for (let minutes = 1; minutes <= 130; minutes++) {
      const s = complaintDeadlineState(open(), now(-minutes * M));
      expect(s).toEqual({ state: minutes < DEADLINE_SOON_MINUTES ? "soon" : "ahead", minutes });
    }
  });

  test("done once replied or closed: on time when told by the deadline, equality included", () => {
    for (const status of ["replied", "closed"] as const) {
      for (const n of [-3 * 24 * H, 0, 1, 3 * 24 * H].map(now)) {
        expect(complaintDeadlineState({ status, dueAt: DUE, repliedAt: now(-H) }, n)).toEqual({ state: "done", onTime: true });
        expect(complaintDeadlineState({ status, dueAt: DUE, repliedAt: now(0) }, n)).toEqual({ state: "done", onTime: true });
        expect(complaintDeadlineState({ status, dueAt: DUE, repliedAt: now(1) }, n)).toEqual({ state: "done", onTime: false });
        expect(complaintDeadlineState({ status, dueAt: DUE, repliedAt: null }, n)).toEqual({ state: "done", onTime: false });
      }
    }
  });

  test("a reply time on a record still awaiting its answer (reopened) does not stop the clock", () => {
    expect(complaintDeadlineState({ status: "investigating", dueAt: DUE, repliedAt: now(-H) }, now(M))).toEqual({ state: "passed", minutes: 1 });
  });

  test("property: passed exactly when overdue, never 0 min late, never 0 min left unless exactly due", () => {
    fc.assert(
      fc.property(fc.constantFrom(...COMPLAINT_STATUSES), fc.integer({ min: -10 * 24 * H, max: 10 * 24 * H }), (status, offset) => {
        const c = { status, dueAt: DUE, repliedAt: null };
        const s = complaintDeadlineState(c, now(offset));
        expect(s.state === "passed").toBe(isComplaintOverdue(c, now(offset)));
        expect(s.state === "done").toBe(!AWAITING_REPLY.includes(status));
        if (s.state === "passed") expect(s.minutes).toBeGreaterThanOrEqual(1);
        if ((s.state === "soon" || s.state === "ahead") && offset !== 0) expect(s.minutes).toBeGreaterThanOrEqual(1);
        if (s.state !== "done") expect(s.minutes).toBe(Math.ceil(Math.abs(offset) / M));
      }),
    );
  });
});

describe("isComplaintOverdue and answeredOnTime", () => {
  const DUE = at("2026-02-28T16:00:00Z");

  test.each(COMPLAINT_STATUSES.map((s) => [s]))("%s: overdue only while awaiting the answer and strictly after the deadline", (status) => {
    const awaiting = AWAITING_REPLY.includes(status);
    expect(isComplaintOverdue({ status, dueAt: DUE }, new Date(DUE.getTime() - 1))).toBe(false);
    expect(isComplaintOverdue({ status, dueAt: DUE }, DUE)).toBe(false);
    expect(isComplaintOverdue({ status, dueAt: DUE }, new Date(DUE.getTime() + 1))).toBe(awaiting);
    expect(isComplaintOverdue({ status, dueAt: DUE }, new Date(DUE.getTime() + 40 * 24 * H))).toBe(awaiting);
  });

  test("answered on time: told by the deadline, equality included; never without a reply", () => {
    expect(answeredOnTime({ dueAt: DUE, repliedAt: new Date(DUE.getTime() - H) })).toBe(true);
    expect(answeredOnTime({ dueAt: DUE, repliedAt: DUE })).toBe(true);
    expect(answeredOnTime({ dueAt: DUE, repliedAt: new Date(DUE.getTime() + 1) })).toBe(false);
    expect(answeredOnTime({ dueAt: DUE, repliedAt: null })).toBe(false);
  });

  test("answeredOnTime agrees with the done state's onTime", () => {
    for (const offset of [-H, -1, 0, 1, H]) {
      const c = { status: "closed" as const, dueAt: DUE, repliedAt: new Date(DUE.getTime() + offset) };
      expect(complaintDeadlineState(c, DUE)).toEqual({ state: "done", onTime: answeredOnTime(c) });
    }
  });
});

describe("policyProblems", () => {
  const withLimits = (type: (typeof REQUEST_TYPES)[number], key: TLimit, standard: TLimit): TPolicyLimits => ({
    key: { ...DEFAULT_POLICY.key, [type]: key },
    standard: { ...DEFAULT_POLICY.standard, [type]: standard },
  });

  test("the default policy has no problem and a valid limit for every type in both tiers", () => {
    expect(policyProblems(DEFAULT_POLICY)).toEqual([]);
    for (const tier of TIERS) {
      expect(Object.keys(DEFAULT_POLICY[tier]).sort()).toEqual([...REQUEST_TYPES].sort());
      for (const type of REQUEST_TYPES) expect(isValidLimit(DEFAULT_POLICY[tier][type])).toBe(true);
    }
  });

  test.each(REQUEST_TYPES.map((t) => [t]))("%s: a key limit longer than the standard one is flagged", (type) => {
    expect(policyProblems(withLimits(type, hours(48), hours(24)))).toEqual([{ tier: "key", type, problem: "key_longer" }]);
    expect(policyProblems(withLimits(type, days(3), days(2)))).toEqual([{ tier: "key", type, problem: "key_longer" }]);
    expect(policyProblems(withLimits(type, hours(24), hours(24)))).toEqual([]);
    expect(policyProblems(withLimits(type, days(2), days(2)))).toEqual([]);
  });

  test.each(REQUEST_TYPES.map((t) => [t]))("%s: a limit missing from a stored version is flagged as invalid, not a crash", (type) => {
    const { [type]: _gone, ...rest } = DEFAULT_POLICY.standard;
    const p = { key: DEFAULT_POLICY.key, standard: rest } as unknown as TPolicyLimits;
    expect(policyProblems(p)).toEqual([{ tier: "standard", type, problem: "invalid" }]);
    expect(isValidLimit(null as unknown as TLimit)).toBe(false);
    expect(() => deadlineFrom(at("2026-03-10T02:00:00Z"), undefined as unknown as TLimit)).toThrow(RangeError);
  });

  test.each(REQUEST_TYPES.map((t) => [t]))("%s: an invalid limit is flagged in its tier (and not compared)", (type) => {
    expect(policyProblems(withLimits(type, hours(0), hours(24)))).toEqual([{ tier: "key", type, problem: "invalid" }]);
    expect(policyProblems(withLimits(type, hours(4), days(61)))).toEqual([{ tier: "standard", type, problem: "invalid" }]);
    expect(policyProblems(withLimits(type, days(-1), hours(721)))).toEqual([
      { tier: "key", type, problem: "invalid" },
      { tier: "standard", type, problem: "invalid" },
    ]);
    expect(policyProblems(withLimits(type, hours(999), hours(1.5)))).toHaveLength(2);
  });

  test.each([
    // "N days" against "M hours" depends on the time of receipt: flagged when the key limit is later at any time of day
    [days(0), hours(20), true], // received at 00:00: 24 h against 20 h
    [days(0), hours(23), true],
    [days(0), hours(24), false], // at most 24 h
    [hours(20), days(0), true], // received at 23:00: 20 h against 1 h
    [hours(20), days(1), false], // 1 day is always more than 24 h
    [hours(24), days(1), false],
    [hours(25), days(1), true], // received in the day's last hour: 1 day is less than 25 h
    [hours(24), days(0), true],
    [days(1), hours(48), false],
    [days(1), hours(47), true],
    [days(1), days(0), true],
    [days(0), days(1), false],
  ] as const)("key %j against standard %j: key_longer %s", (key, standard, flagged) => {
    expect(policyProblems(withLimits("repair", key, standard))).toEqual(flagged ? [{ tier: "key", type: "repair", problem: "key_longer" }] : []);
  });

  test("property: flagged exactly when the key deadline is later for some receipt in the day", () => {
    // the latest a key deadline can be against the standard one, worked out per pair of units
    const keyLonger = (k: TLimit, s: TLimit) =>
      k.unit === s.unit ? k.value > s.value : k.unit === "days" ? (k.value + 1) * 24 > s.value : k.value > s.value * 24;
    const limit = fc.oneof(
      fc.integer({ min: 1, max: 720 }).map(hours),
      fc.integer({ min: 0, max: 60 }).map(days),
      fc.integer({ min: 0, max: 3 }).map(days),
      fc.integer({ min: 1, max: 100 }).map(hours),
    );
    fc.assert(
      fc.property(fc.constantFrom(...REQUEST_TYPES), limit, limit, (type, k, s) => {
        const flagged = policyProblems(withLimits(type, k, s)).some((p) => p.problem === "key_longer" && p.type === type);
        expect(flagged).toBe(keyLonger(k, s));
      }),
    );
  });

  test("property: policyProblems agrees with deadlineFrom at sampled receipts (a flagged pair has a receipt where key is later)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: at("2026-01-01T00:00:00Z"), max: at("2030-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.oneof(fc.integer({ min: 1, max: 100 }).map(hours), fc.integer({ min: 0, max: 4 }).map(days)),
        fc.oneof(fc.integer({ min: 1, max: 100 }).map(hours), fc.integer({ min: 0, max: 4 }).map(days)),
        (received, k, s) => {
          const later = deadlineFrom(received, k).getTime() > deadlineFrom(received, s).getTime();
          // a receipt where the key deadline is later means the pair is flagged
          if (later) expect(policyProblems(withLimits("install", k, s))).toContainEqual({ tier: "key", type: "install", problem: "key_longer" });
        },
      ),
    );
  });
});

describe("splitMinutes", () => {
  test.each([
    [0, 0, 0, 0],
    [12, 0, 0, 12],
    [185, 0, 3, 5],
    [1440, 1, 0, 0],
    [3060, 2, 3, 0],
    [-5, 0, 0, 0],
    [59.6, 0, 1, 0],
  ])("%d min = %d d %d h %d min", (m, d, h, min) => {
    expect(splitMinutes(m)).toEqual({ days: d, hours: h, minutes: min });
  });
});
