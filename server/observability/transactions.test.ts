import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { openTransactions } from "./transactions";

/** Open transactions of the database server (pg_stat_activity), and "not applicable" on PGlite. */
describe("open transactions on PGlite", () => {
  let t: TestDb | undefined;
  beforeAll(async () => {
    if (process.env.TEST_DB !== "postgres") t = await createTestDb();
  });
  afterAll(async () => t?.close());

  it("answers not applicable (one embedded backend)", async (ctx) => {
    if (!t) return ctx.skip();
    expect(await openTransactions(t.db)).toEqual({ applicable: false });
  });
});

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)("open transactions on PostgreSQL", () => {
  let owner: DbHandle;
  let holder: DbHandle;
  beforeAll(async () => {
    // the listing as a role that sees every session (the superuser of TEST_DATABASE_URL; the app role needs
    // pg_read_all_stats for that, docs/operations/observability.md), and another connection that holds a transaction
    owner = await openDb({ kind: "postgres", url: url!, max: 1 }, { migrate: false, asOwner: true });
    holder = await openDb({ kind: "postgres", url: url!, max: 1 }, { migrate: false, asOwner: true });
  });
  afterAll(async () => {
    await holder?.close();
    await owner?.close();
  });

  it("lists a transaction left open on another connection, with its age, xid and state, oldest first", async () => {
    const client = (holder.db as unknown as { $client: import("postgres").Sql }).$client;
    const reserved = await client.reserve();
    try {
      await reserved`begin`;
      const [row] = await reserved<{ pid: number; xid: string }[]>`select pg_backend_pid() as pid, txid_current()::text as xid`;
      const { pid, xid } = row!;
      await reserved`select 'tracemark-open-transaction-probe'`;
      await new Promise((r) => setTimeout(r, 1100));
      const seen = await openTransactions(owner.db, { olderThanSeconds: 1 });
      if (!seen.applicable) throw new Error("PostgreSQL must be applicable");
      const mine = seen.transactions.find((x) => x.pid === pid);
      expect(mine).toBeDefined();
      expect(mine!.state).toBe("idle in transaction");
      expect(mine!.ageSeconds).toBeGreaterThanOrEqual(1);
      expect(mine!.backendXid).toBe(String(Number(xid) % 2 ** 32));
      expect(mine!.query).toContain("tracemark-open-transaction-probe");
      expect(seen.oldestSeconds).toBeGreaterThanOrEqual(mine!.ageSeconds - 0.5);
      expect(seen.open).toBeGreaterThanOrEqual(1);
      const ages = seen.transactions.map((x) => x.ageSeconds);
      expect(ages).toEqual([...ages].sort((a, b) => b - a));
      await reserved`commit`;
      const after = await openTransactions(owner.db, { olderThanSeconds: 0 });
      expect(after.applicable && after.transactions.some((x) => x.pid === pid)).toBe(false);
    } finally {
      await reserved`rollback`.catch(() => {});
      reserved.release();
    }
  });
});
