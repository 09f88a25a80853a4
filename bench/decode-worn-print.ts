/**
 * npm run bench:decode:worn:print [-- --variants "code128:0.75:7.5,qrcode:1.43,…"]
 * How should we print our own instrument and stock tags (issue 10)? Each variant re-prints the IN/ST/EQ tags of the
 * worn set (bench/frames/worn.ts, same poses and same wear; generated into $TMPDIR when missing) in one symbology
 * and module size, and the app's decoder reads them. Only our own tags' frames are counted. Writes
 * bench/results/decode-worn-print.json. Sizes are what fits our 90 × 45 mm label (server/instruments/labels.ts).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createWasmDecoder } from "@/client/scanner/engine-wasm";
import { percentile, runBench, wasmBinary } from "./decode-lib";
import { makeWornFrames, WORN_COUNT, WORN_SEED, wornDir } from "./frames/make-frames";
import { parsePrint } from "./frames/worn";

const DEFAULT_VARIANTS = [
  "code128:0.75:7.5", // today's label: 84 mm wide, 7.5 mm bars under the text
  "code128:0.75:12", // the same with 12 mm bars
  "qrcode:1.43", // today's label: 30 mm QR, level M
  "qrcode:1.43:H", // 30 mm, level H (the tag fits version 1 at H too)
  "qrcode:1.9:H", // 40 mm, level H
  "datamatrix:2.1", // 30 mm Data Matrix (14 × 14 for IN-nnnnnn)
  "datamatrix:1.5", // 21 mm Data Matrix
];

const { values } = parseArgs({ options: { variants: { type: "string" } } });
const specs = values.variants?.split(",") ?? DEFAULT_VARIANTS;
const OWN = /^\d{4}-(asset|stock|equipment)-/;

const rows = [];
for (const spec of specs) {
  const print = parsePrint(spec);
  const dir = wornDir(print);
  if (!existsSync(dir)) await makeWornFrames(dir, WORN_COUNT, WORN_SEED, print);
  const run = await runBench(dir, "wasm", "worn-print", () => createWasmDecoder({ engine: "wasm", wasmBinary: wasmBinary() }), true);
  const own = run.files.filter((f) => OWN.test(f.file));
  const cpu = own.map((f) => f.cpu_ms).sort((a, b) => a - b);
  const row = {
    print: spec,
    n: own.length,
    ok: own.filter((f) => f.ok).length,
    misread: own.filter((f) => f.misread).length,
    p50_cpu_ms: percentile(cpu, 50),
    p95_cpu_ms: percentile(cpu, 95),
    whole_set: { n: run.summary.n, ok: run.summary.ok, misread: run.summary.misread, p95_cpu_ms: run.cpu.p95_cpu_ms },
  };
  rows.push(row);
  console.log(
    `${spec.padEnd(18)} own tags ${row.ok}/${row.n} misread ${row.misread} cpu p50 ${row.p50_cpu_ms} p95 ${row.p95_cpu_ms} ms · whole set ${run.summary.ok}/${run.summary.n}`,
  );
}
mkdirSync("bench/results", { recursive: true });
writeFileSync(
  "bench/results/decode-worn-print.json",
  `${JSON.stringify({ when: new Date().toISOString(), note: "own tags (IN/ST/EQ) of the worn set re-printed per variant; same poses and wear; app's decoder; CPU time per frame", variants: rows }, null, 2)}\n`,
);
