import "server-only";
import { createHash } from "node:crypto";
import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { auditChainHead, auditEvents, evidenceFiles, workOrderSignoffs, workOrders } from "@/db/schema";
import { ChainChecker, type TChainBreak } from "@/domain/audit/chain";
import { evidenceHash } from "@/domain/evidence/canonical";
import { yieldToEventLoop } from "@/server/http/yield";

/**
 * The tamper check (issue 5, ADR 0011): walks the audit chain in chain_seq order, page by page, recomputing
 * every hash in TypeScript from the canonical text the database defines (tm_audit_canonical); then checks the
 * evidence: every stored file hashes to its name and size, every file a record points at exists, and every
 * customer signature's evidence hash recomputes from what is stored beside it and is the one the (verified) audit
 * log recorded at signing.
 */

/** What is wrong with the evidence (the first problem found). */
export type TEvidenceProblem =
  /** The stored bytes no longer hash to the file's name (content changed). */
  | { kind: "file_changed"; sha256: string }
  /** The stored size is not the bytes' length. */
  | { kind: "file_size"; sha256: string }
  /** A record points at a file that is not stored. */
  | { kind: "file_missing"; source: string; rowId: string; sha256: string }
  /** A customer sign-off's evidence hash does not recompute from its snapshot, signature, signer, user, device, time. */
  | { kind: "evidence_mismatch"; signoffId: number; workOrderId: string; workOrderCode: string | null }
  /**
   * The sign-off's evidence hash is not the one the audit log recorded when it was signed: the row was rewritten
   * consistently (snapshot and hash together), which only the hash-chained log can tell.
   */
  | { kind: "evidence_unrecorded"; signoffId: number; workOrderId: string; workOrderCode: string | null };
export type TEvidenceProblemKind = TEvidenceProblem["kind"];

/** A (chain_seq, hash) pair written down somewhere else earlier (printed, e-mailed): it must still be in the chain. */
export interface TAnchor {
  seq: number;
  hash: string;
}

export interface TVerifyResult {
  ok: boolean;
  checkedAt: string;
  ms: number;
  chain: {
    ok: boolean;
    /** Rows whose hash recomputed, in order, before any break. */
    count: number;
    head: { seq: number; hash: string } | null;
    firstBreak: TChainBreak | null;
    /** Anchors given by the caller that do not match (empty when all match or none given). */
    anchorsFailed: TAnchor[];
  };
  evidence: {
    ok: boolean;
    files: number;
    signoffs: number;
    firstProblem: TEvidenceProblem | null;
  };
}

const nodeSha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

export async function verifyAuditChain(db: Db, opts: { pageSize?: number; anchors?: TAnchor[] } = {}): Promise<TVerifyResult["chain"]> {
  const pageSize = opts.pageSize ?? 250;
  // The head first: every row up to its seq has committed (each append updates it in the same transaction), rows
  // appended while we walk are past it and wait for the next run.
  const [head] = await db.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  if (!head) return { ok: false, count: 0, head: null, firstBreak: { kind: "head_missing" }, anchorsFailed: [] };
  const checker = new ChainChecker(nodeSha256);
  let after = 0;
  walk: for (;;) {
    // a turn of the event loop between pages: verifying a long chain must not hold every other request (issue 11)
    await yieldToEventLoop();
    const rows = await db
      .select({
        id: auditEvents.id,
        chainSeq: auditEvents.chainSeq,
        prevHash: auditEvents.prevHash,
        hash: auditEvents.hash,
        canonical: sql<string>`tm_audit_canonical(${auditEvents.chainSeq}, ${auditEvents.occurredAt}, ${auditEvents.actorId}, ${auditEvents.name}, ${auditEvents.subjectType}, ${auditEvents.subjectId}, ${auditEvents.payload})`,
      })
      .from(auditEvents)
      .where(and(gt(auditEvents.chainSeq, after), lte(auditEvents.chainSeq, head.lastSeq)))
      .orderBy(asc(auditEvents.chainSeq))
      .limit(pageSize);
    for (const r of rows) if (checker.check(r)) break walk;
    if (rows.length < pageSize) break;
    after = rows.at(-1)!.chainSeq!;
  }
  const firstBreak = checker.firstBreak ?? (await outsideChain(db)) ?? checker.finish({ lastSeq: head.lastSeq, lastHash: head.lastHash });
  const anchorsFailed = firstBreak ? [] : await failedAnchors(db, opts.anchors ?? []);
  return {
    ok: firstBreak === null && anchorsFailed.length === 0,
    count: checker.count,
    head: { seq: head.lastSeq, hash: head.lastHash },
    firstBreak,
    anchorsFailed,
  };
}

/** Rows the walk cannot see: without chain fields, or numbered past the head (read in one statement with it). */
async function outsideChain(db: Db): Promise<TChainBreak | null> {
  const [unchained] = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(sql`${auditEvents.chainSeq} IS NULL OR ${auditEvents.hash} IS NULL OR ${auditEvents.prevHash} IS NULL`)
    .orderBy(asc(auditEvents.id))
    .limit(1);
  if (unchained) return { kind: "unchained", id: unchained.id };
  const beyond = rowsOf<{ id: unknown; chain_seq: unknown }>(
    await db.execute(sql`SELECT a.id, a.chain_seq FROM audit_events a JOIN audit_chain_head h ON h.id = 1
      WHERE a.chain_seq > h.last_seq ORDER BY a.chain_seq LIMIT 1`),
  )[0];
  return beyond ? { kind: "beyond_head", chainSeq: Number(beyond.chain_seq), id: Number(beyond.id) } : null;
}

async function failedAnchors(db: Db, anchors: TAnchor[]): Promise<TAnchor[]> {
  const failed: TAnchor[] = [];
  for (const a of anchors) {
    const [row] = await db.select({ hash: auditEvents.hash }).from(auditEvents).where(eq(auditEvents.chainSeq, a.seq));
    if (row?.hash !== a.hash.toLowerCase()) failed.push(a);
  }
  return failed;
}

/**
 * Records that point at evidence files: the column that holds the reference (`many`: an array of them; `value`: the
 * reference inside it, for a jsonb column) and the row's key as shown in a finding (`key`: for a table keyed by two
 * columns). Every `*sha256*` column that names a file, the billing check's attachments and a works case's signature.
 */
const FILE_REFERENCES: readonly { table: string; column: string; many?: true; key?: string; value?: string }[] = [
  { table: "work_order_photos", column: "sha256" },
  { table: "equipment_checks", column: "photo_sha256" },
  { table: "work_order_signoffs", column: "signature_sha256" },
  { table: "item_label_events", column: "photo_sha256" },
  { table: "acceptance_forms", column: "signature_sha256" },
  { table: "acceptance_lines", column: "photo_sha256", key: "form_id::text || '/' || item_id::text" },
  { table: "complaints", column: "photo_sha256" },
  { table: "complaints", column: "signature_sha256" },
  { table: "instrument_calibrations", column: "file_sha256" },
  { table: "instrument_faults", column: "photo_sha256" },
  { table: "instrument_handovers", column: "from_signature_sha256" },
  { table: "instrument_handovers", column: "to_signature_sha256" },
  { table: "maintenance_agreements", column: "signature_sha256" },
  { table: "nonconformities", column: "photo_sha256" },
  { table: "property_documents", column: "sha256" },
  { table: "property_round_inspectors", column: "signature_sha256", key: "round_id::text || '/' || user_id::text" },
  { table: "property_round_items", column: "photo_sha256s", many: true, key: "round_id::text || '/' || item_id::text" },
  { table: "spot_check_marks", column: "photo_sha256" },
  { table: "billing_checks", column: "attachments", many: true },
  // the customer's signature on a works agreement, kept in the case's details (server/property/works.ts)
  { table: "property_cases", column: "details", value: "details->>'signatureSha256'" },
];

export async function verifyEvidence(db: Db, opts: { pageSize?: number } = {}): Promise<TVerifyResult["evidence"]> {
  const pageSize = opts.pageSize ?? 20;
  let files = 0;
  let signoffs = 0;
  const result = (firstProblem: TEvidenceProblem | null) => ({ ok: firstProblem === null, files, signoffs, firstProblem });

  // 1. Every stored file still hashes to its name (a few at a time: photos are up to a few hundred KB each).
  let afterSha = "";
  for (;;) {
    await yieldToEventLoop();
    const page = await db
      .select({ sha256: evidenceFiles.sha256, size: evidenceFiles.size, data: evidenceFiles.data })
      .from(evidenceFiles)
      .where(gt(evidenceFiles.sha256, afterSha))
      .orderBy(asc(evidenceFiles.sha256))
      .limit(pageSize);
    for (const f of page) {
      if (createHash("sha256").update(f.data).digest("hex") !== f.sha256) return result({ kind: "file_changed", sha256: f.sha256 });
      if (f.data.length !== f.size) return result({ kind: "file_size", sha256: f.sha256 });
      files += 1;
    }
    if (page.length < pageSize) break;
    afterSha = page.at(-1)!.sha256;
  }

  // 2. Every reference resolves.
  for (const ref of FILE_REFERENCES) {
    const key = sql.raw(ref.key ?? "r.id::text");
    const col = ref.value ? sql.raw(`r.${ref.value}`) : sql`r.${sql.identifier(ref.column)}`;
    // one row per reference: an array column's elements each
    const source = ref.many
      ? sql`(SELECT r.*, ${key} AS ref_key, u.sha256 AS ref_sha FROM ${sql.identifier(ref.table)} r CROSS JOIN LATERAL unnest(${col}) AS u(sha256)) r`
      : sql`(SELECT r.*, ${key} AS ref_key, ${col} AS ref_sha FROM ${sql.identifier(ref.table)} r) r`;
    const [missing] = rowsOf<{ id: unknown; sha256: string }>(
      await db.execute(sql`SELECT r.ref_key AS id, r.ref_sha AS sha256 FROM ${source}
        WHERE r.ref_sha IS NOT NULL AND NOT EXISTS (SELECT 1 FROM evidence_files f WHERE f.sha256 = r.ref_sha)
        ORDER BY r.ref_key LIMIT 1`),
    );
    if (missing) return result({ kind: "file_missing", source: ref.table, rowId: String(missing.id), sha256: missing.sha256 });
  }

  // 3. Every customer signature's evidence hash recomputes from the stored facts.
  let afterId = 0;
  for (;;) {
    await yieldToEventLoop();
    const page = await db
      .select()
      .from(workOrderSignoffs)
      .where(and(eq(workOrderSignoffs.kind, "customer_signed"), gt(workOrderSignoffs.id, afterId)))
      .orderBy(asc(workOrderSignoffs.id))
      .limit(200);
    for (const s of page) {
      const kind = signoffEvidenceHash(s) !== s.evidenceHash ? "evidence_mismatch" : !(await signedInAuditLog(db, s)) ? "evidence_unrecorded" : null;
      if (kind) {
        const [wo] = await db.select({ code: workOrders.code }).from(workOrders).where(eq(workOrders.id, s.workOrderId));
        return result({ kind, signoffId: s.id, workOrderId: s.workOrderId, workOrderCode: wo?.code ?? null });
      }
      signoffs += 1;
    }
    if (page.length < 200) break;
    afterId = page.at(-1)!.id;
  }
  return result(null);
}

/** The audit log holds the signing of this work order with this evidence hash (server/work-orders/customer-sign.ts). */
async function signedInAuditLog(db: Db, s: { workOrderId: string; evidenceHash: string | null }): Promise<boolean> {
  if (!s.evidenceHash) return false;
  const [row] = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.subjectType, "work_order"),
        eq(auditEvents.subjectId, s.workOrderId),
        eq(auditEvents.name, "workOrder.customerSigned"),
        sql`${auditEvents.payload}->>'evidenceHash' = ${s.evidenceHash}`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * The evidence hash of a stored customer sign-off, as the phone made it at capture: the client time is the ISO
 * string of the stored instant (the phone sends `Date.toISOString()`; the server stores that instant).
 * Null when a fact it binds is missing (then it cannot match).
 */
export function signoffEvidenceHash(s: typeof workOrderSignoffs.$inferSelect): string | null {
  if (!s.snapshot || !s.signatureSha256 || !s.actorId || !s.deviceId || !s.clientTime) return null;
  return evidenceHash({
    snapshot: s.snapshot as Record<string, unknown>,
    signatureSha256: s.signatureSha256,
    signerName: s.signerName,
    userId: s.actorId,
    deviceId: s.deviceId,
    clientTime: s.clientTime.toISOString(),
  });
}

/** The whole check: chain, then evidence. */
export async function verifyAll(db: Db, opts: { anchors?: TAnchor[] } = {}): Promise<TVerifyResult> {
  const started = performance.now();
  const chain = await verifyAuditChain(db, { anchors: opts.anchors });
  const evidence = await verifyEvidence(db);
  return {
    ok: chain.ok && evidence.ok,
    checkedAt: new Date().toISOString(),
    ms: Math.round(performance.now() - started),
    chain,
    evidence,
  };
}
