/**
 * Where the time goes (docs/perf/sync-profile.md), from what `npm run bench:load -- --profile DIR` leaves:
 *  - the app server's V8 CPU profiles (DIR/*.cpuprofile, `node --cpu-prof`): self time by function and by module;
 *  - PostgreSQL's statement log (log_min_duration_statement = 0 on the bench database): statements, their count
 *    and time, for the whole run (`pgLogStats`) or for one request (`pgLogSince`, bench/load.ts's probe).
 *
 *   npx tsx bench/load-profile.ts DIR [--top 40]         prints the CPU summary as JSON
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: CpuNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A module name for a script URL: the npm package, the app's source file or bundled chunk, or a V8 pseudo-frame. */
export function moduleOf(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native/builtin)";
  if (url.startsWith("node:")) return "node:internal";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const next = url.indexOf(".next/");
  if (next >= 0) return url.slice(next);
  return url.replace(/^file:\/\//, "");
}

/** Self time (ms) by function and by module over every profile in `dir`. */
export function cpuSummary(dir: string, top = 40) {
  const byFn = new Map<string, number>();
  const byModule = new Map<string, number>();
  let total = 0;
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  for (const f of files) {
    const p = JSON.parse(readFileSync(path.join(dir, f), "utf8")) as CpuProfile;
    const nodes = new Map(p.nodes.map((n) => [n.id, n]));
    const self = new Map<number, number>();
    p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
    for (const [id, us] of self) {
      const n = nodes.get(id)!;
      const { functionName, url, lineNumber } = n.callFrame;
      const mod = moduleOf(url, functionName);
      const fn = `${functionName || "(anonymous)"} ${mod}${url ? `:${lineNumber + 1}` : ""}`;
      byFn.set(fn, (byFn.get(fn) ?? 0) + us / 1000);
      byModule.set(mod, (byModule.get(mod) ?? 0) + us / 1000);
      total += us / 1000;
    }
  }
  const rank = (m: Map<string, number>) =>
    [...m]
      .sort((x, y) => y[1] - x[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), percent: +((ms / total) * 100).toFixed(1) }));
  const idle = byModule.get("(idle)") ?? 0;
  return { profiles: files.length, total_ms: Math.round(total), busy_ms: Math.round(total - idle), by_module: rank(byModule), by_function: rank(byFn) };
}

export const PG_LOG = process.env.PG_LOG ?? "/var/log/postgresql/postgresql-15-main.log";

/** The statement log's size now (a probe reads what comes after it). */
export function pgLogMark(file = PG_LOG): number {
  try {
    return statSync(file).size;
  } catch {
    return -1;
  }
}

function readFrom(file: string, offset: number): string {
  const size = statSync(file).size;
  const buf = Buffer.alloc(Math.max(0, size - offset));
  const fd = openSync(file, "r");
  try {
    readSync(fd, buf, 0, buf.length, offset);
  } finally {
    closeSync(fd);
  }
  return buf.toString("utf8");
}

/** A statement with its literals and parameters blanked, so the same query counts once. */
export function normalise(q: string): string {
  return q
    .replace(/\s+/g, " ")
    .replace(/'[^']*'/g, "?")
    .replace(/\$\d+/g, "?")
    .replace(/\b\d+\b/g, "N")
    .trim()
    .slice(0, 220);
}

export interface StatementStat {
  statement: string;
  count: number;
  ms: number;
}

/**
 * The statements logged for database `db` after byte `offset`: count and time per normalised statement (parse,
 * bind and execute of the extended protocol summed), in descending time.
 */
export function pgLogSince(db: string, offset: number, file = PG_LOG): { statements: number; ms: number; by_statement: StatementStat[] } {
  if (offset < 0) return { statements: 0, ms: 0, by_statement: [] };
  const text = readFrom(file, offset);
  // an entry starts with the log_line_prefix's timestamp; continuation lines of a long statement start with a tab
  const entries = text.split(/\n(?=\d{4}-\d\d-\d\d )/);
  const stats = new Map<string, StatementStat>();
  let statements = 0;
  let ms = 0;
  for (const e of entries) {
    if (!e.includes(`@${db} `)) continue;
    const m = /duration: ([\d.]+) ms {2}(parse|bind|execute|statement)[^:]*: ([\s\S]*)$/.exec(e);
    if (!m) continue;
    const d = Number(m[1]);
    const key = normalise(m[3]!.split(/\n\d{4}-\d\d-\d\d .*DETAIL:/)[0]!);
    const s = stats.get(key) ?? { statement: key, count: 0, ms: 0 };
    if (m[2] === "execute" || m[2] === "statement") {
      s.count++;
      statements++;
    }
    s.ms += d;
    ms += d;
    stats.set(key, s);
  }
  const by_statement = [...stats.values()].map((s) => ({ ...s, ms: +s.ms.toFixed(2) })).sort((x, y) => y.ms - x.ms);
  return { statements, ms: +ms.toFixed(2), by_statement };
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "40" } } });
  if (!positionals[0]) {
    console.error("usage: tsx bench/load-profile.ts DIR [--top 40]");
    process.exit(2);
  }
  console.log(JSON.stringify(cpuSummary(positionals[0], Number(values.top)), null, 2));
}
