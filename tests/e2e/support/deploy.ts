import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Simulates a deploy of a new service worker on a running server (the served public/sw.js changes) and puts
 * the built one back afterwards. Call `restore()` in afterAll.
 */
export function workerDeploys() {
  const swPath = path.join(process.cwd(), "public", "sw.js");
  const original = readFileSync(swPath, "utf8");
  return {
    deploy: () => writeFileSync(swPath, `${original}\n// deploy ${Date.now()}\n`),
    restore: () => writeFileSync(swPath, original),
  };
}
