import { round1 } from "./satisfaction";

/**
 * The statistical tools of P5 (排列图, 调查表): pure, shared by the screens, the reports and the PDFs.
 */

export interface TParetoRow<K extends string> {
  key: K;
  count: number;
  /** This bar's share of the total, per cent, one decimal. */
  sharePct: number;
  /** Running share up to and including this bar, per cent, one decimal (the last is 100). */
  cumulativePct: number;
  /** In the "vital few": the bars up to and including the one that first reaches 80 % cumulative. */
  vital: boolean;
}

/** A Pareto from counts: largest first (ties by key), zero counts left out, shares on the exact total (round1: 201/400 is 50.3 %). */
export function paretoOfCounts<K extends string>(counts: ReadonlyMap<K, number> | Readonly<Record<K, number>>): TParetoRow<K>[] {
  const entries: [K, number][] = counts instanceof Map ? [...(counts as ReadonlyMap<K, number>).entries()] : (Object.entries(counts) as [K, number][]);
  const rows = entries
    .filter(([, c]) => c > 0)
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const total = rows.reduce((t, r) => t + r.count, 0);
  let running = 0;
  let reached = false;
  return rows.map((r) => {
    running += r.count;
    const vital = !reached;
    if (running * 100 >= total * 80) reached = true;
    return {
      ...r,
      sharePct: round1((r.count / total) * 100),
      cumulativePct: running === total ? 100 : round1((running / total) * 100),
      vital,
    };
  });
}

/** A Pareto of keys, one per occurrence. */
export function pareto<K extends string>(keys: readonly K[]): TParetoRow<K>[] {
  const counts = new Map<K, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return paretoOfCounts(counts);
}

/**
 * A check sheet (调查表): a tally of records by a row key and a column key (e.g. complaint category × week day),
 * with row and column totals; rows and columns in the order given (unknown keys appended in name order).
 */
export function checkSheet<R extends string, C extends string>(
  records: readonly { row: R; col: C }[],
  rowOrder: readonly R[] = [],
  colOrder: readonly C[] = [],
): { rows: R[]; cols: C[]; cells: number[][]; rowTotals: number[]; colTotals: number[]; total: number } {
  const rows = [...rowOrder];
  const cols = [...colOrder];
  const extraRows = [...new Set(records.map((r) => r.row))].filter((r) => !rows.includes(r)).sort();
  const extraCols = [...new Set(records.map((r) => r.col))].filter((c) => !cols.includes(c)).sort();
  rows.push(...extraRows);
  cols.push(...extraCols);
  const cells = rows.map(() => cols.map(() => 0));
  for (const r of records) cells[rows.indexOf(r.row)]![cols.indexOf(r.col)]! += 1;
  const rowTotals = cells.map((line) => line.reduce((a, b) => a + b, 0));
  const colTotals = cols.map((_, j) => cells.reduce((a, line) => a + line[j]!, 0));
  return { rows, cols, cells, rowTotals, colTotals, total: records.length };
}

/** A count as tally marks the way a Chinese check sheet writes them: one 正 per five, the remainder in strokes. */
export function tallyMarks(count: number): string {
  const strokes = ["", "一", "丅", "下", "止"] as const;
  return "正".repeat(Math.floor(count / 5)) + (strokes[count % 5] ?? "");
}
