/**
 * Copies zxing-wasm's reader module (zxing_reader.wasm, ~0.95 MB) into public/zxing/ so the browser loads it from
 * our own origin (client/scanner WASM_URL) and the service worker precaches it; never from a CDN.
 * Run by `npm run build` and `npm run dev` (prebuild/predev). The copy is generated, not committed.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const src = require.resolve("zxing-wasm/reader/zxing_reader.wasm");
const dest = "public/zxing/zxing_reader.wasm";
const hash = (p) => createHash("sha256").update(readFileSync(p)).digest("hex");

mkdirSync("public/zxing", { recursive: true });
if (!existsSync(dest) || hash(dest) !== hash(src)) copyFileSync(src, dest);
console.log(`zxing-wasm: ${dest} (sha256 ${hash(dest).slice(0, 16)})`);
