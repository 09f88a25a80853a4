/**
 * Sync figures (issue 3), end to end over loopback against the production server (`npm run build` first):
 *  1. push of 1,000 queued label changes (50 of them carrying a 30 KB photo, a stand-in for signatures)
 *     from one device to a fresh server, through the app's own engine, IndexedDB store and tRPC transport;
 *  2. apply rate with 50 devices pushing at once.
 * Each on PGlite and, when PostgreSQL answers (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test),
 * on PostgreSQL. Writes bench/results/sync.json.  Run: npm run bench:sync
 */
import "fake-indexeddb/auto";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import postgres from "postgres";
import superjson from "superjson";
import { SyncEngine } from "@/client/sync/engine";
import { IdbSyncStore } from "@/client/sync/idb-store";
import { trpcTransport } from "@/client/sync/transport";
import { openDb, type DbHandle } from "@/db/client";
import { items } from "@/db/schema";
import { seedDemo } from "@/server/seed/demo";
import type { AppRouter } from "@/server/root";
import { seededDataDir, startAppServer, type AppServer } from "@/tests/e2e/support/server";

const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
/** Every bench phone signs in as the same few users: the per-user push limit (server/sync/rate-limit.ts) would cap the load being measured. */
const BENCH_ENV = { PUSH_MAX_PER_MINUTE: "1000000" };
const DEVICES = 50;
const PER_DEVICE = 100;
const ITEMS = DEVICES;

interface Target {
  kind: "pglite" | "postgres";
  start: (port: number) => Promise<{ server: AppServer; cleanup: () => Promise<void> }>;
}

async function addBenchItems(handle: DbHandle): Promise<void> {
  await handle.db.insert(items).values(
    Array.from({ length: ITEMS }, (_, i) => ({
      tagCode: `EQ-B${String(i + 1).padStart(5, "0")}`,
      kind: "equipment" as const,
      name: `Bench rack ${i + 1}`,
      zoneCode: "HQ-EQ",
      status: "in_service" as const,
    })),
  );
}

const pglite: Target = {
  kind: "pglite",
  async start(port) {
    const dataDir = await seededDataDir();
    const handle = await openDb({ kind: "pglite", dataDir });
    await addBenchItems(handle);
    await handle.close();
    const server = await startAppServer({ port, dataDir, env: BENCH_ENV });
    return { server, cleanup: () => server.stop() };
  },
};

const pg: Target = {
  kind: "postgres",
  async start(port) {
    const name = `tm_bench_${randomBytes(4).toString("hex")}`;
    const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = PG_URL.replace(/\/[^/]*$/, `/${name}`);
    const handle = await openDb({ kind: "postgres", url });
    await seedDemo(handle.db);
    await addBenchItems(handle);
    await handle.close();
    const server = await startAppServer({ port, env: { DATABASE_URL: url, ...BENCH_ENV } });
    return {
      server,
      cleanup: async () => {
        await server.stop();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  },
};

/** Holds every pull until `open()` is called: the apply phase then measures pushes only. */
class PullGate {
  private release!: () => void;
  private readonly opened = new Promise<void>((r) => (this.release = r));
  private closed = false;
  close() {
    this.closed = true;
  }
  open() {
    this.release();
  }
  async wait() {
    if (this.closed) await this.opened;
  }
}

async function device(base: string, username: string, password: string, name: string, gate?: PullGate) {
  const res = await fetch(`${base}/api/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-tracemark-csrf": "1", origin: base },
    body: JSON.stringify({ json: { username, password } }),
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith("tm_session="))!
    .split(";")[0]!;
  const userId = ((await res.json()) as { result: { data: { json: { user: { id: string } } } } }).result.data.json.user.id;
  const client = createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${base}/api/trpc`, transformer: superjson, headers: { cookie, "x-tracemark-csrf": "1", origin: base } })],
  });
  const store = await IdbSyncStore.open(`bench-${name}-${randomBytes(4).toString("hex")}`);
  const deviceId = await store.deviceIdFor(userId);
  const transport = trpcTransport(client);
  const pushesDone: number[] = [];
  const gated = {
    ...transport,
    push: async (input: Parameters<typeof transport.push>[0]) => {
      const answer = await transport.push(input);
      pushesDone.push(performance.now());
      return answer;
    },
    pull: async (input: Parameters<typeof transport.pull>[0]) => {
      await gate?.wait();
      return transport.pull(input);
    },
  };
  const engine = new SyncEngine({ store, transport: gated, deviceId, lock: async (_n, fn) => fn() });
  const first = await engine.flush(); // register + initial pull (fills the read cache)
  if (!first.ok) throw new Error(`initial sync failed: ${JSON.stringify(first)}`);
  return { store, engine, deviceId, userId, pushesDone };
}

/** Queues n toggles (in service ↔ under maintenance) over the given items, each valid in order. */
async function queueToggles(d: Awaited<ReturnType<typeof device>>, tags: string[], n: number, photoEvery = 0) {
  const state = new Map<string, { id: string; status: string; version: number }>();
  for (const tag of tags) {
    const it = (await d.store.getFromIndex("items", "byTag", tag))!;
    state.set(tag, { id: it.id, status: it.status, version: it.version });
  }
  for (let i = 0; i < n; i++) {
    const s = state.get(tags[i % tags.length]!)!;
    const to = s.status === "in_service" ? "under_maintenance" : "in_service";
    const photo = photoEvery && i % photoEvery === 0 ? { mime: "image/jpeg" as const, base64: randomBytes(30 * 1024).toString("base64") } : undefined;
    await d.store.enqueue({
      userId: d.userId,
      deviceId: d.deviceId,
      name: "item.changeLabel",
      schemaVersion: 1,
      args: { itemId: s.id, to, reason: to === "in_service" ? "repair_done" : "fault_found", note: "", ...(photo ? { photo } : {}) },
      expected: { from: s.status, version: s.version },
    });
    s.status = to;
    s.version += 1;
  }
}

async function measure(target: Target, port: number) {
  const out: Record<string, unknown> = {};
  // 1. one device, 1,000 mutations, 50 with a 30 KB photo, fresh server
  {
    const { server, cleanup } = await target.start(port);
    try {
      const d = await device(server.baseUrl, "ops", "ops-demo-001", "push1000");
      await queueToggles(d, ["EQ-B00001", "EQ-B00002", "EQ-B00003", "EQ-B00004"], 1000, 20);
      const t0 = performance.now();
      const r = await d.engine.flush();
      const ms = performance.now() - t0;
      const left = await d.store.pendingCount(d.deviceId);
      if (!r.ok || left !== 0) throw new Error(`push1000 did not drain: ${JSON.stringify(r)} left=${left}`);
      out.push1000 = { mutations: 1000, photos: 50, photo_kb: 30, seconds: +(ms / 1000).toFixed(2), goal_seconds: 5, pass: ms <= 5000 };
    } finally {
      await cleanup();
    }
  }
  // 2. fifty devices at once, one item each
  {
    const { server, cleanup } = await target.start(port);
    try {
      const gate = new PullGate();
      const devices = [];
      for (let i = 0; i < DEVICES; i++) devices.push(await device(server.baseUrl, "ops", "ops-demo-001", `d${i}`, gate));
      for (let i = 0; i < DEVICES; i++) await queueToggles(devices[i]!, [`EQ-B${String(i + 1).padStart(5, "0")}`], PER_DEVICE);
      gate.close();
      for (const d of devices) d.pushesDone.length = 0;
      const t0 = performance.now();
      const flushing = Promise.all(devices.map((d) => d.engine.flush()));
      // the apply phase ends when every device has its last push answered; pulls wait behind the gate
      while (devices.some((d) => d.pushesDone.length < PER_DEVICE / 50)) await new Promise((r) => setTimeout(r, 5));
      const ms = Math.max(...devices.map((d) => d.pushesDone.at(-1)!)) - t0;
      gate.open();
      const results = await flushing;
      if (results.some((r) => !r.ok)) throw new Error(`apply: a device failed: ${JSON.stringify(results.find((r) => !r.ok))}`);
      const left = (await Promise.all(devices.map((d) => d.store.pendingCount(d.deviceId)))).reduce((a, b) => a + b, 0);
      if (left !== 0) throw new Error(`apply: ${left} mutations left in outboxes`);
      const total = DEVICES * PER_DEVICE;
      out.apply50 = { devices: DEVICES, mutations: total, seconds: +(ms / 1000).toFixed(2), per_second: Math.round(total / (ms / 1000)) };
    } finally {
      await cleanup();
    }
  }
  return out;
}

async function pgAnswers(): Promise<boolean> {
  const sql = postgres(PG_URL, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end();
  }
}

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: (await import("node:os")).cpus().length,
};
results.pglite = await measure(pglite, 3401);
if (await pgAnswers()) results.postgres = await measure(pg, 3402);
else console.warn("PostgreSQL does not answer: PostgreSQL figures skipped");
const apply = (results.postgres as { apply50?: { per_second: number } } | undefined)?.apply50;
if (apply) results.goal_apply_postgres = { per_second: 1000, pass: apply.per_second >= 1000 };
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/sync.json", `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
process.exit(0);
