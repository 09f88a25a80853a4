import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import { items } from "@/db/schema";
import { handleTrpc } from "@/server/http/trpc-handler";
import { CSRF_HEADER } from "@/server/trpc";
import { APP_ORIGIN, login } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { noteDeviceQueue, metrics, DEVICE_TTL_MS } from "./metrics";
import { bearerMatches, handleMetrics } from "./scrape";

/**
 * /metrics through its route handler (app/api/metrics/route.ts → handleMetrics) and the sync router through /api/trpc
 * (handleTrpc), on a real PGlite (or PostgreSQL with TEST_DB=postgres): a push and a pull show in the histograms.
 */
let t: TestDb;
let cookie: string;
const TOKEN = "s3cret-metrics-token-0123456789";

beforeAll(async () => {
  t = await createTestDb({ seed: true });
  const keeper = await login(t.db, "keeper", "keeper-demo1");
  cookie = keeper.cookie;
});
afterAll(async () => {
  await t?.close();
});

const scrape = (headers: Record<string, string> = {}, token: { configured: string | undefined } = { configured: TOKEN }) =>
  handleMetrics(t.db, new Request(`${APP_ORIGIN}/api/metrics`, { headers }), token.configured);

async function trpc(path: string, input: unknown, headers: Record<string, string> = {}) {
  const res = await handleTrpc(
    t.db,
    new Request(`${APP_ORIGIN}/api/trpc/${path}`, {
      method: "POST",
      body: JSON.stringify({ json: input }),
      headers: { origin: APP_ORIGIN, [CSRF_HEADER]: "1", "content-type": "application/json", cookie, ...headers },
    }),
  );
  return { res, body: (await res.json()) as { result?: { data: { json: unknown } }; error?: unknown } };
}

/** The value of one sample line (`name{labels} value`) in Prometheus text, 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("/metrics is protected", () => {
  it("answers 404 when no METRICS_TOKEN is configured, whatever is sent", async () => {
    const res = await scrape({ authorization: `Bearer ${TOKEN}` }, { configured: undefined });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("tracemark_");
  });

  it("refuses a scrape without a token, with a wrong one, a prefix of it, or another scheme (401)", async () => {
    for (const authorization of [undefined, "Bearer wrong", `Bearer ${TOKEN.slice(0, -1)}`, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, "Bearer "]) {
      const res = await scrape(authorization ? { authorization } : {});
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
      expect(await res.text()).not.toContain("tracemark_");
    }
  });

  it("compares the bearer token exactly", () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`Bearer ${TOKEN}`, `${TOKEN}0`)).toBe(false);
    expect(bearerMatches(null, TOKEN)).toBe(false);
  });
});

describe("/metrics after a push and a pull", () => {
  it("serves Prometheus text with the sync histograms, outcomes, rejections by code and the device's queue", async () => {
    const before = await (await scrape({ authorization: `Bearer ${TOKEN}` })).text();
    const deviceId = crypto.randomUUID();
    expect((await trpc("sync.registerDevice", { deviceId, label: "metrics test" })).res.status).toBe(200);
    const [item] = await t.db.select().from(items).where(eq(items.tagCode, "ST-000101"));
    const envelope = (seq: number, name: string, args: unknown, expected?: unknown) => ({
      mutationId: uuidv7(),
      deviceId,
      seq,
      name,
      schemaVersion: 1,
      args,
      expected,
      clientTime: new Date().toISOString(),
    });
    const push = await trpc("sync.push", {
      deviceId,
      mutations: [
        envelope(
          1,
          "item.changeLabel",
          { itemId: item!.id, to: "accepted", reason: "inspection_passed", note: "" },
          { from: "pending_inspection", version: 1 },
        ),
        envelope(2, "no.such_mutation", {}),
      ],
    });
    expect(push.res.status).toBe(200);
    const results = (push.body.result!.data.json as { results: { status: string; reasonCode: string | null }[] }).results;
    expect(results.map((r) => [r.status, r.reasonCode])).toEqual([
      ["applied", null],
      ["rejected", "unknown_mutation"],
    ]);
    const pull = await trpc("sync.pull", { deviceId, cursor: "0", queued: 7 });
    expect(pull.res.status).toBe(200);

    const res = await scrape({ authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain("# TYPE tracemark_sync_push_seconds histogram");
    expect(text).toContain("# TYPE tracemark_sync_pull_seconds histogram");
    const delta = (series: string) => sample(text, series) - sample(before, series);
    expect(delta('tracemark_sync_push_seconds_count{result="ok"}')).toBe(1);
    expect(delta('tracemark_sync_push_seconds_bucket{le="30",result="ok"}')).toBe(1);
    expect(delta('tracemark_sync_pull_seconds_count{result="ok"}')).toBe(1);
    expect(delta('tracemark_sync_push_mutations_total{outcome="applied"}')).toBe(1);
    expect(delta('tracemark_sync_push_mutations_total{outcome="rejected"}')).toBe(1);
    expect(delta('tracemark_sync_rejections_total{code="unknown_mutation"}')).toBe(1);
    expect(sample(text, `tracemark_sync_device_queue_depth{device="${deviceId}"}`)).toBe(7);
    expect(delta('tracemark_http_requests_total{route="sync.push",method="POST",status="200"}')).toBe(1);
    // database-derived: the declared jobs' queues, and the process's own default metrics
    expect(text).toContain("# TYPE tracemark_jobs gauge");
    expect(text).toContain("tracemark_process_cpu_seconds_total");
    expect(text).toContain("tracemark_db_oldest_transaction_seconds");
  });

  it("drops a device not heard from for an hour from the queue gauge", async () => {
    const stale = crypto.randomUUID();
    const fresh = crypto.randomUUID();
    noteDeviceQueue(stale, 3, Date.now() - DEVICE_TTL_MS - 1000);
    noteDeviceQueue(fresh, 4);
    const text = await (await scrape({ authorization: `Bearer ${TOKEN}` })).text();
    expect(text).not.toContain(stale);
    expect(sample(text, `tracemark_sync_device_queue_depth{device="${fresh}"}`)).toBe(4);
    expect(metrics().devices.has(stale)).toBe(false);
  });

  it("counts a failed push as an error, not as an answer", async () => {
    const before = await (await scrape({ authorization: `Bearer ${TOKEN}` })).text();
    // a device that was never registered: the push is refused (not the phone's own device)
    const deviceId = crypto.randomUUID();
    const push = await trpc("sync.push", {
      deviceId,
      mutations: [{ mutationId: uuidv7(), deviceId, seq: 1, name: "x.y", schemaVersion: 1, args: {}, clientTime: new Date().toISOString() }],
    });
    expect(push.res.status).toBeGreaterThanOrEqual(400);
    const text = await (await scrape({ authorization: `Bearer ${TOKEN}` })).text();
    expect(sample(text, 'tracemark_sync_push_seconds_count{result="error"}') - sample(before, 'tracemark_sync_push_seconds_count{result="error"}')).toBe(1);
    expect(sample(text, 'tracemark_sync_push_seconds_count{result="ok"}')).toBe(sample(before, 'tracemark_sync_push_seconds_count{result="ok"}'));
  });
});
