import { describe, expect, test } from "vitest";
import { WORK_ORDER_CODE_PATTERN } from "@/domain/items/tags";
import { ROLES } from "@/domain/auth/roles";
import {
  byDeskUrgency,
  canReadDesk,
  canReassign,
  canWriteDesk,
  deadlineState,
  deskRank,
  deskState,
  formatWorkOrderCode,
  fromOperatorLocal,
  inStatusGroup,
  isAwaitingAssignment,
  isOverdue,
  isPastDeadline,
  nextWorkOrderCode,
  operatorDay,
  progressStep,
  statusAfterAssignment,
  toOperatorLocal,
  type TUrgencyFacts,
} from "./desk";
import { WORK_ORDER_STATUSES, type TWorkOrderStatus } from "./status";

describe("who uses the desk", () => {
  test("customer service and admins write; quality and operations read too; nobody else", () => {
    expect(ROLES.filter(canWriteDesk)).toEqual(["customer_service", "admin"]);
    expect(ROLES.filter(canReadDesk).sort()).toEqual(["admin", "customer_service", "operations", "quality"]);
  });
});

describe("operatorDay", () => {
  test("counts days in China Standard Time, not UTC", () => {
    expect(operatorDay(new Date("2026-03-01T15:59:59Z"))).toBe("2026-03-01");
    expect(operatorDay(new Date("2026-03-01T16:00:00Z"))).toBe("2026-03-02");
    expect(operatorDay(new Date("2026-12-31T16:30:00Z"))).toBe("2027-01-01");
  });
});

describe("operator wall-clock times (deadline fields)", () => {
  test("a typed time is read in China Standard Time, and written back the same", () => {
    expect(fromOperatorLocal("2026-05-10T18:00")?.toISOString()).toBe("2026-05-10T10:00:00.000Z");
    expect(toOperatorLocal(new Date("2026-05-10T10:00:00Z"))).toBe("2026-05-10T18:00");
    expect(toOperatorLocal(new Date("2026-12-31T16:30:00Z"))).toBe("2027-01-01T00:30");
  });

  test.each(["", "2026-05-10", "2026-05-10 18:00", "2026-02-30T10:00", "2026-05-10T25:00", "2026-05-10T18:00:00"])("refuses %j", (v) => {
    expect(fromOperatorLocal(v)).toBeNull();
  });
});

describe("work-order codes", () => {
  test("WO-<year>-<6 digits>, matching the scanner's pattern", () => {
    expect(formatWorkOrderCode(2026, 1)).toBe("WO-2026-000001");
    expect(formatWorkOrderCode(2026, 999_999)).toBe("WO-2026-999999");
    for (const seq of [1, 42, 100_000, 999_999]) expect(WORK_ORDER_CODE_PATTERN.test(formatWorkOrderCode(2031, seq))).toBe(true);
  });

  test.each([
    [1999, 1],
    [2100, 1],
    [2026, 0],
    [2026, 1_000_000],
    [2026, 1.5],
  ])("refuses year %s, sequence %s", (year, seq) => {
    expect(() => formatWorkOrderCode(year, seq)).toThrow(RangeError);
  });

  test("the next code follows the year's highest; numbers restart each year", () => {
    expect(nextWorkOrderCode(null, 2026)).toBe("WO-2026-000001");
    expect(nextWorkOrderCode("WO-2026-000105", 2026)).toBe("WO-2026-000106");
    expect(nextWorkOrderCode("WO-2026-009999", 2026)).toBe("WO-2026-010000");
    expect(nextWorkOrderCode("WO-2026-999999", 2026)).toBeNull();
  });

  test("refuses a highest code of another year or another shape", () => {
    expect(() => nextWorkOrderCode("WO-2025-000105", 2026)).toThrow();
    expect(() => nextWorkOrderCode("WO-2026-105", 2026)).toThrow();
    expect(() => nextWorkOrderCode("ST-000101", 2026)).toThrow();
  });
});

describe("assignment", () => {
  test("only until the lineman is at the customer's", () => {
    expect(WORK_ORDER_STATUSES.filter(canReassign)).toEqual(["assigned", "en_route"]);
  });

  test("a new lineman starts from assigned; other states cannot be assigned", () => {
    expect(statusAfterAssignment("assigned")).toBe("assigned");
    expect(statusAfterAssignment("en_route")).toBe("assigned");
    for (const s of WORK_ORDER_STATUSES.filter((s) => !canReassign(s))) expect(() => statusAfterAssignment(s)).toThrow();
  });
});

describe("status groups", () => {
  test("open and closed split every status; all holds them all", () => {
    const open = WORK_ORDER_STATUSES.filter((s) => inStatusGroup(s, "open"));
    const closed = WORK_ORDER_STATUSES.filter((s) => inStatusGroup(s, "closed"));
    expect(closed).toEqual(["closed", "cancelled"]);
    expect([...open, ...closed].sort()).toEqual([...WORK_ORDER_STATUSES].sort());
    expect(WORK_ORDER_STATUSES.every((s) => inStatusGroup(s, "all"))).toBe(true);
  });
});

// 2026-05-10 10:00 in Shanghai.
const NOW = new Date("2026-05-10T02:00:00Z");
const order = (o: Partial<TUrgencyFacts> & { code: string }): TUrgencyFacts => ({
  status: "assigned",
  keyCustomer: false,
  dueAt: null,
  scheduledFor: "2026-05-10",
  ...o,
});

describe("overdue", () => {
  test("a key customer past its deadline is overdue while the lineman's part is open", () => {
    const late = order({ code: "a", keyCustomer: true, dueAt: new Date(NOW.getTime() - 60_000) });
    expect(isPastDeadline(late, NOW)).toBe(true);
    expect(isOverdue(late, NOW)).toBe(true);
    for (const status of ["signed", "closed", "cancelled", "refused_to_sign"] as TWorkOrderStatus[]) {
      expect(isOverdue({ ...late, status }, NOW)).toBe(false);
    }
    expect(isPastDeadline({ ...late, dueAt: new Date(NOW.getTime() + 60_000) }, NOW)).toBe(false);
    // a deadline only counts for key customers
    expect(isPastDeadline({ ...late, keyCustomer: false }, NOW)).toBe(false);
  });

  test("a scheduled day before today (Shanghai) is overdue; today is not", () => {
    expect(isOverdue(order({ code: "a", scheduledFor: "2026-05-09" }), NOW)).toBe(true);
    expect(isOverdue(order({ code: "a", scheduledFor: "2026-05-10" }), NOW)).toBe(false);
    expect(isOverdue(order({ code: "a", scheduledFor: "2026-05-09", status: "work_done" }), NOW)).toBe(true);
    expect(isOverdue(order({ code: "a", scheduledFor: "2026-05-09", status: "signed" }), NOW)).toBe(false);
    // 23:30 UTC on the 9th is already the 10th in Shanghai: the 9th is over
    expect(isOverdue(order({ code: "a", scheduledFor: "2026-05-09" }), new Date("2026-05-09T23:30:00Z"))).toBe(true);
  });
});

describe("desk order: most urgent first", () => {
  test("ranks", () => {
    const h = 3_600_000;
    expect(deskRank(order({ code: "a", keyCustomer: true, dueAt: new Date(NOW.getTime() - h) }), NOW)).toBe(0);
    expect(deskRank(order({ code: "a", scheduledFor: "2026-05-01" }), NOW)).toBe(1);
    expect(deskRank(order({ code: "a", keyCustomer: true, dueAt: new Date(NOW.getTime() + h) }), NOW)).toBe(2);
    expect(deskRank(order({ code: "a" }), NOW)).toBe(3);
    expect(deskRank(order({ code: "a", status: "signed", scheduledFor: "2026-05-01" }), NOW)).toBe(4);
    expect(deskRank(order({ code: "a", status: "refused_to_sign" }), NOW)).toBe(4);
    expect(deskRank(order({ code: "a", status: "closed" }), NOW)).toBe(5);
    expect(deskRank(order({ code: "a", status: "cancelled", keyCustomer: true, dueAt: new Date(0) }), NOW)).toBe(5);
  });

  test("overdue key customers first, then other overdue, key customers in time, the rest, then finished", () => {
    const h = 3_600_000;
    const list = [
      order({ code: "WO-2026-000010", status: "closed", scheduledFor: "2026-05-08" }),
      order({ code: "WO-2026-000011", status: "closed", scheduledFor: "2026-05-09" }),
      order({ code: "WO-2026-000012", status: "cancelled", scheduledFor: "2026-05-09" }),
      order({ code: "WO-2026-000009", status: "signed" }),
      order({ code: "WO-2026-000008", scheduledFor: "2026-05-12" }),
      order({ code: "WO-2026-000007", scheduledFor: "2026-05-11" }),
      order({ code: "WO-2026-000006", scheduledFor: "2026-05-11", keyCustomer: true, dueAt: new Date(NOW.getTime() + 30 * h) }),
      order({ code: "WO-2026-000005", keyCustomer: true, dueAt: new Date(NOW.getTime() + 2 * h) }),
      order({ code: "WO-2026-000004", scheduledFor: "2026-05-09" }),
      order({ code: "WO-2026-000003", scheduledFor: "2026-05-08" }),
      order({ code: "WO-2026-000002", keyCustomer: true, dueAt: new Date(NOW.getTime() - 1 * h) }),
      order({ code: "WO-2026-000001", keyCustomer: true, dueAt: new Date(NOW.getTime() - 5 * h), status: "on_site" }),
    ];
    expect([...list].sort(byDeskUrgency(NOW)).map((o) => o.code.slice(-2))).toEqual([
      "01", // key customer, 5 h past its deadline
      "02", // key customer, 1 h past
      "03", // scheduled two days ago
      "04", // scheduled yesterday
      "05", // key customer, 2 h left
      "06", // key customer, 30 h left
      "07", // tomorrow
      "08", // the day after
      "09", // signed: the office closes it
      "12", // finished, latest day first, latest code first
      "11",
      "10",
    ]);
  });

  test("the order is total and stable: sorting any shuffle gives the same list", () => {
    const list = Array.from({ length: 40 }, (_, i) =>
      order({
        code: `WO-2026-${String(i).padStart(6, "0")}`,
        status: WORK_ORDER_STATUSES[i % WORK_ORDER_STATUSES.length],
        keyCustomer: i % 3 === 0,
        dueAt: i % 3 === 0 ? new Date(NOW.getTime() + ((i % 7) - 3) * 3_600_000) : null,
        scheduledFor: `2026-05-${String(5 + (i % 9)).padStart(2, "0")}`,
      }),
    );
    const sorted = [...list].sort(byDeskUrgency(NOW)).map((o) => o.code);
    for (let k = 0; k < 5; k++) {
      const shuffled = [...list].sort((a, b) => ((a.code.charCodeAt(12) * (k + 3)) % 11) - ((b.code.charCodeAt(12) * (k + 3)) % 11));
      expect(shuffled.sort(byDeskUrgency(NOW)).map((o) => o.code)).toEqual(sorted);
    }
  });
});

describe("one rule per fact: the desk never shows a countdown beside overdue, nor 已派单 beside 未派单", () => {
  const m = 60_000;
  test("a key customer still in time is not overdue even when its scheduled day is over (the deadline decides)", () => {
    // the seeded case: scheduled "yesterday", deadline in 2 h 47 min
    const key = order({ code: "a", keyCustomer: true, scheduledFor: "2026-05-09", dueAt: new Date(NOW.getTime() + 167 * m) });
    expect(isOverdue(key, NOW)).toBe(false);
    expect(deadlineState(key, NOW)).toEqual({ state: "ahead", minutes: 167 });
    expect(deskRank(key, NOW)).toBe(2);
    // once the deadline has passed it is both
    const later = new Date(NOW.getTime() + 168 * m);
    expect(isOverdue(key, later)).toBe(true);
    expect(deadlineState(key, later)).toEqual({ state: "passed", minutes: 1 });
    // an order without a deadline still goes by its scheduled day
    expect(isOverdue(order({ code: "b", scheduledFor: "2026-05-09" }), NOW)).toBe(true);
    // a key customer with no deadline given goes by its day too
    expect(isOverdue(order({ code: "c", keyCustomer: true, scheduledFor: "2026-05-09" }), NOW)).toBe(true);
  });

  test("the countdown and overdue agree at every instant around a deadline, to the millisecond", () => {
    const due = new Date(NOW.getTime() + 90 * m);
    for (const status of WORK_ORDER_STATUSES) {
      for (const offset of [-86_400_000, -90 * m, -m, -30_000, -1, 0, 1, 30_000, m, 119 * m, 121 * m, 86_400_000]) {
        const at = new Date(due.getTime() + offset);
        for (const scheduledFor of ["2026-05-01", "2026-05-10", "2026-05-20"]) {
          const o = order({ code: "a", status, keyCustomer: true, dueAt: due, scheduledFor });
          const d = deadlineState(o, at)!;
          expect(d.state === "passed", `${status} ${offset} ${scheduledFor}`).toBe(isOverdue(o, at));
          expect(d.state === "passed").toBe(isPastDeadline(o, at));
          if (d.state === "done") expect(["signed", "closed", "cancelled", "refused_to_sign"]).toContain(status);
          // a late order never reads "0 min late", nor an order in time "0 min left" unless it is exactly due
          if (d.state === "passed") expect(d.minutes).toBeGreaterThanOrEqual(1);
          if ((d.state === "soon" || d.state === "ahead") && offset !== 0) expect(d.minutes).toBeGreaterThanOrEqual(1);
        }
      }
    }
  });

  test("near and far deadlines; none without a deadline", () => {
    const key = (minutes: number) => order({ code: "a", keyCustomer: true, dueAt: new Date(NOW.getTime() + minutes * m) });
    expect(deadlineState(key(119), NOW)).toEqual({ state: "soon", minutes: 119 });
    expect(deadlineState(key(120), NOW)).toEqual({ state: "ahead", minutes: 120 });
    expect(deadlineState(key(-30), NOW)).toEqual({ state: "passed", minutes: 30 });
    expect(deadlineState(order({ code: "a" }), NOW)).toBeNull();
    expect(deadlineState(order({ code: "a", keyCustomer: false, dueAt: new Date(0) }), NOW)).toBeNull();
  });

  test("an open order with nobody assigned is 'unassigned' on the desk, not 'assigned'", () => {
    expect(deskState({ status: "assigned", assignedTo: null })).toBe("unassigned");
    expect(isAwaitingAssignment({ status: "assigned", assignedTo: null })).toBe(true);
    expect(deskState({ status: "assigned", assignedTo: "u1" })).toBe("assigned");
    expect(deskState({ status: "en_route", assignedTo: "u1" })).toBe("en_route");
    // a finished order keeps its own word, whoever it had
    expect(deskState({ status: "cancelled", assignedTo: null })).toBe("cancelled");
    expect(isAwaitingAssignment({ status: "cancelled", assignedTo: null })).toBe(false);
  });
});

describe("progress", () => {
  test("progress steps", () => {
    expect(progressStep("assigned")).toBe(1);
    expect(progressStep("work_done")).toBe(4);
    expect(progressStep("refused_to_sign")).toBe(4);
    expect(progressStep("closed")).toBe(6);
    expect(progressStep("cancelled")).toBe(0);
  });
});
