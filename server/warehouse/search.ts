import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { ITEM_STATUSES, type TItemStatus } from "@/domain/items/labels";
import { ITEM_TAG_PATTERN, normalizeTag } from "@/domain/items/tags";
import type { TStockSearch } from "@/domain/warehouse/schemas";

/**
 * `warehouse.search`: stock by tag, lot, delivery note, receipt, material, zone and label, a page at a time in tag
 * order (keyset: the last tag shown). Over a million items every branch reads an index, never the table:
 * - a whole tag (a lot is a tag): the unique index on tag_code;
 * - a tag prefix (`ST-0012`): a range of whole tags, `ST-001200` … `ST-001299`, on the same index;
 * - a delivery note or receipt code: receipts_delivery_note_idx / the code's unique index → receipt_lines_receipt_idx
 *   → items_receipt_line_idx (a receipt holds at most a few thousand tags);
 * - a material (catalogue code prefix, or a name that contains the words): the small catalogue first, then per
 *   material the first page of items_material_idx (material_code, tag_code);
 * - zone and label filters: items_zone_status_idx (zone_code, status, tag_code), one ordered range per (zone, label)
 *   pair when only one of them is given (a loose index scan: the labels, or the zones, are few).
 */
type Hit = { id: string; tag: string };
const TAG_PREFIX = /^(ST|EQ)(-\d{0,6})?$/;
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The whole tags a prefix stands for, as a range on tag_code (tags are fixed-width, so any collation orders them alike). */
export function tagRange(q: string): { lo: string; hi: string } | null {
  const m = TAG_PREFIX.exec(q);
  if (!m) return null;
  const digits = (m[2] ?? "-").slice(1);
  return { lo: `${m[1]}-${digits.padEnd(6, "0")}`, hi: `${m[1]}-${digits.padEnd(6, "9")}` };
}

interface Filters {
  zoneCode?: string;
  status?: TItemStatus;
  after?: string;
  range?: { lo: string; hi: string };
}

function tagConditions(f: Filters, alias = "i"): SQL {
  const parts: SQL[] = [sql`true`];
  const col = sql.raw(`${alias}.tag_code`);
  if (f.after !== undefined) parts.push(sql`${col} > ${f.after}`);
  if (f.range) parts.push(sql`${col} between ${f.range.lo} and ${f.range.hi}`);
  return sql.join(parts, sql` and `);
}

function labelConditions(f: Filters, alias = "i"): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.zoneCode !== undefined) parts.push(sql`${sql.raw(alias)}.zone_code = ${f.zoneCode}`);
  if (f.status !== undefined) parts.push(sql`${sql.raw(alias)}.status = ${f.status}`);
  return sql.join(parts, sql` and `);
}

/**
 * Tag order within one (zone, label) pair, spelled as items_zone_status_idx's own order: with the zone and the label
 * fixed it is the same order, and the planner then walks that index's range. Spelled `order by tag_code`, it walked
 * the whole tag index instead when the pair is empty or rare (no zone: issued or written-off items, 29,600 blocks,
 * 470 ms over a million items).
 */
const BY_ZONE_INDEX = sql.raw("order by i.zone_code, i.status, i.tag_code");

/**
 * `column = value` written as a one-value range: the same rows, but the planner cannot fold the column out of the
 * index order above, so it keeps to the index that has it (zone/label, or material) instead of walking the whole tag
 * index and filtering, which it would for a pair it guesses common and that is empty or rare (a zone without that
 * label: every item of the table read). Over a million items: 306 ms → 9 ms for a label filter alone.
 */
function only(column: "zone_code" | "status" | "material_code", value: unknown): SQL {
  const col = sql.raw(`i.${column}`);
  return sql`${col} >= ${value} and ${col} <= ${value}`;
}

/** Items by tag range and the zone/label filters, first `n` in tag order, each path on an index. */
async function byFilters(db: Db, f: Filters, n: number): Promise<Hit[]> {
  const tags = tagConditions(f);
  let query: SQL;
  if (f.zoneCode !== undefined && f.status !== undefined) {
    query = sql`select i.id, i.tag_code as tag from items i where ${only("zone_code", f.zoneCode)} and i.status = ${f.status} and ${tags} ${BY_ZONE_INDEX} limit ${n}`;
  } else if (f.zoneCode !== undefined) {
    const statuses = sql.join(
      ITEM_STATUSES.map((s) => sql`(${s})`),
      sql`, `,
    );
    query = sql`select h.id, h.tag from (values ${statuses}) s(status) cross join lateral (
        select i.id, i.tag_code as tag from items i where i.zone_code = ${f.zoneCode} and ${only("status", sql`s.status`)} and ${tags} ${BY_ZONE_INDEX} limit ${n}
      ) h order by h.tag limit ${n}`;
  } else if (f.status !== undefined) {
    query = sql`select h.id, h.tag from (
        select h.id, h.tag from zones z cross join lateral (
          select i.id, i.tag_code as tag from items i where ${only("zone_code", sql`z.code`)} and i.status = ${f.status} and ${tags} ${BY_ZONE_INDEX} limit ${n}
        ) h
        union all
        (select i.id, i.tag_code as tag from items i where i.zone_code is null and i.status = ${f.status} and ${tags} ${BY_ZONE_INDEX} limit ${n})
      ) h order by h.tag limit ${n}`;
  } else {
    query = sql`select i.id, i.tag_code as tag from items i where ${tags} order by i.tag_code limit ${n}`;
  }
  return rowsOf<Hit>(await db.execute(query));
}

/** Items that came in on a receipt named by its delivery note or its code. */
async function byReceipt(db: Db, q: string, f: Filters, n: number): Promise<Hit[]> {
  return rowsOf<Hit>(
    await db.execute(sql`select i.id, i.tag_code as tag from receipts r
      join receipt_lines l on l.receipt_id = r.id
      join items i on i.receipt_line_id = l.id
      where (r.delivery_note = ${q} or r.code = ${q.toUpperCase()}) and ${labelConditions(f)} and ${tagConditions(f)}
      order by i.tag_code limit ${n}`),
  );
}

/** Items of the catalogue's materials whose code starts with, or whose name contains, the words. */
async function byMaterial(db: Db, q: string, f: Filters, n: number): Promise<Hit[]> {
  const contains = `%${likeEscape(q)}%`;
  const prefix = `${likeEscape(q.toUpperCase())}%`;
  return rowsOf<Hit>(
    await db.execute(sql`select h.id, h.tag from (
        select m.code from materials m where m.code like ${prefix} or m.name_zh ilike ${contains} or m.name_en ilike ${contains} limit 500
      ) m cross join lateral (
        select i.id, i.tag_code as tag from items i where ${only("material_code", sql`m.code`)} and ${labelConditions(f)} and ${tagConditions(f)}
          order by i.material_code, i.tag_code limit ${n}
      ) h order by h.tag limit ${n}`),
  );
}

function merge(lists: Hit[][], n: number): Hit[] {
  const byId = new Map<string, Hit>();
  for (const list of lists) for (const h of list) byId.set(h.id, h);
  return [...byId.values()].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0)).slice(0, n);
}

export async function searchStock(db: Db, input: TStockSearch) {
  const n = input.limit + 1;
  const f: Filters = { zoneCode: input.zoneCode, status: input.status, after: input.cursor };
  const raw = input.q.trim();
  const tag = normalizeTag(raw);
  let hits: Hit[];
  if (raw === "") hits = await byFilters(db, f, n);
  else if (ITEM_TAG_PATTERN.test(tag)) hits = await byFilters(db, { ...f, range: { lo: tag, hi: tag } }, n);
  else if (tagRange(tag)) hits = await byFilters(db, { ...f, range: tagRange(tag)! }, n);
  else hits = merge(await Promise.all([byReceipt(db, raw, f, n), byMaterial(db, raw, f, n)]), n);

  const more = hits.length > input.limit;
  const shown = hits.slice(0, input.limit);
  if (shown.length === 0) return { rows: [], next: null };
  const ids = sql.join(
    shown.map((h) => sql`${h.id}::uuid`),
    sql`, `,
  );
  const rows = rowsOf<{
    id: string;
    tag: string;
    name: string;
    materialCode: string | null;
    status: TItemStatus;
    zoneCode: string | null;
    quantity: number;
    receiptCode: string | null;
    deliveryNote: string | null;
  }>(
    await db.execute(sql`select i.id, i.tag_code as "tag", i.name, i.material_code as "materialCode", i.status, i.zone_code as "zoneCode",
        i.quantity, r.code as "receiptCode", r.delivery_note as "deliveryNote"
      from items i left join receipt_lines l on l.id = i.receipt_line_id left join receipts r on r.id = l.receipt_id
      where i.id in (${ids}) order by i.tag_code`),
  );
  return { rows, next: more ? shown[shown.length - 1]!.tag : null };
}
