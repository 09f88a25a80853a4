/**
 * npm run bench:decode -- --dir <folder> [--engine wasm|js] [--set NAME]
 * Decodes every png/jpg/webp in <folder> whose expected text is in NAME.txt beside it, through the app's decoder
 * (client/scanner). Per-file results → bench/results/decode-<set>-<engine>.json. Last line printed: the summary
 * { "n", "ok", "misread", "p50_ms", "p95_ms" } as JSON.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runBench } from "./decode-lib";

const { values } = parseArgs({
  options: { dir: { type: "string" }, engine: { type: "string", default: "wasm" }, set: { type: "string" } },
});
if (!values.dir || (values.engine !== "wasm" && values.engine !== "js")) {
  console.error("usage: npm run bench:decode -- --dir <folder> [--engine wasm|js] [--set NAME]");
  process.exit(2);
}
const dir = resolve(values.dir);
const set = values.set ?? basename(dir);
const run = await runBench(dir, values.engine, set);
mkdirSync("bench/results", { recursive: true });
const out = `bench/results/decode-${set}-${run.engine}.json`;
writeFileSync(out, `${JSON.stringify(run, null, 2)}\n`);
console.log(`${set} ${run.engine}: init ${run.initMs} ms, mean ${run.meanMs} ms, max ${run.maxMs} ms, accepted misreads ${run.acceptedMisread} → ${out}`);
console.log(JSON.stringify(run.summary));
