/**
 * A warehouse of any size in set-based statements (moved here from bench/warehouse-search.ts, issue 14; used by it and
 * by scripts/seed-scale.ts, issue 18): zones and sites besides the demo's, 2,000 catalogue materials, receipts of 5
 * lines each with their Quality Acceptance Forms, the received items (ST- tags after whatever the database holds, one
 * tag per serialised unit, one lot tag per bulk line, some lots split) and equipment (EQ- tags) up to `items`, every
 * label. Deterministic: ids are md5-made uuids, every choice a function of the row number, so two runs hold the same
 * rows. Needs the demo's sites HQ and WH1 and its zones WH1-IN, WH1-Q-RET, WH1-Q-DSP, WH1-Q-SCR (seedBaseZones).
 */
import type postgres from "postgres";

export interface TWarehouseSize {
  /** Items in all (received ones, then equipment up to this many). */
  items: number;
  /** Receipts of 5 lines (about 48 items each): 20,000 for 1,000,000 items. */
  receipts: number;
  /** The seed's "now": receipts are spread over the 540 days before it. */
  now: Date;
  keeper: string;
  inspector: string;
}

const LINES_PER_RECEIPT = 5;
const CATS = [
  ["ONU", "光猫", "ONU modem", "piece"],
  ["FIB", "光纤跳线", "Fibre patch cord", "piece"],
  ["TEL", "电话机", "Telephone", "piece"],
  ["CAB", "网线", "Network cable", "metre"],
  ["RTR", "路由器", "Router", "piece"],
  ["CON", "光纤连接器", "Fibre connector", "box"],
  ["STB", "机顶盒", "Set-top box", "piece"],
  ["PWR", "电源适配器", "Power adapter", "piece"],
  ["SPL", "分光器", "Optical splitter", "piece"],
  ["BOX", "分线盒", "Distribution box", "piece"],
] as const;
const arr = (xs: readonly string[]) => `array[${xs.map((x) => `'${x}'`).join(",")}]`;

/** Everything in set-based statements; ids are md5-made uuids so that two runs hold the same rows. */
/** The demo's two sites and six zones, when the database does not have them yet (an empty database). */
export async function seedBaseZones(sql: postgres.Sql): Promise<void> {
  await sql.unsafe(`insert into sites (code, name_zh, name_en, address) values ('HQ', '城区分公司', 'City branch', '人民路 88 号'),
    ('WH1', '中心仓库', 'Central warehouse', '工业园 3 号库') on conflict do nothing`);
  await sql.unsafe(`insert into zones (code, site_code, kind, holds, name_zh, name_en) values
    ('WH1-A', 'WH1', 'stock', null, '合格品区 A', 'Accepted stock A'), ('WH1-IN', 'WH1', 'inspection', null, '待检区', 'Pending inspection'),
    ('WH1-Q-RET', 'WH1', 'quarantine', 'returned', '退货区', 'Returned (quarantine)'), ('WH1-Q-SCR', 'WH1', 'quarantine', 'scrapped', '报废区', 'Scrapped (quarantine)'),
    ('WH1-Q-DSP', 'WH1', 'quarantine', 'pending_disposal', '待处理区', 'Pending disposal (quarantine)'), ('HQ-EQ', 'HQ', 'site', null, '机房设备', 'Exchange room equipment')
    on conflict do nothing`);
}

/** Everything in set-based statements; ids are md5-made uuids so that two runs hold the same rows. */
export async function seedWarehouse(sql: postgres.Sql, size: TWarehouseSize): Promise<void> {
  const { keeper, inspector, receipts: RECEIPTS, items: TOTAL_ITEMS } = size;
  const now = `'${size.now.toISOString()}'::timestamptz`;
  // the last 1 % of receipts await inspection, the 0.5 % before them are inspected and not labelled yet
  const awaiting = Math.ceil(RECEIPTS / 100);
  const inspected = Math.ceil((RECEIPTS * 3) / 200);
  // after whatever the demo seed received or leased: its tags, its day's receipt numbers
  const [{ base }] = await sql.unsafe<[{ base: number }]>(`select greatest(1000, (select coalesce(max(last_no), 0) from tag_leases),
      (select coalesce(max(substr(tag_code, 4)::int), 0) from items where tag_code like 'ST-%'))::int as base`);
  await sql.unsafe(
    `insert into sites (code, name_zh, name_en, address) values ('WH2', '二号仓库', 'Warehouse 2', '工业园 5 号库'), ('WH3', '三号仓库', 'Warehouse 3', '港区 1 号库')`,
  );
  // 44 zones besides the demo's 6: 30 stock, 2 inspection, 7 quarantine (2 more per label, one undesignated), 5 sites
  await sql.unsafe(`
    insert into zones (code, site_code, kind, holds, name_zh, name_en)
    select 'WH1-A' || lpad(i::text, 2, '0'), 'WH1', 'stock', null, '合格品区 A' || i, 'Accepted stock A' || i from generate_series(1, 24) i
    union all select 'WH2-S' || lpad(i::text, 2, '0'), 'WH2', 'stock', null, '合格品区 S' || i, 'Accepted stock S' || i from generate_series(1, 6) i
    union all select 'WH' || i || '-IN', 'WH' || i, 'inspection', null, '待检区 ' || i, 'Pending inspection ' || i from generate_series(2, 3) i
    union all select 'WH' || i || '-Q-RET', 'WH' || i, 'quarantine', 'returned', '退货区 ' || i, 'Returned ' || i from generate_series(2, 3) i
    union all select 'WH' || i || '-Q-DSP', 'WH' || i, 'quarantine', 'pending_disposal', '待处理区 ' || i, 'Pending disposal ' || i from generate_series(2, 3) i
    union all select 'WH' || i || '-Q-SCR', 'WH' || i, 'quarantine', 'scrapped', '报废区 ' || i, 'Scrapped ' || i from generate_series(2, 3) i
    union all select 'WH3-Q-MIX', 'WH3', 'quarantine', null, '隔离区', 'Quarantine (any)'
    union all select 'HQ-EQ' || i, 'HQ', 'site', null, '机房设备 ' || i, 'Exchange room ' || i from generate_series(2, 6) i`);
  // 2,000 materials: even numbers serialised (modems, phones, routers, set-top boxes, splitters), odd ones bulk
  await sql.unsafe(`
    insert into materials (code, name_zh, name_en, unit, serialised, barcodes)
    select 'MAT-' || (${arr(CATS.map((c) => c[0]))})[1 + i % 10] || '-' || lpad(i::text, 4, '0'),
      (${arr(CATS.map((c) => c[1]))})[1 + i % 10] || ' ' || (array['HG','F','ZX','TP','HW'])[1 + i % 5] || (1000 + i * 7 % 9000),
      (${arr(CATS.map((c) => c[2]))})[1 + i % 10] || ' ' || (array['HG','F','ZX','TP','HW'])[1 + i % 5] || (1000 + i * 7 % 9000),
      (${arr(CATS.map((c) => c[3]))})[1 + i % 10], i % 2 = 0, array['69' || lpad((i::bigint * 104729 % 100000000000)::text, 11, '0')]
    from generate_series(1, 2000) i`);
  // receipts over the 540 days before now, numbered per operator day; the last 1.5 % not labelled yet
  await sql.unsafe(`
    with r as (select i, ${now} - ((${RECEIPTS} - i) * 540.0 / ${RECEIPTS} + 1) * interval '1 day' - interval '3 hours' as at from generate_series(1, ${RECEIPTS}) i)
    insert into receipts (id, code, purchase_request, department, supplier, delivery_note, inspection_zone, status, received_by, received_at)
    select md5('receipt' || i)::uuid,
      'RC-' || to_char(at at time zone 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad((row_number() over (partition by (at at time zone 'Asia/Shanghai')::date order by i))::text, 4, '0'),
      'PR-' || to_char(at, 'YYYY') || '-' || lpad(i::text, 5, '0'),
      (array['terminal_service','operations','technology_development','customer_service'])[1 + i % 4],
      (array['华为技术有限公司','中兴通讯股份有限公司','烽火通信','TP-Link Technologies','长飞光纤光缆'])[1 + i % 5],
      'DN' || to_char(at, 'YYMMDD') || '-' || lpad((i * 7919 % 100000)::text, 5, '0'),
      (array['WH1-IN','WH2-IN','WH3-IN'])[1 + i % 3],
      case when i > ${RECEIPTS - awaiting} then 'awaiting_inspection' when i > ${RECEIPTS - inspected} then 'inspected' else 'labelled' end,
      '${keeper}'::uuid, at
    from r`);
  await sql.unsafe(`
    insert into acceptance_forms (id, receipt_id, code, department, inspector_id, signed_at, signature_sha256)
    select md5('form' || id)::uuid, id, 'QA' || substr(code, 3), department, '${inspector}'::uuid, received_at + interval '1 day', md5(code)
    from receipts where status <> 'awaiting_inspection'`);
  // lines: even ones serialised (1–36 units, one tag each), odd ones a bulk lot (one tag; every tenth split in two)
  await sql.unsafe(`
    create temp table bench_lines as
    select j, (j - 1) / ${LINES_PER_RECEIPT} + 1 as r, (j - 1) % ${LINES_PER_RECEIPT} + 1 as line_no,
      case when j % 2 = 0 then 2 * (1 + j * 7919 % 1000) else 2 * (1 + j::bigint * 104729 % 1000)::int - 1 end as m,
      j % 2 = 0 as serialised,
      case when j % 2 = 0 then 1 + j * 7 % 36 when j % 20 = 1 then 2 else 1 end as n,
      case when j % 2 = 0 then 1 + j * 7 % 36 else 10 + j * 31 % 2000 end as quantity
    from generate_series(1, ${RECEIPTS * LINES_PER_RECEIPT}) j`);
  await sql.unsafe(`alter table bench_lines add column start bigint`);
  await sql.unsafe(`update bench_lines b set start = s.start from (select j, sum(n) over (order by j) - n as start from bench_lines) s where s.j = b.j`);
  await sql.unsafe(`
    insert into receipt_lines (id, receipt_id, line_no, material_code, quantity, unit, serialised, supplier_code)
    select md5('line' || b.j)::uuid, md5('receipt' || b.r)::uuid, b.line_no, m.code, b.quantity, m.unit, b.serialised, m.barcodes[1]
    from bench_lines b join materials m on m.code = 'MAT-' || (${arr(CATS.map((c) => c[0]))})[1 + b.m % 10] || '-' || lpad(b.m::text, 4, '0')`);
  // the received items: ST- tags upwards in receipt order; labels by the receipt's state and a spread of verdicts
  await sql.unsafe(`
    insert into items (id, tag_code, kind, name, zone_code, status, version, updated_at, updated_by, material_code, quantity, receipt_line_id,
                       split_from, responsible_id, quarantined_at, holder_department)
    select md5('item' || k)::uuid, 'ST-' || lpad((${base} + k)::text, 6, '0'), 'material', x.name_zh || ' / ' || x.name_en,
      case when st in ('pending_inspection','received') then x.inspection_zone
           when st = 'accepted' then case when x.m % 5 = 0 then 'WH2-S' || lpad((1 + x.m % 6)::text, 2, '0') else 'WH1-A' || lpad((1 + x.m % 24)::text, 2, '0') end
           when st = 'in_use' then null
           when st = 'returned' then (array['WH1-Q-RET','WH2-Q-RET','WH3-Q-RET','WH3-Q-MIX'])[1 + k % 4]
           when st = 'pending_disposal' then (array['WH1-Q-DSP','WH2-Q-DSP','WH3-Q-DSP'])[1 + k % 3]
           else (array['WH1-Q-SCR','WH2-Q-SCR','WH3-Q-SCR'])[1 + k % 3] end,
      st, case when st in ('pending_inspection','received') then 1 else 2 end, x.received_at + interval '2 days', '${keeper}'::uuid, x.code,
      case when x.serialised then 1 when x.n = 2 and x.u = 1 then x.quantity * 4 / 5 when x.n = 2 then x.quantity - x.quantity * 4 / 5
           when st = 'accepted' then greatest(0, x.quantity - (k * 13 % x.quantity)) else x.quantity end,
      md5('line' || x.j)::uuid, case when x.n = 2 and x.u = 2 then md5('item' || (k - 1))::uuid end,
      case when st in ('returned','pending_disposal','scrapped') then '${keeper}'::uuid end,
      case when st in ('returned','pending_disposal','scrapped') then x.received_at + interval '2 days' end,
      case when st = 'in_use' then (array['operations','terminal_service'])[1 + k % 2] end
    from (
      select b.*, u, b.start + u as k, m.code, m.name_zh, m.name_en, rc.inspection_zone, rc.received_at,
        case when rc.status <> 'labelled' then case when (b.start + u) % 50 = 0 then 'received' else 'pending_inspection' end
             when b.n = 2 and u = 1 then 'accepted'
             when b.n = 2 then (array['returned','pending_disposal'])[1 + b.j % 2]
             else (case when h < 760 then 'accepted' when h < 860 then 'in_use' when h < 910 then 'returned' when h < 950 then 'pending_disposal'
                        when h < 970 then 'scrapped' else 'accepted' end) end as st
      from bench_lines b
      cross join lateral generate_series(1, b.n) u
      cross join lateral (select ((b.start + u) * 2654435761 % 1000)::int as h) hh
      join materials m on m.code = 'MAT-' || (${arr(CATS.map((c) => c[0]))})[1 + b.m % 10] || '-' || lpad(b.m::text, 4, '0')
      join receipts rc on rc.id = md5('receipt' || b.r)::uuid
    ) x`);
  // equipment and facilities (no receipt), EQ-001001 upwards, up to 1,000,000 items in all
  await sql.unsafe(`
    insert into items (id, tag_code, kind, name, zone_code, status, version, updated_at)
    select md5('equipment' || e)::uuid, 'EQ-' || lpad((1000 + e)::text, 6, '0'), case when e % 7 = 0 then 'facility' else 'equipment' end,
      (array['交换机机架 / Exchange rack','配线架 / Distribution frame','UPS 电源 / UPS','光端机 / Optical terminal','OLT 机框 / OLT shelf'])[1 + e % 5] || ' ' || e,
      case when e % 20 = 0 then 'WH1-Q-DSP' when e % 31 = 0 then 'WH1-Q-SCR' else 'HQ-EQ' || (2 + e % 5) end,
      case when e % 20 = 0 then 'pending_disposal' when e % 31 = 0 then 'scrapped' when e % 9 = 0 then 'under_maintenance' else 'in_service' end,
      1, ${now} - (e % 700) * interval '1 day'
    from generate_series(1, ${TOTAL_ITEMS} - (select count(*) from items where tag_code like 'ST-%' and receipt_line_id is not null)) e`);
  // the blocks the tags came from (200 each, as stock_tag_lease_seq hands them out), and the sequence past them
  await sql.unsafe(`
    insert into tag_leases (device_id, user_id, first_no, last_no, created_at)
    select md5('device' || (f / 20000))::uuid, '${keeper}'::uuid, f, f + 199, ${now} - interval '540 days' + (f / 200) * interval '2 hours'
    from generate_series(${base + 1}, (select max(substr(tag_code, 4)::int) from items where tag_code like 'ST-%'), 200) f`);
  await sql.unsafe(`select setval('stock_tag_lease_seq', (select max(last_no) + 1 from tag_leases), false)`);
  await sql.unsafe(`drop table bench_lines`);
  for (const t of ["items", "materials", "receipts", "receipt_lines", "acceptance_forms", "zones", "tag_leases"]) await sql.unsafe(`vacuum analyze ${t}`);
}
