import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workOrders } from "@/db/schema";
import { byDeskUrgency, deadlineState, deskState, formatWorkOrderCode, isAwaitingAssignment, isOverdue, operatorDay } from "@/domain/work-orders/desk";
import { ZDeskFilter, type TDeskFilterInput } from "@/domain/work-orders/schemas";
import { WORK_ORDER_STATUSES, type TWorkOrderStatus } from "@/domain/work-orders/status";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { prng } from "@/tests/helpers/prng";
import { makeUser } from "@/tests/helpers/users";
import { listDesk, listLinemen } from "./office-desk";

// why a fixed clock: overdue and the order depend on "now"; 2026-05-10 10:00 in Shanghai.
const NOW = new Date("2026-05-10T02:00:00Z");
const H = 3_600_000;

let t: TestDb;
let caller: Caller;
let wang: Awaited<ReturnType<typeof makeUser>>;
let zhao: Awaited<ReturnType<typeof makeUser>>;
type Row = typeof workOrders.$inferInsert & { code: string; status: TWorkOrderStatus };
const rows: Row[] = [];

const base = (code: string, o: Partial<Row>): Row => ({
  code,
  kind: "install",
  customerName: `客户 ${code.slice(-3)}`,
  address: "幸福小区",
  contact: `138${code.slice(-8).replace("-", "")}`,
  service: "宽带",
  scheduledFor: "2026-05-10",
  status: "assigned",
  keyCustomer: false,
  dueAt: null,
  ...o,
});

beforeAll(async () => {
  t = await createTestDb();
  const s = await makeUser(t.db, { role: "customer_service", department: "customer_service" });
  wang = await makeUser(t.db, { role: "lineman" });
  zhao = await makeUser(t.db, { role: "lineman" });
  await makeUser(t.db, { role: "lineman", active: false });
  caller = (await login(t.db, s.username, s.password)).caller;

  // A hand-made set with one of each kind of urgency, then a random set for the order check.
  rows.push(
    base("WO-2026-000001", { keyCustomer: true, dueAt: new Date(NOW.getTime() - 2 * H), assignedTo: wang.id, customerName: "市第一医院 City Hospital" }),
    base("WO-2026-000002", { scheduledFor: "2026-05-08", assignedTo: zhao.id, status: "en_route" }),
    base("WO-2026-000003", { keyCustomer: true, dueAt: new Date(NOW.getTime() + 3 * H), assignedTo: null }),
    base("WO-2026-000004", { scheduledFor: "2026-05-12", assignedTo: wang.id, customerName: "100% 满意 Trading_Co" }),
    base("WO-2026-000005", { status: "signed", assignedTo: zhao.id }),
    base("WO-2026-000006", { status: "closed", scheduledFor: "2026-05-01", assignedTo: wang.id, closedAt: new Date("2026-05-01T09:00:00Z") }),
    base("WO-2026-000007", { status: "cancelled", scheduledFor: "2026-05-02", assignedTo: null, statusReason: "客户取消" }),
  );
  const r = prng(20260510);
  for (let i = 8; i <= 70; i++) {
    const key = r.chance(0.3);
    rows.push(
      base(formatWorkOrderCode(2026, i), {
        status: r.pick(WORK_ORDER_STATUSES),
        keyCustomer: key,
        dueAt: key && r.chance(0.9) ? new Date(NOW.getTime() + r.int(48 * 4) * 15 * 60_000 - 24 * H) : null,
        scheduledFor: `2026-05-${String(5 + r.int(10)).padStart(2, "0")}`,
        assignedTo: r.pick([wang.id, zhao.id, null]),
      }),
    );
  }
  // the demo's contradiction: a key customer scheduled for a day now over, whose deadline is still 2 h 47 min away
  rows.push(base("WO-2026-000071", { keyCustomer: true, scheduledFor: "2026-05-09", dueAt: new Date(NOW.getTime() + 167 * 60_000), assignedTo: null }));
  await t.db.insert(workOrders).values(rows);
});
afterAll(async () => {
  await t?.close();
});

const desk = (f: TDeskFilterInput = {}) => listDesk({ db: t.db, filter: ZDeskFilter.parse({ pageSize: 100, ...f }), now: NOW });
const codes = async (f: TDeskFilterInput = {}) => (await desk(f)).items.map((i) => i.code);
const facts = (r: Row) => ({ ...r, dueAt: r.dueAt ?? null, keyCustomer: r.keyCustomer ?? false });

describe("workOrders.desk order: most urgent first", () => {
  it("the hand-made set: overdue key customer, overdue, key customer in time, the rest, waiting for the office, finished", async () => {
    const all = (await codes({ group: "all" })).filter((c) => c <= "WO-2026-000007");
    expect(all.map((c) => c.slice(-1))).toEqual(["1", "2", "3", "4", "5", "7", "6"]);
  });

  it("the database's order is the domain's order (byDeskUrgency) over the whole random set", async () => {
    const expected = rows
      .map(facts)
      .sort(byDeskUrgency(NOW))
      .map((r) => r.code);
    expect(await codes({ group: "all" })).toEqual(expected);
  });

  it("keyset pages continue each other to the end, in every group, and a later page ranks as the first did", async () => {
    for (const group of ["all", "open", "closed"] as const) {
      const whole = await codes({ group });
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        // the clock moves on between pages: the cursor keeps the first page's "now"
        const later = new Date(NOW.getTime() + pages * 30 * 24 * H);
        const page: Awaited<ReturnType<typeof listDesk>> = await listDesk({ db: t.db, filter: ZDeskFilter.parse({ group, pageSize: 7, cursor }), now: later });
        expect(page.items.length).toBeLessThanOrEqual(7);
        seen.push(...page.items.map((i) => i.code));
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== null && pages < 100);
      expect(seen, group).toEqual(whole);
      expect(pages, group).toBe(Math.max(1, Math.ceil(whole.length / 7)));
    }
  });

  it("refuses a cursor it did not make, through the router, with the field's message", async () => {
    for (const cursor of ["not a cursor", Buffer.from(JSON.stringify({ n: NOW.toISOString(), r: 9 })).toString("base64url"), "x".repeat(401)]) {
      const shape = await expectAppError(caller.workOrders.desk({ cursor }), "bad_input");
      expect(shape.data.fieldErrors).toEqual({ cursor: "desk.validation.cursor" });
    }
  });
});

describe("workOrders.desk filters", () => {
  const expectSet = async (f: TDeskFilterInput, keep: (r: Row) => boolean) => {
    const want = rows
      .filter(keep)
      .map((r) => r.code)
      .sort();
    expect(want.length).toBeGreaterThan(0);
    expect((await codes(f)).sort()).toEqual(want);
  };

  it("status groups: open (default), closed, all", async () => {
    await expectSet({}, (r) => r.status !== "closed" && r.status !== "cancelled");
    await expectSet({ group: "closed" }, (r) => r.status === "closed" || r.status === "cancelled");
    expect(await codes({ group: "all" })).toHaveLength(rows.length);
  });

  it("by lineman, and the unassigned ones", async () => {
    await expectSet({ group: "all", assignee: wang.id }, (r) => r.assignedTo === wang.id);
    await expectSet({ group: "all", assignee: "unassigned" }, (r) => !r.assignedTo);
  });

  it("key customers only; overdue only", async () => {
    await expectSet({ group: "all", keyOnly: true }, (r) => r.keyCustomer === true);
    await expectSet({ group: "all", overdueOnly: true }, (r) => isOverdue(facts(r), NOW));
    await expectSet(
      { overdueOnly: true, keyOnly: true, assignee: wang.id },
      (r) => isOverdue(facts(r), NOW) && r.keyCustomer === true && r.assignedTo === wang.id,
    );
  });

  it("scheduled-day range, both ends included", async () => {
    await expectSet({ group: "all", from: "2026-05-08", to: "2026-05-10" }, (r) => r.scheduledFor >= "2026-05-08" && r.scheduledFor <= "2026-05-10");
    await expectSet({ group: "all", from: "2026-05-12" }, (r) => r.scheduledFor >= "2026-05-12");
  });

  it("text search on code, customer and phone, case-insensitive; % and _ are literal", async () => {
    expect(await codes({ group: "all", q: "wo-2026-000001" })).toEqual(["WO-2026-000001"]);
    expect(await codes({ group: "all", q: "hospital" })).toEqual(["WO-2026-000001"]);
    expect(await codes({ group: "all", q: "医院" })).toEqual(["WO-2026-000001"]);
    expect(await codes({ group: "all", q: "100%" })).toEqual(["WO-2026-000004"]);
    // as a wildcard "_" would match the "g" of "Trading"
    expect(await codes({ group: "all", q: "Tradin_" })).toEqual([]);
    expect(await codes({ group: "all", q: "Trading_Co" })).toEqual(["WO-2026-000004"]);
    expect(await codes({ group: "all", q: rows[1]!.contact })).toEqual(["WO-2026-000002"]);
  });

  it("finished orders are found by the beginning of their code, customer's name or contact's digits; unfinished ones by any part", async () => {
    const done = rows.find((r) => r.status === "closed")!;
    const open = rows.find((r) => r.status === "assigned")!;
    const found = async (q: string) => (await codes({ group: "all", q })).includes(done.code);
    expect(await found(done.code.toLowerCase())).toBe(true);
    expect(await found(done.code.slice(0, -1))).toBe(true);
    expect(await found(done.customerName.slice(0, 4))).toBe(true);
    expect(await found(done.contact.slice(0, 7))).toBe(true);
    // the middle of a finished order's code is not a search of years of orders
    expect(await found(done.code.slice(3))).toBe(false);
    expect((await codes({ group: "all", q: open.code.slice(3) })).includes(open.code)).toBe(true);
  });

  it("each row carries its lineman, overdue flags and version; counts cover every order", async () => {
    const result = await desk({ group: "all" });
    const first = result.items.find((i) => i.code === "WO-2026-000001");
    expect(first).toMatchObject({
      code: "WO-2026-000001",
      assigneeId: wang.id,
      assigneeName: "Test lineman",
      assigneeActive: true,
      overdue: true,
      pastDeadline: true,
      version: 1,
    });
    expect(result.items.find((i) => i.code === "WO-2026-000003")).toMatchObject({ assigneeId: null, assigneeName: null, overdue: false });
    expect(result.items.find((i) => i.code === "WO-2026-000007")).toMatchObject({ statusReason: "客户取消" });
    const open = rows.filter((r) => r.status !== "closed" && r.status !== "cancelled");
    expect(result.counts).toEqual({
      open: open.length,
      overdue: rows.filter((r) => isOverdue(facts(r), NOW)).length,
      pastDeadline: rows.filter(
        (r) => isOverdue(facts(r), NOW) && r.keyCustomer && r.dueAt && r.dueAt < NOW && ["assigned", "en_route", "on_site", "work_done"].includes(r.status),
      ).length,
      unassigned: open.filter((r) => !r.assignedTo).length,
    });
  });

  it("one rule per fact: a key customer in time is not overdue on the desk, in its counts or its filter, whatever its scheduled day; without a lineman it is awaiting assignment", async () => {
    const result = await desk({ group: "all" });
    const row = result.items.find((i) => i.code === "WO-2026-000071")!;
    expect(row).toMatchObject({ overdue: false, pastDeadline: false });
    expect(deadlineState(row, NOW)).toEqual({ state: "ahead", minutes: 167 });
    expect(deskState({ status: row.status, assignedTo: row.assigneeId })).toBe("unassigned");
    expect(await codes({ group: "all", overdueOnly: true })).not.toContain("WO-2026-000071");
    expect(await codes({ group: "all", assignee: "unassigned" })).toContain("WO-2026-000071");
    // every row the desk returns: its overdue flag is its countdown's verdict
    for (const i of result.items) {
      const d = deadlineState(i, NOW);
      if (d && d.state !== "done") expect(i.overdue, i.code).toBe(d.state === "passed");
    }
    expect(result.counts.unassigned).toBe(rows.filter((r) => isAwaitingAssignment({ status: r.status, assignedTo: r.assignedTo ?? null })).length);
  });

  it("refuses a reversed date range through the router, with the field's message", async () => {
    const shape = await expectAppError(caller.workOrders.desk({ from: "2026-05-10", to: "2026-05-01" }), "bad_input");
    expect(shape.data.fieldErrors).toEqual({ to: "desk.validation.dateRange" });
  });

  it("the router serves the default filter at today's clock", async () => {
    const page = await caller.workOrders.desk({});
    expect(page.pageSize).toBe(20);
    expect(page.items.length).toBeLessThanOrEqual(20);
    expect(operatorDay(page.now)).toBe(operatorDay(new Date()));
  });
});

describe("workOrders.linemen", () => {
  it("active linemen only, with their open orders counted", async () => {
    const list = await listLinemen({ db: t.db });
    expect(list.map((l) => l.id).sort()).toEqual([wang.id, zhao.id].sort());
    const open = (id: string) => rows.filter((r) => r.assignedTo === id && ["assigned", "en_route", "on_site", "work_done"].includes(r.status)).length;
    expect(list.find((l) => l.id === wang.id)?.openOrders).toBe(open(wang.id));
    expect(list.find((l) => l.id === zhao.id)?.openOrders).toBe(open(zhao.id));
    expect(await caller.workOrders.linemen()).toEqual(list);
  });
});
