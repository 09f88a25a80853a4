/**
 * The audit chain's rule, once: each row's `hash = SHA-256(prev_hash || canonical row)` (hex), the first row's
 * `prev_hash` is 64 zeros, `chain_seq` counts 1, 2, 3… with no gap, and the head (audit_chain_head) names the
 * last row. The canonical text is made by the database (tm_audit_canonical, migration 0006); this checker
 * recomputes every hash from the previous *recomputed* hash, so a changed, removed or reordered row breaks the
 * chain at the first place it differs, whatever the stored hashes say.
 */
import { sha256Hex } from "@/domain/evidence/canonical";

export const GENESIS_HASH = "0".repeat(64);

/** One audit row as the verifier reads it. */
export interface TChainRow {
  id: number;
  chainSeq: number | null;
  prevHash: string | null;
  hash: string | null;
  /** tm_audit_canonical(...) of the row's stored fields. */
  canonical: string;
}

/**
 * The first broken link:
 * - `seq_gap`: chain_seq jumps (rows before this one were deleted);
 * - `prev_hash_mismatch`: the row does not point at the row before it (a row removed, reordered or rewritten);
 * - `hash_mismatch`: the row's content no longer gives its stored hash (the row was changed);
 * - `unchained`: a row without chain_seq or hash (written with the chain trigger disabled);
 * - `head_mismatch`: the head names another last row (rows removed at the end, or the head rewritten);
 * - `head_missing`: the head row itself is gone;
 * - `beyond_head`: a row numbered past the head (written around the trigger).
 */
export type TChainBreak =
  | { kind: "seq_gap"; chainSeq: number; id: number; expectedSeq: number }
  | { kind: "prev_hash_mismatch"; chainSeq: number; id: number }
  | { kind: "hash_mismatch"; chainSeq: number; id: number }
  | { kind: "unchained"; id: number }
  | { kind: "head_mismatch"; headSeq: number; lastSeq: number }
  | { kind: "head_missing" }
  | { kind: "beyond_head"; chainSeq: number; id: number };
export type TChainBreakKind = TChainBreak["kind"];

export type THashText = (text: string) => string;

/** Feeds rows in chain_seq order; `check` answers the first break (and keeps answering it). */
export class ChainChecker {
  private expectedSeq = 1;
  private prev = GENESIS_HASH;
  private broken: TChainBreak | null = null;
  count = 0;

  constructor(private readonly hash: THashText = sha256Hex) {}

  /** The recomputed hash of the last row checked (the genesis hash before any). */
  get lastHash(): string {
    return this.prev;
  }

  get lastSeq(): number {
    return this.expectedSeq - 1;
  }

  get firstBreak(): TChainBreak | null {
    return this.broken;
  }

  check(row: TChainRow): TChainBreak | null {
    if (this.broken) return this.broken;
    if (row.chainSeq === null || row.hash === null || row.prevHash === null) return (this.broken = { kind: "unchained", id: row.id });
    if (row.chainSeq !== this.expectedSeq) {
      return (this.broken = { kind: "seq_gap", chainSeq: row.chainSeq, id: row.id, expectedSeq: this.expectedSeq });
    }
    if (row.prevHash !== this.prev) return (this.broken = { kind: "prev_hash_mismatch", chainSeq: row.chainSeq, id: row.id });
    const recomputed = this.hash(this.prev + row.canonical);
    if (recomputed !== row.hash) return (this.broken = { kind: "hash_mismatch", chainSeq: row.chainSeq, id: row.id });
    this.prev = recomputed;
    this.expectedSeq += 1;
    this.count += 1;
    return null;
  }

  /** After the last row up to the head: the head must name the last row checked, by number and hash. */
  finish(head: { lastSeq: number; lastHash: string }): TChainBreak | null {
    if (this.broken) return this.broken;
    if (head.lastSeq !== this.lastSeq || head.lastHash !== this.prev) {
      return (this.broken = { kind: "head_mismatch", headSeq: head.lastSeq, lastSeq: this.lastSeq });
    }
    return null;
  }
}
