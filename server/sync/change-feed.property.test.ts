/**
 * The change feed under real concurrency (ADR 0042), on PostgreSQL only (PGlite has one connection: nothing
 * interleaves). fast-check draws schedules of slow and fast transactions on their own connections, each writing
 * rows, committing or rolling back in any order, with pulls in between, while a transaction in another database of
 * the same server stays open the whole time. Each pull must bring every row committed before it (no stall) and
 * none uncommitted; in the end every committed row has come exactly once, none rolled back, none skipped.
 */
import fc from "fast-check";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { covers, parseCursor } from "@/domain/sync/cursor";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { newDevice, pullToEnd } from "@/tests/helpers/sync";

type Step = { kind: "begin" } | { kind: "write"; pick: number; rows: number } | { kind: "end"; pick: number; commit: boolean } | { kind: "pull" };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: "begin" as const }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("write" as const), pick: fc.nat(), rows: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("end" as const), pick: fc.nat(), commit: fc.boolean() }) },
  { weight: 3, arbitrary: fc.constant({ kind: "pull" as const }) },
);

describe.runIf(process.env.TEST_DB === "postgres")("change feed: slow and fast transactions interleaved (PostgreSQL)", () => {
  let t: TestDb;
  let keeper: Caller;
  let writers: postgres.Sql;
  let other: postgres.ReservedSql | undefined;
  let otherServer: postgres.Sql;
  let site: string;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({ caller: keeper } = await login(t.db, "keeper", "keeper-demo1"));
    writers = postgres(t.url!, { max: 8, onnotice: () => {} });
    site = (await writers<{ site_code: string }[]>`select site_code from zones order by code limit 1`)[0]!.site_code;
    // a transaction in another database of the same server, open for the whole test: it must hold nothing back
    otherServer = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    other = await otherServer.reserve();
    await other`begin`;
    await other`select pg_current_xact_id()`;
  });
  afterAll(async () => {
    if (other) {
      await other`rollback`.catch(() => {});
      other.release();
    }
    await otherServer?.end();
    await writers?.end();
    await t?.close();
  });

  it("every committed row comes exactly once, at the first pull after its commit; none uncommitted ever", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 30 }), async (steps) => {
        run++;
        const deviceId = await newDevice(keeper);
        // the rows before this run: pulled first, then left out of the checks
        let cursor = await pullToEnd(keeper, deviceId);
        const open: { conn: postgres.ReservedSql; rows: string[] }[] = [];
        const committed = new Set<string>();
        const rolledBack = new Set<string>();
        const delivered = new Map<string, number>();
        let serial = 0;
        const pull = async () => {
          const mustSee = new Set(committed);
          for (let more = true; more;) {
            const page = await keeper.sync.pull({ deviceId, cursor });
            expect(covers(parseCursor(page.cursor)!, parseCursor(cursor)!), "the cursor never goes back").toBe(true);
            cursor = page.cursor;
            more = page.hasMore;
            for (const z of page.zones) {
              if (!z.code.startsWith(`CF${run}-`)) continue;
              delivered.set(z.code, (delivered.get(z.code) ?? 0) + 1);
              mustSee.delete(z.code);
              expect(committed.has(z.code), `${z.code} delivered but not committed`).toBe(true);
            }
          }
          // committed before this pull began and not delivered earlier: it must have come now (no stall)
          for (const code of mustSee) expect(delivered.get(code), `${code} committed but not delivered`).toBe(1);
        };
        try {
          for (const s of steps) {
            if (s.kind === "begin") {
              const conn = await writers.reserve();
              await conn`begin`;
              open.push({ conn, rows: [] });
            } else if (s.kind === "write" && open.length > 0) {
              const w = open[s.pick % open.length]!;
              for (let i = 0; i < s.rows; i++) {
                const code = `CF${run}-${++serial}`;
                await w.conn`insert into zones (code, site_code, kind, name_zh, name_en) values (${code}, ${site}, 'stock', ${code}, ${code})`;
                w.rows.push(code);
              }
            } else if (s.kind === "end" && open.length > 0) {
              const [w] = open.splice(s.pick % open.length, 1);
              if (s.commit) await w!.conn`commit`;
              else await w!.conn`rollback`;
              for (const code of w!.rows) (s.commit ? committed : rolledBack).add(code);
              w!.conn.release();
            } else if (s.kind === "pull") await pull();
          }
          // the slow ones commit at last
          for (const w of open.splice(0)) {
            await w.conn`commit`;
            for (const code of w.rows) committed.add(code);
            w.conn.release();
          }
          await pull();
        } finally {
          for (const w of open) {
            await w.conn`rollback`.catch(() => {});
            w.conn.release();
          }
        }
        expect([...delivered.keys()].sort()).toEqual([...committed].sort());
        for (const [code, n] of delivered) expect(n, `${code} delivered ${n} times`).toBe(1);
        for (const code of rolledBack) expect(delivered.has(code)).toBe(false);
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});
