/**
 * Figures of one load run (bench/load.ts): latency percentiles per request kind, errors by kind, CPU of the app
 * and database processes (from /proc), and the after-run check against the database: every change offered was
 * answered exactly once, one label event per applied change, none lost or doubled.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import type { RequestRecord } from "@/tests/helpers/http-device";
import type { Phone, Window } from "./load-workload";

export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function latency(ms: number[]): Latency {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => (s.length === 0 ? 0 : Math.round(s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!));
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: Math.round(s.at(-1) ?? 0) };
}

/** Requests of the measured window: percentiles for push and pull, and every failure by kind and detail. */
export function summarise(records: RequestRecord[], w: Window) {
  const inWindow = records.filter((r) => r.at >= w.start && r.at < w.end);
  const ok = (kind: string) => inWindow.filter((r) => r.kind === kind && r.outcome === "ok").map((r) => r.ms);
  const errors: Record<string, number> = {};
  for (const r of inWindow)
    if (r.outcome !== "ok")
      errors[`${r.kind}:${r.outcome}${r.detail ? ` ${r.detail}` : ""}`.slice(0, 140)] =
        (errors[`${r.kind}:${r.outcome}${r.detail ? ` ${r.detail}` : ""}`.slice(0, 140)] ?? 0) + 1;
  // a failed request took time too: it counts in the percentiles (a timeout at 30 s is the worst latency there is)
  const all = (kind: string) => inWindow.filter((r) => r.kind === kind && r.outcome !== "gap").map((r) => r.ms);
  return {
    push_ms: latency(all("push")),
    pull_ms: latency(all("pull")),
    push_ok: ok("push").length,
    pull_ok: ok("pull").length,
    pulled_rows: inWindow.filter((r) => r.kind === "pull" && r.outcome === "ok").reduce((n, r) => n + (r.count ?? 0), 0),
    errors,
    error_count: Object.values(errors).reduce((a, b) => a + b, 0),
  };
}

/** CPU ticks (user + system) of processes, from /proc/<pid>/stat. */
export function cpuTicks(pids: number[]): number {
  let t = 0;
  for (const pid of pids) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, "utf8");
      const rest = f.slice(f.lastIndexOf(")") + 2).split(" ");
      t += Number(rest[11]) + Number(rest[12]);
    } catch {
      // ended
    }
  }
  return t;
}

const TICKS_PER_SECOND = 100;

/** Percent of one core the processes used between two tick readings `seconds` apart. */
export const cpuPercent = (ticks: number, seconds: number) => Math.round((ticks / TICKS_PER_SECOND / seconds) * 100);

export function machine() {
  return {
    cores: os.cpus().length,
    model: os.cpus()[0]?.model ?? "",
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    loadavg: os.loadavg().map((v) => +v.toFixed(2)),
  };
}

export interface Consistency {
  offered: number;
  answered_by_server: number;
  stored_results: number;
  missing_results: number;
  unexpected_results: number;
  applied: number;
  rejected: Record<string, number>;
  label_events: number;
  events_without_applied: number;
  applied_without_event: number;
  doubled_events: number;
  item_version_mismatch: number;
  left_in_outboxes: number;
  ok: boolean;
}

type Sql = <T>(query: string) => Promise<T[]>;
const list = (ids: string[]) => ids.map((id) => `'${id.replace(/[^0-9a-f-]/gi, "")}'`).join(",");

/**
 * Checks the database against what the phones offered: one stored result per offered mutation and none other from
 * these devices, one label event per applied change (and none for a rejected one), and each bench item's version
 * equal to 1 + its label events (no change lost or applied twice).
 */
export async function checkConsistency(sql: Sql, phones: Phone[], itemIds: string[]): Promise<Consistency> {
  const offeredIds = phones.flatMap((p) => p.offeredIds);
  const offered = new Set(offeredIds);
  const devices = phones.map((p) => p.device.deviceId);
  const results = devices.length
    ? await sql<{ mutation_id: string; status: string; reason_code: string | null }>(
        `select mutation_id::text, status, reason_code from mutation_results where device_id in (${list(devices)})`,
      )
    : [];
  const stored = new Map(results.map((r) => [r.mutation_id, r]));
  const events = devices.length
    ? await sql<{ mutation_id: string | null; n: string }>(
        `select mutation_id::text, count(*)::text as n from item_label_events where device_id in (${list(devices)}) group by mutation_id`,
      )
    : [];
  const eventsOf = new Map(events.map((e) => [e.mutation_id ?? "", Number(e.n)]));
  const rejected: Record<string, number> = {};
  let applied = 0;
  let appliedWithoutEvent = 0;
  for (const r of results) {
    if (r.status === "applied") {
      applied++;
      if ((eventsOf.get(r.mutation_id) ?? 0) !== 1) appliedWithoutEvent++;
    } else if (r.status === "rejected") rejected[r.reason_code ?? "?"] = (rejected[r.reason_code ?? "?"] ?? 0) + 1;
  }
  const eventsWithoutApplied = events.filter((e) => stored.get(e.mutation_id ?? "")?.status !== "applied").length;
  const doubled = events.filter((e) => Number(e.n) > 1).length;
  const mismatch = itemIds.length
    ? await sql<{ n: string }>(
        `select count(*)::text as n from items i where i.id in (${list(itemIds)}) and i.version <> 1 + (select count(*) from item_label_events e where e.item_id = i.id)`,
      )
    : [{ n: "0" }];
  const answered = phones.reduce((n, p) => n + p.offeredIds.filter((id) => p.device.answers.has(id)).length, 0);
  const c: Consistency = {
    offered: offered.size,
    answered_by_server: answered,
    stored_results: results.length,
    missing_results: offeredIds.filter((id) => !stored.has(id)).length,
    unexpected_results: results.filter((r) => !offered.has(r.mutation_id)).length,
    applied,
    rejected,
    label_events: events.reduce((n, e) => n + Number(e.n), 0),
    events_without_applied: eventsWithoutApplied,
    applied_without_event: appliedWithoutEvent,
    doubled_events: doubled,
    item_version_mismatch: Number(mismatch[0]?.n ?? 0),
    left_in_outboxes: phones.reduce((n, p) => n + p.device.outbox.length, 0),
    ok: false,
  };
  c.ok =
    c.missing_results === 0 &&
    c.unexpected_results === 0 &&
    c.answered_by_server === c.offered &&
    c.events_without_applied === 0 &&
    c.applied_without_event === 0 &&
    c.doubled_events === 0 &&
    c.item_version_mismatch === 0 &&
    c.left_in_outboxes === 0;
  return c;
}
