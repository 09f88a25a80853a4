/**
 * seed:scale's histories (issue 18): item label events spread evenly over the items (each gets events / items of
 * them, the first ones one more) and over the 730 days before `now`, each item's ending in its current label; and a
 * `received` stock event for each received item. Deterministic: the events of ordinal o (items in tag order) are
 * made from o and their number s alone. Chunked by event number, a progress line each.
 */
import type postgres from "postgres";
import { hash } from "./seed-scale-office";

/**
 * The label of an item's s-th of n events: it arrived (material) or entered service (equipment), moved between
 * the two labels of its kind's everyday life, and the last one is its label now.
 */
const LABEL_FN = `
create function pg_temp.scale_label(kind text, final text, s int, n int) returns text language sql immutable as $$
  select case when s = n - 1 then final
    when s = 0 then case when kind = 'material' then 'pending_inspection' else 'in_service' end
    when kind = 'material' then case when ((n - 2 - s) % 2 = 0) = (final = 'accepted') then 'in_use' else 'accepted' end
    else case when ((n - 2 - s) % 2 = 0) = (final = 'in_service') then 'under_maintenance' else 'in_service' end end
$$`;
const REASON_FN = `
create function pg_temp.scale_reason(label text, s int) returns text language sql immutable as $$
  select case label when 'received' then 'arrived' when 'pending_inspection' then 'arrived'
    when 'accepted' then case when s <= 1 then 'inspection_passed' else 'returned_to_stock' end
    when 'in_use' then 'issued_for_use' when 'returned' then 'inspection_failed' when 'pending_disposal' then 'end_of_life'
    when 'scrapped' then 'disposal_approved' when 'in_service' then case when s = 0 then 'inspection_passed' else 'repair_done' end
    else 'fault_found' end
$$`;

export async function seedLabelEvents(
  sql: postgres.Sql,
  events: number,
  now: Date,
  actor: string,
  log: (line: string) => void,
  chunk = 1_000_000,
): Promise<void> {
  const at = `'${now.toISOString()}'::timestamptz`;
  await sql.unsafe(`set work_mem = '128MB'`);
  await sql.unsafe(`drop table if exists scale_items`);
  // the items in tag order: ordinal → id, kind, label, zone (kept in a plain table for the chunks; dropped at the end)
  await sql.unsafe(`create unlogged table scale_items as
    select row_number() over (order by tag_code collate "C")::int o, id, kind, status, zone_code from items`);
  await sql.unsafe(`alter table scale_items add primary key (o)`);
  const [{ n }] = await sql.unsafe<[{ n: number }]>(`select count(*)::int n from scale_items`);
  if (n === 0) throw new Error("no items to give a history");
  await sql.unsafe(LABEL_FN);
  await sql.unsafe(REASON_FN);
  const per = Math.floor(events / n);
  const extra = events % n;
  for (let first = 1; first <= events; first += chunk) {
    const last = Math.min(events, first + chunk - 1);
    const t0 = Date.now();
    // event e: item ordinal o = (e - 1) % n + 1, its s-th event; the item has cnt of them
    await sql.unsafe(`
      insert into item_label_events (item_id, from_status, to_status, reason, from_zone, to_zone, actor_id, server_time, client_time, version_after)
      select i.id, case when x.s > 0 then pg_temp.scale_label(i.kind, i.status, x.s - 1, x.cnt) end, lbl, pg_temp.scale_reason(lbl, x.s),
        null, case when x.s = x.cnt - 1 then i.zone_code end, '${actor}'::uuid, t, t - interval '40 seconds', x.s + 2
      from (select e, (e - 1) % ${n} + 1 as o, ((e - 1) / ${n})::int as s,
              ${per} + case when (e - 1) % ${n} + 1 <= ${extra} then 1 else 0 end as cnt
            from generate_series(${first}::bigint, ${last}::bigint) e) x
      join scale_items i on i.o = x.o
      cross join lateral (select pg_temp.scale_label(i.kind, i.status, x.s, x.cnt) as lbl,
        ${at} - interval '730 days' + (x.s + 0.5 + ${hash("x.o", 31, 500)} / 1000.0) * (interval '730 days' / x.cnt) as t) y
      order by x.e`);
    log(`item_label_events ${last.toLocaleString("en")} / ${events.toLocaleString("en")} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  // the items' versions count their label changes (items.version is what a phone's change is checked against)
  const t0 = Date.now();
  await sql.unsafe(`update items set version = v.cnt + 1
    from (select id, ${per} + case when o <= ${extra} then 1 else 0 end as cnt from scale_items) v where v.id = items.id and v.cnt > 0`);
  log(`items.version ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await sql.unsafe(`drop table scale_items`);
}

/** A `received` stock event for every item received on a receipt line (its receipt code, quantity and zone). */
export async function seedStockEvents(sql: postgres.Sql, actor: string): Promise<void> {
  await sql.unsafe(`
    insert into stock_events (item_id, kind, quantity, zone_code, ref, actor_id, at)
    select i.id, 'received', i.quantity, r.inspection_zone, r.code, '${actor}'::uuid, r.received_at
    from items i join receipt_lines l on l.id = i.receipt_line_id join receipts r on r.id = l.receipt_id
    order by i.tag_code collate "C"`);
}
