import { describe, expect, it } from "vitest";
import { sha256Hex } from "@/domain/evidence/canonical";
import { ChainChecker, GENESIS_HASH, type TChainBreak, type TChainRow } from "./chain";

/** A valid chain of n rows, built the way the database trigger builds it. */
function chain(n: number): TChainRow[] {
  const rows: TChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const canonical = `[${i}, 1700000000000000, null, "user.loggedIn", "user", "u${i}", {"ip": "10.0.0.${i}"}]`;
    const hash = sha256Hex(prev + canonical);
    rows.push({ id: 100 + i, chainSeq: i, prevHash: prev, hash, canonical });
    prev = hash;
  }
  return rows;
}

function run(rows: TChainRow[], head?: { lastSeq: number; lastHash: string }): { brk: TChainBreak | null; count: number } {
  const c = new ChainChecker();
  for (const r of rows) if (c.check(r)) break;
  const last = rows.at(-1);
  return { brk: c.finish(head ?? { lastSeq: last?.chainSeq ?? 0, lastHash: last?.hash ?? GENESIS_HASH }), count: c.count };
}

describe("ChainChecker", () => {
  it("accepts an empty chain whose head is the genesis", () => {
    expect(run([], { lastSeq: 0, lastHash: GENESIS_HASH })).toEqual({ brk: null, count: 0 });
  });

  it("accepts a valid chain and counts its rows", () => {
    expect(run(chain(5))).toEqual({ brk: null, count: 5 });
  });

  it("recomputes with the hash it is given (the server passes node:crypto)", () => {
    const c = new ChainChecker(() => "x".repeat(64));
    expect(c.check(chain(1)[0]!)).toEqual({ kind: "hash_mismatch", chainSeq: 1, id: 101 });
  });

  it("a changed row's content: hash mismatch at that row", () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, canonical: rows[2]!.canonical.replace("10.0.0.3", "10.0.0.9") };
    expect(run(rows).brk).toEqual({ kind: "hash_mismatch", chainSeq: 3, id: 103 });
  });

  it("a changed row with its own hash recomputed: the next row's link breaks", () => {
    const rows = chain(5);
    const canonical = rows[2]!.canonical.replace("10.0.0.3", "10.0.0.9");
    rows[2] = { ...rows[2]!, canonical, hash: sha256Hex(rows[2]!.prevHash! + canonical) };
    expect(run(rows).brk).toEqual({ kind: "prev_hash_mismatch", chainSeq: 4, id: 104 });
  });

  it("a deleted middle row: gap at the row after it", () => {
    const rows = chain(5);
    rows.splice(2, 1);
    expect(run(rows).brk).toEqual({ kind: "seq_gap", chainSeq: 4, id: 104, expectedSeq: 3 });
  });

  it("a deleted first row: gap at the start", () => {
    expect(run(chain(3).slice(1)).brk).toEqual({ kind: "seq_gap", chainSeq: 2, id: 102, expectedSeq: 1 });
  });

  it("a deleted middle row renumbered to close the gap: the link breaks", () => {
    const rows = chain(5);
    rows.splice(2, 1);
    rows[2] = { ...rows[2]!, chainSeq: 3 };
    rows[3] = { ...rows[3]!, chainSeq: 4 };
    expect(run(rows).brk).toEqual({ kind: "prev_hash_mismatch", chainSeq: 3, id: 104 });
  });

  it("two rows swapped: the first swapped place breaks its link", () => {
    const rows = chain(5);
    const a = rows[1]!;
    const b = rows[3]!;
    rows[1] = { ...b, chainSeq: 2 };
    rows[3] = { ...a, chainSeq: 4 };
    expect(run(rows).brk).toEqual({ kind: "prev_hash_mismatch", chainSeq: 2, id: 104 });
  });

  it("the last row deleted: the head names a row that is not there", () => {
    const rows = chain(5);
    const head = { lastSeq: 5, lastHash: rows[4]!.hash! };
    expect(run(rows.slice(0, 4), head).brk).toEqual({ kind: "head_mismatch", headSeq: 5, lastSeq: 4 });
  });

  it("a head with the right number but another hash", () => {
    expect(run(chain(3), { lastSeq: 3, lastHash: "f".repeat(64) }).brk).toEqual({ kind: "head_mismatch", headSeq: 3, lastSeq: 3 });
  });

  it("a row without chain fields is unchained", () => {
    const rows = chain(3);
    rows[1] = { ...rows[1]!, chainSeq: null, prevHash: null, hash: null };
    expect(run(rows).brk).toEqual({ kind: "unchained", id: 102 });
  });

  it("reports only the first break, and keeps reporting it", () => {
    const rows = chain(6);
    rows[1] = { ...rows[1]!, canonical: "changed" };
    rows.splice(4, 1);
    const c = new ChainChecker();
    const first = rows.map((r) => c.check(r)).find(Boolean);
    expect(first).toEqual({ kind: "hash_mismatch", chainSeq: 2, id: 102 });
    expect(c.finish({ lastSeq: 0, lastHash: GENESIS_HASH })).toEqual(first);
    expect(c.count).toBe(1);
  });

  it("binds the text byte for byte: one space more is a different hash", () => {
    const rows = chain(2);
    rows[1] = { ...rows[1]!, canonical: `${rows[1]!.canonical} ` };
    expect(run(rows).brk?.kind).toBe("hash_mismatch");
  });
});
