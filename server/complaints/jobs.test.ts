import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, complaintEscalations, complaintEvents, complaints, complaintSummaries, notices } from "@/db/schema";
import { rowsOf } from "@/db/client";
import { complaintCode } from "@/domain/complaints/codes";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { makeUser } from "@/tests/helpers/users";
import { ensurePolicy, form } from "./desk.fixtures";
import { complaintJobs, escalateOverdue, previousMonth } from "./jobs";
import { produceMonthSummary } from "./summary";

// 2026-05-10 10:00 in Shanghai
const NOW = new Date("2026-05-10T02:00:00Z");
const H = 3_600_000;

let t: TestDb;
let ids: Record<"late" | "future" | "replied" | "toManager" | "closed", string>;
let people: Record<"quality" | "desk" | "head" | "lineman" | "otherHead", string>;

beforeAll(async () => {
  t = await createTestDb();
  await ensurePolicy(t.db);
  people = {
    quality: (await makeUser(t.db, { role: "quality", department: "enterprise_management" })).id,
    desk: (await makeUser(t.db, { role: "customer_service", department: "customer_service" })).id,
    head: (await makeUser(t.db, { role: "department_head", department: "operations" })).id,
    lineman: (await makeUser(t.db, { role: "lineman", department: "operations" })).id,
    otherHead: (await makeUser(t.db, { role: "department_head", department: "finance" })).id,
  };
  const rows = [
    form(complaintCode("2026-05-09", 1), people.desk, { status: "investigating", department: "operations", dueAt: new Date(NOW.getTime() - H) }),
    form(complaintCode("2026-05-09", 2), people.desk, { status: "accepted", department: "operations", dueAt: new Date(NOW.getTime() + H) }),
    form(complaintCode("2026-05-09", 3), people.desk, {
      status: "replied",
      department: "operations",
      dueAt: new Date(NOW.getTime() - H),
      repliedAt: new Date(NOW.getTime() - 2 * H),
    }),
    form(complaintCode("2026-05-09", 4), people.desk, { status: "recorded", escalation: "general_manager", dueAt: new Date(NOW.getTime() - 5 * H) }),
    form(complaintCode("2026-05-09", 5), people.desk, { status: "closed", dueAt: new Date(NOW.getTime() - 9 * H), closedAt: new Date(NOW.getTime() - 10 * H) }),
  ];
  await t.db.insert(complaints).values(rows);
  ids = { late: rows[0]!.id, future: rows[1]!.id, replied: rows[2]!.id, toManager: rows[3]!.id, closed: rows[4]!.id };
});
afterAll(async () => {
  await t?.close();
});

const escalationsOf = (id: string) => t.db.select().from(complaintEscalations).where(eq(complaintEscalations.complaintId, id));
const noticeUsers = async (key: string) =>
  (await t.db.select({ userId: notices.userId }).from(notices).where(eq(notices.key, key))).map((n) => n.userId).sort();

describe("complaints.escalateOverdue", () => {
  it("escalates every form awaiting its answer past its deadline to enterprise management, recorded, and tells who must know", async () => {
    expect(await escalateOverdue(t.db, NOW)).toBe(2);
    const [late] = await escalationsOf(ids.late);
    expect(late).toMatchObject({ level: "quality", cause: "deadline_passed", actorId: null, dueAt: new Date(NOW.getTime() - H) });
    for (const id of [ids.future, ids.replied, ids.closed]) expect(await escalationsOf(id)).toEqual([]);

    const [row] = await t.db.select().from(complaints).where(eq(complaints.id, ids.late));
    expect(row!.escalation).toBe("quality");
    expect(row!.version).toBe(1);
    // the higher level is kept
    const [manager] = await t.db.select().from(complaints).where(eq(complaints.id, ids.toManager));
    expect(manager!.escalation).toBe("general_manager");
    expect(await escalationsOf(ids.toManager)).toHaveLength(1);

    const events = await t.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, ids.late));
    expect(events).toEqual([expect.objectContaining({ action: "escalated", actorId: null, fromStatus: "investigating", toStatus: "investigating" })]);
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.name, "complaint.escalated"), eq(auditEvents.subjectId, ids.late)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBeNull();
    expect(audit[0]!.payload).toMatchObject({ level: "quality", cause: "deadline_passed", automatic: true, code: "TS-20260509-0001" });

    // quality, customer service and the department's handlers; not its lineman, not another department
    const key = `complaint.overdue:${ids.late}:${new Date(NOW.getTime() - H).toISOString()}`;
    expect(await noticeUsers(key)).toEqual([people.quality, people.desk, people.head].sort());
  });

  it("is idempotent: run again (a retry, a second process) it adds nothing", async () => {
    expect(await escalateOverdue(t.db, NOW)).toBe(0);
    expect(await escalateOverdue(t.db, new Date(NOW.getTime() + 10 * 60_000))).toBe(0);
    expect(await escalationsOf(ids.late)).toHaveLength(1);
    expect(await t.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, ids.late))).toHaveLength(1);
  });

  it("escalates again when a deadline moved later passes again", async () => {
    const later = new Date(NOW.getTime() + 2 * H);
    await t.db.update(complaints).set({ dueAt: later }).where(eq(complaints.id, ids.late));
    expect(await escalateOverdue(t.db, new Date(NOW.getTime() + H + 60_000))).toBe(1); // the "future" one passed
    expect(await escalationsOf(ids.late)).toHaveLength(1);
    expect(await escalateOverdue(t.db, new Date(NOW.getTime() + 3 * H))).toBe(1);
    const rows = await escalationsOf(ids.late);
    expect(rows.map((r) => r.dueAt?.toISOString()).sort()).toEqual([new Date(NOW.getTime() - H).toISOString(), later.toISOString()]);
  });

  it("records the deadline exactly as stored (to the microsecond), so a form is escalated once for it", async () => {
    const [row] = await t.db
      .insert(complaints)
      .values(
        form(complaintCode("2026-04-29", 1), people.desk, {
          status: "investigating",
          department: "operations",
          receivedAt: new Date("2026-04-29T02:00:00Z"),
          dueAt: NOW,
        }),
      )
      .returning();
    await t.db.execute(sql`update complaints set due_at = '2026-05-10T01:00:00.123456Z' where id = ${row!.id}`);
    const at = new Date(NOW.getTime() + 4 * H);
    expect(await escalateOverdue(t.db, at)).toBe(1);
    const same = rowsOf<{ n: number }>(
      await t.db.execute(
        sql`select count(*)::int as n from complaint_escalations e join complaints c on c.id = e.complaint_id and c.due_at = e.due_at where c.id = ${row!.id}`,
      ),
    );
    expect(same[0]!.n).toBe(1);
    expect(await escalateOverdue(t.db, at)).toBe(0);
    expect(await escalationsOf(row!.id)).toHaveLength(1);
  });

  it("is declared with a 5-minute schedule, and the month summary on the 1st at 08:00", () => {
    expect(complaintJobs.map((j) => [j.name, j.schedule?.cron])).toEqual([
      ["complaints.escalateOverdue", "*/5 * * * *"],
      ["complaints.monthSummary", "0 8 1 * *"],
    ]);
  });
});

describe("complaints.monthSummary", () => {
  it("takes the operator month before (Asia/Shanghai), across the year's end", () => {
    expect(previousMonth(new Date("2026-12-01T00:00:00Z"))).toBe("2026-11"); // 08:00 on the 1st in Shanghai
    expect(previousMonth(new Date("2026-11-30T16:00:00Z"))).toBe("2026-11"); // 00:00 on 1 December in Shanghai
    expect(previousMonth(new Date("2026-11-30T15:59:59Z"))).toBe("2026-10"); // still 30 November there
    expect(previousMonth(new Date("2027-01-01T00:00:00Z"))).toBe("2026-12");
  });

  it("stores the summary, records it and tells quality and customer service once per month", async () => {
    // a person's "produce now" in the middle of May is refused: it would take May's one notice before May is over
    await expect(produceMonthSummary(t.db, "2026-05", people.quality, NOW)).rejects.toMatchObject({
      code: "rule_violation",
      details: { rule: "month_not_over" },
    });
    const at = new Date("2026-06-01T00:00:00Z");
    const first = await produceMonthSummary(t.db, "2026-05", null, at);
    expect(first.data.received).toBe(5);
    await produceMonthSummary(t.db, "2026-05", people.quality, new Date(at.getTime() + 60_000));
    const stored = await t.db.select().from(complaintSummaries).where(eq(complaintSummaries.month, "2026-05"));
    expect(stored.map((s) => s.generatedBy).sort()).toEqual([null, people.quality].sort());
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.name, "complaint.summaryProduced"));
    expect(audit.map((a) => a.payload)).toEqual(
      expect.arrayContaining([
        { month: "2026-05", forms: 5, automatic: true },
        { month: "2026-05", forms: 5, automatic: false },
      ]),
    );
    expect(await noticeUsers("complaint.monthSummary:2026-05")).toEqual([people.quality, people.desk].sort());
    // the notice is the job's of the 1st (its figures are the whole month's)
    const [notice] = await t.db.select({ params: notices.params }).from(notices).where(eq(notices.key, "complaint.monthSummary:2026-05")).limit(1);
    expect(notice!.params).toMatchObject({ month: "2026-05", forms: 5 });
  });
});
