/**
 * The complaints desk over 100,000 forms (issue 13: first page ≤ 100 ms on PostgreSQL). A fresh database on
 * TEST_DATABASE_URL's (or DATABASE_URL's) server, migrated, with the demo seed and 100,000 forms spread as a year and a
 * half of an operator's desk looks: most closed, a few thousand open (some overdue, some escalated), every channel,
 * category and department, 300 key customers. Then the desk's first page (rows and counts, as complaints.desk runs them)
 * for each state, a few filters and searches, a department head's view and a second page: 3 warm-up calls and 30
 * timed ones each, p50/p95; EXPLAIN (ANALYZE, BUFFERS) of the slowest. Writes bench/results/complaints-desk.json and
 * exits non-zero when a line misses the goal.  Run: npm run bench:complaints [-- --rows 100000 --runs 30]
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { register } from "node:module";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";

// `server-only` resolves to an empty module here, as in bench/pdf.ts (no react-server condition in plain Node)
register(
  `data:text/javascript,${encodeURIComponent(
    'export async function resolve(s, c, next) { return s === "server-only" ? { url: "data:text/javascript,export {}", shortCircuit: true } : next(s, c); }',
  )}`,
);
const { default: postgres } = await import("postgres");
const { eq } = await import("drizzle-orm");
const { openDb } = await import("@/db/client");
const { users } = await import("@/db/schema");
const { seedDemo } = await import("@/server/seed/demo");
const { ZDeskQuery } = await import("@/domain/complaints/schemas");
const { complaintDesk, deskRowsQuery } = await import("@/server/complaints/desk");

const { values } = parseArgs({ options: { rows: { type: "string" }, runs: { type: "string" } } });
const ROWS = Number(values.rows ?? 100_000);
const RUNS = Number(values.runs ?? 30);
const GOAL_MS = 100;
const BASE_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
// a fixed "now" in the middle of the data: what is overdue does not depend on the day the bench runs
const NOW = new Date("2026-11-20T06:00:00Z");

type TUser = Parameters<typeof complaintDesk>[1];
type TQuery = Parameters<typeof ZDeskQuery.parse>[0];

const name = `tm_bench_complaints_${randomBytes(4).toString("hex")}`;
const admin = postgres(BASE_URL, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = BASE_URL.replace(/\/[^/]*$/, `/${name}`);

/**
 * 100,000 forms in one statement (seeded randomness: setseed). Received over the 540 days before NOW; the open ones
 * (≈ 9 %) in the last 25 days, their deadline 4 h – 5 days after receipt, so part of them are past it; 2 % escalated.
 */
async function seed(owner: ReturnType<typeof postgres>, recorder: string): Promise<void> {
  await owner.unsafe(`insert into service_limit_policies (version, limits, note) values (1, '{}'::jsonb, 'bench') on conflict do nothing`);
  await owner.unsafe(`
    insert into key_customers (name, category, contacts, phone_digits)
    select '重点客户 ' || i, (array['government','finance','hospital','enterprise'])[1 + i % 4],
           jsonb_build_array(jsonb_build_object('name', '联系人', 'phone', '139' || lpad(i::text, 8, '0'))), array['139' || lpad(i::text, 8, '0')]
    from generate_series(1, 300) i`);
  await owner.unsafe(`select setseed(0.13)`);
  await owner.unsafe(`
    with r as (
      select i, random() as p, random() as q, random() as s, random() as u, random() as v, random() as w from generate_series(1, ${ROWS}) i
    ), f as (
      select i, q, s, u, v, w,
        case when p < 0.91 then 'closed' when p < 0.93 then 'replied' when p < 0.945 then 'resolved' when p < 0.965 then 'investigating'
             when p < 0.98 then 'accepted' when p < 0.99 then 'classified' else 'recorded' end as status
      from r
    ), g as (
      select f.*,
        case when status = 'closed' then '${NOW.toISOString()}'::timestamptz - (q * 540 + 1) * interval '1 day'
             else '${NOW.toISOString()}'::timestamptz - q * 25 * interval '1 day' end as received_at
      from f
    ), h as (
      select g.*, received_at + (4 + s * 116) * interval '1 hour' as due_at,
        (array['billing','installation_delay','fault_repair','staff_attitude','network_quality','other'])[1 + (u * 6)::int % 6] as category,
        (array['terminal_service','finance','operations','customer_service','technology_development'])[1 + (v * 5)::int % 5] as department
      from g
    )
    insert into complaints (id, code, kind, service_type, channel, customer_name, contact, contact_digits, words, key_customer_id, category, severity,
                            department, departments_concerned, status, received_at, due_at, policy_version, result, reply_method, replied_at, closed_at,
                            escalation, recorded_by)
    select gen_random_uuid(),
      'TS-' || to_char(received_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad(i::text, 6, '0'),
      case when w < 0.05 then 'service_request' when w < 0.35 then 'inquiry' else 'complaint' end,
      case when w < 0.05 then 'repair' end,
      (array['counter','inquiry_desk','line_189','centre_180','on_site'])[1 + (w * 1000)::int % 5],
      case when i % 3 = 0 then (array['王','李','张','刘','陈','杨','赵','黄','周','吴'])[1 + i % 10] || (array['先生','女士'])[1 + i % 2]
           else (array['Wang','Li','Zhang','Liu','Chen','Yang','Zhao','Huang','Zhou','Wu'])[1 + i % 10] || ' ' || (array['Wei','Fang','Na','Min','Jing','Lei','Jun','Yan'])[1 + i % 8] || ' ' || i end,
      '13' || lpad(((i * 7919) % 1000000000)::text, 9, '0'),
      '13' || lpad(((i * 7919) % 1000000000)::text, 9, '0'),
      '网速慢，晚上经常断线',
      case when w < 0.05 or u < 0.03 then (select id from key_customers order by name limit 1 offset (i % 300)) end,
      case when status <> 'recorded' then category end,
      case when s < 0.04 then 'serious' else 'normal' end,
      case when status <> 'recorded' then department end,
      case when status <> 'recorded' then array[department] else '{}'::text[] end,
      status, received_at, due_at, 1,
      case when status in ('resolved','replied','closed') then '已处理' else '' end,
      case when status in ('replied','closed') then 'phone' end,
      case when status in ('replied','closed') then received_at + (1 + v * 110) * interval '1 hour' end,
      case when status = 'closed' then received_at + (2 + v * 120) * interval '1 hour' end,
      case when status <> 'closed' and u > 0.97 then (case when u > 0.995 then 'general_manager' else 'quality' end)
           when status = 'closed' and u > 0.98 then 'quality' end,
      '${recorder}'::uuid
    from h`);
  await owner.unsafe(`vacuum analyze complaints`);
  await owner.unsafe(`vacuum analyze key_customers`);
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface TLine {
  name: string;
  query: TQuery;
  user: "desk" | "head";
  p50: number;
  p95: number;
  max: number;
  rows: number;
  pass: boolean;
}

try {
  const handle = await openDb({ kind: "postgres", url });
  const db = handle.db;
  await seedDemo(db);
  const [deskUser] = await db.select().from(users).where(eq(users.role, "customer_service")).limit(1);
  const [headUser] = await db.select().from(users).where(eq(users.role, "department_head")).limit(1);
  if (!deskUser || !headUser) throw new Error("the demo seed has no customer_service or department_head user");
  const owner = postgres(url, { max: 1, onnotice: () => {} });
  const seedStart = performance.now();
  await seed(owner, deskUser.id);
  const seedMs = performance.now() - seedStart;
  const [stats] = await owner.unsafe<{ n: number; open: number; overdue: number; escalated: number }[]>(`
    select count(*)::int n, count(*) filter (where status <> 'closed')::int open,
      count(*) filter (where status in ('recorded','classified','accepted','investigating','resolved') and due_at < '${NOW.toISOString()}')::int overdue,
      count(*) filter (where escalation is not null and status <> 'closed')::int escalated from complaints`);
  console.log(`seeded ${JSON.stringify(stats)} in ${(seedMs / 1000).toFixed(1)} s`);

  const session = (u: typeof deskUser): TUser => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, department: u.department });
  const people = { desk: session(deskUser), head: session(headUser) };
  const firstOpen = await complaintDesk(db, people.desk, ZDeskQuery.parse({}), NOW);
  const cases: { name: string; query: TQuery; user: "desk" | "head" }[] = [
    { name: "open (the queue by deadline)", query: { state: "open" }, user: "desk" },
    { name: "overdue", query: { state: "overdue" }, user: "desk" },
    { name: "escalated", query: { state: "escalated" }, user: "desk" },
    { name: "closed (latest first)", query: { state: "closed" }, user: "desk" },
    { name: "all (latest received first)", query: { state: "all" }, user: "desk" },
    { name: "open · department operations", query: { state: "open", department: "operations" }, user: "desk" },
    { name: "open · key customers", query: { state: "open", keyCustomer: true }, user: "desk" },
    { name: "open · category billing · channel 180", query: { state: "open", category: "billing", channel: "centre_180" }, user: "desk" },
    { name: "all · key customers' service requests", query: { state: "all", kind: "service_request" }, user: "desk" },
    { name: "closed · status filter on an open status (none)", query: { state: "closed", status: "recorded" }, user: "desk" },
    { name: "search: form number exact", query: { state: "all", search: firstOpen.rows[0]?.code ?? "TS-20261101-000001" }, user: "desk" },
    { name: "search: form number prefix (a day)", query: { state: "all", search: "TS-20261105" }, user: "desk" },
    { name: "search: customer name (王)", query: { state: "all", search: "王" }, user: "desk" },
    { name: "search: customer name (zhang w)", query: { state: "all", search: "zhang w" }, user: "desk" },
    { name: "search: phone digits", query: { state: "all", search: "1300079" }, user: "desk" },
    { name: "department head (their department, open)", query: { state: "open" }, user: "head" },
    { name: "department head, overdue", query: { state: "overdue" }, user: "head" },
    { name: "open · second page (cursor)", query: { state: "open", cursor: firstOpen.nextCursor ?? undefined }, user: "desk" },
  ];

  const lines: TLine[] = [];
  for (const c of cases) {
    const q = ZDeskQuery.parse(c.query);
    let rows = 0;
    for (let i = 0; i < 3; i++) rows = (await complaintDesk(db, people[c.user], q, NOW)).rows.length;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await complaintDesk(db, people[c.user], q, NOW);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const line = {
      ...c,
      p50: Math.round(pct(times, 50) * 100) / 100,
      p95: Math.round(pct(times, 95) * 100) / 100,
      max: Math.round(times.at(-1)! * 100) / 100,
      rows,
      pass: pct(times, 95) <= GOAL_MS,
    };
    lines.push(line);
    console.log(
      `${line.pass ? "PASS" : "FAIL"} ${c.name.padEnd(48)} p50 ${line.p50.toFixed(1).padStart(6)} ms  p95 ${line.p95.toFixed(1).padStart(6)} ms  rows ${rows}`,
    );
  }

  const slowest = [...lines].sort((a, b) => b.p95 - a.p95)[0]!;
  const built = deskRowsQuery(db, people[slowest.user], ZDeskQuery.parse(slowest.query), NOW).toSQL();
  const explain = await owner.unsafe<{ "QUERY PLAN": string }[]>(`explain (analyze, buffers) ${built.sql}`, built.params as never[]);
  const plan = explain.map((r) => r["QUERY PLAN"]);
  console.log(`EXPLAIN of the slowest (${slowest.name}):\n${plan.join("\n")}`);

  const result = {
    goal: `first page (rows + counts) p95 ≤ ${GOAL_MS} ms on PostgreSQL`,
    verdict: lines.every((l) => l.pass) ? "PASS" : "FAIL",
    database: { server: (await owner.unsafe<{ v: string }[]>(`select version() v`))[0]?.v ?? "", forms: stats, seedSeconds: Math.round(seedMs / 100) / 10 },
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? "", load: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    runsPerLine: RUNS,
    now: NOW.toISOString(),
    lines: lines.map((l) => ({
      name: l.name,
      query: l.query,
      user: l.user,
      p50Ms: l.p50,
      p95Ms: l.p95,
      maxMs: l.max,
      rows: l.rows,
      verdict: l.pass ? "PASS" : "FAIL",
    })),
    slowest: { name: slowest.name, explain: plan },
    measuredAt: new Date().toISOString(),
  };
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/complaints-desk.json", `${JSON.stringify(result, null, 2)}\n`);
  console.log(`verdict ${result.verdict}; written bench/results/complaints-desk.json`);
  await owner.end();
  await handle.close();
  process.exitCode = result.verdict === "PASS" ? 0 : 1;
} finally {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
