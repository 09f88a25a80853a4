import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inArray } from "drizzle-orm";
import { complaintEscalations, complaints, complaintSummaries } from "@/db/schema";
import { complaintCode } from "@/domain/complaints/codes";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { makeUser } from "@/tests/helpers/users";
import { ensurePolicy, form, makeKeyCustomer, type TFormRow } from "./desk.fixtures";
import { monthBounds, monthSummary, produceMonthSummary, summaryCsv, summaryFor } from "./summary";

let t: TestDb;

// November 2026 in Shanghai is 2026-10-31T16:00Z … 2026-11-30T16:00Z
const EDGE = {
  lastOfOctober: new Date("2026-10-31T15:59:59.999Z"),
  firstOfNovember: new Date("2026-10-31T16:00:00.000Z"),
  lastOfNovember: new Date("2026-11-30T15:59:59.999Z"),
  firstOfDecember: new Date("2026-11-30T16:00:00.000Z"),
};

beforeAll(async () => {
  t = await createTestDb();
  await ensurePolicy(t.db);
  const by = (await makeUser(t.db, { role: "customer_service", department: "customer_service" })).id;
  const kc = await makeKeyCustomer(t.db, "市第一医院");
  let n = 0;
  const f = (o: Partial<TFormRow>) => form(complaintCode("2026-11-01", ++n), by, o);
  const rows = [
    // October's last moment: not November's, but still open (and overdue) at November's end
    f({ receivedAt: EDGE.lastOfOctober, dueAt: new Date("2026-11-02T16:00:00Z"), status: "investigating", department: "operations" }),
    // November's first moment: answered on time, closed in November, called back (5)
    f({
      receivedAt: EDGE.firstOfNovember,
      dueAt: new Date("2026-11-03T16:00:00Z"),
      repliedAt: new Date("2026-11-02T02:00:00Z"),
      closedAt: new Date("2026-11-02T03:00:00Z"),
      status: "closed",
      channel: "centre_180",
      category: "billing",
      department: "finance",
      callbackAt: new Date("2026-11-04T02:00:00Z"),
      satisfaction: 5,
    }),
    // answered late; a key customer; serious; called back (2)
    f({
      receivedAt: new Date("2026-11-10T02:00:00Z"),
      dueAt: new Date("2026-11-10T06:00:00Z"),
      repliedAt: new Date("2026-11-11T02:00:00Z"),
      status: "replied",
      channel: "line_189",
      kind: "service_request",
      serviceType: "repair",
      category: "fault_repair",
      department: "terminal_service",
      keyCustomerId: kc.id,
      severity: "serious",
      callbackAt: new Date("2026-11-12T02:00:00Z"),
      satisfaction: 2,
    }),
    // November's last moment: recorded, not overdue yet at the month's end
    f({ receivedAt: EDGE.lastOfNovember, dueAt: new Date("2026-12-03T16:00:00Z"), status: "recorded", kind: "inquiry" }),
    // December's first moment: not November's
    f({ receivedAt: EDGE.firstOfDecember, dueAt: new Date("2026-12-03T16:00:00Z"), status: "recorded" }),
    // overdue at November's end, answered in December (so not "awaiting" now, but it was then)
    f({
      receivedAt: new Date("2026-11-20T02:00:00Z"),
      dueAt: new Date("2026-11-25T16:00:00Z"),
      repliedAt: new Date("2026-12-02T02:00:00Z"),
      status: "replied",
      keyCustomerId: kc.id,
      category: "billing",
      department: "finance",
    }),
  ];
  await t.db.insert(complaints).values(rows);
  await t.db.insert(complaintEscalations).values([
    { complaintId: rows[2]!.id, level: "quality", cause: "serious", reason: "严重", at: new Date("2026-11-10T03:00:00Z") },
    { complaintId: rows[2]!.id, level: "general_manager", cause: "decision", reason: "复核", at: new Date("2026-11-10T05:00:00Z") },
    { complaintId: rows[5]!.id, level: "quality", cause: "deadline_passed", reason: "超时", dueAt: rows[5]!.dueAt, at: EDGE.firstOfDecember },
    { complaintId: rows[0]!.id, level: "quality", cause: "deadline_passed", reason: "超时", dueAt: rows[0]!.dueAt, at: new Date("2026-11-02T16:05:00Z") },
  ]);
});
afterAll(async () => {
  await t?.close();
});

describe("month summary", () => {
  it("bounds an operator month in Asia/Shanghai", () => {
    expect(monthBounds("2026-11")).toEqual({ from: EDGE.firstOfNovember, to: EDGE.firstOfDecember });
    expect(monthBounds("2026-12").to).toEqual(new Date("2026-12-31T16:00:00Z"));
    expect(() => monthBounds("2026-13")).toThrow();
  });

  it("counts what November received, closed, left open and overdue, on time, escalated, key customers and callbacks", async () => {
    const s = await monthSummary(t.db, "2026-11", new Date("2026-12-05T00:00:00Z"));
    expect(s.received).toBe(4);
    expect(s.byChannel).toMatchObject({ counter: 2, centre_180: 1, line_189: 1, inquiry_desk: 0, on_site: 0 });
    expect(s.byKind).toEqual({ complaint: 2, inquiry: 1, service_request: 1 });
    expect(s.byCategory).toEqual({ billing: 2, fault_repair: 1, "": 1 });
    expect(s.byDepartment).toEqual({ terminal_service: 1, finance: 2, "": 1 });
    expect(s.bySeverity).toEqual({ normal: 3, serious: 1 });
    expect(s.closed).toBe(1);
    // open at the end: October's, the late one (replied, not closed), the last of November's, the one answered in December
    expect(s.openAtEnd).toBe(4);
    // overdue at the end: October's (due 2 Nov) and the one answered only in December; the late-but-answered is not
    expect(s.overdueAtEnd).toBe(2);
    expect(s.answered).toEqual({ count: 2, onTime: 1, share: 0.5 });
    expect(s.escalations).toEqual({ total: 3, byLevel: { quality: 2, general_manager: 1 }, byCause: { serious: 1, decision: 1, deadline_passed: 1 } });
    expect(s.keyCustomers).toEqual({ requests: 2, answered: { count: 2, onTime: 0, share: 0 } });
    expect(s.callbacks).toEqual({ count: 2, meanSatisfaction: 3.5 });
    expect(s.categoryNames.billing).toEqual(["计费", "Billing"]);
  });

  it("for the month in progress, takes open and overdue as of now", async () => {
    const s = await monthSummary(t.db, "2026-11", new Date("2026-11-26T00:00:00Z"));
    expect(s.asOf).toBe("2026-11-26T00:00:00.000Z");
    expect(s.overdueAtEnd).toBe(2);
    const early = await monthSummary(t.db, "2026-11", new Date("2026-11-01T00:00:00Z"));
    expect(early.overdueAtEnd).toBe(0);
  });

  it("writes a CSV for Excel: BOM, section/key/value rows, shares to 4 places", async () => {
    const csv = summaryCsv(await monthSummary(t.db, "2026-11", new Date("2026-12-05T00:00:00Z")));
    expect(csv.startsWith("\uFEFFsection,key,value\r\n")).toBe(true);
    const rows = parse<{ section: string; key: string; value: string }>(csv.slice(1), { columns: true });
    const get = (section: string, key: string) => rows.find((r) => r.section === section && r.key === key)?.value;
    expect(get("totals", "received")).toBe("4");
    expect(get("category", "(none)")).toBe("1");
    expect(get("answered", "on_time_share")).toBe("0.5000");
    expect(get("callbacks", "mean_satisfaction")).toBe("3.5");
    expect(get("escalation_level", "general_manager")).toBe("1");
  });

  it("is produced only once the month is over (month_not_over): the month in progress stays live, nothing stored", async () => {
    const refused = { code: "rule_violation", details: { rule: "month_not_over" } };
    await expect(produceMonthSummary(t.db, "2026-12", null, new Date("2026-12-05T00:00:00Z"))).rejects.toMatchObject(refused);
    await expect(produceMonthSummary(t.db, "2026-11", null, EDGE.lastOfNovember)).rejects.toMatchObject(refused);
    await expect(produceMonthSummary(t.db, "2027-01", null, new Date("2026-12-05T00:00:00Z"))).rejects.toMatchObject(refused);
    expect(
      await t.db
        .select()
        .from(complaintSummaries)
        .where(inArray(complaintSummaries.month, ["2026-11", "2026-12", "2027-01"])),
    ).toEqual([]);
    expect((await summaryFor(t.db, "2026-12", new Date("2026-12-05T00:00:00Z"))).produced).toBeNull();
  });

  it("shows the latest produced summary of a month, else its figures as of now", async () => {
    const asOf = new Date("2026-11-26T00:00:00Z");
    const live = await summaryFor(t.db, "2026-11", asOf);
    expect(live.produced).toBeNull();
    expect(live.data.asOf).toBe(asOf.toISOString());
    const producedAt = new Date("2026-12-01T00:00:00Z");
    await produceMonthSummary(t.db, "2026-11", null, producedAt);
    const later = await summaryFor(t.db, "2026-11", new Date("2026-12-20T00:00:00Z"));
    expect(later.produced).toEqual({ month: "2026-11", generatedAt: producedAt, generatedBy: null });
    expect(later.data).toEqual(await monthSummary(t.db, "2026-11", producedAt));
  });
});
