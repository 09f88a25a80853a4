import { asc, eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditChainHead, auditEvents, workOrderSignoffs } from "@/db/schema";
import { appendAuditEvent } from "@/server/audit/service";
import { signoffEvidenceHash, verifyAll, verifyAuditChain, verifyEvidence } from "@/server/audit/verify";
import { makeClosedWorkOrder, type ClosedWorkOrder } from "@/tests/helpers/closed-work-order";
import { login } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { makeUser } from "@/tests/helpers/users";

/**
 * Issue 5: "tampering with any audit row or signature is detected by the verifier". Each case starts from a fresh
 * database with a chain of real appends (service + trigger) and a closed work order with its evidence; the
 * tampering is done as the tables' owner with the triggers switched off, as an attacker with that power would.
 */
const open: TestDb[] = [];
/** Each world's database, by the app's handle on it, for `tamper` to reach its owner. */
const owners = new Map<Db, TestDb>();
afterEach(async () => {
  owners.clear();
  await Promise.all(open.splice(0).map((t) => t.close()));
});

interface World {
  db: Db;
  rows: { id: number; chainSeq: number }[];
  wo: ClosedWorkOrder;
  linemanId: string;
}

async function world(): Promise<World> {
  const t = await createTestDb();
  open.push(t);
  owners.set(t.db, t);
  const lineman = await makeUser(t.db, { role: "lineman" });
  const admin = await makeUser(t.db, { role: "admin" });
  for (let i = 0; i < 6; i++) {
    await t.db.transaction(async (tx) => {
      await appendAuditEvent(tx, {
        actorId: admin.id,
        subjectType: "user",
        subjectId: lineman.id,
        event: { name: "user.activeChanged", payload: { active: i % 2 === 0 } },
      });
    });
  }
  const wo = await makeClosedWorkOrder(t.db, { linemanId: lineman.id, officeId: admin.id });
  const rows = await t.db.select({ id: auditEvents.id, chainSeq: auditEvents.chainSeq }).from(auditEvents).orderBy(asc(auditEvents.chainSeq));
  return { db: t.db, rows: rows.map((r) => ({ id: r.id, chainSeq: r.chainSeq! })), wo, linemanId: lineman.id };
}

/** Runs statements as the tables' owner with the user triggers off (append-only guard and chain trigger). */
async function tamper(db: Db, table: string, ...statements: ReturnType<typeof sql>[]) {
  await owners.get(db)!.asOwner(async (owner) => {
    await owner.execute(sql.raw(`ALTER TABLE ${table} DISABLE TRIGGER USER`));
    try {
      for (const s of statements) await owner.execute(s);
    } finally {
      await owner.execute(sql.raw(`ALTER TABLE ${table} ENABLE TRIGGER USER`));
    }
  });
}

describe("a chain nobody touched", () => {
  it("verifies: every hash recomputed in TypeScript from the database's canonical text, head matched", async () => {
    const { db, rows } = await world();
    expect(rows.map((r) => r.chainSeq)).toEqual(rows.map((_, i) => i + 1));
    const [head] = await db.select().from(auditChainHead);
    const result = await verifyAll(db);
    expect(result.chain).toEqual({ ok: true, count: rows.length, head: { seq: rows.length, hash: head!.lastHash }, firstBreak: null, anchorsFailed: [] });
    expect(result.evidence).toEqual({ ok: true, files: 4, signoffs: 1, firstProblem: null });
    expect(result.ok).toBe(true);
  });

  it("verifies in small pages too, and keeps verifying as the log grows", async () => {
    const { db, rows } = await world();
    expect((await verifyAuditChain(db, { pageSize: 3 })).count).toBe(rows.length);
    await appendAuditEvent(db, { actorId: null, subjectType: "user", subjectId: "x", event: { name: "user.passwordReset", payload: {} } });
    expect(await verifyAuditChain(db, { pageSize: 2 })).toMatchObject({ ok: true, count: rows.length + 1 });
  });

  it("checks anchors written down earlier: a matching one passes, a wrong one fails", async () => {
    const { db } = await world();
    const [row3] = await db.select({ hash: auditEvents.hash }).from(auditEvents).where(eq(auditEvents.chainSeq, 3));
    expect((await verifyAuditChain(db, { anchors: [{ seq: 3, hash: row3!.hash! }] })).ok).toBe(true);
    const wrong = { seq: 3, hash: "a".repeat(64) };
    expect(await verifyAuditChain(db, { anchors: [wrong] })).toMatchObject({ ok: false, firstBreak: null, anchorsFailed: [wrong] });
  });
});

/** The statement fails, with a message matching `why` (drizzle wraps the driver's error as its cause). */
async function expectRefused(statement: Promise<unknown>, why: RegExp) {
  const err = await statement.then(
    () => null,
    (e: unknown) => e as Error & { cause?: Error },
  );
  expect(err, "the statement was accepted").not.toBeNull();
  expect(err!.cause?.message ?? err!.message).toMatch(why);
}

describe("the app's own connection cannot rewrite the log", () => {
  it("runs as a role without UPDATE, DELETE or TRUNCATE on records, which cannot switch their guards off", async () => {
    const { db, rows } = await world();
    const denied = /permission denied/;
    await expectRefused(db.execute(sql`UPDATE audit_events SET payload = '{}'::jsonb WHERE chain_seq = 2`), denied);
    await expectRefused(db.execute(sql`DELETE FROM audit_events WHERE chain_seq = ${rows.length}`), denied);
    await expectRefused(db.execute(sql`TRUNCATE audit_events`), denied);
    await expectRefused(db.execute(sql`DELETE FROM audit_chain_head`), denied);
    await expectRefused(db.execute(sql`UPDATE audit_chain_head SET last_seq = 1`), denied);
    await expectRefused(db.execute(sql`UPDATE work_order_signoffs SET signer_name = 'someone else'`), denied);
    await expectRefused(db.execute(sql`DELETE FROM work_order_events`), denied);
    await expectRefused(db.execute(sql`UPDATE evidence_files SET size = size + 1`), denied);
    await expectRefused(db.execute(sql`DELETE FROM evidence_files`), denied);
    await expectRefused(db.execute(sql`TRUNCATE evidence_files`), denied);
    await expectRefused(db.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER USER`), /must be (the )?owner/);
    await expectRefused(db.execute(sql`DROP TRIGGER audit_events_append_only ON audit_events`), /must be (the )?owner/);
    // yet the app still appends: the chain trigger moves the head with its owner's rights
    await appendAuditEvent(db, { actorId: null, subjectType: "user", subjectId: "x", event: { name: "user.passwordReset", payload: {} } });
    expect(await verifyAll(db)).toMatchObject({ ok: true, chain: { count: rows.length + 1 } });
  });

  it("and even the owner meets the append-only guards unless it switches them off", async () => {
    const { db, rows } = await world();
    await owners.get(db)!.asOwner(async (owner) => {
      const guard = /is append-only/;
      await expectRefused(owner.execute(sql`UPDATE audit_events SET payload = '{}'::jsonb WHERE chain_seq = 2`), guard);
      await expectRefused(owner.execute(sql`DELETE FROM audit_events WHERE chain_seq = ${rows.length}`), guard);
      await expectRefused(owner.execute(sql`TRUNCATE audit_events`), guard);
      await expectRefused(owner.execute(sql`DELETE FROM audit_chain_head`), guard);
      await expectRefused(owner.execute(sql`UPDATE work_order_signoffs SET signer_name = 'someone else'`), guard);
      await expectRefused(owner.execute(sql`UPDATE evidence_files SET size = size + 1`), guard);
      await expectRefused(owner.execute(sql`TRUNCATE evidence_files`), guard);
    });
    expect((await verifyAll(db)).ok).toBe(true);
  });
});

describe("tampering with the audit log is found at the first broken link", () => {
  it("a row's payload changed: hash mismatch at that row", async () => {
    const { db, rows } = await world();
    await tamper(db, "audit_events", sql`UPDATE audit_events SET payload = '{"active": true, "x": 1}'::jsonb WHERE chain_seq = 3`);
    const r = await verifyAll(db);
    expect(r.ok).toBe(false);
    expect(r.chain).toMatchObject({ ok: false, count: 2, firstBreak: { kind: "hash_mismatch", chainSeq: 3, id: rows[2]!.id } });
  });

  it("a row's actor or time changed: hash mismatch", async () => {
    const { db, rows } = await world();
    await tamper(db, "audit_events", sql`UPDATE audit_events SET occurred_at = occurred_at + interval '1 microsecond' WHERE chain_seq = 5`);
    expect((await verifyAuditChain(db)).firstBreak).toEqual({ kind: "hash_mismatch", chainSeq: 5, id: rows[4]!.id });
  });

  it("a row changed with its own hash recomputed: the next row's link breaks", async () => {
    const { db, rows } = await world();
    await tamper(
      db,
      "audit_events",
      sql`UPDATE audit_events SET payload = '{"active": true, "y": 2}'::jsonb WHERE chain_seq = 2`,
      sql`UPDATE audit_events SET hash = tm_audit_hash(prev_hash, tm_audit_canonical(chain_seq, occurred_at, actor_id, name, subject_type, subject_id, payload)) WHERE chain_seq = 2`,
    );
    expect((await verifyAuditChain(db)).firstBreak).toEqual({ kind: "prev_hash_mismatch", chainSeq: 3, id: rows[2]!.id });
  });

  it("a middle row deleted: a gap where it was", async () => {
    const { db, rows } = await world();
    await tamper(db, "audit_events", sql`DELETE FROM audit_events WHERE chain_seq = 4`);
    expect((await verifyAuditChain(db)).firstBreak).toEqual({ kind: "seq_gap", chainSeq: 5, id: rows[4]!.id, expectedSeq: 4 });
  });

  it("the last row deleted: the head names a row that is gone", async () => {
    const { db, rows } = await world();
    await tamper(db, "audit_events", sql`DELETE FROM audit_events WHERE chain_seq = ${rows.length}`);
    const chain = await verifyAuditChain(db);
    expect(chain.firstBreak).toEqual({ kind: "head_mismatch", headSeq: rows.length, lastSeq: rows.length - 1 });
    expect(chain.count).toBe(rows.length - 1);
  });

  it("two rows swapped: the first place out of order breaks its link", async () => {
    const { db, rows } = await world();
    await tamper(
      db,
      "audit_events",
      sql`UPDATE audit_events SET chain_seq = -2 WHERE chain_seq = 2`,
      sql`UPDATE audit_events SET chain_seq = 2 WHERE chain_seq = 5`,
      sql`UPDATE audit_events SET chain_seq = 5 WHERE chain_seq = -2`,
    );
    expect((await verifyAuditChain(db)).firstBreak).toEqual({ kind: "prev_hash_mismatch", chainSeq: 2, id: rows[4]!.id });
  });

  it("a row slipped in with the chain trigger off: unchained", async () => {
    const { db } = await world();
    await tamper(
      db,
      "audit_events",
      sql`INSERT INTO audit_events (name, subject_type, subject_id, payload) VALUES ('user.passwordReset', 'user', 'x', '{}'::jsonb)`,
    );
    const chain = await verifyAuditChain(db);
    expect(chain.firstBreak?.kind).toBe("unchained");
  });

  it("the whole tail rewritten and the head moved back: the anchor written down earlier no longer matches", async () => {
    const { db, rows } = await world();
    const n = rows.length;
    const [last] = await db.select({ hash: auditEvents.hash }).from(auditEvents).where(eq(auditEvents.chainSeq, n));
    const anchor = { seq: n, hash: last!.hash! };
    // The owner deletes the last row and moves the head back: locally consistent again.
    await tamper(db, "audit_events", sql`DELETE FROM audit_events WHERE chain_seq = ${n}`);
    await owners
      .get(db)!
      .asOwner((owner) =>
        owner.execute(sql`UPDATE audit_chain_head SET last_seq = ${n - 1}, last_hash = (SELECT hash FROM audit_events WHERE chain_seq = ${n - 1})`),
      );
    expect((await verifyAuditChain(db)).ok).toBe(true);
    expect(await verifyAuditChain(db, { anchors: [anchor] })).toMatchObject({ ok: false, anchorsFailed: [anchor] });
  });
});

describe("tampering with evidence is found", () => {
  it("a stored file's bytes changed", async () => {
    const { db, wo } = await world();
    await tamper(
      db,
      "evidence_files",
      sql`UPDATE evidence_files SET data = overlay(data placing '\\x00'::bytea from 40 for 1) WHERE sha256 = ${wo.signatureSha256}`,
    );
    expect((await verifyEvidence(db)).firstProblem).toEqual({ kind: "file_changed", sha256: wo.signatureSha256 });
  });

  it("a stored file's size changed", async () => {
    const { db, wo } = await world();
    await tamper(db, "evidence_files", sql`UPDATE evidence_files SET size = size + 1 WHERE sha256 = ${wo.photoSha256s[0]!}`);
    expect((await verifyEvidence(db)).firstProblem).toEqual({ kind: "file_size", sha256: wo.photoSha256s[0] });
  });

  it("a signature file removed", async () => {
    const { db, wo } = await world();
    await tamper(db, "evidence_files", sql`DELETE FROM evidence_files WHERE sha256 = ${wo.linemanSignatureSha256}`);
    expect((await verifyEvidence(db)).firstProblem).toEqual({
      kind: "file_missing",
      source: "work_order_signoffs",
      rowId: String(wo.selfCheckSignoffId),
      sha256: wo.linemanSignatureSha256,
    });
  });

  it("the snapshot the customer signed changed", async () => {
    const { db, wo } = await world();
    await tamper(
      db,
      "work_order_signoffs",
      sql`UPDATE work_order_signoffs SET snapshot = jsonb_set(snapshot, '{ratings,onTime}', '5') WHERE id = ${wo.customerSignoffId}`,
    );
    expect((await verifyAll(db)).evidence).toMatchObject({
      ok: false,
      firstProblem: { kind: "evidence_mismatch", signoffId: wo.customerSignoffId, workOrderId: wo.id, workOrderCode: wo.code },
    });
  });

  it("the signature swapped for another stored image, or the signer's name changed", async () => {
    const { db, wo } = await world();
    await tamper(
      db,
      "work_order_signoffs",
      sql`UPDATE work_order_signoffs SET signature_sha256 = ${wo.linemanSignatureSha256} WHERE id = ${wo.customerSignoffId}`,
    );
    expect((await verifyEvidence(db)).firstProblem?.kind).toBe("evidence_mismatch");
    const other = await world();
    await tamper(other.db, "work_order_signoffs", sql`UPDATE work_order_signoffs SET signer_name = '李四' WHERE id = ${other.wo.customerSignoffId}`);
    expect((await verifyEvidence(other.db)).firstProblem?.kind).toBe("evidence_mismatch");
  });
});

describe("a sign-off rewritten consistently is caught by the audit log", () => {
  it("new snapshot and a recomputed evidence hash: the log recorded another hash at signing", async () => {
    const { db, wo } = await world();
    const snapshot = { code: wo.code, ratings: { attitude: 1, onTime: 1 } };
    const [row] = await db.select().from(workOrderSignoffs).where(eq(workOrderSignoffs.id, wo.customerSignoffId));
    const forged = signoffEvidenceHash({ ...row!, snapshot })!;
    await tamper(
      db,
      "work_order_signoffs",
      sql`UPDATE work_order_signoffs SET snapshot = ${JSON.stringify(snapshot)}::jsonb, evidence_hash = ${forged} WHERE id = ${wo.customerSignoffId}`,
    );
    expect((await verifyEvidence(db)).firstProblem).toEqual({
      kind: "evidence_unrecorded",
      signoffId: wo.customerSignoffId,
      workOrderId: wo.id,
      workOrderCode: wo.code,
    });
  });
});

describe("audit.verify", () => {
  it("answers admins and quality with the result in full; others are refused", async () => {
    const { db } = await world();
    const quality = await makeUser(db, { role: "quality", username: "q-verify" });
    const admin = await makeUser(db, { role: "admin", username: "a-verify" });
    const lineman = await makeUser(db, { role: "lineman", username: "l-verify" });
    const q = (await login(db, quality.username, quality.password)).caller;
    const a = (await login(db, admin.username, admin.password)).caller;
    const okResult = await q.audit.verify();
    expect(okResult).toMatchObject({ ok: true, chain: { ok: true }, evidence: { ok: true } });
    await tamper(db, "audit_events", sql`UPDATE audit_events SET name = 'user.loggedOut' WHERE chain_seq = 1`);
    expect(await a.audit.verify()).toMatchObject({ ok: false, chain: { firstBreak: { kind: "hash_mismatch", chainSeq: 1 } } });
    await expectAppError((await login(db, lineman.username, lineman.password)).caller.audit.verify(), "forbidden");
  });
});
