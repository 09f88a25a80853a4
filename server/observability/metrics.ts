import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { TMutationOutcome, TPushResponse } from "@/domain/sync/protocol";

/**
 * The process's Prometheus metrics (docs/operations/observability.md). One registry per process, kept on globalThis:
 * Next.js may load this module once per route bundle, and two registries would each see half of the measurements.
 * Each app process serves its own figures on /metrics; Prometheus scrapes every process and sums.
 */

/** 10 ms … 30 s: a sync round trip from a quick answer to the phone's own time-out (client/sync/transport.ts). */
export const SYNC_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2, 3, 5, 10, 20, 30];
/** A device not heard from for this long leaves the per-device queue gauge (bounded series, ~300 phones). */
export const DEVICE_TTL_MS = 60 * 60 * 1000;
/** Hard bound on devices kept, whatever arrives within the hour (the oldest go first). */
export const MAX_DEVICES = 5000;

export interface Metrics {
  registry: Registry;
  syncPush: Histogram<"result">;
  syncPull: Histogram<"result">;
  pushMutations: Counter<"outcome">;
  rejections: Counter<"code">;
  deviceQueue: Gauge<"device">;
  deviceSeen: Gauge<"device">;
  httpRequests: Counter<"route" | "method" | "status">;
  httpSeconds: Histogram<"route" | "method">;
  jobRuns: Counter<"name" | "outcome">;
  jobSeconds: Histogram<"name">;
  jobsByState: Gauge<"name" | "state">;
  jobLastRun: Gauge<"name">;
  jobNextRun: Gauge<"name">;
  jobsWorking: Gauge;
  oldestTransaction: Gauge;
  openTransactions: Gauge;
  hiddenSessions: Gauge;
  /** deviceId → its last report (the gauge is rebuilt from this on every scrape). */
  devices: Map<string, { queued: number; at: number }>;
}

const holder = globalThis as unknown as { __tracemarkMetrics?: Metrics };

/** The process's metrics, created on first use. */
export function metrics(): Metrics {
  holder.__tracemarkMetrics ??= create();
  return holder.__tracemarkMetrics;
}

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "tracemark_" });
  const devices = new Map<string, { queued: number; at: number }>();
  const m = (r: Registry) => ({ registers: [r] });
  const deviceQueue = new Gauge({
    name: "tracemark_sync_device_queue_depth",
    help: "Changes waiting in a phone's outbox, as the phone reported at its last pull to this process (devices seen in the last hour).",
    labelNames: ["device"] as const,
    ...m(registry),
    collect() {
      refreshDevices(devices, this, deviceSeen);
    },
  });
  const deviceSeen = new Gauge({
    name: "tracemark_sync_device_last_pull_timestamp_seconds",
    help: "When a phone last pulled from this process (Unix time): with several processes, the process with the latest one has its current queue depth.",
    labelNames: ["device"] as const,
    ...m(registry),
  });
  return {
    registry,
    devices,
    deviceQueue,
    deviceSeen,
    syncPush: new Histogram({
      name: "tracemark_sync_push_seconds",
      help: "Time to answer a phone's push (sync.push), from the router's call to its answer.",
      labelNames: ["result"] as const,
      buckets: SYNC_BUCKETS,
      ...m(registry),
    }),
    syncPull: new Histogram({
      name: "tracemark_sync_pull_seconds",
      help: "Time to answer one page of a phone's pull (sync.pull).",
      labelNames: ["result"] as const,
      buckets: SYNC_BUCKETS,
      ...m(registry),
    }),
    pushMutations: new Counter({
      name: "tracemark_sync_push_mutations_total",
      help: "Mutations answered in pushes, by outcome (applied, already_in_state, rejected; a replayed batch counts again).",
      labelNames: ["outcome"] as const,
      ...m(registry),
    }),
    rejections: new Counter({
      name: "tracemark_sync_rejections_total",
      help: "Mutations rejected in pushes, by rejection code (domain/sync/codes.ts).",
      labelNames: ["code"] as const,
      ...m(registry),
    }),
    httpRequests: new Counter({
      name: "tracemark_http_requests_total",
      help: "API requests answered, by route (the tRPC procedure, or (batch) / (unknown)), method and HTTP status.",
      labelNames: ["route", "method", "status"] as const,
      ...m(registry),
    }),
    httpSeconds: new Histogram({
      name: "tracemark_http_request_seconds",
      help: "Time to answer an API request, by route and method.",
      labelNames: ["route", "method"] as const,
      buckets: SYNC_BUCKETS,
      ...m(registry),
    }),
    jobRuns: new Counter({
      name: "tracemark_job_runs_total",
      help: "Job attempts run by this process, by job name and outcome (done, failed).",
      labelNames: ["name", "outcome"] as const,
      ...m(registry),
    }),
    jobSeconds: new Histogram({
      name: "tracemark_job_run_seconds",
      help: "Time a job attempt took in this process.",
      labelNames: ["name"] as const,
      buckets: [0.01, 0.1, 0.5, 1, 5, 15, 60, 300],
      ...m(registry),
    }),
    jobsByState: new Gauge({
      name: "tracemark_jobs",
      help: "Jobs in the database by name and state (ready, deferred, active, failed): the same on every process.",
      labelNames: ["name", "state"] as const,
      ...m(registry),
    }),
    jobLastRun: new Gauge({
      name: "tracemark_job_last_run_timestamp_seconds",
      help: "When a job of this name last finished (done or failed), Unix time; absent when none is kept.",
      labelNames: ["name"] as const,
      ...m(registry),
    }),
    jobNextRun: new Gauge({
      name: "tracemark_job_next_run_timestamp_seconds",
      help: "A scheduled job's next run, Unix time.",
      labelNames: ["name"] as const,
      ...m(registry),
    }),
    jobsWorking: new Gauge({
      name: "tracemark_jobs_runner_working",
      help: "1 when this process's job runner is started and works jobs, 0 otherwise (JOBS=off or not started).",
      ...m(registry),
    }),
    oldestTransaction: new Gauge({
      name: "tracemark_db_oldest_transaction_seconds",
      help: "Age of the oldest open transaction on the database server, any database (0 when none; PGlite: 0).",
      ...m(registry),
    }),
    openTransactions: new Gauge({
      name: "tracemark_db_open_transactions",
      help: "Transactions open on the database server (all databases), this scrape's own excepted.",
      ...m(registry),
    }),
    hiddenSessions: new Gauge({
      name: "tracemark_db_hidden_sessions",
      help: "Sessions of other roles whose transactions the app role may not see (grant pg_read_all_stats).",
      ...m(registry),
    }),
  };
}

function refreshDevices(devices: Metrics["devices"], queue: Gauge<"device">, seen: Gauge<"device">, now = Date.now()): void {
  queue.reset();
  seen.reset();
  for (const [device, r] of devices) {
    if (now - r.at > DEVICE_TTL_MS) {
      devices.delete(device);
      continue;
    }
    queue.set({ device }, r.queued);
    seen.set({ device }, Math.floor(r.at / 1000));
  }
}

/** Times one push and counts its mutations by outcome and its rejections by code. */
export async function measurePush(fn: () => Promise<TPushResponse>): Promise<TPushResponse> {
  const m = metrics();
  const end = m.syncPush.startTimer();
  try {
    const res = await fn();
    end({ result: "ok" });
    const outcomes = new Map<TMutationOutcome, number>();
    for (const r of res.results) {
      outcomes.set(r.status, (outcomes.get(r.status) ?? 0) + 1);
      if (r.status === "rejected" && r.reasonCode) m.rejections.inc({ code: r.reasonCode });
    }
    for (const [outcome, n] of outcomes) m.pushMutations.inc({ outcome }, n);
    return res;
  } catch (err) {
    end({ result: "error" });
    throw err;
  }
}

/** Times one pull page and keeps the phone's reported outbox size (when it sent one). */
export async function measurePull<T>(input: { deviceId: string; queued?: number }, fn: () => Promise<T>): Promise<T> {
  const m = metrics();
  if (input.queued !== undefined) noteDeviceQueue(input.deviceId, input.queued);
  const end = m.syncPull.startTimer();
  try {
    const res = await fn();
    end({ result: "ok" });
    return res;
  } catch (err) {
    end({ result: "error" });
    throw err;
  }
}

export function noteDeviceQueue(deviceId: string, queued: number, now = Date.now()): void {
  const { devices } = metrics();
  devices.delete(deviceId); // re-inserted last: the Map's order is then oldest report first
  devices.set(deviceId, { queued, at: now });
  while (devices.size > MAX_DEVICES) {
    const oldest = devices.keys().next().value;
    if (oldest === undefined) break;
    devices.delete(oldest);
  }
}

/** One job attempt run by this process (server/jobs/runner.ts). */
export function noteJobRun(name: string, outcome: "done" | "failed", seconds: number): void {
  const m = metrics();
  m.jobRuns.inc({ name, outcome });
  m.jobSeconds.observe({ name }, seconds);
}
