/**
 * Several app processes (issue 18): two `next start` processes behind nginx (scripts/cluster.ts,
 * deploy/nginx/tracemark.conf) on one throwaway, demo-seeded PostgreSQL database. Simulated phones speak the real
 * protocol over HTTP through nginx (tests/helpers/http-device.ts) in random interleavings (fast-check) while one
 * process is SIGKILLed mid-run; then the database is the judge: every mutation answered exactly once, nothing lost or
 * doubled, every phone's pull converges on it. Also: requests land on both processes, a session made on one is valid
 * on the other, the login limit counts across processes, the test clock moves on both, and a schedule firing every
 * minute on both processes (JOBS=on) makes one job per minute, not two.
 * Budget: about 4 minutes on a loaded 2-core machine (the processes' start is most of it); the `it` allows 8.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOBS_SCHEMA } from "@/db/jobs-schema";
import { startCluster, type TCluster } from "@/scripts/cluster";
import { HttpDevice } from "@/tests/helpers/http-device";
import { clusterUnavailable, createClusterDatabase, warnSkipped, type ClusterDatabase } from "./support/cluster";

const PORT = 3290;
const SWEEP = "complaints.escalateOverdue";
const skip = clusterUnavailable();
if (skip) warnSkipped("cluster e2e", skip);

interface Row {
  id: string;
  status: string;
  version: number;
}

async function post(url: string, path: string, input: unknown, cookie?: string): Promise<Response> {
  return fetch(`${url}/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-tracemark-csrf": "1", origin: new URL(url).origin, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ json: input }),
  });
}

const rowsOf = <T>(r: unknown) => (Array.isArray(r) ? (r as T[]) : ((r as { rows: T[] }).rows ?? []));

describe.skipIf(skip !== null)("two app processes behind nginx on one PostgreSQL", () => {
  let database: ClusterDatabase;
  let cluster: TCluster;
  const marker = randomUUID();
  const scheduledJobs = async () =>
    rowsOf<{ minute: string; state: string }>(
      await database.db.execute(
        `select date_trunc('minute', created_on)::text as minute, state from ${JOBS_SCHEMA}.job where name = '${SWEEP}' and data->>'marker' = '${marker}'`,
      ),
    );

  beforeAll(async () => {
    database = await createClusterDatabase();
    cluster = await startCluster({
      procs: 2,
      port: PORT,
      databaseUrl: database.url,
      exposeUpstream: true,
      env: { JOBS: "on", TEST_CLOCK: "on", PUSH_MAX_PER_MINUTE: "100000", LOGIN_MAX_FAILURES_PER_USER: "5" },
    });
    // a schedule firing every minute, kept by both processes' runners: pg-boss must send each occurrence once. The
    // runners create the job queues as they start (pg-boss 12 schedules only onto an existing queue)
    const boss = new PgBoss({ connectionString: database.url, schema: JOBS_SCHEMA, migrate: false, createSchema: false, supervise: false, schedule: false });
    await boss.start();
    try {
      for (let tries = 0; ; tries++) {
        try {
          await boss.schedule(SWEEP, "* * * * *", { marker }, { key: "cluster-test", tz: "Asia/Shanghai" });
          break;
        } catch (err) {
          if (tries >= 60 || !String(err).includes("not found")) throw err;
          await new Promise((r) => setTimeout(r, 1_000));
        }
      }
    } finally {
      await boss.stop({ graceful: false, close: true });
    }
  }, 300_000);

  afterAll(async () => {
    await cluster?.stop();
    await database?.drop();
  }, 60_000);

  it("shares sessions, limits, clock and schedules, and keeps every phone's changes through a killed process", { timeout: 480_000 }, async () => {
    const [p0, p1] = cluster.processes;
    // requests through nginx land on both processes (round robin, no stickiness)
    const upstreams = new Set<string>();
    for (let i = 0; i < 6; i++) upstreams.add((await fetch(`${cluster.url}/api/health`)).headers.get("x-tracemark-upstream") ?? "");
    expect([...upstreams].sort()).toEqual([`127.0.0.1:${p0!.port}`, `127.0.0.1:${p1!.port}`]);

    // a session made on one process is valid on the other
    const login = await post(p0!.url, "auth.login", { username: "ops", password: "ops-demo-001" });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .find((c) => c.startsWith("tm_session="))!
      .split(";")[0]!;
    expect((await post(p1!.url, "sync.registerDevice", { deviceId: randomUUID(), label: "cluster" }, cookie)).status).toBe(200);
    expect((await post(p1!.url, "sync.registerDevice", { deviceId: randomUUID(), label: "cluster" })).status).toBe(401);

    // the login limit counts across processes: 5 wrong passwords, alternating, lock the name on both
    for (let i = 0; i < 5; i++)
      expect((await post(i % 2 ? p1!.url : p0!.url, "auth.login", { username: "techhead", password: `wrong-${i}` })).status).toBe(401);
    expect((await post(p0!.url, "auth.login", { username: "techhead", password: "techhead-demo" })).status).toBe(429);
    expect((await post(p1!.url, "auth.login", { username: "techhead", password: "techhead-demo" })).status).toBe(429);

    // the test clock moves on both processes (the offset is kept in the database)
    const moved = await fetch(`${cluster.url}/api/test/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advanceMs: 3_600_000 }),
    });
    expect(moved.status).toBe(200);
    for (const p of [p0!, p1!]) expect(((await (await fetch(`${p.url}/api/test/clock`)).json()) as { offsetMs: number }).offsetMs).toBe(3_600_000);

    // phones: each owns some of the demo's items and flips their label, in random interleavings, through nginx
    const seed = await HttpDevice.login(cluster.url, "ops", "ops-demo-001");
    await seed.register("seed");
    const all = ((await seed.pullAll()).feeds.items ?? []) as Row[];
    const flippable = all.filter((r) => r.status === "in_service" || r.status === "under_maintenance");
    expect(flippable.length).toBeGreaterThanOrEqual(3);
    const PHONES = 3;
    const phones = await Promise.all(
      Array.from({ length: PHONES }, async (_, k) => {
        const device = await HttpDevice.login(cluster.url, "ops", "ops-demo-001", { batch: 20 });
        await device.register(`cluster phone ${k}`);
        const mine = flippable.filter((_, i) => i % PHONES === k).map((r) => ({ ...r }));
        return { device, mine, seen: new Map<string, Row>() };
      }),
    );
    const initial = new Map(flippable.map((r) => [r.id, r.version]));
    type Step = { phone: number; op: "change" | "push" | "pull"; n: number };
    const plan = fc.sample(
      fc.array(
        fc.record({ phone: fc.nat(PHONES - 1), op: fc.constantFrom<Step["op"]>("change", "change", "push", "pull"), n: fc.integer({ min: 1, max: 12 }) }),
        { minLength: 90, maxLength: 90 },
      ),
      { numRuns: 1, seed: Number(process.env.CLUSTER_SEED ?? Date.now() % 1_000_000) },
    )[0]!;
    const killAt = Math.floor(plan.length / 2);
    const pullInto = async (ph: (typeof phones)[number]) => {
      for (const r of ((await ph.device.pullAll()).feeds.items ?? []) as Row[]) ph.seen.set(r.id, r);
    };
    let sent = 0;
    for (const [i, step] of plan.entries()) {
      if (i === killAt) {
        // a schedule occurrence while both processes were up, then a crash in the middle of the phones' traffic
        for (const until = Date.now() + 150_000; (await scheduledJobs()).length === 0 && Date.now() < until;) await new Promise((r) => setTimeout(r, 1_000));
        const inFlight = Promise.allSettled(phones.map((ph) => ph.device.pushAll()));
        await cluster.kill(1);
        await inFlight;
      }
      const ph = phones[step.phone]!;
      if (step.op === "change") {
        for (let k = 0; k < step.n; k++) {
          const item = ph.mine[(sent + k) % ph.mine.length]!;
          const to = item.status === "in_service" ? "under_maintenance" : "in_service";
          ph.device.enqueue({
            name: "item.changeLabel",
            schemaVersion: 1,
            args: { itemId: item.id, to, reason: to === "in_service" ? "repair_done" : "fault_found", note: "" },
            expected: { from: item.status, version: item.version },
          });
          Object.assign(item, { status: to, version: item.version + 1 });
        }
        sent += step.n;
      } else if (step.op === "push") await ph.device.pushAll().catch(() => {});
      else await pullInto(ph).catch(() => {});
    }
    for (const ph of phones) {
      for (let tries = 0; ph.device.outbox.length > 0 && tries < 10; tries++) await ph.device.pushAll().catch(() => new Promise((r) => setTimeout(r, 1_000)));
      expect(ph.device.outbox).toEqual([]);
    }
    // every phone pulls once all have pushed (each sees the others' items too)
    for (const ph of phones) await pullInto(ph);

    // the database is the judge: one answer per mutation, one event per applied one, versions add up
    const offered = phones.flatMap((ph) => [...ph.device.answers.keys()]);
    expect(offered.length).toBe(phones.reduce((n, ph) => n + ph.device.offered, 0));
    expect(offered.length).toBeGreaterThanOrEqual(200);
    const results = rowsOf<{ mutation_id: string; status: string }>(
      await database.db.execute(`select mutation_id::text, status from mutation_results where mutation_id = any('{${offered.join(",")}}'::uuid[])`),
    );
    expect(results.length).toBe(offered.length);
    const applied = results.filter((r) => r.status === "applied").map((r) => r.mutation_id);
    for (const ph of phones) for (const [id, a] of ph.device.answers) expect(results.find((r) => r.mutation_id === id)?.status).toBe(a.status);
    const events = rowsOf<{ mutation_id: string; item_id: string }>(
      await database.db.execute(`select mutation_id::text, item_id::text from item_label_events where mutation_id = any('{${offered.join(",")}}'::uuid[])`),
    );
    expect(events.map((e) => e.mutation_id).sort()).toEqual([...applied].sort());
    const now = rowsOf<Row>(
      await database.db.execute(`select id::text, status, version from items where id = any('{${[...initial.keys()].join(",")}}'::uuid[])`),
    );
    for (const row of now) {
      expect(row.version).toBe(initial.get(row.id)! + events.filter((e) => e.item_id === row.id).length);
      // every phone's pull converged on the database
      for (const ph of phones) expect(ph.seen.get(row.id)).toMatchObject({ status: row.status, version: row.version });
    }

    // both processes answered the phones' sync before the kill; only the survivor after it
    const syncLines = cluster
      .accessLog()
      .split("\n")
      .filter((l) => l.includes("/api/trpc/sync."));
    for (const p of [p0!, p1!]) expect(syncLines.some((l) => l.includes(`up=127.0.0.1:${p.port}`))).toBe(true);

    // the schedule: one job per minute occurrence although both processes kept it, each run once
    const jobs = await scheduledJobs();
    expect(jobs.length).toBeGreaterThanOrEqual(1);
    expect(new Set(jobs.map((j) => j.minute)).size).toBe(jobs.length);
    console.log(
      `cluster: ${offered.length} mutations (${applied.length} applied), ${syncLines.length} sync requests via nginx, process 1 killed at step ${killAt}/${plan.length}, ${jobs.length} scheduled job(s): ${jobs.map((j) => j.state).join(",")}`,
    );
  });
});
