/**
 * What the PostgreSQL benches share (bench/warehouse-search.ts, bench/lists.ts): percentiles, a call timed after
 * warm-ups, a drizzle handle whose statements are captured (as the app: APP_ROLE), and EXPLAIN (ANALYZE, BUFFERS,
 * FORMAT JSON) of each captured statement with its plan's node types and index names.
 */
import os from "node:os";
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { APP_ROLE, type Db } from "@/db/client";
import * as schema from "@/db/schema";

export function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
export const ms = (x: number) => Math.round(x * 100) / 100;

/** The plan's node types (with the index or relation each one reads), depth first. */
export function planNodes(plan: Record<string, unknown>): string[] {
  const self = [plan["Node Type"], plan["Index Name"] ?? plan["Relation Name"]].filter(Boolean).join(" ");
  const kids = (plan.Plans as Record<string, unknown>[] | undefined) ?? [];
  return [self, ...kids.flatMap(planNodes)];
}

export interface TTimes {
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  p95: number;
}

/** `warm` untimed calls, then `runs` timed ones: p50, p95 and the slowest, in ms. */
export async function timeCalls(call: () => Promise<unknown>, runs: number, warm = 3): Promise<TTimes> {
  for (let i = 0; i < warm; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await call();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50Ms: ms(pct(times, 50)), p95Ms: ms(pct(times, 95)), maxMs: ms(times.at(-1)!), p95: pct(times, 95) };
}

export interface TCaptured {
  sql: string;
  params: unknown[];
}

/** A second connection as the app (APP_ROLE) whose statements are kept in `captured`, for EXPLAIN. */
export function tracedDb(url: string): { db: Db; captured: TCaptured[]; end: () => Promise<void> } {
  const captured: TCaptured[] = [];
  const client = postgres(url, { max: 1, onnotice: () => {}, connection: { role: APP_ROLE } });
  const db = drizzle({ client, schema, logger: { logQuery: (q, p) => void captured.push({ sql: q, params: p }) } }) as unknown as Db;
  return { db, captured, end: () => client.end() };
}

export interface TExplained {
  sql: string;
  executionMs: number;
  sharedHit: number;
  sharedRead: number;
  nodes: string[];
}

/** EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of each statement, on `owner`'s connection. */
export async function explainAll(owner: postgres.Sql, statements: TCaptured[]): Promise<TExplained[]> {
  const out: TExplained[] = [];
  for (const s of statements) {
    const [row] = await owner.unsafe<{ "QUERY PLAN": [{ Plan: Record<string, unknown>; "Execution Time": number }] }[]>(
      `explain (analyze, buffers, format json) ${s.sql}`,
      s.params as never[],
    );
    const top = row!["QUERY PLAN"][0];
    const buffers = (k: string) => Number(top.Plan[k] ?? 0);
    out.push({
      sql: s.sql.length > 600 ? `${s.sql.slice(0, 600)}…` : s.sql,
      executionMs: ms(top["Execution Time"]),
      sharedHit: buffers("Shared Hit Blocks"),
      sharedRead: buffers("Shared Read Blocks"),
      nodes: planNodes(top.Plan),
    });
  }
  return out;
}

/** The machine a figure was measured on: cores, model, load average, and the commit. */
export function machine(): { cpus: number; model: string; load: number[]; commit: string } {
  let commit: string;
  try {
    commit = execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    commit = "unknown";
  }
  return { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? "", load: os.loadavg().map((x) => Math.round(x * 100) / 100), commit };
}
