/**
 * seed:scale's people and office records (issue 18), set-based and deterministic: every choice is hashint8 of the
 * row number (no random()), ids are md5-made uuids. People: a keeper, an inspector, a clerk and LINEMEN linemen
 * (usernames scale-…, password hashes that match no password: nobody signs in as them). Work orders, complaints and
 * instruments spread over the two years before `now`, the recent ones still open, so the desks have queues.
 */
import type postgres from "postgres";
import { DEPARTMENT_ROWS } from "@/server/seed/demo";

export const LINEMEN = 40;
/** md5-made ids of the seed's people. */
export const person = (name: string) => `md5('scale-user-' || '${name}')::uuid`;

/** A deterministic number in [0, m) for row expression i and salt k. */
export const hash = (i: string, k: number, m: number) => `((hashint8((${i})::bigint * 131 + ${k}) & 2147483647) % ${m})`;

export async function seedPeople(sql: postgres.Sql): Promise<{ keeper: string; inspector: string; clerk: string }> {
  for (const d of DEPARTMENT_ROWS) {
    await sql`insert into departments (code, name_zh, name_en) values (${d.code}, ${d.nameZh}, ${d.nameEn}) on conflict do nothing`;
  }
  await sql.unsafe(`insert into users (id, username, display_name, password_hash, role, department)
    values (${person("keeper")}, 'scale-keeper', '仓管 Scale', '!', 'warehouse_keeper', 'terminal_service'),
      (${person("inspector")}, 'scale-inspector', '检验 Scale', '!', 'operations', 'operations'),
      (${person("clerk")}, 'scale-clerk', '客服 Scale', '!', 'customer_service', 'customer_service')
    on conflict do nothing`);
  await sql.unsafe(`insert into users (id, username, display_name, password_hash, role, department)
    select md5('scale-user-lineman-' || n)::uuid, 'scale-lineman-' || n, '线务员 ' || n, '!', 'lineman', 'operations'
    from generate_series(1, ${LINEMEN}) n on conflict do nothing`);
  const ids = await sql.unsafe<{ u: string; id: string }[]>(
    `select username u, id from users where username in ('scale-keeper', 'scale-inspector', 'scale-clerk')`,
  );
  const id = (u: string) => ids.find((r) => r.u === u)!.id;
  return { keeper: id("scale-keeper"), inspector: id("scale-inspector"), clerk: id("scale-clerk") };
}

/**
 * Work orders WO-S0000001… over the 730 days before now: those of the last 10 days open (assigned to en route,
 * work done), a few past their key customer's deadline; older ones closed (90 %), cancelled or refused. Chunked.
 */
export async function seedWorkOrders(sql: postgres.Sql, n: number, now: Date, from: number, to: number, clerk: string): Promise<void> {
  const at = `'${now.toISOString()}'::timestamptz`;
  await sql.unsafe(`
    insert into work_orders (id, code, kind, customer_name, address, contact, service, assigned_to, key_customer, due_at, scheduled_for, status,
                             created_at, created_by, updated_at, closed_at, status_reason)
    select md5('scale-wo-' || i)::uuid, 'WO-S' || lpad(i::text, 7, '0'), (array['install','repair','move','terminal_maintenance'])[1 + ${hash("i", 1, 4)}],
      '客户 ' || (i % 60000) || ' 号', '工业园 ' || (i % 900) || ' 号', '138' || lpad((i::bigint * 7919 % 100000000)::text, 8, '0'),
      (array['fixed_line','broadband','iptv'])[1 + i % 3], md5('scale-user-lineman-' || (1 + ${hash("i", 2, LINEMEN)}))::uuid, key,
      case when key then created + interval '48 hours' end, (created at time zone 'Asia/Shanghai')::date + 1, status,
      created, '${clerk}'::uuid, coalesce(closed, created), closed, case when status in ('cancelled', 'refused_to_sign') then '客户取消' else '' end
    from (
      select i, created, key, status, case when status in ('closed','cancelled','refused_to_sign') then created + interval '30 hours' end as closed
      from (
        select i, created, ${hash("i", 3, 100)} < 10 as key,
          case when created > ${at} - interval '10 days' then (array['assigned','assigned','en_route','on_site','work_done'])[1 + ${hash("i", 4, 5)}]
               when ${hash("i", 5, 100)} < 90 then 'closed' when ${hash("i", 5, 100)} < 97 then 'cancelled' else 'refused_to_sign' end as status
        from (select i, ${at} - interval '730 days' + (i - 1) * (interval '730 days' / ${n}) as created from generate_series(${from}, ${to}) i) a
      ) b
    ) c`);
}

/** Complaints (TS-YYYYMMDD-NNNN by the operator's day, as the app numbers them) over the 730 days before now: the last 5 days' awaiting a reply (some past due), older ones closed. */
export async function seedComplaints(sql: postgres.Sql, n: number, now: Date, clerk: string): Promise<void> {
  const at = `'${now.toISOString()}'::timestamptz`;
  await sql.unsafe(`insert into service_limit_policies (version, limits, note) values (1, '{}'::jsonb, 'seed:scale') on conflict do nothing`);
  await sql.unsafe(`
    insert into complaints (id, code, kind, channel, customer_name, contact, contact_digits, words, category, department, status,
                            received_at, due_at, policy_version, replied_at, reply_method, recorded_by, created_at, updated_at, closed_at)
    select md5('scale-cp-' || j)::uuid,
      'TS-' || to_char(received at time zone 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad(d::text, greatest(4, length(d::text)), '0'),
      kind, (array['counter','inquiry_desk','line_189','centre_180','on_site'])[1 + ${hash("j", 11, 5)}],
      '用户 ' || (j % 40000), '139' || lpad((j::bigint * 7919 % 100000000)::text, 8, '0'), '139' || lpad((j::bigint * 7919 % 100000000)::text, 8, '0'),
      '客户反映问题', case when open and ${hash("j", 12, 4)} = 0 then null else cat end,
      case when open and ${hash("j", 12, 4)} = 0 then null when cat = 'billing' then 'finance' when cat = 'network_quality' then 'operations'
           when cat in ('staff_attitude', 'other') then 'customer_service' else 'terminal_service' end,
      case when not open then 'closed' when ${hash("j", 12, 4)} = 0 then 'recorded' else (array['classified','accepted','investigating'])[1 + ${hash("j", 13, 3)}] end,
      received, received + interval '72 hours', 1, case when not open then received + interval '30 hours' end, case when not open then 'phone' end,
      '${clerk}'::uuid, received, received, case when not open then received + interval '50 hours' end
    from (
      select j, received, d, received > ${at} - interval '5 days' as open,
        case when ${hash("j", 14, 100)} < 60 then 'complaint' when ${hash("j", 14, 100)} < 85 then 'inquiry' else 'service_request' end as kind,
        (array['billing','fault_repair','installation_delay','network_quality','staff_attitude','other'])[1 + ${hash("j", 15, 6)}] as cat
      from (select j, received, row_number() over (partition by (received at time zone 'Asia/Shanghai')::date order by j) as d
            from (select j, ${at} - interval '730 days' + (j - 1) * (interval '730 days' / ${n}) as received from generate_series(1, ${n}) j) a0) a
    ) b`);
}

/** Instruments IN-100001… in every department (a third special, with the keeper as their named keeper), calibrated within two years (a few overdue), some on loan or at repair. */
export async function seedInstruments(sql: postgres.Sql, n: number, now: Date, keeper: string): Promise<void> {
  const day = `'${now.toISOString().slice(0, 10)}'::date`;
  await sql.unsafe(`
    insert into instruments (id, asset_tag, name, model, serial, kind, category, keeper_id, department, location, intake_date, service_life_years, status,
                             calibrated_on, calibration_due, calibration_result)
    select md5('scale-in-' || k)::uuid, 'IN-' || lpad((100000 + k)::text, 6, '0'), nm, (array['AQ7280','MT9083','FLUKE-87','ST-100','ODF-3'])[1 + k % 5], 'SN' || k,
      lower(nm), case when k % 3 = 0 then 'special' else 'public' end, case when k % 3 = 0 then '${keeper}'::uuid end,
      (array['operations','terminal_service','technology_development','switching_transmission','computer_network'])[1 + ${hash("k", 21, 5)}],
      '仪表室 ' || (1 + k % 12), ${day} - 2000 + k % 1500, 8,
      case when k % 40 = 0 then 'scrapped' when k % 11 = 0 then 'at_repair' else 'available' end,
      ${day} - ${hash("k", 22, 760)}::int, ${day} - ${hash("k", 22, 760)}::int + 730, case when k % 50 = 0 then 'failed' else 'passed' end
    from (select k, (array['OTDR','光功率计','万用表','寻线仪','熔接机'])[1 + ${hash("k", 23, 5)}] as nm from generate_series(1, ${n}) k) a`);
}
