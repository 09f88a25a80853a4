import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaints } from "@/db/schema";
import type { TDepartment } from "@/domain/auth/roles";
import { complaintCode } from "@/domain/complaints/codes";
import { isComplaintOverdue } from "@/domain/complaints/deadlines";
import { COMPLAINT_CHANNELS, COMPLAINT_KINDS, COMPLAINT_STATUSES, ESCALATION_LEVELS } from "@/domain/complaints/model";
import { ZDeskQuery, type TDeskQuery } from "@/domain/complaints/schemas";
import type { SessionUser } from "@/server/auth/session";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { prng } from "@/tests/helpers/prng";
import { makeUser } from "@/tests/helpers/users";
import { complaintDesk, type TDeskPage } from "./desk";
import { ensurePolicy, form, makeKeyCustomer, type TFormRow } from "./desk.fixtures";

// why a fixed clock: what is overdue depends on "now"; 2026-05-10 10:00 in Shanghai.
const NOW = new Date("2026-05-10T02:00:00Z");
const MIN = 60_000;

let t: TestDb;
let desk: SessionUser;
let head: SessionUser;
const rows: (TFormRow & { code: string })[] = [];
const DEPTS: TDepartment[] = ["terminal_service", "finance", "operations", "customer_service"];
const CATEGORIES = ["billing", "installation_delay", "fault_repair", "network_quality", "other"];

const asSession = (u: {
  id: string;
  username: string;
  displayName: string;
  role: SessionUser["role"];
  department: SessionUser["department"];
}): SessionUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  department: u.department,
});

beforeAll(async () => {
  t = await createTestDb();
  await ensurePolicy(t.db);
  desk = asSession(await makeUser(t.db, { role: "customer_service", department: "customer_service" }));
  head = asSession(await makeUser(t.db, { role: "department_head", department: "operations" }));
  const kc = [await makeKeyCustomer(t.db, "市第一医院"), await makeKeyCustomer(t.db, "市政府办公厅", "13911112222")];

  // named rows for the searches
  rows.push(
    form(complaintCode("2026-05-08", 1), desk.id, { customerName: "王先生", contact: "138-0013 8000 王先生", department: "operations" }),
    form(complaintCode("2026-05-08", 2), desk.id, { customerName: "Wang Lei", contact: "13900139000" }),
    form(complaintCode("2026-05-08", 3), desk.id, { customerName: "100% 满意 Trading_Co", contact: "02155550000" }),
    form(complaintCode("2026-05-08", 4), desk.id, { customerName: "100x 满意", contact: "02155551111" }),
    // another department's request that operations is told of (a key customer's service record)
    form(complaintCode("2026-05-08", 5), desk.id, { status: "investigating", department: "finance", departmentsConcerned: ["finance", "operations"] }),
  );
  const r = prng(20260510);
  for (let i = 1; i <= 90; i++) {
    const status = r.pick(COMPLAINT_STATUSES);
    const due = new Date(NOW.getTime() + (r.int(16) - 8) * 60 * MIN); // on a grid: many ties, broken by the number
    const closed = status === "closed";
    rows.push(
      form(complaintCode(`2026-05-${String(1 + r.int(9)).padStart(2, "0")}`, 100 + i), desk.id, {
        status,
        kind: r.pick(COMPLAINT_KINDS),
        channel: r.pick(COMPLAINT_CHANNELS),
        category: status === "recorded" ? null : r.pick(CATEGORIES),
        department: status === "recorded" ? null : r.pick(DEPTS),
        keyCustomerId: r.chance(0.25) ? r.pick(kc).id : null,
        severity: r.chance(0.2) ? "serious" : "normal",
        dueAt: due,
        receivedAt: new Date(due.getTime() - r.int(72) * 60 * MIN - 1000 * r.int(60)),
        repliedAt: status === "replied" || closed ? new Date(due.getTime() - 30 * MIN) : null,
        closedAt: closed ? new Date(NOW.getTime() - r.int(10) * 60 * MIN) : null,
        escalation: r.chance(0.3) ? r.pick(ESCALATION_LEVELS) : null,
      }),
    );
  }
  await t.db.insert(complaints).values(rows);
  // two deadlines a microsecond apart: a cursor in milliseconds would lose one of them at a page's edge
  const [a, b] = rows.filter((x) => x.status === "investigating").slice(0, 2);
  await t.db.execute(sql`update complaints set due_at = '2026-05-10 09:30:00.000001+08' where code = ${a!.code}`);
  await t.db.execute(sql`update complaints set due_at = '2026-05-10 09:30:00.000002+08' where code = ${b!.code}`);
  a!.dueAt = new Date("2026-05-10T01:30:00.000Z");
  b!.dueAt = new Date("2026-05-10T01:30:00.000Z");
  // in JS both are the same millisecond; their order is by number then, as in SQL (microseconds then number agree
  // only if a's number sorts first): make it so
  if (a!.code > b!.code) {
    await t.db.execute(sql`update complaints set due_at = '2026-05-10 09:30:00.000002+08' where code = ${a!.code}`);
    await t.db.execute(sql`update complaints set due_at = '2026-05-10 09:30:00.000001+08' where code = ${b!.code}`);
  }
});
afterAll(async () => {
  await t?.close();
});

const ask = (user: SessionUser, q: TDeskQuery = {}) => complaintDesk(t.db, user, ZDeskQuery.parse({ limit: 100, ...q }), NOW);
const codesOf = (p: TDeskPage) => p.rows.map((x) => x.code);

/** The same states and orders in plain JS (domain rules), to hold the SQL to. */
function expected(state: "open" | "overdue" | "escalated" | "closed" | "all", pick: (x: TFormRow) => boolean = () => true): string[] {
  const inState = (x: TFormRow) =>
    state === "open"
      ? x.status !== "closed"
      : state === "overdue"
        ? isComplaintOverdue(x, NOW)
        : state === "escalated"
          ? x.escalation != null && x.status !== "closed"
          : state === "closed"
            ? x.status === "closed"
            : true;
  const list = rows.filter((x) => inState(x) && pick(x));
  const key = (x: TFormRow) => (state === "closed" ? x.closedAt! : state === "all" ? x.receivedAt : x.dueAt).getTime();
  const desc = state === "closed" || state === "all";
  list.sort((x, y) => {
    const d = key(x) - key(y) || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0);
    return desc ? -d : d;
  });
  return list.map((x) => x.code);
}

describe("complaints desk", () => {
  it("orders each state as the domain does: the queue by deadline then number, closed and all latest first", async () => {
    for (const state of ["open", "overdue", "escalated", "closed", "all"] as const) {
      const page = await ask(desk, { state });
      const want = expected(state);
      expect(want.length, state).toBeGreaterThan(0);
      expect(codesOf(page), state).toEqual(want);
    }
    // overdue: every row still awaits its answer past its deadline
    const overdue = await ask(desk, { state: "overdue" });
    for (const x of overdue.rows) expect(x.dueAt.getTime() <= NOW.getTime() && !["replied", "closed"].includes(x.status)).toBe(true);
  });

  it("filters by status, channel, kind, category, department and key customer", async () => {
    const cases: [TDeskQuery, (x: TFormRow) => boolean][] = [
      [{ status: "investigating" }, (x) => x.status === "investigating"],
      [{ channel: "centre_180" }, (x) => x.channel === "centre_180"],
      [{ kind: "service_request" }, (x) => x.kind === "service_request"],
      [{ category: "billing" }, (x) => x.category === "billing"],
      [{ department: "finance" }, (x) => x.department === "finance"],
      [{ keyCustomer: true }, (x) => x.keyCustomerId != null],
      [{ keyCustomer: false }, (x) => x.keyCustomerId == null],
      [
        { channel: "counter", keyCustomer: false, department: "terminal_service" },
        (x) => x.channel === "counter" && x.keyCustomerId == null && x.department === "terminal_service",
      ],
    ];
    for (const [q, pick] of cases) {
      const want = expected("all", pick);
      expect(want.length, JSON.stringify(q)).toBeGreaterThan(0);
      expect(codesOf(await ask(desk, { ...q, state: "all" })), JSON.stringify(q)).toEqual(want);
      expect(codesOf(await ask(desk, { ...q, state: "open" })), JSON.stringify(q)).toEqual(expected("open", pick));
    }
  });

  it("shows the category's names and the key customer", async () => {
    const page = await ask(desk, { state: "all", keyCustomer: true, category: "billing" });
    expect(page.rows.length).toBeGreaterThan(0);
    for (const x of page.rows) {
      expect(x.categoryZh).toBe("计费");
      expect(x.categoryEn).toBe("Billing");
      expect(["市第一医院", "市政府办公厅"]).toContain(x.keyCustomer?.name);
    }
  });

  it("searches by form number (whole or its beginning), customer name (beginning, any case) and phone digits", async () => {
    const all = async (search: string) => codesOf(await ask(desk, { state: "all", search }));
    expect(await all("TS-20260508-0001")).toEqual(["TS-20260508-0001"]);
    expect(await all("ts-20260508-000")).toEqual(expected("all", (x) => x.code.startsWith("TS-20260508-000")));
    expect(await all("TS-20260508")).toEqual(expected("all", (x) => x.code.startsWith("TS-20260508")));
    expect(await all("王")).toEqual(["TS-20260508-0001"]);
    expect(await all("wang")).toEqual(["TS-20260508-0002"]);
    expect(await all("WANG L")).toEqual(["TS-20260508-0002"]);
    // a % or _ typed is itself, not a wildcard
    expect(await all("100%")).toEqual(["TS-20260508-0003"]);
    expect(await all("138 0013")).toEqual(["TS-20260508-0001"]);
    expect(await all("021-5555")).toEqual(expected("all", (x) => x.contactDigits.startsWith("0215555")));
    expect(await all("139001")).toEqual(["TS-20260508-0002"]);
    expect(await all("nobody")).toEqual([]);
  });

  it("pages by cursor without duplicates or gaps, in every state", async () => {
    for (const state of ["open", "overdue", "escalated", "closed", "all"] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard < 100; guard++) {
        const page = await ask(desk, { state, limit: 7, ...(cursor ? { cursor } : {}) });
        expect(page.rows.length).toBeLessThanOrEqual(7);
        seen.push(...codesOf(page));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen, state).toEqual(expected(state));
      expect(new Set(seen).size).toBe(seen.length);
    }
  });

  it("counts open, overdue, escalated and unclassified forms", async () => {
    const { counts } = await ask(desk, { state: "closed", channel: "counter" });
    expect(counts).toEqual({
      open: expected("open").length,
      overdue: expected("overdue").length,
      escalated: expected("escalated").length,
      unclassified: rows.filter((x) => x.status === "recorded").length,
    });
  });

  it("shows a department head only the department's forms and those it is told of, and counts only those", async () => {
    const mine = (x: TFormRow) => x.department === "operations" || (x.departmentsConcerned ?? []).includes("operations");
    for (const state of ["open", "overdue", "all"] as const) expect(codesOf(await ask(head, { state })), state).toEqual(expected(state, mine));
    // asking for another department finds only what they are told of
    expect(codesOf(await ask(head, { state: "all", department: "finance" }))).toEqual(["TS-20260508-0005"]);
    const { counts } = await ask(head);
    expect(counts.open).toBe(expected("open", mine).length);
    expect(counts.overdue).toBe(expected("overdue", mine).length);
    expect(counts.unclassified).toBe(0);
  });

  it("refuses a cursor it did not make", async () => {
    await expect(ask(desk, { cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "bad_input" });
    await expect(ask(desk, { cursor: Buffer.from('["x","y"]').toString("base64url") })).rejects.toMatchObject({ code: "bad_input" });
  });
});
