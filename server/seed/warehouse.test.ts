import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { items, materials, notices, receiptLines, receipts, tagLeases, users, zones } from "@/db/schema";
import { isValidEan13 } from "@/domain/scan/ean13";
import { stockTagNumber } from "@/domain/warehouse/tags";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { login } from "@/tests/helpers/context";
import { DEMO_USERS } from "./demo";

/** Issue 14: the demo's warehouse, received through the same code as the keeper's phone. */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ seed: true });
});
afterAll(async () => t?.close());

describe("the demo seed's warehouse", () => {
  it("has a bilingual catalogue: terminals serialised, cable and accessories in lots, valid EAN-13s and a Code 128 text", async () => {
    const rows = await t.db.select().from(materials);
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const m of rows) {
      expect(m.nameZh).toMatch(/[\u4e00-\u9fff]/);
      expect(m.nameEn).toMatch(/[A-Za-z]/);
    }
    expect(rows.find((m) => m.code === "MAT-ONU-HG8245")).toMatchObject({ serialised: true, unit: "piece" });
    expect(rows.find((m) => m.code === "MAT-CAT6-305")).toMatchObject({ serialised: false });
    const codes = rows.flatMap((m) => m.barcodes);
    const eans = codes.filter((c) => /^\d{13}$/.test(c));
    expect(eans.length).toBeGreaterThanOrEqual(2);
    for (const c of eans) expect(isValidEan13(c), c).toBe(true);
    expect(codes.some((c) => !/^\d+$/.test(c))).toBe(true);
    expect((await t.db.select().from(zones).where(eq(zones.code, "WH1-B")))[0]).toMatchObject({ kind: "stock" });
  });

  it("a printed roll of 1,000 blank tags from the lease sequence, which stays ahead of it", async () => {
    const [roll] = await t.db.select().from(tagLeases);
    expect(roll).toMatchObject({ deviceId: null });
    expect(roll!.lastNo - roll!.firstNo + 1).toBe(1000);
    const [next] = rowsOf<{ n: string | number }>(await t.db.execute(sql`select nextval('stock_tag_lease_seq') as n`));
    expect(Number(next!.n)).toBeGreaterThan(roll!.lastNo);
  });

  it("one delivery for terminal service waits for its inspection: its tags 待检 in the inspection zone, from the roll, the department told", async () => {
    const [r] = await t.db.select().from(receipts);
    expect(r).toMatchObject({ department: "terminal_service", status: "awaiting_inspection", inspectionZone: "WH1-IN" });
    const lines = await t.db.select().from(receiptLines).where(eq(receiptLines.receiptId, r!.id));
    expect(lines).toHaveLength(2);
    const tags = await t.db
      .select({ item: items })
      .from(items)
      .innerJoin(receiptLines, eq(receiptLines.id, items.receiptLineId))
      .where(eq(receiptLines.receiptId, r!.id));
    expect(tags).toHaveLength(4);
    const [roll] = await t.db.select().from(tagLeases);
    for (const { item } of tags) {
      expect(item).toMatchObject({ status: "pending_inspection", zoneCode: "WH1-IN" });
      const n = stockTagNumber(item.tagCode)!;
      expect(n >= roll!.firstNo && n <= roll!.lastNo).toBe(true);
    }
    const [head] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, "head"));
    const told = await t.db.select().from(notices).where(eq(notices.userId, head!.id));
    expect(told.filter((n) => n.kind === "warehouse.inspectionRequested")).toMatchObject([{ href: `/warehouse/receipts/${r!.id}` }]);
  });

  it("the demo logins are unchanged", async () => {
    expect(DEMO_USERS.map((u) => u.username)).toEqual([
      "lineman",
      "lineman2",
      "keeper",
      "custodian",
      "head",
      "techhead",
      "service",
      "ops",
      "quality",
      "gm",
      "admin",
    ]);
    const { user } = await login(t.db, "keeper", "keeper-demo1");
    expect(user).toMatchObject({ role: "warehouse_keeper" });
  });
});
