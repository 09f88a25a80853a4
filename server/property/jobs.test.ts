import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notices, propertyCases, propertyLetters } from "@/db/schema";
import { addDays } from "@/domain/time/calendar";
import { operatorDay, startOfOperatorDay, toOperatorLocal } from "@/domain/time/operator";
import { advanceClock, now as clockNow, resetClock } from "@/server/clock";
import { JOBS } from "@/server/jobs/list";
import { previewSchedule } from "@/server/jobs/send";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { notifyOverdueLetters, propertyOverdueJob } from "./jobs";
import { caseRow, inspectedRound, letterRow, person, type TPerson } from "./works.fixtures";

let t: TestDb;
let service: TPerson, serviceHead: TPerson, techhead: TPerson, custodian: TPerson, techLineman: TPerson, lineman: TPerson, quality: TPerson;
const H = 3_600_000;
const today = operatorDay(new Date());
/** `hour`:00 operator time on `day`. */
const at = (day: string, hour: number) => new Date(startOfOperatorDay(day).getTime() + hour * H);
const noticeUsers = async (key: string) =>
  (await t.db.select({ userId: notices.userId }).from(notices).where(eq(notices.key, key))).map((n) => n.userId).sort();
const letterOf = async (id: string) => (await t.db.select().from(propertyLetters).where(eq(propertyLetters.id, id)))[0]!;
let n = 0;

/** A failed round of a new case of `kind` and its letter due `deadline`. */
async function lateLetter(kind: "pbx" | "works", deadline: string): Promise<{ caseId: string; letterId: string }> {
  n++;
  const caseId = await caseRow(t.db, service, { kind, status: "recorded", code: `${kind === "pbx" ? "PBX" : "CW"}-2026-77${String(n).padStart(2, "0")}` });
  const r = await inspectedRound(t.db, { caseId, kind, by: service, inspectors: [lineman], failed: true });
  const letterId = await letterRow(t.db, {
    caseId,
    roundId: r.roundId,
    code: `RL-2026-77${String(n).padStart(2, "0")}`,
    deadline,
    by: service,
    items: r.failedItems,
  });
  return { caseId, letterId };
}

beforeAll(async () => {
  resetClock();
  t = await createTestDb();
  service = await person(t.db, "customer_service", "customer_service");
  serviceHead = await person(t.db, "department_head", "customer_service");
  techhead = await person(t.db, "department_head", "technology_development");
  custodian = await person(t.db, "instrument_custodian", "technology_development");
  techLineman = await person(t.db, "lineman", "technology_development");
  lineman = await person(t.db, "lineman", "terminal_service");
  quality = await person(t.db, "quality", "enterprise_management");
});
afterAll(async () => {
  resetClock();
  await t?.close();
});

describe("property.overdue is declared and listed", () => {
  it("daily at 09:00 operator time, in JOBS", () => {
    expect(JOBS.map((j) => j.name)).toContain("property.overdue");
    expect(propertyOverdueJob.schedule?.cron).toBe("0 9 * * *");
    const [next] = previewSchedule(propertyOverdueJob.schedule!.cron, { from: clockNow(), count: 1 }) as [Date];
    expect(toOperatorLocal(next)).toMatch(/T09:00/);
  });
});

describe("a letter past its deadline with no rectification reported", () => {
  it("works: Technology Development's people (not its linemen) and customer service are told once, the day after the deadline", async () => {
    const deadline = addDays(today, 3);
    const { caseId, letterId } = await lateLetter("works", deadline);
    expect(await notifyOverdueLetters(t.db, at(deadline, 9))).toBe(0);
    expect(await notifyOverdueLetters(t.db, at(deadline, 23.9))).toBe(0);
    expect((await letterOf(letterId)).overdueNotifiedAt).toBeNull();

    const first = at(addDays(deadline, 1), 9);
    expect(await notifyOverdueLetters(t.db, first)).toBe(1);
    expect(await notifyOverdueLetters(t.db, first)).toBe(0);
    expect(await notifyOverdueLetters(t.db, at(addDays(deadline, 2), 9))).toBe(0);
    expect((await letterOf(letterId)).overdueNotifiedAt?.getTime()).toBe(first.getTime());

    const key = `property.letterOverdue:${letterId}`;
    expect(await noticeUsers(key)).toEqual([service.id, serviceHead.id, techhead.id, custodian.id].sort());
    const [notice] = await t.db.select().from(notices).where(eq(notices.key, key)).limit(1);
    expect(notice).toMatchObject({ kind: "property.letterOverdue", href: `/property/${caseId}` });
    expect(notice!.params).toMatchObject({ due: deadline, customer: "恒信贸易公司 Hengxin Trading" });
    expect(await noticeUsers(key)).not.toContain(techLineman.id);
    expect(await noticeUsers(key)).not.toContain(quality.id);
  });

  it("PBX: the organisers are customer service, who are told", async () => {
    const deadline = addDays(today, 4);
    const { letterId } = await lateLetter("pbx", deadline);
    expect(await notifyOverdueLetters(t.db, at(addDays(deadline, 1), 9))).toBe(1);
    expect(await noticeUsers(`property.letterOverdue:${letterId}`)).toEqual([service.id, serviceHead.id].sort());
  });

  it("by the operator's day: 00:30 in Beijing the day after the deadline is overdue (still the deadline's date in UTC)", async () => {
    const deadline = addDays(today, 5);
    const { letterId } = await lateLetter("works", deadline);
    const earlyMorning = at(addDays(deadline, 1), 0.5);
    expect(earlyMorning.toISOString().slice(0, 10)).toBe(deadline);
    expect(await notifyOverdueLetters(t.db, at(deadline, 23.5))).toBe(0);
    expect(await notifyOverdueLetters(t.db, earlyMorning)).toBe(1);
    expect((await letterOf(letterId)).overdueNotifiedAt?.getTime()).toBe(earlyMorning.getTime());
  });

  it("not when the rectification was reported, nor on a cancelled case", async () => {
    const deadline = addDays(today, 6);
    const rectified = await lateLetter("works", deadline);
    await t.db.update(propertyLetters).set({ rectifiedAt: new Date(), rectifiedBy: service.id }).where(eq(propertyLetters.id, rectified.letterId));
    const cancelled = await lateLetter("pbx", deadline);
    await t.db.update(propertyCases).set({ status: "cancelled", cancelReason: "客户撤回" }).where(eq(propertyCases.id, cancelled.caseId));
    expect(await notifyOverdueLetters(t.db, at(addDays(deadline, 3), 9))).toBe(0);
    expect(await noticeUsers(`property.letterOverdue:${rectified.letterId}`)).toEqual([]);
    expect(await noticeUsers(`property.letterOverdue:${cancelled.letterId}`)).toEqual([]);
  });

  it("the runner's run at 09:00 with the server's clock notifies once across reruns", async () => {
    const deadline = addDays(today, 8);
    const { letterId } = await lateLetter("works", deadline);
    const run = () => propertyOverdueJob.handler({}, { id: "00000000-0000-4000-8000-000000000000", retryCount: 0, db: t.db });
    const target = at(addDays(deadline, 1), 9);
    advanceClock(target.getTime() - clockNow().getTime());
    await run();
    await run();
    advanceClock(24 * H);
    await run();
    expect(Math.abs(((await letterOf(letterId)).overdueNotifiedAt?.getTime() ?? 0) - target.getTime())).toBeLessThan(5_000);
    expect(await noticeUsers(`property.letterOverdue:${letterId}`)).toHaveLength(4);
    expect(
      await t.db
        .select()
        .from(notices)
        .where(eq(notices.key, `property.letterOverdue:${letterId}`)),
    ).toHaveLength(4);
  });
});
