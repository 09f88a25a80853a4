import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notices, users } from "@/db/schema";
import { NOTICE_KINDS } from "@/domain/notices/notices";
import { CATALOGUES } from "@/messages/catalogue";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { batch, envelope, feedRows, newDevice, pullCaughtUp } from "@/tests/helpers/sync";
import { raiseNotice } from "./service";

describe("notices: raised once per key, delivered to their recipient's phone only, read offline", () => {
  let t: TestDb;
  let lineman: Caller;
  let linemanId: string;
  let custodianId: string;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({
      caller: lineman,
      user: { id: linemanId },
    } = await login(t.db, "lineman", "lineman-demo"));
    ({
      user: { id: custodianId },
    } = await login(t.db, "custodian", "custodian-demo"));
  });
  afterAll(async () => t?.close());

  it("raising the same key again (a retried job, a second process) adds nothing; roles reach their active users", async () => {
    const n = {
      to: { userIds: [linemanId], roles: ["instrument_custodian" as const] },
      kind: "instrument.loanOverdue" as const,
      params: { tag: "IN-000301" },
      href: "/instruments#IN-000301",
      key: "test:overdue:1",
    };
    expect(await raiseNotice(t.db, n)).toBe(2);
    expect(await raiseNotice(t.db, n)).toBe(0);
    const rows = await t.db.select().from(notices).where(eq(notices.key, "test:overdue:1"));
    expect(rows.map((r) => r.userId).sort()).toEqual([linemanId, custodianId].sort());
    // a disabled user is not a recipient
    await t.db.update(users).set({ active: false }).where(eq(users.id, custodianId));
    try {
      expect(await raiseNotice(t.db, { ...n, key: "test:overdue:2" })).toBe(1);
    } finally {
      await t.db.update(users).set({ active: true }).where(eq(users.id, custodianId));
    }
  });

  it("refuses a link out of the app and an unknown kind, writing nothing", async () => {
    const base = { to: { userIds: [linemanId] }, kind: "instrument.loanOverdue" as const, href: "/instruments", key: "test:bad" };
    await expect(raiseNotice(t.db, { ...base, href: "https://evil.example/" })).rejects.toThrow(/not a path/);
    await expect(raiseNotice(t.db, { ...base, kind: "x.y" as never })).rejects.toThrow(/unknown kind/);
    expect(await t.db.select().from(notices).where(eq(notices.key, "test:bad"))).toEqual([]);
  });

  it("a phone receives its user's notices only, and marks them read with notice.markRead (others' ids ignored)", async () => {
    await raiseNotice(t.db, {
      to: { userIds: [linemanId] },
      kind: "instrument.loanDueSoon",
      params: { tag: "IN-000302", due: "2026-12-08" },
      href: "/instruments#IN-000302",
      key: "test:due:1",
    });
    await raiseNotice(t.db, {
      to: { userIds: [custodianId] },
      kind: "instrument.calibrationDueSoon",
      params: { tag: "IN-000303" },
      href: "/instruments#IN-000303",
      key: "test:cal:1",
    });
    const d = await newDevice(lineman);
    const mine = feedRows(await pullCaughtUp(lineman, d, t.db), "notices");
    // exactly the lineman's notices (the seed's reminder of their own loan among them), none of the custodian's
    const own = await t.db.select({ id: notices.id, key: notices.key }).from(notices).where(eq(notices.userId, linemanId));
    expect(mine.map((n) => n.id).sort()).toEqual(own.map((n) => n.id).sort());
    expect(own.map((n) => n.key)).toEqual(expect.arrayContaining(["test:overdue:1", "test:overdue:2", "test:due:1"]));
    expect(own.map((n) => n.key)).not.toContain("test:cal:1");
    expect(mine.every((n) => n.readAt === null)).toBe(true);
    const theirs = (await t.db.select().from(notices).where(eq(notices.userId, custodianId))).map((n) => n.id);

    const read = envelope(d, 1, "notice.markRead", { noticeIds: [mine[0]!.id, ...theirs] });
    expect((await lineman.sync.push(batch(d, read))).results[0]).toMatchObject({ status: "applied" });
    const again = envelope(d, 2, "notice.markRead", { noticeIds: [mine[0]!.id] });
    expect((await lineman.sync.push(batch(d, again))).results[0]).toMatchObject({ status: "already_in_state" });
    // the custodian's notices stay unread
    expect((await t.db.select().from(notices).where(eq(notices.userId, custodianId))).every((n) => n.readAt === null)).toBe(true);
    const after = feedRows(await pullCaughtUp(lineman, d, t.db), "notices");
    expect(after.find((n) => n.id === mine[0]!.id)!.readAt).toBeInstanceOf(Date);
    expect(after.filter((n) => n.readAt === null)).toHaveLength(mine.length - 1);

    const bad = envelope(d, 3, "notice.markRead", { noticeIds: [] });
    expect((await lineman.sync.push(batch(d, bad))).results[0]).toMatchObject({ status: "rejected", reasonCode: "bad_input" });
  });

  it("every kind of notice has its message in both languages", () => {
    for (const [locale, catalogue] of Object.entries(CATALOGUES)) {
      for (const kind of NOTICE_KINDS) {
        const message = kind
          .split(".")
          .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], (catalogue.notices as { kind: unknown }).kind);
        expect(typeof message, `${locale} notices.kind.${kind}`).toBe("string");
      }
    }
  });
});
