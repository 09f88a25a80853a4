/**
 * The seed of bench/analysis-report.ts: three operator years (2023-12-01 … 2026-11-30, Asia/Shanghai) of an operator's
 * records in set-based INSERT … SELECT generate_series statements. Deterministic: every "random" choice is
 * hashint8 of the row number (no random()), ids are md5-made uuids, so two runs hold the same rows. Triggers (txid
 * stamps, append-only guards, foreign keys) are off for the seeding session (session_replication_role = replica): the
 * rows are consistent by construction.
 */
import type postgres from "postgres";

export const WORK_ORDERS = 1_000_000;
export const COMPLAINTS = 100_000;
export const NONCONFORMITIES = 6_000;
/** The window's first instant (operator 2023-12-01 00:00) and its end (operator 2026-12-01 00:00). */
export const START = "2023-11-30T16:00:00Z";
export const END = "2026-11-30T16:00:00Z";
const DAYS = 1096;
export const USER_ID = "00000000-0000-4000-8000-00000000b001";

/** A deterministic number in [0, m) for row i and salt k. */
const h = (i: string, k: number, m: number) => `((hashint8(${i}::bigint * 131 + ${k}) & 2147483647) % ${m})`;
const at = (s: string) => `'${s}'::timestamptz`;

export async function seed(sql: postgres.Sql, log: (s: string) => void): Promise<void> {
  await sql.unsafe(`set session_replication_role = replica`);
  await sql.unsafe(`set maintenance_work_mem = '256MB'`);
  await sql.unsafe(`set work_mem = '64MB'`);
  await sql.unsafe(`insert into users (id, username, display_name, password_hash, role, department)
    values ('${USER_ID}', 'bench-analysis', 'Bench quality', 'x', 'quality', 'enterprise_management')`);
  await sql.unsafe(`insert into service_limit_policies (version, limits, note) values (1, '{}'::jsonb, 'bench') on conflict do nothing`);
  await sql.unsafe(`insert into key_customers (id, name, category, contacts, phone_digits)
    select md5('kc' || k)::uuid, '重点客户 ' || k, (array['government','enterprise','school','hospital'])[1 + k % 4], '[]'::jsonb,
      array['139' || lpad((k * 7919)::text, 8, '0')] from generate_series(0, 199) k`);

  // ── work orders: 45 % install, 35 % repair, 12 % move, 8 % terminal maintenance; evenly over the window ──
  let t0 = Date.now();
  await sql.unsafe(`
    insert into work_orders (id, code, kind, customer_name, address, contact, service, key_customer, due_at, scheduled_for, status,
                             created_at, updated_at, closed_at, txid)
    select md5('wo' || i)::uuid, 'WO-B' || lpad(i::text, 7, '0'), kind, '客户 ' || (i % 50000), '工业园 ' || (i % 900) || ' 号',
      '138' || lpad((i::bigint * 7919 % 100000000)::text, 8, '0'), (array['fixed_line','broadband','iptv'])[1 + i % 3], r1 < 50,
      case when r2 < 30 then null else created + lim end, (created at time zone 'Asia/Shanghai')::date, status, created,
      coalesce(closed, created), closed, 1
    from (
      select *, case when status = 'closed' then created + lim * (0.1 + r3 / 1000.0 * 1.1)
                     when status = 'cancelled' then created + lim * 0.3 end as closed
      from (
        select *, case when created > ${at(END)} - interval '7 days' and r1 % 10 < 5
                         then (array['assigned','en_route','on_site','work_done','signed'])[1 + r2 % 5]
                       when created + lim * (0.1 + r3 / 1000.0 * 1.1) > ${at(END)} then 'work_done'
                       when r1 < 40 then 'cancelled' when r1 < 45 then 'assigned' else 'closed' end as status
        from (
          select i, kind, r1, r2, r3, created,
            case kind when 'repair' then interval '24 hours' when 'terminal_maintenance' then interval '48 hours' else interval '72 hours' end as lim
          from (
            select i, ${h("i", 1, 1000)} as r1, ${h("i", 2, 1000)} as r2, ${h("i", 3, 1000)} as r3,
              ${at(START)} + (i - 1) * (interval '${DAYS} days' / ${WORK_ORDERS}) as created,
              case when ${h("i", 4, 100)} < 45 then 'install' when ${h("i", 4, 100)} < 80 then 'repair'
                   when ${h("i", 4, 100)} < 92 then 'move' else 'terminal_maintenance' end as kind
            from generate_series(1, ${WORK_ORDERS}) i) a) b) c) d`);
  log(`work_orders ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // ── equipment checks: 70 % of install and move orders, 8 % failing; 1 % of them withdrawn ──
  t0 = Date.now();
  await sql.unsafe(`
    insert into equipment_checks (id, work_order_id, equipment_type, label_kind, license_no, entry, client_result, client_registry_version,
                                  server_result, server_registry_version, outcome, server_time, client_time, actor_id, txid)
    select md5('ec' || code)::uuid, id, (array['telephone','fax','data_terminal','pbx','group_phone'])[1 + r % 5], 'license_mark',
      'CTA-' || lpad((r * 7)::text, 6, '0'), case when r % 7 = 0 then 'typed' else 'scan' end, res, '2026-01-01', res, '2026-01-01',
      case when res = 'valid' then 'connected' when r % 2 = 0 then 'refused' else 'customer_informed' end,
      coalesce(closed_at, created_at + interval '2 hours') - interval '30 minutes', coalesce(closed_at, created_at + interval '2 hours') - interval '40 minutes',
      '${USER_ID}', 1
    from (select w.*, ${h("substr(w.code, 5)", 5, 1000)} as r,
            case when ${h("substr(w.code, 5)", 6, 1000)} < 920 then 'valid' when ${h("substr(w.code, 5)", 6, 1000)} < 960 then 'expired'
                 when ${h("substr(w.code, 5)", 6, 1000)} < 985 then 'unknown' else 'model_mismatch' end as res
          from work_orders w where w.kind in ('install', 'move') and w.status <> 'cancelled') x
    where r < 700`);
  await sql.unsafe(`insert into equipment_check_withdrawals (check_id, work_order_id, reason, server_time, txid)
    select id, work_order_id, 'recorded in error', server_time + interval '5 minutes', 1 from equipment_checks where (hashtext(id::text) & 2147483647) % 100 = 0`);
  log(`equipment_checks ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // ── sign-offs: the customer's signature with ratings on a third of the closed orders ──
  t0 = Date.now();
  await sql.unsafe(`
    insert into work_order_signoffs (work_order_id, kind, signer_name, rating_attitude, rating_on_time, server_time, actor_id, txid)
    select id, 'customer_signed', customer_name, 5 - (${h("substr(code, 5)", 8, 100)} / 60)::int % 5, 5 - (${h("substr(code, 5)", 9, 100)} / 45)::int % 5,
      closed_at - interval '10 minutes', '${USER_ID}', 1
    from work_orders where status = 'closed' and ${h("substr(code, 5)", 10, 3)} = 0`);
  log(`work_order_signoffs ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // ── complaints: 60 % complaints, 25 % inquiries, 15 % service requests; 8 % key customers; callbacks on 40 % of answered complaints ──
  t0 = Date.now();
  await sql.unsafe(`
    insert into complaints (id, code, kind, service_type, channel, customer_name, contact, contact_digits, words, key_customer_id, category,
                            department, status, received_at, due_at, policy_version, replied_at, reply_method, callback_at, satisfaction,
                            recorded_by, created_at, updated_at, closed_at, txid)
    select md5('cp' || j)::uuid, 'TS-B' || lpad(j::text, 6, '0'), kind, case when kind = 'service_request' then (array['install','repair'])[1 + j % 2] end,
      (array['counter','inquiry_desk','line_189','centre_180','on_site'])[1 + r1 % 5], '客户 ' || (j % 30000), '139' || lpad((j * 7919)::text, 8, '0'),
      '139' || lpad((j * 7919)::text, 8, '0'), '客户反映', case when key then md5('kc' || (j % 200))::uuid end, category,
      case when category is null then null when category = 'billing' then 'finance' when category = 'network_quality' then 'operations'
           when category in ('staff_attitude', 'other') then 'customer_service' else 'terminal_service' end,
      case when replied is null then 'investigating' when replied + interval '1 day' < ${at(END)} and r1 % 7 <> 0 then 'closed' else 'replied' end,
      received, received + lim, 1, replied, case when replied is not null then 'phone' end,
      case when kind = 'complaint' and replied is not null and r2 % 5 < 2 and replied + (1 + r1 % 3) * interval '1 day' < ${at(END)}
           then replied + (1 + r1 % 3) * interval '1 day' end,
      case when kind = 'complaint' and replied is not null and r2 % 5 < 2 and replied + (1 + r1 % 3) * interval '1 day' < ${at(END)}
           then (array[1,2,3,3,4,4,4,4,4,4,4,5,5,5,5,5,5,5,5,5])[1 + r3 % 20] end,
      '${USER_ID}', received, received,
      case when replied is not null and replied + interval '1 day' < ${at(END)} and r1 % 7 <> 0 then replied + interval '1 day' end, 1
    from (
      select *, case when received + lim * (0.05 + r3 / 1000.0 * 1.2) < ${at(END)} then received + lim * (0.05 + r3 / 1000.0 * 1.2) end as replied
      from (
        select j, r1, r2, r3, received, kind, key,
          case when key then interval '24 hours' when kind = 'inquiry' then interval '24 hours' else interval '72 hours' end as lim,
          case when rc < 300 then 'billing' when rc < 550 then 'fault_repair' when rc < 700 then 'installation_delay' when rc < 820 then 'network_quality'
               when rc < 920 then 'staff_attitude' when rc < 970 then 'other' end as category
        from (
          select j, ${h("j", 11, 1000)} as r1, ${h("j", 12, 1000)} as r2, ${h("j", 13, 1000)} as r3, ${h("j", 14, 1000)} as rc, ${h("j", 15, 100)} < 8 as key,
            ${at(START)} + (j - 1) * (interval '${DAYS} days' / ${COMPLAINTS}) + ${h("j", 16, 120)} * interval '1 minute' as received,
            case when ${h("j", 17, 100)} < 60 then 'complaint' when ${h("j", 17, 100)} < 85 then 'inquiry' else 'service_request' end as kind
          from generate_series(1, ${COMPLAINTS}) j) a) b) c`);
  log(`complaints ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // ── nonconformities (a Pareto of findings), corrective actions for 40 % of them ──
  t0 = Date.now();
  await sql.unsafe(`
    insert into nonconformities (id, code, source, finding, department, description, raised_by, raised_at, status, closed_at, cause_category, txid)
    select md5('nc' || n)::uuid, 'NC-B' || lpad(n::text, 5, '0'), 'other', finding,
      (array['terminal_service','operations','customer_service','finance','technology_development','switching_transmission','computer_network','administration_hr','enterprise_management'])[1 + ${h("n", 21, 9)}],
      '发现', '${USER_ID}', raised, case when raised < ${at(END)} - interval '60 days' then 'closed' else 'action' end,
      case when raised < ${at(END)} - interval '60 days' then raised + interval '30 days' end,
      case when ${h("n", 22, 100)} < 75 then (array['man','method','machine','material','environment','measurement'])[1 + ${h("n", 23, 100)} / 30 % 6] end, 1
    from (select n, ${at(START)} + (n - 1) * (interval '${DAYS} days' / ${NONCONFORMITIES}) as raised,
            (array['wrong_label','wrong_label','wrong_label','missing_label','missing_label','wrong_place','missing_signature','missing_evidence',
                   'wrong_verdict','billing_error','complaint','works_failed','no_valid_permit','other'])[1 + ${h("n", 24, 14)}] as finding
          from generate_series(1, ${NONCONFORMITIES}) n) a`);
  await sql.unsafe(`
    insert into corrective_actions (id, code, nonconformity_id, department, description, required_by, status, action_due_on, implemented_on,
                                    sent_by, sent_at, closed_at, txid)
    select md5('ca' || code)::uuid, 'CA' || substr(code, 3), id, department, '措施', req, ca_status,
      case when ca_status <> 'sent' then req + 14 end, case when ca_status in ('implemented', 'closed') then req + 12 end,
      '${USER_ID}', raised_at + interval '1 day', case when ca_status = 'closed' then ((req + 20)::timestamp at time zone 'Asia/Shanghai') end, 1
    from (select nc.*, (raised_at at time zone 'Asia/Shanghai')::date + 14 as req,
            case when raised_at < ${at(END)} - interval '60 days' then (array['closed','closed','closed','closed','closed','closed','closed','closed','closed',
                   'closed','closed','closed','closed','closed','closed','closed','closed','implemented','planned','sent'])[1 + ${h("substr(code, 5)", 25, 20)}]
                 else (array['sent','planned','implemented'])[1 + ${h("substr(code, 5)", 25, 3)}] end as ca_status
          from nonconformities nc where ${h("substr(code, 5)", 26, 5)} < 2) a`);
  log(`nonconformities ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // ── label spot-checks: 20 walks a month of 50 marks each, 93 % correct ──
  await sql.unsafe(`
    insert into spot_checks (id, code, target, planned, status, created_by, created_at, submitted_by, submitted_at, txid)
    select md5('sc' || s)::uuid, 'SC-B' || lpad(s::text, 4, '0'), 'zone', true, 'submitted', '${USER_ID}', at, '${USER_ID}', at, 1
    from (select s, ${at(START)} + (s - 1) * (interval '${DAYS} days' / 720) as at from generate_series(1, 720) s) a`);
  await sql.unsafe(`
    insert into spot_check_marks (id, check_id, tag, label_kind, result, marked_at, txid)
    select md5('mk' || s || '-' || m)::uuid, md5('sc' || s)::uuid, 'ST-' || lpad((s * 50 + m)::text, 6, '0'),
      (array['work_order','customer_category','install_repair','equipment','facility','material','computer','premises','service_guide','instrument'])[1 + m % 10],
      case when r < 930 then 'correct' when r < 960 then 'wrong_label' when r < 985 then 'missing_label' else 'wrong_place' end,
      ${at(START)} + (s - 1) * (interval '${DAYS} days' / 720) + m * interval '3 minutes', 1
    from (select s, m, ${h("s * 100 + m", 27, 1000)} as r from generate_series(1, 720) s, generate_series(1, 50) m) a`);

  // ── billing checks: three exchanges, every month; the window's last month still open ──
  await sql.unsafe(
    `insert into exchanges (code, name_zh, name_en) values ('EX1', '一号局', 'Exchange 1'), ('EX2', '二号局', 'Exchange 2'), ('EX3', '三号局', 'Exchange 3')`,
  );
  await sql.unsafe(`
    insert into billing_checks (exchange_code, month, due_on, status, opened_at, calls_placed, billed_correctly, errors, accuracy_pct, threshold_pct, passed)
    select e, to_char(mo, 'YYYY-MM'), (mo + interval '9 days')::date, case when last then 'open' else 'recorded' end, mo,
      case when not last then 1000 end, case when not last then 1000 - (k * 7 + x) % 3 end, case when not last then (k * 7 + x) % 3 end,
      case when not last then (1000 - (k * 7 + x) % 3) / 10.0 end, 99.9, case when not last then (k * 7 + x) % 3 < 2 end
    from (select k, mo::date as mo, k = 35 as last from generate_series(0, 35) k, lateral (select date '2023-12-01' + k * interval '1 month' as mo) m) a,
      unnest(array['EX1','EX2','EX3']) with ordinality as ex(e, x)`);

  // ── property cases (600) with a failed first round and a rectification letter on every fourth ──
  await sql.unsafe(`
    insert into property_cases (id, code, kind, status, customer_name, customer_phone, customer_phone_digits, customer_address, details, applied_on,
                                rounds, connected_at, created_by, created_at, updated_at, txid)
    select md5('pc' || p)::uuid, 'PBX-B' || lpad(p::text, 4, '0'), case when p % 3 = 0 then 'works' else 'pbx' end,
      case when at > ${at(END)} - interval '45 days' then (array['recorded','scheduled','rectifying'])[1 + p % 3] when p % 10 = 0 then 'cancelled' else 'connected' end,
      '客户 ' || p, '137' || lpad(p::text, 8, '0'), '137' || lpad(p::text, 8, '0'), '工业园', '{}'::jsonb, (at at time zone 'Asia/Shanghai')::date,
      case when p % 4 = 0 then 1 else 0 end, case when at <= ${at(END)} - interval '45 days' and p % 10 <> 0 then at + interval '30 days' end,
      '${USER_ID}', at, at + interval '30 days', 1
    from (select p, ${at(START)} + (p - 1) * (interval '${DAYS} days' / 600) as at from generate_series(1, 600) p) a`);
  await sql.unsafe(`
    insert into property_rounds (id, case_id, round_no, status, scheduled_for, departments, scheduled_by, txid)
    select md5('pr' || id)::uuid, id, 1, 'failed', applied_on + 7, '["operations"]'::jsonb, '${USER_ID}', 1 from property_cases where rounds = 1`);
  await sql.unsafe(`
    insert into property_letters (id, code, case_id, round_id, deadline, items, issued_by, issued_at, rectified_at)
    select md5('pl' || r.id)::uuid, 'RL-B' || substr(c.code, 6), c.id, r.id, r.scheduled_for + 15, '[]'::jsonb, '${USER_ID}', c.created_at + interval '8 days',
      case when substr(c.code, 6)::int % 5 <> 0 then c.created_at + interval '20 days' end
    from property_rounds r join property_cases c on c.id = r.case_id`);

  // ── instruments (300), their calibrations (every two years) and loans ──
  await sql.unsafe(`
    insert into instruments (id, asset_tag, name, model, serial, kind, category, department, location, intake_date, service_life_years, status,
                             calibrated_on, calibration_due, calibration_result, txid)
    select md5('in' || n)::uuid, 'MT-B' || lpad(n::text, 4, '0'), 'OTDR', 'AQ7280', 'S' || n, 'otdr', 'public', 'technology_development', '仪表室',
      date '2020-01-10' + n, 8, case when n % 25 = 0 then 'scrapped' when n % 7 = 0 then 'on_loan' else 'available' end,
      date '2024-12-01' + (n * 3) % 700 - 700, date '2024-12-01' + (n * 3) % 700 - 700 + interval '24 months',
      case when n % 40 = 0 then 'failed' else 'passed' end, 1
    from generate_series(1, 300) n`);
  await sql.unsafe(`
    insert into instrument_calibrations (instrument_id, certificate_no, lab, calibrated_on, result, next_due)
    select id, 'C-' || asset_tag, '市计量所', calibrated_on, calibration_result, calibration_due from instruments`);
  await sql.unsafe(`
    insert into instrument_loans (id, instrument_id, borrower_id, department, term, status, borrowed_on, due_on, ended_on, requested_at, txid)
    select md5('ln' || l)::uuid, md5('in' || (1 + l % 300))::uuid, '${USER_ID}', 'operations', 'short', 'returned', d, d + 14, d + 3 + l % 10,
      d::timestamp at time zone 'Asia/Shanghai', 1
    from (select l, date '2023-12-01' + (l * 1096 / 3000) as d from generate_series(1, 3000) l) a where (1 + l % 300) % 25 <> 0 and d + 14 < date '2026-11-20'`);
  await sql.unsafe(`
    insert into instrument_loans (id, instrument_id, borrower_id, department, term, status, borrowed_on, due_on, requested_at, txid)
    select md5('lo' || id)::uuid, id, '${USER_ID}', 'operations', 'short', 'active', date '2026-11-25', date '2026-12-09', '2026-11-25T02:00:00Z', 1
    from instruments where status = 'on_loan'`);
  await sql.unsafe(`set session_replication_role = origin`);
}
