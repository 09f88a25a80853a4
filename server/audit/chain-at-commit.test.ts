/**
 * The audit chain is extended at commit (migration 0029, ADR 0043): an insert takes no lock and leaves its row
 * unchained; a deferred trigger inside COMMIT numbers and hashes the transaction's rows under the head's lock. So a
 * transaction that wrote an audit row and has not committed holds nobody back, the chain still follows commit order
 * with no gaps (rollbacks included), and nobody but that trigger can fill a row's chain columns.
 */
import { asc, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import postgres from "postgres";
import { afterEach, describe, expect, it } from "vitest";
import { auditChainHead, auditEvents } from "@/db/schema";
import { appendAuditEvent } from "@/server/audit/service";
import { verifyAuditChain } from "@/server/audit/verify";
import { createTestDb, type TestDb } from "@/tests/helpers/db";

const open: TestDb[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});
async function fresh(): Promise<TestDb> {
  const t = await createTestDb();
  open.push(t);
  return t;
}
const event = (i: number) => ({ actorId: null, subjectType: "test", subjectId: `s${i}`, event: { name: "user.passwordReset" as const, payload: {} } });
const head = async (t: TestDb) => (await t.db.select().from(auditChainHead).where(eq(auditChainHead.id, 1)))[0]!;

/** The statement fails, with a message matching `why` (drizzle wraps the driver's error as its cause). */
async function refusal(statement: Promise<unknown>): Promise<string> {
  const err = await statement.then(
    () => null,
    (e: unknown) => e as Error & { cause?: Error },
  );
  expect(err, "the statement was accepted").not.toBeNull();
  return err!.cause?.message ?? err!.message;
}

describe("the chain is extended at commit", () => {
  it("a row is unchained inside its transaction, numbered at commit in insert order; a rollback leaves no gap", async () => {
    const t = await fresh();
    const before = (await head(t)).lastSeq;
    await t.db.transaction(async (tx) => {
      await appendAuditEvent(tx, event(1));
      await appendAuditEvent(tx, event(2));
      const inside = await tx.select({ seq: auditEvents.chainSeq, hash: auditEvents.hash }).from(auditEvents).where(eq(auditEvents.subjectType, "test"));
      expect(inside).toEqual([
        { seq: null, hash: null },
        { seq: null, hash: null },
      ]);
    });
    await t.db
      .transaction(async (tx) => {
        await appendAuditEvent(tx, event(3));
        tx.rollback();
      })
      .catch(() => {});
    await appendAuditEvent(t.db, event(4));
    const rows = await t.db
      .select({ subjectId: auditEvents.subjectId, seq: auditEvents.chainSeq })
      .from(auditEvents)
      .where(eq(auditEvents.subjectType, "test"))
      .orderBy(asc(auditEvents.chainSeq));
    expect(rows).toEqual([
      { subjectId: "s1", seq: before + 1 },
      { subjectId: "s2", seq: before + 2 },
      { subjectId: "s4", seq: before + 3 },
    ]);
    expect((await head(t)).lastSeq).toBe(before + 3);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, count: before + 3, firstBreak: null });
  });

  it("an insert cannot choose its own place in the chain: what it says is replaced at commit", async () => {
    const t = await fresh();
    const before = await head(t);
    await t.asOwner((owner) =>
      owner.execute(sql`INSERT INTO audit_events (name, subject_type, subject_id, payload, chain_seq, prev_hash, hash)
        VALUES ('user.passwordReset', 'test', 'forged', '{}'::jsonb, 999, ${"0".repeat(64)}, ${"f".repeat(64)})`),
    );
    const [row] = await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, "forged"));
    expect(row!.chainSeq).toBe(before.lastSeq + 1);
    expect(row!.prevHash).toBe(before.lastHash);
    expect(row!.hash).not.toBe("f".repeat(64));
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, firstBreak: null });
  });

  it("even the owner cannot fill or change the chain columns by hand, before or after commit", async () => {
    const t = await fresh();
    await appendAuditEvent(t.db, event(1));
    const [chained] = await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, "s1"));
    await t.asOwner(async (owner) => {
      expect(await refusal(owner.execute(sql`UPDATE audit_events SET hash = ${"a".repeat(64)} WHERE id = ${chained!.id}`))).toMatch(/append-only/);
      const message = await refusal(
        owner.transaction(async (tx) => {
          await tx.execute(sql`INSERT INTO audit_events (name, subject_type, subject_id, payload) VALUES ('user.passwordReset', 'test', 'hand', '{}'::jsonb)`);
          await tx.execute(sql`UPDATE audit_events SET chain_seq = 12345, prev_hash = ${"0".repeat(64)}, hash = ${"b".repeat(64)} WHERE subject_id = 'hand'`);
        }),
      );
      expect(message).toMatch(/append-only/);
    });
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, "hand"))).toEqual([]);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, firstBreak: null });
  });
});

describe.runIf(process.env.TEST_DB === "postgres")("the chain under concurrency (PostgreSQL)", () => {
  it("a transaction with an uncommitted audit row holds no other writer back; the chain follows commit order", async () => {
    const t = await fresh();
    const a = postgres(t.url!, { max: 1, onnotice: () => {} });
    const b = postgres(t.url!, { max: 1, onnotice: () => {} });
    try {
      const slow = await a.reserve();
      await slow`begin`;
      await slow`insert into audit_events (name, subject_type, subject_id, payload) values ('user.passwordReset', 'test', 'slow', '{}'::jsonb)`;
      // before migration 0029 this insert waited for the slow transaction's commit on the head's row lock; the
      // timeout is a failure signal, not a speed budget: nothing here waits on anything now
      await b.begin(async (tx) => {
        await tx`set local lock_timeout = '20s'`;
        await tx`insert into audit_events (name, subject_type, subject_id, payload) values ('user.passwordReset', 'test', 'fast', '{}'::jsonb)`;
      });
      await slow`commit`;
      slow.release();
      const rows = await a<{ subject_id: string; chain_seq: string }[]>`
        select subject_id, chain_seq from audit_events where subject_type = 'test' order by chain_seq`;
      expect(rows.map((r) => r.subject_id)).toEqual(["fast", "slow"]);
      expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, firstBreak: null });
    } finally {
      await a.end();
      await b.end();
    }
  });

  it("any interleaving of writers that commit or roll back gives one gapless chain in commit order", async () => {
    const t = await fresh();
    const pool = postgres(t.url!, { max: 4, onnotice: () => {} });
    const op = fc.record({ who: fc.nat({ max: 3 }), act: fc.constantFrom("insert", "insert", "commit", "rollback") });
    let n = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 24 }), async (ops) => {
          const conns = await Promise.all([0, 1, 2, 3].map(() => pool.reserve()));
          const pending: string[][] = [[], [], [], []];
          const committed: string[] = [];
          const end = async (who: number, commit: boolean) => {
            if (pending[who]!.length === 0) return;
            await conns[who]!.unsafe(commit ? "commit" : "rollback");
            if (commit) committed.push(...pending[who]!);
            pending[who] = [];
          };
          try {
            for (const { who, act } of ops) {
              if (act === "insert") {
                if (pending[who]!.length === 0) await conns[who]!`begin`;
                const id = `p${n++}`;
                await conns[who]!`insert into audit_events (name, subject_type, subject_id, payload) values ('user.passwordReset', 'prop', ${id}, '{}'::jsonb)`;
                pending[who]!.push(id);
              } else await end(who, act === "commit");
            }
            for (let who = 0; who < 4; who++) await end(who, true);
          } finally {
            conns.forEach((c) => c.release());
          }
          const chained = await pool<{ subject_id: string }[]>`
            select subject_id from audit_events where subject_id = any(${committed.length ? committed : [""]}) order by chain_seq`;
          expect(chained.map((r) => r.subject_id)).toEqual(committed);
          const verified = await verifyAuditChain(t.db);
          expect(verified).toMatchObject({ ok: true, firstBreak: null });
        }),
        { numRuns: 40 },
      );
    } finally {
      await pool.end();
    }
  });
});
