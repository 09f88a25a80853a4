/**
 * npm run bench:decode:all [-- --root <fixtures/barcodes>]
 * The decode benchmark over every set of <root>/zxing-cpp (default ../shared/fixtures/barcodes) for both engines,
 * and the camera-sized frames when they have been generated (npm run bench:frames, $TMPDIR/tracemark-frames). Writes the
 * per-set files (decode-<set>-<engine>.json) and bench/results/decode-summary.json with zxing-cpp's own anchor
 * counts from <root>/README.md beside ours.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { TDecoderEngine } from "@/client/scanner";
import { createWasmDecoder } from "@/client/scanner/engine-wasm";
import { runBench, wasmBinary, type BenchRun } from "./decode-lib";
import { DEFAULT_FRAMES_DIR } from "./frames/make-frames";

const { values } = parseArgs({ options: { root: { type: "string" }, frames: { type: "string" } } });
const root = resolve(values.root ?? join(process.cwd(), "../shared/fixtures/barcodes"));
const framesDir = resolve(values.frames ?? DEFAULT_FRAMES_DIR);
const ENGINES: TDecoderEngine[] = ["wasm", "js"];

/** "| qrcode-2 | 56 | 50 | 53 |" rows of the fixtures README: set, images, fast, try-harder. */
function anchors(): Record<string, { images: string; fast: number; tryHarder: number }> {
  const readme = join(root, "README.md");
  if (!existsSync(readme)) return {};
  const rows = readFileSync(readme, "utf8").matchAll(/^\|\s*([a-z0-9-]+)\s*\|\s*([^|]+?)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|$/gm);
  return Object.fromEntries([...rows].map((m) => [m[1]!, { images: m[2]!, fast: Number(m[3]), tryHarder: Number(m[4]) }]));
}

function short(run: BenchRun) {
  return { ...run.summary, accepted_misread: run.acceptedMisread, mean_ms: run.meanMs, max_ms: run.maxMs };
}

function save(run: BenchRun): void {
  writeFileSync(`bench/results/decode-${run.set}-${run.engine}.json`, `${JSON.stringify(run, null, 2)}\n`);
}

mkdirSync("bench/results", { recursive: true });
const anchor = anchors();
const sets = readdirSync(join(root, "zxing-cpp")).sort();
const rows = [];
const total = Object.fromEntries(ENGINES.map((e) => [e, { n: 0, ok: 0, misread: 0, accepted_misread: 0 }]));
for (const set of sets) {
  const row: Record<string, unknown> = { set, zxing_cpp: anchor[set] ?? null };
  for (const engine of ENGINES) {
    const run = await runBench(join(root, "zxing-cpp", set), engine, set);
    save(run);
    row[engine] = short(run);
    const t = total[engine]!;
    t.n += run.summary.n;
    t.ok += run.summary.ok;
    t.misread += run.summary.misread;
    t.accepted_misread += run.acceptedMisread;
    console.log(`${set.padEnd(13)} ${engine.padEnd(4)} ${JSON.stringify(run.summary)} anchor try-harder ${anchor[set]?.tryHarder ?? "?"}`);
  }
  const a = anchor[set]?.tryHarder;
  row.wasm_meets_try_harder = a === undefined ? null : (row.wasm as { ok: number }).ok >= a;
  rows.push(row);
}

let frames: Record<string, unknown> | null = null;
if (existsSync(framesDir)) {
  frames = {};
  for (const engine of ENGINES) {
    const run = await runBench(framesDir, engine, "frames");
    save(run);
    frames[engine] = short(run);
    console.log(`frames        ${engine.padEnd(4)} ${JSON.stringify(run.summary)} accepted misreads ${run.acceptedMisread}`);
  }
  // baseline: zxing-cpp's full try-harder pass (inverted look included) and nothing else ("a single zxing pass")
  const single = await runBench(framesDir, "wasm", "frames", () => createWasmDecoder({ engine: "wasm", wasmBinary: wasmBinary() }, "single"));
  frames.wasm_single_pass = short(single);
  console.log(`frames        1pass ${JSON.stringify(single.summary)} accepted misreads ${single.acceptedMisread}`);
}

const summary = {
  when: new Date().toISOString(),
  machine: { cpus: (await import("node:os")).cpus().length, node: process.version },
  note: "ok = decoded text equal to NAME.txt; images with only NAME.bin are not counted (datamatrix-1: 29 of the 31 listed files have a .txt beside a single image)",
  sets: rows,
  total,
  frames,
};
writeFileSync("bench/results/decode-summary.json", `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify({ total, frames }));
