import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ITEM_STATUSES, type TItemStatus } from "@/domain/items/labels";
import { startOfOperatorDay } from "@/domain/time/operator";
import { QUARANTINE_AGEING_DAYS } from "./model";
import { MOVE_KINDS, ageingFrom, checkMove, isAgeing, quarantineAgeDays, type TMoveKind } from "./stock";

const move = (kind: TMoveKind, over: Partial<Parameters<typeof checkMove>[0]> = {}) =>
  checkMove({ kind, status: "accepted", onHand: 10, serialised: false, quantity: 1, outstanding: 0, ...over });

describe("checkMove: issue", () => {
  test.each(ITEM_STATUSES.map((s) => [s]))("from a tag labelled %s", (status) => {
    const r = move("issue", { status });
    expect(r.ok).toBe(status === "accepted");
    if (!r.ok) expect(r.code).toBe("invalid_transition");
  });

  test.each([
    ["a part of a lot", 10, 3, { ok: true, onHandAfter: 7, statusAfter: "accepted" }],
    ["the whole lot", 10, 10, { ok: true, onHandAfter: 0, statusAfter: "accepted" }],
    ["one more than on hand", 10, 11, { ok: false, code: "insufficient_quantity" }],
    ["from an empty lot", 0, 1, { ok: false, code: "insufficient_quantity" }],
    ["nothing", 10, 0, { ok: false, code: "insufficient_quantity" }],
    ["a negative quantity", 10, -1, { ok: false, code: "insufficient_quantity" }],
    ["a fraction", 10, 1.5, { ok: false, code: "insufficient_quantity" }],
    ["NaN", 10, Number.NaN, { ok: false, code: "insufficient_quantity" }],
  ] as const)("bulk: %s", (_what, onHand, quantity, expected) => {
    expect(move("issue", { onHand, quantity })).toEqual(expected);
  });

  test("a serialised unit is in use while issued", () => {
    expect(move("issue", { serialised: true, onHand: 1, quantity: 1 })).toEqual({ ok: true, onHandAfter: 0, statusAfter: "in_use" });
    expect(move("issue", { serialised: true, onHand: 1, quantity: 2 })).toEqual({ ok: false, code: "insufficient_quantity" });
    expect(move("issue", { serialised: true, status: "in_use", onHand: 0, quantity: 1 })).toEqual({ ok: false, code: "invalid_transition" });
  });

  test("a bad quantity is refused before the label is looked at", () => {
    expect(move("issue", { status: "scrapped", quantity: 0 })).toEqual({ ok: false, code: "insufficient_quantity" });
  });
});

describe("checkMove: return", () => {
  test.each([
    ["what is outstanding", 4, 4, { ok: true, onHandAfter: 14, statusAfter: "accepted" }],
    ["part of it", 4, 1, { ok: true, onHandAfter: 11, statusAfter: "accepted" }],
    ["one more than outstanding", 4, 5, { ok: false, code: "insufficient_quantity" }],
    ["from a holder who has nothing", 0, 1, { ok: false, code: "insufficient_quantity" }],
    ["nothing", 4, 0, { ok: false, code: "insufficient_quantity" }],
  ] as const)("bulk: %s", (_what, outstanding, quantity, expected) => {
    expect(move("return", { outstanding, quantity })).toEqual(expected);
  });

  test.each(ITEM_STATUSES.map((s) => [s]))("to a tag labelled %s", (status) => {
    const bulk = move("return", { status, outstanding: 2 });
    expect(bulk.ok).toBe(status === "accepted");
    const unit = move("return", { status, serialised: true, onHand: 0, outstanding: 1 });
    expect(unit.ok).toBe(status === "in_use");
    if (unit.ok) expect(unit).toEqual({ ok: true, onHandAfter: 1, statusAfter: "accepted" });
    else expect(unit.code).toBe("invalid_transition");
  });
});

describe("checkMove: any sequence of allowed moves", () => {
  const HOLDERS = ["u1", "u2", "ops"];
  const arbMove = fc.record({ kind: fc.constantFrom(...MOVE_KINDS), holder: fc.constantFrom(...HOLDERS), quantity: fc.integer({ min: -2, max: 40 }) });

  test("a lot: on hand never below 0; on hand + outstanding stays what it was", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.array(arbMove, { maxLength: 60 }), (start, moves) => {
        let onHand = start;
        const out = new Map(HOLDERS.map((h) => [h, 0]));
        for (const m of moves) {
          const r = checkMove({ kind: m.kind, status: "accepted", onHand, serialised: false, quantity: m.quantity, outstanding: out.get(m.holder)! });
          if (!r.ok) continue;
          expect(r.statusAfter).toBe("accepted");
          out.set(m.holder, out.get(m.holder)! + (m.kind === "issue" ? m.quantity : -m.quantity));
          onHand = r.onHandAfter;
          expect(onHand).toBeGreaterThanOrEqual(0);
          for (const v of out.values()) expect(v).toBeGreaterThanOrEqual(0);
          expect(onHand + [...out.values()].reduce((a, b) => a + b, 0)).toBe(start);
        }
      }),
    );
  });

  test("a serialised unit: one holder at a time, in use exactly while issued", () => {
    fc.assert(
      fc.property(fc.array(arbMove, { maxLength: 40 }), (moves) => {
        let onHand = 1;
        let status: TItemStatus = "accepted";
        let holder: string | null = null;
        for (const m of moves) {
          const r = checkMove({ kind: m.kind, status, onHand, serialised: true, quantity: m.quantity, outstanding: holder === m.holder ? 1 : 0 });
          if (!r.ok) continue;
          onHand = r.onHandAfter;
          status = r.statusAfter;
          holder = m.kind === "issue" ? m.holder : null;
          expect(onHand + (holder ? 1 : 0)).toBe(1);
          expect(status).toBe(holder ? "in_use" : "accepted");
        }
      }),
    );
  });
});

describe("quarantine age (operator days, Asia/Shanghai)", () => {
  test.each([
    ["the same instant", "2026-03-01T04:00:00Z", "2026-03-01T04:00:00Z", 0],
    ["Shanghai 23:59 → 00:01: a new day", "2026-03-01T15:59:00Z", "2026-03-01T16:01:00Z", 1],
    ["Shanghai 00:01 → 23:59 the same day", "2026-03-01T16:01:00Z", "2026-03-02T15:59:00Z", 0],
    ["UTC midnight is no day boundary", "2026-03-01T23:59:00Z", "2026-03-02T00:01:00Z", 0],
    ["a 30-day month: Apr 1 → May 1", "2026-04-01T02:00:00Z", "2026-05-01T02:00:00Z", 30],
    ["a 31-day month: Mar 1 → Apr 1", "2026-03-01T02:00:00Z", "2026-04-01T02:00:00Z", 31],
    ["February: Feb 1 → Mar 1 (2026)", "2026-02-01T02:00:00Z", "2026-03-01T02:00:00Z", 28],
    ["February of a leap year: Feb 1 → Mar 1 (2028)", "2028-02-01T02:00:00Z", "2028-03-01T02:00:00Z", 29],
    ["a month end in Shanghai that is still the 31st in UTC", "2026-01-31T15:00:00Z", "2026-01-31T17:00:00Z", 1],
    ["the year's end: 31 Dec 23:30 → 1 Jan 00:30 Shanghai", "2026-12-31T15:30:00Z", "2026-12-31T16:30:00Z", 1],
    ["a year", "2026-06-15T04:00:00Z", "2027-06-15T04:00:00Z", 365],
    ["now before since (a clock behind)", "2026-03-02T04:00:00Z", "2026-03-01T04:00:00Z", 0],
  ])("%s", (_what, since, now, days) => {
    expect(quarantineAgeDays(since, now)).toBe(days);
    expect(quarantineAgeDays(new Date(since), new Date(now).getTime())).toBe(days);
  });

  test(`ageing after ${QUARANTINE_AGEING_DAYS} days: a 30-day month and a 31-day month`, () => {
    // in on 1 April (Shanghai): 1 May is day 30 (not yet), 2 May day 31
    expect(isAgeing("2026-04-01T02:00:00Z", "2026-05-01T15:59:59Z")).toBe(false);
    expect(isAgeing("2026-04-01T02:00:00Z", "2026-05-01T16:00:00Z")).toBe(true);
    // in on 1 March: 31 March is day 30, 1 April day 31
    expect(isAgeing("2026-03-01T02:00:00Z", "2026-03-31T12:00:00Z")).toBe(false);
    expect(isAgeing("2026-03-01T02:00:00Z", "2026-04-01T00:00:00Z")).toBe(true);
    expect(ageingFrom("2026-04-01T02:00:00Z")).toBe("2026-05-02");
    expect(ageingFrom("2026-03-01T02:00:00Z")).toBe("2026-04-01");
    // in at 23:30 Shanghai on 31 December: ageing from 31 January
    expect(ageingFrom("2026-12-31T15:30:00Z")).toBe("2027-01-31");
    expect(ageingFrom("2026-12-31T16:30:00Z")).toBe("2027-02-01");
  });

  test("ageing begins exactly at the start of ageingFrom's operator day, for any instant", () => {
    const arbInstant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 11, 31) });
    fc.assert(
      fc.property(arbInstant, (since) => {
        const from = startOfOperatorDay(ageingFrom(since)).getTime();
        expect(isAgeing(since, from)).toBe(true);
        expect(isAgeing(since, from - 1)).toBe(false);
        expect(quarantineAgeDays(since, from)).toBe(QUARANTINE_AGEING_DAYS + 1);
      }),
    );
  });

  test("age never decreases as time passes and grows by at most a day a day", () => {
    const day = 86_400_000;
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.integer({ min: 0, max: 400 * day }),
        fc.integer({ min: 0, max: day }),
        (since, a, step) => {
          const before = quarantineAgeDays(since, since + a);
          const after = quarantineAgeDays(since, since + a + step);
          expect(after - before).toBeGreaterThanOrEqual(0);
          expect(after - before).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
