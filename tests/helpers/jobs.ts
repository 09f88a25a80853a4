import { sql } from "drizzle-orm";
import { APP_ROLE, rowsOf, type Db } from "@/db/client";

/**
 * A table the test jobs' handlers write to: one row per handler run (no unique key on purpose, so a second run of a
 * job shows as a second row instead of being hidden by a constraint). Created by the owner, like a migration would.
 */
export async function createProbeTable(asOwner: <T>(fn: (owner: Db) => Promise<T>) => Promise<T>): Promise<void> {
  await asOwner(async (owner) => {
    await owner.execute(
      sql.raw(`
      create table job_probe (
        job_id uuid not null,
        note text not null default '',
        who text not null default current_user,
        pid int not null default 0,
        ran_at timestamptz not null default clock_timestamp()
      )`),
    );
    await owner.execute(sql.raw(`grant select, insert on job_probe to ${APP_ROLE}`));
  });
}

export interface TProbeRow {
  job_id: string;
  note: string;
  who: string;
  pid: number;
  ran_at: Date;
}

export async function probeRows(db: Db, jobId?: string): Promise<TProbeRow[]> {
  const rows = rowsOf<TProbeRow & { ran_at: Date | string }>(
    await db.execute(
      jobId
        ? sql`select job_id, note, who, pid, ran_at from job_probe where job_id = ${jobId} order by ran_at`
        : sql`select job_id, note, who, pid, ran_at from job_probe order by ran_at`,
    ),
  );
  return rows.map((r) => ({ ...r, ran_at: new Date(r.ran_at) }));
}

export interface TJobRow {
  id: string;
  name: string;
  state: string;
  retry_count: number;
  start_after: Date;
  data: unknown;
  output: unknown;
}

export async function jobRow(db: Db, id: string): Promise<TJobRow | undefined> {
  const [row] = rowsOf<TJobRow & { start_after: Date | string }>(
    await db.execute(sql`select id, name, state, retry_count, start_after, data, output from pgboss.job where id = ${id}`),
  );
  return row ? { ...row, start_after: new Date(row.start_after) } : undefined;
}

/**
 * Waits for `check` to return a value (not undefined), polling every 100 ms, up to `timeoutMs`. why a deadline and
 * not a fixed sleep: the test waits exactly as long as the machine needs, and only a real hang fails it.
 */
export async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until a job reaches one of `states` and returns its row. */
export function untilJobState(db: Db, id: string, states: readonly string[], timeoutMs: number): Promise<TJobRow> {
  return until(
    `job ${id} to be ${states.join("|")}`,
    async () => {
      const row = await jobRow(db, id);
      return row && states.includes(row.state) ? row : undefined;
    },
    timeoutMs,
  );
}
