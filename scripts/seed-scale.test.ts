/**
 * seed:scale at a tiny size on PostgreSQL (skipped without TEST_DATABASE_URL, like the other PostgreSQL-only tests):
 * two runs into two databases hold the same rows; the app's own functions read them (a desk page, a stock page, an
 * item's history ending in its label); the foreign keys the seed's events skipped checking hold; a database already
 * holding records, and PGlite, are refused.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { ZDeskQuery } from "@/domain/complaints/schemas";
import { ZStockSearch } from "@/domain/warehouse/schemas";
import { ZDeskFilter } from "@/domain/work-orders/schemas";
import { complaintDesk } from "@/server/complaints/desk";
import { itemDetail } from "@/server/warehouse/item-history";
import { searchStock } from "@/server/warehouse/search";
import { listDesk } from "@/server/work-orders/office-desk";
import { SCALE_NOW, seedChecksum, seedScale, type TScaleSize } from "./seed-scale-lib";

const BASE = process.env.TEST_DATABASE_URL;
const SIZE: TScaleSize = { items: 2000, events: 20000, workOrders: 3000, complaints: 1000, instruments: 300 };
const made: string[] = [];

async function freshDatabase(admin: postgres.Sql): Promise<string> {
  const name = `tm_test_scale_${randomBytes(4).toString("hex")}`;
  await admin.unsafe(`create database ${name}`);
  made.push(name);
  return BASE!.replace(/\/[^/]*$/, `/${name}`);
}

describe.skipIf(!BASE)("seed:scale on PostgreSQL (tiny size)", () => {
  const admin = BASE ? postgres(BASE, { max: 1, onnotice: () => {} }) : null;
  afterAll(async () => {
    for (const name of made) await admin!.unsafe(`drop database if exists ${name} with (force)`);
    await admin?.end();
  }, 120_000);

  it("is deterministic, valid, and read by the app's own functions", { timeout: 300_000 }, async () => {
    const a = await freshDatabase(admin!);
    const b = await freshDatabase(admin!);
    const ra = await seedScale(a, SIZE);
    await seedScale(b, SIZE);
    expect(ra.rows).toMatchObject({ items: 2000, item_label_events: 20000, work_orders: 3000, complaints: 1000, instruments: 300 });
    const [ha, hb] = [await seedChecksum(a), await seedChecksum(b)];
    expect(ha).toMatch(/^[0-9a-f]{32}$/);
    expect(ha).toBe(hb);

    const sql = postgres(a, { max: 1, onnotice: () => {} });
    const handle = await openDb({ kind: "postgres", url: a });
    try {
      // the foreign keys the events' bulk insert did not check per row, and each item's history ending in its label
      const [orphans] = await sql<
        { n: number }[]
      >`select (select count(*)::int from item_label_events e where not exists (select 1 from items i where i.id = e.item_id))
        + (select count(*)::int from item_label_events e where not exists (select 1 from users u where u.id = e.actor_id)) n`;
      expect(orphans!.n).toBe(0);
      const [mismatch] = await sql<{ n: number }[]>`select count(*)::int n from items i join lateral (
          select to_status, version_after from item_label_events e where e.item_id = i.id order by e.id desc limit 1) l on true
        where l.to_status <> i.status or l.version_after <> i.version`;
      expect(mismatch!.n).toBe(0);

      const [keeper] = await sql<{ id: string; username: string; displayName: string; role: "warehouse_keeper"; department: "terminal_service" }[]>`
        select id, username, display_name as "displayName", role, department from users where username = 'scale-keeper'`;
      const [tag] = await sql<
        { t: string; status: string }[]
      >`select tag_code t, status from items where tag_code like 'ST-%' order by tag_code offset 777 limit 1`;
      const detail = await itemDetail(handle.db, keeper!, tag!.t);
      const labels = detail.history.filter((h) => h.source === "label");
      expect(labels).toHaveLength(SIZE.events / SIZE.items);
      expect(labels.at(-1)!.toStatus).toBe(tag!.status);
      expect(detail.history.some((h) => h.kind === "received")).toBe(true);

      const desk = await listDesk({ db: handle.db, filter: ZDeskFilter.parse({ group: "all" }), now: SCALE_NOW });
      expect(desk.items).toHaveLength(20);
      expect(desk.nextCursor).not.toBeNull();
      const [clerk] = await sql<{ id: string; username: string; displayName: string; role: "customer_service"; department: "customer_service" }[]>`
        select id, username, display_name as "displayName", role, department from users where username = 'scale-clerk'`;
      const complaints = await complaintDesk(handle.db, clerk!, ZDeskQuery.parse({ state: "all" }), SCALE_NOW);
      expect(complaints.rows).toHaveLength(50);
      expect(complaints.nextCursor).not.toBeNull();
      const stock = await searchStock(handle.db, ZStockSearch.parse({ status: "accepted" }));
      expect(stock.rows.length).toBeGreaterThan(0);
      expect(stock.rows.every((r) => r.status === "accepted")).toBe(true);
    } finally {
      await sql.end();
      await handle.close();
    }

    await expect(seedScale(a, SIZE)).rejects.toThrow(/already holds records/);
  });

  it("refuses anything but PostgreSQL", async () => {
    await expect(seedScale("file:///tmp/pglite", SIZE)).rejects.toThrow(/PostgreSQL/);
  });
});
