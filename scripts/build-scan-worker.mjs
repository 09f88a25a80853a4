/**
 * Bundles the scan decoder worker (client/scanner/worker.ts, with zxing-wasm's glue and the zxing-js fallback)
 * into public/scanner/decoder-worker.js, served from our own origin and precached by the service worker like
 * public/zxing/zxing_reader.wasm. Run by `npm run build` and `npm run dev` (prebuild/predev); generated, not committed.
 *
 * Why not Turbopack's `new Worker(new URL("./worker.ts", import.meta.url))`: Next 16.4's worker bootstrap reads its
 * chunk list from the script URL's `#params=` fragment, and a worker script answered from the service-worker
 * precache arrives without the fragment ("Missing worker bootstrap config"), so the worker failed on every
 * controlled page, i.e. always once the app is installed (checked in Chromium, tests/e2e/scanner.test.ts).
 */
import { build } from "esbuild";
import { statSync } from "node:fs";

const outfile = "public/scanner/decoder-worker.js";
await build({
  entryPoints: ["client/scanner/worker.ts"],
  outfile,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: ["es2020"],
  minify: true,
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
  // engine-js reads `default` on purpose (CJS/ESM interop), and falls back to the namespace
  logOverride: { "import-is-undefined": "silent" },
});
console.log(`scan worker: ${outfile} (${Math.round(statSync(outfile).size / 1024)} KB)`);
